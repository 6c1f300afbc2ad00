//! The CHW group session screen's string sets; their texts are in `app/i18n/<lang>/pages/chw/keys.json`.

crate::i18n::keys!(ChwKey, "pages/chw/keys");

crate::i18n::counts!(ChwCount, "pages/chw/keys");
