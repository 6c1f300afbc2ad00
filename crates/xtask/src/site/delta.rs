//! Upgrades as deltas: Compression Dictionary Transport (RFC 9842) with `dcz`.
//!
//! One changed string used to re-download the whole wasm (~1.5 MB brotli). The server now sends
//! `Use-As-Dictionary` with the wasm and JS (server/src/deltas.rs), so the browser keeps the
//! installed version as a dictionary; asked for the next version it names that dictionary's
//! SHA-256 in `Available-Dictionary`, and the server answers the delta precomputed here.
//!
//! `stamp` keeps, under `history/` of the site, the wasm and JS of the last [`KEPT_RELEASES`]
//! releases (`history/dictionaries/`, read back from the previous site's `assets/` or
//! `history/`), the list of releases (`history/releases.json`, newest first: each one's precache
//! list and its dictionary assets), and one delta per changed asset and kept version:
//! `history/deltas/<hashed name>.<dictionary sha256 hex>.dcz`. A `dcz` body is the 8-byte
//! header `5e 2a 4d 18 20 00 00 00` (a zstd skippable frame of 32 bytes), the dictionary's 32-byte
//! SHA-256, then one zstd frame compressed with the dictionary as raw content (a prefix, like
//! `zstd --patch-from`), with a window Chromium accepts: `clamp(log2ceil(1.25 × dictionary), 23,
//! 27)` (8–128 MB, its `zstd_source_stream.cc`). A delta no smaller than the brotli file is not
//! kept. The previous site is read as outside bytes: a history that cannot be read, a name
//! that is not a plain file name, or a dictionary whose bytes do not match the hash in its name
//! means no delta from it, never a failed build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest as _, Sha256};

/// Earlier releases a delta is computed against (besides the current one, which is kept too).
pub const KEPT_RELEASES: usize = 3;
pub const HISTORY: &str = "history";
const RELEASES_FILE: &str = "releases.json";
/// A releases file larger than this is not ours.
const MAX_RELEASES_BYTES: u64 = 1024 * 1024;
/// The fixed start of every `dcz` body (RFC 9842 section 5.2).
pub const DCZ_HEADER: [u8; 8] = [0x5e, 0x2a, 0x4d, 0x18, 0x20, 0x00, 0x00, 0x00];
const ZSTD_LEVEL: i32 = 19;

/// One release, as `history/releases.json` keeps it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Release {
    /// What the service worker precaches: URL → SHA-256 (hex) of the file.
    pub precache: BTreeMap<String, String>,
    /// The assets served as dictionaries: name before hashing (`mentora_bg.wasm`) → hashed file
    /// name (`mentora_bg-0123456789.wasm`).
    pub dictionaries: BTreeMap<String, String>,
}

/// Which assets are offered as dictionaries: the big ones an upgrade changes (the wasm and its
/// glue); CSS and images are small or rarely change.
pub fn is_dictionary_asset(name: &str) -> bool {
    name.ends_with(".wasm") || name.ends_with(".js")
}

/// What an upgrade from the previous release costs, for the build's report.
#[derive(Debug, Default)]
pub struct Upgrade {
    /// The release before this one, if the previous site had a history.
    pub from: Option<Release>,
    /// URL → size of the `dcz` delta against the previous release's version of that file.
    pub deltas: BTreeMap<String, usize>,
    /// Deltas written, against every kept release.
    pub written: usize,
}

