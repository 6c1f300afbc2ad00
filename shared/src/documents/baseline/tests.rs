use automerge::transaction::Transactable as _;

use super::*;
use crate::catalogue::Catalogue;
use crate::documents::mentee::MAX_NOTE;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn tool() -> FacilityTool {
    Catalogue::load_builtin()
        .unwrap()
        .current_baseline_tool()
        .unwrap()
        .clone()
}

/// Every item of the tool answered `answer`.
fn all(answer: BaselineAnswer) -> BTreeMap<String, BaselineAnswer> {
    tool()
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .map(|item| (item.id.as_str().to_owned(), answer))
        .collect()
}

fn baseline(answers: BTreeMap<String, BaselineAnswer>) -> Baseline {
    Baseline {
        facility: "rango-hc".to_owned(),
        date: date("2024-05-02"),
        tool_version: 1,
        assessor: "Mentor".to_owned(),
        notes: "Generator broken since March".to_owned(),
        answers,
    }
}

#[test]
fn an_assessment_round_trips() {
    let mut doc = Automerge::new();
    let mut answers = all(BaselineAnswer::Yes);
    answers.insert("water".to_owned(), BaselineAnswer::Partial);
    write_new(&mut doc, &baseline(answers.clone())).unwrap();
    assert_eq!(read(&doc).unwrap(), baseline(answers));
}

#[test]
fn corrections_of_different_items_on_two_tablets_both_survive() {
    let mut a = Automerge::new();
    write_new(&mut a, &baseline(all(BaselineAnswer::No))).unwrap();
    let mut b = a.fork();
    set_answer(&mut a, "water", BaselineAnswer::Yes).unwrap();
    set_answer(&mut b, "triage", BaselineAnswer::Partial).unwrap();
    a.merge(&mut b).unwrap();
    let merged = read(&a).unwrap();
    assert_eq!(merged.answers["water"], BaselineAnswer::Yes);
    assert_eq!(merged.answers["triage"], BaselineAnswer::Partial);
    assert_eq!(merged.answers["oxytocin"], BaselineAnswer::No);
}

#[test]
fn an_unchanged_answer_makes_no_change() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &baseline(all(BaselineAnswer::Yes))).unwrap();
    let heads = doc.get_heads();
    set_answer(&mut doc, "water", BaselineAnswer::Yes).unwrap();
    assert_eq!(doc.get_heads(), heads);
}

#[test]
fn a_foreign_document_is_a_typed_error() {
    let mut doc = Automerge::new();
    assert_eq!(read(&doc), Err(DocError::Missing("date")));
    let mut tx = doc.transaction();
    tx.put(ROOT, "facility", "rango-hc").unwrap();
    tx.put(ROOT, "date", "2024-05-02").unwrap();
    tx.put(ROOT, "tool_version", "one").unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid {
            field: "tool_version",
            ..
        })
    ));
}

#[test]
fn clean_wants_every_item_answered_and_na_only_where_allowed() {
    let today = date("2024-05-02");
    let mut answers = all(BaselineAnswer::Yes);
    answers.remove("triage");
    assert_eq!(
        clean(baseline(answers), &tool(), today),
        Err(BaselineError::Unanswered {
            section: "service_organisation".to_owned(),
            item: "triage".to_owned()
        })
    );
    let mut answers = all(BaselineAnswer::Yes);
    answers.insert("water".to_owned(), BaselineAnswer::NotApplicable);
    assert_eq!(
        clean(baseline(answers), &tool(), today),
        Err(BaselineError::NotApplicableRefused("water".to_owned()))
    );
    let mut answers = all(BaselineAnswer::Yes);
    answers.insert("death_audits".to_owned(), BaselineAnswer::NotApplicable);
    assert!(clean(baseline(answers.clone()), &tool(), today).is_ok());
    answers.insert("unicorns".to_owned(), BaselineAnswer::Yes);
    assert_eq!(
        clean(baseline(answers), &tool(), today),
        Err(BaselineError::UnknownItem("unicorns".to_owned()))
    );
    let tomorrow = date("2024-05-01");
    assert_eq!(
        clean(baseline(all(BaselineAnswer::Yes)), &tool(), tomorrow),
        Err(BaselineError::FutureDate)
    );
    let mut long = baseline(all(BaselineAnswer::Yes));
    long.notes = "x".repeat(MAX_NOTE + 1);
    assert_eq!(
        clean(long, &tool(), today),
        Err(BaselineError::NotesTooLong)
    );
}

