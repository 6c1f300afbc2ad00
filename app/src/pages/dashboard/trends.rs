//! Trend charts drawn as SVG by the app: grouped bars with the value written on each bar, a
//! legend in words, and the whole series in the chart's `<desc>` as its text alternative.

use leptos::prelude::*;
use mentora_shared::documents::visit::months_between;
use mentora_shared::domain::YearMonth;
use mentora_shared::reports::dashboard::{
    pre_post_by_competency, validations_per_month, visits_per_month,
};

use super::keys::{DKey, competency_name, month_name, month_short, percent};
use super::{CALENDAR, Ctx};
use crate::i18n::use_i18n;

const HEIGHT: f64 = 170.0;
const PAD: f64 = 16.0;
const BASE: f64 = HEIGHT - 26.0;
const BAR: f64 = 16.0;
const GAP: f64 = 12.0;

/// One group of bars: the short label under it, the long one read aloud, one value per series.
#[derive(Clone, Debug, PartialEq)]
struct Group {
    short: String,
    long: String,
    values: Vec<Option<u32>>,
}

/// Grouped bars; `top` fixes the scale (100 for percentages), otherwise the largest value.
#[component]
fn BarChart(
    testid: &'static str,
    title: DKey,
    series: Vec<DKey>,
    groups: Signal<Vec<Group>>,
    top: Option<u32>,
    is_percent: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let series_count = series.len().max(1);
    let names = series.clone();
    let desc = move || {
        let lang = i18n.lang();
        groups.with(|gs| {
            gs.iter()
                .map(|g| {
                    let values: Vec<String> = g
                        .values
                        .iter()
                        .zip(&names)
                        .map(|(v, name)| {
                            let v = match v {
                                Some(v) if is_percent => percent(lang, *v),
                                Some(v) => v.to_string(),
                                None => i18n.t(DKey::NoScore).to_owned(),
                            };
                            format!("{} {v}", i18n.t(*name))
                        })
                        .collect();
                    format!("{}: {}", g.long, values.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let width = move || {
        let n = groups.with(Vec::len) as f64;
        (2.0 * PAD + n * (series_count as f64 * BAR + GAP)).max(320.0)
    };
    let drawing = move || {
        let lang = i18n.lang();
        let gs = groups.get();
        let max = top.unwrap_or_else(|| {
            gs.iter()
                .flat_map(|g| g.values.iter().flatten().copied())
                .max()
                .unwrap_or(1)
                .max(1)
        });
        let scale = (BASE - PAD - 10.0) / f64::from(max);
        let group_width = series_count as f64 * BAR + GAP;
        gs.into_iter()
            .enumerate()
            .map(|(i, g)| {
                let x0 = PAD + i as f64 * group_width;
                let bars = g
                    .values
                    .iter()
                    .enumerate()
                    .filter_map(|(s, v)| v.map(|v| (s, v)))
                    .map(|(s, v)| {
                        let h = f64::from(v) * scale;
                        let x = x0 + s as f64 * BAR;
                        let label = if is_percent { percent(lang, v) } else { v.to_string() };
                        view! {
                            <rect x=x y=BASE - h width=BAR - 2.0 height=h class=format!("bar s{s}") />
                            <text x=x + (BAR - 2.0) / 2.0 y=BASE - h - 3.0 class="value">{label}</text>
                        }
                    })
                    .collect_view();
                let mid = x0 + (group_width - GAP) / 2.0;
                view! {
                    {bars}
                    <text x=mid y=HEIGHT - 8.0 class="tick middle">{g.short}</text>
                }
            })
            .collect_view()
    };
    let title_id = format!("{testid}-title");
    let desc_id = format!("{testid}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let caption_id = format!("{testid}-caption");
    view! {
        <figure class="bar-chart">
            <figcaption id=caption_id.clone()>{move || i18n.t(title)}</figcaption>
            <div class="chart-scroll" tabindex="0" role="region" aria-labelledby=caption_id>
                <svg viewBox=move || format!("0 0 {} {HEIGHT}", width())
                    role="img" aria-labelledby=labelled_by data-testid=testid>
                    <title id=title_id>{move || i18n.t(title)}</title>
                    <desc id=desc_id>{desc}</desc>
                    <line x1=PAD x2=move || width() - PAD y1=BASE y2=BASE class="axis" />
                    {drawing}
                </svg>
            </div>
            <ul class="legend">
                {series.into_iter().enumerate().map(|(s, name)| view! {
                    <li><span class=format!("swatch s{s}") aria-hidden="true"></span>{move || i18n.t(name)}</li>
                }).collect_view()}
            </ul>
        </figure>
    }
}

/// The 12 months ending with today's.
fn last_twelve(today: YearMonth) -> Vec<YearMonth> {
    let index = i64::from(today.year) * 12 + i64::from(today.month) - 1 - 11;
    let from = YearMonth {
        year: i32::try_from(index.div_euclid(12)).unwrap_or(today.year),
        month: u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
    };
    months_between(from, today)
}

#[component]
pub(super) fn Trends(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let months = last_twelve(YearMonth::of(ctx.today));
    let month_labels = {
        let months = months.clone();
        move || {
            let lang = i18n.lang();
            months
                .iter()
                .map(|m| (month_short(lang, *m), month_name(lang, *m)))
                .collect::<Vec<_>>()
        }
    };
    let validation_months = months.clone();
    let labels = month_labels.clone();
    let validations = Signal::derive(move || {
        let counts = ctx.loaded.with(|l| {
            ctx.filter.with(|f| {
                ctx.areas
                    .with_value(|a| validations_per_month(&l.data, a, f, &validation_months))
            })
        });
        counts
            .iter()
            .zip(labels())
            .map(|(c, (short, long))| Group {
                short,
                long,
                values: vec![Some(c.count)],
            })
            .collect()
    });
    let visits = Signal::derive(move || {
        let rows = ctx
            .loaded
            .with(|l| ctx.filter.with(|f| visits_per_month(&l.data, f, &months)));
        rows.iter()
            .zip(month_labels())
            .map(|(r, (short, long))| Group {
                short,
                long,
                values: vec![Some(r.planned), Some(r.done)],
            })
            .collect()
    });
    let pre_post = Signal::derive(move || {
        let rows = ctx.loaded.with(|l| {
            ctx.filter.with(|f| {
                ctx.areas
                    .with_value(|a| pre_post_by_competency(&l.data, a, CALENDAR, f))
            })
        });
        rows.into_iter()
            .map(|r| {
                let name = competency_name(i18n, r.competency.as_str());
                Group {
                    short: r.competency.to_string(),
                    long: name,
                    values: vec![r.pre_mean.map(|b| b / 100), r.post_mean.map(|b| b / 100)],
                }
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section aria-labelledby="dash-trends" class="dashboard-trends">
            <h2 id="dash-trends">{move || i18n.t(DKey::Trends)}</h2>
            <BarChart testid="trend-validations" title=DKey::ValidationsPerMonth
                series=vec![DKey::Validations] groups=validations top=None is_percent=false />
            {move || if pre_post.with(Vec::is_empty) {
                view! {
                    <p class="muted" data-testid="trend-prepost-empty">{i18n.t(DKey::PrePost)} ": " {i18n.t(DKey::NoTests)}</p>
                }.into_any()
            } else {
                view! {
                    <BarChart testid="trend-prepost" title=DKey::PrePost
                        series=vec![DKey::PreTest, DKey::PostTest] groups=pre_post top=Some(100) is_percent=true />
                }.into_any()
            }}
            <BarChart testid="trend-visits" title=DKey::VisitsPerMonth
                series=vec![DKey::Planned, DKey::Done] groups=visits top=None is_percent=false />
        </section>
    }
}
