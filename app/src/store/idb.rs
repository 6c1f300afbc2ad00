//! A minimal promise bridge over IndexedDB.
//!
//! Write transactions ask for `durability: "strict"`: since Chrome 121 the default is relaxed,
//! where `complete` fires before the data is flushed, and we tell the user "saved" on `complete`.
//! `durability` is still behind web-sys's unstable flag, so the options object is built by hand.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::{Closure, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbObjectStoreParameters, IdbRequest, IdbTransaction};

/// Why the device store failed, for the console; the screen says it through
/// [`crate::error::AppError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdbError(pub String);

impl std::fmt::Display for IdbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for IdbError {}

impl IdbError {
    fn from_js(context: &str, value: &JsValue) -> Self {
        let field = |name: &str| {
            Reflect::get(value, &JsValue::from_str(name))
                .ok()
                .and_then(|m| m.as_string())
        };
        let detail = value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| field("message"))
            .unwrap_or_else(|| "unknown error".to_owned());
        Self::from_parts(context, &field("name").unwrap_or_default(), &detail)
    }

    /// `context: name: detail`, the name being the DOM exception's (e.g. `QuotaExceededError`).
    pub fn from_parts(context: &str, name: &str, detail: &str) -> Self {
        if name.is_empty() {
            Self(format!("{context}: {detail}"))
        } else {
            Self(format!("{context}: {name}: {detail}"))
        }
    }

    /// The browser refused the write for lack of space.
    pub fn quota_exceeded(&self) -> bool {
        self.0.contains("QuotaExceededError")
    }
}

pub type Result<T> = std::result::Result<T, IdbError>;

/// Resolves with `request.result` on success, rejects with `request.error`.
fn request_promise(request: &IdbRequest) -> Promise {
    let request = request.clone();
    Promise::new(&mut |resolve: Function, reject: Function| {
        let on_success = {
            let request = request.clone();
            Closure::once_into_js(move || {
                let _ignored =
                    resolve.call1(&JsValue::UNDEFINED, &request.result().unwrap_or_default());
            })
        };
        let on_error = {
            let request = request.clone();
            Closure::once_into_js(move || {
                let error = request
                    .error()
                    .ok()
                    .flatten()
                    .map(JsValue::from)
                    .unwrap_or_default();
                let _ignored = reject.call1(&JsValue::UNDEFINED, &error);
            })
        };
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    })
}

pub async fn request(context: &str, request: &IdbRequest) -> Result<JsValue> {
    JsFuture::from(request_promise(request))
        .await
        .map_err(|e| IdbError::from_js(context, &e))
}

/// Opens (creating or upgrading) database `name` at `version`. `upgrade` runs inside the
/// upgrade transaction (creating stores and indexes); if it fails, that transaction is aborted,
/// so the database stays at its old version with its data, and the open fails with its error.
pub async fn open(
    name: &str,
    version: u32,
    upgrade: fn(&IdbDatabase, &IdbTransaction) -> Result<()>,
) -> Result<IdbDatabase> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| IdbError("this browser offers no IndexedDB storage".to_owned()))?;
    let open = factory
        .open_with_u32(name, version)
        .map_err(|e| IdbError::from_js("cannot open device storage", &e))?;
    let failed: Rc<RefCell<Option<IdbError>>> = Rc::default();
    let on_upgrade = {
        let open = open.clone();
        let failed = Rc::clone(&failed);
        Closure::once_into_js(move || {
            let (Ok(db), Some(tx)) = (open.result(), open.transaction()) else {
                return;
            };
            if let Err(e) = upgrade(db.unchecked_ref(), &tx) {
                *failed.borrow_mut() = Some(e);
                let _ignored = tx.abort();
            }
        })
    };
    open.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    match request("cannot open device storage", &open).await {
        Ok(db) => Ok(db.unchecked_into()),
        Err(e) => Err(failed.take().unwrap_or(e)),
    }
}

pub fn create_store(db: &IdbDatabase, name: &str, auto_increment: bool) -> Result<()> {
    if db.object_store_names().contains(name) {
        return Ok(());
    }
    let params = IdbObjectStoreParameters::new();
    params.set_auto_increment(auto_increment);
    db.create_object_store_with_optional_parameters(name, &params)
        .map(drop)
        .map_err(|e| IdbError::from_js("cannot create device storage", &e))
}

/// Calls `target.name(args...)`. web-sys's `IdbIndex`/`IdbKeyRange` features are not enabled
/// in this crate, so the few index calls go through `Reflect` like `durability` does.
fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue> {
    let method: Function = Reflect::get(target, &name.into())
        .map_err(|e| IdbError::from_js("device storage", &e))?
        .dyn_into()
        .map_err(|_| IdbError(format!("device storage has no {name}")))?;
    let args: Array = args.iter().collect();
    Reflect::apply(&method, target, &args).map_err(|e| IdbError::from_js("device storage", &e))
}

