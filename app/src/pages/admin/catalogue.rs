//! `/admin/catalogue`: checklists and knowledge tests as spreadsheets (issue 16, first part).
//! The admin downloads a competency's current checklist or test as CSV, edits it in Excel, and
//! checks the edited file here: every problem is listed by row and column (or by the item the
//! catalogue loader names), and a clean file is shown as the mentor's observation screen shows
//! it. Everything runs on the device (`shared::catalogue::sheet`), offline too; publishing the
//! checked version to tablets needs catalogue documents on the server, which do not exist yet.

use leptos::prelude::*;
use mentora_shared::catalogue::sheet::{self, SheetProblem};
use mentora_shared::catalogue::{Checklist, Competency, KnowledgeTest};
use mentora_shared::reports::csv::to_csv;
use mentora_shared::setup::csv::{self, CsvError};

use super::AdminOnly;
use super::sheet_words::{csv_text, problem_text};
use crate::catalogue::{CatalogueText, catalogue};
use crate::error::AppError;
use crate::i18n::{fill, use_i18n};
use crate::pages::observation::ChecklistPreview;
use crate::platform;

crate::i18n::keys!(CKey, "pages/admin/catalogue");

/// Which tool of a competency is worked on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tool {
    Checklist,
    Test,
}

/// A checked sheet.
#[derive(Clone)]
enum Checked {
    Nothing,
    Checklist(Checklist),
    Test(KnowledgeTest),
    Problems(Vec<SheetProblem>),
    Unreadable(CsvError),
    Failed(AppError),
}

#[component]
pub fn AdminCataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h1>{move || i18n.t(CKey::Title)}</h1>
            <AdminOnly><SheetTools /></AdminOnly>
        </section>
    }
}

/// The current version of `tool`, as rows.
fn current_rows(competency: &Competency, tool: Tool) -> Option<(u32, Vec<Vec<String>>)> {
    match tool {
        Tool::Checklist => competency
            .current_checklist()
            .map(|c| (c.version, sheet::checklist_rows(c))),
        Tool::Test => competency
            .current_knowledge_test()
            .map(|t| (t.version, sheet::test_rows(t))),
    }
}

fn tool_slug(tool: Tool) -> &'static str {
    match tool {
        Tool::Checklist => "checklist",
        Tool::Test => "test",
    }
}

/// Reads and checks the chosen file as the next version of `tool`.
async fn check(
    input: Option<web_sys::HtmlInputElement>,
    competency: &Competency,
    tool: Tool,
) -> Checked {
    let Some(input) = input else {
        return Checked::Failed(AppError::invalid(CKey::NoFile));
    };
    let bytes = match platform::chosen_file(&input).await {
        None => return Checked::Failed(AppError::invalid(CKey::NoFile)),
        Some(Err(error)) => return Checked::Failed(error),
        Some(Ok(bytes)) => bytes,
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Checked::Failed(AppError::invalid(CKey::NotText));
    };
    let records = match csv::read(&text, sheet::LIMITS) {
        Ok(records) => records,
        Err(error) => return Checked::Unreadable(error),
    };
    let file = input.value();
    let next = current_rows(competency, tool).map_or(1, |(version, _)| version + 1);
    let checked = match tool {
        Tool::Checklist => sheet::parse_checklist(&file, &records, next).map(Checked::Checklist),
        Tool::Test => sheet::parse_knowledge_test(&file, &records, next).map(Checked::Test),
    };
    checked.unwrap_or_else(Checked::Problems)
}

