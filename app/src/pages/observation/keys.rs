//! The observation screen's string sets; their texts are in `app/i18n/<lang>/pages/observation/keys.json`.

crate::i18n::keys!(ObsKey, "pages/observation/keys");

crate::i18n::counts!(ObsCount, "pages/observation/keys");
