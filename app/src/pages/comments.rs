//! Supervisor comments and requests back to mentors ("please re-observe this case"). Each
//! comment is its own document scoped like its target, so it reaches the mentors of that
//! facility. `/comments` is the inbox: comments waiting for the signed-in user first, each with a
//! link to its record and "Acknowledge"; the header shows how many wait.

mod data;
mod keys;
mod panel;

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::comment::TargetKind;
use mentora_shared::sync::DocId;

use crate::engine::use_sync;
use crate::i18n::use_i18n;
use crate::session::use_session;
use keys::{CoCount, CoKey};
use panel::CommentItem;
pub use panel::CommentPanel;

/// The comments panel for a whole document (a visit, a QI project).
pub fn doc_panel(kind: TargetKind, doc: DocId) -> impl IntoView {
    view! { <CommentPanel target=data::doc_target(kind, doc) /> }
}

/// The comments panel for one assessment in a mentee's document.
pub fn assessment_panel(mentee: DocId, assessment: String) -> impl IntoView {
    view! { <CommentPanel target=data::assessment_target(mentee, assessment) quiet=true /> }
}

/// The header's link to the inbox, with the number of comments waiting for the user.
#[component]
pub fn CommentCount() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let count = Memo::new(move |_| {
        sync.revision.track();
        session
            .0
            .get()
            .map_or(0, |s| data::waiting_count(&s.user.username))
    });
    view! {
        <Show when=move || session.0.with(Option::is_some)>
            <A href="/comments" attr:class="comment-count" attr:data-testid="comment-count">
                <span class="label">{move || i18n.t(CoKey::HeaderLink)}</span>
                <span class="count" data-waiting=move || (count.get() > 0).to_string()
                    aria-label=move || i18n.count(count.get(), CoCount::Waiting)>
                    {move || count.get()}
                </span>
            </A>
        </Show>
    }
}

#[component]
pub fn CommentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let rows = Memo::new(move |_| {
        sync.revision.track();
        data::all()
    });
    let body = move || {
        let Some(user) = session.0.get().map(|s| s.user) else {
            return crate::components::sign_in_prompt();
        };
        let (waiting, other): (Vec<_>, Vec<_>) = rows
            .get()
            .into_iter()
            .partition(|r| r.record.awaits(&user.username));
        let list = |rows: Vec<data::Row>, testid: &'static str| {
            view! {
                <ul class="comment-list" data-testid=testid>
                    {rows.into_iter().map(|row| view! { <CommentItem row link=true /> }).collect_view()}
                </ul>
            }
        };
        view! {
            <section aria-labelledby="comments-waiting">
                <h2 id="comments-waiting">{move || i18n.t(CoKey::Waiting)}</h2>
                {if waiting.is_empty() {
                    view! { <p class="muted">{move || i18n.t(CoKey::NoneWaiting)}</p> }.into_any()
                } else {
                    list(waiting, "comments-waiting").into_any()
                }}
            </section>
            {(!other.is_empty()).then(|| view! {
                <section aria-labelledby="comments-read">
                    <h2 id="comments-read">{move || i18n.t(CoKey::Read)}</h2>
                    {list(other, "comments-read")}
                </section>
            })}
        }
        .into_any()
    };
    view! {
        <section class="page comments-page">
            <h1>{move || i18n.t(CoKey::Title)}</h1>
            <p class="muted">{move || i18n.t(CoKey::Intro)}</p>
            {body}
        </section>
    }
}

/// The "Comments" heading and panel under a visit or a QI project.
#[component]
pub fn CommentsSection(kind: TargetKind, doc: DocId) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="comments-section" aria-labelledby="comments-title">
            <h2 id="comments-title">{move || i18n.t(CoKey::Title)}</h2>
            {doc_panel(kind, doc)}
        </section>
    }
}