#[component]
fn SheetTools() -> impl IntoView {
    let i18n = use_i18n();
    let competencies = catalogue()
        .map(|c| c.competencies.clone())
        .unwrap_or_default();
    let chosen = RwSignal::new(competencies.first().map(|c| c.id.to_string()));
    let tool = RwSignal::new(Tool::Checklist);
    let checked = RwSignal::new(Checked::Nothing);
    let file = NodeRef::<leptos::html::Input>::new();
    let all = StoredValue::new(competencies);
    let competency = move || {
        let id = chosen.get()?;
        all.with_value(|all| all.iter().find(|c| c.id.as_str() == id).cloned())
    };
    let download = move |_| {
        let Some(competency) = competency() else {
            return;
        };
        let Some((version, rows)) = current_rows(&competency, tool.get_untracked()) else {
            return;
        };
        let name = format!(
            "{}-{}-v{version}.csv",
            competency.id,
            tool_slug(tool.get_untracked())
        );
        if let Err(error) = platform::download_text(&name, "text/csv", &to_csv(rows)) {
            checked.set(Checked::Failed(error));
        }
    };
    let run_check = move |_| {
        let Some(competency) = competency() else {
            return;
        };
        let input = file.get_untracked();
        let tool = tool.get_untracked();
        leptos::task::spawn_local(async move {
            checked.set(check(input, &competency, tool).await);
        });
    };
    let options = all.with_value(|all| {
        all.iter()
            .map(|c| {
                let id = c.id.to_string();
                let name = c.name.clone();
                view! { <option value=id>{move || crate::catalogue::text(i18n, &name)}</option> }
            })
            .collect_view()
    });
    let reset = move || checked.set(Checked::Nothing);
    view! {
        <section class="card-form" data-testid="catalogue-sheets">
            <p class="muted">{move || i18n.t(CKey::Intro)}</p>
            <label>
                {move || i18n.t(CKey::Competency)}
                <select data-testid="catalogue-competency"
                    on:change=move |ev| { chosen.set(Some(event_target_value(&ev))); reset(); }>
                    {options}
                </select>
            </label>
            <fieldset>
                <legend>{move || i18n.t(CKey::Tool)}</legend>
                <label class="choice">
                    <input type="radio" name="catalogue-tool" data-testid="tool-checklist"
                        prop:checked=move || tool.get() == Tool::Checklist
                        on:change=move |_| { tool.set(Tool::Checklist); reset(); } />
                    <span>{move || i18n.t(CKey::Checklist)}</span>
                </label>
                <label class="choice">
                    <input type="radio" name="catalogue-tool" data-testid="tool-test"
                        prop:checked=move || tool.get() == Tool::Test
                        on:change=move |_| { tool.set(Tool::Test); reset(); } />
                    <span>{move || i18n.t(CKey::Test)}</span>
                </label>
            </fieldset>
            <p data-testid="catalogue-current">
                {move || competency()
                    .and_then(|c| current_rows(&c, tool.get()))
                    .map(|(version, _)| fill(i18n.t(CKey::Current), &[("v", &version.to_string())]))}
            </p>
            <button type="button" class="secondary" data-testid="catalogue-download"
                on:click=download>{move || i18n.t(CKey::Download)}</button>
            <label>
                {move || i18n.t(CKey::File)}
                <input type="file" node_ref=file data-testid="catalogue-file" accept=".csv,text/csv"
                    on:change=move |_| reset() />
            </label>
            <div class="actions">
                <button type="button" data-testid="catalogue-check" on:click=run_check>
                    {move || i18n.t(CKey::Check)}
                </button>
            </div>
            {move || checked_view(checked.get())}
        </section>
    }
}

fn checked_view(checked: Checked) -> AnyView {
    let i18n = use_i18n();
    match checked {
        Checked::Nothing => ().into_any(),
        Checked::Failed(error) => {
            view! { <p class="notice error" role="alert">{error.message(i18n)}</p> }.into_any()
        }
        Checked::Unreadable(error) => view! {
            <p class="notice error" role="alert" data-testid="catalogue-problems">
                {i18n.t(CKey::Unreadable)} " " {csv_text(i18n, &error)}
            </p>
        }
        .into_any(),
        Checked::Problems(problems) => {
            let title = fill(
                i18n.t(CKey::ProblemsTitle),
                &[("n", &problems.len().to_string())],
            );
            view! {
                <div class="notice error" role="alert" data-testid="catalogue-problems">
                    <h2>{title}</h2>
                    <ul>
                        {problems.iter().map(|p| view! { <li>{problem_text(i18n, p)}</li> }).collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        }
        Checked::Checklist(checklist) => {
            let version = checklist.version;
            previewed(version, view! { <ChecklistPreview checklist /> }.into_any())
        }
        Checked::Test(test) => previewed(
            test.version,
            view! { <ol>{test.questions.into_iter().map(question_view).collect_view()}</ol> }
                .into_any(),
        ),
    }
}

/// A clean sheet: said so, then shown as version `version`.
fn previewed(version: u32, body: AnyView) -> AnyView {
    let i18n = use_i18n();
    let title = fill(i18n.t(CKey::PreviewTitle), &[("v", &version.to_string())]);
    view! {
        <div data-testid="catalogue-preview">
            <p class="notice ok" role="status">{i18n.t(CKey::Clean)}</p>
            <p class="muted">{i18n.t(CKey::NotPublished)}</p>
            <h2>{title}</h2>
            {body}
        </div>
    }
    .into_any()
}

/// A question with its options, the key marked in words.
fn question_view(question: mentora_shared::catalogue::Question) -> impl IntoView {
    let i18n = use_i18n();
    let answer = question.answer.clone();
    let explanation = question.explanation.clone().map(|text| {
        view! { <p class="muted">{move || i18n.t(CKey::Why)} ": " <CatalogueText text /></p> }
    });
    view! {
        <li>
            <p><CatalogueText text=question.text /></p>
            <ul>
                {question.options.into_iter().map(|option| {
                    let correct = option.id == answer;
                    view! {
                        <li>
                            <CatalogueText text=option.text />
                            {correct.then(|| view! { " " <strong>"✓ " {move || i18n.t(CKey::Correct)}</strong> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {explanation}
        </li>
    }
}
