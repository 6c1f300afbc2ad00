//! The demo's assessments (scored by the real rules against the catalogue) and validations.

use super::DemoError;
use super::demo_uuid;
use super::people::*;
use super::visits::visit_id;
use crate::catalogue::Catalogue;
use crate::date;
use crate::domain::*;
use crate::rules::{self, ValidationPolicy};

enum Kind {
    Test(TestPhase, usize),
    Observe(
        ObservationPurpose,
        CaseKind,
        &'static [&'static str],
        &'static [&'static str],
    ),
    Group(&'static [&'static str], &'static [&'static str]),
}

struct Spec {
    n: u128,
    date: Date,
    mentee: MenteeId,
    assessor: MentorId,
    competency: &'static str,
    visit: Option<u128>,
    kind: Kind,
}

pub const ICCM_SESSION: ChwGroupSessionId = ChwGroupSessionId::from_u128(demo_uuid(0xa001));
pub const CBMNH_SESSION: ChwGroupSessionId = ChwGroupSessionId::from_u128(demo_uuid(0xa002));

fn specs() -> Vec<Spec> {
    use Kind::*;
    use ObservationPurpose::*;
    use TestPhase::*;
    let sim = CaseKind::Simulated;
    let real = CaseKind::Real {
        patient_consent: true,
    };
    let no_pph: &[&str] = &["section:atony"];
    let positive_rdt: &[&str] = &["rectal_artesunate", "negative_result"];
    let spec = |n, date, mentee, assessor, competency, visit, kind| Spec {
        n,
        date,
        mentee,
        assessor,
        competency,
        visit,
        kind,
    };
    let mut list = vec![
        spec(
            1,
            date!(2019, 9, 10),
            JEAN_BOSCO,
            ALINE_RAM,
            "hbb",
            Some(1),
            Test(PreTest, 3),
        ),
        spec(
            2,
            date!(2019, 9, 11),
            JEAN_BOSCO,
            ALINE_RAM,
            "hbb",
            Some(1),
            Observe(
                Baseline,
                sim,
                &["ventilate_within_minute", "rate_40", "check_equipment"],
                &[],
            ),
        ),
        spec(
            3,
            date!(2019, 11, 12),
            JEAN_BOSCO,
            ALINE_RAM,
            "hbb",
            Some(3),
            Observe(PostMentorship, sim, &[], &[]),
        ),
        spec(
            4,
            date!(2019, 11, 13),
            JEAN_BOSCO,
            ALINE_RAM,
            "hbb",
            Some(3),
            Test(PostTest, 6),
        ),
        spec(
            5,
            date!(2019, 10, 8),
            DIANE,
            CLAUDINE_RSOG,
            "amtsl_pph",
            Some(2),
            Test(PreTest, 2),
        ),
        spec(
            6,
            date!(2020, 2, 11),
            DIANE,
            CLAUDINE_RSOG,
            "amtsl_pph",
            Some(4),
            Observe(PostMentorship, real, &["inspect_tears"], no_pph),
        ),
        spec(
            7,
            date!(2020, 3, 10),
            OLIVIER,
            ERIC_RPA,
            "hbb",
            Some(5),
            Observe(PostMentorship, sim, &["dry_thoroughly"], &[]),
        ),
        spec(
            8,
            date!(2020, 8, 4),
            OLIVIER,
            ERIC_RPA,
            "hbb",
            Some(6),
            Observe(PostMentorship, sim, &[], &[]),
        ),
        spec(
            9,
            date!(2020, 8, 11),
            GRACE,
            CLAUDINE_RSOG,
            "severe_pre_eclampsia",
            Some(7),
            Test(PreTest, 3),
        ),
        spec(
            10,
            date!(2020, 10, 6),
            GRACE,
            CLAUDINE_RSOG,
            "severe_pre_eclampsia",
            Some(10),
            Observe(
                PostMentorship,
                sim,
                &["proteinuria", "fluid_balance", "postpartum_monitoring"],
                &["convulsion_first_aid", "document_refer"],
            ),
        ),
        spec(
            11,
            date!(2020, 12, 8),
            GRACE,
            CLAUDINE_RSOG,
            "severe_pre_eclampsia",
            Some(11),
            Observe(
                PostMentorship,
                real,
                &["proteinuria"],
                &["convulsion_first_aid", "document_refer"],
            ),
        ),
        spec(
            12,
            date!(2020, 12, 8),
            GRACE,
            CLAUDINE_RSOG,
            "severe_pre_eclampsia",
            Some(11),
            Test(PostTest, 5),
        ),
        spec(
            13,
            date!(2020, 9, 15),
            EMMANUEL,
            ALINE_RAM,
            "eceb",
            Some(8),
            Observe(Baseline, real, &["breastfeed_first_hour", "weigh"], &[]),
        ),
        spec(
            14,
            date!(2021, 2, 16),
            EMMANUEL,
            ALINE_RAM,
            "eceb",
            Some(12),
            Observe(Coaching, real, &["vitamin_k"], &[]),
        ),
        spec(
            15,
            date!(2020, 9, 22),
            DIANE,
            ALINE_RAM,
            "eceb",
            Some(9),
            Observe(PostMentorship, real, &[], &[]),
        ),
        spec(
            16,
            date!(2020, 11, 3),
            SOLANGE,
            JEAN_BOSCO_DISTRICT,
            "imci_danger_signs",
            Some(13),
            Test(PreTest, 2),
        ),
        spec(
            17,
            date!(2020, 11, 3),
            SOLANGE,
            JEAN_BOSCO_DISTRICT,
            "imci_danger_signs",
            Some(13),
            Observe(
                Baseline,
                real,
                &["look_lethargic", "classify_very_severe", "immunization"],
                &["diarrhoea", "pre_referral_treatment", "refer_urgently"],
            ),
        ),
        spec(
            18,
            date!(2021, 1, 12),
            SOLANGE,
            JEAN_BOSCO_DISTRICT,
            "imci_danger_signs",
            Some(15),
            Observe(
                PostMentorship,
                real,
                &[],
                &[
                    "diarrhoea",
                    "fever",
                    "pre_referral_treatment",
                    "refer_urgently",
                ],
            ),
        ),
        spec(
            19,
            date!(2021, 1, 12),
            SOLANGE,
            JEAN_BOSCO_DISTRICT,
            "imci_danger_signs",
            Some(15),
            Test(PostTest, 6),
        ),
        spec(
            20,
            date!(2020, 11, 5),
            THEOGENE,
            JEAN_BOSCO_DISTRICT,
            "implant_insertion",
            Some(14),
            Observe(Baseline, sim, &["local_anaesthesia", "counsel_after"], &[]),
        ),
        spec(
            21,
            date!(2021, 3, 9),
            THEOGENE,
            JEAN_BOSCO_DISTRICT,
            "implant_insertion",
            Some(17),
            Observe(PostMentorship, real, &["record"], &[]),
        ),
        spec(
            22,
            date!(2021, 2, 10),
            CHANTAL,
            JEAN_BOSCO_DISTRICT,
            "amtsl_pph",
            Some(16),
            Test(PreTest, 4),
        ),
        spec(
            23,
            date!(2021, 2, 10),
            CHANTAL,
            JEAN_BOSCO_DISTRICT,
            "amtsl_pph",
            Some(16),
            Observe(
                Coaching,
                sim,
                &["controlled_cord_traction", "monitor_two_hours"],
                no_pph,
            ),
        ),
    ];
    let chw_results: [&'static [&'static str]; 6] = [
        &[],
        &[],
        &[],
        &[],
        &["read_on_time"],
        &["label", "sharps", "record"],
    ];
    for (index, (&chw, not_done)) in CHWS.iter().zip(chw_results).enumerate() {
        let n = 31 + u128::try_from(index).unwrap_or(0);
        list.push(spec(
            n,
            date!(2021, 3, 18),
            chw,
            VESTINE_CEHO,
            "iccm_malaria",
            None,
            Group(not_done, positive_rdt),
        ));
    }
    list
}

