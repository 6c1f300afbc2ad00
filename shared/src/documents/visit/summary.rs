//! Visits done against planned, month by month, compared with the programme's cadence target:
//! what a facility's leadership and the district supervisor check each month.

use super::VisitState;
use crate::domain::date::days_in_month;
use crate::domain::{Date, YearMonth};
use crate::rules::{CadencePeriod, CadenceTarget};

/// How a month's visits compare with the cadence target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Enough visits were done.
    Met,
    /// Not enough done yet, but enough are planned (or under way).
    OnTrack,
    /// Fewer visits planned than the target.
    Below,
}

/// One month of the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthRow {
    pub month: YearMonth,
    /// Visits starting this month that were not cancelled (planned, in progress or done).
    pub planned: u32,
    /// Visits starting this month that are done.
    pub done: u32,
    pub cancelled: u32,
    /// Visits the cadence expects over the period this month is judged on: the month itself,
    /// or its quarter for a quarterly target (weekly targets are scaled to the month's days).
    pub target: u32,
    /// Done visits over that same period.
    pub done_in_period: u32,
    pub standing: Standing,
}

/// Every month from `from` to `to`, both included (empty when `to` is earlier).
pub fn months_between(from: YearMonth, to: YearMonth) -> Vec<YearMonth> {
    let index = |m: YearMonth| i64::from(m.year) * 12 + i64::from(m.month) - 1;
    (index(from)..=index(to))
        .filter_map(|i| {
            let year = i32::try_from(i.div_euclid(12)).ok()?;
            let month = u8::try_from(i.rem_euclid(12) + 1).ok()?;
            Some(YearMonth { year, month })
        })
        .collect()
}

fn quarter(month: YearMonth) -> (i32, u8) {
    (month.year, month.month.saturating_sub(1) / 3)
}

/// The visits the target expects in `month`'s period (see [`MonthRow::target`]).
fn expected(target: CadenceTarget, month: YearMonth) -> u32 {
    let visits = u32::from(target.visits);
    match target.per {
        CadencePeriod::Month | CadencePeriod::Quarter => visits,
        CadencePeriod::Week => visits * u32::from(days_in_month(month.year, month.month)) / 7,
    }
}

/// The summary for `months`, from each visit's start date and state.
pub fn month_summary(
    visits: &[(Date, VisitState)],
    target: CadenceTarget,
    months: &[YearMonth],
) -> Vec<MonthRow> {
    let in_period = |visit_month: YearMonth, month: YearMonth| match target.per {
        CadencePeriod::Quarter => quarter(visit_month) == quarter(month),
        CadencePeriod::Month | CadencePeriod::Week => visit_month == month,
    };
    let count = |keep: &dyn Fn(YearMonth, VisitState) -> bool| {
        let n = visits
            .iter()
            .filter(|(start, state)| keep(YearMonth::of(*start), *state))
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    months
        .iter()
        .map(|&month| {
            let here = |m: YearMonth| m == month;
            let planned = count(&|m, s| here(m) && s != VisitState::Cancelled);
            let done = count(&|m, s| here(m) && s == VisitState::Done);
            let cancelled = count(&|m, s| here(m) && s == VisitState::Cancelled);
            let done_in_period = count(&|m, s| in_period(m, month) && s == VisitState::Done);
            let planned_in_period =
                count(&|m, s| in_period(m, month) && s != VisitState::Cancelled);
            let target = expected(target, month);
            let standing = if done_in_period >= target {
                Standing::Met
            } else if planned_in_period >= target {
                Standing::OnTrack
            } else {
                Standing::Below
            };
            MonthRow {
                month,
                planned,
                done,
                cancelled,
                target,
                done_in_period,
                standing,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
