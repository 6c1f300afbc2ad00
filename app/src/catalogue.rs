//! The built-in catalogue (competencies, checklists, tests), parsed once on first use, and the
//! helpers screens share to show its bilingual texts in the current language.

use std::rc::Rc;

use leptos::prelude::*;

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

/// The catalogue language for the app's language.
fn language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::En,
        Lang::Fr => Language::Fr,
        Lang::Rw => Language::Rw,
    }
}

fn code(language: Language) -> &'static str {
    match language {
        Language::En => "en",
        Language::Fr => "fr",
        Language::Rw => "rw",
    }
}

/// A catalogue text in the current language (a Kinyarwanda translation not made yet falls back
/// to English, see `BilingualText::text_in`); reactive when called inside a closure. Where the
/// text stands alone on screen, [`CatalogueText`] also marks a fallback.
pub fn text(i18n: I18n, text: &BilingualText) -> String {
    text.get(language(i18n.lang())).to_owned()
}

/// A catalogue text in the current language; one shown in another language (a Kinyarwanda
/// translation not made yet) is marked as written in it (`lang`) and followed by a small tag
/// naming that language, "(EN)", whose title says why. The tag and its title are in the
/// language of the text they mark, English, so they add no string to translate.
#[component]
pub fn CatalogueText(text: BilingualText) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    move || {
        let (shown, written) = text.text_in(language(i18n.lang()));
        let shown = shown.to_owned();
        if written == language(i18n.lang()) {
            view! { <span>{shown}</span> }.into_any()
        } else {
            let code = code(written);
            view! {
                <span lang=code>{shown}</span>
                " "
                <abbr class="fallback-tag" lang=code
                    title="Not translated into Kinyarwanda yet: shown in English">
                    {format!("({})", code.to_uppercase())}
                </abbr>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, Language, code, language};

    #[test]
    fn every_app_language_has_its_catalogue_language() {
        for lang in Lang::KNOWN {
            assert_eq!(code(language(lang)), lang.code());
        }
        assert_eq!(language(Lang::Rw), Language::Rw);
    }
}
