//! Administration (admins, online): the place hierarchy and its import from the CSV template or
//! DHIS2 (`admin/places.rs`); users, their tablets and the admin log (`admin/users.rs`); years of
//! progress trackers (`admin/history.rs`); checklists and tests as spreadsheets (`admin/catalogue.rs`). The server refuses every admin request from another role; these
//! screens only say so instead of offering dead buttons.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::session::use_session;

mod catalogue;
mod history;
mod history_words;
mod import;
mod log;
mod new_user;
mod place_form;
mod places;
mod plan_view;
pub mod refusals;
mod sheet_words;
mod users;

pub use catalogue::AdminCataloguePage;
pub use history::AdminHistoryPage;
pub use places::AdminPlacesPage;
pub use users::AdminUsersPage;

crate::i18n::keys!(AKey, "pages/admin");

/// Shows `page` to a signed-in admin, and why not to anyone else.
#[component]
fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || match session.0.with(|s| {
        s.as_ref()
            .map(|s| crate::capabilities::administers(&s.user))
    }) {
        None => view! { <p class="notice">{i18n.t(AKey::SignIn)}</p> }.into_any(),
        Some(false) => {
            view! { <p class="notice" role="alert">{i18n.t(AKey::AdminsOnly)}</p> }.into_any()
        }
        Some(true) => children().into_any(),
    }
}
