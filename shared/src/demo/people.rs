//! The demo's mentors, mentees and supervisor.

use super::demo_uuid;
use super::places::{BURERA, BUTARO_DH, BYUMBA_DH, KAGEYO_HC, RUTARE_HC};
use crate::domain::{
    Cadre, Mentee, MenteeId, Mentor, MentorAffiliation, MentorId, PlaceId, Programme, Supervisor,
    SupervisorId, TechnicalArea,
};

pub const ALINE_RAM: MentorId = MentorId::from_u128(demo_uuid(0x2001));
pub const ERIC_RPA: MentorId = MentorId::from_u128(demo_uuid(0x2002));
pub const CLAUDINE_RSOG: MentorId = MentorId::from_u128(demo_uuid(0x2003));
pub const JEAN_BOSCO_DISTRICT: MentorId = MentorId::from_u128(demo_uuid(0x2004));
pub const VESTINE_CEHO: MentorId = MentorId::from_u128(demo_uuid(0x2005));

/// Mentee ids: `MENTEES[0]` is Jean Bosco, later a district-based mentor (the cascade).
pub const JEAN_BOSCO: MenteeId = MenteeId::from_u128(demo_uuid(0x3001));
pub const DIANE: MenteeId = MenteeId::from_u128(demo_uuid(0x3002));
pub const OLIVIER: MenteeId = MenteeId::from_u128(demo_uuid(0x3003));
pub const GRACE: MenteeId = MenteeId::from_u128(demo_uuid(0x3004));
pub const EMMANUEL: MenteeId = MenteeId::from_u128(demo_uuid(0x3005));
pub const SOLANGE: MenteeId = MenteeId::from_u128(demo_uuid(0x3006));
pub const THEOGENE: MenteeId = MenteeId::from_u128(demo_uuid(0x3007));
pub const CHANTAL: MenteeId = MenteeId::from_u128(demo_uuid(0x3008));
/// The six CHWs of Rutare's group.
pub const CHWS: [MenteeId; 6] = [
    MenteeId::from_u128(demo_uuid(0x3101)),
    MenteeId::from_u128(demo_uuid(0x3102)),
    MenteeId::from_u128(demo_uuid(0x3103)),
    MenteeId::from_u128(demo_uuid(0x3104)),
    MenteeId::from_u128(demo_uuid(0x3105)),
    MenteeId::from_u128(demo_uuid(0x3106)),
];

pub const PATRICK_SUPERVISOR: SupervisorId = SupervisorId::from_u128(demo_uuid(0x4001));

pub fn mentors() -> Vec<Mentor> {
    use MentorAffiliation::*;
    use TechnicalArea::*;
    let mentor =
        |id, name: &str, cadre, affiliation, areas: &[TechnicalArea], assigned: &[PlaceId]| {
            Mentor {
                id,
                name: name.to_owned(),
                cadre,
                affiliation,
                programme: Programme::Ingobyi,
                technical_areas: areas.to_vec(),
                base_facility: None,
                assigned_facilities: assigned.to_vec(),
                promoted_from: None,
            }
        };
    let hospitals = [BYUMBA_DH, BUTARO_DH];
    vec![
        mentor(
            ALINE_RAM,
            "Aline Uwase",
            Cadre::Midwife,
            Ram,
            &[Mnh, NeonatalHealth],
            &hospitals,
        ),
        mentor(
            ERIC_RPA,
            "Dr Eric Habimana",
            Cadre::MedicalDoctor,
            Rpa,
            &[NeonatalHealth, Imci],
            &hospitals,
        ),
        mentor(
            CLAUDINE_RSOG,
            "Dr Claudine Mukamana",
            Cadre::MedicalDoctor,
            Rsog,
            &[Mnh],
            &hospitals,
        ),
        Mentor {
            base_facility: Some(BYUMBA_DH),
            promoted_from: Some(JEAN_BOSCO),
            ..mentor(
                JEAN_BOSCO_DISTRICT,
                "Jean Bosco Niyonzima",
                Cadre::Nurse,
                DistrictBased,
                &[Mnh, Imci, Fp],
                &[RUTARE_HC, KAGEYO_HC],
            )
        },
        Mentor {
            base_facility: Some(RUTARE_HC),
            ..mentor(
                VESTINE_CEHO,
                "Vestine Ingabire",
                Cadre::Ceho,
                Ceho,
                &[Iccm, Cbmnh],
                &[RUTARE_HC],
            )
        },
    ]
}

pub fn mentees() -> Vec<Mentee> {
    let mentee = |id, name: &str, cadre, facility| Mentee {
        id,
        name: name.to_owned(),
        cadre,
        facility,
        programme: Programme::Ingobyi,
    };
    let mut list = vec![
        mentee(JEAN_BOSCO, "Jean Bosco Niyonzima", Cadre::Nurse, BYUMBA_DH),
        mentee(DIANE, "Diane Uwimana", Cadre::Midwife, BYUMBA_DH),
        mentee(OLIVIER, "Dr Olivier Mugisha", Cadre::Intern, BYUMBA_DH),
        mentee(GRACE, "Grace Mukeshimana", Cadre::Nurse, BUTARO_DH),
        mentee(EMMANUEL, "Emmanuel Twagirayezu", Cadre::Midwife, BUTARO_DH),
        mentee(SOLANGE, "Solange Nyiraneza", Cadre::Nurse, RUTARE_HC),
        mentee(THEOGENE, "Theogene Hakizimana", Cadre::Nurse, KAGEYO_HC),
        mentee(CHANTAL, "Chantal Uwamahoro", Cadre::Midwife, KAGEYO_HC),
    ];
    let chw_names = [
        "Marie Mukandayisenga",
        "Innocent Nshimiyimana",
        "Josiane Umutoni",
        "Alphonse Bizimana",
        "Odette Nyirahabimana",
        "Felix Ndayambaje",
    ];
    list.extend(
        CHWS.iter()
            .zip(chw_names)
            .map(|(&id, name)| mentee(id, name, Cadre::Chw, RUTARE_HC)),
    );
    list
}

pub fn supervisors() -> Vec<Supervisor> {
    vec![Supervisor {
        id: PATRICK_SUPERVISOR,
        name: "Dr Patrick Nkurunziza".to_owned(),
        scope: BURERA,
    }]
}
