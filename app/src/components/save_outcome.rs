//! What became of the last save, shown under a form: "saved on this device" once durable, or
//! why not. The message belongs to the values that were saved, so it disappears as soon as the
//! person changes anything in the same form (typing the next mentee must not read as saved).
//!
//! One capturing `input`/`change` listener on the document serves every outcome on screen: it
//! finds the form the event came from and clears the outcomes inside it. Each outcome registers
//! its signal under an id written on its element, and removes it when unmounted.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::Closure;

use crate::i18n::{Key, use_i18n};

type Status = RwSignal<Option<Result<(), String>>>;

const ATTRIBUTE: &str = "data-save-outcome";

thread_local! {
    static OUTCOMES: RefCell<HashMap<u32, Status>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

#[component]
pub fn SaveOutcome(status: Status) -> impl IntoView {
    let i18n = use_i18n();
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1));
        id
    });
    OUTCOMES.with_borrow_mut(|outcomes| outcomes.insert(id, status));
    on_cleanup(move || {
        OUTCOMES.with_borrow_mut(|outcomes| outcomes.remove(&id));
    });
    listen_once();
    view! {
        <div class="save-outcome" data-save-outcome=id.to_string()>
            {move || {
                status.get().map(|s| match s {
                    Ok(()) => view! { <p class="notice ok" role="status">{i18n.t(Key::SavedOnDevice)}</p> }.into_any(),
                    Err(reason) => view! { <p class="notice error" role="alert">{i18n.t(Key::SaveFailed)} ": " {reason}</p> }.into_any(),
                })
            }}
        </div>
    }
}

fn listen_once() {
    if LISTENING.replace(true) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(clear_in_form);
    for name in ["input", "change"] {
        let _ignored = document.add_event_listener_with_callback_and_bool(
            name,
            handler.as_ref().unchecked_ref(),
            true,
        );
    }
    // One listener for the page's lifetime.
    handler.forget();
}

fn clear_in_form(event: web_sys::Event) {
    let Some(form) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("form").ok().flatten())
    else {
        return;
    };
    let Ok(found) = form.query_selector_all(&format!("[{ATTRIBUTE}]")) else {
        return;
    };
    for index in 0..found.length() {
        let id = found
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.get_attribute(ATTRIBUTE))
            .and_then(|id| id.parse::<u32>().ok());
        let status = id.and_then(|id| OUTCOMES.with_borrow(|outcomes| outcomes.get(&id).copied()));
        if let Some(status) = status
            && status.with_untracked(Option::is_some)
        {
            status.set(None);
        }
    }
}
