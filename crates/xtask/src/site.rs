//! Builds the static site the server serves.
//!
//! 1. `cargo build` the app for wasm32 in release, run wasm-bindgen and `wasm-opt -Oz` into the
//!    staging folder, and copy `public/` beside it.
//! 2. `stamp`: give every file under `assets/` a content-hashed name, rewrite the references in
//!    `index.html`, `manifest.webmanifest` and `sw.js` (and in the assets of [`LINKING_ASSETS`],
//!    which name other assets, before they are hashed), write the service worker's precache list
//!    (url, revision, SHA-256) so an upgrade fetches only what changed and the worker can check
//!    each file before caching it, and precompress with brotli and gzip (`compress.rs`).
//! 3. Keep the wasm and JS of the last releases as dictionaries and write the deltas an upgrade
//!    downloads instead of the whole files (`delta.rs`); report the sizes (`report.rs`).

mod compress;
mod delta;
mod report;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, bail};
use sha2::{Digest as _, Sha256};

use crate::Paths;
use crate::cmd::{self, cargo};
use crate::tools::{self, WASM_TARGET};
pub use report::SizeReport;

pub fn build(paths: &Paths) -> anyhow::Result<SizeReport> {
    let mut build = cargo();
    build.current_dir(&paths.root).args([
        "build",
        "-p",
        "mentora-app",
        "--release",
        "--target",
        WASM_TARGET,
    ]);
    cmd::run(build)?;

    if paths.staging.exists() {
        std::fs::remove_dir_all(&paths.staging).context("cannot clear the staging folder")?;
    }
    copy_dir(&paths.root.join("public"), &paths.staging)?;
    let assets = paths.staging.join("assets");

    let wasm = paths
        .target
        .join(WASM_TARGET)
        .join("release")
        .join("mentora_app.wasm");
    let mut bindgen = Command::new(tools::wasm_bindgen_binary());
    bindgen
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "mentora",
            "--out-dir",
        ])
        .arg(&assets)
        .arg(&wasm);
    cmd::run(bindgen)?;

    let bound = assets.join("mentora_bg.wasm");
    let mut opt = Command::new(tools::wasm_opt_binary(paths));
    opt.arg("-Oz")
        // The features rustc 1.95 enables by default for wasm32-unknown-unknown.
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(&bound)
        .arg("-o")
        .arg(&bound);
    cmd::run(opt)?;

    stamp(&paths.staging, &paths.site)
}

struct Hashed {
    url: String,
    /// The SHA-256 of the bytes, hex: the service worker checks it before caching the file.
    sha256: String,
}

