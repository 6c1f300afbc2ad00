use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::mentee::{self, InputError, MenteeRecord};
use mentora_shared::domain::Cadre;
use mentora_shared::rules::CompetencyStatus;

use super::mentee::status_key;
use crate::components::{
    AssociationSelect, CadreSelect, SaveOutcome, Saving, UnreadableRow, cadre_key, user_and_place,
};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::{Count, I18n, Key, use_i18n};
use crate::places::{Place, use_places};
use crate::records;
use crate::session::use_session;
use crate::store::hex;

crate::i18n::keys!(MKey, "pages/mentees");

crate::i18n::counts!(MCount, "pages/mentees");

/// Cards rendered at first, and added by each "Show more": a screenful or two on a tablet, so
/// the list's cost follows what is on screen rather than how many mentees the place has.
const PAGE: usize = 50;

/// One row of the list: a readable record, or why it cannot be read.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: String,
    record: Result<MenteeRecord, AppError>,
    /// How many of the mentee's competencies are at each status.
    statuses: BTreeMap<CompetencyStatus, usize>,
}

fn rows_at(facility: &str) -> Vec<Row> {
    records::at_facility(facility)
        .into_iter()
        .map(|row| match row {
            Ok(m) => {
                let mut statuses = BTreeMap::new();
                for status in m.statuses() {
                    *statuses.entry(status).or_default() += 1;
                }
                Row {
                    id: hex(&m.doc.0),
                    record: Ok(m.record),
                    statuses,
                }
            }
            Err((doc, reason)) => Row {
                id: hex(&doc.0),
                record: Err(reason),
                statuses: BTreeMap::new(),
            },
        })
        .collect()
}

/// The list's status filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusFilter {
    All,
    Has(CompetencyStatus),
}

impl StatusFilter {
    fn code(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Has(CompetencyStatus::NotStarted) => "not_started",
            Self::Has(CompetencyStatus::InCoaching) => "in_coaching",
            Self::Has(CompetencyStatus::Validated) => "validated",
        }
    }

    const ALL: [StatusFilter; 4] = [
        Self::All,
        Self::Has(CompetencyStatus::NotStarted),
        Self::Has(CompetencyStatus::InCoaching),
        Self::Has(CompetencyStatus::Validated),
    ];

    fn keeps(self, row: &Row) -> bool {
        match self {
            Self::All => true,
            Self::Has(status) => row.statuses.contains_key(&status),
        }
    }
}

pub fn input_error_key(err: &InputError) -> Key {
    match err {
        InputError::EmptyName => Key::ErrEmptyName,
        InputError::TooLong => Key::ErrTooLong,
        InputError::BadPhone => Key::ErrBadPhone,
    }
}

/// The mentees at today's place, with search and the registration form. The list renders one
/// page of cards at a time with a "Show more" button rather than a virtualised window: cards are
/// never removed while the user scrolls, so Tab order and screen-reader list navigation stay
/// stable, and cards of varying height (status chips wrap) need no measured row height. Search
/// and the filters, over every record, are how one mentee among thousands is found.
#[component]
pub fn MenteesPage() -> impl IntoView {
    let i18n = use_i18n();
    let _session = use_session();
    let _places = use_places();
    let sync = use_sync();
    let search = RwSignal::new(String::new());
    let cadre_filter = RwSignal::new(None::<Cadre>);
    let status_filter = RwSignal::new(StatusFilter::All);
    // How many of the matching cards are rendered; a new search or filter starts again from one
    // page.
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        search.track();
        cadre_filter.track();
        status_filter.track();
        limit.set(PAGE);
    });

    let body = move || {
        let place = match user_and_place() {
            Ok((_, place)) => place,
            Err(missing) => return missing,
        };
        let facility = place.id.clone();
        let list_facility = facility.clone();
        let rows = Memo::new(move |_| {
            sync.revision.track();
            rows_at(&list_facility)
        });
        let shown = move || {
            let needle = search.get().to_lowercase();
            let cadre = cadre_filter.get();
            let status = status_filter.get();
            rows.get()
                .into_iter()
                .filter(|r| {
                    needle.is_empty()
                        || r.record
                            .as_ref()
                            .is_ok_and(|m| m.name.to_lowercase().contains(&needle))
                })
                .filter(|r| cadre.is_none_or(|c| r.record.as_ref().is_ok_and(|m| m.cadre == c)))
                .filter(|r| status.keeps(r))
                .collect::<Vec<_>>()
        };
        view! {
            <RegisterForm place=place.clone() rows />
            <label class="search">
                <span class="visually-hidden">{move || i18n.t(Key::Search)}</span>
                <input type="search" placeholder=move || i18n.t(Key::Search)
                    prop:value=search on:input=move |ev| search.set(event_target_value(&ev)) />
            </label>
            <Filters cadre_filter status_filter />
            <PagedList rows shown=Signal::derive(shown) limit />
        }
        .into_any()
    };
    view! {
        <section class="page">
            <h1>{move || i18n.t(Key::MenteesTitle)}</h1>
            {body}
        </section>
    }
}

