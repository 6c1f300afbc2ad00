//! What a visit follows up: the actions of a facility's open projects that are not done yet,
//! soonest due first, with those past their due date flagged. Pure: the caller passes today.

use super::{ActionItem, ActionStatus, QiProject};
use crate::domain::Date;

/// One action to follow up, with the project it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp<K> {
    /// Whatever the caller identifies projects by (a document id in the app).
    pub project: K,
    pub gap: String,
    pub key: String,
    pub action: ActionItem,
    pub overdue: bool,
}

/// Overdue: the due date has passed (due today is not yet overdue) and it is not done.
pub fn is_overdue(action: &ActionItem, today: Date) -> bool {
    action.status != ActionStatus::Done && action.due < today
}

/// The actions not done in the open projects at `facility`, by due date (then project, then
/// action, so the order is the same on every device). Closed projects are not followed up.
pub fn open_actions<'a, K: Clone + Ord + 'a>(
    projects: impl IntoIterator<Item = (K, &'a QiProject)>,
    facility: &str,
    today: Date,
) -> Vec<FollowUp<K>> {
    let mut out: Vec<FollowUp<K>> = projects
        .into_iter()
        .filter(|(_, project)| project.facility == facility && project.is_open())
        .flat_map(|(id, project)| {
            project
                .actions
                .iter()
                .filter(|(_, action)| action.status != ActionStatus::Done)
                .map(move |(key, action)| FollowUp {
                    project: id.clone(),
                    gap: project.gap.clone(),
                    key: key.clone(),
                    action: action.clone(),
                    overdue: is_overdue(action, today),
                })
        })
        .collect();
    out.sort_by(|a, b| (a.action.due, &a.project, &a.key).cmp(&(b.action.due, &b.project, &b.key)));
    out
}

/// Only the overdue ones among [`open_actions`], in the same order.
pub fn overdue_actions<'a, K: Clone + Ord + 'a>(
    projects: impl IntoIterator<Item = (K, &'a QiProject)>,
    facility: &str,
    today: Date,
) -> Vec<FollowUp<K>> {
    let mut all = open_actions(projects, facility, today);
    all.retain(|f| f.overdue);
    all
}
