//! Thin wrappers over the browser APIs the app uses. Failures (private mode, old browsers) degrade
//! to `None`/`false` rather than panicking: the app must still start.

use crate::error::AppError;
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

/// Whether the page is hidden (another tab, the tablet asleep); `false` when unknown.
pub fn page_hidden() -> bool {
    window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

pub fn set_document_lang(code: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ignored = root.set_attribute("lang", code);
    }
}

/// Whether the server can be reached: follows the `online`/`offline` events, and is also set by
/// every request we make, since `navigator.onLine` says nothing about a dead access point or a
/// server that is down.
#[derive(Debug, Clone, Copy)]
pub struct Connectivity {
    online: RwSignal<bool>,
}

impl Connectivity {
    pub fn provide() -> Self {
        let initial = window().is_none_or(|w| w.navigator().on_line());
        let online = RwSignal::new(initial);
        if let Some(w) = window() {
            for (event, value) in [("online", true), ("offline", false)] {
                let handler = Closure::<dyn Fn()>::new(move || online.set(value));
                let _ignored =
                    w.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
                // Lives as long as the page: the listener is never removed.
                handler.forget();
            }
        }
        let connectivity = Self { online };
        provide_context(connectivity);
        connectivity
    }

    pub fn is_online(self) -> bool {
        self.online.get()
    }

    /// Records what a request just showed about the network.
    pub fn observe<T>(self, result: &Result<T, FetchError>) {
        match result {
            Ok(_) | Err(FetchError::Status(_) | FetchError::Body(_)) => self.online.set(true),
            Err(FetchError::Unreachable) => self.online.set(false),
        }
    }
}

pub fn use_connectivity() -> Connectivity {
    expect_context::<Connectivity>()
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
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .map(|v| v.unchecked_into()),
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

/// Why a request failed, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// No answer at all: offline, or the server is down.
    Unreachable,
    /// The server answered with an HTTP error status.
    Status(u16),
    /// The server answered something we could not read.
    Body(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unreachable => f.write_str("server unreachable"),
            Self::Status(code) => write!(f, "server answered {code}"),
            Self::Body(reason) => write!(f, "unexpected response: {reason}"),
        }
    }
}

/// GETs `url` and parses JSON.
pub async fn fetch_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, FetchError> {
    let w = window().ok_or(FetchError::Unreachable)?;
    let response = JsFuture::from(w.fetch_with_str(url))
        .await
        .map_err(|_| FetchError::Unreachable)?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    json_body(&response).await
}

/// Parses a response's body as JSON.
async fn json_body<T: serde::de::DeserializeOwned>(
    response: &web_sys::Response,
) -> Result<T, FetchError> {
    let unreadable = || FetchError::Body("unreadable body".to_owned());
    let text = JsFuture::from(response.text().map_err(|_| unreadable())?)
        .await
        .map_err(|_| unreadable())?;
    let text = text.as_string().ok_or_else(unreadable)?;
    serde_json::from_str(&text).map_err(|err| FetchError::Body(err.to_string()))
}

/// Gzips `bytes` with the browser's `CompressionStream`; `None` where the browser lacks it.
async fn gzip(bytes: &[u8]) -> Option<js_sys::Uint8Array> {
    use js_sys::{Array, Function, Reflect};
    let constructor: Function = Reflect::get(&js_sys::global(), &"CompressionStream".into())
        .ok()
        .filter(|c| c.is_function())?
        .unchecked_into();
    let compressor = Reflect::construct(&constructor, &Array::of1(&"gzip".into())).ok()?;
    let parts = Array::of1(&js_sys::Uint8Array::from(bytes));
    let stream = web_sys::Blob::new_with_u8_array_sequence(&parts)
        .ok()?
        .stream();
    let pipe: Function = Reflect::get(&stream, &"pipeThrough".into())
        .ok()?
        .unchecked_into();
    let piped: web_sys::ReadableStream = pipe.call1(&stream, &compressor).ok()?.unchecked_into();
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&piped)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer))
}

/// Below this a request body is sent as is: gzip's header would eat the gain.
const GZIP_FROM_BYTES: usize = 1024;

