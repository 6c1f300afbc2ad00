//! The comments under one record (a visit, an assessment, a QI project): each with its author,
//! date and whether it was acknowledged; supervisors and administrators can add one, and the
//! people it waits for can acknowledge it here.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::comment::{self, Acknowledgement, Comment, Target};
use mentora_shared::sync::DocId;
use serde::{Deserialize, Serialize};

use super::data::{self, Row};
use super::keys::{CoKey, error_key};
use crate::components::SaveOutcome;
use crate::components::{FormDraft, Saving};
use crate::engine::use_sync;
use crate::i18n::use_i18n;
use crate::platform;
use crate::session::{User, use_session};
use crate::store::hex;

/// Whether `user` may write comments (supervisors and administrators, by the policy).
pub fn may_comment(user: &User) -> bool {
    crate::capabilities::may_create(user, mentora_shared::policy::Kind::Comment)
}

/// Whether `user` may add their own acknowledgement (and reply) to a comment.
fn may_acknowledge(user: &User) -> bool {
    use mentora_shared::policy::{Kind, Operation, Part};
    crate::capabilities::may(
        user,
        Kind::Comment,
        Operation::Change,
        Part::OwnAcknowledgement,
    )
}

/// `quiet` leaves out "No comments yet." (under each assessment of a history, where it would
/// repeat on every line).
#[component]
pub fn CommentPanel(target: Target, #[prop(optional)] quiet: bool) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let about = target.clone();
    let rows = Memo::new(move |_| {
        sync.revision.track();
        data::about(&about)
    });
    let user = move || session.0.get().map(|s| s.user);
    let writer = move || user().is_some_and(|u| may_comment(&u));
    view! {
        <div class="comments" data-testid="comments">
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    return (!quiet)
                        .then(|| view! { <p class="muted">{move || i18n.t(CoKey::NoComments)}</p> })
                        .into_any();
                }
                view! {
                    <ul class="comment-list">
                        {rows.into_iter().map(|row| view! { <CommentItem row link=false /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <Show when=writer>
                <WriteComment target=target.clone() />
            </Show>
        </div>
    }
}

/// One comment: what it is about (in the inbox, with a link), the text, who wrote it when,
/// its acknowledgements in words, and "Acknowledge" when it waits for the signed-in user.
#[component]
pub fn CommentItem(row: Row, link: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let c = row.record.comment.clone();
    let record = row.record.clone();
    let waits = move || {
        session
            .0
            .get()
            .is_some_and(|s| record.awaits(&s.user.username) && may_acknowledge(&s.user))
    };
    let doc = row.doc;
    let replies = row
        .record
        .acknowledgements
        .iter()
        .filter(|(_, a)| !a.reply.is_empty())
        .map(|(_, a)| (a.name.clone(), a.reply.clone()))
        .collect::<Vec<_>>();
    let acks = row.record.acknowledgements.clone();
    let acked = !acks.is_empty();
    let ack_names = acks
        .iter()
        .map(|(_, a)| format!("{} ({})", a.name, a.on))
        .collect::<Vec<_>>()
        .join(", ");
    let target_kind = super::keys::target_key(c.target.kind);
    let href = data::href(&c.target);
    view! {
        <li class="comment" data-acknowledged=acked.to_string()>
            {link.then(|| view! {
                <p class="comment-target">
                    <strong>{move || i18n.t(target_kind)}</strong> " · "
                    <A href=href.clone()>{move || i18n.t(CoKey::Open)}</A>
                </p>
            })}
            <p class="comment-text">{c.text.clone()}</p>
            <p class="muted">{c.created_on.to_string()} " · " {move || i18n.t(CoKey::By)} " " {c.author_name.clone()}</p>
            <p class="comment-state">
                {if acked {
                    view! {
                        <span class="status-chip" data-status="done">"✓ " {move || i18n.t(CoKey::Acknowledged)}</span>
                        " " {move || i18n.t(CoKey::AcknowledgedBy)} " " {ack_names.clone()}
                    }
                    .into_any()
                } else {
                    view! { <span class="status-chip" data-status="open">"● " {move || i18n.t(CoKey::NotAcknowledged)}</span> }.into_any()
                }}
            </p>
            {replies.into_iter().map(|(name, reply)| view! {
                <p class="comment-reply">{move || i18n.t(CoKey::ReplyFrom)} " " {name} ": " {reply}</p>
            }).collect_view()}
            <Show when=waits>
                <AcknowledgeForm doc />
            </Show>
            <crate::components::ChangeHistory doc label="comment" />
        </li>
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct ReplyDraft {
    reply: String,
}

/// "Acknowledge", with an optional short reply kept as a draft while typed.
#[component]
fn AcknowledgeForm(doc: DocId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let saving = Saving::new();
    let status = saving.status;
    let error = RwSignal::new(None::<CoKey>);
    let subject = hex(&doc.0);
    let draft = FormDraft::<ReplyDraft>::new("comment-reply", subject.clone());
    let id = format!("reply-{subject}");
    let acknowledge = move |_| {
        let Some(user) = session.0.get_untracked().map(|s| s.user) else {
            return;
        };
        let ack = Acknowledgement {
            name: user.shown_name().to_owned(),
            on: platform::today(),
            reply: draft.get(|d| d.reply.clone()),
        };
        let ack = match comment::clean_ack(ack) {
            Ok(ack) => ack,
            Err(err) => return error.set(Some(error_key(err))),
        };
        error.set(None);
        saving.run_quietly(
            data::acknowledge(sync, doc, user.username, ack),
            move |()| draft.clear(),
        );
    };
    view! {
        <div class="acknowledge">
            <label for=id.clone()>{move || i18n.t(CoKey::Reply)}</label>
            <textarea id=id rows="2" aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || draft.get(|d| d.reply.clone())
                on:input=move |ev| draft.set(|d| d.reply = event_target_value(&ev))></textarea>
            {move || error.get().map(|key| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
            <button type="button" on:click=acknowledge disabled=move || saving.busy()>
                {move || saving.label(i18n, CoKey::Acknowledge)}
            </button>
            <SaveOutcome status />
        </div>
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct CommentDraft {
    text: String,
}

/// The supervisor's form, folded away until opened; kept as a draft while typed.
#[component]
fn WriteComment(target: Target) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let draft = FormDraft::<CommentDraft>::new("comment", target.key());
    let error = RwSignal::new(None::<CoKey>);
    let saving = Saving::new();
    let status = saving.status;
    let id = format!("comment-{}", target.key().replace(':', "-"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let Some(user) = session.0.get_untracked().map(|s| s.user) else {
            return;
        };
        let typed = Comment {
            target: target.clone(),
            author: user.username.clone(),
            author_name: user.shown_name().to_owned(),
            text: draft.get(|d| d.text.clone()),
            created_on: platform::today(),
        };
        let record = match comment::clean(typed) {
            Ok(record) => record,
            Err(err) => return error.set(Some(error_key(err))),
        };
        error.set(None);
        saving.run(data::post(sync, record), move |()| draft.clear());
    };
    view! {
        <details class="write-comment">
            <summary>{move || i18n.t(CoKey::Comment)}</summary>
            <form class="form" on:submit=submit>
                <label for=id.clone()>{move || i18n.t(CoKey::CommentLabel)}</label>
                <p class="notice" id=format!("{id}-hint")>{move || i18n.t(CoKey::CommentHint)}</p>
                <textarea id=id.clone() rows="3" aria-describedby=format!("{id}-hint")
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || draft.get(|d| d.text.clone())
                    on:input=move |ev| draft.set(|d| d.text = event_target_value(&ev))></textarea>
                {move || error.get().map(|key| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
                <SaveOutcome status />
                <button type="submit" disabled=move || saving.busy()>
                    {move || saving.label(i18n, CoKey::Send)}
                </button>
            </form>
        </details>
    }
}