/// The matching cards, the first `limit` of them rendered, and a "Show more" button for the
/// next page: the DOM holds what the user asked to see, not every mentee of the place.
#[component]
fn PagedList(
    rows: Memo<Vec<Row>>,
    shown: Signal<Vec<Row>>,
    limit: RwSignal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let matching = shown.get();
        let total = matching.len();
        if total == 0 {
            let none_here = rows.with(Vec::is_empty);
            let text = move || {
                if none_here {
                    i18n.t(Key::MenteesEmpty)
                } else {
                    i18n.t(MKey::NoMatch)
                }
            };
            return view! { <p class="muted" role="status">{text}</p> }.into_any();
        }
        let rendered = limit.get().min(total);
        let more = total > rendered;
        view! {
            <p class="muted" role="status" data-testid="mentee-count">
                {move || i18n.count(total, Count::Mentees)}
                {more.then(|| view! { " · " {move || i18n.count(rendered, MCount::Shown)} })}
            </p>
            <ul class="card-list" data-testid="mentee-list">
                {matching.into_iter().take(rendered).map(|row| view! { <MenteeRow row i18n /> }).collect_view()}
            </ul>
            {more.then(|| view! {
                <button type="button" class="secondary" data-testid="show-more"
                    on:click=move |_| limit.update(|n| *n = n.saturating_add(PAGE))>
                    {move || i18n.t(MKey::ShowMore)}
                </button>
            })}
        }
        .into_any()
    }
}

#[component]
fn MenteeRow(row: Row, i18n: I18n) -> impl IntoView {
    let href = format!("/mentees/{}", row.id);
    match row.record {
        Ok(record) => {
            let cadre = cadre_key(record.cadre);
            let statuses = row.statuses;
            view! {
                <li class="card">
                    <div>
                        <h2>{record.name}</h2>
                        <p class="muted">{move || i18n.t(cadre)}</p>
                        <p class="status-summary">
                            {statuses.into_iter().map(|(status, n)| view! {
                                <span class="status-chip" data-status=format!("{status:?}").to_lowercase()>
                                    {n} " " {move || i18n.t(status_key(status))}
                                </span>
                            }).collect_view()}
                        </p>
                    </div>
                    <A href=href attr:class="button">{move || i18n.t(Key::Open)}</A>
                </li>
            }
            .into_any()
        }
        Err(reason) => view! {
            <UnreadableRow reason=reason.clone() />
        }
        .into_any(),
    }
}

