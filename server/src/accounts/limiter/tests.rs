use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::*;

fn ip(last: u8) -> Option<IpAddr> {
    Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, last)))
}

#[test]
fn free_failures_then_growing_delays() {
    let mut limiter = LoginLimiter::default();
    let t0 = Instant::now();
    for _ in 0..MAX_FAILURES {
        assert!(limiter.begin("amina", ip(1), t0).is_ok());
    }
    assert_eq!(limiter.begin("amina", ip(2), t0).err(), Some(FIRST_DELAY));
    let t1 = t0 + FIRST_DELAY;
    assert!(limiter.begin("amina", ip(3), t1).is_ok());
    assert_eq!(
        limiter.begin("amina", ip(3), t1).err(),
        Some(FIRST_DELAY * 2)
    );
    let later = t1 + MAX_DELAY * 100;
    for _ in 0..20 {
        let wait = limiter.begin("amina", ip(4), later).err();
        assert!(wait.is_none_or(|w| w <= MAX_DELAY), "{wait:?}");
    }
    assert!(limiter.begin("amina", ip(5), t1 + FORGET_AFTER * 2).is_ok());
}

#[test]
fn a_success_resets_the_username_and_gives_the_address_its_attempt_back() {
    let mut limiter = LoginLimiter::default();
    let now = Instant::now();
    for _ in 0..MAX_FAILURES - 1 {
        limiter.begin("amina", ip(1), now).expect("free");
    }
    let attempt = limiter.begin("amina", ip(1), now).expect("free");
    limiter.succeeded(&attempt);
    for _ in 0..MAX_FAILURES {
        limiter.begin("amina", ip(1), now).expect("counted afresh");
    }
    assert!(limiter.begin("amina", ip(1), now).is_err());
}

#[test]
fn an_address_is_throttled_across_usernames() {
    let mut limiter = LoginLimiter::default();
    let now = Instant::now();
    for n in 0..MAX_ADDRESS_FAILURES {
        limiter
            .begin(&format!("user{n}"), ip(1), now)
            .expect("free");
    }
    assert!(limiter.begin("someone-else", ip(1), now).is_err());
    assert!(limiter.begin("someone-else", ip(2), now).is_ok());
    let v6 = |tail: u16| {
        Some(IpAddr::V6(Ipv6Addr::new(
            0x2001, 0xdb8, 0, 1, 0, 0, 0, tail,
        )))
    };
    for n in 0..MAX_ADDRESS_FAILURES {
        limiter
            .begin(
                &format!("v6user{n}"),
                v6(u16::try_from(n).unwrap_or(0)),
                now,
            )
            .expect("free");
    }
    assert!(limiter.begin("v6-other", v6(999), now).is_err(), "one /64");
}

#[test]
fn made_up_names_cannot_push_out_a_delayed_user() {
    let mut limiter = LoginLimiter::with_capacity(8);
    let now = Instant::now();
    for _ in 0..MAX_FAILURES {
        limiter.begin("admin", None, now).expect("free");
    }
    for n in 0..1000 {
        let _ = limiter.begin(&format!("made-up-{n}"), None, now);
    }
    assert!(limiter.users.records.len() <= 8);
    assert!(limiter.begin("admin", None, now).is_err());
}
