//! The PIN's key: PBKDF2-SHA256 through WebCrypto (native speed; in wasm 600,000 iterations would
//! take seconds on a tablet). Called through `Reflect` so no unstable web-sys feature is needed.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::VaultError;
use super::seal::Key;

fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, VaultError> {
    let method: Function = Reflect::get(target, &name.into())
        .ok()
        .and_then(|m| m.dyn_into().ok())
        .ok_or(VaultError::NoCrypto)?;
    let args: Array = args.iter().collect();
    Reflect::apply(&method, target, &args).map_err(|_| VaultError::NoCrypto)
}

async fn settle(promise: JsValue) -> Result<JsValue, VaultError> {
    JsFuture::from(Promise::from(promise))
        .await
        .map_err(|_| VaultError::NoCrypto)
}

fn object(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        let _ignored = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// The 256-bit key PBKDF2-SHA256 derives from `pin` and `salt`.
pub async fn derive(pin: &str, salt: &[u8], iterations: u32) -> Result<Key, VaultError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(VaultError::NoCrypto)?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(|_| VaultError::NoCrypto)?;
    if subtle.is_undefined() {
        // WebCrypto exists only in secure contexts (https, or http on 127.0.0.1/localhost).
        return Err(VaultError::NoCrypto);
    }
    let usages: Array = std::iter::once(JsValue::from_str("deriveBits")).collect();
    let base = settle(call(
        &subtle,
        "importKey",
        &[
            "raw".into(),
            Uint8Array::from(pin.as_bytes()).into(),
            "PBKDF2".into(),
            false.into(),
            usages.into(),
        ],
    )?)
    .await?;
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ]);
    let bits = settle(call(
        &subtle,
        "deriveBits",
        &[params.into(), base, 256.into()],
    )?)
    .await?;
    let bytes = Uint8Array::new(&bits).to_vec();
    <[u8; 32]>::try_from(bytes.as_slice())
        .map(Key)
        .map_err(|_| VaultError::NoCrypto)
}
