//! Mentors, mentees and supervisors.
//!
//! Names are kept for the people doing mentorship only; patients never appear in the model.

use serde::{Deserialize, Serialize};

use super::ids::{MenteeId, MentorId, PlaceId, SupervisorId};
use super::programme::{Programme, TechnicalArea};

/// A health worker's cadre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadre {
    MedicalDoctor,
    /// Intern doctor, selected where staff are short.
    Intern,
    Nurse,
    Midwife,
    /// Community health worker (a volunteer without formal medical training).
    Chw,
    /// Community environmental health officer, the CHWs' supervisor.
    Ceho,
}

/// Who a mentor mentors for: the grouping of Table 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentorAffiliation {
    /// Rwanda Paediatric Association.
    Rpa,
    /// Rwanda Association of Midwives.
    Ram,
    /// Rwanda Society of Obstetricians and Gynaecologists.
    Rsog,
    /// District-based mentor assigned to health centres.
    DistrictBased,
    /// Health-centre staff mentoring a health post.
    HealthCentreStaff,
    /// Community environmental health officer mentoring CHW groups.
    Ceho,
    /// RBC infectious-disease clinical mentor at a district hospital.
    RbcClinicalMentor,
}

impl MentorAffiliation {
    /// Every affiliation, in declaration order.
    pub const ALL: [Self; 7] = [
        Self::Rpa,
        Self::Ram,
        Self::Rsog,
        Self::DistrictBased,
        Self::HealthCentreStaff,
        Self::Ceho,
        Self::RbcClinicalMentor,
    ];

    /// Whether the affiliation is a professional association (the rows of Table 1).
    pub fn is_professional_association(self) -> bool {
        matches!(self, Self::Rpa | Self::Ram | Self::Rsog)
    }

    /// The code stored and typed for it (`rpa`, `district_based`, …): its serde name.
    pub fn code(self) -> &'static str {
        match self {
            Self::Rpa => "rpa",
            Self::Ram => "ram",
            Self::Rsog => "rsog",
            Self::DistrictBased => "district_based",
            Self::HealthCentreStaff => "health_centre_staff",
            Self::Ceho => "ceho",
            Self::RbcClinicalMentor => "rbc_clinical_mentor",
        }
    }

    /// The affiliation of a code, ignoring case and reading `-` as `_` (`RPA`, `district-based`).
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim().to_ascii_lowercase().replace('-', "_");
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// A mentor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentor {
    pub id: MentorId,
    pub name: String,
    pub cadre: Cadre,
    pub affiliation: MentorAffiliation,
    pub programme: Programme,
    pub technical_areas: Vec<TechnicalArea>,
    /// Where the mentor works, when they are facility staff.
    pub base_facility: Option<PlaceId>,
    /// The facilities the mentor is assigned to mentor.
    pub assigned_facilities: Vec<PlaceId>,
    /// Set when the mentor was a validated mentee first: the link of the cascade.
    pub promoted_from: Option<MenteeId>,
}

/// A mentee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentee {
    pub id: MenteeId,
    pub name: String,
    pub cadre: Cadre,
    pub facility: PlaceId,
    pub programme: Programme,
}

/// A supervisor of mentorship within an area of the hierarchy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supervisor {
    pub id: SupervisorId,
    pub name: String,
    /// The country, province or district supervised.
    pub scope: PlaceId,
}

#[cfg(test)]
mod tests;
