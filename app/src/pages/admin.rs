//! Administration (admins, online): the place hierarchy and its import from the CSV template or
//! DHIS2 (`admin/places.rs`). The server refuses every admin request from another role; these
//! screens only say so instead of offering dead buttons.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::session::use_session;

mod import;
mod places;
mod plan_view;

pub use places::AdminPlacesPage;

crate::i18n::keys! { AKey;
    SignIn => "Sign in as an administrator to manage places.", "Connectez-vous en administrateur pour gérer les lieux.";
    AdminsOnly => "Only administrators manage places and imports.", "Seuls les administrateurs gèrent les lieux et les importations.";
}

/// Shows `page` to a signed-in admin, and why not to anyone else.
#[component]
fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || match session
        .0
        .with(|s| s.as_ref().map(|s| s.user.role == "admin"))
    {
        None => view! { <p class="notice">{i18n.t(AKey::SignIn)}</p> }.into_any(),
        Some(false) => {
            view! { <p class="notice" role="alert">{i18n.t(AKey::AdminsOnly)}</p> }.into_any()
        }
        Some(true) => children().into_any(),
    }
}
