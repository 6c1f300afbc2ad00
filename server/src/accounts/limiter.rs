//! Failed-login throttling per username, in memory: after [`MAX_FAILURES`] wrong passwords in
//! [`WINDOW`], further attempts for that username are refused until the window ends. Unknown
//! usernames count too, so probing for names costs the same as guessing passwords.

use std::collections::HashMap;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: u32 = 10;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Bound on remembered usernames, so a flood of made-up names cannot grow memory.
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: HashMap<String, (u32, Instant)>,
}

impl LoginLimiter {
    /// Whether another attempt for `username` may be checked now.
    pub fn allows(&mut self, username: &str, now: Instant) -> bool {
        match self.failures.get(username) {
            Some((n, since)) if now.duration_since(*since) < WINDOW => *n < MAX_FAILURES,
            Some(_) => {
                self.failures.remove(username);
                true
            }
            None => true,
        }
    }

    pub fn failed(&mut self, username: &str, now: Instant) {
        if self.failures.len() >= MAX_ENTRIES {
            self.failures
                .retain(|_, (_, since)| now.duration_since(*since) < WINDOW);
        }
        if self.failures.len() >= MAX_ENTRIES {
            return;
        }
        let entry = self.failures.entry(username.to_owned()).or_insert((0, now));
        if now.duration_since(entry.1) >= WINDOW {
            *entry = (0, now);
        }
        entry.0 += 1;
    }

    pub fn succeeded(&mut self, username: &str) {
        self.failures.remove(username);
    }
}