/// Reads the history of `previous_site`, writes `next`'s (`next/history/`) with `current` first,
/// and the deltas of `current`'s changed dictionary assets. `brotli` gives each URL's brotli size:
/// a delta is kept only when smaller.
pub fn write_history(
    previous_site: &Path,
    next: &Path,
    current: &Release,
    brotli: &BTreeMap<String, usize>,
) -> anyhow::Result<Upgrade> {
    let history = next.join(HISTORY);
    std::fs::create_dir_all(history.join("dictionaries"))?;
    std::fs::create_dir_all(history.join("deltas"))?;
    let earlier = match read_releases(previous_site) {
        Ok(releases) => releases,
        Err(err) => {
            println!("no deltas from the previous site: {err:#}");
            Vec::new()
        }
    };
    let from = earlier.first().cloned();
    let kept: Vec<Release> = earlier
        .into_iter()
        .filter(|release| release != current)
        .take(KEPT_RELEASES)
        .collect();

    // Each kept dictionary, with its bytes checked against the hash in its name.
    let current_files: BTreeSet<&String> = current.dictionaries.values().collect();
    let mut dictionaries: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for release in &kept {
        for (name, hashed) in &release.dictionaries {
            if dictionaries.contains_key(hashed) || current_files.contains(hashed) {
                continue;
            }
            if let Some(bytes) = earlier_file(previous_site, name, hashed) {
                std::fs::write(history.join("dictionaries").join(hashed), &bytes)?;
                dictionaries.insert(hashed.clone(), bytes);
            }
        }
    }

    let mut upgrade = Upgrade {
        from: from.clone(),
        ..Upgrade::default()
    };
    for (name, hashed) in &current.dictionaries {
        let url = format!("/assets/{hashed}");
        let data = std::fs::read(next.join("assets").join(hashed))
            .with_context(|| format!("cannot read {url}"))?;
        let full = brotli.get(&url).copied().unwrap_or(data.len());
        let mut done = BTreeSet::new();
        for release in &kept {
            let Some(old) = release.dictionaries.get(name) else {
                continue;
            };
            let Some(dictionary) = dictionaries.get(old) else {
                continue;
            };
            if !done.insert(old) {
                continue;
            }
            let delta = dcz(&data, dictionary)?;
            if delta.len() >= full {
                continue;
            }
            let path = history
                .join("deltas")
                .join(delta_name(hashed, &Sha256::digest(dictionary)));
            std::fs::write(path, &delta)?;
            upgrade.written += 1;
            if from.as_ref().and_then(|f| f.dictionaries.get(name)) == Some(old) {
                upgrade.deltas.insert(url.clone(), delta.len());
            }
        }
    }

    let mut releases = vec![current.clone()];
    releases.extend(kept);
    std::fs::write(
        history.join(RELEASES_FILE),
        serde_json::to_string_pretty(&releases)?,
    )?;
    Ok(upgrade)
}

/// The file name of the delta of `hashed` against the dictionary whose SHA-256 is `dictionary`:
/// what the server looks for (server/src/deltas.rs).
pub fn delta_name(hashed: &str, dictionary: &[u8]) -> String {
    let hex: String = dictionary.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hashed}.{hex}.dcz")
}

/// `data` as a `dcz` body against `dictionary`.
pub fn dcz(data: &[u8], dictionary: &[u8]) -> anyhow::Result<Vec<u8>> {
    use zstd::zstd_safe::CParameter;

    let window_log = window_log(dictionary.len());
    anyhow::ensure!(
        data.len() <= 1 << window_log,
        "{} bytes are too many for a delta",
        data.len()
    );
    let mut compressor = zstd::bulk::Compressor::new(ZSTD_LEVEL)?;
    compressor.set_parameter(CParameter::WindowLog(window_log))?;
    compressor.set_parameter(CParameter::EnableLongDistanceMatching(true))?;
    compressor.set_parameter(CParameter::ChecksumFlag(true))?;
    let frame = compressor.compress_with_prefix(data, dictionary)?;
    let mut body = Vec::with_capacity(DCZ_HEADER.len() + 32 + frame.len());
    body.extend_from_slice(&DCZ_HEADER);
    body.extend_from_slice(&Sha256::digest(dictionary));
    body.extend_from_slice(&frame);
    Ok(body)
}

/// The largest window a `dcz` client must accept for this dictionary (RFC 9842: 8 MB or 1.25 ×
/// the dictionary, up to 128 MB), which is what Chromium sets as its limit.
pub fn window_log(dictionary_len: usize) -> u32 {
    let wanted = dictionary_len.saturating_mul(5) / 4;
    let log = usize::BITS - wanted.saturating_sub(1).leading_zeros();
    log.clamp(23, 27)
}

fn read_releases(site: &Path) -> anyhow::Result<Vec<Release>> {
    let path = site.join(HISTORY).join(RELEASES_FILE);
    if !site.join("index.html").exists() {
        return Ok(Vec::new());
    }
    let len = std::fs::metadata(&path)
        .with_context(|| format!("{} is missing", path.display()))?
        .len();
    anyhow::ensure!(len <= MAX_RELEASES_BYTES, "{} is too large", path.display());
    let text = std::fs::read(&path)?;
    let releases: Vec<Release> = serde_json::from_slice(&text)
        .with_context(|| format!("{} is malformed", path.display()))?;
    Ok(releases
        .into_iter()
        .filter(|r| r.dictionaries.iter().all(|(n, h)| plain(n) && plain(h)))
        .collect())
}

