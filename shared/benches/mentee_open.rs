//! What opening a mentee costs on the device (not a timed test): a record with 50 assessments
//! (observations with every step marked, feedback, tests) across 5 competencies, in one
//! Automerge document as the app stores it. Measures the three steps the mentee screen takes —
//! load the stored bytes, read record + history, evaluate each competency's readiness — and
//! prints the median and worst of 200 runs. Native timings; the browser's wasm runs roughly
//! 1.5–3× slower. Reproduce: `cargo bench -p mentora-shared --bench mentee_open`.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use automerge::Automerge;
use mentora_shared::catalogue::Catalogue;
use mentora_shared::documents::mentee::{
    self, AssessmentEntry, Feedback, MenteeRecord, add_assessment, read_history,
};
use mentora_shared::domain::{
    Assessment, AssessmentId, AssessmentKind, CaseKind, Date, ItemMark, ItemResponse, MenteeId,
    ObservationPurpose, Score, TestPhase,
};
use mentora_shared::rules::{ValidationPolicy, checklist_result, readiness};

const ASSESSMENTS: usize = 50;
const RUNS: usize = 200;

fn build(catalogue: &Catalogue) -> Vec<u8> {
    let competencies: Vec<_> = catalogue.competencies.iter().take(5).collect();
    let mut doc = Automerge::new();
    let record = MenteeRecord {
        name: "Aline Uwase".to_owned(),
        cadre: mentora_shared::domain::Cadre::Midwife,
        facility: "rango-hc".to_owned(),
        phone: None,
        association: None,
        competencies: competencies
            .iter()
            .map(|c| c.id.to_string())
            .collect::<BTreeSet<_>>(),
    };
    mentee::write_new(&mut doc, &record).expect("new record");
    for i in 0..ASSESSMENTS {
        let competency = competencies[i % competencies.len()];
        let date = Date::new(2024, 1, 1).expect("date").plus_days(i as i64 * 7);
        let (kind, score) = if i % 5 == 0 {
            let kind = AssessmentKind::KnowledgeTest {
                phase: if i < 25 {
                    TestPhase::PreTest
                } else {
                    TestPhase::PostTest
                },
                test_version: 1,
                answers: Vec::new(),
            };
            (kind, Score::new(4, 6).expect("score"))
        } else {
            let checklist = competency.current_checklist().expect("checklist");
            let responses = checklist
                .items()
                .enumerate()
                .map(|(n, item)| ItemResponse {
                    item: item.id.clone(),
                    mark: if (n + i) % 4 == 0 {
                        ItemMark::NotDone
                    } else {
                        ItemMark::Done
                    },
                })
                .collect();
            let (score, result) = checklist_result(checklist, responses).expect("scored");
            let kind = AssessmentKind::Observation {
                purpose: ObservationPurpose::Coaching,
                case: CaseKind::Simulated,
                result,
            };
            (kind, score)
        };
        let entry = AssessmentEntry {
            assessment: Assessment {
                id: AssessmentId::from_u128(i as u128 + 1),
                mentee: MenteeId::from_u128(1),
                assessor: mentee::mentor_id("mentor"),
                competency: competency.id.clone(),
                date,
                visit: None,
                kind,
                score,
                recorded_at: None,
            },
            assessor_name: "Mentor Name".to_owned(),
            feedback: Some(Feedback {
                went_well: "Dried and stimulated the baby promptly; good bag and mask seal."
                    .to_owned(),
                to_improve: "Check the heart rate before deciding on ventilation.".to_owned(),
            }),
            // As the app saves it: the assessor's association, from their account.
            association: Some(mentora_shared::domain::MentorAffiliation::Rpa),
        };
        // One change per saved form, as on the tablet.
        add_assessment(&mut doc, &entry).expect("saved");
    }
    doc.save()
}

fn main() {
    let catalogue = Catalogue::load_builtin().expect("catalogue");
    let bytes = build(&catalogue);
    let policy = ValidationPolicy::default();
    let mut load = Vec::with_capacity(RUNS);
    let mut read = Vec::with_capacity(RUNS);
    let mut rules = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let doc = Automerge::load(&bytes).expect("load");
        let loaded = start.elapsed();
        let record = mentee::read(&doc).expect("record");
        let history = read_history(&doc).expect("history");
        let read_done = start.elapsed();
        for competency in &record.competencies {
            let id = mentora_shared::domain::CompetencyId::new(competency.as_str());
            std::hint::black_box(readiness(&policy, &history.assessments_of(&id), &[]));
        }
        let all = start.elapsed();
        load.push(loaded);
        read.push(read_done - loaded);
        rules.push(all - read_done);
        assert_eq!(history.assessments.len(), ASSESSMENTS);
    }
    let stat = |v: &mut Vec<Duration>| {
        v.sort();
        (v[v.len() / 2], v[v.len() - 1])
    };
    println!(
        "mentee with {ASSESSMENTS} assessments: document {} bytes",
        bytes.len()
    );
    for (name, v) in [
        ("load bytes", &mut load),
        ("read record + history", &mut read),
        ("readiness ×5", &mut rules),
    ] {
        let (median, worst) = stat(v);
        println!(
            "  {name:<24} median {:>8.3} ms   worst {:>8.3} ms",
            median.as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3
        );
    }
}
