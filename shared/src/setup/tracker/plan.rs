//! From checked rows to a plan: rows grouped into mentees, each mentee resolved to a stored
//! record or a new one, and each assessment and validation either new or already there.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalogue::Catalogue;
use crate::domain::{Assessment, CompetencyId, Date, MenteeId};

use super::check::{Checked, Lookup};
use super::ids::{MenteeKey, assessment_id, name_key, validation_id};
use super::{
    Known, Plan, PlannedAssessment, PlannedMentee, PlannedValidation, Problem, RowError,
    StoredMentee, TrackerKind, TrackerRow,
};

/// Checks `rows` against `known` and the catalogue and plans the import; dates after `today`
/// are errors.
pub fn plan(rows: &[TrackerRow], known: &Known, catalogue: &Catalogue, today: Date) -> Plan {
    let lookup = Lookup::new(known, catalogue, today);
    let mut out = Plan::default();
    let mut groups: BTreeMap<MenteeKey, Vec<Checked>> = BTreeMap::new();
    for row in rows {
        match lookup.check(row) {
            Ok(checked) => groups.entry(checked.key.clone()).or_default().push(checked),
            Err(problems) => out
                .errors
                .extend(problems.into_iter().map(|problem| RowError {
                    row: row.row,
                    problem,
                })),
        }
    }
    let by_id: BTreeMap<MenteeId, &StoredMentee> =
        known.mentees.iter().map(|m| (m.id, m)).collect();
    for (key, rows) in groups {
        let stored = resolve(&key, &by_id, known);
        let mentee_id = stored.map_or_else(|| key.mentee_id(), |m| m.id);
        match stored {
            Some(_) => out.present.mentees += 1,
            None => {
                if let Some(planned) = new_mentee(mentee_id, &rows, &mut out.errors) {
                    out.mentees.push(planned);
                }
            }
        }
        plan_rows(mentee_id, stored, &rows, &mut out);
    }
    out.mentees.sort_by_key(|m| m.rows.first().copied());
    out.assessments.sort_by_key(|a| a.row);
    out.validations.sort_by_key(|v| v.row);
    out.errors.sort_by_key(|e| e.row);
    out
}

/// The stored record a key names: the one the import made (by id), else the one record of the
/// same facility, name and cadre registered on a tablet (the first by id if there are several).
fn resolve<'a>(
    key: &MenteeKey,
    by_id: &BTreeMap<MenteeId, &'a StoredMentee>,
    known: &'a Known,
) -> Option<&'a StoredMentee> {
    by_id.get(&key.mentee_id()).copied().or_else(|| {
        known
            .mentees
            .iter()
            .filter(|m| {
                !m.merged
                    && m.facility == key.facility
                    && m.cadre == key.cadre
                    && name_key(&m.name) == key.name
            })
            .min_by_key(|m| m.id)
    })
}

fn new_mentee(id: MenteeId, rows: &[Checked], errors: &mut Vec<RowError>) -> Option<PlannedMentee> {
    let first = rows.first()?;
    let mut phone: Option<(usize, &String)> = None;
    for row in rows {
        match (phone, &row.phone) {
            (None, Some(p)) => phone = Some((row.row, p)),
            (Some((first_row, p)), Some(q)) if p != q => errors.push(RowError {
                row: row.row,
                problem: Problem::ConflictingPhone { first_row },
            }),
            _ => {}
        }
    }
    Some(PlannedMentee {
        id,
        name: first.name.clone(),
        cadre: first.key.cadre,
        facility: first.key.facility.clone(),
        district: first.district.clone(),
        phone: phone.map(|(_, p)| p.clone()),
        rows: rows.iter().map(|r| r.row).collect(),
    })
}

/// One mentee's assessments and validations.
fn plan_rows(mentee: MenteeId, stored: Option<&StoredMentee>, rows: &[Checked], out: &mut Plan) {
    let stored_ids: BTreeSet<_> = stored
        .map(|m| m.assessments.iter().map(|a| a.id).collect())
        .unwrap_or_default();
    let mut occurrences: BTreeMap<(CompetencyId, TrackerKind, Date), usize> = BTreeMap::new();
    let mut seen: BTreeMap<(CompetencyId, TrackerKind, Date, u32, u32), usize> = BTreeMap::new();
    // Every assessment of the mentee once the plan is written, to count evaluations.
    let mut all: Vec<Assessment> = stored.map(|m| m.assessments.clone()).unwrap_or_default();
    let mut validating: Vec<(&Checked, PlannedAssessment)> = Vec::new();
    for row in rows {
        let same = (
            row.competency.clone(),
            row.kind,
            row.date,
            row.score.achieved(),
            row.score.applicable(),
        );
        if let Some(first_row) = seen.get(&same) {
            out.errors.push(RowError {
                row: row.row,
                problem: Problem::DuplicateRow {
                    first_row: *first_row,
                },
            });
            continue;
        }
        seen.insert(same, row.row);
        let occurrence = occurrences
            .entry((row.competency.clone(), row.kind, row.date))
            .or_default();
        let id = assessment_id(mentee, &row.competency, row.kind, row.date, *occurrence);
        *occurrence += 1;
        let planned = PlannedAssessment {
            row: row.row,
            id,
            mentee,
            mentee_name: row.name.clone(),
            facility: row.key.facility.clone(),
            competency: row.competency.clone(),
            kind: row.kind,
            version: row.version,
            date: row.date,
            score: row.score,
            critical_steps_done: row.critical_steps_done,
            case: row.case,
            assessor: row.mentor.id,
            assessor_name: row.mentor.name.clone(),
            association: row.mentor.association,
        };
        if row.validation.is_some() {
            validating.push((row, planned.clone()));
        }
        if stored_ids.contains(&id) {
            out.present.assessments += 1;
        } else {
            all.push(planned.entry().assessment);
            out.assessments.push(planned);
        }
    }
    let validated = stored.map(|m| &m.validated);
    let mut first_validation: BTreeMap<CompetencyId, usize> = BTreeMap::new();
    for (row, assessment) in validating {
        let Some((date, validator)) = &row.validation else {
            continue;
        };
        if let Some(first_row) = first_validation.get(&row.competency) {
            out.errors.push(RowError {
                row: row.row,
                problem: Problem::ValidatedTwice {
                    first_row: *first_row,
                },
            });
            continue;
        }
        first_validation.insert(row.competency.clone(), row.row);
        if validated.is_some_and(|v| v.contains(&row.competency)) {
            out.present.validations += 1;
            continue;
        }
        let candidate = assessment.entry().assessment;
        let evaluations = all
            .iter()
            .filter(|a| {
                a.competency == row.competency
                    && a.is_validation_evidence()
                    && a.order_key() <= candidate.order_key()
            })
            .count();
        out.validations.push(PlannedValidation {
            row: row.row,
            id: validation_id(mentee, &row.competency),
            mentee,
            mentee_name: row.name.clone(),
            competency: row.competency.clone(),
            date: *date,
            assessment: assessment.id,
            evaluations_to_validation: u32::try_from(evaluations).unwrap_or(u32::MAX),
            validated_by: validator.id,
            validator_name: validator.name.clone(),
            association: validator.association,
        });
    }
}
