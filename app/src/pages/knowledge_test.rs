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

crate::i18n::keys!(TestKey, "pages/knowledge_test");

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
