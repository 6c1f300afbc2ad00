//! The facility data screen's strings, month names and the wording of a verification factor.

use mentora_shared::domain::Proportion;
use mentora_shared::rules::DataAccuracy;

use crate::i18n::I18n;

crate::i18n::keys!(FKey, "pages/facility_data/keys");

pub use crate::locale::{month_name, percent};

/// "80% — over-reporting beyond ±10%": the factor, then what it means, in words.
pub fn factor_text(
    i18n: I18n,
    factor: Option<Proportion>,
    accuracy: DataAccuracy,
    tolerance_basis_points: u16,
) -> String {
    let lang = i18n.lang();
    let tolerance = percent(lang, u32::from(tolerance_basis_points / 100));
    let band = |key: FKey| format!("{} ±{tolerance}", i18n.t(key));
    let meaning = match accuracy {
        DataAccuracy::Accurate => band(FKey::Accurate),
        DataAccuracy::OverReported => band(FKey::OverReporting),
        DataAccuracy::UnderReported => band(FKey::UnderReporting),
        DataAccuracy::ReportedZeroButFound => i18n.t(FKey::ZeroButFound).to_owned(),
        DataAccuracy::NothingToVerify => i18n.t(FKey::NothingToVerify).to_owned(),
    };
    match factor.and_then(Proportion::percent_rounded) {
        Some(value) => format!("{} — {meaning}", percent(lang, value)),
        None => meaning,
    }
}
