//! Visits done against planned per month, against the cadence the programme expects of the kind
//! of mentor visiting (Ingobyi defaults: district-based mentors twice a month, association
//! teams once a month for three days, CEHOs once a quarter). The choice is a select rather than
//! guessed, since one facility may be visited by several kinds of mentor.

use leptos::prelude::*;
use mentora_shared::documents::visit::{self, Standing};
use mentora_shared::domain::{MentorAffiliation, Programme, YearMonth};
use mentora_shared::rules::{CadencePeriod, CadenceTarget, ProgrammeRules};

use super::data::{self, VisitRow};
use super::keys::{VCount, VKey, standing_key};
use crate::i18n::use_i18n;
use crate::platform;

/// At most this many months are shown (the latest), so the table stays readable.
const MAX_MONTHS: usize = 24;

const CHOICES: [(MentorAffiliation, &str, VKey); 3] = [
    (
        MentorAffiliation::DistrictBased,
        "district",
        VKey::CadenceDistrict,
    ),
    (
        MentorAffiliation::Rpa,
        "association",
        VKey::CadenceAssociation,
    ),
    (MentorAffiliation::Ceho, "ceho", VKey::CadenceCeho),
];

fn target_for(affiliation: MentorAffiliation) -> CadenceTarget {
    ProgrammeRules::defaults_for(Programme::Ingobyi)
        .cadence_for(affiliation)
        .unwrap_or(CadenceTarget {
            visits: 1,
            per: CadencePeriod::Month,
            days_per_visit: 1,
        })
}

#[component]
pub fn MonthTable(rows: Memo<Vec<VisitRow>>) -> impl IntoView {
    let i18n = use_i18n();
    let choice = RwSignal::new(MentorAffiliation::DistrictBased);
    let today = YearMonth::of(platform::today());
    let table = Memo::new(move |_| {
        let target = target_for(choice.get());
        let visits: Vec<_> = rows.with(|rows| {
            rows.iter()
                .filter_map(|r| r.visit.as_ref().ok())
                .map(|v| (v.plan.start, v.state))
                .collect()
        });
        let first = visits
            .iter()
            .map(|(d, _)| YearMonth::of(*d))
            .min()
            .unwrap_or(today)
            .min(today);
        let last = visits
            .iter()
            .map(|(d, _)| YearMonth::of(*d))
            .max()
            .unwrap_or(today)
            .max(today);
        let mut months = visit::months_between(first, last);
        let skip = months.len().saturating_sub(MAX_MONTHS);
        months.drain(..skip);
        let mut summary = visit::month_summary(&visits, target, &months);
        summary.reverse();
        (summary, target.per == CadencePeriod::Quarter)
    });
    view! {
        <section aria-labelledby="months-title">
            <h2 id="months-title">{move || i18n.t(VKey::MonthTable)}</h2>
            <label class="cadence" for="cadence">{move || i18n.t(VKey::Cadence)}</label>
            <select id="cadence" on:change=move |ev| {
                let code = event_target_value(&ev);
                if let Some((a, _, _)) = CHOICES.iter().find(|(_, c, _)| *c == code) {
                    choice.set(*a);
                }
            }>
                {CHOICES.into_iter().map(|(a, code, key)| view! {
                    <option value=code selected=move || choice.get() == a>{move || i18n.t(key)}</option>
                }).collect_view()}
            </select>
            <div class="matrix-scroll">
                <table class="matrix" data-testid="visit-months">
                    <thead><tr>
                        <th scope="col">{move || i18n.t(VKey::Month)}</th>
                        <th scope="col">{move || i18n.t(VKey::Planned)}</th>
                        <th scope="col">{move || i18n.t(VKey::Done)}</th>
                        <th scope="col">{move || i18n.t(VKey::Cancelled)}</th>
                        <th scope="col">{move || i18n.t(VKey::Target)}</th>
                        <th scope="col">{move || i18n.t(VKey::Standing)}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let (summary, quarterly) = table.get();
                            summary.into_iter().map(|row| {
                                let standing = row.standing;
                                let code = match standing {
                                    Standing::Met => "met",
                                    Standing::OnTrack => "on-track",
                                    Standing::Below => "below",
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{move || data::month(i18n, row.month)}</th>
                                        <td>{row.planned}</td>
                                        <td>{row.done}</td>
                                        <td>{row.cancelled}</td>
                                        <td>
                                            {row.target}
                                            {quarterly.then(|| view! {
                                                " " {move || i18n.t(VKey::PerQuarter)} " · " {move || i18n.count(row.done_in_period, VCount::DoneInQuarter)}
                                            })}
                                        </td>
                                        <td data-standing=code>{move || i18n.t(standing_key(standing))}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