/// Sends `body` with `method` to `url`, optionally with a bearer token; returns the raw answer.
async fn send(
    url: &str,
    content_type: &str,
    body: &js_sys::Uint8Array,
    token: Option<&str>,
) -> Result<web_sys::Response, FetchError> {
    let w = window().ok_or(FetchError::Unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    let headers = web_sys::Headers::new().map_err(|_| FetchError::Unreachable)?;
    let compressed = if body.length() as usize >= GZIP_FROM_BYTES {
        gzip(&body.to_vec()).await
    } else {
        None
    };
    match &compressed {
        Some(gzipped) => {
            init.set_body(gzipped);
            let _ignored = headers.set("content-encoding", "gzip");
        }
        None => init.set_body(body),
    }
    let _ignored = headers.set("content-type", content_type);
    if let Some(token) = token {
        let _ignored = headers.set("authorization", &format!("Bearer {token}"));
    }
    init.set_headers(&headers);
    let response = JsFuture::from(w.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| FetchError::Unreachable)?;
    Ok(response.unchecked_into())
}

/// The server's JSON error message, if the body has the `{"error": {"message"}}` shape.
async fn error_message(response: &web_sys::Response) -> Option<String> {
    error_detail(response).await.1
}

/// The server's error `code` and `message`, each if present.
async fn error_detail(response: &web_sys::Response) -> (Option<String>, Option<String>) {
    let Some(value) = error_object(response).await else {
        return (None, None);
    };
    let field = |name: &str| value[name].as_str().map(str::to_owned);
    (field("code"), field("message"))
}

/// The answer's `error` object, if the body has the `{"error": {…}}` shape.
async fn error_object(response: &web_sys::Response) -> Option<serde_json::Value> {
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    let mut value: serde_json::Value = serde_json::from_str(&text).ok()?;
    let error = value.get_mut("error")?.take();
    error.is_object().then_some(error)
}

/// Why a request failed: the error, the server's message, and its machine code (e.g.
/// `session_expired`) when it sent one.
#[derive(Debug, Clone)]
pub struct RequestError {
    pub error: FetchError,
    pub message: Option<String>,
    pub code: Option<String>,
    /// The answer's `Retry-After` in seconds (a 503 `storage_full`, a 429), when it sent one.
    pub retry_after_secs: Option<u64>,
}

impl RequestError {
    fn plain(error: FetchError) -> Self {
        Self {
            error,
            message: None,
            code: None,
            retry_after_secs: None,
        }
    }
}

/// `Retry-After` as delta-seconds (the server never sends the HTTP-date form).
fn retry_after_secs(response: &web_sys::Response) -> Option<u64> {
    let value = response.headers().get("retry-after").ok().flatten()?;
    value.trim().parse().ok()
}

/// POSTs nothing with a bearer token (e.g. `/api/logout`); only the status matters.
pub async fn post_empty_authed(url: &str, token: &str) -> Result<(), FetchError> {
    let response = send(
        url,
        "application/json",
        &js_sys::Uint8Array::new_with_length(0),
        Some(token),
    )
    .await?;
    if response.ok() {
        Ok(())
    } else {
        Err(FetchError::Status(response.status()))
    }
}

/// POSTs JSON and parses a JSON answer; an HTTP error carries the server's message and code.
pub async fn post_json<B: serde::Serialize, T: serde::de::DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<T, RequestError> {
    let json = serde_json::to_vec(body)
        .map_err(|e| RequestError::plain(FetchError::Body(e.to_string())))?;
    let bytes = js_sys::Uint8Array::from(json.as_slice());
    let response = send(url, "application/json", &bytes, None)
        .await
        .map_err(RequestError::plain)?;
    if !response.ok() {
        let retry_after_secs = retry_after_secs(&response);
        let (code, message) = error_detail(&response).await;
        return Err(RequestError {
            error: FetchError::Status(response.status()),
            message,
            code,
            retry_after_secs,
        });
    }
    json_body(&response).await.map_err(RequestError::plain)
}

/// POSTs binary with a bearer token and returns the binary answer.
pub async fn post_bytes(url: &str, body: &[u8], token: &str) -> Result<Vec<u8>, RequestError> {
    let bytes = js_sys::Uint8Array::from(body);
    let response = send(url, "application/octet-stream", &bytes, Some(token))
        .await
        .map_err(RequestError::plain)?;
    if !response.ok() {
        let retry_after_secs = retry_after_secs(&response);
        let (code, message) = error_detail(&response).await;
        return Err(RequestError {
            error: FetchError::Status(response.status()),
            message,
            code,
            retry_after_secs,
        });
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| RequestError::plain(FetchError::Body("unreadable body".into())))?,
    )
    .await
    .map_err(|_| RequestError::plain(FetchError::Unreachable))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// 16 random bytes from the browser's CSPRNG (ids made on the device).
pub fn random_16() -> Option<[u8; 16]> {
    let crypto = window()?.crypto().ok()?;
    let mut bytes = [0_u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

pub fn now_ms() -> u64 {
    // Milliseconds since the epoch fit in u64 for the next few hundred million years.
    js_sys::Date::now().max(0.0) as u64
}

/// The `localStorage` keys that start with `prefix`.
pub fn local_keys(prefix: &str) -> Vec<String> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}

pub fn local_remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ignored = storage.remove_item(key);
    }
}

pub fn is_online() -> bool {
    window().is_none_or(|w| w.navigator().on_line())
}

