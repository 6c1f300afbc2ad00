//! The dashboard's texts, and the few formatting helpers its parts share.

use mentora_shared::domain::{TechnicalArea, YearMonth};
use mentora_shared::reports::dashboard::Period;
use mentora_shared::reports::{FiscalCalendar, FiscalYear};

use crate::i18n::I18n;

crate::i18n::keys! { DKey;
    Title => "Dashboard", "Tableau de bord";
    Intro => "The programme's figures from the records synced to this device; works offline.", "Les chiffres du programme à partir des données synchronisées sur cet appareil ; fonctionne hors ligne.";
    Link => "Dashboard: figures, tables and trends", "Tableau de bord : chiffres, tableaux et tendances";
    Filters => "Filters", "Filtres";
    All => "All", "Tous";
    District => "District", "District";
    Facility => "Facility", "Établissement";
    Association => "Professional association (mentee record)", "Association professionnelle (fiche du mentoré)";
    Area => "Technical area", "Domaine technique";
    Mentor => "Mentor", "Mentor";
    Period => "Period", "Période";
    FiscalYear => "Fiscal year", "Année fiscale";
    Quarter => "Quarter", "Trimestre";
    Reset => "Show everything", "Tout afficher";
    Headline => "Headline figures", "Chiffres clés";
    MentorsActive => "Mentors active", "Mentors actifs";
    MenteesReached => "Mentees reached", "Mentorés atteints";
    MenteesValidated => "Mentees validated", "Mentorés validés";
    VisitsDone => "Visits done of planned", "Visites réalisées sur prévues";
    Of => "of", "sur";
    QiOpen => "Open QI actions", "Actions AQ en cours";
    QiOverdue => "Overdue QI actions", "Actions AQ en retard";
    ChwGroups => "CHW groups reached this quarter", "Groupes d’ASC atteints ce trimestre";
    Definitions => "How these are counted", "Comment ces chiffres sont comptés";
    HeadlineDefinition => "Mentors active: distinct assessors of the assessments in the period. Mentees reached: mentees with an assessment in the period. Validated: mentees with a validation in the period. Visits: by their first day; planned excludes cancelled ones. QI actions: not done, in open projects, as of today; overdue when due before today. CHW groups: a health centre's CHWs in one technical area with a group session this fiscal quarter.", "Mentors actifs : évaluateurs distincts des évaluations de la période. Mentorés atteints : mentorés ayant une évaluation dans la période. Validés : mentorés ayant une validation dans la période. Visites : selon leur premier jour ; les prévues excluent les annulées. Actions AQ : non terminées, dans des projets ouverts, à ce jour ; en retard si l’échéance est passée. Groupes d’ASC : les ASC d’un centre de santé dans un domaine technique ayant eu une séance de groupe ce trimestre fiscal.";
    Attention => "Needs attention", "À surveiller";
    NothingToFlag => "Nothing needs attention.", "Rien à signaler.";
    NoVisit => "No visit this month", "Aucune visite ce mois-ci";
    OpenVisits => "Open its visits", "Ouvrir ses visites";
    Stuck => "In coaching without validation after", "En accompagnement sans validation après";
    Assessments => "assessments", "évaluations";
    OverdueAction => "Overdue QI action, due", "Action AQ en retard, échéance";
    Table1Caption => "Table 1. Number and percentage of validated mentees of district and provincial hospitals, by the professional association that mentored them", "Tableau 1. Nombre et pourcentage de mentorés validés des hôpitaux de district et provinciaux, par association professionnelle qui les a encadrés";
    Table1Definition => "Row: the professional association of the mentor who made each assessment or validation, recorded with it when saved; assessments and validations saved before this was recorded count for the association on the mentee's record. Hospital mentorship only: mentees of district and provincial hospitals (facilities of other levels are not counted; upgraded health centres count only if registered as hospitals). Total mentees: mentees with at least one assessment dated in the fiscal year counted for the association; a mentee mentored by two associations counts in both rows. Validated: those of them with a validation counted for the same association in the same fiscal year, on any competency. Percentages are rounded half up. Merged duplicate records are not counted.", "Ligne : l’association professionnelle du mentor qui a fait chaque évaluation ou validation, enregistrée avec elle ; les évaluations et validations enregistrées avant cela comptent pour l’association inscrite sur la fiche du mentoré. Mentorat hospitalier seulement : mentorés des hôpitaux de district et provinciaux (les autres niveaux ne sont pas comptés ; les centres de santé surclassés ne comptent que s’ils sont enregistrés comme hôpitaux). Total des mentorés : mentorés ayant au moins une évaluation datée dans l’année fiscale comptée pour l’association ; un mentoré encadré par deux associations compte dans les deux lignes. Validés : ceux d’entre eux ayant une validation comptée pour la même association la même année fiscale, sur une compétence quelconque. Pourcentages arrondis au plus proche. Les doublons fusionnés ne sont pas comptés.";
    ProfessionalAssociation => "Professional association", "Association professionnelle";
    TotalMentees => "Number of total mentees", "Nombre total de mentorés";
    ValidatedMentees => "Number (and %) validated mentees", "Nombre (et %) de mentorés validés";
    Table2Caption => "Table 2. Number of mentees reached and number and percentage validated in health centres", "Tableau 2. Nombre de mentorés atteints et nombre et pourcentage de validés dans les centres de santé";
    Table2Definition => "Health centres only (hospitals are in Table 1). Technical area: the catalogue's area of the competency assessed. Mentors: distinct assessors of the area's assessments dated in the fiscal year. Mentees reached: mentees with such an assessment. Validated: reached mentees with a validation in the same year on a competency of the area.", "Centres de santé seulement (les hôpitaux sont au tableau 1). Domaine technique : le domaine de la compétence évaluée, selon le catalogue. Mentors : évaluateurs distincts des évaluations du domaine datées dans l’année fiscale. Mentorés atteints : mentorés ayant une telle évaluation. Validés : mentorés atteints validés la même année sur une compétence du domaine.";
    TechnicalArea => "Technical area", "Domaine technique";
    Mentors => "Number of mentors", "Nombre de mentors";
    Reached => "Number of mentees reached", "Nombre de mentorés atteints";
    ValidatedOne => "Number (and %) of mentees validated in at least 1 competency", "Nombre (et %) de mentorés validés dans au moins 1 compétence";
    Trends => "Trends", "Tendances";
    ValidationsPerMonth => "Validations per month, last 12 months", "Validations par mois, 12 derniers mois";
    PrePost => "Mean knowledge test score per competency, pre-test and post-test", "Score moyen aux tests de connaissances par compétence, pré-test et post-test";
    PreTest => "Pre-test", "Pré-test";
    PostTest => "Post-test", "Post-test";
    NoTests => "No knowledge test in this period.", "Aucun test de connaissances dans cette période.";
    VisitsPerMonth => "Visits done and planned per month, last 12 months", "Visites réalisées et prévues par mois, 12 derniers mois";
    Planned => "Planned", "Prévues";
    Done => "Done", "Réalisées";
    Validations => "Validations", "Validations";
    TestsCount => "tests", "tests";
    NoScore => "no test", "aucun test";
    Print => "Print or save as PDF", "Imprimer ou enregistrer en PDF";
    MonthlyReport => "Mentor monthly report", "Rapport mensuel du mentor";
    ReportIntro => "One month of a mentor's work, from the records synced to this device, ready to print.", "Un mois de travail d’un mentor, à partir des données synchronisées sur cet appareil, prêt à imprimer.";
    Month => "Month", "Mois";
    Work => "Assessments and validations", "Évaluations et validations";
    NoWork => "No assessment or validation in this month.", "Aucune évaluation ni validation ce mois-ci.";
    Date => "Date", "Date";
    Mentee => "Mentee", "Mentoré";
    Competency => "Competency", "Compétence";
    What => "What", "Quoi";
    Score => "Score", "Score";
    BaselineObservation => "Baseline observation", "Observation de référence";
    CoachingObservation => "Coaching observation", "Observation d’accompagnement";
    PostMentorshipObservation => "Post-mentorship observation", "Observation après mentorat";
    GroupAssessment => "CHW group assessment", "Évaluation de groupe d’ASC";
    Validated => "Validated", "Validé";
    BackToDashboard => "Back to the dashboard", "Retour au tableau de bord";
    Unreadable => "records on this device could not be read and are not counted", "enregistrements de cet appareil n’ont pas pu être lus et ne sont pas comptés";
    NothingYet => "No records on this device yet. Sync to bring your scope's records.", "Aucun enregistrement sur cet appareil. Synchronisez pour obtenir ceux de votre périmètre.";
}

