//! The visit screens' strings, and the labels of visit states, activity kinds and months.

use mentora_shared::documents::visit::{
    ActivityError, ActivityKind, PlanError, Standing, VisitState,
};

crate::i18n::keys!(VKey, "pages/visits/keys");

pub fn state_key(state: VisitState) -> VKey {
    match state {
        VisitState::Planned => VKey::StatePlanned,
        VisitState::InProgress => VKey::StateInProgress,
        VisitState::Done => VKey::StateDone,
        VisitState::Cancelled => VKey::StateCancelled,
    }
}

pub fn kind_key(kind: ActivityKind) -> VKey {
    match kind {
        ActivityKind::EntryMeeting => VKey::KindEntryMeeting,
        ActivityKind::DataReview => VKey::KindDataReview,
        ActivityKind::LdhfSimulation => VKey::KindLdhf,
        ActivityKind::CaseObservation => VKey::KindCaseObservation,
        ActivityKind::WardRound => VKey::KindWardRound,
        ActivityKind::Debrief => VKey::KindDebrief,
    }
}

pub fn standing_key(standing: Standing) -> VKey {
    match standing {
        Standing::Met => VKey::Met,
        Standing::OnTrack => VKey::OnTrack,
        Standing::Below => VKey::Below,
    }
}

pub fn plan_error_key(err: PlanError) -> VKey {
    match err {
        PlanError::BadStart => VKey::ErrBadStart,
        PlanError::BadEnd => VKey::ErrBadEnd,
        PlanError::EndBeforeStart => VKey::ErrEndBeforeStart,
        PlanError::TooManyDays => VKey::ErrTooManyDays,
        PlanError::NoMentor => VKey::ErrNoMentor,
        PlanError::TooManyMentors => VKey::ErrTooManyMentors,
        PlanError::TooLong => VKey::ErrTooLong,
    }
}

pub fn activity_error_key(err: ActivityError) -> VKey {
    match err {
        ActivityError::BadDate => VKey::ErrBadDate,
        ActivityError::BadTime => VKey::ErrBadTime,
        ActivityError::EmptyTopic => VKey::ErrEmptyTopic,
        ActivityError::BadParticipants => VKey::ErrParticipants,
        ActivityError::NoMentee => VKey::ErrNoMentee,
        ActivityError::TooLong => VKey::ErrTooLong,
    }
}

/// The month's name (1 = January); an impossible month is clamped into range rather than
/// failing, since the value may come from another device's document.
pub fn month_key(month: u8) -> VKey {
    const MONTHS: [VKey; 12] = [
        VKey::Jan,
        VKey::Feb,
        VKey::Mar,
        VKey::Apr,
        VKey::May,
        VKey::Jun,
        VKey::Jul,
        VKey::Aug,
        VKey::Sep,
        VKey::Oct,
        VKey::Nov,
        VKey::Dec,
    ];
    MONTHS[usize::from(month.clamp(1, 12) - 1)]
}

crate::i18n::counts!(VCount, "pages/visits/keys");