/// Filters by cadre and by competency status (mentees with at least one competency at it).
#[component]
fn Filters(
    cadre_filter: RwSignal<Option<Cadre>>,
    status_filter: RwSignal<StatusFilter>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="filters">
            <label>
                <span>{move || i18n.t(Key::Cadre)}</span>
                <select on:change=move |ev| cadre_filter.set(mentee::cadre_from_code(&event_target_value(&ev)))>
                    <option value="" selected=move || cadre_filter.get().is_none()>{move || i18n.t(Key::FilterAll)}</option>
                    {mentee::CADRES.into_iter().map(|c| view! {
                        <option value=mentee::cadre_code(c) selected=move || cadre_filter.get() == Some(c)>{move || i18n.t(cadre_key(c))}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{move || i18n.t(Key::FilterStatus)}</span>
                <select on:change=move |ev| {
                    let code = event_target_value(&ev);
                    status_filter.set(StatusFilter::ALL.into_iter().find(|f| f.code() == code).unwrap_or(StatusFilter::All));
                }>
                    {StatusFilter::ALL.into_iter().map(|f| view! {
                        <option value=f.code() selected=move || status_filter.get() == f>
                            {move || match f {
                                StatusFilter::All => i18n.t(Key::FilterAll),
                                StatusFilter::Has(status) => i18n.t(status_key(status)),
                            }}
                        </option>
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}

/// The cadre a blank registration form starts with: most mentees are nurses.
const DEFAULT_CADRE: Cadre = Cadre::Nurse;

#[component]
fn RegisterForm(place: Place, rows: Memo<Vec<Row>>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let cadre = RwSignal::new(DEFAULT_CADRE);
    let association = RwSignal::new(None);
    let saving = Saving::new();
    let status = saving.status;
    let input_error = RwSignal::new(None::<InputError>);
    let duplicate_ok = RwSignal::new(false);

    let is_duplicate = move || {
        let wanted = name
            .get()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        !wanted.is_empty()
            && rows.get().iter().any(|r| {
                r.record
                    .as_ref()
                    .is_ok_and(|m| m.name.to_lowercase() == wanted)
            })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let record =
            match mentee::clean_name_and_phone(&name.get_untracked(), &phone.get_untracked()) {
                Ok((clean_name, clean_phone)) => MenteeRecord {
                    name: clean_name,
                    cadre: cadre.get_untracked(),
                    facility: place.id.clone(),
                    phone: clean_phone,
                    association: association
                        .get_untracked()
                        .filter(|_| !matches!(cadre.get_untracked(), Cadre::Chw | Cadre::Ceho)),
                    competencies: Default::default(),
                },
                Err(err) => {
                    input_error.set(Some(err));
                    return;
                }
            };
        input_error.set(None);
        if is_duplicate() && !duplicate_ok.get_untracked() {
            duplicate_ok.set(true);
            return;
        }
        let header = match records::facility_header(mentee::KIND, mentee::SCHEMA_VERSION, &place) {
            Ok(header) => header,
            Err(reason) => {
                status.set(Some(Err(reason)));
                return;
            }
        };
        let save = engine::create(sync, header, move |doc| {
            mentee::write_new(doc, &record).map_err(AppError::from)
        });
        saving.run(save, move |_| {
            // Every field: the next person typed must not inherit this one's cadre or
            // professional association (Table 1 counts by association).
            name.set(String::new());
            phone.set(String::new());
            cadre.set(DEFAULT_CADRE);
            association.set(None);
            duplicate_ok.set(false);
        });
    };

    view! {
        <form class="form card-form" on:submit=submit data-testid="register-mentee">
            <h2>{move || i18n.t(Key::RegisterMentee)}</h2>
            <label for="mentee-name">{move || i18n.t(Key::Name)}</label>
            <input id="mentee-name" name="name" autocomplete="off" required
                aria-invalid=move || input_error.get().is_some().to_string()
                prop:value=name on:input=move |ev| { name.set(event_target_value(&ev)); duplicate_ok.set(false); } />
            <label for="mentee-cadre">{move || i18n.t(Key::Cadre)}</label>
            <CadreSelect id="mentee-cadre" cadre />
            <AssociationSelect id="mentee-association" cadre association />
            <label for="mentee-phone">{move || i18n.t(Key::Phone)}</label>
            <input id="mentee-phone" name="phone" type="tel" autocomplete="off"
                prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev)) />
            {move || input_error.get().map(|err| view! { <p class="notice error" role="alert">{i18n.t(input_error_key(&err))}</p> })}
            {move || (duplicate_ok.get() && is_duplicate()).then(|| view! { <p class="notice" role="alert">{i18n.t(Key::DuplicateWarning)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || i18n.t(if saving.busy() { Key::Saving } else if duplicate_ok.get() && is_duplicate() { Key::SaveAnyway } else { Key::Save })}
            </button>
        </form>
    }
}
