//! Fingerprints of published checklist and test versions.
//!
//! A published version never changes: results point at it by number. The integration tests pin
//! each version's fingerprint, so editing published content fails CI and the author publishes a
//! new version instead. Translations into Kinyarwanda are not content: they are left out of the
//! fingerprint, so a published version can be translated (or its translation corrected) later.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::model::{Catalogue, Checklist, KnowledgeTest};

/// 64-bit FNV-1a over the canonical JSON of a value: small, stable and dependency-free (not a
/// security hash; it only detects accidental edits).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The fingerprint of `value` without its Kinyarwanda texts: the value goes through JSON with
/// every `rw` beside an `en` and `fr` removed and back, so the canonical form keeps the struct's
/// field order (and so the fingerprints pinned before translations existed).
fn fingerprint_of<T: Serialize + DeserializeOwned>(value: &T) -> u64 {
    // Serializing these plain structs cannot fail; an empty string would still fingerprint.
    let canonical = serde_json::to_value(value)
        .map(|mut json| {
            strip_translations(&mut json);
            json
        })
        .and_then(serde_json::from_value::<T>)
        .and_then(|untranslated| serde_json::to_string(&untranslated))
        .unwrap_or_default();
    fnv1a(canonical.as_bytes())
}

fn strip_translations(json: &mut serde_json::Value) {
    match json {
        serde_json::Value::Object(map) => {
            if map.contains_key("en") && map.contains_key("fr") {
                map.remove("rw");
            }
            map.values_mut().for_each(strip_translations);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_translations),
        _ => {}
    }
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

#[cfg(test)]
mod tests {
    use super::super::Catalogue;

    #[test]
    fn a_translation_leaves_the_fingerprint_an_edit_changes_it() {
        let catalogue = Catalogue::load_builtin().expect("the built-in catalogue loads");
        let checklist = catalogue.competencies[0].checklists[0].clone();
        let mut translated = checklist.clone();
        let item = &mut translated.sections[0].items[0];
        item.text.rw = Some(format!("{} (rw)", item.text.en));
        translated.sections[0].title.rw = Some("Umutwe".to_owned());
        let mut edited = checklist.clone();
        edited.sections[0].items[0].text.fr.push('!');

        assert_eq!(translated.fingerprint(), checklist.fingerprint());
        assert_ne!(edited.fingerprint(), checklist.fingerprint());
    }
}
