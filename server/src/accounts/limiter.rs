//! Failed-login throttling, in memory, per username and per client address. On PostgreSQL,
//! where several processes serve one database, the same rules run on a table instead
//! (`shared.rs`), so guesses spread over the processes are counted together.
//!
//! An attempt is *reserved* — counted as a failure — before the slow password check, so parallel
//! guesses cannot all slip through while the first ones are still hashing; a success gives the
//! reservation back. The first [`MAX_FAILURES`] failures of a username (and [`MAX_ADDRESS_FAILURES`]
//! of an address) are free; after that each attempt must wait [`FIRST_DELAY`], doubling up to
//! [`MAX_DELAY`], since the previous one: guessing slows to a crawl, and the real user is never
//! locked out for good. A record is forgotten [`FORGET_AFTER`] its last attempt.
//!
//! Memory is bounded: each table holds at most `capacity` records (default [`TABLE_SIZE`]).
//! When a table is full, the record with the fewest failures (oldest first) is dropped, but
//! never one that is already being delayed: a flood of made-up usernames cannot push a
//! throttled user out to reset their count. If every record is being delayed, the new attempt
//! is refused until records age out. Unknown usernames are counted like real ones, so probing
//! for names costs the same as guessing passwords.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Free failures per username.
pub const MAX_FAILURES: u32 = 5;
/// Free failures per client address (one clinic behind one address holds several users).
pub const MAX_ADDRESS_FAILURES: u32 = 20;
pub const FIRST_DELAY: Duration = Duration::from_secs(30);
pub const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
pub const FORGET_AFTER: Duration = Duration::from_secs(24 * 60 * 60);
/// Records per table.
pub const TABLE_SIZE: usize = 4096;

/// How long a key with `failures` (of which `free` are free) must still wait, `since` its last
/// attempt; the one rule of both tables here and of the shared ones (`shared.rs`).
pub(crate) fn wait_left(failures: u32, free: u32, since: Duration) -> Option<Duration> {
    let over = failures.checked_sub(free)?;
    let delay = FIRST_DELAY
        .checked_mul(2u32.saturating_pow(over.min(16)))
        .map_or(MAX_DELAY, |d| d.min(MAX_DELAY));
    delay.checked_sub(since).filter(|d| !d.is_zero())
}

#[derive(Debug, Clone, Copy)]
struct Record {
    failures: u32,
    last: Instant,
}

impl Record {
    /// How long until another attempt may be made, if it must wait.
    fn wait(&self, free: u32, now: Instant) -> Option<Duration> {
        wait_left(
            self.failures,
            free,
            now.saturating_duration_since(self.last),
        )
    }

    fn forgotten(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last) >= FORGET_AFTER
    }
}

#[derive(Debug)]
struct Table<K> {
    records: HashMap<K, Record>,
    capacity: usize,
    free: u32,
}

impl<K: Hash + Eq + Clone> Table<K> {
    fn new(capacity: usize, free: u32) -> Self {
        Self {
            records: HashMap::new(),
            capacity: capacity.max(1),
            free,
        }
    }

    fn wait(&mut self, key: &K, now: Instant) -> Option<Duration> {
        let record = *self.records.get(key)?;
        if record.forgotten(now) {
            self.records.remove(key);
            return None;
        }
        record.wait(self.free, now)
    }

    /// Whether a record for `key` exists or can be made without dropping a delayed one.
    fn has_room(&mut self, key: &K, now: Instant) -> bool {
        if self.records.contains_key(key) || self.records.len() < self.capacity {
            return true;
        }
        self.records.retain(|_, r| !r.forgotten(now));
        if self.records.len() < self.capacity {
            return true;
        }
        let lightest = self
            .records
            .iter()
            .filter(|(_, r)| r.failures < self.free)
            .min_by_key(|(_, r)| (r.failures, r.last))
            .map(|(k, _)| k.clone());
        match lightest {
            Some(victim) => {
                self.records.remove(&victim);
                true
            }
            None => false,
        }
    }

    fn reserve(&mut self, key: K, now: Instant) {
        let record = self.records.entry(key).or_insert(Record {
            failures: 0,
            last: now,
        });
        record.failures = record.failures.saturating_add(1);
        record.last = now;
    }

    fn give_back(&mut self, key: &K) {
        if let Some(record) = self.records.get_mut(key) {
            record.failures = record.failures.saturating_sub(1);
            if record.failures == 0 {
                self.records.remove(key);
            }
        }
    }
}

/// A reserved attempt; pass it back to [`LoginLimiter::succeeded`] when the password was right.
#[derive(Debug)]
pub struct Attempt {
    pub(crate) username: String,
    /// Already keyed ([`address_key`]).
    pub(crate) address: Option<IpAddr>,
}

#[derive(Debug)]
pub struct LoginLimiter {
    users: Table<String>,
    addresses: Table<IpAddr>,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        Self::with_capacity(TABLE_SIZE)
    }
}

/// Tables are keyed by what an attacker cannot vary cheaply: an IPv6 client by its /64.
pub(crate) fn address_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
        v4 @ IpAddr::V4(_) => v4,
    }
}

impl LoginLimiter {
    /// A limiter whose tables hold at most `capacity` records each.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            users: Table::new(capacity, MAX_FAILURES),
            addresses: Table::new(capacity, MAX_ADDRESS_FAILURES),
        }
    }

    /// Reserves an attempt for `username` from `address` at `now`, or says how long to wait.
    pub fn begin(
        &mut self,
        username: &str,
        address: Option<IpAddr>,
        now: Instant,
    ) -> Result<Attempt, Duration> {
        let username = username.to_owned();
        let address = address.map(address_key);
        let user_wait = self.users.wait(&username, now);
        let address_wait = address.and_then(|a| self.addresses.wait(&a, now));
        if let Some(wait) = user_wait.max(address_wait) {
            return Err(wait);
        }
        let room = self.users.has_room(&username, now)
            && address.is_none_or(|a| self.addresses.has_room(&a, now));
        if !room {
            return Err(FIRST_DELAY);
        }
        self.users.reserve(username.clone(), now);
        if let Some(address) = address {
            self.addresses.reserve(address, now);
        }
        Ok(Attempt { username, address })
    }

    /// The password was right: the username starts afresh and the address gets its attempt back.
    pub fn succeeded(&mut self, attempt: &Attempt) {
        self.users.records.remove(&attempt.username);
        if let Some(address) = &attempt.address {
            self.addresses.give_back(address);
        }
    }
}

pub mod shared;

#[cfg(test)]
mod tests;
