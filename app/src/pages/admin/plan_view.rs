//! An import plan in words: how many places would be added, changed or are already there, the
//! rows to fix (each named by row and place, the problem translated), and the places to add
//! and change.

use leptos::prelude::*;
use mentora_shared::setup::places::{Plan, Problem, RowError};

use crate::i18n::{I18n, Text, use_i18n};

crate::i18n::keys! { VKey;
    Summary => "{adds} to add, {changes} to change, {unchanged} already here.", "{adds} à ajouter, {changes} à modifier, {unchanged} déjà présents.";
    Skipped => "Left out: {n} units at DHIS2 level {level}.", "Laissées de côté : {n} unités au niveau DHIS2 {level}.";
    Nothing => "Nothing to change: every place in the file is already here.", "Rien à changer : chaque lieu du fichier est déjà présent.";
    ErrorsTitle => "Rows to fix before importing ({n})", "Lignes à corriger avant d’importer ({n})";
    Row => "Row {row} ({place}): {problem}", "Ligne {row} ({place}) : {problem}";
    AddsTitle => "To add", "À ajouter";
    ChangesTitle => "To change", "À modifier";
    Code => "Code", "Code";
    Name => "Name", "Nom";
    Level => "Level", "Niveau";
    Parent => "Parent", "Parent";
    Before => "Now", "Actuellement";
    After => "After the import", "Après l’importation";
    MissingValue => "no {column}", "pas de {column}";
    BadId => "'{id}' is not a usable code (lower-case letters, digits, '-' and '_')", "« {id} » n’est pas un code utilisable (minuscules, chiffres, « - » et « _ »)";
    TooLong => "the {column} is over {max} characters", "le champ {column} dépasse {max} caractères";
    UnknownLevel => "unknown level '{level}'", "niveau inconnu « {level} »";
    FacilityLevelUnknown => "its name does not say the facility level: choose a level for such facilities", "son nom ne dit pas le niveau de l’établissement : choisissez un niveau pour ces établissements";
    DuplicateId => "code '{id}' appears twice", "le code « {id} » apparaît deux fois";
    DuplicateDhis2Id => "DHIS2 id {id} appears twice", "l’identifiant DHIS2 {id} apparaît deux fois";
    UnknownParent => "unknown parent '{parent}'", "parent inconnu « {parent} »";
    WrongParentLevel => "parent '{parent}' is a {level}, not one level up", "le parent « {parent} » est de niveau {level}, pas le niveau juste au-dessus";
    MissingParent => "no parent (only a country has none)", "pas de parent (seul un pays n’en a pas)";
    Dhis2IdTaken => "DHIS2 id {id} already belongs to '{place}'", "l’identifiant DHIS2 {id} appartient déjà à « {place} »";
    HoldsRecords => "records were made at this place: it cannot move or change kind", "des fiches ont été faites dans ce lieu : il ne peut ni changer de parent ni de type";
}

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
