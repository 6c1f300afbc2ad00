//! Fingerprints of published checklist and test versions.
//!
//! A published version never changes: results point at it by number. The integration tests pin
//! each version's fingerprint, so editing published content fails CI and the author publishes a
//! new version instead.

use serde::Serialize;

use super::model::{Catalogue, Checklist, KnowledgeTest};

/// 64-bit FNV-1a over the canonical JSON of a value: small, stable and dependency-free (not a
/// security hash; it only detects accidental edits).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn fingerprint_of(value: &impl Serialize) -> u64 {
    // Serializing these plain structs cannot fail; an empty string would still fingerprint.
    fnv1a(serde_json::to_string(value).unwrap_or_default().as_bytes())
}

impl Checklist {
    pub fn fingerprint(&self) -> u64 {
        fingerprint_of(self)
    }
}

impl KnowledgeTest {
    pub fn fingerprint(&self) -> u64 {
        fingerprint_of(self)
    }
}

impl Catalogue {
    /// `(competency, "checklist" | "test", version, fingerprint)` for every published version,
    /// sorted.
    pub fn published_fingerprints(&self) -> Vec<(String, &'static str, u32, u64)> {
        let mut all = Vec::new();
        for competency in &self.competencies {
            for checklist in &competency.checklists {
                all.push((
                    competency.id.to_string(),
                    "checklist",
                    checklist.version,
                    checklist.fingerprint(),
                ));
            }
            for test in &competency.knowledge_tests {
                all.push((
                    competency.id.to_string(),
                    "test",
                    test.version,
                    test.fingerprint(),
                ));
            }
        }
        all.sort();
        all
    }
}
