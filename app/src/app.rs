//! The root component: context providers, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{AppHeader, BottomNav, UpdateBanner};
use crate::i18n::{Key, provide_i18n};
use crate::pages::{NotFoundPage, PlacesPage, SettingsPage, SyncPage};
use crate::places::PlacesStore;
use crate::platform;

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    PlacesStore::provide(platform::Connectivity::provide());
    let (storage, set_storage) = signal(None);
    provide_context(storage);
    leptos::task::spawn_local(async move {
        set_storage.set(platform::request_persistent_storage().await);
    });
    view! {
        <Router>
            <a class="skip-link" href="#main">{move || i18n.t(Key::SkipToContent)}</a>
            <AppHeader />
            <UpdateBanner />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=PlacesPage />
                    <Route path=path!("/sync") view=SyncPage />
                    <Route path=path!("/settings") view=SettingsPage />
                </Routes>
            </main>
            <BottomNav />
        </Router>
    }
}
