//! Data verification: pick an indicator and month, enter the value reported and the value
//! recounted from the register; the factor and what it means are shown before saving and kept
//! with the entry. The form is a draft at every keystroke.

use leptos::prelude::*;
use mentora_shared::catalogue::DataVerificationForm;
use mentora_shared::documents::facility_data::{self as fd, VerificationEntry};
use mentora_shared::domain::{Percent, YearMonth};
use serde::{Deserialize, Serialize};

use super::keys::{FKey, factor_text, month_name};
use super::store::{self, Entry};
use super::{Ctx, MonthSelect, error_key};
use crate::catalogue::text;
use crate::components::{SaveOutcome, Saving};
use crate::drafts;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform;

const FORM: &str = "data-verification";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct VerificationFields {
    indicator: String,
    month: Option<YearMonth>,
    reported: String,
    recounted: String,
    note: String,
}

#[component]
pub fn Verification(ctx: Ctx, form: Option<DataVerificationForm>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(form) = form.filter(|f| !f.indicators.is_empty()) else {
        return view! {
            <section aria-labelledby="fd-verify-title">
                <h2 id="fd-verify-title">{move || i18n.t(FKey::Verification)}</h2>
                <p class="notice">{move || i18n.t(FKey::NoIndicators)}</p>
            </section>
        }
        .into_any();
    };
    let tolerance_bp = form.tolerance_basis_points;
    let tolerance = Percent::from_basis_points(tolerance_bp).unwrap_or(Percent::whole(10));
    let indicators = StoredValue::new(form.indicators.clone());
    let draft_key = StoredValue::new((ctx.username.clone(), ctx.place.id.clone()));
    let restored =
        drafts::load::<VerificationFields>(&ctx.username, FORM, &ctx.place.id).unwrap_or_default();
    let first_indicator = form
        .indicators
        .first()
        .map(|i| i.id.to_string())
        .unwrap_or_default();
    let indicator = RwSignal::new(
        Some(restored.indicator.clone())
            .filter(|id| form.indicators.iter().any(|i| i.id.as_str() == id))
            .unwrap_or(first_indicator),
    );
    let month = RwSignal::new(
        restored
            .month
            .unwrap_or_else(|| fd::month_back(YearMonth::of(platform::today()), 1)),
    );
    let reported = RwSignal::new(restored.reported);
    let recounted = RwSignal::new(restored.recounted);
    let note = RwSignal::new(restored.note);
    let saving = Saving::new();
    let status = saving.status;
    let snapshot = move || VerificationFields {
        indicator: indicator.get_untracked(),
        month: Some(month.get_untracked()),
        reported: reported.get_untracked(),
        recounted: recounted.get_untracked(),
        note: note.get_untracked(),
    };
    let keep_draft = move || {
        draft_key.with_value(|(user, place)| drafts::save(user, FORM, place, &snapshot()));
    };
    Effect::new(move |_| {
        // A month or indicator change is kept too.
        indicator.track();
        month.track();
        keep_draft();
    });
    let preview = move || {
        let reported = fd::parse_number(&reported.get()).ok()?;
        let recounted = fd::parse_number(&recounted.get()).ok()?;
        let (factor, accuracy) = fd::interpret(&indicator.get(), reported, recounted, tolerance);
        Some(factor_text(i18n, factor, accuracy, tolerance_bp))
    };
    let source = move || {
        let id = indicator.get();
        indicators.with_value(|list| {
            list.iter()
                .find(|i| i.id.as_str() == id)
                .map(|i| text(i18n, &i.source))
        })
    };
    let place = ctx.place.clone();
    let by = ctx.shown_name.clone();
    let sync = ctx.sync;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = fd::parse_number(&reported.get_untracked()).and_then(|r| {
            Ok((
                r,
                fd::parse_number(&recounted.get_untracked())?,
                fd::clean_note(&note.get_untracked())?,
            ))
        });
        let (rep, rec, clean) = match parsed {
            Ok(values) => values,
            Err(err) => {
                status.set(Some(Err(AppError::invalid(error_key(err)))));
                return;
            }
        };
        let id = indicator.get_untracked();
        let (factor, accuracy) = fd::interpret(&id, rep, rec, tolerance);
        let when = month.get_untracked();
        let entry = Entry::Verification(VerificationEntry {
            reported: rep,
            recounted: rec,
            verified_on: platform::today(),
            verified_by: by.clone(),
            note: clean,
            tolerance_basis_points: tolerance_bp,
            factor,
            accuracy,
            updated_ms: platform::now_ms(),
        });
        let place = place.clone();
        saving.run(
            store::save(sync, place, when.year, fd::entry_key(&id, when), entry),
            move |()| {
                reported.set(String::new());
                recounted.set(String::new());
                note.set(String::new());
                draft_key.with_value(|(user, place)| drafts::clear(user, FORM, place));
            },
        );
    };
    view! {
        <section aria-labelledby="fd-verify-title" data-testid="data-verification">
            <h2 id="fd-verify-title">{move || i18n.t(FKey::Verification)}</h2>
            <form class="form card-form" on:submit=submit>
                <p class="muted">{move || i18n.t(FKey::VerificationIntro)}</p>
                <label for="dv-indicator">{move || i18n.t(FKey::Indicator)}</label>
                <select id="dv-indicator" on:change=move |ev| indicator.set(event_target_value(&ev))>
                    {indicators.get_value().into_iter().map(|i| {
                        let id = i.id.to_string();
                        let value = id.clone();
                        view! { <option value=value selected=move || indicator.get() == id>{move || text(i18n, &i.name)}</option> }
                    }).collect_view()}
                </select>
                <p class="muted">{move || i18n.t(FKey::Source)} ": " {source}</p>
                <label for="dv-month">{move || i18n.t(FKey::Month)}</label>
                <MonthSelect id="dv-month" month />
                <label for="dv-reported">{move || i18n.t(FKey::Reported)}</label>
                <input id="dv-reported" type="number" inputmode="numeric" min="0" step="1" prop:value=reported
                    on:input=move |ev| { reported.set(event_target_value(&ev)); keep_draft(); } />
                <label for="dv-recounted">{move || i18n.t(FKey::Recounted)}</label>
                <input id="dv-recounted" type="number" inputmode="numeric" min="0" step="1" prop:value=recounted
                    on:input=move |ev| { recounted.set(event_target_value(&ev)); keep_draft(); } />
                <label for="dv-note">{move || i18n.t(FKey::Note)}</label>
                <textarea id="dv-note" rows="2" prop:value=note
                    on:input=move |ev| { note.set(event_target_value(&ev)); keep_draft(); }></textarea>
                <p class="factor" role="status" aria-live="polite" data-testid="factor">
                    <strong>{move || i18n.t(FKey::Factor)} ": "</strong>
                    {move || preview().unwrap_or_else(|| i18n.t(FKey::FactorHelp).to_owned())}
                </p>
                <SaveOutcome status />
                <button type="submit" disabled=move || saving.busy()>
                    {move || saving.label(i18n, FKey::SaveVerification)}
                </button>
            </form>
            <PastVerifications ctx indicators=form.indicators />
        </section>
    }
    .into_any()
}