/// A dictionary of an earlier release, from the previous site's `assets/` (it was current) or
/// `history/dictionaries/`, if its bytes match the hash in its name.
fn earlier_file(site: &Path, name: &str, hashed: &str) -> Option<Vec<u8>> {
    let places: [PathBuf; 2] = [
        site.join("assets").join(hashed),
        site.join(HISTORY).join("dictionaries").join(hashed),
    ];
    let bytes = places.iter().find_map(|path| std::fs::read(path).ok())?;
    (super::hashed_name(name, &super::short_hash(&bytes)) == hashed).then_some(bytes)
}

/// A plain file name: no separators, no `..`, nothing a URL pattern would read as syntax.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a `dcz` body the way Chromium does: header and hash checked, the dictionary
    /// loaded as raw content, the window limited as in `zstd_source_stream.cc`.
    pub fn decode(body: &[u8], dictionary: &[u8]) -> Vec<u8> {
        use zstd::zstd_safe::{DCtx, DParameter, DictContentType};
        assert_eq!(body[..8], DCZ_HEADER);
        assert_eq!(body[8..40], Sha256::digest(dictionary)[..]);
        let mut dctx = DCtx::create();
        dctx.set_parameter(DParameter::WindowLogMax(window_log(dictionary.len())))
            .unwrap();
        dctx.load_dictionary_advanced(dictionary, DictContentType::RawContent)
            .unwrap();
        let mut out = Vec::with_capacity(64 * 1024 * 1024);
        dctx.decompress(&mut out, &body[40..]).unwrap();
        out
    }

    fn sample(seed: u32, len: usize) -> Vec<u8> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (state >> 16) as u8
            })
            .collect()
    }

    #[test]
    fn a_small_change_to_a_large_file_is_a_small_delta_that_decodes() {
        let old = sample(7, 3 * 1024 * 1024);
        let mut new = old.clone();
        new[1_000_000..1_000_005].copy_from_slice(b"HELLO");
        new[2_500_000..2_500_003].copy_from_slice(b"abc");
        let delta = dcz(&new, &old).unwrap();
        assert!(delta.len() < 1_000, "{} bytes", delta.len());
        assert_eq!(decode(&delta, &old), new);
    }

    #[test]
    fn the_window_follows_the_dictionary_within_chromiums_limits() {
        assert_eq!(window_log(0), 23);
        assert_eq!(window_log(6_300_000), 23);
        assert_eq!(window_log(7_000_000), 24);
        assert_eq!(window_log(1 << 30), 27);
    }

    #[test]
    fn names_from_an_earlier_site_must_be_plain() {
        assert!(plain("mentora_bg-0123456789.wasm"));
        for bad in ["", "../x.wasm", "a/b.js", ".hidden", "x*.js", "x:y.js"] {
            assert!(!plain(bad), "{bad}");
        }
    }

    /// A staged site whose wasm is `wasm`.
    fn staging(dir: &Path, wasm: &[u8]) -> PathBuf {
        let staging = dir.join("staging");
        std::fs::create_dir_all(staging.join("assets")).unwrap();
        std::fs::write(staging.join("assets/mentora_bg.wasm"), wasm).unwrap();
        std::fs::write(staging.join("assets/mentora.js"), "export default 1;").unwrap();
        std::fs::write(
            staging.join("assets/boot.js"),
            "import '/assets/mentora.js'; init('/assets/mentora_bg.wasm');",
        )
        .unwrap();
        std::fs::write(
            staging.join("index.html"),
            "<script src=\"/assets/boot.js\"></script>",
        )
        .unwrap();
        std::fs::write(staging.join("manifest.webmanifest"), "{}").unwrap();
        std::fs::write(staging.join("sw.js"), "/*PRECACHE*/[] '/*VERSION*/'").unwrap();
        staging
    }

    fn releases(site: &Path) -> Vec<Release> {
        let text = std::fs::read(site.join("history/releases.json")).unwrap();
        serde_json::from_slice(&text).unwrap()
    }

    fn hashed(name: &str, bytes: &[u8]) -> String {
        super::super::hashed_name(name, &super::super::short_hash(bytes))
    }

    #[test]
    fn stamping_a_changed_wasm_writes_its_delta_against_the_previous_release() {
        let dir = std::env::temp_dir().join(format!("xtask-delta-{}", std::process::id()));
        let site = dir.join("site");
        let old = sample(1, 300_000);
        super::super::stamp(&staging(&dir, &old), &site).unwrap();
        let mut new = old.clone();
        new[150_000..150_004].copy_from_slice(b"v2v2");
        let report = super::super::stamp(&staging(&dir, &new), &site).unwrap();

        let old_name = hashed("mentora_bg.wasm", &old);
        let new_name = hashed("mentora_bg.wasm", &new);
        let delta = site
            .join("history/deltas")
            .join(delta_name(&new_name, &Sha256::digest(&old)));
        let body = std::fs::read(&delta).unwrap();
        assert_eq!(decode(&body, &old), new);
        assert!(body.len() < 1_000, "{} bytes", body.len());
        assert_eq!(
            std::fs::read(site.join("history/dictionaries").join(&old_name)).unwrap(),
            old
        );
        let kept = releases(&site);
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].dictionaries["mentora_bg.wasm"], new_name);
        assert_eq!(kept[1].dictionaries["mentora_bg.wasm"], old_name);

        // The upgrade: the wasm as a delta, the boot module (it names the wasm), the page
        // (it names the boot module) and the worker; the glue did not change.
        let upgrade = report.upgrade.as_ref().unwrap();
        let urls: Vec<&str> = upgrade.iter().map(|c| c.url.as_str()).collect();
        assert_eq!(urls.len(), 4, "{urls:?}");
        assert!(
            urls.contains(&format!("/assets/{new_name}").as_str()),
            "{urls:?}"
        );
        assert!(
            !urls.iter().any(|u| u.starts_with("/assets/mentora-")),
            "{urls:?}"
        );
        assert!(report.upgrade_bytes().unwrap() < 2_000);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn only_the_last_releases_are_kept() {
        let dir = std::env::temp_dir().join(format!("xtask-keep-{}", std::process::id()));
        let site = dir.join("site");
        let mut wasm = sample(2, 50_000);
        for version in 0..6u8 {
            wasm[0] = version;
            super::super::stamp(&staging(&dir, &wasm), &site).unwrap();
        }
        assert_eq!(releases(&site).len(), 1 + KEPT_RELEASES);
        let deltas = std::fs::read_dir(site.join("history/deltas"))
            .unwrap()
            .count();
        let dictionaries = std::fs::read_dir(site.join("history/dictionaries"))
            .unwrap()
            .count();
        // Each kept release's wasm and boot module (the glue never changed); deltas only for the
        // wasm: against a 70-byte boot module a delta is no smaller than the brotli file.
        assert_eq!(dictionaries, 2 * KEPT_RELEASES);
        assert_eq!(deltas, KEPT_RELEASES);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_damaged_history_means_no_delta_not_a_failed_build() {
        let dir = std::env::temp_dir().join(format!("xtask-damaged-{}", std::process::id()));
        let site = dir.join("site");
        let old = sample(3, 50_000);
        super::super::stamp(&staging(&dir, &old), &site).unwrap();
        // The previous wasm no longer matches the hash in its name.
        std::fs::write(
            site.join("assets").join(hashed("mentora_bg.wasm", &old)),
            b"x",
        )
        .unwrap();
        let new = sample(4, 50_000);
        super::super::stamp(&staging(&dir, &new), &site).unwrap();
        let names: Vec<String> = std::fs::read_dir(site.join("history/deltas"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with("mentora_bg-")),
            "{names:?}"
        );

        std::fs::write(site.join("history/releases.json"), b"[{\"precache\": 1}]").unwrap();
        let report = super::super::stamp(&staging(&dir, &old), &site).unwrap();
        assert!(report.upgrade.is_none());
        assert_eq!(
            std::fs::read_dir(site.join("history/deltas"))
                .unwrap()
                .count(),
            0
        );
        assert_eq!(releases(&site).len(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
