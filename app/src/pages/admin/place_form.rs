//! Adding a place or changing one (name, level, parent) by hand: the form becomes a one-row
//! import, so the same checks apply (a code in use, a parent one level up, a place records were
//! made at may not move); it is previewed and, when clean, written at once.

use leptos::prelude::*;
use mentora_shared::setup::places::{KINDS, Plan, level_code};

use super::places::level_label;
use super::plan_view::problem_text;
use super::refusals::admin_error;
use super::users::parse_answer;
use crate::components::Busy;
use crate::i18n::use_i18n;
use crate::places::{Place, use_places};
use crate::platform;
use crate::session::use_session;

crate::i18n::keys!(FKey, "pages/admin/place_form");

/// The place being edited, or a new one (`None`).
pub type Editing = RwSignal<Option<Option<Place>>>;

/// One CSV line, quoting every value.
fn csv_row(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("\"{}\"", v.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(",")
}

#[derive(serde::Deserialize)]
struct Answer {
    plan: Plan,
}

#[component]
pub fn PlaceForm(editing: Editing) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let places = use_places();
    let start = editing.get_untracked().flatten();
    let is_new = start.is_none();
    let code = RwSignal::new(start.as_ref().map(|p| p.id.clone()).unwrap_or_default());
    let name = RwSignal::new(start.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let level = RwSignal::new(
        start
            .as_ref()
            .map_or_else(|| "health_centre".to_owned(), |p| p.level.clone()),
    );
    let parent = RwSignal::new(
        start
            .as_ref()
            .and_then(|p| p.parent_id.clone())
            .unwrap_or_default(),
    );
    let busy = Busy::new();
    let problems = RwSignal::new(Vec::<String>::new());
    let title = start.as_ref().map_or_else(
        || i18n.t(FKey::AddTitle).to_owned(),
        |p| i18n.t(FKey::EditTitle).replace("{name}", &p.name),
    );

    let send = move |token: String, text: String, apply: bool| async move {
        let body = serde_json::json!({ "format": "csv", "text": text, "apply": apply }).to_string();
        platform::request_detailed("/api/admin/places/import", Some(&body), &token)
            .await
            .map_err(|(error, detail)| admin_error(error, detail, FKey::Offline))
            .and_then(|text| parse_answer::<Answer>(&text))
            .inspect_err(|error| error.log("place form"))
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        let text = format!(
            "code,name,level,parent_code\n{}\n",
            csv_row(&[
                code.get_untracked().trim(),
                name.get_untracked().trim(),
                &level.get_untracked(),
                &parent.get_untracked(),
            ])
        );
        // A new place with a code in use would change that place instead.
        let taken = places.state.with_untracked(|s| {
            s.places()
                .iter()
                .find(|p| is_new && p.id == code.get_untracked().trim())
                .map(|p| p.name.clone())
        });
        if let Some(owner) = taken {
            let text = i18n
                .t(FKey::CodeTaken)
                .replace("{code}", code.get_untracked().trim())
                .replace("{name}", &owner);
            problems.set(vec![text]);
            return;
        }
        busy.run(async move {
            problems.set(Vec::new());
            // Preview first: a problem is shown as the form's, not as a refused file.
            let result = match send(token.clone(), text.clone(), false).await {
                Ok(answer) if !answer.plan.errors.is_empty() => Err(answer
                    .plan
                    .errors
                    .iter()
                    .map(|e| problem_text(i18n, &e.problem))
                    .collect()),
                Ok(answer) if answer.plan.is_noop() => {
                    Err(vec![i18n.t(FKey::Unchanged).to_owned()])
                }
                Ok(_) => send(token, text, true)
                    .await
                    .map_err(|e| vec![e.message(i18n)]),
                Err(reason) => Err(vec![reason.message(i18n)]),
            };
            match result {
                Ok(_) => {
                    places.refresh();
                    editing.set(None);
                }
                Err(list) => problems.set(list),
            }
        });
    };
    let parents = move || {
        let depth = |code: &str| -> u8 {
            match code {
                "country" => 0,
                "province" => 1,
                "district" => 2,
                _ => 3,
            }
        };
        let want = depth(&level.get()).checked_sub(1);
        places.state.with(|s| {
            let mut list: Vec<Place> = s
                .places()
                .iter()
                .filter(|p| Some(depth(&p.level)) == want)
                .cloned()
                .collect();
            list.sort_by(|a, b| a.name.cmp(&b.name));
            list
        })
    };
    view! {
        <form class="card-form" data-testid="place-form" on:submit=save>
            <h2>{title}</h2>
            <label>
                {move || i18n.t(FKey::Code)}
                <input type="text" required readonly=!is_new prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev)) />
            </label>
            <label>
                {move || i18n.t(FKey::Name)}
                <input type="text" required prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <label>
                {move || i18n.t(FKey::Level)}
                <select prop:value=move || level.get() on:change=move |ev| level.set(event_target_value(&ev))>
                    {KINDS.into_iter().map(|kind| {
                        let value = level_code(kind);
                        view! { <option value=value>{move || level_label(i18n, value)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>
                {move || i18n.t(FKey::Parent)}
                <select prop:value=move || parent.get() on:change=move |ev| parent.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t(FKey::NoParent)}</option>
                    {move || parents().into_iter().map(|p| view! { <option value=p.id.clone()>{p.name}</option> }).collect_view()}
                </select>
            </label>
            <div class="actions">
                <button type="submit" disabled=move || busy.get()>{move || i18n.t(FKey::Save)}</button>
                <button type="button" class="secondary" on:click=move |_| editing.set(None)>{move || i18n.t(FKey::Cancel)}</button>
            </div>
            {move || (!problems.get().is_empty()).then(|| view! {
                <ul class="notice error" role="alert">
                    {problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            })}
        </form>
    }
}
