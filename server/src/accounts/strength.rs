//! Password rules for passwords an administrator types (`user add`, `user passwd`): at least
//! [`MIN_CHARS`] characters, not the username, not one repeated character and not one of a
//! short list of the most guessed passwords (English and French, and this project's published
//! demo password). The demo seed does not go through this check: its password is public on
//! purpose, and `serve` warns while a demo account still has it.

use super::{AccountError, Password};

pub const MIN_CHARS: usize = 10;

/// Compared case-insensitively. Short on purpose: the length rule does most of the work.
const COMMON: &[&str] = &[
    "password123",
    "password1234",
    "passw0rd123",
    "password12",
    "1234567890",
    "0123456789",
    "12345678910",
    "123456789a",
    "1q2w3e4r5t",
    "qwertyuiop",
    "qwerty1234",
    "qwerty12345",
    "azertyuiop",
    "azerty1234",
    "iloveyou12",
    "welcome123",
    "letmein123",
    "changeme123",
    "admin12345",
    "administrator",
    "motdepasse",
    "motdepasse1",
    "motdepasse123",
    "bonjour123",
    "soleil1234",
    "mentora123",
    "mentora1234",
    "mentora-demo",
];

/// Why a password typed by an administrator is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Weakness {
    #[error("password must be at least {} characters", MIN_CHARS)]
    TooShort,
    #[error("password must not be the username")]
    Username,
    #[error("password must not be one repeated character")]
    Repeated,
    #[error("password is too common; choose another")]
    Common,
}

/// Whether `password` may be set for `username` by an administrator.
pub fn check(username: &str, password: &Password) -> Result<(), AccountError> {
    let text = password.0.as_str();
    if text.chars().count() < MIN_CHARS {
        return Err(AccountError::TooWeak(Weakness::TooShort));
    }
    let lower = text.to_lowercase();
    if lower == username.to_lowercase() {
        return Err(AccountError::TooWeak(Weakness::Username));
    }
    let mut chars = text.chars();
    let first = chars.next();
    if chars.all(|c| Some(c) == first) {
        return Err(AccountError::TooWeak(Weakness::Repeated));
    }
    if COMMON.contains(&lower.as_str()) {
        return Err(AccountError::TooWeak(Weakness::Common));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_case(password: &str, ok: bool) {
        assert_eq!(
            check("amina", &Password(password.to_owned())).is_ok(),
            ok,
            "{password}"
        );
    }

    #[test]
    fn rules() {
        check_case("short-one", false);
        check_case("Password123", false);
        check_case("MENTORA-DEMO", false);
        check_case("aaaaaaaaaaaa", false);
        check_case("amina-secret", true);
        check_case("ten-chars!", true);
        check_case("dix-caractères", true);
    }
}
