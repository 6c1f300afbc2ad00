//! Sync by file on the Sync screen (`shared::sync::file`): save this tablet's sync file, load
//! the answer the server made for it and, on a connected computer, bring a tablet's file to
//! the server and download its answer.

use leptos::html::Input;
use leptos::prelude::*;
use mentora_shared::sync::DeviceId;
use mentora_shared::sync::file::{self, Direction};

use crate::components::Busy;
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform;
use crate::session::use_session;
use crate::store::hex;
use crate::vault;

crate::i18n::keys!(FKey, "pages/sync/file");

crate::i18n::counts!(FCount, "pages/sync/file");

/// What the last action said: `Ok` for news, `Err` for why the file could not be used.
type Said = Option<Result<String, AppError>>;

fn nonce() -> Result<[u8; 12], AppError> {
    let random = platform::random_16().ok_or(AppError::NoRandomSource)?;
    let mut nonce = [0_u8; 12];
    nonce.copy_from_slice(&random[..12]);
    Ok(nonce)
}

/// A device as file names show it: the first 8 hex digits of its id.
fn short(device: DeviceId) -> String {
    hex(&device.0).chars().take(8).collect()
}

/// Runs `work` on the file just chosen in `input` (the screen busy meanwhile), then empties the
/// input, so choosing the same file again is a new choice, and says what came of it.
fn with_chosen_file<Work, Done>(input: NodeRef<Input>, busy: Busy, said: RwSignal<Said>, work: Work)
where
    Work: FnOnce(Vec<u8>) -> Done + 'static,
    Done: Future<Output = Result<String, AppError>> + 'static,
{
    let Some(input) = input.get_untracked() else {
        return;
    };
    busy.run(async move {
        let outcome = match platform::chosen_file(&input).await {
            Some(Ok(bytes)) => work(bytes).await,
            Some(Err(why)) => Err(why),
            None => Err(AppError::FileNotChosen),
        };
        input.set_value("");
        if let Err(why) = &outcome {
            why.log("sync file");
        }
        said.set(Some(outcome));
    });
}

#[component]
pub fn SyncByFile() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let connectivity = platform::use_connectivity();
    let said: RwSignal<Said> = RwSignal::new(None);
    let busy = Busy::new();
    let answer_input = NodeRef::<Input>::new();
    let bring_input = NodeRef::<Input>::new();

    let save = move |_| {
        let outcome = (|| {
            let (message, docs, device, username) = engine::sync_file_request()?;
            let key = vault::sync_key(&username).ok_or_else(|| AppError::invalid(FKey::NoKey))?;
            let sealed = file::seal(Direction::ToServer, device, &key, nonce()?, &message);
            let name = format!(
                "mentora-{username}-{}-{}-{docs}.msync",
                short(device),
                platform::today()
            );
            platform::download_bytes(&name, "application/octet-stream", &sealed)?;
            Ok::<_, AppError>(docs)
        })();
        if let Err(why) = &outcome {
            why.log("sync file");
        }
        said.set(Some(outcome.map(|docs| i18n.count(docs, FCount::Saved))));
    };

    let load = move |_| {
        with_chosen_file(answer_input, busy, said, async move |bytes| {
            let signed_in = session.0.get_untracked().ok_or(AppError::SessionEnded)?;
            let device = signed_in.device_bytes().ok_or(AppError::NoDeviceId)?;
            let key = vault::sync_key(&signed_in.user.username)
                .ok_or_else(|| AppError::invalid(FKey::NoKey))?;
            let message = file::open(&bytes, Direction::ToDevice, DeviceId(device), &key)?;
            let answer = engine::load_sync_answer(sync, &message).await?;
            Ok(if answer.stale {
                i18n.t(FKey::Stale).to_owned()
            } else {
                format!(
                    "{} {}",
                    i18n.count(answer.received, FCount::Received),
                    i18n.count(answer.accepted, FCount::Stored)
                )
            })
        });
    };

    let bring = move |_| {
        with_chosen_file(bring_input, busy, said, async move |bytes| {
            let device = file::device_of(&bytes, Direction::ToServer)?;
            let token = session
                .0
                .get_untracked()
                .ok_or(AppError::SessionEnded)?
                .token;
            let answer = platform::post_bytes("/api/sync-file", &bytes, &token)
                .await
                .map_err(|e| {
                    AppError::from_sync_file_upload(e.error, e.message, e.code.as_deref())
                })?;
            let name = format!(
                "mentora-answer-{}-{}.msync",
                short(device),
                platform::today()
            );
            platform::download_bytes(&name, "application/octet-stream", &answer)?;
            Ok(i18n.t(FKey::Answered).to_owned())
        });
    };

    let shown = move |s: Said| {
        s.map(|s| match s {
            Ok(news) => view! { <p class="notice ok" role="status">{news}</p> }.into_any(),
            Err(why) => view! { <p class="notice error" role="alert">{move || i18n.t(FKey::Failed)} ": " {move || why.message(i18n)}</p> }.into_any(),
        })
    };
    view! {
        <section class="sync-by-file" data-testid="sync-by-file">
            <h2>{move || i18n.t(FKey::Title)}</h2>
            <p class="muted">{move || i18n.t(FKey::Intro)}</p>
            <div class="actions">
                <button type="button" on:click=save disabled=move || busy.get()>{move || i18n.t(FKey::Save)}</button>
            </div>
            <label class="file-pick">
                <span>{move || i18n.t(FKey::LoadAnswer)}</span>
                <input type="file" accept=".msync" node_ref=answer_input on:change=load disabled=move || busy.get() />
            </label>
            <h3>{move || i18n.t(FKey::Bring)}</h3>
            <p class="muted">{move || i18n.t(FKey::BringHelp)}</p>
            {move || (!connectivity.is_online()).then(|| view! { <p class="notice">{move || i18n.t(FKey::Offline)}</p> })}
            <label class="file-pick">
                <span>{move || i18n.t(FKey::Bring)}</span>
                <input type="file" accept=".msync" node_ref=bring_input on:change=bring
                    disabled=move || busy.get() || !connectivity.is_online() />
            </label>
            {move || shown(said.get())}
        </section>
    }
}
