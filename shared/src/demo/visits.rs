//! The demo's visits: association team visits to the hospitals and district-based visits to the
//! health centres.

use super::demo_uuid;
use super::people::*;
use super::places::{KABUTARE_DH, NYANZA_DH, RANGO_HC, SIMBI_HC};
use crate::date;
use crate::domain::*;

pub(super) fn visit_id(n: u128) -> VisitId {
    VisitId::from_u128(demo_uuid(0x5000 + n))
}

/// Visits 1–12 are association team visits to the hospitals, 13–19 district-based visits to the
/// health centres (18 cancelled, 19 still planned).
pub fn visits() -> Vec<Visit> {
    use VisitActivity::*;
    let team = vec![ALINE_RAM, ERIC_RPA, CLAUDINE_RSOG];
    let hospital = |n, facility, start| Visit {
        id: visit_id(n),
        facility,
        programme: Programme::Ingobyi,
        mentors: team.clone(),
        supervisor: None,
        start,
        days: 3,
        status: VisitStatus::Done,
        activities: vec![
            EntryMeeting,
            DataReview,
            LdhfSession { competency: None },
            WardRound,
            Debrief,
        ],
    };
    let centre = |n, facility, start, status| Visit {
        id: visit_id(n),
        facility,
        programme: Programme::Ingobyi,
        mentors: vec![JEAN_BOSCO_DISTRICT],
        supervisor: None,
        start,
        days: 2,
        status,
        activities: if status == VisitStatus::Done {
            vec![EntryMeeting, DataReview, Debrief]
        } else {
            Vec::new()
        },
    };
    let done = VisitStatus::Done;
    let mut list = vec![
        hospital(1, KABUTARE_DH, date!(2019, 9, 10)),
        hospital(2, KABUTARE_DH, date!(2019, 10, 8)),
        hospital(3, KABUTARE_DH, date!(2019, 11, 12)),
        hospital(4, KABUTARE_DH, date!(2020, 2, 11)),
        hospital(5, KABUTARE_DH, date!(2020, 3, 10)),
        hospital(6, KABUTARE_DH, date!(2020, 8, 3)),
        hospital(7, NYANZA_DH, date!(2020, 8, 10)),
        hospital(8, NYANZA_DH, date!(2020, 9, 14)),
        hospital(9, KABUTARE_DH, date!(2020, 9, 21)),
        hospital(10, NYANZA_DH, date!(2020, 10, 5)),
        Visit {
            supervisor: Some(PATRICK_SUPERVISOR),
            activities: vec![EntryMeeting, JointSupervision, Debrief],
            ..hospital(11, NYANZA_DH, date!(2020, 12, 7))
        },
        hospital(12, NYANZA_DH, date!(2021, 2, 15)),
        centre(13, RANGO_HC, date!(2020, 11, 3), done),
        centre(14, SIMBI_HC, date!(2020, 11, 5), done),
        centre(15, RANGO_HC, date!(2021, 1, 12), done),
        centre(16, SIMBI_HC, date!(2021, 2, 10), done),
        centre(17, SIMBI_HC, date!(2021, 3, 9), done),
        centre(18, RANGO_HC, date!(2021, 3, 16), VisitStatus::Cancelled),
        centre(19, RANGO_HC, date!(2021, 6, 15), VisitStatus::Planned),
    ];
    list[10].activities.push(FollowUpContact {
        channel: FollowUpChannel::WhatsApp,
    });
    list
}
