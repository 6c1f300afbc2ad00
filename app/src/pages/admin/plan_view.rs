//! An import plan in words: how many places would be added, changed or are already there, the
//! rows to fix (each named by row and place, the problem translated), and the places to add
//! and change.

use leptos::prelude::*;
use mentora_shared::setup::places::{Plan, Problem, RowError};

use crate::i18n::{I18n, Text, use_i18n};

crate::i18n::keys!(VKey, "pages/admin/plan_view");

fn fill(i18n: I18n, key: impl Text, values: &[(&str, &str)]) -> String {
    crate::i18n::fill(i18n.t(key), values)
}

/// One row's problem, in the current language.
pub fn row_text(i18n: I18n, error: &RowError) -> String {
    let problem = problem_text(i18n, &error.problem);
    fill(
        i18n,
        VKey::Row,
        &[
            ("row", &error.row.to_string()),
            ("place", &error.place),
            ("problem", &problem),
        ],
    )
}

/// A problem in the current language, without its row.
pub fn problem_text(i18n: I18n, problem: &Problem) -> String {
    match problem {
        Problem::MissingValue { column } => fill(i18n, VKey::MissingValue, &[("column", column)]),
        Problem::BadId { id } => fill(i18n, VKey::BadId, &[("id", id)]),
        Problem::TooLong { column, max } => fill(
            i18n,
            VKey::TooLong,
            &[("column", column), ("max", &max.to_string())],
        ),
        Problem::UnknownLevel { level } => fill(i18n, VKey::UnknownLevel, &[("level", level)]),
        Problem::FacilityLevelUnknown { .. } => i18n.t(VKey::FacilityLevelUnknown).to_owned(),
        Problem::DuplicateId { id } => fill(i18n, VKey::DuplicateId, &[("id", id)]),
        Problem::DuplicateDhis2Id { dhis2_id } => {
            fill(i18n, VKey::DuplicateDhis2Id, &[("id", dhis2_id)])
        }
        Problem::UnknownParent { parent } => fill(i18n, VKey::UnknownParent, &[("parent", parent)]),
        Problem::WrongParentLevel {
            parent,
            parent_level,
        } => fill(
            i18n,
            VKey::WrongParentLevel,
            &[("parent", parent), ("level", parent_level)],
        ),
        Problem::MissingParent => i18n.t(VKey::MissingParent).to_owned(),
        Problem::Dhis2IdTaken { dhis2_id, place } => fill(
            i18n,
            VKey::Dhis2IdTaken,
            &[("id", dhis2_id), ("place", place)],
        ),
        Problem::HoldsRecords => i18n.t(VKey::HoldsRecords).to_owned(),
    }
}

#[component]
pub fn PlanView(plan: Plan) -> impl IntoView {
    let i18n = use_i18n();
    let summary = fill(
        i18n,
        VKey::Summary,
        &[
            ("adds", &plan.adds.len().to_string()),
            ("changes", &plan.changes.len().to_string()),
            ("unchanged", &plan.unchanged.to_string()),
        ],
    );
    let skipped = plan
        .skipped
        .iter()
        .map(|(level, n)| {
            let text = fill(
                i18n,
                VKey::Skipped,
                &[("n", &n.to_string()), ("level", &level.to_string())],
            );
            view! { <p class="muted">{text}</p> }
        })
        .collect_view();
    let nothing = (plan.is_noop() && plan.errors.is_empty())
        .then(|| view! { <p class="notice ok" role="status">{i18n.t(VKey::Nothing)}</p> });
    let errors = (!plan.errors.is_empty()).then(|| {
        let title = fill(
            i18n,
            VKey::ErrorsTitle,
            &[("n", &plan.errors.len().to_string())],
        );
        view! {
            <div class="notice error" role="alert" data-testid="import-errors">
                <h3>{title}</h3>
                <ul>{plan.errors.iter().map(|e| view! { <li>{row_text(i18n, e)}</li> }).collect_view()}</ul>
            </div>
        }
    });
    let head = move || {
        view! {
            <tr>
                <th scope="col">{i18n.t(VKey::Code)}</th>
                <th scope="col">{i18n.t(VKey::Name)}</th>
                <th scope="col">{i18n.t(VKey::Level)}</th>
                <th scope="col">{i18n.t(VKey::Parent)}</th>
            </tr>
        }
    };
    let adds = (!plan.adds.is_empty()).then(|| view! {
        <h3>{i18n.t(VKey::AddsTitle)}</h3>
        <div class="table-scroll">
            <table data-testid="import-adds">
                <thead>{head()}</thead>
                <tbody>
                    {plan.adds.into_iter().map(|p| view! {
                        <tr><td><code>{p.id}</code></td><td>{p.name}</td><td>{p.level}</td><td>{p.parent_id}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    });
    let changes = (!plan.changes.is_empty()).then(|| {
        view! {
            <h3>{i18n.t(VKey::ChangesTitle)}</h3>
            <ul data-testid="import-changes">
                {plan.changes.into_iter().map(|c| {
                    let show = |p: &mentora_shared::setup::places::Planned| format!(
                        "{} · {} · {} · {}",
                        p.name,
                        p.level,
                        p.parent_id.as_deref().unwrap_or("—"),
                        p.dhis2_id.as_deref().unwrap_or("—"),
                    );
                    view! {
                        <li>
                            <code>{c.after.id.clone()}</code> ": "
                            {i18n.t(VKey::Before)} " " {show(&c.before)} " → "
                            {i18n.t(VKey::After)} " " {show(&c.after)}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class="import-plan" data-testid="import-plan">
            <p data-testid="import-summary">{summary}</p>
            {skipped}
            {nothing}
            {errors}
            {adds}
            {changes}
        </div>
    }
}
