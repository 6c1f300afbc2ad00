//! Which indicators a facility reports monthly: the programme's outcome indicators (not in the
//! catalogue, so defined here) followed by the catalogue's data verification indicators.
//!
//! Outcome indicators are rates (numerator over denominator, e.g. newborns admitted with
//! hypothermia over neonatal admissions): the percentage alone would hide whether 1 of 2 or
//! 50 of 100 newborns were affected, so both parts are entered and kept.

use crate::catalogue::DataVerificationForm;
use crate::domain::BilingualText;

/// How an indicator is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// A number of cases in the month.
    Count,
    /// Numerator over denominator, shown as a percentage.
    Rate {
        /// The numerator's name in English, French and Kinyarwanda.
        numerator: (&'static str, &'static str, &'static str),
        denominator: (&'static str, &'static str, &'static str),
    },
}

/// One programme outcome indicator: id, name in English, French and Kinyarwanda, and how it is
/// measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutcomeIndicator {
    pub id: &'static str,
    pub en: &'static str,
    pub fr: &'static str,
    pub rw: &'static str,
    pub measure: Measure,
}

/// The programme's facility outcome indicators (PRODUCT.md, "Supervision and reporting").
pub const OUTCOME_INDICATORS: [OutcomeIndicator; 4] = [
    OutcomeIndicator {
        id: "successful_resuscitations",
        en: "Successful newborn resuscitations",
        fr: "Réanimations néonatales réussies",
        rw: "Impinja zahumekeshejwe neza",
        measure: Measure::Rate {
            numerator: (
                "Newborns successfully resuscitated",
                "Nouveau-nés réanimés avec succès",
                "Impinja zahumekeshejwe neza",
            ),
            denominator: (
                "Newborns resuscitated",
                "Nouveau-nés réanimés",
                "Impinja zahumekeshejwe",
            ),
        },
    },
    OutcomeIndicator {
        id: "postnatal_care_coverage",
        en: "Postnatal care coverage",
        fr: "Couverture des soins postnatals",
        rw: "Ijanisha ry'ababyeyi bakurikiranwe nyuma yo kubyara",
        measure: Measure::Rate {
            numerator: (
                "Mothers seen for postnatal care",
                "Mères vues en consultation postnatale",
                "Ababyeyi basuzumwe nyuma yo kubyara",
            ),
            denominator: ("Births", "Naissances", "Abana bavutse"),
        },
    },
    OutcomeIndicator {
        id: "hypothermia_on_admission",
        en: "Hypothermia on neonatal admission",
        fr: "Hypothermie à l’admission en néonatologie",
        rw: "Ubukonje bukabije (hypothermie) ku mpinja zinjira mu bitaro",
        measure: Measure::Rate {
            numerator: (
                "Newborns admitted with hypothermia",
                "Nouveau-nés admis en hypothermie",
                "Impinja zinjiye mu bitaro zifite ubukonje bukabije (hypothermie)",
            ),
            denominator: (
                "Neonatal admissions",
                "Admissions en néonatologie",
                "Impinja zinjiye mu bitaro (néonatologie)",
            ),
        },
    },
    OutcomeIndicator {
        id: "paediatric_deaths_within_24h",
        en: "Deaths within 24 h of paediatric admission",
        fr: "Décès dans les 24 h suivant l’admission en pédiatrie",
        rw: "Abapfuye mu masaha 24 nyuma yo kwinjira muri serivisi y'abana",
        measure: Measure::Rate {
            numerator: (
                "Children who died within 24 h",
                "Enfants décédés dans les 24 h",
                "Abana bapfuye mu masaha 24",
            ),
            denominator: (
                "Paediatric admissions",
                "Admissions en pédiatrie",
                "Abana binjiye mu bitaro (pédiatrie)",
            ),
        },
    },
];

/// An indicator as the screens show it, from either source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub id: String,
    pub name: BilingualText,
    pub measure: Measure,
    /// The register a count is recounted from; only catalogue indicators can be verified.
    pub source: Option<BilingualText>,
}

impl Indicator {
    pub fn is_rate(&self) -> bool {
        matches!(self.measure, Measure::Rate { .. })
    }
}

/// The outcome indicators, then the verification form's indicators (counts) not already listed.
pub fn monthly_indicators(form: Option<&DataVerificationForm>) -> Vec<Indicator> {
    let mut list: Vec<Indicator> = OUTCOME_INDICATORS
        .iter()
        .map(|o| Indicator {
            id: o.id.to_owned(),
            name: BilingualText::new(o.en, o.fr).with_rw(o.rw),
            measure: o.measure,
            source: None,
        })
        .collect();
    for definition in form.map(|f| f.indicators.as_slice()).unwrap_or_default() {
        if list.iter().all(|i| i.id != definition.id.as_str()) {
            list.push(Indicator {
                id: definition.id.as_str().to_owned(),
                name: definition.name.clone(),
                measure: Measure::Count,
                source: Some(definition.source.clone()),
            });
        }
    }
    list
}
