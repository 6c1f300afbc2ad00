//! Coverage reports: visit compliance against cadence targets, CHW group coverage per quarter,
//! and the cascade (validated mentees who became mentors, and how deep the chain goes).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::fiscal::{FiscalCalendar, FiscalQuarter};
use super::tables::count;
use crate::domain::{
    Cadre, Dataset, Date, MenteeId, MentorId, Proportion, TechnicalArea, VisitStatus,
};
use crate::rules::{CadencePeriod, GroupSizeFlag, ProgrammeRules};

/// Visits of one mentor in a period against the cadence target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitCompliance {
    pub mentor: MentorId,
    /// What the cadence target asks for, over the mentor's assigned facilities; `None` when the
    /// mentor's kind has no target.
    pub expected: Option<u32>,
    /// Visits scheduled in the period, whatever happened to them.
    pub planned: u32,
    pub done: u32,
    pub cancelled: u32,
}

/// Compliance of every mentor of `rules.programme` between `from` and `to` (inclusive).
pub fn visit_compliance(
    dataset: &Dataset,
    rules: &ProgrammeRules,
    from: Date,
    to: Date,
) -> Vec<VisitCompliance> {
    let months = i64::from(
        to.year() * 12 + i32::from(to.month()) - from.year() * 12 - i32::from(from.month()) + 1,
    )
    .max(0);
    let weeks = (from.days_until(to) + 1).max(0) / 7;
    dataset
        .mentors
        .iter()
        .filter(|mentor| mentor.programme == rules.programme)
        .map(|mentor| {
            let visits: Vec<_> = dataset
                .visits
                .iter()
                .filter(|visit| {
                    visit.mentors.contains(&mentor.id) && (from..=to).contains(&visit.start)
                })
                .collect();
            let with_status =
                |status| count(visits.iter().filter(|visit| visit.status == status).count());
            let expected = rules.cadence_for(mentor.affiliation).map(|target| {
                let periods = match target.per {
                    CadencePeriod::Week => weeks,
                    CadencePeriod::Month => months,
                    CadencePeriod::Quarter => (months + 2) / 3,
                };
                let facilities =
                    i64::try_from(mentor.assigned_facilities.len()).unwrap_or(i64::MAX);
                u32::try_from(periods * i64::from(target.visits) * facilities).unwrap_or(u32::MAX)
            });
            VisitCompliance {
                mentor: mentor.id,
                expected,
                planned: count(visits.len()),
                done: with_status(VisitStatus::Done),
                cancelled: with_status(VisitStatus::Cancelled),
            }
        })
        .collect()
}

/// CHW group mentorship in one quarter and technical area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChwCoverage {
    pub quarter: FiscalQuarter,
    pub technical_area: TechnicalArea,
    pub sessions: u32,
    /// Sessions whose group size is outside the programme's range.
    pub sessions_flagged: u32,
    /// Distinct CHWs reached, over every CHW registered in the dataset.
    pub chws_reached: Proportion,
}

/// Rows sorted by quarter then area; only quarters and areas with sessions appear.
pub fn chw_coverage(
    dataset: &Dataset,
    calendar: FiscalCalendar,
    rules: &ProgrammeRules,
) -> Vec<ChwCoverage> {
    let registered = count(
        dataset
            .mentees
            .iter()
            .filter(|mentee| mentee.cadre == Cadre::Chw)
            .count(),
    );
    let mut groups: BTreeMap<(FiscalQuarter, TechnicalArea), (u32, u32, BTreeSet<MenteeId>)> =
        BTreeMap::new();
    for session in &dataset.chw_sessions {
        let (sessions, flagged, reached) = groups
            .entry((calendar.quarter(session.date), session.technical_area))
            .or_default();
        *sessions += 1;
        if rules.chw_group_size.flag(session.participants.len()) != GroupSizeFlag::WithinRange {
            *flagged += 1;
        }
        reached.extend(session.participants.iter().copied());
    }
    groups
        .into_iter()
        .map(
            |((quarter, technical_area), (sessions, sessions_flagged, reached))| ChwCoverage {
                quarter,
                technical_area,
                sessions,
                sessions_flagged,
                chws_reached: Proportion::new(count(reached.len()), registered),
            },
        )
        .collect()
}

/// The cascade: who mentors because they were validated, and how many generations deep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CascadeReport {
    /// Generation of each mentor: 0 for a mentor not promoted from a mentee, 1 for a mentee
    /// validated by a generation-0 mentor, and so on. Sorted by mentor id.
    pub generations: Vec<(MentorId, u32)>,
    pub max_depth: u32,
    /// Mentors promoted from mentees, over all mentors.
    pub mentors_from_cascade: Proportion,
    /// Validated mentees who became mentors, over validated mentees.
    pub validated_mentees_now_mentoring: Proportion,
}

pub fn cascade(dataset: &Dataset) -> CascadeReport {
    let first_validator = |mentee: MenteeId| {
        dataset
            .validations
            .iter()
            .filter(|validation| validation.mentee == mentee)
            .min_by_key(|validation| (validation.date, validation.id))
            .map(|validation| validation.validated_by)
    };
    let generation = |start: MentorId| {
        let mut depth = 0;
        let mut current = dataset.mentor(start);
        // A chain longer than the number of mentors would be a cycle in bad data: stop there.
        while let Some(parent) = current
            .and_then(|mentor| mentor.promoted_from)
            .and_then(first_validator)
            .filter(|_| depth < count(dataset.mentors.len()))
        {
            depth += 1;
            current = dataset.mentor(parent);
        }
        depth
    };
    let mut generations: Vec<(MentorId, u32)> = dataset
        .mentors
        .iter()
        .map(|mentor| (mentor.id, generation(mentor.id)))
        .collect();
    generations.sort_unstable();
    let promoted: BTreeSet<MenteeId> = dataset
        .mentors
        .iter()
        .filter_map(|mentor| mentor.promoted_from)
        .collect();
    let validated: BTreeSet<MenteeId> = dataset
        .validations
        .iter()
        .map(|validation| validation.mentee)
        .collect();
    CascadeReport {
        max_depth: generations
            .iter()
            .map(|(_, depth)| *depth)
            .max()
            .unwrap_or(0),
        mentors_from_cascade: Proportion::new(count(promoted.len()), count(dataset.mentors.len())),
        validated_mentees_now_mentoring: Proportion::new(
            count(validated.intersection(&promoted).count()),
            count(validated.len()),
        ),
        generations,
    }
}
