//! The baseline assessment screens' strings.

use mentora_shared::documents::baseline::Trend;
use mentora_shared::domain::BaselineAnswer;

crate::i18n::keys!(BKey, "pages/baseline/keys");

pub fn answer_key(answer: BaselineAnswer) -> BKey {
    match answer {
        BaselineAnswer::Yes => BKey::Yes,
        BaselineAnswer::Partial => BKey::Partial,
        BaselineAnswer::No => BKey::No,
        BaselineAnswer::NotApplicable => BKey::NotApplicable,
    }
}

/// The arrow and the word for a trend; the arrow only helps.
pub fn trend_parts(trend: Trend) -> (&'static str, BKey) {
    match trend {
        Trend::Up => ("↑", BKey::Up),
        Trend::Down => ("↓", BKey::Down),
        Trend::Same => ("=", BKey::Same),
        Trend::NoComparison => ("–", BKey::NoComparison),
    }
}

crate::i18n::counts!(BCount, "pages/baseline/keys");
