//! The browser adapter of the sync engine: carries out what `ClientSync` decides.
//!
//! `ClientSync` (in `shared`) is a pure state machine. Here its effects are done: writes go to
//! IndexedDB in one strict transaction *before* a request is sent or an edit is reported saved;
//! requests go to `POST /api/sync`; `wake_at` becomes a `setTimeout`; `online`/`offline` events and
//! answers go back in as events. The wasm app is single-threaded, so the engine lives in a
//! thread-local; the UI sees it through two signals (status and a revision counter).

use std::cell::RefCell;

use automerge::Automerge;
use leptos::prelude::*;
use mentora_shared::documents::schema;
use mentora_shared::sync::client::{
    ClientEffects, ClientEvent, ClientSync, FileAnswer, SyncStatus,
};
use mentora_shared::sync::{ClientConfig, DeviceId, DeviceStore as _, DocHeader, DocId};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::Closure;

use crate::error::AppError;
use crate::platform::{self, now_ms};
use crate::session::{Session, SessionEnd};
use crate::store::IdbStore;

struct Engine {
    username: String,
    client: ClientSync,
    store: IdbStore,
    token: String,
    timer: Option<i32>,
    /// The unsynced count last written for the lock screen, so a status refresh writes
    /// `localStorage` only when it changes.
    unsynced: Option<usize>,
}

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// What the UI reads: the badge's status, a counter bumped whenever documents change, an
/// error if the device store could not be opened, why the server refused the session (a 401
/// on sync: local work goes on, sync waits for a new sign-in), and the last request failure fed
/// to the engine, as the words it holds beside the typed error the screen says
/// ([`crate::error::sync_error`]).
#[derive(Debug, Clone, Copy)]
pub struct SyncView {
    pub status: RwSignal<Option<SyncStatus>>,
    pub revision: RwSignal<u64>,
    pub storage_error: RwSignal<Option<AppError>>,
    pub session_ended: RwSignal<Option<SessionEnd>>,
    pub failure: RwSignal<Option<(String, AppError)>>,
}

impl SyncView {
    pub fn provide() -> Self {
        let view = Self {
            status: RwSignal::new(None),
            revision: RwSignal::new(0),
            storage_error: RwSignal::new(None),
            session_ended: RwSignal::new(None),
            failure: RwSignal::new(None),
        };
        provide_context(view);
        view
    }
}

pub fn use_sync() -> SyncView {
    expect_context::<SyncView>()
}

/// Opens the user's device store, restores the engine and starts syncing.
pub async fn start(session: &Session, view: SyncView) {
    view.session_ended.set(None);
    let Some(device) = session.device_bytes() else {
        storage_failed(view, AppError::NoDeviceId);
        return;
    };
    let store = match IdbStore::open(&session.user.username).await {
        Ok(store) => store,
        Err(err) => {
            storage_failed(view, err.into());
            return;
        }
    };
    if let Err(err) = store.seal_legacy().await {
        storage_failed(view, err.into());
        return;
    }
    let saved = match store.load().await {
        Ok(saved) => saved,
        Err(err) => {
            storage_failed(view, err.into());
            return;
        }
    };
    let seed = u64::from_le_bytes(
        platform::random_16().unwrap_or_default()[..8]
            .try_into()
            .unwrap_or_default(),
    );
    let (client, errors) =
        ClientSync::restore(DeviceId(device), ClientConfig::default(), seed, saved);
    if let Some(first) = errors.first() {
        // The document is fetched again from the server; say so rather than hide it.
        storage_failed(view, first.clone().into());
    }
    ENGINE.with_borrow_mut(|engine| {
        *engine = Some(Engine {
            username: session.user.username.clone(),
            client,
            store,
            token: session.token.clone(),
            timer: None,
            unsynced: None,
        });
    });
    listen_for_network(view);
    let event = if platform::is_online() {
        ClientEvent::Online
    } else {
        ClientEvent::Offline
    };
    feed(view, event);
    view.revision.update(|r| *r += 1);
}

fn storage_failed(view: SyncView, error: AppError) {
    error.log("device storage");
    view.storage_error.set(Some(error));
}

/// Stops the engine (sign-out, lock, switching user).
pub fn stop() {
    ENGINE.with_borrow_mut(|engine| {
        if let (Some(timer), Some(w)) = (engine.as_ref().and_then(|e| e.timer), web_sys::window()) {
            w.clear_timeout_with_handle(timer);
        }
        if let Some(stopped) = engine.take() {
            stopped.store.close();
        }
    });
}