/// Writes an asset into `site/assets` under its content-hashed name.
fn hash_asset(site: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<Hashed> {
    let sha256 = sha256_hex(bytes);
    let hashed = hashed_name(name, &sha256[..10]);
    std::fs::write(site.join("assets").join(&hashed), bytes)?;
    Ok(Hashed {
        url: format!("/assets/{hashed}"),
        sha256,
    })
}

/// Replaces each `/assets/name` of `renames` in `text`, longest names first, so no rename can
/// clobber part of a longer one.
fn rewrite_with(renames: &BTreeMap<String, String>, text: String) -> String {
    let mut ordered: Vec<(&String, &String)> = renames.iter().collect();
    ordered.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    ordered.iter().fold(text, |text, (from, to)| {
        text.replace(from.as_str(), to.as_str())
    })
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash in hashed names: the first 10 hex digits of the SHA-256.
fn short_hash(bytes: &[u8]) -> String {
    sha256_hex(bytes)[..10].to_owned()
}

fn hashed_name(name: &str, hash: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{hash}.{ext}"),
        None => format!("{name}-{hash}"),
    }
}

const PRECACHE_MARKER: &str = "/*PRECACHE*/[]";
const VERSION_MARKER: &str = "/*VERSION*/";
const REWRITTEN: [&str; 3] = ["index.html", "manifest.webmanifest", "sw.js"];
/// Assets that name other assets: rewritten with the others' hashed names first, then hashed
/// themselves. `boot.js` is the page's start-up module (a file, not an inline script, so the
/// Content-Security-Policy needs no `'unsafe-inline'`); it imports the wasm-bindgen glue.
const LINKING_ASSETS: [&str; 1] = ["boot.js"];

/// Hashes, rewrites and compresses `staging` into `out` (replaced as a whole at the end, so a
/// running server sees either the old site or the new one), carrying over `out`'s history of
/// releases and writing the deltas against it (`delta.rs`).
pub fn stamp(staging: &Path, out: &Path) -> anyhow::Result<SizeReport> {
    let next = out.with_extension("next");
    if next.exists() {
        std::fs::remove_dir_all(&next)?;
    }
    std::fs::create_dir_all(next.join("assets"))?;

    // Asset name → hashed name, the precache list (url → SHA-256), and the assets served as
    // dictionaries (name → hashed name).
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    let mut precache: BTreeMap<String, String> = BTreeMap::new();
    let mut dictionaries: BTreeMap<String, String> = BTreeMap::new();
    let asset_dir = staging.join("assets");
    let mut linking = Vec::new();
    let mut hashed_assets = Vec::new();
    for entry in std::fs::read_dir(&asset_dir)
        .with_context(|| format!("cannot read {}", asset_dir.display()))?
    {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if LINKING_ASSETS.contains(&name.as_str()) {
            linking.push(name);
            continue;
        }
        let bytes = std::fs::read(entry.path())?;
        if name.ends_with(".css") {
            check_css_blocks(&String::from_utf8_lossy(&bytes))
                .with_context(|| format!("{} is malformed", entry.path().display()))?;
        }
        hashed_assets.push((name.clone(), hash_asset(&next, &name, &bytes)?));
    }
    for (name, hashed) in hashed_assets {
        renames.insert(format!("/assets/{name}"), hashed.url.clone());
        add_asset(&mut precache, &mut dictionaries, &name, hashed);
    }
    let linked = linking
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(asset_dir.join(name))?;
            Ok((name, rewrite_with(&renames, text)))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    for (name, text) in linked {
        let hashed = hash_asset(&next, name, text.as_bytes())?;
        renames.insert(format!("/assets/{name}"), hashed.url.clone());
        add_asset(&mut precache, &mut dictionaries, name, hashed);
    }
    let rewrite = |text: String| rewrite_with(&renames, text);

    for name in ["index.html", "manifest.webmanifest"] {
        let text = std::fs::read_to_string(staging.join(name))
            .with_context(|| format!("staging has no {name}"))?;
        let text = rewrite(text);
        precache.insert(format!("/{name}"), sha256_hex(text.as_bytes()));
        std::fs::write(next.join(name), text)?;
    }

    let sw = std::fs::read_to_string(staging.join("sw.js")).context("staging has no sw.js")?;
    if !sw.contains(PRECACHE_MARKER) || !sw.contains(VERSION_MARKER) {
        bail!("sw.js must contain {PRECACHE_MARKER} and {VERSION_MARKER}");
    }
    let list: Vec<serde_json::Value> = precache
        .iter()
        .map(|(url, sha)| serde_json::json!({ "url": url, "rev": &sha[..10], "sha256": sha }))
        .collect();
    let list = serde_json::to_string(&list)?;
    let version = short_hash(list.as_bytes());
    let sw = rewrite(sw)
        .replace(PRECACHE_MARKER, &list)
        .replace(VERSION_MARKER, &version);
    std::fs::write(next.join("sw.js"), sw)?;

    // Everything else in public/ (e.g. robots.txt) is copied as is.
    for entry in std::fs::read_dir(staging)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_file() && !REWRITTEN.contains(&name.as_str()) {
            std::fs::copy(entry.path(), next.join(&name))?;
        }
    }

    let sizes = compress::compress_all(&next, out)?;
    let brotli = sizes.iter().map(|(url, s)| (url.clone(), s.1)).collect();
    let release = delta::Release {
        precache,
        dictionaries,
    };
    let upgrade = delta::write_history(out, &next, &release, &brotli)?;
    let texts = release
        .precache
        .keys()
        .filter(|url| {
            [".html", ".js", ".css"]
                .iter()
                .any(|ext| url.ends_with(ext))
        })
        .map(|url| {
            let text = std::fs::read(next.join(&url[1..]))?;
            Ok((url.clone(), String::from_utf8_lossy(&text).into_owned()))
        })
        .collect::<anyhow::Result<_>>()?;
    let report = SizeReport::new(&sizes, &release.precache, &texts, &upgrade);

    let previous = out.with_extension("previous");
    if previous.exists() {
        std::fs::remove_dir_all(&previous)?;
    }
    if out.exists() {
        std::fs::rename(out, &previous)?;
    }
    std::fs::rename(&next, out)?;
    if previous.exists() {
        std::fs::remove_dir_all(&previous)?;
    }
    Ok(report)
}

/// Lists a hashed asset in the precache list, and among the dictionaries if it is one.
fn add_asset(
    precache: &mut BTreeMap<String, String>,
    dictionaries: &mut BTreeMap<String, String>,
    name: &str,
    hashed: Hashed,
) {
    if delta::is_dictionary_asset(name) {
        let file = hashed.url.trim_start_matches("/assets/").to_owned();
        dictionaries.insert(name.to_owned(), file);
    }
    precache.insert(hashed.url, hashed.sha256);
}