/// Adds index `index` on `key_path` to `store_name` unless it exists. Run in the upgrade
/// transaction: the browser indexes the records already stored as part of that transaction.
pub fn create_index(
    tx: &IdbTransaction,
    store_name: &str,
    index: &str,
    key_path: &str,
) -> Result<()> {
    let store = store(tx, store_name)?;
    if store.index_names().contains(index) {
        return Ok(());
    }
    call(&store, "createIndex", &[index.into(), key_path.into()]).map(drop)
}

/// Primary keys of the records of `store_name` whose `index` key equals `value`.
pub async fn index_keys(
    tx: &IdbTransaction,
    store_name: &str,
    index: &str,
    value: &JsValue,
) -> Result<Array> {
    let store = store(tx, store_name)?;
    let index = call(&store, "index", &[index.into()])?;
    let req: IdbRequest = call(&index, "getAllKeys", std::slice::from_ref(value))?.unchecked_into();
    Ok(request("cannot read device storage", &req)
        .await?
        .unchecked_into())
}

pub fn delete(tx: &IdbTransaction, name: &str, key: &JsValue) -> Result<()> {
    store(tx, name)?
        .delete(key)
        .map(drop)
        .map_err(|e| IdbError::from_js("cannot write device storage", &e))
}

/// A transaction over `stores`; write transactions use strict durability.
pub fn transaction(db: &IdbDatabase, stores: &[&str], write: bool) -> Result<IdbTransaction> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    let mode = JsValue::from_str(if write { "readwrite" } else { "readonly" });
    let options = Object::new();
    if write {
        let _ignored = Reflect::set(&options, &"durability".into(), &"strict".into());
    }
    let open: Function = Reflect::get(db, &"transaction".into())
        .map_err(|e| IdbError::from_js("device storage", &e))?
        .unchecked_into();
    open.call3(db, &names, &mode, &options)
        .map(|tx| tx.unchecked_into())
        .map_err(|e| IdbError::from_js("cannot start a storage transaction", &e))
}

pub fn store(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore> {
    tx.object_store(name)
        .map_err(|e| IdbError::from_js("device storage", &e))
}

/// Resolves when `tx` commits (durably, for strict transactions); rejects if it aborts.
pub async fn committed(tx: &IdbTransaction) -> Result<()> {
    let tx = tx.clone();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::once_into_js(move || {
            let _ignored = resolve.call0(&JsValue::UNDEFINED);
        });
        let on_fail = {
            let tx = tx.clone();
            let reject = reject.clone();
            Closure::<dyn Fn()>::new(move || {
                let error = tx.error().map(JsValue::from).unwrap_or_default();
                let _ignored = reject.call1(&JsValue::UNDEFINED, &error);
            })
        };
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onerror(Some(on_fail.as_ref().unchecked_ref()));
        tx.set_onabort(Some(on_fail.as_ref().unchecked_ref()));
        on_fail.forget();
    });
    JsFuture::from(promise)
        .await
        .map(drop)
        .map_err(|e| IdbError::from_js("saving on this device failed", &e))
}

pub async fn get_all_keys(tx: &IdbTransaction, name: &str) -> Result<Array> {
    let req = store(tx, name)?
        .get_all_keys()
        .map_err(|e| IdbError::from_js("device storage", &e))?;
    Ok(request("cannot read device storage", &req)
        .await?
        .unchecked_into())
}

/// Deletes database `name`; resolves once it is gone (after other tabs close it).
pub async fn delete_database(name: &str) -> Result<()> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| IdbError("this browser offers no IndexedDB storage".to_owned()))?;
    let req = factory
        .delete_database(name)
        .map_err(|e| IdbError::from_js("cannot erase device storage", &e))?;
    request("cannot erase device storage", &req).await.map(drop)
}

pub async fn get_all(tx: &IdbTransaction, name: &str) -> Result<Array> {
    let req = store(tx, name)?
        .get_all()
        .map_err(|e| IdbError::from_js("device storage", &e))?;
    Ok(request("cannot read device storage", &req)
        .await?
        .unchecked_into())
}

pub fn put(tx: &IdbTransaction, name: &str, key: Option<&JsValue>, value: &JsValue) -> Result<()> {
    let store = store(tx, name)?;
    let result = match key {
        Some(key) => store.put_with_key(value, key),
        None => store.put(value),
    };
    result
        .map(drop)
        .map_err(|e| IdbError::from_js("cannot write device storage", &e))
}
