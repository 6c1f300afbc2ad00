//! The mentee screen's strings, and the labels of assessment kinds and statuses that other
//! screens (the matrix, the list) reuse.

use mentora_shared::domain::{AssessmentKind, ObservationPurpose, TestPhase};
use mentora_shared::rules::{CompetencyStatus, NextStep, ValidationGap};

crate::i18n::keys! { MKey;
    Details => "Details", "Coordonnées";
    Competencies => "Competencies", "Compétences";
    NoCompetencies => "No competencies chosen yet. Choose the ones to mentor below.", "Aucune compétence choisie. Choisissez ci-dessous celles à accompagner.";
    ChooseCompetencies => "Choose competencies to mentor", "Choisir les compétences à accompagner";
    SuitedToCadre => "Suited to this cadre", "Adaptées à ce profil";
    OtherCompetencies => "Other competencies", "Autres compétences";
    SaveCompetencies => "Save competencies", "Enregistrer les compétences";
    StatusNotStarted => "Not started", "Pas commencé";
    StatusInCoaching => "In coaching", "En accompagnement";
    StatusValidated => "Validated", "Validé";
    PreTest => "Pre-test", "Pré-test";
    PostTest => "Post-test", "Post-test";
    Observe => "Observe", "Observer";
    BaselineObservation => "Baseline observation", "Observation initiale";
    CoachingObservation => "Coaching observation", "Observation d’accompagnement";
    PostObservation => "Post-mentorship observation", "Observation post-accompagnement";
    GroupAssessment => "CHW group assessment", "Évaluation de groupe ASC";
    NextLabel => "Next", "Étape suivante";
    NextPreTest => "take the pre-test", "faire passer le pré-test";
    NextCoaching => "observe a case to coach", "observer un cas pour accompagner";
    NextPostTest => "take the post-test (85% needed)", "faire passer le post-test (85 % requis)";
    NextPostObservation => "observe a case after mentorship (85% and every critical step)", "observer un cas après l’accompagnement (85 % et toutes les étapes critiques)";
    NextConfirm => "the rule is met: confirm the validation", "la règle est remplie : confirmer la validation";
    RulePostTest => "Post-test", "Post-test";
    RuleObservation => "Observation after mentorship", "Observation après accompagnement";
    RuleNone => "not yet", "pas encore";
    RuleMet => "meets the rule", "remplit la règle";
    RuleNotMet => "does not meet the rule", "ne remplit pas la règle";
    GapNotValidation => "only an observation after mentorship can validate", "seule une observation après accompagnement peut valider";
    GapNoConsent => "real case without the patient's consent", "cas réel sans consentement du patient";
    GapBelowPassMark => "below the 85% pass mark", "sous le seuil de 85 %";
    GapCritical => "critical steps not done", "étapes critiques non faites";
    ConfirmValidation => "Confirm validation", "Confirmer la validation";
    ValidateTitle => "Confirm the validation", "Confirmer la validation";
    ValidateExplain => "You confirm that this mentee performs the technique properly. This is recorded with your name, today's date and the assessment that met the rule.", "Vous confirmez que cette personne maîtrise la technique. Votre nom, la date du jour et l’évaluation qui remplit la règle sont enregistrés.";
    ValidatedBy => "Validated by", "Validé par";
    On => "on", "le";
    Cancel => "Cancel", "Annuler";
    History => "History", "Historique";
    NoHistory => "No assessments yet.", "Aucune évaluation pour l’instant.";
    By => "by", "par";
    WentWell => "What went well", "Ce qui s’est bien passé";
    ToImprove => "What to improve", "Ce qui est à améliorer";
    ScoresChart => "Scores over time", "Scores dans le temps";
    PassMarkLine => "85% pass mark", "Seuil de 85 %";
    CoachingPlan => "Coaching plan", "Plan d’accompagnement";
    NoCoaching => "No competency is in coaching.", "Aucune compétence en accompagnement.";
    WeakSteps => "Steps to work on (last observations)", "Étapes à travailler (dernières observations)";
    NoWeakSteps => "No step missed in the last observations.", "Aucune étape manquée lors des dernières observations.";
    Critical => "Critical", "Critique";
    TimesMissed => "times not done", "fois non faite";
    PlannedActions => "Planned actions", "Actions prévues";
    TargetDate => "Target date", "Date cible";
    SavePlan => "Save plan", "Enregistrer le plan";
    BadDate => "The date is not valid.", "La date n’est pas valide.";
    Overdue => "Overdue", "En retard";
    Duplicates => "Possible duplicates", "Doublons possibles";
    DuplicatesExplain => "Another record at this place has the same name. If it is the same person (registered on another tablet), merge it into this one: its assessments, validations and competencies move here.", "Une autre fiche de ce site porte le même nom. S’il s’agit de la même personne (enregistrée sur une autre tablette), fusionnez-la avec celle-ci : ses évaluations, validations et compétences sont reprises ici.";
    MergeInto => "Merge into this record", "Fusionner avec cette fiche";
    ConfirmMerge => "Yes, it is the same person: merge", "Oui, c’est la même personne : fusionner";
    Merged => "Merged.", "Fusionné.";
    MergedNotice => "This record was a duplicate and was merged.", "Cette fiche était un doublon et a été fusionnée.";
    OpenMerged => "Open the merged record", "Ouvrir la fiche fusionnée";
    Promote => "Promote to mentor", "Promouvoir mentor";
}

pub fn status_key(status: CompetencyStatus) -> MKey {
    match status {
        CompetencyStatus::NotStarted => MKey::StatusNotStarted,
        CompetencyStatus::InCoaching => MKey::StatusInCoaching,
        CompetencyStatus::Validated => MKey::StatusValidated,
    }
}

pub fn kind_key(kind: &AssessmentKind) -> MKey {
    match kind {
        AssessmentKind::KnowledgeTest {
            phase: TestPhase::PreTest,
            ..
        } => MKey::PreTest,
        AssessmentKind::KnowledgeTest {
            phase: TestPhase::PostTest,
            ..
        } => MKey::PostTest,
        AssessmentKind::Observation { purpose, .. } => match purpose {
            ObservationPurpose::Baseline => MKey::BaselineObservation,
            ObservationPurpose::Coaching => MKey::CoachingObservation,
            ObservationPurpose::PostMentorship => MKey::PostObservation,
        },
        AssessmentKind::ChwGroupAssessment { .. } => MKey::GroupAssessment,
    }
}

pub fn next_key(next: NextStep) -> MKey {
    match next {
        NextStep::PreTest => MKey::NextPreTest,
        NextStep::CoachingObservation => MKey::NextCoaching,
        NextStep::PostTest => MKey::NextPostTest,
        NextStep::PostMentorshipObservation => MKey::NextPostObservation,
        NextStep::ConfirmValidation => MKey::NextConfirm,
    }
}

pub fn gap_key(gap: &ValidationGap) -> MKey {
    match gap {
        ValidationGap::NotAValidationAssessment => MKey::GapNotValidation,
        ValidationGap::NoPatientConsent => MKey::GapNoConsent,
        ValidationGap::BelowPassMark { .. } => MKey::GapBelowPassMark,
        ValidationGap::CriticalStepsMissed { .. } => MKey::GapCritical,
    }
}

crate::i18n::counts! { MCount;
    EvaluationsToValidation => ["{n} evaluation to validation", "{n} evaluations to validation"],
        ["{n} évaluation jusqu’à la validation", "{n} évaluations jusqu’à la validation"];
    Assessments => ["{n} assessment", "{n} assessments"], ["{n} évaluation", "{n} évaluations"];
}