fn listen_for_network(view: SyncView) {
    let Some(w) = web_sys::window() else { return };
    for (name, event) in [
        ("online", ClientEvent::Online),
        ("offline", ClientEvent::Offline),
    ] {
        let handler = Closure::<dyn Fn()>::new(move || feed(view, event.clone()));
        let _ignored = w.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref());
        handler.forget();
    }
    // Someone looking at the app: retry a failed sync at once and keep retries short; a hidden
    // page falls back to the long backoff.
    let seen = Closure::<dyn Fn()>::new(move || feed(view, visibility_event()));
    let _ignored = w.add_event_listener_with_callback("focus", seen.as_ref().unchecked_ref());
    if let Some(document) = w.document() {
        let _ignored = document
            .add_event_listener_with_callback("visibilitychange", seen.as_ref().unchecked_ref());
    }
    seen.forget();
    if platform::page_hidden() {
        feed(view, ClientEvent::Hidden);
    }
}

fn visibility_event() -> ClientEvent {
    if platform::page_hidden() {
        ClientEvent::Hidden
    } else {
        ClientEvent::Visible
    }
}

/// Asks for a sync now (the badge's button).
pub fn sync_now(view: SyncView) {
    feed(view, ClientEvent::SyncNow);
}

fn feed(view: SyncView, event: ClientEvent) {
    let effects =
        ENGINE.with_borrow_mut(|engine| engine.as_mut().map(|e| e.client.handle(now_ms(), event)));
    if let Some(effects) = effects {
        carry_out(view, effects, None);
    }
}

fn refresh_status(view: SyncView) {
    let status = ENGINE.with_borrow_mut(|engine| {
        engine.as_mut().map(|e| {
            let waiting = e.client.waiting_docs();
            if e.unsynced != Some(waiting) {
                crate::session::set_unsynced(&e.username, waiting);
                e.unsynced = Some(waiting);
            }
            e.client.status()
        })
    });
    view.status.set(status);
}

/// Persists, then sends, then arms the timer. `saved` is told when the writes are durable.
///
/// The status shown follows the writes: after a sync response the client already counts itself
/// synced, but the badge says so only once what it received is durable in IndexedDB (at 10,000
/// records that write took seconds, and a reload in between found the list empty until the
/// next sync fetched it again).
fn carry_out(
    view: SyncView,
    effects: ClientEffects,
    saved: Option<futures_channel::oneshot::Sender<Result<(), AppError>>>,
) {
    let writes = !effects.persist.is_empty();
    if !writes {
        refresh_status(view);
    }
    arm_timer(view, effects.wake_at);
    let Some((store, token)) =
        ENGINE.with_borrow(|engine| engine.as_ref().map(|e| (e.store.clone(), e.token.clone())))
    else {
        return;
    };
    leptos::task::spawn_local(async move {
        let mut store = store;
        let persisted = store
            .persist(&effects.persist)
            .await
            .map_err(AppError::from);
        if writes {
            refresh_status(view);
        }
        if let Err(reason) = &persisted {
            storage_failed(view, reason.clone());
        }
        let failed = persisted.is_err();
        if let Some(saved) = saved {
            let _ignored = saved.send(persisted);
        }
        if failed {
            return;
        }
        if let Some(outgoing) = effects.send {
            let result = platform::post_bytes("/api/sync", &outgoing.body, &token).await;
            let event = match result {
                Ok(body) => ClientEvent::Response {
                    request_id: outgoing.request_id,
                    body,
                },
                Err(failure) => {
                    let error =
                        AppError::from_fetch(failure.error.clone(), failure.message.clone());
                    if error == AppError::SessionEnded {
                        view.session_ended
                            .set(Some(SessionEnd::from_code(failure.code.as_deref())));
                    }
                    let reason = failure.message.unwrap_or_else(|| failure.error.to_string());
                    error.log(&format!("sync failed ({reason})"));
                    view.failure.set(Some((reason.clone(), error.clone())));
                    ClientEvent::Failed {
                        request_id: outgoing.request_id,
                        offline: error == AppError::Offline,
                        retry_after_ms: failure.retry_after_secs.map(|s| s.saturating_mul(1_000)),
                        reason,
                    }
                }
            };
            let changed = matches!(event, ClientEvent::Response { .. });
            feed(view, event);
            if changed {
                view.revision.update(|r| *r += 1);
            }
        }
    });
}

fn arm_timer(view: SyncView, wake_at: Option<u64>) {
    let Some(w) = web_sys::window() else { return };
    ENGINE.with_borrow_mut(|engine| {
        let Some(engine) = engine.as_mut() else {
            return;
        };
        if let Some(timer) = engine.timer.take() {
            w.clear_timeout_with_handle(timer);
        }
        if let Some(at) = wake_at {
            let delay = i32::try_from(at.saturating_sub(now_ms())).unwrap_or(i32::MAX);
            let tick = Closure::once_into_js(move || feed(view, ClientEvent::Tick));
            engine.timer = w
                .set_timeout_with_callback_and_timeout_and_arguments_0(tick.unchecked_ref(), delay)
                .ok();
        }
    });
}

