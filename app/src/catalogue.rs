//! The built-in catalogue (competencies, checklists, tests), parsed once on first use, and the
//! helpers screens share to show its bilingual texts in the current language.

use std::rc::Rc;

use mentora_shared::catalogue::{Catalogue, Competency};
use mentora_shared::domain::{BilingualText, CompetencyId, Language};

use crate::error::AppError;
use crate::i18n::{I18n, Lang};

thread_local! {
    static CATALOGUE: Result<Rc<Catalogue>, AppError> = Catalogue::load_builtin()
        .map(Rc::new)
        .map_err(|e| AppError::AppBroken { detail: e.to_string() });
}

/// The catalogue, or why the built-in files could not be read (a build defect, shown as such).
pub fn catalogue() -> Result<Rc<Catalogue>, AppError> {
    CATALOGUE.with(Clone::clone)
}

pub fn competency(id: &str) -> Option<Competency> {
    catalogue()
        .ok()?
        .competency(&CompetencyId::new(id))
        .cloned()
}

/// A catalogue text in the current language; reactive when called inside a closure.
pub fn text(i18n: I18n, text: &BilingualText) -> String {
    let language = match i18n.lang() {
        Lang::En => Language::En,
        Lang::Fr => Language::Fr,
    };
    text.get(language).to_owned()
}
