//! What `cargo xtask build` prints about the download: every file of the app shell (raw and
//! brotli), the first paint (what the first page load needs before the app shows), and what an
//! installed device downloads to upgrade from the previous build (deltas where the server has
//! one, the brotli file otherwise). docs/benchmarks.md keeps the history of these numbers.

use std::collections::BTreeMap;

use super::delta::Upgrade;

/// One file an upgrade downloads: its brotli size and, when the previous build's version can
/// serve as a dictionary, the delta's.
#[derive(Debug)]
pub struct Changed {
    pub url: String,
    pub brotli: usize,
    pub delta: Option<usize>,
}

impl Changed {
    fn sent(&self) -> usize {
        self.delta.map_or(self.brotli, |d| d.min(self.brotli))
    }
}

/// Raw and brotli bytes of each file of the app shell (everything the service worker precaches,
/// and the worker), the first paint's files, and the upgrade from the previous build.
#[derive(Debug, Default)]
pub struct SizeReport {
    pub files: Vec<(String, usize, usize)>,
    pub first_paint: Vec<String>,
    /// `None` when there was no previous build with a history to compare with.
    pub upgrade: Option<Vec<Changed>>,
}

impl SizeReport {
    /// `sizes` holds every file's raw and brotli size by URL; `precache` is URL → SHA-256;
    /// `texts` the text of the page and its scripts and styles, to follow what loads what.
    pub fn new(
        sizes: &BTreeMap<String, (usize, usize)>,
        precache: &BTreeMap<String, String>,
        texts: &BTreeMap<String, String>,
        upgrade: &Upgrade,
    ) -> Self {
        let files = sizes
            .iter()
            .filter(|(url, _)| precache.contains_key(*url) || *url == "/sw.js")
            .map(|(url, (raw, br))| (url.clone(), *raw, *br))
            .collect();
        let upgrade = upgrade.from.as_ref().map(|from| {
            let mut changed: Vec<Changed> = precache
                .iter()
                .filter(|(url, sha)| from.precache.get(*url) != Some(sha))
                .chain(std::iter::once((&"/sw.js".to_owned(), &String::new())))
                .map(|(url, _)| Changed {
                    url: url.clone(),
                    brotli: sizes.get(url).map_or(0, |s| s.1),
                    delta: upgrade.deltas.get(url).copied(),
                })
                .collect();
            changed.sort_by(|a, b| a.url.cmp(&b.url));
            changed
        });
        Self {
            files,
            first_paint: first_paint(precache, texts),
            upgrade,
        }
    }

    fn brotli(&self, url: &str) -> usize {
        self.files.iter().find(|f| f.0 == url).map_or(0, |f| f.2)
    }

    pub fn first_paint_bytes(&self) -> usize {
        self.first_paint.iter().map(|url| self.brotli(url)).sum()
    }

    pub fn upgrade_bytes(&self) -> Option<usize> {
        self.upgrade
            .as_ref()
            .map(|changed| changed.iter().map(Changed::sent).sum())
    }

    pub fn print(&self) {
        println!("app shell (what a device downloads once):");
        println!("{:>12} {:>12}  file", "raw", "brotli");
        for (url, raw, br) in &self.files {
            println!("{raw:>12} {br:>12}  {url}");
        }
        let raw: usize = self.files.iter().map(|f| f.1).sum();
        let br: usize = self.files.iter().map(|f| f.2).sum();
        println!("{raw:>12} {br:>12}  total");
        println!(
            "first paint: {} bytes brotli ({})",
            self.first_paint_bytes(),
            self.first_paint.join(", ")
        );
        match (&self.upgrade, self.upgrade_bytes()) {
            (Some(changed), Some(total)) => {
                let deltas = changed.iter().filter(|c| c.delta.is_some()).count();
                println!(
                    "upgrade from the previous build: {total} bytes ({} changed files, {deltas} as deltas):",
                    changed.len()
                );
                println!("{:>12} {:>12}  file", "brotli", "sent");
                for change in changed {
                    println!(
                        "{:>12} {:>12}  {}",
                        change.brotli,
                        change.sent(),
                        change.url
                    );
                }
            }
            _ => println!("upgrade from the previous build: no previous build with a history"),
        }
    }
}

/// `/index.html` and, transitively, every precached file named in the text of the page, its
/// scripts and its styles (the manifest is named but not followed: its icons wait).
fn first_paint(
    precache: &BTreeMap<String, String>,
    texts: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut found = vec!["/index.html".to_owned()];
    let mut next = 0;
    while next < found.len() {
        let url = found[next].clone();
        next += 1;
        let followed = [".html", ".js", ".css"]
            .iter()
            .any(|ext| url.ends_with(ext));
        let Some(text) = texts.get(&url).filter(|_| followed) else {
            continue;
        };
        for candidate in precache.keys() {
            if !found.contains(candidate) && text.contains(candidate.as_str()) {
                found.push(candidate.clone());
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_paint_follows_the_page_and_its_scripts_but_not_the_manifest() {
        let precache: BTreeMap<String, String> = [
            "/index.html",
            "/manifest.webmanifest",
            "/assets/boot-1.js",
            "/assets/app-1.wasm",
            "/assets/icon-1.png",
            "/assets/unused-1.js",
        ]
        .into_iter()
        .map(|u| (u.to_owned(), String::new()))
        .collect();
        let texts: BTreeMap<String, String> = [
            ("/index.html", "/manifest.webmanifest /assets/boot-1.js"),
            ("/assets/boot-1.js", "init('/assets/app-1.wasm')"),
            ("/manifest.webmanifest", "/assets/icon-1.png"),
        ]
        .into_iter()
        .map(|(u, t)| (u.to_owned(), t.to_owned()))
        .collect();
        assert_eq!(
            first_paint(&precache, &texts),
            [
                "/assets/app-1.wasm",
                "/assets/boot-1.js",
                "/index.html",
                "/manifest.webmanifest"
            ]
        );
    }
}
