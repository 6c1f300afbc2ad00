//! The CHW group session screen (`/chw`) at the current place: whether each CHW group (one per
//! technical area) was reached this quarter, the sessions held, and the "Run a group session"
//! flow. A session in progress lives in a draft, so the screen reopens it after a reload.

mod checklists;
mod draft;
mod form;
mod keys;
mod overview;
mod save;

use leptos::prelude::*;

use self::form::SessionForm;
use self::keys::ChwKey;
use self::overview::Overview;
use crate::components::user_and_place;
use crate::drafts;
use crate::i18n::use_i18n;
use crate::places::use_places;
use crate::session::use_session;

/// The `form` name drafts of this screen are kept under (the subject is the place).
const FORM: &str = "chw_session";

#[component]
pub fn ChwPage() -> impl IntoView {
    let i18n = use_i18n();
    let _session = use_session();
    let _places = use_places();
    let running = RwSignal::new(false);
    let saved_notice = RwSignal::new(false);
    // Bumped when the flow ends: a flow reopened from a draft ends with `running` already false.
    let ended = RwSignal::new(0_u32);

    let body = move || {
        ended.track();
        let (user, place) = match user_and_place() {
            Ok(found) => found,
            Err(missing) => return missing,
        };
        // A draft left by a reload or a closed app reopens the flow where it was.
        let has_draft =
            drafts::load::<draft::ChwSessionDraft>(&user.username, FORM, &place.id).is_some();
        if running.get() || has_draft {
            let on_done = Callback::new(move |saved: bool| {
                saved_notice.set(saved);
                running.set(false);
                ended.update(|n| *n += 1);
            });
            view! {
                <SessionForm place username=user.username.clone()
                    shown_name=user.shown_name().to_owned() on_done />
            }
            .into_any()
        } else {
            view! {
                {move || saved_notice.get().then(|| view! {
                    <p class="notice chw-saved" role="status">{move || i18n.t(ChwKey::Saved)}</p>
                })}
                <button type="button" class="button chw-run"
                    on:click=move |_| {
                        saved_notice.set(false);
                        running.set(true);
                    }>
                    {move || i18n.t(ChwKey::RunSession)}
                </button>
                <Overview place />
            }
            .into_any()
        }
    };

    view! {
        <section class="page chw-page">
            <h1>{move || i18n.t(ChwKey::Title)}</h1>
            <p class="muted">{move || i18n.t(ChwKey::Intro)}</p>
            {body}
        </section>
    }
}
