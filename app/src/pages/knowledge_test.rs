//! The pre-test and post-test screen: a mentee answers a competency's current knowledge test,
//! question by question or as a list, the mentor saves it and both see the score and the
//! questions missed. The route is `/mentees/:id/test/:competency/:phase`.

mod draft;
mod finish;
mod result;
mod runner;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentora_shared::catalogue::{Competency, KnowledgeTest};
use mentora_shared::domain::{MentorAffiliation, TestPhase};
use mentora_shared::sync::DocId;

use crate::components::UnreadableRecord;
use crate::engine::use_sync;
use crate::error::AppError;
use crate::i18n::{I18n, Key, Text, use_i18n};
use crate::records;
use crate::session::use_session;
use crate::store::hex;

crate::i18n::keys! {
    TestKey;
    PreTest => "Pre-test", "Pré-test";
    PostTest => "Post-test", "Post-test";
    Loading => "Opening the record…", "Ouverture du dossier…";
    MenteeNotFound => "Mentee not found", "Mentoré introuvable";
    MenteeNotHere => "This mentee is not on this device. Sync, or check the link.", "Ce mentoré n’est pas sur cet appareil. Synchronisez, ou vérifiez le lien.";
    UnknownCompetency => "Unknown competency", "Compétence inconnue";
    UnknownCompetencyHelp => "This link names a competency that is not in the catalogue.", "Ce lien désigne une compétence absente du catalogue.";
    UnknownPhase => "Unknown test", "Test inconnu";
    UnknownPhaseHelp => "A knowledge test is either a pre-test or a post-test.", "Un test de connaissances est soit un pré-test, soit un post-test.";
    NoTest => "This competency has no knowledge test.", "Cette compétence n’a pas de test de connaissances.";
    BackTo => "Back to", "Retour à";
    BackToMentees => "Back to the mentees", "Retour aux mentorés";
    HandToMentee => "Hand the tablet to the mentee. Each answer is kept on this device as soon as it is chosen, so the tablet can go back and forth.", "Donnez la tablette au mentoré. Chaque réponse est gardée sur cet appareil dès qu’elle est choisie : la tablette peut passer de main en main.";
    HandToMentor => "Hand the tablet back to the mentor.", "Rendez la tablette au mentor.";
    QuestionOf => "Question {n} of {total}", "Question {n} sur {total}";
    AllQuestions => "All {total} questions", "Les {total} questions";
    AnsweredOf => "{n} of {total} answered", "{n} sur {total} répondues";
    ShowAll => "Show all questions", "Afficher toutes les questions";
    Previous => "Previous", "Précédente";
    Next => "Next", "Suivante";
    Finish => "Finish", "Terminer";
    ConfirmTitle => "Finish the test?", "Terminer le test ?";
    AllAnswered => "Every question is answered.", "Toutes les questions ont une réponse.";
    Unanswered => "Questions not answered:", "Questions sans réponse :";
    UnansweredScoreZero => "A question left unanswered scores zero.", "Une question sans réponse compte zéro.";
    GoToQuestion => "Go to question {n}", "Aller à la question {n}";
    FinalWarning => "Once saved, the answers cannot be changed.", "Une fois enregistrées, les réponses ne peuvent plus être modifiées.";
    SaveAndScore => "Save and show the score", "Enregistrer et afficher le score";
    BackToQuestions => "Back to the questions", "Retour aux questions";
    NoRandom => "this device has no secure random source", "cet appareil n’a pas de source aléatoire sûre";
    ResultTitle => "Result", "Résultat";
    Score => "Score", "Score";
    Percent => "{n}%", "{n}\u{202f}%";
    PassReached => "Pass mark reached ({pass} needed).", "Seuil de réussite atteint ({pass} requis).";
    PassNotReached => "Pass mark not reached ({pass} needed).", "Seuil de réussite non atteint ({pass} requis).";
    Missed => "Questions missed", "Questions manquées";
    NoneMissed => "No question missed.", "Aucune question manquée.";
    AnswerGiven => "Answer given:", "Réponse donnée :";
    NotAnswered => "Not answered", "Sans réponse";
    Why => "Why:", "Pourquoi :";
    CorrectAnswer => "Correct answer:", "Bonne réponse :";
}

/// The text of `key` with each `{name}` replaced, for sentences whose word order differs
/// between languages.
fn fill(i18n: I18n, key: impl Text, values: &[(&str, &str)]) -> String {
    crate::i18n::fill(i18n.t(key), values)
}