/// Today's date on this device's clock, in local time (what the mentor sees on the wall).
pub fn today() -> mentora_shared::domain::Date {
    let now = js_sys::Date::new_0();
    let month = u8::try_from(now.get_month() + 1).unwrap_or(1);
    let day = u8::try_from(now.get_date()).unwrap_or(1);
    let year = i32::try_from(now.get_full_year()).unwrap_or(2000);
    mentora_shared::domain::Date::new(year, month, day)
        .unwrap_or_else(|_| mentora_shared::domain::Date::from_days_since_epoch(0))
}

/// Offers `text` as a file download (e.g. a CSV export made on the device).
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), AppError> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| AppError::FileNotMade)?;
    download_blob(file_name, &blob)
}

/// Offers `bytes` as a file download.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), AppError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| AppError::FileNotMade)?;
    download_blob(file_name, &blob)
}

/// The bytes of the first file chosen in a file input, if one was chosen.
pub async fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<Result<Vec<u8>, AppError>> {
    let file = input.files()?.get(0)?;
    let read = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| AppError::FileUnreadable);
    Some(read.map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// Hands a blob to the browser's downloads under `file_name`.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), AppError> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| AppError::FileNotMade)?;
    let document = window()
        .and_then(|w| w.document())
        .ok_or(AppError::FileNotMade)?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| AppError::FileNotMade)?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The browser reads the blob after the click returns: free it a while later, not now (a
    // revoked URL can leave an empty or failed download behind).
    let free = Closure::once_into_js(move || {
        let _ignored = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = window() {
        let _ignored =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(free.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// POSTs a JSON request with the sign-in token (uncompressed: it is small) and returns the
/// answer's text; an HTTP error carries the server's message.
pub async fn post_json_text(
    url: &str,
    json: &str,
    token: &str,
) -> Result<String, (FetchError, Option<String>)> {
    request_text(url, Some(json), token).await
}

/// GETs a JSON answer with the sign-in token; an HTTP error carries the server's message.
pub async fn get_json_authed<T: serde::de::DeserializeOwned>(
    url: &str,
    token: &str,
) -> Result<T, (FetchError, Option<String>)> {
    let text = request_text(url, None, token).await?;
    serde_json::from_str(&text).map_err(|e| (FetchError::Body(e.to_string()), None))
}

/// GET (no body) or POST (a JSON body) with the sign-in token; the answer's text.
async fn request_text(
    url: &str,
    json: Option<&str>,
    token: &str,
) -> Result<String, (FetchError, Option<String>)> {
    request_detailed(url, json, token)
        .await
        .map_err(|(error, detail)| {
            let message = detail.and_then(|d| d["message"].as_str().map(str::to_owned));
            (error, message)
        })
}

/// GET (no body) or POST (a JSON body) with the sign-in token; the answer's text, or the error
/// with the server's `{"error": {code, message, params}}` object when it sent one (an admin
/// refusal names its code and values there).
pub async fn request_detailed(
    url: &str,
    json: Option<&str>,
    token: &str,
) -> Result<String, (FetchError, Option<serde_json::Value>)> {
    let w = window().ok_or((FetchError::Unreachable, None))?;
    let init = web_sys::RequestInit::new();
    let headers = web_sys::Headers::new().map_err(|_| (FetchError::Unreachable, None))?;
    match json {
        Some(json) => {
            init.set_method("POST");
            init.set_body(&wasm_bindgen::JsValue::from_str(json));
            let _ignored = headers.set("content-type", "application/json");
        }
        None => init.set_method("GET"),
    }
    let _ignored = headers.set("authorization", &format!("Bearer {token}"));
    init.set_headers(&headers);
    let response: web_sys::Response = JsFuture::from(w.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| (FetchError::Unreachable, None))?
        .unchecked_into();
    if !response.ok() {
        let detail = error_object(&response).await;
        return Err((FetchError::Status(response.status()), detail));
    }
    let unreadable = || (FetchError::Body("unreadable body".to_owned()), None);
    let text = JsFuture::from(response.text().map_err(|_| unreadable())?)
        .await
        .map_err(|_| unreadable())?;
    text.as_string().ok_or_else(unreadable)
}

/// GETs a file the server makes (an export) with the sign-in token; an HTTP error carries the
/// server's message.
pub async fn fetch_file(
    url: &str,
    token: &str,
) -> Result<web_sys::Blob, (FetchError, Option<String>)> {
    let w = window().ok_or((FetchError::Unreachable, None))?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new().map_err(|_| (FetchError::Unreachable, None))?;
    let _ignored = headers.set("authorization", &format!("Bearer {token}"));
    init.set_headers(&headers);
    let response: web_sys::Response = JsFuture::from(w.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| (FetchError::Unreachable, None))?
        .unchecked_into();
    if !response.ok() {
        let message = error_message(&response).await;
        return Err((FetchError::Status(response.status()), message));
    }
    let blob = response
        .blob()
        .map_err(|_| (FetchError::Body("unreadable body".into()), None))?;
    JsFuture::from(blob)
        .await
        .map(|b| b.unchecked_into())
        .map_err(|_| (FetchError::Unreachable, None))
}
