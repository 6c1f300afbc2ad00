//! The Tutorat cycle screens' strings.

use mentora_shared::documents::qi::InputError;
use mentora_shared::documents::tutorat::{StepError, StepStatus};
use mentora_shared::domain::tutorat::{TutoratError, TutoratStep};

crate::i18n::keys!(TKey, "pages/tutorat/keys");

pub fn step_key(step: TutoratStep) -> TKey {
    match step {
        TutoratStep::SituationalAnalysis => TKey::SituationalAnalysis,
        TutoratStep::ThreeDayTraining => TKey::ThreeDayTraining,
        TutoratStep::CoachingWeek => TKey::CoachingWeek,
        TutoratStep::StakeholderMeeting => TKey::StakeholderMeeting,
        TutoratStep::SecondVisit => TKey::SecondVisit,
        TutoratStep::DebriefAndHandover => TKey::DebriefAndHandover,
    }
}

/// A status in words, with a symbol that only helps.
pub fn status_parts(status: StepStatus) -> (&'static str, TKey) {
    match status {
        StepStatus::NotStarted => ("○", TKey::NotStarted),
        StepStatus::InProgress => ("◐", TKey::InProgress),
        StepStatus::Done => ("✓", TKey::Done),
    }
}

pub fn error_key(err: StepError) -> TKey {
    let text = |e: InputError, empty: TKey| match e {
        InputError::Empty => empty,
        InputError::TooLong => TKey::ErrTooLong,
    };
    match err {
        StepError::DoneWithoutDate => TKey::ErrNoDate,
        StepError::DoneInFuture => TKey::ErrFuture,
        StepError::LaterStepsDone => TKey::ErrReopen,
        StepError::Order(TutoratError::OutOfOrder { .. }) => TKey::ErrOrder,
        StepError::Order(TutoratError::DatedBeforePrevious { .. }) => TKey::ErrDatedBefore,
        StepError::Order(TutoratError::AlreadyComplete) => TKey::ErrComplete,
        StepError::Notes(e) => text(e, TKey::ErrTooLong),
        StepError::HandoverTooEarly => TKey::ErrTooEarly,
        StepError::HandoverBeforeDebrief => TKey::ErrBeforeDebrief,
        StepError::HandoverInFuture => TKey::ErrHandoverFuture,
        StepError::ReceivedBy(e) => text(e, TKey::ErrReceivedBy),
    }
}
