//! From Automerge patches to the parts of a document they touch.
//!
//! `diff` between the heads before and after a push lists what became visibly different: each
//! patch names an object by its path from the root, and the root key (plus, for a keyed map,
//! the entry's key) says which [`Part`] it is. A concurrent write that loses a conflict shows
//! as a `Conflict` patch, so it is judged too.

use automerge::{Automerge, ChangeHash, ObjType, Prop, ROOT, ReadDoc as _, Value};
use automerge::{Patch, PatchAction};

use super::{Kind, Operation, Part};

/// One operation on one part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Touch {
    pub op: Operation,
    pub part: Part,
}

/// The parts `doc` changed since `before_heads` (sorted, each once). `username` decides whose
/// acknowledgement an entry of a comment's `acknowledgements` is.
pub fn touched(
    kind: Kind,
    username: &str,
    doc: &Automerge,
    before_heads: &[ChangeHash],
) -> Vec<Touch> {
    let patches = doc.diff(before_heads, &doc.get_heads());
    let mut touches: Vec<Touch> = patches
        .iter()
        .map(|p| classify(kind, username, doc, before_heads, p))
        .collect();
    touches.sort_unstable();
    touches.dedup();
    touches
}

/// The property an action names inside its object, if it names one.
fn action_prop(action: &PatchAction) -> Option<Prop> {
    match action {
        PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => {
            Some(Prop::Map(key.clone()))
        }
        PatchAction::Increment { prop, .. } | PatchAction::Conflict { prop } => Some(prop.clone()),
        PatchAction::PutSeq { index, .. }
        | PatchAction::Insert { index, .. }
        | PatchAction::SpliceText { index, .. }
        | PatchAction::DeleteSeq { index, .. } => Some(Prop::Seq(*index)),
        PatchAction::Mark { .. } => None,
    }
}

fn classify(
    kind: Kind,
    username: &str,
    doc: &Automerge,
    before_heads: &[ChangeHash],
    patch: &Patch,
) -> Touch {
    let mut path: Vec<Prop> = patch.path.iter().map(|(_, p)| p.clone()).collect();
    if let Some(prop) = action_prop(&patch.action) {
        path.push(prop);
    }
    let key = |i: usize| match path.get(i) {
        Some(Prop::Map(k)) => Some(k.as_str()),
        _ => None,
    };
    let root = key(0).unwrap_or("");
    let deletes = matches!(
        patch.action,
        PatchAction::DeleteMap { .. } | PatchAction::DeleteSeq { .. }
    );
    let tombstone = root == "deleted" || root.starts_with("deleted:");
    // A new value put over a root container hides everything it held: that is a deletion.
    let replaces_container = path.len() == 1
        && matches!(patch.action, PatchAction::PutMap { .. })
        && was_container(doc, before_heads, root);
    let op = if deletes || tombstone || replaces_container {
        Operation::Delete
    } else {
        Operation::Change
    };
    let part = match root {
        "schema" => Part::Schema,
        "validations" if kind == Kind::Mentee => Part::Validation,
        "acknowledgements" if kind == Kind::Comment => match key(1) {
            Some(who) if path.len() >= 2 && who == username => Part::OwnAcknowledgement,
            // Making the (empty) map belongs to writing the comment; dropping or replacing it
            // removes everyone's acknowledgements.
            _ if path.len() == 1 && op == Operation::Change => Part::Body,
            _ => Part::OthersAcknowledgement,
        },
        _ if root.starts_with("deleted:") => Part::Entry,
        _ if kind.entry_maps().contains(&root) => Part::Entry,
        _ => Part::Body,
    };
    Touch { op, part }
}

fn was_container(doc: &Automerge, heads: &[ChangeHash], key: &str) -> bool {
    match doc.get_at(ROOT, key, heads) {
        Ok(Some((Value::Object(ty), _))) => matches!(
            ty,
            ObjType::Map | ObjType::Table | ObjType::List | ObjType::Text
        ),
        _ => false,
    }
}