#[test]
fn answer_codes_round_trip() {
    for answer in ANSWERS {
        assert_eq!(answer_from_code(answer_code(answer)), Some(answer));
    }
    assert_eq!(answer_from_code("maybe"), None);
}

/// Health data: reports yes (2), registers partial (1), indicators no (0), audits n/a → 3 of 6 =
/// 50%. Guidelines: 4 yes (8) and one partial (1) → 9 of 10 = 90%. Infrastructure: 6 × partial
/// → 6 of 12 = 50%. Service organisation and medicines: all no → 0 of 8 = 0%.
fn first() -> BTreeMap<String, BaselineAnswer> {
    use BaselineAnswer::*;
    let mut answers = all(No);
    for (item, answer) in [
        ("reports_on_time", Yes),
        ("registers_complete", Partial),
        ("indicators_displayed", No),
        ("death_audits", NotApplicable),
        ("mnh_protocols", Yes),
        ("imci_booklet", Yes),
        ("fp_guidelines", Yes),
        ("hiv_tb_guidelines", Yes),
        ("partograph_forms", Partial),
    ] {
        answers.insert(item.to_owned(), answer);
    }
    for item in [
        "water",
        "electricity",
        "resuscitation_area",
        "warmth",
        "bp_machines",
        "sterilisation",
    ] {
        answers.insert(item.to_owned(), Partial);
    }
    answers
}

#[test]
fn sections_are_scored_by_hand_computed_points() {
    let scores = section_scores(&tool(), &first());
    let got: Vec<_> = scores
        .iter()
        .map(|s| (s.section.as_str(), s.earned, s.possible, s.percent()))
        .collect();
    assert_eq!(
        got,
        [
            ("health_data", 3, 6, Some(50)),
            ("service_organisation", 0, 8, Some(0)),
            ("infrastructure_equipment", 6, 12, Some(50)),
            ("medicines_supplies", 0, 8, Some(0)),
            ("guidelines", 9, 10, Some(90)),
        ]
    );
    // 18 of 44 = 40.9% → 41%.
    let total = overall(&scores);
    assert_eq!(
        (total.earned, total.possible, total.percent()),
        (18, 44, Some(41))
    );
}

#[test]
fn a_section_with_nothing_applicable_has_no_percentage() {
    let score = SectionScore {
        section: "x".to_owned(),
        earned: 0,
        possible: 0,
    };
    assert_eq!(score.percent(), None);
    // 1 of 6 = 16.67% → 17% (half up).
    let third = SectionScore {
        section: "x".to_owned(),
        earned: 1,
        possible: 6,
    };
    assert_eq!(third.percent(), Some(17));
}

#[test]
fn the_comparison_gives_previous_now_and_change_per_section() {
    use BaselineAnswer::*;
    let before = section_scores(&tool(), &first());
    let mut later = first();
    // Health data: indicators now yes → 5 of 6 = 83%: up 33 points.
    later.insert("indicators_displayed".to_owned(), Yes);
    // Guidelines: partograph forms now no → 8 of 10 = 80%: down 10 points.
    later.insert("partograph_forms".to_owned(), No);
    let now = section_scores(&tool(), &later);
    let changes = compare(Some(&before), &now);
    let got: Vec<_> = changes
        .iter()
        .map(|c| (c.section.as_str(), c.previous, c.now, c.change, c.trend))
        .collect();
    assert_eq!(
        got,
        [
            ("health_data", Some(50), Some(83), Some(33), Trend::Up),
            (
                "service_organisation",
                Some(0),
                Some(0),
                Some(0),
                Trend::Same
            ),
            (
                "infrastructure_equipment",
                Some(50),
                Some(50),
                Some(0),
                Trend::Same
            ),
            ("medicines_supplies", Some(0), Some(0), Some(0), Trend::Same),
            ("guidelines", Some(90), Some(80), Some(-10), Trend::Down),
        ]
    );
    let first_time = compare(None, &now);
    assert!(
        first_time
            .iter()
            .all(|c| c.trend == Trend::NoComparison && c.previous.is_none())
    );
    assert_eq!(first_time[0].now, Some(83));
}