pub use crate::locale::{month_name, month_short, percent};

/// "FY25 (July 2024 – June 2025)"; quarters "FY25 Q3", months by name.
pub fn period_name(i18n: I18n, calendar: FiscalCalendar, period: Period) -> String {
    let lang = i18n.lang();
    match period {
        Period::Year(year) => {
            let (first, last) = year_bounds(calendar, year);
            format!(
                "{} ({} – {})",
                year.label(),
                month_name(lang, first),
                month_name(lang, last)
            )
        }
        Period::Quarter(q) => q.label(),
        Period::Month(m) => month_name(lang, m),
    }
}

/// The first and last month of a fiscal year.
pub fn year_bounds(calendar: FiscalCalendar, year: FiscalYear) -> (YearMonth, YearMonth) {
    let start = calendar.start_month.clamp(1, 12);
    if start == 1 {
        return (
            YearMonth {
                year: year.0,
                month: 1,
            },
            YearMonth {
                year: year.0,
                month: 12,
            },
        );
    }
    (
        YearMonth {
            year: year.0 - 1,
            month: start,
        },
        YearMonth {
            year: year.0,
            month: start - 1,
        },
    )
}

/// The catalogue's name of a technical area in the current language.
pub fn area_name(i18n: I18n, area: TechnicalArea) -> String {
    crate::catalogue::catalogue()
        .ok()
        .and_then(|c| {
            c.area_name(area)
                .map(|name| crate::catalogue::text(i18n, name))
        })
        .unwrap_or_else(|| format!("{area:?}"))
}

/// A select's value for an area.
pub fn area_code(area: TechnicalArea) -> String {
    format!("{area:?}").to_lowercase()
}

pub fn area_from_code(code: &str) -> Option<TechnicalArea> {
    TechnicalArea::ALL
        .into_iter()
        .find(|a| area_code(*a) == code)
}

/// A competency's name in the current language, or its id.
pub fn competency_name(i18n: I18n, id: &str) -> String {
    crate::catalogue::competency(id)
        .map(|c| crate::catalogue::text(i18n, &c.name))
        .unwrap_or_else(|| id.to_owned())
}
