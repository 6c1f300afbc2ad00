//! Programmes and technical areas, closed sets named in the seed documents.
//!
//! They are enums rather than catalogue rows because reports group by them and the rules take
//! per-programme defaults; their display names live in the catalogue.

use serde::{Deserialize, Serialize};

/// A mentorship programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    /// USAID Ingobyi Activity, Rwanda: association teams at hospitals, district-based mentors at
    /// health centres, cascade to health posts and CHWs.
    Ingobyi,
    /// Senegal's Tutorat: a six-step cycle of on-the-job mentoring.
    Tutorat,
    /// TutoratPlus: Tutorat combined with performance and quality improvement.
    TutoratPlus,
    /// Rwanda Biomedical Centre clinical mentorship for HIV, TB and malaria.
    RbcHivMentorship,
    /// Mentoring and enhanced supervision at health centres (IMCI, rural Rwanda).
    Mesh,
}

impl Programme {
    pub const ALL: [Programme; 5] = [
        Self::Ingobyi,
        Self::Tutorat,
        Self::TutoratPlus,
        Self::RbcHivMentorship,
        Self::Mesh,
    ];
}

/// A technical area a competency belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TechnicalArea {
    /// Maternal and newborn health (facility).
    Mnh,
    /// Integrated management of childhood illness.
    Imci,
    /// Family planning (facility).
    Fp,
    NeonatalHealth,
    /// Community-based maternal and newborn health (CHWs).
    Cbmnh,
    /// Community-based provision of family planning (CHWs).
    CbpFp,
    /// Integrated community case management (CHWs).
    Iccm,
    Hiv,
    Tb,
    Malaria,
}

impl TechnicalArea {
    pub const ALL: [TechnicalArea; 10] = [
        Self::Mnh,
        Self::Imci,
        Self::Fp,
        Self::NeonatalHealth,
        Self::Cbmnh,
        Self::CbpFp,
        Self::Iccm,
        Self::Hiv,
        Self::Tb,
        Self::Malaria,
    ];

    /// Whether the area is delivered by CHWs in group mentorship.
    pub fn is_community(self) -> bool {
        matches!(self, Self::Cbmnh | Self::CbpFp | Self::Iccm)
    }
}
