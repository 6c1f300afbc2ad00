//! The demo's facility records: baseline, QI projects, coaching plan, CHW sessions and a data
//! verification.

use super::demo_uuid;
use super::people::*;
use super::places::{KABUTARE_DH, NYANZA_DH, RANGO_HC};
use super::records::{CBMNH_SESSION, ICCM_SESSION};
use crate::date;
use crate::domain::*;

pub fn baseline() -> BaselineAssessment {
    let answer = |item: &str, answer| BaselineResponse {
        item: ItemId::new(item),
        answer,
    };
    BaselineAssessment {
        id: BaselineAssessmentId::from_u128(demo_uuid(0x9001)),
        facility: KABUTARE_DH,
        date: date!(2019, 9, 10),
        assessor: ALINE_RAM,
        tool_version: 1,
        responses: vec![
            answer("reports_on_time", BaselineAnswer::Yes),
            answer("triage", BaselineAnswer::Partial),
            answer("resuscitation_area", BaselineAnswer::Yes),
            answer("magnesium_calcium", BaselineAnswer::No),
            answer("partograph_forms", BaselineAnswer::Yes),
        ],
        notes: "Magnesium sulfate out of stock in maternity; triage only during the day."
            .to_owned(),
    }
}

pub fn qi_projects() -> Vec<QiProject> {
    let action = |n: u128, description: &str, owner: &str, due, status, completed_on| QiAction {
        id: QiActionId::from_u128(demo_uuid(0x8100 + n)),
        description: description.to_owned(),
        owner: owner.to_owned(),
        due,
        status,
        completed_on,
    };
    vec![
        QiProject {
            id: QiProjectId::from_u128(demo_uuid(0x8001)),
            facility: KABUTARE_DH,
            opened_on: date!(2020, 2, 11),
            opened_at_visit: Some(VisitId::from_u128(demo_uuid(0x5004))),
            gap: "Women with severe pre-eclampsia do not receive magnesium sulfate in maternity"
                .to_owned(),
            root_causes: vec![
                "No eclampsia box in the labour ward".to_owned(),
                "Midwives unsure of the loading dose".to_owned(),
            ],
            actions: vec![
                action(
                    1,
                    "Keep an eclampsia box with magnesium sulfate and calcium gluconate in the labour ward",
                    "Head of maternity",
                    date!(2020, 3, 10),
                    QiActionStatus::Done,
                    Some(date!(2020, 3, 5)),
                ),
                action(
                    2,
                    "Train every midwife on magnesium sulfate dosing in LDHF sessions",
                    "RAM mentor",
                    date!(2020, 4, 30),
                    QiActionStatus::Done,
                    Some(date!(2020, 5, 12)),
                ),
                action(
                    3,
                    "Post the protocol on the labour ward wall",
                    "Quality officer",
                    date!(2020, 3, 31),
                    QiActionStatus::Dropped,
                    None,
                ),
            ],
        },
        QiProject {
            id: QiProjectId::from_u128(demo_uuid(0x8002)),
            facility: RANGO_HC,
            opened_on: date!(2021, 1, 12),
            opened_at_visit: Some(VisitId::from_u128(demo_uuid(0x500f))),
            gap: "Children with danger signs referred without pre-referral treatment".to_owned(),
            root_causes: vec![
                "Pre-referral drugs kept in the pharmacy, closed at night".to_owned(),
            ],
            actions: vec![
                action(
                    4,
                    "Keep rectal artesunate and amoxicillin at triage",
                    "Pharmacy in charge",
                    date!(2021, 2, 28),
                    QiActionStatus::InProgress,
                    None,
                ),
                action(
                    5,
                    "Assign a triage nurse on every shift",
                    "Head of health centre",
                    date!(2021, 6, 30),
                    QiActionStatus::NotStarted,
                    None,
                ),
            ],
        },
    ]
}

pub fn coaching_plan() -> CoachingPlan {
    CoachingPlan {
        id: CoachingPlanId::from_u128(demo_uuid(0x8201)),
        mentee: EMMANUEL,
        mentor: ALINE_RAM,
        created_on: date!(2020, 9, 15),
        targets: vec![CoachingTarget {
            competency: CompetencyId::new("eceb"),
            objective: "Breastfeeding in the first hour and weighing every baby".to_owned(),
            target_date: date!(2021, 3, 31),
        }],
    }
}

pub fn chw_sessions() -> Vec<ChwGroupSession> {
    vec![
        ChwGroupSession {
            id: ICCM_SESSION,
            technical_area: TechnicalArea::Iccm,
            location: RANGO_HC,
            health_centre: RANGO_HC,
            date: date!(2021, 3, 18),
            facilitator: VESTINE_CEHO,
            participants: CHWS.to_vec(),
            group_feedback: "Read the test at the time on the box; record every case.".to_owned(),
        },
        ChwGroupSession {
            id: CBMNH_SESSION,
            technical_area: TechnicalArea::Cbmnh,
            location: RANGO_HC,
            health_centre: RANGO_HC,
            date: date!(2021, 5, 20),
            facilitator: VESTINE_CEHO,
            participants: CHWS[..4].to_vec(),
            group_feedback: "Danger signs in newborns reviewed with role plays.".to_owned(),
        },
    ]
}

pub fn data_verification() -> DataVerification {
    let count = |indicator: &str, reported, recounted| IndicatorCount {
        indicator: IndicatorId::new(indicator),
        reported,
        recounted,
    };
    DataVerification {
        id: DataVerificationId::from_u128(demo_uuid(0x9101)),
        facility: NYANZA_DH,
        period: YearMonth {
            year: 2021,
            month: 1,
        },
        verified_on: date!(2021, 2, 16),
        verified_by: CLAUDINE_RSOG,
        form_version: 1,
        counts: vec![
            count("facility_births", 112, 110),
            count("uterotonic_third_stage", 112, 96),
            count("magnesium_sulfate_given", 3, 4),
        ],
    }
}
