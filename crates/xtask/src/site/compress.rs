//! Brotli and gzip copies beside each compressible file of a stamped site, which the server sends
//! as they are (`ServeDir::precompressed_*`), so it never compresses the app at run time.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes `.br` and `.gz` beside each compressible file under `site` and returns the raw and
/// brotli sizes of every file, by URL (`/index.html`, `/assets/…`).
pub fn compress_all(site: &Path) -> anyhow::Result<BTreeMap<String, (usize, usize)>> {
    let mut sizes = BTreeMap::new();
    for path in files_under(site)? {
        let bytes = std::fs::read(&path)?;
        let url = format!("/{}", path.strip_prefix(site)?.to_string_lossy());
        let brotli_len = if is_compressible(&path) {
            let br = brotli_bytes(&bytes)?;
            let gz = gzip_bytes(&bytes)?;
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
