//! The visits and QI-actions exports: one row per visit, one row per QI action, from the visit
//! and QI project documents a user may read. Free-text notes are left out (they may name
//! people); the QI gap and action texts stay, since they are what a coordination meeting reviews.

use crate::documents::qi::{ActionStatus, ProjectStatus, QiProject, is_overdue};
use crate::documents::visit::{Activity, ActivityKind, Visit};
use crate::domain::Date;

use super::{ExportTable, date, integer, text};

/// A decoded document with where the server keeps it (header facility and district) and its id
/// (32 lowercase hex digits).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed<T> {
    pub facility: String,
    pub district: String,
    pub id: String,
    pub doc: T,
}

fn sorted<T>(docs: &[Placed<T>], key: impl Fn(&T) -> Date) -> Vec<&Placed<T>> {
    let mut kept: Vec<&Placed<T>> = docs.iter().collect();
    kept.sort_by(|a, b| {
        (&a.district, &a.facility, key(&a.doc), &a.id).cmp(&(
            &b.district,
            &b.facility,
            key(&b.doc),
            &b.id,
        ))
    });
    kept
}

pub fn activity_code(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::EntryMeeting => "entry_meeting",
        ActivityKind::DataReview => "data_review",
        ActivityKind::LdhfSimulation => "ldhf_simulation",
        ActivityKind::CaseObservation => "case_observation",
        ActivityKind::WardRound => "ward_round",
        ActivityKind::Debrief => "debrief",
    }
}

/// One row per visit: when, who, what was planned and what was logged.
pub fn visits_table(visits: &[Placed<Visit>]) -> ExportTable {
    let columns = vec![
        text("visit_id"),
        text("district"),
        text("facility"),
        text("state"),
        date("start"),
        date("end"),
        text("mentors"),
        text("planned_activities"),
        integer("expected_mentees"),
        integer("activities_logged"),
        integer("case_observations"),
        integer("ldhf_participants"),
        text("debrief_held"),
    ];
    let rows = sorted(visits, |v| v.plan.start)
        .into_iter()
        .map(|placed| {
            let visit = &placed.doc;
            let count = |kind: ActivityKind| {
                visit
                    .activities
                    .iter()
                    .filter(|(_, e)| e.activity.kind() == kind)
                    .count()
            };
            let participants: u32 = visit
                .activities
                .iter()
                .map(|(_, e)| match &e.activity {
                    Activity::LdhfSimulation { participants, .. } => u32::from(*participants),
                    _ => 0,
                })
                .sum();
            let planned: Vec<&str> = visit
                .plan
                .activities
                .iter()
                .map(|k| activity_code(*k))
                .collect();
            vec![
                placed.id.clone(),
                placed.district.clone(),
                placed.facility.clone(),
                visit.state.code().to_owned(),
                visit.plan.start.to_string(),
                visit.plan.end.to_string(),
                visit.plan.mentors.join(super::LIST_SEPARATOR),
                planned.join(super::LIST_SEPARATOR),
                visit.plan.expected_mentees.len().to_string(),
                visit.activities.len().to_string(),
                count(ActivityKind::CaseObservation).to_string(),
                participants.to_string(),
                yes_no(count(ActivityKind::Debrief) > 0).to_owned(),
            ]
        })
        .collect();
    ExportTable {
        name: "visits",
        columns,
        rows,
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

fn action_status(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "not_started",
        ActionStatus::InProgress => "in_progress",
        ActionStatus::Done => "done",
    }
}

/// One row per QI action, with its project; `overdue` is judged on `today` (the export date).
pub fn qi_actions_table(projects: &[Placed<QiProject>], today: Date) -> ExportTable {
    let columns = vec![
        text("project_id"),
        text("district"),
        text("facility"),
        text("gap"),
        date("opened_on"),
        text("project_status"),
        text("action_id"),
        text("action"),
        text("owner"),
        date("due"),
        text("status"),
        text("overdue"),
        date("updated"),
    ];
    let mut rows = Vec::new();
    for placed in sorted(projects, |p| p.opened_on) {
        let project = &placed.doc;
        let project_status = match project.status {
            ProjectStatus::Open => "open".to_owned(),
            ProjectStatus::Closed { on } => format!("closed {on}"),
        };
        for (action_id, action) in &project.actions {
            let overdue = project.is_open() && is_overdue(action, today);
            rows.push(vec![
                placed.id.clone(),
                placed.district.clone(),
                placed.facility.clone(),
                project.gap.clone(),
                project.opened_on.to_string(),
                project_status.clone(),
                action_id.clone(),
                action.text.clone(),
                action.owner.clone(),
                action.due.to_string(),
                action_status(action.status).to_owned(),
                yes_no(overdue).to_owned(),
                action.updated.to_string(),
            ]);
        }
    }
    ExportTable {
        name: "qi_actions",
        columns,
        rows,
    }
}

#[cfg(test)]
mod tests;
