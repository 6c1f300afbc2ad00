//! What the device keeps, in the clear, about a user's vault (`mentora.vault.<username>` in
//! `localStorage`), and the rule for wrong PINs. Nothing in it opens the data without the PIN or
//! the server's vault key.

use serde::{Deserialize, Serialize};

/// PBKDF2-SHA256 iterations for a PIN (OWASP's 2023 floor for PBKDF2-SHA256).
pub const PIN_ITERATIONS: u32 = 600_000;
/// Wrong PINs after which only a password sign-in (online) unlocks.
pub const PIN_TRIES: u32 = 5;
/// Wrong attempts (PINs, then passwords) after which the user's data here is erased.
pub const ERASE_AFTER: u32 = 10;
/// Minutes without use after which the app locks, unless the vault says otherwise.
pub const IDLE_LOCK_MINUTES: u32 = 10;
/// The shortest PIN accepted.
pub const PIN_MIN_DIGITS: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultRecord {
    /// PBKDF2 salt, hex.
    pub salt: String,
    pub iterations: u32,
    /// The data key sealed under the PIN-derived key, hex.
    pub pin_wrapped: String,
    /// The data key sealed under the server's vault key for this device, hex; missing on a
    /// device that set its PIN offline after an upgrade, until it next reaches the server.
    #[serde(default)]
    pub recovery_wrapped: Option<String>,
    /// Wrong PINs and passwords since the last unlock.
    #[serde(default)]
    pub wrong: u32,
    #[serde(default = "default_lock_minutes")]
    pub lock_minutes: u32,
}

fn default_lock_minutes() -> u32 {
    IDLE_LOCK_MINUTES
}

/// What the lock screen offers, from the count of wrong attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The PIN unlocks; `left` wrong PINs before only the password does.
    Pin { left: u32 },
    /// Only the password (online) unlocks; `left` wrong attempts before the data is erased.
    PasswordOnly { left: u32 },
    /// Erase the user's data on this device.
    Erase,
}

pub fn standing(wrong: u32) -> Standing {
    if wrong >= ERASE_AFTER {
        Standing::Erase
    } else if wrong >= PIN_TRIES {
        Standing::PasswordOnly {
            left: ERASE_AFTER - wrong,
        }
    } else {
        Standing::Pin {
            left: PIN_TRIES - wrong,
        }
    }
}

/// Why a PIN is not accepted when it is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    TooShort,
    NotDigits,
    Mismatch,
    /// All the same digit, or a run like 123456 / 654321.
    TooSimple,
}

pub fn check_new_pin(pin: &str, again: &str) -> Result<(), PinProblem> {
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinProblem::NotDigits);
    }
    if pin.len() < PIN_MIN_DIGITS {
        return Err(PinProblem::TooShort);
    }
    let digits: Vec<i16> = pin.bytes().map(|b| i16::from(b - b'0')).collect();
    let steps: Vec<i16> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    if steps.iter().all(|s| *s == 0)
        || steps.iter().all(|s| *s == 1)
        || steps.iter().all(|s| *s == -1)
    {
        return Err(PinProblem::TooSimple);
    }
    if pin != again {
        return Err(PinProblem::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_pins_need_the_password_and_ten_erase() {
        assert_eq!(standing(0), Standing::Pin { left: 5 });
        assert_eq!(standing(4), Standing::Pin { left: 1 });
        assert_eq!(standing(5), Standing::PasswordOnly { left: 5 });
        assert_eq!(standing(9), Standing::PasswordOnly { left: 1 });
        assert_eq!(standing(10), Standing::Erase);
        assert_eq!(standing(u32::MAX), Standing::Erase);
    }

    #[test]
    fn a_new_pin_is_six_digits_not_a_run_and_typed_twice() {
        assert_eq!(
            check_new_pin("worked", "worked"),
            Err(PinProblem::NotDigits)
        );
        assert_eq!(check_new_pin("48213", "48213"), Err(PinProblem::TooShort));
        for simple in ["000000", "123456", "987654", "1234567"] {
            assert_eq!(
                check_new_pin(simple, simple),
                Err(PinProblem::TooSimple),
                "{simple}"
            );
        }
        assert_eq!(check_new_pin("482913", "482914"), Err(PinProblem::Mismatch));
        assert_eq!(check_new_pin("482913", "482913"), Ok(()));
    }

    #[test]
    fn a_record_without_the_newer_fields_still_reads() {
        let json = r#"{"salt":"00","iterations":600000,"pin_wrapped":"ab"}"#;
        let record: VaultRecord = serde_json::from_str(json).expect("parses");
        assert_eq!((record.wrong, record.lock_minutes), (0, IDLE_LOCK_MINUTES));
        assert_eq!(record.recovery_wrapped, None);
    }
}
