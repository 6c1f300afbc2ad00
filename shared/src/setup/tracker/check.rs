//! Checking one row alone: every cell parsed and looked up, every problem named.

use std::collections::BTreeMap;

use crate::catalogue::Catalogue;
use crate::documents::mentee::{self, InputError, association_code, cadre_from_code, mentor_id};
use crate::domain::{CompetencyId, Date, MentorAffiliation, MentorId, Score};
use crate::rules::ValidationPolicy;

use super::ids::{MenteeKey, name_key, named_mentor_id};
use super::{Known, KnownFacility, KnownUser, ObservedCase, Problem, TrackerKind, TrackerRow};

/// Every mentor affiliation, for the `mentor_association` column.
const AFFILIATIONS: [MentorAffiliation; 7] = [
    MentorAffiliation::Rpa,
    MentorAffiliation::Ram,
    MentorAffiliation::Rsog,
    MentorAffiliation::DistrictBased,
    MentorAffiliation::HealthCentreStaff,
    MentorAffiliation::Ceho,
    MentorAffiliation::RbcClinicalMentor,
];

/// The most decimals a percentage may have (kept exactly).
const MAX_DECIMALS: u32 = 6;

/// A mentor or validator as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Person {
    pub id: MentorId,
    pub name: String,
    pub association: Option<MentorAffiliation>,
}

/// A row whose every cell is usable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Checked {
    pub row: usize,
    pub key: MenteeKey,
    pub name: String,
    pub phone: Option<String>,
    pub district: String,
    pub mentor: Person,
    pub competency: CompetencyId,
    pub kind: TrackerKind,
    pub version: u32,
    pub date: Date,
    pub score: Score,
    pub critical_steps_done: Option<bool>,
    pub case: Option<ObservedCase>,
    pub validation: Option<(Date, Person)>,
}

/// What rows are checked against, indexed once.
pub(super) struct Lookup<'a> {
    facilities: BTreeMap<&'a str, &'a KnownFacility>,
    facility_names: BTreeMap<String, Vec<&'a KnownFacility>>,
    users: BTreeMap<&'a str, &'a KnownUser>,
    catalogue: &'a Catalogue,
    today: Date,
    policy: ValidationPolicy,
}

impl<'a> Lookup<'a> {
    pub fn new(known: &'a Known, catalogue: &'a Catalogue, today: Date) -> Self {
        let mut facility_names: BTreeMap<String, Vec<&KnownFacility>> = BTreeMap::new();
        for facility in &known.facilities {
            facility_names
                .entry(name_key(&facility.name))
                .or_default()
                .push(facility);
        }
        Self {
            facilities: known
                .facilities
                .iter()
                .map(|f| (f.id.as_str(), f))
                .collect(),
            facility_names,
            users: known
                .users
                .iter()
                .map(|u| (u.username.as_str(), u))
                .collect(),
            catalogue,
            today,
            policy: ValidationPolicy::default(),
        }
    }

