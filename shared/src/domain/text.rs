//! Bilingual text for catalogue content: Rwanda and Senegal programmes need English and French.

use serde::{Deserialize, Serialize};

/// A language the catalogue is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Fr,
}

/// The same text in English and French; the catalogue loader rejects an empty translation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BilingualText {
    pub en: String,
    pub fr: String,
}

impl BilingualText {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            fr: fr.into(),
        }
    }

    /// The text in `language`.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::En => &self.en,
            Language::Fr => &self.fr,
        }
    }

    /// The first language whose text is blank, if any.
    pub fn missing_language(&self) -> Option<Language> {
        [Language::En, Language::Fr]
            .into_iter()
            .find(|&language| self.get(language).trim().is_empty())
    }
}
