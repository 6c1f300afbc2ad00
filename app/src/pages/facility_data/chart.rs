//! The 12-month trend of one indicator: a line broken where a month has no value (a gap is not a
//! zero), with the whole series in words as the chart's text alternative.

use leptos::prelude::*;
use mentora_shared::documents::facility_data::{self as fd, Indicator, MonthlyValue, TrendPoint};

use super::keys::{FKey, month_name, percent};
use crate::catalogue::text;
use crate::i18n::{I18n, Lang, use_i18n};

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 130.0;
const PAD: f64 = 14.0;
/// The zero line; month labels go below it.
const BASE: f64 = HEIGHT - 22.0;

/// The value as written in the text alternative: "72% (23/32)" or "14".
fn spoken(lang: Lang, value: MonthlyValue) -> String {
    match value {
        MonthlyValue::Count(n) => n.to_string(),
        MonthlyValue::Rate {
            numerator,
            denominator,
        } => match value.plotted() {
            Some(p) => format!("{} ({numerator}/{denominator})", percent(lang, p)),
            None => format!("{numerator}/{denominator}"),
        },
    }
}

/// "Name — Last 12 months: October 2026: 72% (23/32), November 2026: 80% (8/10); 10 months
/// without a value".
fn summary(i18n: I18n, indicator: &Indicator, series: &[TrendPoint]) -> String {
    let lang = i18n.lang();
    let present: Vec<String> = series
        .iter()
        .filter_map(|p| {
            p.value
                .map(|v| format!("{}: {}", month_name(lang, p.month), spoken(lang, v)))
        })
        .collect();
    let missing = series.len() - present.len();
    let listed = if present.is_empty() {
        i18n.t(FKey::NoValues).to_owned()
    } else {
        present.join(", ")
    };
    let gaps = if missing > 0 && !present.is_empty() {
        format!("; {missing} {}", i18n.t(FKey::MonthsMissing))
    } else {
        String::new()
    };
    format!(
        "{} — {}: {listed}{gaps}",
        text(i18n, &indicator.name),
        i18n.t(FKey::Trend)
    )
}

#[component]
pub fn TrendChart(indicator: Indicator, series: Signal<Vec<TrendPoint>>) -> impl IntoView {
    let i18n = use_i18n();
    let is_rate = indicator.is_rate();
    let label_indicator = indicator.clone();
    let label = move || series.with(|s| summary(i18n, &label_indicator, s));
    let drawing = move || {
        let points = series.get();
        let top = if is_rate {
            100
        } else {
            points
                .iter()
                .filter_map(|p| p.value.and_then(MonthlyValue::plotted))
                .max()
                .unwrap_or(1)
                .max(1)
        };
        let step = (WIDTH - 2.0 * PAD) / (points.len().max(2) - 1) as f64;
        let at = |i: usize, v: u32| {
            let x = PAD + step * i as f64;
            let y = PAD + (f64::from(top) - f64::from(v)) * (BASE - PAD) / f64::from(top);
            (x, y)
        };
        // Consecutive months with a value form one line; a gap starts a new one.
        let mut lines: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        let mut dots = Vec::new();
        for (i, point) in points.iter().enumerate() {
            match point.value.and_then(MonthlyValue::plotted) {
                Some(v) => {
                    let xy = at(i, v);
                    if let Some(line) = lines.last_mut() {
                        line.push(xy);
                    }
                    dots.push((xy, *point));
                }
                None => lines.push(Vec::new()),
            }
        }
        let lang = i18n.lang();
        let code = |p: Option<&TrendPoint>| p.map(|p| fd::month_code(p.month)).unwrap_or_default();
        let (first_month, last_month) = (code(points.first()), code(points.last()));
        view! {
            <line x1=PAD x2=WIDTH - PAD y1=BASE y2=BASE class="axis" />
            <line x1=PAD x2=WIDTH - PAD y1=PAD y2=PAD class="axis top" />
            <text x=PAD y=PAD - 3.0 class="tick">{if is_rate { percent(lang, top) } else { top.to_string() }}</text>
            <text x=PAD y=HEIGHT - 6.0 class="tick">{first_month}</text>
            <text x=WIDTH - PAD y=HEIGHT - 6.0 class="tick end">{last_month}</text>
            {lines.into_iter().filter(|l| l.len() > 1).map(|line| {
                let points = line.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ");
                view! { <polyline points=points class="series" /> }
            }).collect_view()}
            {dots.into_iter().map(|((x, y), point)| {
                let title = point.value.map(|v| format!("{}: {}", month_name(lang, point.month), spoken(lang, v))).unwrap_or_default();
                view! { <circle cx=x cy=y r="5" class="point"><title>{title}</title></circle> }
            }).collect_view()}
        }
    };
    view! {
        <svg class="trend-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label
            data-testid=format!("trend-{}", indicator.id)>
            {drawing}
        </svg>
    }
}
