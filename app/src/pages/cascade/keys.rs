//! The cascade screen's strings, in English and French.

crate::i18n::keys! {
    CasKey;
    Title => "Cascade", "Cascade";
    Intro => "Mentees validated in a competency can be promoted to mentor others in it, for example at a health post.", "Les mentorés validés dans une compétence peuvent être promus pour encadrer d’autres personnes, par exemple dans un poste de santé.";
    Eligible => "Validated mentees who can be promoted", "Mentorés validés pouvant être promus";
    NoEligible => "No mentee at this place is validated in a competency yet.", "Aucun mentoré de ce site n’est encore validé dans une compétence.";
    Promote => "Promote to mentor", "Promouvoir mentor";
    Competencies => "Competencies they may mentor (validated only)", "Compétences qu’il ou elle peut encadrer (validées uniquement)";
    Facility => "Facility where they will mentor", "Établissement où il ou elle encadrera";
    ChooseFacility => "Choose a facility", "Choisissez un établissement";
    Account => "Their Mentora username (optional)", "Son nom d’utilisateur Mentora (facultatif)";
    AccountHelp => "Links the validations they make later to this promotion, to show the lineage. An administrator then adds the assigned facility to this account's places, so their tablet receives its records.", "Relie les validations qu’il ou elle fera ensuite à cette promotion, pour montrer la filiation. Un administrateur ajoute ensuite l’établissement assigné aux lieux de ce compte, pour que sa tablette en reçoive les dossiers.";
    Save => "Save the promotion", "Enregistrer la promotion";
    Saving => "Saving…", "Enregistrement…";
    Saved => "Promotion saved on this device.", "Promotion enregistrée sur cet appareil.";
    NotSaved => "Not saved", "Non enregistré";
    DraftKept => "Kept on this device as you go.", "Conservé sur cet appareil au fur et à mesure.";
    ErrNoCompetency => "Choose at least one competency.", "Choisissez au moins une compétence.";
    ErrNotValidated => "They are not validated in this competency", "Cette compétence n’est pas validée";
    ErrNoFacility => "Choose the facility where they will mentor.", "Choisissez l’établissement où il ou elle encadrera.";
    Promoted => "Promoted mentors", "Mentors promus";
    NoPromoted => "Nobody has been promoted from this place yet.", "Personne n’a encore été promu depuis ce site.";
    MentorAt => "mentor at", "mentor à";
    PromotedBy => "promoted by", "promu par";
    Lineage => "Who mentored whom", "Qui a encadré qui";
    NoLineage => "No validation recorded on this device yet.", "Aucune validation enregistrée sur cet appareil.";
    Depth => "Cascade depth", "Profondeur de la cascade";
    Generations => "generation(s) of promoted mentors", "génération(s) de mentors promus";
    Generation => "generation", "génération";
    ValidatedBy => "validated", "a validé";
    Unreadable => "A promotion record could not be read", "Une promotion n’a pas pu être lue";
}
