//! The debrief a project was opened from: root text fields `visit` (hex document id of the
//! visit) and `activity` (the key of its debrief activity), written once with the project, so
//! the visit can show "QI project opened" instead of offering to open a second one.

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT, ReadDoc};

use super::super::DocError;
use super::super::fields::text;

/// Records the debrief the project comes from; call with [`super::write_new`].
pub fn link_debrief(doc: &mut Automerge, visit: &str, activity: &str) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    tx.put(ROOT, "visit", visit)?;
    tx.put(ROOT, "activity", activity)?;
    crate::documents::fields::commit(tx);
    Ok(())
}

/// The (visit, activity) the project was opened from; `None` for a project opened on its own.
pub fn debrief_link(doc: &impl ReadDoc) -> Result<Option<(String, String)>, DocError> {
    Ok(text(doc, "visit")?.zip(text(doc, "activity")?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::qi::{read, write_new};
    use crate::domain::Date;

    #[test]
    fn a_project_opened_from_a_debrief_keeps_the_link() {
        let mut doc = Automerge::new();
        let day = Date::parse("2024-05-02").unwrap();
        write_new(&mut doc, "rango-hc", "Newborns not dried", None, day).unwrap();
        assert_eq!(debrief_link(&doc).unwrap(), None);
        link_debrief(&mut doc, "00112233445566778899aabbccddeeff", "0001-aa").unwrap();
        assert_eq!(
            debrief_link(&doc).unwrap(),
            Some((
                "00112233445566778899aabbccddeeff".to_owned(),
                "0001-aa".to_owned()
            ))
        );
        assert_eq!(read(&doc).unwrap().gap, "Newborns not dried");
    }
}
