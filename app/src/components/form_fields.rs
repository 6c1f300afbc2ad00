//! The select fields the mentee forms share. Options are chosen through the `selected`
//! *property*: once a person has picked an option, the attribute no longer moves the choice,
//! and a form reset after a save must show what will be saved.

use leptos::prelude::*;
use mentora_shared::documents::mentee;
use mentora_shared::domain::{Cadre, MentorAffiliation};

use crate::i18n::{Key, use_i18n};

/// The cadre drop-down of the mentee forms, labelled by the `<label for=id>` beside it.
#[component]
pub fn CadreSelect(id: &'static str, cadre: RwSignal<Cadre>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select id=id name="cadre"
            on:change=move |ev| if let Some(c) = mentee::cadre_from_code(&event_target_value(&ev)) { cadre.set(c) }>
            {mentee::CADRES.into_iter().map(|c| view! {
                <option value=mentee::cadre_code(c) prop:selected=move || cadre.get() == c>{move || i18n.t(cadre_key(c))}</option>
            }).collect_view()}
        </select>
    }
}

/// The optional professional association, for the cadres that have one (doctors, nurses and
/// midwives); hidden for CHWs and CEHOs.
#[component]
pub fn AssociationSelect(
    id: &'static str,
    cadre: RwSignal<Cadre>,
    association: RwSignal<Option<MentorAffiliation>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let relevant = move || !matches!(cadre.get(), Cadre::Chw | Cadre::Ceho);
    view! {
        <Show when=relevant>
            <label for=id>{move || i18n.t(Key::Association)}</label>
            <select id=id name="association"
                on:change=move |ev| association.set(mentee::association_from_code(&event_target_value(&ev)))>
                <option value="" prop:selected=move || association.get().is_none()>{move || i18n.t(Key::AssociationNone)}</option>
                {mentee::ASSOCIATIONS.into_iter().map(|a| view! {
                    <option value=mentee::association_code(a) prop:selected=move || association.get() == Some(a)>
                        {move || i18n.t(association_key(a))}
                    </option>
                }).collect_view()}
            </select>
        </Show>
    }
}

pub fn association_key(association: MentorAffiliation) -> Key {
    match association {
        MentorAffiliation::Rpa => Key::AssociationRpa,
        MentorAffiliation::Ram => Key::AssociationRam,
        _ => Key::AssociationRsog,
    }
}

/// The name of a cadre, as every screen writes it.
pub fn cadre_key(cadre: Cadre) -> Key {
    match cadre {
        Cadre::MedicalDoctor => Key::CadreMedicalDoctor,
        Cadre::Intern => Key::CadreIntern,
        Cadre::Nurse => Key::CadreNurse,
        Cadre::Midwife => Key::CadreMidwife,
        Cadre::Chw => Key::CadreChw,
        Cadre::Ceho => Key::CadreCeho,
    }
}