/// Braces outside comments must balance: a block left open (a merge that lost a `}`) silently
/// swallows every rule after it, which no browser reports.
fn check_css_blocks(css: &str) -> anyhow::Result<()> {
    let mut depth: i64 = 0;
    let mut rest = css;
    while let Some(i) = rest.find(['{', '}', '/']) {
        let (ch, after) = (rest.as_bytes()[i], &rest[i + 1..]);
        rest = match ch {
            b'/' if after.starts_with('*') => match after.find("*/") {
                Some(end) => &after[end + 2..],
                None => anyhow::bail!("a comment is never closed"),
            },
            b'{' => {
                depth += 1;
                after
            }
            b'}' => {
                depth -= 1;
                anyhow::ensure!(depth >= 0, "a `}}` closes no block");
                after
            }
            _ => after,
        };
    }
    anyhow::ensure!(depth == 0, "{depth} block(s) never closed");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_blocks_must_balance_outside_comments() {
        assert!(check_css_blocks("a { b: c; } /* { */ @media x { d { e: f; } }").is_ok());
        assert!(check_css_blocks("@media x { d { e: f; }").is_err());
        assert!(check_css_blocks("a { } }").is_err());
        assert!(check_css_blocks("a { } /* open").is_err());
    }

    #[test]
    fn hashed_names_keep_the_extension() {
        assert_eq!(hashed_name("mentora_bg.wasm", "abc"), "mentora_bg-abc.wasm");
        assert_eq!(hashed_name("LICENSE", "abc"), "LICENSE-abc");
    }

    #[test]
    fn stamp_renames_rewrites_and_lists_every_asset() {
        let dir = std::env::temp_dir().join(format!("xtask-stamp-{}", std::process::id()));
        let staging = dir.join("staging");
        std::fs::create_dir_all(staging.join("assets")).unwrap();
        std::fs::write(staging.join("assets/app.css"), "body{}").unwrap();
        std::fs::write(
            staging.join("index.html"),
            "<link href=\"/assets/app.css\">",
        )
        .unwrap();
        std::fs::write(staging.join("manifest.webmanifest"), "{}").unwrap();
        std::fs::write(
            staging.join("sw.js"),
            "const P = /*PRECACHE*/[]; const V = '/*VERSION*/';",
        )
        .unwrap();
        let out = dir.join("site");
        let report = stamp(&staging, &out).unwrap();

        let css = format!("/assets/app-{}.css", short_hash(b"body{}"));
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert_eq!(index, format!("<link href=\"{css}\">"));
        let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
        assert!(sw.contains(&format!("\"url\":\"{css}\"")), "{sw}");
        // The worker checks each file against its full SHA-256 before caching it.
        let sha = sha256_hex(b"body{}");
        assert!(
            sw.contains(&format!("\"rev\":\"{}\",\"sha256\":\"{sha}\"", &sha[..10])),
            "{sw}"
        );
        assert!(sw.contains("\"url\":\"/index.html\""), "{sw}");
        assert!(!sw.contains("/*VERSION*/"), "{sw}");
        assert!(out.join(format!("{}.br", &css[1..])).is_file());
        assert_eq!(report.files.len(), 4, "{:?}", report.files);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_boot_module_names_hashed_assets_and_is_hashed_itself() {
        let dir = std::env::temp_dir().join(format!("xtask-boot-{}", std::process::id()));
        let staging = dir.join("staging");
        std::fs::create_dir_all(staging.join("assets")).unwrap();
        std::fs::write(staging.join("assets/mentora.js"), "export default 1;").unwrap();
        std::fs::write(staging.join("assets/mentora_bg.wasm"), "wasm").unwrap();
        std::fs::write(
            staging.join("assets/boot.js"),
            "import init from '/assets/mentora.js'; init('/assets/mentora_bg.wasm');",
        )
        .unwrap();
        std::fs::write(
            staging.join("index.html"),
            "<script type=\"module\" src=\"/assets/boot.js\"></script>",
        )
        .unwrap();
        std::fs::write(staging.join("manifest.webmanifest"), "{}").unwrap();
        std::fs::write(staging.join("sw.js"), "/*PRECACHE*/[] '/*VERSION*/'").unwrap();
        let out = dir.join("site");
        stamp(&staging, &out).unwrap();

        let js = format!("/assets/mentora-{}.js", short_hash(b"export default 1;"));
        let wasm = format!("/assets/mentora_bg-{}.wasm", short_hash(b"wasm"));
        let boot_text = format!("import init from '{js}'; init('{wasm}');");
        let boot = format!("/assets/boot-{}.js", short_hash(boot_text.as_bytes()));
        assert_eq!(
            std::fs::read_to_string(out.join(&boot[1..])).unwrap(),
            boot_text
        );
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert!(index.contains(&format!("src=\"{boot}\"")), "{index}");
        let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
        assert!(sw.contains(&format!("\"url\":\"{boot}\"")), "{sw}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
