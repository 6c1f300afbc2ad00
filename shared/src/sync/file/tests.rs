//! A sync file opens only for its device and direction, and any change to it is refused.

use proptest::prelude::*;

use super::*;

const KEY: [u8; 32] = [7; 32];
const DEVICE: DeviceId = DeviceId([3; 16]);

fn sample() -> Vec<u8> {
    seal(
        Direction::ToServer,
        DEVICE,
        &KEY,
        [9; 12],
        b"MSYN a sync request",
    )
}

#[test]
fn a_file_opens_for_its_device_and_direction_only() {
    let file = sample();
    assert_eq!(device_of(&file, Direction::ToServer), Ok(DEVICE));
    assert_eq!(
        open(&file, Direction::ToServer, DEVICE, &KEY).as_deref(),
        Ok(&b"MSYN a sync request"[..])
    );
    assert_eq!(
        open(&file, Direction::ToServer, DeviceId([4; 16]), &KEY),
        Err(FileError::OtherDevice)
    );
    assert_eq!(
        open(&file, Direction::ToServer, DEVICE, &[8; 32]),
        Err(FileError::Tampered),
        "another device's key"
    );
    assert_eq!(
        open(&file, Direction::ToDevice, DEVICE, &KEY),
        Err(FileError::RequestNotAnswer)
    );
    let answer = seal(
        Direction::ToDevice,
        DEVICE,
        &KEY,
        [9; 12],
        b"MSYN an answer",
    );
    assert_eq!(
        device_of(&answer, Direction::ToServer),
        Err(FileError::AnswerNotRequest)
    );
    // The same message sealed for the other direction is not the same bytes.
    assert_ne!(answer[22..], sample()[22..]);
}

#[test]
fn what_is_not_a_whole_sync_file_says_so() {
    assert_eq!(
        device_of(b"PK\x03\x04 a zip", Direction::ToServer),
        Err(FileError::NotASyncFile)
    );
    assert_eq!(
        device_of(b"", Direction::ToServer),
        Err(FileError::NotASyncFile)
    );
    assert_eq!(
        device_of(b"MSF", Direction::ToServer),
        Err(FileError::Truncated)
    );
    let mut newer = sample();
    newer[4] = 2;
    assert_eq!(
        device_of(&newer, Direction::ToServer),
        Err(FileError::UnsupportedVersion(2))
    );
    let file = sample();
    for cut in 6..file.len() {
        assert!(
            open(&file[..cut], Direction::ToServer, DEVICE, &KEY).is_err(),
            "cut at {cut}"
        );
    }
    let huge = vec![0u8; Direction::ToServer.max_file_bytes() + 1];
    assert!(matches!(
        device_of(&huge, Direction::ToServer),
        Err(FileError::TooLarge { .. })
    ));
}

proptest! {
    #[test]
    fn any_changed_byte_is_refused(at in 0usize..1000, flip in 1u8..=255) {
        let mut file = sample();
        let i = at % file.len();
        file[i] ^= flip;
        prop_assert!(open(&file, Direction::ToServer, DEVICE, &KEY).is_err());
    }
}
