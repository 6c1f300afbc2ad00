//! One module per top-level screen, named for what the user sees.

mod cascade;
mod chw;
mod contacts;
mod facility;
mod facility_data;
mod knowledge_test;
mod login;
mod mentee;
mod mentees;
mod not_found;
mod observation;
mod places;
mod progress;
mod qi;
mod server_exports;
mod settings;
mod sync;
mod visits;

pub use cascade::CascadePage;
pub use chw::ChwPage;
pub use contacts::ContactsPage;
pub use facility::FacilityPage;
pub use facility_data::FacilityDataPage;
pub use knowledge_test::KnowledgeTestPage;
pub use login::LoginPage;
pub use mentee::MenteePage;
pub use mentees::{MenteesPage, cadre_key};
pub use not_found::NotFoundPage;
pub use observation::ObservationPage;
pub use places::PlacesPage;
pub use progress::ProgressPage;
pub use qi::{QiPage, QiProjectPage};
pub use settings::SettingsPage;
pub use sync::SyncPage;
pub use visits::{VisitPage, VisitsPage};
