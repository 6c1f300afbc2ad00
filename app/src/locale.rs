//! Month names and percentages as each language writes them, for every screen that shows
//! months (facility indicators, the dashboard and its reports).

use mentora_shared::domain::YearMonth;

use crate::i18n::Lang;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Kinyarwanda month names, capitalised as Rwandan calendars write them.
const MONTHS_RW: [&str; 12] = [
    "Mutarama",
    "Gashyantare",
    "Werurwe",
    "Mata",
    "Gicurasi",
    "Kamena",
    "Nyakanga",
    "Kanama",
    "Nzeri",
    "Ukwakira",
    "Ugushyingo",
    "Ukuboza",
];

fn months(lang: Lang) -> &'static [&'static str; 12] {
    match lang {
        Lang::En => &MONTHS_EN,
        Lang::Fr => &MONTHS_FR,
        Lang::Rw => &MONTHS_RW,
    }
}

/// "March 2025", "mars 2025", "Werurwe 2025".
pub fn month_name(lang: Lang, month: YearMonth) -> String {
    let names = months(lang);
    let name = names
        .get(usize::from(month.month.saturating_sub(1)))
        .copied()
        .unwrap_or("?");
    format!("{name} {}", month.year)
}

/// "Mar", "mars", "Wer": the short label under a chart's bar.
pub fn month_short(lang: Lang, month: YearMonth) -> String {
    let names = months(lang);
    names
        .get(usize::from(month.month.saturating_sub(1)))
        .map(|n| n.chars().take(3).collect())
        .unwrap_or_default()
}

/// A whole percentage as each language writes it ("80%", "80 %"; Kinyarwanda like English,
/// "80%", to be confirmed by the native review).
pub fn percent(lang: Lang, value: u32) -> String {
    match lang {
        Lang::En | Lang::Rw => format!("{value}%"),
        Lang::Fr => format!("{value}\u{a0}%"),
    }
}
