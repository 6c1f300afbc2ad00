use std::path::{Path, PathBuf};

use mentora_server::{AppState, db};

/// A temporary site folder with a shell and one hashed asset, plus a fresh demo database.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("assets")).expect("site dir");
        std::fs::write(site.join("index.html"), "<title>Mentora</title>").expect("index");
        std::fs::write(site.join("sw.js"), "// worker").expect("sw");
        std::fs::write(site.join("assets/app-0123456789.css"), "body{}").expect("css");
        std::fs::write(
            site.join("assets/mentora_bg-0123456789.wasm"),
            b"\0asm\x01\0\0\0",
        )
        .expect("wasm");
        Self { dir }
    }

    pub fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("data").join("mentora.db")
    }

    pub fn state(&self) -> AppState {
        let conn = db::open(&self.db_path(), true).expect("open db");
        AppState::new(conn, self.site())
    }
}

pub fn exists(path: &Path) -> bool {
    path.try_exists().unwrap_or(false)
}
