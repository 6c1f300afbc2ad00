//! Deleting an activity logged by mistake: a tombstone (`documents::deletion`) that hides it,
//! so another tablet editing or re-logging it concurrently does not bring it back.

use automerge::Automerge;

use super::super::DocError;
use super::super::deletion::{Deletion, put_tombstone, tombstone};
use super::super::fields::invalid;
use super::read;

/// Deletes the activity `id`; refused for an activity the visit does not show.
pub fn delete_activity(doc: &mut Automerge, id: &str, deletion: &Deletion) -> Result<(), DocError> {
    if !read(doc)?.activities.iter().any(|(key, _)| key == id) {
        return Err(invalid("activities", "no such activity"));
    }
    put_tombstone(doc, Some(id), deletion)
}

/// Whether the activity `id` has been deleted.
pub(super) fn is_deleted(doc: &Automerge, id: &str) -> Result<bool, DocError> {
    Ok(tombstone(doc, Some(id))?.is_some())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::{
        Activity, ActivityEntry, ActivityKind, VisitPlan, VisitState, log_activity, set_state,
        write_new,
    };
    use super::*;
    use crate::date;
    use crate::documents::fields::{Existing, put_entry};

    fn started() -> Automerge {
        let mut doc = Automerge::new();
        let plan = VisitPlan {
            start: date!(2024, 3, 4),
            end: date!(2024, 3, 4),
            mentors: vec!["Jean Mugabo".to_owned()],
            activities: BTreeSet::from([ActivityKind::EntryMeeting]),
            expected_mentees: BTreeSet::new(),
            notes: String::new(),
        };
        write_new(&mut doc, &plan).unwrap();
        set_state(&mut doc, VisitState::InProgress).unwrap();
        doc
    }

    fn entry(notes: &str) -> ActivityEntry {
        ActivityEntry {
            activity: Activity::EntryMeeting,
            date: date!(2024, 3, 4),
            time: None,
            notes: notes.to_owned(),
            logged_by: "Jean Mugabo".to_owned(),
        }
    }

    fn deletion() -> Deletion {
        Deletion {
            on: date!(2024, 3, 4),
            by: "Jean Mugabo".to_owned(),
        }
    }

    #[test]
    fn a_deleted_activity_is_hidden_and_the_others_stay() {
        let mut doc = started();
        log_activity(&mut doc, "aa", &entry("wrong visit")).unwrap();
        log_activity(&mut doc, "bb", &entry("right")).unwrap();
        delete_activity(&mut doc, "aa", &deletion()).unwrap();
        let shown = read(&doc).unwrap().activities;
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].0, "bb");
        // A second deletion changes nothing; an unknown one is refused.
        let heads = doc.get_heads();
        assert!(delete_activity(&mut doc, "aa", &deletion()).is_err());
        assert_eq!(doc.get_heads(), heads);
        assert!(delete_activity(&mut doc, "cc", &deletion()).is_err());
    }

    #[test]
    fn a_concurrent_edit_on_another_tablet_does_not_bring_it_back() {
        let mut a = started();
        log_activity(&mut a, "aa", &entry("wrong visit")).unwrap();
        let mut b = a.fork();
        delete_activity(&mut a, "aa", &deletion()).unwrap();
        // The other tablet, offline, rewrites the same entry.
        put_entry(
            &mut b,
            "activities",
            "aa",
            &entry("edited"),
            Existing::Replace,
        )
        .unwrap();
        log_activity(&mut b, "bb", &entry("kept")).unwrap();
        a.merge(&mut b).unwrap();
        b.merge(&mut a).unwrap();
        for doc in [&a, &b] {
            let ids: Vec<_> = read(doc)
                .unwrap()
                .activities
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            assert_eq!(ids, ["bb"]);
        }
    }
}
