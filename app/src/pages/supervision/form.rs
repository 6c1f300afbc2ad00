//! The "Record a supervision visit" form, kept as a draft while it is filled in (issues
//! included), so a visit typed over an afternoon survives the tablet closing the app.

use leptos::prelude::*;
use mentora_shared::documents::qi;
use mentora_shared::documents::supervision::{self, Issue, Supervision};
use mentora_shared::domain::Date;
use serde::{Deserialize, Serialize};

use super::keys::{SKey, error_key};
use crate::components::SaveOutcome;
use crate::components::{FormDraft, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::places::Place;
use crate::platform;
use crate::records;
use crate::session::use_session;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct IssueDraft {
    issue: String,
    solution: String,
    responsible: String,
    due: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct SupervisionDraft {
    /// Empty means today.
    date: String,
    team: String,
    progress: String,
    mentors: String,
    notes: String,
    issues: Vec<IssueDraft>,
}

/// Parses a date field.
fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text.trim()).ok()
}

/// The typed visit, or the invalid field and its message.
fn typed(
    d: &SupervisionDraft,
    place: &Place,
    today: Date,
    recorded_by: String,
    now_ms: u64,
) -> Result<Supervision, (String, SKey)> {
    let date = if d.date.trim().is_empty() {
        today
    } else {
        parse_date(&d.date).ok_or(("sup-date".to_owned(), SKey::ErrDate))?
    };
    let mut issues = Vec::new();
    for (i, row) in d.issues.iter().enumerate() {
        let due = parse_date(&row.due).ok_or((format!("sup-issue-{i}-due"), SKey::ErrDue))?;
        // The keys are unique within this new document by time and row; the random bytes only
        // help, so a browser without a secure source still saves.
        let [a, b, c, e, f, g, h, j, ..] = platform::random_16().unwrap_or_default();
        // Offset by the row's place so the issues keep the order they were typed in.
        let key = qi::entry_key(now_ms + i as u64, [a, b, c, e, f, g, h, j]);
        let issue = Issue {
            issue: row.issue.clone(),
            solution: row.solution.clone(),
            responsible: row.responsible.clone(),
            due,
        };
        issues.push((key, issue));
    }
    Ok(Supervision {
        facility: place.id.clone(),
        date,
        team: d.team.clone(),
        progress: d.progress.clone(),
        mentors: d.mentors.clone(),
        notes: d.notes.clone(),
        recorded_by,
        issues,
    })
}