/// The checklist and test version the demo's records were made with. They date from 2019–2021,
/// before any version 2 was published, and results keep the version they were made with: a
/// newer catalogue version must not change the demo's scores, validations or figures.
const DEMO_VERSION: u32 = 1;

fn wrong_option(question: &crate::catalogue::Question) -> Option<OptionId> {
    question
        .options
        .iter()
        .find(|option| option.id != question.answer)
        .map(|option| option.id.clone())
}

fn build(catalogue: &Catalogue, spec: Spec) -> Result<Assessment, DemoError> {
    let competency = catalogue
        .competency(&CompetencyId::new(spec.competency))
        .ok_or_else(|| DemoError::UnknownCompetency(spec.competency.to_owned()))?;
    let unknown = || DemoError::UnknownCompetency(spec.competency.to_owned());
    let mark_steps = |not_done: &[&str],
                      not_applicable: &[&str]|
     -> Result<(Score, ChecklistResult), DemoError> {
        let checklist = competency.checklist(DEMO_VERSION).ok_or_else(unknown)?;
        let responses = checklist
            .sections
            .iter()
            .flat_map(|section| section.items.iter().map(move |item| (section, item)))
            .map(|(section, item)| {
                let listed = |list: &[&str]| {
                    list.iter().any(|entry| {
                        *entry == item.id.as_str()
                            || entry.strip_prefix("section:") == Some(section.id.as_str())
                    })
                };
                let mark = if listed(not_done) {
                    ItemMark::NotDone
                } else if listed(not_applicable) {
                    ItemMark::NotApplicable
                } else {
                    ItemMark::Done
                };
                ItemResponse {
                    item: item.id.clone(),
                    mark,
                }
            })
            .collect();
        Ok(rules::checklist_result(checklist, responses)?)
    };
    let (kind, score) = match spec.kind {
        Kind::Test(phase, correct) => {
            let test = competency
                .knowledge_test(DEMO_VERSION)
                .ok_or_else(unknown)?;
            let answers: Vec<KnowledgeAnswer> = test
                .questions
                .iter()
                .enumerate()
                .map(|(index, question)| KnowledgeAnswer {
                    question: question.id.clone(),
                    chosen: if index < correct {
                        Some(question.answer.clone())
                    } else {
                        wrong_option(question)
                    },
                })
                .collect();
            let score = rules::score_knowledge_test(test, &answers)?;
            (
                AssessmentKind::KnowledgeTest {
                    phase,
                    test_version: test.version,
                    answers,
                },
                score,
            )
        }
        Kind::Observe(purpose, case, not_done, not_applicable) => {
            let (score, result) = mark_steps(not_done, not_applicable)?;
            (
                AssessmentKind::Observation {
                    purpose,
                    case,
                    result,
                },
                score,
            )
        }
        Kind::Group(not_done, not_applicable) => {
            let (score, result) = mark_steps(not_done, not_applicable)?;
            (
                AssessmentKind::ChwGroupAssessment {
                    session: ICCM_SESSION,
                    result,
                },
                score,
            )
        }
    };
    Ok(Assessment {
        id: AssessmentId::from_u128(demo_uuid(0x6000 + spec.n)),
        mentee: spec.mentee,
        assessor: spec.assessor,
        competency: competency.id.clone(),
        date: spec.date,
        visit: spec.visit.map(visit_id),
        kind,
        score,
        recorded_at: None,
    })
}

pub fn assessments(catalogue: &Catalogue) -> Result<Vec<Assessment>, DemoError> {
    specs()
        .into_iter()
        .map(|spec| build(catalogue, spec))
        .collect()
}

/// Validates, in date order, every assessment that meets the default policy.
pub fn validations(assessments: &[Assessment]) -> Vec<Validation> {
    let mut ordered: Vec<&Assessment> = assessments.iter().collect();
    ordered.sort_by_key(|a| a.order_key());
    let mut validations = Vec::new();
    for candidate in ordered {
        let id = ValidationId::from_u128(demo_uuid(
            0x7001 + u128::try_from(validations.len()).unwrap_or(0),
        ));
        if let Ok(validation) = rules::validate(
            &ValidationPolicy::default(),
            id,
            candidate,
            assessments,
            &validations,
        ) {
            validations.push(validation);
        }
    }
    validations
}
