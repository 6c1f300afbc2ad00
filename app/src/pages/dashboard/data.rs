//! The documents the dashboard reads, decoded from the device's store: every mentee, visit, QI
//! project and CHW session synced here, whichever place is chosen today.

use automerge::Automerge;
use mentora_shared::documents::{chw_session, mentee, qi, visit};
use mentora_shared::reports::dashboard::{
    DashboardChwSession, DashboardData, DashboardProject, DashboardVisit, ExportMentee,
};
use mentora_shared::sync::{DocHeader, DocId, PlaceId};

use crate::engine;
use crate::store::hex;

/// The data, and how many documents could not be decoded (said on screen, not hidden).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    pub data: DashboardData,
    pub unreadable: usize,
}

fn place(header: &DocHeader) -> (String, String) {
    (
        header.scope.district.as_str().to_owned(),
        header
            .scope
            .facility
            .as_ref()
            .map(PlaceId::as_str)
            .unwrap_or_default()
            .to_owned(),
    )
}

fn read_mentee(doc: DocId, header: &DocHeader, automerge: &Automerge) -> Option<ExportMentee> {
    let (district, facility) = place(header);
    Some(ExportMentee {
        facility,
        district,
        id: hex(&doc.0),
        record: mentee::read(automerge).ok()?,
        history: mentee::read_history(automerge).ok()?,
    })
}

/// Keeps the readable ones, counting the others into `unreadable`.
fn split<T>(rows: Vec<Option<T>>, unreadable: &mut usize) -> Vec<T> {
    let total = rows.len();
    let kept: Vec<T> = rows.into_iter().flatten().collect();
    *unreadable += total - kept.len();
    kept
}

/// The documents, with each facility's level from `places` (which table a mentee counts in).
pub fn load(places: &[crate::places::Place]) -> Loaded {
    let mut unreadable = 0;
    let mentees = split(engine::read_all(mentee::KIND, read_mentee), &mut unreadable);
    let visits = split(
        engine::read_all(visit::KIND, |doc, header, automerge| {
            let (district, facility) = place(header);
            Some(DashboardVisit {
                id: hex(&doc.0),
                facility,
                district,
                visit: visit::read(automerge).ok()?,
            })
        }),
        &mut unreadable,
    );
    let projects = split(
        engine::read_all(qi::KIND, |doc, header, automerge| {
            Some(DashboardProject {
                id: hex(&doc.0),
                district: place(header).0,
                project: qi::read(automerge).ok()?,
            })
        }),
        &mut unreadable,
    );
    let chw_sessions = split(
        engine::read_all(chw_session::KIND, |_, header, automerge| {
            let (district, facility) = place(header);
            Some(DashboardChwSession {
                facility,
                district,
                session: chw_session::read(automerge).ok()?,
            })
        }),
        &mut unreadable,
    );
    Loaded {
        data: DashboardData {
            mentees,
            visits,
            projects,
            chw_sessions,
            facility_levels: DashboardData::levels_of(
                places.iter().map(|p| (p.id.as_str(), p.level.as_str())),
            ),
        },
        unreadable,
    }
}
