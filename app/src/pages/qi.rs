//! Quality improvement: the debrief turns a gap into a QI project (root causes grouped by
//! category, solutions, a time-bound action plan), and each later visit follows up the open
//! actions, overdue ones first. `/qi` lists a place's projects; `/qi/:id` is one project.

mod actions;
mod analysis;
pub(super) mod data;
mod keys;
mod list;
mod project;

use leptos::prelude::*;
use mentora_shared::documents::qi::ActionStatus;

use crate::components::user_and_place;
use crate::i18n::use_i18n;
use crate::places::Place;
use keys::{status_code, status_key, status_symbol};
pub(super) use list::FollowUpList;
pub use list::QiPage;
pub use project::QiProjectPage;

/// Renders `body` for the place chosen today, or says what is missing first (signing in,
/// choosing a place) with the way to do it.
pub(super) fn with_place(body: impl FnOnce(Place) -> AnyView) -> AnyView {
    match user_and_place() {
        Ok((_, place)) => body(place),
        Err(missing) => missing,
    }
}

/// An action's status in words with a symbol; the colour only helps.
#[component]
fn StatusChip(status: ActionStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="status-chip" data-status=status_code(status)>
            <span aria-hidden="true">{status_symbol(status)} " "</span>
            {move || i18n.t(status_key(status))}
        </span>
    }
}
