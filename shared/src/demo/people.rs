//! The demo's mentors, mentees and supervisors, and the sign-in accounts the server seeds:
//! `mentor` (the district-based Demo Mentor of Rango HC), `supervisor` (Demo Supervisor of the
//! Huye district) and `admin`.

use super::demo_uuid;
use super::places::{HUYE, KABUTARE_DH, NYANZA, NYANZA_DH, RANGO_HC, SIMBI_HC};
use crate::documents::mentee::mentor_id;
use crate::domain::{
    Cadre, Mentee, MenteeId, Mentor, MentorAffiliation, MentorId, PlaceId, Programme, Supervisor,
    SupervisorId, TechnicalArea,
};
use crate::policy::Role;

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
/// The six CHWs of Rango's group.
pub const CHWS: [MenteeId; 6] = [
    MenteeId::from_u128(demo_uuid(0x3101)),
    MenteeId::from_u128(demo_uuid(0x3102)),
    MenteeId::from_u128(demo_uuid(0x3103)),
    MenteeId::from_u128(demo_uuid(0x3104)),
    MenteeId::from_u128(demo_uuid(0x3105)),
    MenteeId::from_u128(demo_uuid(0x3106)),
];

pub const PATRICK_SUPERVISOR: SupervisorId = SupervisorId::from_u128(demo_uuid(0x4001));
/// The `supervisor` account's person.
pub const DEMO_SUPERVISOR: SupervisorId = SupervisorId::from_u128(demo_uuid(0x4002));

/// The `mentor` account's mentor id, as every device computes it from the username
/// ([`mentor_id`]), so what the account records is the Demo Mentor's.
pub fn demo_mentor() -> MentorId {
    mentor_id(MENTOR_ACCOUNT)
}

/// The usernames of the demo accounts.
pub const MENTOR_ACCOUNT: &str = "mentor";
pub const SUPERVISOR_ACCOUNT: &str = "supervisor";
pub const ADMIN_ACCOUNT: &str = "admin";

/// A sign-in account the server seeds into an empty database (`serve --demo`), with its scope
/// as places of [`super::places()`]; the password is the server's to publish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    pub districts: Vec<PlaceId>,
    pub facilities: Vec<PlaceId>,
    pub affiliation: Option<MentorAffiliation>,
}

/// A mentor at one health centre (district-based, as the mentors of health centres are here:
/// professional associations mentor the hospitals), a supervisor of the whole Huye district and
/// an admin. The first two are the dataset's Demo Mentor and Demo Supervisor.
pub fn accounts() -> Vec<Account> {
    vec![
        Account {
            username: MENTOR_ACCOUNT,
            display_name: "Demo Mentor",
            role: Role::Mentor,
            districts: vec![HUYE],
            facilities: vec![RANGO_HC],
            affiliation: Some(MentorAffiliation::DistrictBased),
        },
        Account {
            username: SUPERVISOR_ACCOUNT,
            display_name: "Demo Supervisor",
            role: Role::Supervisor,
            districts: vec![HUYE],
            facilities: Vec::new(),
            affiliation: None,
        },
        Account {
            username: ADMIN_ACCOUNT,
            display_name: "Demo Admin",
            role: Role::Admin,
            districts: Vec::new(),
            facilities: Vec::new(),
            affiliation: None,
        },
    ]
}

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
    let hospitals = [KABUTARE_DH, NYANZA_DH];
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
            base_facility: Some(KABUTARE_DH),
            promoted_from: Some(JEAN_BOSCO),
            ..mentor(
                JEAN_BOSCO_DISTRICT,
                "Jean Bosco Niyonzima",
                Cadre::Nurse,
                DistrictBased,
                &[Mnh, Imci, Fp],
                &[RANGO_HC, SIMBI_HC],
            )
        },
        Mentor {
            base_facility: Some(RANGO_HC),
            ..mentor(
                demo_mentor(),
                "Demo Mentor",
                Cadre::Nurse,
                DistrictBased,
                &[Mnh, Imci],
                &[RANGO_HC],
            )
        },
        Mentor {
            base_facility: Some(RANGO_HC),
            ..mentor(
                VESTINE_CEHO,
                "Vestine Ingabire",
                Cadre::Ceho,
                Ceho,
                &[Iccm, Cbmnh],
                &[RANGO_HC],
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
        mentee(
            JEAN_BOSCO,
            "Jean Bosco Niyonzima",
            Cadre::Nurse,
            KABUTARE_DH,
        ),
        mentee(DIANE, "Diane Uwimana", Cadre::Midwife, KABUTARE_DH),
        mentee(OLIVIER, "Dr Olivier Mugisha", Cadre::Intern, KABUTARE_DH),
        mentee(GRACE, "Grace Mukeshimana", Cadre::Nurse, NYANZA_DH),
        mentee(EMMANUEL, "Emmanuel Twagirayezu", Cadre::Midwife, NYANZA_DH),
        mentee(SOLANGE, "Solange Nyiraneza", Cadre::Nurse, RANGO_HC),
        mentee(THEOGENE, "Theogene Hakizimana", Cadre::Nurse, SIMBI_HC),
        mentee(CHANTAL, "Chantal Uwamahoro", Cadre::Midwife, SIMBI_HC),
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
            .map(|(&id, name)| mentee(id, name, Cadre::Chw, RANGO_HC)),
    );
    list
}

pub fn supervisors() -> Vec<Supervisor> {
    vec![
        Supervisor {
            id: PATRICK_SUPERVISOR,
            name: "Dr Patrick Nkurunziza".to_owned(),
            scope: NYANZA,
        },
        Supervisor {
            id: DEMO_SUPERVISOR,
            name: "Demo Supervisor".to_owned(),
            scope: HUYE,
        },
    ]
}
