//! The quarterly coordination pack's texts.

crate::i18n::keys!(QKey, "pages/dashboard/quarter/keys");
