//! Who mentored whom, and how deep the cascade goes.
//!
//! The rule: a mentor's mentees are the mentees they validated (`Validation.validated_by`).
//! A promoted mentee becomes a mentor whose id is `mentee::mentor_id(account)` when the
//! promotion names their sign-in account, so the validations they make on their own tablet are
//! linked back to them without any registry. The roots are the mentors who validated someone
//! and were not themselves promoted. A promoted mentee is one generation below the mentor who
//! validated them; the cascade's depth is the deepest generation of promoted mentors (0 when
//! nobody has been promoted).

use std::collections::{BTreeMap, BTreeSet};

use super::Promotion;
use crate::documents::mentee::mentor_id;
use crate::domain::MentorId;

/// What the lineage needs from one mentee record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineageMentee {
    /// The mentee document id (hex).
    pub id: String,
    pub name: String,
    /// Every mentor who validated them in some competency, with the name they saved under.
    pub validated_by: BTreeMap<MentorId, String>,
}

/// A mentee under the mentor who validated them, with the mentees they validated in turn once
/// promoted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineageNode {
    pub mentee: String,
    pub name: String,
    /// 1 for mentees of a root mentor, 2 for mentees of a mentor promoted from generation 1…
    pub generation: u32,
    /// Where they mentor, when promoted.
    pub promoted_to: Option<String>,
    pub mentees: Vec<LineageNode>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineageRoot {
    pub mentor: MentorId,
    pub name: String,
    pub mentees: Vec<LineageNode>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lineage {
    pub roots: Vec<LineageRoot>,
    pub depth: u32,
}

struct Index<'a> {
    mentees: &'a [LineageMentee],
    promotions: BTreeMap<&'a str, &'a Promotion>,
}

impl Index<'_> {
    fn node(
        &self,
        mentee: &LineageMentee,
        generation: u32,
        path: &mut BTreeSet<MentorId>,
    ) -> LineageNode {
        let promotion = self.promotions.get(mentee.id.as_str());
        let as_mentor = promotion.and_then(|p| p.account.as_deref()).map(mentor_id);
        let mentees = match as_mentor {
            // A mentor already on the path would be a cycle in bad data: stop there.
            Some(id) if path.insert(id) => {
                let children = self.children(id, generation + 1, path);
                path.remove(&id);
                children
            }
            _ => Vec::new(),
        };
        LineageNode {
            mentee: mentee.id.clone(),
            name: mentee.name.clone(),
            generation,
            promoted_to: promotion.map(|p| p.facility.clone()),
            mentees,
        }
    }

    fn children(
        &self,
        mentor: MentorId,
        generation: u32,
        path: &mut BTreeSet<MentorId>,
    ) -> Vec<LineageNode> {
        self.mentees
            .iter()
            .filter(|m| m.validated_by.contains_key(&mentor))
            .map(|m| self.node(m, generation, path))
            .collect()
    }
}

fn deepest(nodes: &[LineageNode]) -> u32 {
    nodes
        .iter()
        .map(|n| {
            let own = if n.promoted_to.is_some() {
                n.generation
            } else {
                0
            };
            own.max(deepest(&n.mentees))
        })
        .max()
        .unwrap_or(0)
}

/// The lineage of every mentor who validated one of `mentees`, mentees sorted as given.
pub fn lineage(mentees: &[LineageMentee], promotions: &[Promotion]) -> Lineage {
    let index = Index {
        mentees,
        promotions: promotions.iter().map(|p| (p.mentee.as_str(), p)).collect(),
    };
    let promoted: BTreeSet<MentorId> = promotions
        .iter()
        .filter_map(|p| p.account.as_deref().map(mentor_id))
        .collect();
    let mut names: BTreeMap<MentorId, String> = BTreeMap::new();
    for mentee in mentees {
        for (mentor, name) in &mentee.validated_by {
            names.entry(*mentor).or_insert_with(|| name.clone());
        }
    }
    let roots: Vec<LineageRoot> = names
        .into_iter()
        .filter(|(mentor, _)| !promoted.contains(mentor))
        .map(|(mentor, name)| {
            let mut path = BTreeSet::from([mentor]);
            LineageRoot {
                mentor,
                name,
                mentees: index.children(mentor, 1, &mut path),
            }
        })
        .collect();
    let depth = roots.iter().map(|r| deepest(&r.mentees)).max().unwrap_or(0);
    Lineage { roots, depth }
}
