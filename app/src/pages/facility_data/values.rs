//! One indicator's card for the chosen month: the value to enter (a count, or numerator and
//! denominator for a rate), what is saved, and the 12-month trend.
//!
//! What is typed is kept as a draft at every keystroke, so a reload keeps it; the card is built
//! once per month and indicator, so saving does not rebuild it and lose its message.

use leptos::prelude::*;
use mentora_shared::documents::facility_data::{
    self as fd, Indicator, Measure, MonthlyValue, ValueEntry,
};
use mentora_shared::domain::YearMonth;

use super::chart::TrendChart;
use super::keys::{FKey, percent};
use super::store::{self, Entry};
use super::{Ctx, error_key};
use crate::catalogue::text;
use crate::components::{SaveOutcome, Saving};
use crate::drafts;
use crate::error::AppError;
use crate::i18n::{Lang, use_i18n};
use crate::platform;

const FORM: &str = "facility-value";

/// How many months the trend covers.
pub const TREND_MONTHS: u32 = 12;

fn saved_text(lang: Lang, value: MonthlyValue) -> String {
    match value {
        MonthlyValue::Count(n) => n.to_string(),
        MonthlyValue::Rate {
            numerator,
            denominator,
        } => match value.plotted() {
            Some(p) => format!("{numerator} / {denominator} = {}", percent(lang, p)),
            None => format!("{numerator} / {denominator}"),
        },
    }
}

fn typed(value: MonthlyValue) -> (String, String) {
    match value {
        MonthlyValue::Count(n) => (n.to_string(), String::new()),
        MonthlyValue::Rate {
            numerator,
            denominator,
        } => (numerator.to_string(), denominator.to_string()),
    }
}

#[component]
pub fn IndicatorCard(ctx: Ctx, indicator: Indicator, month: YearMonth) -> impl IntoView {
    let i18n = use_i18n();
    let key = fd::entry_key(&indicator.id, month);
    let subject = format!("{}.{key}", ctx.place.id);
    let saved = {
        let key = key.clone();
        Memo::new(move |_| ctx.loaded.with(|l| l.merged.values.get(&key).cloned()))
    };
    let initial = drafts::load::<(String, String)>(&ctx.username, FORM, &subject)
        .or_else(|| saved.get_untracked().map(|r| typed(r.entry.value)))
        .unwrap_or_default();
    let first = RwSignal::new(initial.0);
    let second = RwSignal::new(initial.1);
    let saving = Saving::new();
    let status = saving.status;
    let draft = StoredValue::new((ctx.username.clone(), subject));
    let keep_draft = move || {
        draft.with_value(|(user, subject)| {
            drafts::save(
                user,
                FORM,
                subject,
                &(first.get_untracked(), second.get_untracked()),
            )
        })
    };
    let measure = indicator.measure;
    let place = ctx.place.clone();
    let entered_by = ctx.shown_name.clone();
    let save_key = key.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = match fd::parse_value(measure, &first.get_untracked(), &second.get_untracked())
        {
            Ok(value) => value,
            Err(err) => {
                status.set(Some(Err(AppError::invalid(error_key(err)))));
                return;
            }
        };
        let entry = Entry::Value(ValueEntry {
            value,
            entered_by: entered_by.clone(),
            updated_ms: platform::now_ms(),
        });
        let (place, key) = (place.clone(), save_key.clone());
        saving.run(
            store::save(ctx.sync, place, month.year, key, entry),
            move |()| draft.with_value(|(user, subject)| drafts::clear(user, FORM, subject)),
        );
    };
    let dom = format!("value-{}", indicator.id);
    // `None`: the app's own "Count" label; else the indicator's words in each language.
    let (first_label, second_label) = match indicator.measure {
        Measure::Count => (None, None),
        Measure::Rate {
            numerator,
            denominator,
        } => (Some(numerator), Some(denominator)),
    };
    let label = move |words: Option<(&'static str, &'static str, &'static str)>| {
        move || match (words, i18n.lang()) {
            (None, _) => i18n.t(FKey::Count),
            (Some((en, _, _)), Lang::En) => en,
            (Some((_, fr, _)), Lang::Fr) => fr,
            (Some((_, _, rw)), Lang::Rw) => rw,
        }
    };
    // The trend always ends with the current month, whichever month is being entered.
    let this_month = YearMonth::of(platform::today());
    let series = {
        let id = indicator.id.clone();
        Signal::derive(move || {
            ctx.loaded
                .with(|l| fd::trend(&l.merged, &id, this_month, TREND_MONTHS))
        })
    };
    let name = indicator.name.clone();
    let slug = indicator.id.clone();
    view! {
        <form class="form card-form indicator-card" on:submit=submit data-indicator=slug>
            <h3>{move || text(i18n, &name)}</h3>
            <div class="value-fields">
                <div>
                    <label for=format!("{dom}-a")>{label(first_label)}</label>
                    <input id=format!("{dom}-a") type="number" inputmode="numeric" min="0" step="1"
                        prop:value=first on:input=move |ev| { first.set(event_target_value(&ev)); keep_draft(); } />
                </div>
                {second_label.map(|l| view! {
                    <div>
                        <label for=format!("{dom}-b")>{label(Some(l))}</label>
                        <input id=format!("{dom}-b") type="number" inputmode="numeric" min="0" step="1"
                            prop:value=second on:input=move |ev| { second.set(event_target_value(&ev)); keep_draft(); } />
                    </div>
                })}
            </div>
            <p class="muted saved-value">
                {move || match saved.get() {
                    None => i18n.t(FKey::NotEntered).to_owned(),
                    Some(r) => format!("{}: {} · {} {}", i18n.t(FKey::Saved), saved_text(i18n.lang(), r.entry.value), i18n.t(FKey::EnteredBy), r.entry.entered_by),
                }}
            </p>
            {move || saved.get().filter(|r| r.conflict).map(|_| view! { <p class="notice" role="status">{i18n.t(FKey::Conflict)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, FKey::SaveValue)}
            </button>
            <TrendChart indicator series />
        </form>
    }
}
