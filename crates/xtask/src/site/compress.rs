//! Brotli and gzip copies beside each compressible file of a stamped site, which the server sends
//! as they are (`ServeDir::precompressed_*`), so it never compresses the app at run time. Brotli
//! at quality 11 of the 6 MB wasm takes tens of seconds, so a hashed asset the previous site
//! already had, byte for byte, keeps that site's compressed copies (a deploy that changes a
//! stylesheet does not compress the wasm again).

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes `.br` and `.gz` beside each compressible file under `site` (reusing `previous`'s for
/// unchanged assets) and returns the raw and brotli sizes of every file, by URL (`/index.html`,
/// `/assets/…`).
pub fn compress_all(
    site: &Path,
    previous: &Path,
) -> anyhow::Result<BTreeMap<String, (usize, usize)>> {
    let mut sizes = BTreeMap::new();
    for path in files_under(site)? {
        let bytes = std::fs::read(&path)?;
        let relative = path.strip_prefix(site)?;
        let url = format!("/{}", relative.to_string_lossy());
        let brotli_len = if is_compressible(&path) {
            let (br, gz) = match reusable(
                &previous.join(relative),
                &bytes,
                url.starts_with("/assets/"),
            ) {
                Some(copies) => copies,
                None => (brotli_bytes(&bytes)?, gzip_bytes(&bytes)?),
            };
            let len = br.len();
            std::fs::write(append_ext(&path, "br"), br)?;
            std::fs::write(append_ext(&path, "gz"), gz)?;
            len
        } else {
            bytes.len()
        };
        sizes.insert(url, (bytes.len(), brotli_len));
    }
    Ok(sizes)
}

/// The previous site's brotli and gzip copies of `old`, if it is a hashed asset holding exactly
/// `bytes` and both copies decode to it (they were ours, but are read as outside bytes).
fn reusable(old: &Path, bytes: &[u8], hashed: bool) -> Option<(Vec<u8>, Vec<u8>)> {
    use std::io::Read as _;

    if !hashed || std::fs::read(old).ok()? != bytes {
        return None;
    }
    let br = std::fs::read(append_ext(old, "br")).ok()?;
    let gz = std::fs::read(append_ext(old, "gz")).ok()?;
    let mut unbrotli = Vec::with_capacity(bytes.len());
    brotli::Decompressor::new(&br[..], 64 * 1024)
        .take(bytes.len() as u64 + 1)
        .read_to_end(&mut unbrotli)
        .ok()?;
    let mut ungzip = Vec::with_capacity(bytes.len());
    flate2::read::GzDecoder::new(&gz[..])
        .take(bytes.len() as u64 + 1)
        .read_to_end(&mut ungzip)
        .ok()?;
    (unbrotli == bytes && ungzip == bytes).then_some((br, gz))
}

fn is_compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "wasm" | "css" | "webmanifest" | "json" | "svg" | "txt")
    )
}

fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn append_ext(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

fn brotli_bytes(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

fn gzip_bytes(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_asset_keeps_the_previous_sites_copies_if_they_decode_to_it() {
        let dir = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        let (old, new) = (dir.join("old"), dir.join("new"));
        let text = b"let x = 1; ".repeat(100);
        for site in [&old, &new] {
            std::fs::create_dir_all(site.join("assets")).unwrap();
            std::fs::write(site.join("assets/a-0123456789.js"), &text).unwrap();
            std::fs::write(site.join("assets/b-0123456789.js"), &text).unwrap();
        }
        // Valid copies made another way (brotli quality 1), and a damaged one.
        let mut quick = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut quick, 4096, 1, 22);
            writer.write_all(&text).unwrap();
        }
        assert_ne!(quick, brotli_bytes(&text).unwrap());
        std::fs::write(old.join("assets/a-0123456789.js.br"), &quick).unwrap();
        std::fs::write(old.join("assets/b-0123456789.js.br"), b"not brotli").unwrap();
        for name in ["a", "b"] {
            let gz = gzip_bytes(&text).unwrap();
            std::fs::write(old.join(format!("assets/{name}-0123456789.js.gz")), gz).unwrap();
        }
        compress_all(&new, &old).unwrap();
        assert_eq!(
            std::fs::read(new.join("assets/a-0123456789.js.br")).unwrap(),
            quick
        );
        assert_eq!(
            std::fs::read(new.join("assets/b-0123456789.js.br")).unwrap(),
            brotli_bytes(&text).unwrap()
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
