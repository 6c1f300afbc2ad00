//! What became of the last save, shown under a form: "saved on this device" once durable, or
//! why not. The message belongs to the values that were saved, so it disappears as soon as the
//! person changes anything in the same form (typing the next mentee must not read as saved).
//!
//! The same holds while a save is in flight: a "saved" that arrives after the form was changed
//! since its submit belongs to values no longer shown, so it is not shown (the Save button is
//! enabled again and saves the new values).
//!
//! One capturing `input`/`change` listener and one `submit` listener on the document serve every
//! outcome on screen: each finds the form the event came from and marks the outcomes inside it
//! (edited, or submitted, at a sequence number), and an edit clears them. Each outcome registers
//! its signal under an id written on its element, and removes it when unmounted.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::Closure;

use crate::i18n::{Key, use_i18n};

type Status = crate::components::SaveStatus;

const ATTRIBUTE: &str = "data-save-outcome";

/// When an outcome's form was last edited and last submitted (a page-wide sequence).
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    edited: u64,
    submitted: Option<u64>,
}

impl Marks {
    /// A success is stale when the form was edited after its last submit. Forms saved by a
    /// plain button (no submit event) are never judged stale.
    fn stale(self) -> bool {
        self.submitted.is_some_and(|at| self.edited > at)
    }
}

thread_local! {
    static OUTCOMES: RefCell<HashMap<u32, Status>> = RefCell::new(HashMap::new());
    static MARKS: RefCell<HashMap<u32, Marks>> = RefCell::new(HashMap::new());
    static SEQ: Cell<u64> = const { Cell::new(0) };
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
        MARKS.with_borrow_mut(|marks| marks.remove(&id));
    });
    listen_once();
    view! {
        <div class="save-outcome" data-save-outcome=id.to_string()>
            {move || {
                let stale = MARKS.with_borrow(|marks| marks.get(&id).is_some_and(|m| m.stale()));
                status.get().and_then(|s| match s {
                    Ok(()) if stale => None,
                    Ok(()) => Some(view! { <p class="notice ok" role="status">{i18n.t(Key::SavedOnDevice)}</p> }.into_any()),
                    Err(reason) => Some(view! { <p class="notice error" role="alert">{move || i18n.t(Key::SaveFailed)} ": " {move || reason.message(i18n)}</p> }.into_any()),
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
    let edited = Closure::<dyn Fn(web_sys::Event)>::new(|event| {
        for (id, status) in outcomes_in_form(&event) {
            mark(id, |m| m.edited = next_seq());
            if let Some(status) = status
                && status.with_untracked(Option::is_some)
            {
                status.set(None);
            }
        }
    });
    let submitted = Closure::<dyn Fn(web_sys::Event)>::new(|event| {
        for (id, _) in outcomes_in_form(&event) {
            mark(id, |m| m.submitted = Some(next_seq()));
        }
    });
    for (name, handler) in [
        ("input", &edited),
        ("change", &edited),
        ("submit", &submitted),
    ] {
        let _ignored = document.add_event_listener_with_callback_and_bool(
            name,
            handler.as_ref().unchecked_ref(),
            true,
        );
    }
    // One pair of listeners for the page's lifetime.
    edited.forget();
    submitted.forget();
}

fn next_seq() -> u64 {
    let seq = SEQ.get().wrapping_add(1);
    SEQ.set(seq);
    seq
}

fn mark(id: u32, change: impl FnOnce(&mut Marks)) {
    MARKS.with_borrow_mut(|marks| change(marks.entry(id).or_default()));
}

/// The outcomes inside the form `event` came from, with their status signals.
fn outcomes_in_form(event: &web_sys::Event) -> Vec<(u32, Option<Status>)> {
    let Some(form) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("form").ok().flatten())
    else {
        return Vec::new();
    };
    let Ok(found) = form.query_selector_all(&format!("[{ATTRIBUTE}]")) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|index| {
            found
                .item(index)
                .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute(ATTRIBUTE))
                .and_then(|id| id.parse::<u32>().ok())
        })
        .map(|id| {
            (
                id,
                OUTCOMES.with_borrow(|outcomes| outcomes.get(&id).copied()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Marks;

    #[test]
    fn a_success_is_stale_only_when_edited_after_its_submit() {
        let marks = |edited, submitted| Marks { edited, submitted };
        assert!(!marks(1, Some(2)).stale(), "typed, then saved");
        assert!(marks(3, Some(2)).stale(), "typed again while saving");
        assert!(
            !marks(3, None).stale(),
            "saved by a plain button: never judged"
        );
        assert!(!marks(0, None).stale());
    }
}
