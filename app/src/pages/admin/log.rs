//! The newest admin actions (who, when, what), as the server logged them.

use leptos::prelude::*;
use serde::Deserialize;

use super::users::{admin_call, parse_answer};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::session::use_session;

crate::i18n::keys!(LKey, "pages/admin/log");

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Action {
    at: i64,
    actor: String,
    action: String,
    detail: String,
}

/// `YYYY-MM-DD HH:MM` (UTC) of a unix time.
fn when(at: i64) -> String {
    let days = at.div_euclid(86_400);
    let minutes = at.rem_euclid(86_400) / 60;
    let date = mentora_shared::domain::Date::from_days_since_epoch(days);
    format!("{date} {:02}:{:02} UTC", minutes / 60, minutes % 60)
}

#[component]
pub fn AdminLog(version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let actions = RwSignal::new(None::<Result<Vec<Action>, AppError>>);
    Effect::new(move |_| {
        version.track();
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = admin_call("/api/admin/log", None, &token)
                .await
                .and_then(|text| parse_answer::<Vec<Action>>(&text));
            if let Err(error) = &result {
                error.log("admin log");
            }
            actions.set(Some(result));
        });
    });
    view! {
        <section class="card-form" aria-labelledby="admin-log-title">
            <h2 id="admin-log-title">{move || i18n.t(LKey::Title)}</h2>
            {move || match actions.get() {
                None => ().into_any(),
                Some(Err(reason)) => view! { <p class="notice error" role="alert">{reason.message(i18n)}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{i18n.t(LKey::Empty)}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="admin-log" data-testid="admin-log">
                        {list.into_iter().map(|a| view! {
                            <li><span class="muted">{when(a.at)}</span> " · " {a.actor} " · " <code>{a.action}</code> " · " {a.detail}</li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_read_as_utc_dates() {
        assert_eq!(super::when(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::when(1_796_601_600 + 3_660), "2026-12-07 01:01 UTC");
    }
}
