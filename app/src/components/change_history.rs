//! "History of changes" of one record (mentee, visit, QI project, comment): every change in
//! the document's Automerge history, newest first, with who made it (the device's user, from
//! the directory), when, and what changed in words (`documents::audit`). Computed only while
//! open. Supervisors and admins can download it as CSV for an audit.

use leptos::prelude::*;
use mentora_shared::documents::audit::{self, ChangeEntry, EditAction};
use mentora_shared::reports::to_csv;
use mentora_shared::sync::DocId;

use crate::directory::{self, Directory};
use crate::engine::{self, use_sync};
use crate::i18n::{I18n, use_i18n};
use crate::platform::{self, use_connectivity};
use crate::session::use_session;

crate::i18n::keys!(HKey, "components/change_history");

fn field_key(field: &str) -> Option<HKey> {
    Some(match field {
        "name" => HKey::Name,
        "phone" => HKey::Phone,
        "cadre" => HKey::Cadre,
        "facility" => HKey::Facility,
        "association" => HKey::Association,
        "competencies" => HKey::Competencies,
        "assessments" => HKey::Assessments,
        "validations" => HKey::Validations,
        "coaching" => HKey::Coaching,
        "merged_into" => HKey::MergedInto,
        "plan" => HKey::Plan,
        "state" | "status" => HKey::State,
        "activities" => HKey::Activities,
        "deleted" => HKey::Deleted,
        "gap" => HKey::Gap,
        "causes" => HKey::Causes,
        "solutions" => HKey::Solutions,
        "actions" => HKey::Actions,
        "text" => HKey::Text,
        "acknowledgements" => HKey::Acknowledgements,
        _ => return None,
    })
}

/// What one change did, in words: "phone: changed; assessment: added".
fn what(i18n: I18n, change: &ChangeEntry) -> String {
    if change.created {
        return i18n.t(HKey::Created).to_owned();
    }
    let words: Vec<String> = change
        .edits
        .iter()
        .map(|edit| {
            let label = field_key(&edit.field)
                .map_or_else(|| edit.field.replace('_', " "), |k| i18n.t(k).to_owned());
            if matches!(edit.field.as_str(), "deleted" | "merged_into") {
                return label;
            }
            let verb = match edit.action {
                EditAction::Added => HKey::Added,
                EditAction::Changed => HKey::Changed,
                EditAction::Removed => HKey::Removed,
            };
            format!("{label}: {}", i18n.t(verb))
        })
        .collect();
    if words.is_empty() {
        i18n.t(HKey::NoChange).to_owned()
    } else {
        words.join("; ")
    }
}

/// Who made a change: the directory's display name, or the device's short id.
fn who(i18n: I18n, directory: &Directory, actor: &str) -> (String, String) {
    match directory.get(actor) {
        Some(p) => (p.display_name.clone(), p.username.clone()),
        None => (
            format!("{} {}", i18n.t(HKey::OtherDevice), short(actor)),
            String::new(),
        ),
    }
}

fn short(actor: &str) -> &str {
    actor.get(..8).unwrap_or(actor)
}

fn local_time(i18n: I18n, secs: i64) -> String {
    if secs == 0 {
        return i18n.t(HKey::UnknownTime).to_owned();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(secs as f64 * 1000.0));
    String::from(date.to_locale_string(i18n.lang().code(), &wasm_bindgen::JsValue::UNDEFINED))
}

fn utc_time(secs: i64) -> String {
    if secs == 0 {
        return String::new();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(secs as f64 * 1000.0));
    String::from(date.to_iso_string())
}

fn csv(i18n: I18n, directory: &Directory, changes: &[ChangeEntry]) -> String {
    let header = [
        HKey::Time,
        HKey::Person,
        HKey::Username,
        HKey::Device,
        HKey::What,
    ]
    .map(|k| i18n.t(k).to_owned())
    .to_vec();
    let rows = changes.iter().map(|c| {
        let (name, username) = who(i18n, directory, &c.actor);
        vec![
            utc_time(c.time),
            name,
            username,
            short(&c.actor).to_owned(),
            what(i18n, c),
        ]
    });
    to_csv(std::iter::once(header).chain(rows))
}

#[component]
pub fn ChangeHistory(doc: DocId, label: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let online = use_connectivity();
    let open = RwSignal::new(false);
    let username = move || {
        session
            .0
            .with(|s| s.as_ref().map(|s| s.user.username.clone()))
    };
    let directory = RwSignal::new(
        username()
            .map(|u| directory::cached(&u))
            .unwrap_or_default(),
    );
    let may_export = move || {
        session.0.with(|s| {
            s.as_ref()
                .is_some_and(|s| crate::capabilities::reviews(&s.user))
        })
    };
    // Each opening online asks the server who the devices are (a colleague's new tablet).
    let refresh = move || {
        let Some(current) = session.0.get_untracked() else {
            return;
        };
        if !online.is_online() && !platform::is_online() {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Some(fresh) = directory::refresh(&current).await {
                directory.set(fresh);
            }
        });
    };
    let changes = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        sync.revision.track();
        let mut changes = engine::read_one(doc, |_, d| audit::history(d)).unwrap_or_default();
        changes.reverse();
        changes
    });
    let failed = RwSignal::new(false);
    let download = move |_| {
        let mut oldest_first = changes.get_untracked();
        oldest_first.reverse();
        let text = directory.with_untracked(|d| csv(i18n, d, &oldest_first));
        let id = doc.to_string();
        let name = format!(
            "mentora-history-{label}-{}-{}.csv",
            id.get(..8).unwrap_or(&id),
            platform::today()
        );
        failed.set(platform::download_text(&name, "text/csv;charset=utf-8", &text).is_err());
    };
    view! {
        <details class="card-form change-history" data-testid="change-history"
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast as _;
                let opened = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|d| d.has_attribute("open"));
                open.set(opened);
                if opened {
                    refresh();
                }
            }>
            <summary>{move || i18n.t(HKey::Title)}</summary>
            <ol class="changes">
                {move || directory.with(|dir| changes.get().into_iter().map(|c| {
                    let (name, username) = who(i18n, dir, &c.actor);
                    let at = local_time(i18n, c.time);
                    let text = what(i18n, &c);
                    view! {
                        <li data-kind="change">
                            <span class="muted">{at}</span> " · "
                            <strong>{name}</strong>
                            {(!username.is_empty()).then(|| format!(" ({username})"))}
                            " · " {text}
                        </li>
                    }
                }).collect_view())}
            </ol>
            <Show when=may_export>
                <button type="button" on:click=download>{move || i18n.t(HKey::Download)}</button>
            </Show>
            <Show when=move || failed.get()>
                <p class="notice error" role="alert">{move || i18n.t(HKey::DownloadFailed)}</p>
            </Show>
        </details>
    }
}
