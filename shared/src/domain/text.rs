//! Catalogue text in several languages: Rwanda's programmes work in Kinyarwanda and English,
//! Senegal's in French. English and French are required; Kinyarwanda is optional per text (a
//! translation may come after the content) and falls back to English, visibly, where missing.

use serde::{Deserialize, Serialize};

/// A language the catalogue is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Fr,
    Rw,
}

/// The same text in English and French, and in Kinyarwanda where translated; the catalogue
/// loader rejects an empty translation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BilingualText {
    pub en: String,
    pub fr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rw: Option<String>,
}

impl BilingualText {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            fr: fr.into(),
            rw: None,
        }
    }

    /// The same text with its Kinyarwanda translation.
    #[must_use]
    pub fn with_rw(mut self, rw: impl Into<String>) -> Self {
        self.rw = Some(rw.into());
        self
    }

    /// The text in `language`, or its fallback (see [`BilingualText::text_in`]).
    pub fn get(&self, language: Language) -> &str {
        self.text_in(language).0
    }

    /// The text in `language` and the language it is actually written in: a Kinyarwanda text
    /// not translated yet falls back to English (Rwanda's other working language in health),
    /// and the caller marks it as such.
    pub fn text_in(&self, language: Language) -> (&str, Language) {
        match language {
            Language::En => (&self.en, Language::En),
            Language::Fr => (&self.fr, Language::Fr),
            Language::Rw => match self.rw.as_deref() {
                Some(rw) if !rw.trim().is_empty() => (rw, Language::Rw),
                _ => (&self.en, Language::En),
            },
        }
    }

    /// The first required language whose text is blank, or Kinyarwanda when its translation is
    /// present but blank.
    pub fn missing_language(&self) -> Option<Language> {
        let blank = |text: &str| text.trim().is_empty();
        if blank(&self.en) {
            Some(Language::En)
        } else if blank(&self.fr) {
            Some(Language::Fr)
        } else if self.rw.as_deref().is_some_and(blank) {
            Some(Language::Rw)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinyarwanda_falls_back_to_english_and_says_so() {
        let untranslated = BilingualText::new("Dry the baby", "Sécher le bébé");
        let translated = untranslated.clone().with_rw("Umutse uruhinja");
        let blank = untranslated.clone().with_rw("  ");
        let cases = [
            (&untranslated, Language::Rw, ("Dry the baby", Language::En)),
            (&blank, Language::Rw, ("Dry the baby", Language::En)),
            (&translated, Language::Rw, ("Umutse uruhinja", Language::Rw)),
            (&translated, Language::Fr, ("Sécher le bébé", Language::Fr)),
            (&translated, Language::En, ("Dry the baby", Language::En)),
        ];
        for (text, language, expected) in cases {
            assert_eq!(text.text_in(language), expected, "{text:?} in {language:?}");
            assert_eq!(text.get(language), expected.0);
        }
    }

    #[test]
    fn english_and_french_are_required_kinyarwanda_only_when_given() {
        let cases = [
            (BilingualText::new("a", "b"), None),
            (BilingualText::new("a", "b").with_rw("c"), None),
            (
                BilingualText::new("a", "b").with_rw(" "),
                Some(Language::Rw),
            ),
            (BilingualText::new("", "b").with_rw("c"), Some(Language::En)),
            (BilingualText::new("a", " "), Some(Language::Fr)),
        ];
        for (text, expected) in cases {
            assert_eq!(text.missing_language(), expected, "{text:?}");
        }
    }

    #[test]
    fn an_untranslated_text_serializes_as_before() {
        let json = serde_json::to_string(&BilingualText::new("a", "b")).unwrap_or_default();
        assert_eq!(json, r#"{"en":"a","fr":"b"}"#);
    }
}
