//! Thin wrappers over the browser APIs the app uses. Failures (private mode, old browsers) degrade
//! to `None`/`false` rather than panicking: the app must still start.

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn local_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Best effort: a full or blocked `localStorage` loses a preference, never work.
pub fn local_set(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ignored = storage.set_item(key, value);
    }
}

pub fn browser_language() -> Option<String> {
    window()?.navigator().language()
}

pub fn set_document_lang(code: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ignored = root.set_attribute("lang", code);
    }
}

/// A signal that follows `navigator.onLine` through the `online`/`offline` events.
pub fn online_signal() -> ReadSignal<bool> {
    let initial = window().is_none_or(|w| w.navigator().on_line());
    let (online, set_online) = signal(initial);
    if let Some(w) = window() {
        for (event, value) in [("online", true), ("offline", false)] {
            let handler = Closure::<dyn Fn()>::new(move || set_online.set(value));
            let _ignored =
                w.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            // Lives as long as the page: the listener is never removed.
            handler.forget();
        }
    }
    online
}

/// What the browser says about keeping our data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageStatus {
    pub persisted: bool,
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

impl StorageStatus {
    /// Less than 10% of the quota left, or under 50 MB: time to warn before unsynced work is at risk.
    pub fn is_low(&self) -> bool {
        match (self.usage_bytes, self.quota_bytes) {
            (Some(used), Some(quota)) if quota > 0.0 => {
                let left = quota - used;
                left < quota * 0.1 || left < 50.0 * 1024.0 * 1024.0
            }
            _ => false,
        }
    }
}

/// Asks for persistent storage (so the browser does not evict unsynced work) and reads the estimate.
pub async fn request_persistent_storage() -> Option<StorageStatus> {
    let storage = window()?.navigator().storage();
    let persisted = match storage.persist() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    };
    let estimate: Option<web_sys::StorageEstimate> = match storage.estimate() {
        Ok(promise) => JsFuture::from(promise).await.ok().map(|v| v.unchecked_into()),
        Err(_) => None,
    };
    Some(StorageStatus {
        persisted,
        usage_bytes: estimate.as_ref().and_then(|e| e.get_usage()),
        quota_bytes: estimate.as_ref().and_then(|e| e.get_quota()),
    })
}

/// True once a new service worker takes control of a page that already had one: a new version of
/// the app is installed and a reload shows it. (The first install also fires `controllerchange`,
/// but then there was no previous controller.)
pub fn update_ready_signal() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    let Some(container) = window().map(|w| w.navigator().service_worker()) else {
        return ready;
    };
    let had_controller = container.controller().is_some();
    if had_controller {
        let handler = Closure::<dyn Fn()>::new(move || set_ready.set(true));
        let _ignored = container
            .add_event_listener_with_callback("controllerchange", handler.as_ref().unchecked_ref());
        handler.forget();
    }
    ready
}

pub fn reload() {
    if let Some(w) = window() {
        let _ignored = w.location().reload();
    }
}

/// GETs `url` and parses JSON; any failure (offline, HTTP error, bad JSON) is a readable message.
pub async fn fetch_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    let w = window().ok_or("no window")?;
    let response = JsFuture::from(w.fetch_with_str(url))
        .await
        .map_err(|_| "network unreachable".to_owned())?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("server answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "unreadable response".to_owned())?)
        .await
        .map_err(|_| "unreadable response".to_owned())?;
    let text = text.as_string().ok_or("unreadable response")?;
    serde_json::from_str(&text).map_err(|err| format!("unexpected response: {err}"))
}