/// Everything the test needs once the route, the session and the record all check out.
#[derive(Clone, Debug, PartialEq)]
struct Ready {
    doc: DocId,
    competency: Competency,
    test: KnowledgeTest,
    phase: TestPhase,
    username: String,
    assessor_name: String,
    /// The assessor's affiliation, recorded with the assessment.
    association: Option<MentorAffiliation>,
}

impl Ready {
    fn mentee_href(&self) -> String {
        format!("/mentees/{}", hex(&self.doc.0))
    }

    /// The draft's key: one draft per mentee, competency and phase.
    fn draft_subject(&self) -> String {
        let phase = match self.phase {
            TestPhase::PreTest => "pre",
            TestPhase::PostTest => "post",
        };
        format!("{}.{}.{phase}", hex(&self.doc.0), self.competency.id)
    }
}

fn phase_key(phase: TestPhase) -> TestKey {
    match phase {
        TestPhase::PreTest => TestKey::PreTest,
        TestPhase::PostTest => TestKey::PostTest,
    }
}

/// What the screen can show for the route as it is now.
#[derive(Clone, Debug, PartialEq)]
enum Shape {
    SignedOut,
    /// A problem with the link itself, with where to go back to.
    BadLink {
        title: TestKey,
        help: TestKey,
        back: String,
    },
    Loading,
    MenteeMissing,
    Unreadable(AppError),
    Ready(Box<Ready>),
}

#[component]
pub fn KnowledgeTestPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sync = use_sync();
    let params = use_params_map();
    // Rebuilt only when the state changes, not on every sync: a sync arriving mid-test must not
    // reset the screen (the answers would survive in the draft, but the flow would not).
    let shape = Memo::new(move |_| {
        let Some(session) = session.0.get() else {
            return Shape::SignedOut;
        };
        let (id, competency, phase) = params.with(|p| {
            (
                p.get("id").unwrap_or_default(),
                p.get("competency").unwrap_or_default(),
                p.get("phase").unwrap_or_default(),
            )
        });
        let Some(doc) = records::parse_doc_id(&id) else {
            return Shape::MenteeMissing;
        };
        let back = format!("/mentees/{}", hex(&doc.0));
        let bad = |title, help| Shape::BadLink {
            title,
            help,
            back: back.clone(),
        };
        let Some(competency) = crate::catalogue::competency(&competency) else {
            return bad(TestKey::UnknownCompetency, TestKey::UnknownCompetencyHelp);
        };
        let phase = match phase.as_str() {
            "pre" => TestPhase::PreTest,
            "post" => TestPhase::PostTest,
            _ => return bad(TestKey::UnknownPhase, TestKey::UnknownPhaseHelp),
        };
        let Some(test) = competency.current_knowledge_test().cloned() else {
            return bad(TestKey::UnknownPhase, TestKey::NoTest);
        };
        // The revision is bumped once the device store is open; before that an absent record
        // only means "not read yet".
        let opened = sync.revision.get() > 0 || sync.storage_error.get().is_some();
        match records::load(doc) {
            None if !opened => Shape::Loading,
            None => Shape::MenteeMissing,
            Some(Err(reason)) => Shape::Unreadable(reason),
            Some(Ok(_)) => Shape::Ready(Box::new(Ready {
                doc,
                competency,
                test,
                phase,
                assessor_name: session.user.shown_name().to_owned(),
                association: session.user.affiliation,
                username: session.user.username,
            })),
        }
    });
    view! {
        <section class="page kt">
            {move || match shape.get() {
                Shape::Ready(ready) => view! { <runner::TestRunner ready=*ready /> }.into_any(),
                Shape::SignedOut => crate::components::sign_in_prompt(),
                Shape::BadLink { title, help, back } => view! {
                    <h1>{move || i18n.t(title)}</h1>
                    <p class="notice" role="alert">{move || i18n.t(help)}</p>
                    <A href=back>{move || i18n.t(Key::Back)}</A>
                }
                .into_any(),
                Shape::Loading => view! { <p role="status">{move || i18n.t(TestKey::Loading)}</p> }.into_any(),
                Shape::MenteeMissing => view! {
                    <h1>{move || i18n.t(TestKey::MenteeNotFound)}</h1>
                    <p>{move || i18n.t(TestKey::MenteeNotHere)}</p>
                    <A href="/mentees">{move || i18n.t(TestKey::BackToMentees)}</A>
                }
                .into_any(),
                Shape::Unreadable(reason) => view! {
                    <UnreadableRecord reason />
                    <A href="/mentees">{move || i18n.t(TestKey::BackToMentees)}</A>
                }
                .into_any(),
            }}
        </section>
    }
}
