//! The root component: context providers, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{AppHeader, BottomNav, ScopeLeftNotice, SessionEndedBanner, UpdateBanner};
use crate::engine::SyncView;
use crate::error::AppError;
use crate::i18n::{Key, provide_i18n};
use crate::pages::DashboardPage;
use crate::pages::MonthlyReportPage;
use crate::pages::QuarterPackPage;
use crate::pages::lock::{self, ChoosePin, ErasedNotice, GateState, LockScreen};
use crate::pages::{
    AdminCataloguePage, AdminHistoryPage, AdminPlacesPage, AdminUsersPage, BaselinePage,
    BaselineResultPage,
};
use crate::pages::{
    CascadePage, ChwPage, ContactsPage, FacilityDataPage, FacilityPage, KnowledgeTestPage,
    LoginPage, MenteePage, MenteesPage, NotFoundPage, ObservationPage, PlacesPage, ProgressPage,
    QiPage, QiProjectPage, SettingsPage, StartPage, SyncPage, VisitPage, VisitsPage,
};
use crate::pages::{CommentCount, CommentsPage, SupervisionPage};
use crate::pages::{TutoratCyclePage, TutoratPage};
use crate::places::PlacesStore;
use crate::platform;
use crate::session::{self, SessionState};
use crate::vault;

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let sync = SyncView::provide();
    let session_state = SessionState(RwSignal::new(None));
    provide_context(session_state);
    // Each user's language on this device; the sign-in screen shows the device's last choice.
    Effect::new(move |_| {
        let user = session_state
            .0
            .with(|s| s.as_ref().map(|s| s.user.username.clone()));
        i18n.follow_user(user.as_deref());
    });
    PlacesStore::provide(platform::Connectivity::provide(), session_state);
    let gate = lock::provide_gate(sync, session_state);
    lock::install_idle_lock(gate);
    // Only a change of state re-renders (entering sets Open again after a sign-in).
    let shown = Memo::new(move |_| gate.state.get());
    let (storage, set_storage) = signal(None);
    provide_context(storage);
    leptos::task::spawn_local(async move {
        set_storage.set(platform::request_persistent_storage().await);
    });
    view! {
        <Router>
            <a class="skip-link" href="#main">{move || i18n.t(Key::SkipToContent)}</a>
            <AppHeader><CommentCount /></AppHeader>
            <UpdateBanner />
            <SessionEndedBanner />
            <ScopeLeftNotice />
            <ErasedNotice />
            <main id="main" tabindex="-1">
                {move || match shown.get() {
                    GateState::Open => routes().into_any(),
                    GateState::Locked(user) => view! { <LockScreen user /> }.into_any(),
                    GateState::ChoosePin(user) => upgrade_pin(gate, user).into_any(),
                }}
            </main>
            {move || (shown.get() == GateState::Open).then(|| view! { <BottomNav /> })}
        </Router>
    }
}

/// A device upgraded from before the vault: the signed-in user sets a PIN, and what the device
/// holds is sealed under it (the blobs as the engine starts, the token now).
fn upgrade_pin(gate: lock::Gate, user: session::User) -> impl IntoView {
    let username = StoredValue::new(user.username);
    view! {
        <ChoosePin on_chosen=move |pin: String| async move {
            let username = username.get_value();
            vault::create(&username, &pin, None).await?;
            let session = session::saved().ok_or(AppError::SessionEnded)?;
            session::remember(&session)?;
            lock::enter(gate, session).await;
            Ok::<_, AppError>(())
        } />
    }
}

fn routes() -> impl IntoView {
    view! {
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=StartPage />
                    <Route path=path!("/places") view=PlacesPage />
                    <Route path=path!("/admin/places") view=AdminPlacesPage />
                    <Route path=path!("/admin/users") view=AdminUsersPage />
                    <Route path=path!("/admin/history") view=AdminHistoryPage />
                    <Route path=path!("/admin/catalogue") view=AdminCataloguePage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/mentees") view=MenteesPage />
                    <Route path=path!("/mentees/:id") view=MenteePage />
                    <Route path=path!("/mentees/:id/test/:competency/:phase") view=KnowledgeTestPage />
                    <Route path=path!("/mentees/:id/observe/:competency") view=ObservationPage />
                    <Route path=path!("/facility") view=FacilityPage />
                    <Route path=path!("/progress") view=ProgressPage />
                    <Route path=path!("/qi") view=QiPage />
                    <Route path=path!("/qi/:id") view=QiProjectPage />
                    <Route path=path!("/contacts") view=ContactsPage />
                    <Route path=path!("/facility-data") view=FacilityDataPage />
                    <Route path=path!("/chw") view=ChwPage />
                    <Route path=path!("/cascade") view=CascadePage />
                    <Route path=path!("/sync") view=SyncPage />
                    <Route path=path!("/settings") view=SettingsPage />
                    <Route path=path!("/visits") view=VisitsPage />
                    <Route path=path!("/visits/:id") view=VisitPage />
                    <Route path=path!("/comments") view=CommentsPage />
                    <Route path=path!("/supervision") view=SupervisionPage />
                    <Route path=path!("/dashboard") view=DashboardPage />
                    <Route path=path!("/dashboard/report") view=MonthlyReportPage />
                    <Route path=path!("/dashboard/quarter") view=QuarterPackPage />
                    <Route path=path!("/baseline") view=BaselinePage />
                    <Route path=path!("/baseline/:id") view=BaselineResultPage />
                    <Route path=path!("/tutorat") view=TutoratPage />
                    <Route path=path!("/tutorat/:id") view=TutoratCyclePage />
                </Routes>
    }
}