    /// The row checked, or every problem it has.
    pub fn check(&self, row: &TrackerRow) -> Result<Checked, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut note = |problem| problems.push(problem);
        let name = match mentee::clean_name(&row.mentee_name) {
            Ok(name) => Some(name),
            Err(InputError::TooLong) => {
                note(too_long("mentee_name"));
                None
            }
            Err(_) => {
                note(missing("mentee_name"));
                None
            }
        };
        let cadre = required(&row.cadre, "cadre", &mut note).and_then(|code| {
            let found = cadre_from_code(&code.to_lowercase());
            if found.is_none() {
                note(Problem::UnknownCadre {
                    cadre: code.to_owned(),
                });
            }
            found
        });
        let facility = required(&row.facility, "facility_code", &mut note)
            .and_then(|code| self.facility(code).map_err(&mut note).ok());
        let phone = match mentee::clean_phone(&row.phone) {
            Ok(phone) => phone,
            Err(InputError::TooLong) => {
                note(too_long("phone"));
                None
            }
            Err(_) => {
                note(Problem::BadPhone);
                None
            }
        };
        let mentor = self.mentor(row).map_err(&mut note).ok();
        let kind = required(&row.kind, "kind", &mut note).and_then(|code| {
            let code = code.to_lowercase();
            let found = TrackerKind::ALL.into_iter().find(|k| k.code() == code);
            if found.is_none() {
                note(Problem::UnknownKind {
                    kind: row.kind.clone(),
                });
            }
            found
        });
        let competency = required(&row.competency, "competency", &mut note).and_then(|id| {
            let found = self
                .catalogue
                .competency(&CompetencyId::new(id.to_lowercase()));
            if found.is_none() {
                note(Problem::UnknownCompetency {
                    competency: id.to_owned(),
                });
            }
            found
        });
        let version = match (competency, kind) {
            (Some(competency), Some(kind)) => {
                let version = match kind {
                    TrackerKind::Observation => competency.checklists.last().map(|c| c.version),
                    _ => competency.knowledge_tests.last().map(|t| t.version),
                };
                if version.is_none() {
                    note(Problem::NoCurrentVersion {
                        competency: competency.id.as_str().to_owned(),
                        kind: match kind {
                            TrackerKind::Observation => "checklist",
                            _ => "knowledge test",
                        }
                        .to_owned(),
                    });
                }
                version
            }
            _ => None,
        };
        let date = required(&row.date, "date", &mut note)
            .and_then(|text| self.date("date", text).map_err(&mut note).ok());
        let score = required(&row.score, "score", &mut note)
            .and_then(|text| parse_score(text).map_err(&mut note).ok());
        let observation = kind == Some(TrackerKind::Observation);
        let critical_steps_done = if observation {
            required(&row.critical_steps_done, "critical_steps_done", &mut note)
                .and_then(|text| yes_no("critical_steps_done", text).map_err(&mut note).ok())
        } else {
            if kind.is_some() && !row.critical_steps_done.is_empty() {
                note(Problem::NotAnObservation {
                    column: "critical_steps_done".to_owned(),
                });
            }
            None
        };
        let case = if row.case.is_empty() {
            None
        } else if kind.is_some() && !observation {
            note(Problem::NotAnObservation {
                column: "case".to_owned(),
            });
            None
        } else {
            match row.case.to_lowercase().as_str() {
                "real" => Some(ObservedCase::Real),
                "simulated" | "simulation" => Some(ObservedCase::Simulated),
                _ => {
                    note(Problem::UnknownCase {
                        case: row.case.clone(),
                    });
                    None
                }
            }
        };
        let validation = self.validation(row, kind, date, score, critical_steps_done, &mut note);
        match (
            name, cadre, facility, mentor, competency, kind, version, date, score, validation,
        ) {
            (
                Some(name),
                Some(cadre),
                Some(facility),
                Some(mentor),
                Some(competency),
                Some(kind),
                Some(version),
                Some(date),
                Some(score),
                Ok(validation),
            ) if problems.is_empty() => Ok(Checked {
                row: row.row,
                key: MenteeKey::new(&facility.id, &name, cadre),
                name,
                phone,
                district: facility.district.clone(),
                mentor,
                competency: competency.id.clone(),
                kind,
                version,
                date,
                score,
                critical_steps_done,
                case,
                validation,
            }),
            _ => Err(problems),
        }
    }

    /// A facility by code, or by its name when only one facility has it.
    fn facility(&self, text: &str) -> Result<&'a KnownFacility, Problem> {
        if let Some(found) = self
            .facilities
            .get(text)
            .or_else(|| self.facilities.get(text.to_lowercase().as_str()))
        {
            return Ok(found);
        }
        match self.facility_names.get(&name_key(text)).map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some([_, _, ..]) => Err(Problem::AmbiguousFacility {
                facility: text.to_owned(),
            }),
            _ => Err(Problem::UnknownFacility {
                facility: text.to_owned(),
            }),
        }
    }

    fn user(&self, column: &str, username: &str) -> Result<&'a KnownUser, Problem> {
        self.users
            .get(username)
            .or_else(|| self.users.get(username.to_lowercase().as_str()))
            .copied()
            .ok_or_else(|| Problem::UnknownUser {
                column: column.to_owned(),
                username: username.to_owned(),
            })
    }

    fn mentor(&self, row: &TrackerRow) -> Result<Person, Problem> {
        let association = if row.mentor_association.is_empty() {
            None
        } else {
            Some(parse_association(&row.mentor_association)?)
        };
        if !row.mentor_username.is_empty() {
            let user = self.user("mentor_username", &row.mentor_username)?;
            return Ok(Person {
                id: mentor_id(&user.username),
                name: user.display_name.clone(),
                association: association.or(user.association),
            });
        }
        match (row.mentor_name.is_empty(), association) {
            (false, Some(association)) => {
                let name = mentee::clean_name(&row.mentor_name).map_err(|e| match e {
                    InputError::TooLong => too_long("mentor_name"),
                    _ => Problem::NoMentor,
                })?;
                Ok(Person {
                    id: named_mentor_id(&name, association),
                    name,
                    association: Some(association),
                })
            }
            _ => Err(Problem::NoMentor),
        }
    }

    fn date(&self, column: &str, text: &str) -> Result<Date, Problem> {
        let date = Date::parse(text).map_err(|_| Problem::BadDate {
            column: column.to_owned(),
            value: text.to_owned(),
        })?;
        if date > self.today {
            return Err(Problem::FutureDate {
                column: column.to_owned(),
                date: date.to_string(),
            });
        }
        Ok(date)
    }

    /// The row's validation, if it has one; `Err` when it has one that cannot be taken.
    fn validation(
        &self,
        row: &TrackerRow,
        kind: Option<TrackerKind>,
        date: Option<Date>,
        score: Option<Score>,
        critical_steps_done: Option<bool>,
        note: &mut impl FnMut(Problem),
    ) -> Result<Option<(Date, Person)>, ()> {
        let (on, by) = (&row.validation_date, &row.validator_username);
        if on.is_empty() && by.is_empty() {
            return Ok(None);
        }
        if on.is_empty() || by.is_empty() {
            note(Problem::IncompleteValidation {
                missing: if on.is_empty() {
                    "validation_date"
                } else {
                    "validator_username"
                }
                .to_owned(),
            });
            return Err(());
        }
        if kind.is_some_and(|k| k != TrackerKind::Observation) {
            note(Problem::NotAnObservation {
                column: "validation_date".to_owned(),
            });
            return Err(());
        }
        let validated_on = self.date("validation_date", on).map_err(&mut *note);
        let validator = self.user("validator_username", by).map_err(&mut *note);
        let (Ok(validated_on), Ok(validator)) = (validated_on, validator) else {
            return Err(());
        };
        let mut ok = true;
        if let Some(date) = date.filter(|d| validated_on < *d) {
            note(Problem::ValidationBeforeAssessment {
                validation_date: validated_on.to_string(),
                date: date.to_string(),
            });
            ok = false;
        }
        if let Some(score) = score.filter(|s| !s.meets(self.policy.pass_mark)) {
            note(Problem::BelowPassMark {
                score,
                pass_mark_percent: u8::try_from(self.policy.pass_mark.basis_points() / 100)
                    .unwrap_or(100),
            });
            ok = false;
        }
        if critical_steps_done == Some(false) && self.policy.require_all_critical_steps {
            note(Problem::CriticalStepsMissed);
            ok = false;
        }
        if !ok {
            return Err(());
        }
        Ok(Some((
            validated_on,
            Person {
                id: mentor_id(&validator.username),
                name: validator.display_name.clone(),
                association: validator.association,
            },
        )))
    }
}