/// Every verification kept for the facility, newest month first.
#[component]
fn PastVerifications(
    ctx: Ctx,
    indicators: Vec<mentora_shared::catalogue::IndicatorDefinition>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let mut rows: Vec<_> = ctx.loaded.with(|l| {
            l.merged
                .verifications
                .iter()
                .filter_map(|(key, r)| {
                    let (id, month) = fd::parse_key(key)?;
                    Some((month, id.to_owned(), r.clone()))
                })
                .collect()
        });
        rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        rows
    };
    view! {
        <h3>{move || i18n.t(FKey::PastVerifications)}</h3>
        {move || {
            let rows = rows();
            if rows.is_empty() {
                return view! { <p class="muted">{i18n.t(FKey::NoVerifications)}</p> }.into_any();
            }
            view! {
                <ul class="card-list verifications" data-testid="verification-list">
                    {rows.into_iter().map(|(month, id, r)| {
                        let name = indicators.iter().find(|i| i.id.as_str() == id).map(|i| i.name.clone());
                        let e = r.entry;
                        view! {
                            <li class="card">
                                <p><strong>{move || name.as_ref().map(|n| text(i18n, n)).unwrap_or_else(|| id.clone())}</strong>
                                   " · " {move || month_name(i18n.lang(), month)}</p>
                                <p>{move || i18n.t(FKey::Reported)} ": " {e.reported} " · " {move || i18n.t(FKey::Recounted)} ": " {e.recounted}</p>
                                <p class="factor">{move || i18n.t(FKey::Factor)} ": " {move || factor_text(i18n, e.factor, e.accuracy, e.tolerance_basis_points)}</p>
                                <p class="muted">{move || i18n.t(FKey::VerifiedBy)} " " {e.verified_by.clone()} " " {move || i18n.t(FKey::On)} " " {e.verified_on.to_string()}</p>
                                {(!e.note.is_empty()).then(|| view! { <p>{e.note.clone()}</p> })}
                                {r.conflict.then(|| view! { <p class="notice">{move || i18n.t(FKey::Conflict)}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}
