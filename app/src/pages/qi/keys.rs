//! The QI screens' strings, and the labels of cause groups and action statuses.

use mentora_shared::documents::qi::{ActionStatus, CauseGroup, InputError};

crate::i18n::keys!(QKey, "pages/qi/keys");

pub fn group_key(group: CauseGroup) -> QKey {
    match group {
        CauseGroup::People => QKey::GroupPeople,
        CauseGroup::Equipment => QKey::GroupEquipment,
        CauseGroup::Process => QKey::GroupProcess,
        CauseGroup::Supplies => QKey::GroupSupplies,
        CauseGroup::Other => QKey::GroupOther,
    }
}

pub fn group_code(group: CauseGroup) -> &'static str {
    match group {
        CauseGroup::People => "people",
        CauseGroup::Equipment => "equipment",
        CauseGroup::Process => "process",
        CauseGroup::Supplies => "supplies",
        CauseGroup::Other => "other",
    }
}

pub fn status_key(status: ActionStatus) -> QKey {
    match status {
        ActionStatus::NotStarted => QKey::NotStarted,
        ActionStatus::InProgress => QKey::InProgress,
        ActionStatus::Done => QKey::Done,
    }
}

/// The symbol beside a status word, so status never rests on colour alone.
pub fn status_symbol(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "○",
        ActionStatus::InProgress => "◐",
        ActionStatus::Done => "✓",
    }
}

pub fn status_code(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "not_started",
        ActionStatus::InProgress => "in_progress",
        ActionStatus::Done => "done",
    }
}

pub fn input_key(err: InputError) -> QKey {
    match err {
        InputError::Empty => QKey::ErrEmpty,
        InputError::TooLong => QKey::ErrTooLong,
    }
}

crate::i18n::counts!(QCount, "pages/qi/keys");