/// Creates a document and writes its first content; resolves once it is durable on the device.
pub async fn create(
    view: SyncView,
    header: DocHeader,
    write: impl FnOnce(&mut Automerge) -> Result<(), AppError>,
) -> Result<DocId, AppError> {
    let doc_id = DocId(platform::random_16().ok_or(AppError::NoRandomSource)?);
    let outcome = ENGINE.with_borrow_mut(|engine| {
        let engine = engine.as_mut().ok_or(AppError::StorageNotOpen)?;
        let now = now_ms();
        engine.client.create_doc(now, doc_id, header)?;
        Ok::<_, AppError>(engine.client.edit(now, doc_id, write)?)
    });
    let (written, effects) = outcome?;
    persist_then_report(view, written, effects).await?;
    Ok(doc_id)
}

/// Edits a document; resolves once the change is durable on the device.
///
/// Every screen writes through here, so this is where the schema rules hold
/// (`documents::schema`): a document saved by a newer app is refused with a readable reason,
/// and an older one is upgraded in the same write, before `write` runs.
pub async fn edit(
    view: SyncView,
    doc_id: DocId,
    write: impl FnOnce(&mut Automerge) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let outcome = ENGINE.with_borrow_mut(|engine| {
        let engine = engine.as_mut().ok_or(AppError::StorageNotOpen)?;
        let header = engine.client.header(doc_id).ok_or(AppError::NotOnDevice)?;
        let kind = schema::schema(header.kind.as_str());
        let from = header.schema_version;
        let upgrade_then_write = move |doc: &mut Automerge| {
            schema::upgrade(doc, &kind, from)?;
            write(doc)
        };
        Ok::<_, AppError>(engine.client.edit_as(
            now_ms(),
            doc_id,
            kind.current(),
            upgrade_then_write,
        )?)
    });
    let (written, effects) = outcome?;
    persist_then_report(view, written, effects).await
}

/// Persists `effects` even when `write` failed, then reports `write`'s error first.
///
/// A multi-step write (e.g. merging two records) can commit Automerge transactions before it
/// fails. Those changes are already in the in-memory document, and the next edit stores only
/// what comes after its own start (`save_after`), so dropping these bytes would leave the
/// device store behind the document for good: lost on reload, yet synced to the server.
async fn persist_then_report(
    view: SyncView,
    written: Result<(), AppError>,
    effects: ClientEffects,
) -> Result<(), AppError> {
    let saved = durable(view, effects).await;
    written?;
    saved
}

async fn durable(view: SyncView, effects: ClientEffects) -> Result<(), AppError> {
    let (tx, rx) = futures_channel::oneshot::channel();
    carry_out(view, effects, Some(tx));
    view.revision.update(|r| *r += 1);
    rx.await.map_err(|_| AppError::Interrupted)?
}

/// The request a sync would send now, as a sync file's message, with how many records it
/// carries and the device and user it is from (`sync::file`).
pub fn sync_file_request() -> Result<(Vec<u8>, usize, DeviceId, String), AppError> {
    ENGINE.with_borrow(|engine| {
        let engine = engine.as_ref().ok_or(AppError::StorageNotOpen)?;
        let (body, docs) = engine.client.file_request();
        Ok((body, docs, engine.client.device(), engine.username.clone()))
    })
}

/// Applies an answer file's message; resolves once what it brought is durable on the device.
pub async fn load_sync_answer(view: SyncView, message: &[u8]) -> Result<FileAnswer, AppError> {
    let loaded = ENGINE.with_borrow_mut(|engine| {
        let engine = engine.as_mut().ok_or(AppError::StorageNotOpen)?;
        engine
            .client
            .load_file_answer(now_ms(), message)
            .map_err(|e| AppError::BadAnswer {
                detail: e.to_string(),
            })
    });
    let (effects, answer) = loaded?;
    durable(view, effects).await?;
    Ok(answer)
}

/// Reads every document of `kind` through `read`.
pub fn read_all<T>(kind: &str, read: impl Fn(DocId, &DocHeader, &Automerge) -> T) -> Vec<T> {
    ENGINE.with_borrow(|engine| {
        let Some(engine) = engine.as_ref() else {
            return Vec::new();
        };
        engine
            .client
            .doc_ids()
            .filter_map(|id| {
                let header = engine.client.header(id)?;
                if header.kind.as_str() != kind {
                    return None;
                }
                Some(read(id, header, engine.client.doc(id)?))
            })
            .collect()
    })
}

pub fn read_one<T>(doc_id: DocId, read: impl FnOnce(&DocHeader, &Automerge) -> T) -> Option<T> {
    ENGINE.with_borrow(|engine| {
        let engine = engine.as_ref()?;
        Some(read(
            engine.client.header(doc_id)?,
            engine.client.doc(doc_id)?,
        ))
    })
}