fn missing(column: &str) -> Problem {
    Problem::MissingValue {
        column: column.to_owned(),
    }
}

fn too_long(column: &str) -> Problem {
    Problem::TooLong {
        column: column.to_owned(),
        max: mentee::MAX_TEXT,
    }
}

/// The cell, or a `MissingValue` noted when it is empty.
fn required<'t>(text: &'t str, column: &str, note: &mut impl FnMut(Problem)) -> Option<&'t str> {
    if text.is_empty() {
        note(missing(column));
        None
    } else {
        Some(text)
    }
}

fn yes_no(column: &str, text: &str) -> Result<bool, Problem> {
    match text.to_lowercase().as_str() {
        "yes" | "y" | "oui" | "true" | "1" => Ok(true),
        "no" | "n" | "non" | "false" | "0" => Ok(false),
        _ => Err(Problem::BadYesNo {
            column: column.to_owned(),
            value: text.to_owned(),
        }),
    }
}

/// Any mentor affiliation by its code (`rpa`, `district_based`, …; any case).
pub fn parse_association(text: &str) -> Result<MentorAffiliation, Problem> {
    let code = text.to_lowercase();
    AFFILIATIONS
        .into_iter()
        .find(|a| association_code(*a) == code)
        .ok_or_else(|| Problem::UnknownAssociation {
            association: text.to_owned(),
        })
}

/// A percentage (`87.5`, `87,5`, `87.5%`) or items done (`14/16`), exactly.
pub(super) fn parse_score(text: &str) -> Result<Score, Problem> {
    let bad = || Problem::BadScore {
        score: text.to_owned(),
    };
    let out_of_range = || Problem::ScoreOutOfRange {
        score: text.to_owned(),
    };
    let number = |s: &str| -> Result<u32, Problem> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse::<u32>().map_err(|_| out_of_range())
    };
    if let Some((done, total)) = text.split_once('/') {
        let (done, total) = (number(done)?, number(total)?);
        return Score::new(done, total).map_err(|_| out_of_range());
    }
    let percent = text.trim().strip_suffix('%').unwrap_or(text).trim();
    let (whole, fraction) = percent.split_once(['.', ',']).unwrap_or((percent, ""));
    let decimals = u32::try_from(fraction.len()).map_err(|_| bad())?;
    if decimals > MAX_DECIMALS || (!fraction.is_empty() && number(fraction).is_err()) {
        return Err(bad());
    }
    let whole = number(whole)?;
    if whole > 100 {
        return Err(out_of_range());
    }
    let scale = 10u32.pow(decimals);
    let fraction = if fraction.is_empty() {
        0
    } else {
        number(fraction)?
    };
    let achieved = whole * scale + fraction;
    Score::new(achieved, 100 * scale).map_err(|_| out_of_range())
}
