//! The cascade screen's string set; its texts are in `app/i18n/<lang>/pages/cascade/keys.json`.

crate::i18n::keys!(CasKey, "pages/cascade/keys");