#[component]
pub fn RecordSupervision(place: Place) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let draft = FormDraft::<SupervisionDraft>::new("supervision", place.id.clone());
    let error = RwSignal::new(None::<(String, SKey)>);
    let saving = Saving::new();
    let status = saving.status;
    let today = platform::today();
    let invalid = move |field: &str| {
        error
            .with(|e| e.as_ref().is_some_and(|(f, _)| f == field))
            .to_string()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let recorded_by = session
            .0
            .get_untracked()
            .map(|s| s.user.shown_name().to_owned())
            .unwrap_or_default();
        let fields = draft.value.get_untracked();
        let record = match typed(&fields, &place, today, recorded_by, platform::now_ms())
            .and_then(|v| supervision::clean(v, platform::today()).map_err(error_key))
        {
            Ok(record) => record,
            Err(err) => return error.set(Some(err)),
        };
        error.set(None);
        let header = match records::facility_header(
            supervision::KIND,
            supervision::SCHEMA_VERSION,
            &place,
        ) {
            Ok(header) => header,
            Err(reason) => return saving.refuse(reason),
        };
        saving.run(
            engine::create(sync, header, move |doc| {
                supervision::write_new(doc, &record).map_err(AppError::from)
            }),
            move |_| draft.clear(),
        );
    };
    let text_field = move |id: &'static str,
                           key: SKey,
                           hint: Option<SKey>,
                           get: fn(&SupervisionDraft) -> String,
                           set: fn(&mut SupervisionDraft, String)| {
        let hint_id = hint.map(|_| format!("{id}-hint"));
        view! {
            <label for=id>{move || i18n.t(key)}</label>
            {hint.map(|hint| view! { <p class="notice" id=format!("{id}-hint")>{move || i18n.t(hint)}</p> })}
            <textarea id=id rows="3" aria-invalid=move || invalid(id) aria-describedby=hint_id
                prop:value=move || draft.get(get)
                on:input=move |ev| draft.set(|d| set(d, event_target_value(&ev)))></textarea>
        }
    };
    let issue_count = Memo::new(move |_| draft.get(|d| d.issues.len()));
    view! {
        <form class="form card-form" on:submit=submit data-testid="record-supervision">
            <h2>{move || i18n.t(SKey::Record)}</h2>
            <label for="sup-date">{move || i18n.t(SKey::Date)}</label>
            <input id="sup-date" type="date" max=today.to_string() aria-invalid=move || invalid("sup-date")
                prop:value=move || draft.get(|d| if d.date.is_empty() { today.to_string() } else { d.date.clone() })
                on:input=move |ev| draft.set(|d| d.date = event_target_value(&ev)) />
            {text_field("sup-team", SKey::Team, None, |d| d.team.clone(), |d, v| d.team = v)}
            {text_field("sup-progress", SKey::Progress, Some(SKey::ProgressHint), |d| d.progress.clone(), |d, v| d.progress = v)}
            {text_field("sup-mentors", SKey::Mentors, None, |d| d.mentors.clone(), |d, v| d.mentors = v)}
            <fieldset class="supervision-issues-form">
                <legend>{move || i18n.t(SKey::Issues)}</legend>
                {move || (0..issue_count.get()).map(|i| view! { <IssueRow i draft invalid /> }).collect_view()}
                <button type="button" class="secondary"
                    on:click=move |_| draft.set(|d| d.issues.push(IssueDraft::default()))>
                    {move || i18n.t(SKey::AddIssue)}
                </button>
            </fieldset>
            {text_field("sup-notes", SKey::Notes, None, |d| d.notes.clone(), |d, v| d.notes = v)}
            {move || error.get().map(|(_, key)| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, SKey::Save)}
            </button>
        </form>
    }
}

/// One issue's four fields, numbered, with a way to remove it.
#[component]
fn IssueRow(
    i: usize,
    draft: FormDraft<SupervisionDraft>,
    invalid: impl Fn(&str) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |part: &'static str, key: SKey, kind: &'static str| {
        let id = format!("sup-issue-{i}-{part}");
        let check = id.clone();
        let get = move |d: &SupervisionDraft| {
            d.issues.get(i).map_or_else(String::new, |row| match part {
                "issue" => row.issue.clone(),
                "solution" => row.solution.clone(),
                "responsible" => row.responsible.clone(),
                _ => row.due.clone(),
            })
        };
        let set = move |d: &mut SupervisionDraft, value: String| {
            if let Some(row) = d.issues.get_mut(i) {
                match part {
                    "issue" => row.issue = value,
                    "solution" => row.solution = value,
                    "responsible" => row.responsible = value,
                    _ => row.due = value,
                }
            }
        };
        view! {
            <label for=id.clone()>{move || i18n.t(key)}</label>
            <input id=id type=kind aria-invalid=move || invalid(&check)
                prop:value=move || draft.get(get)
                on:input=move |ev| draft.set(|d| set(d, event_target_value(&ev))) />
        }
    };
    view! {
        <div class="supervision-issue" data-testid=format!("issue-{i}")>
            <h3>{move || i18n.t(SKey::IssueN)} " " {i + 1}</h3>
            {field("issue", SKey::Issue, "text")}
            {field("solution", SKey::Solution, "text")}
            {field("responsible", SKey::Responsible, "text")}
            {field("due", SKey::Due, "date")}
            <button type="button" class="secondary"
                on:click=move |_| draft.set(|d| { if i < d.issues.len() { d.issues.remove(i); } })>
                {move || i18n.t(SKey::RemoveIssue)} " " {i + 1}
            </button>
        </div>
    }
}
