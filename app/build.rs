//! Turns the translation files `app/i18n/<lang>/**/*.json` into Rust: for each file and set, the
//! key enum and its `Text` or `Counted` impl, whose match arms are string literals, written to
//! `$OUT_DIR/i18n/<file>/<Set>.rs` for `i18n::keys!`/`i18n::counts!` to include; and
//! `$OUT_DIR/i18n/languages.rs`, the built-in languages (`Lang::ALL`): those with a folder.
//! The build fails, naming language, file, set and key, if a translation is incomplete
//! (`i18n_check.rs`).

#[path = "i18n_check.rs"]
#[allow(
    dead_code,
    reason = "the checker's helpers are also for the app's unit tests"
)]
mod i18n_check;

use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("i18n");
    let root = manifest.join("i18n");
    println!("cargo:rerun-if-changed=i18n");
    println!("cargo:rerun-if-changed=i18n_check.rs");
    let problems = match i18n_check::load_dir(&root) {
        Ok(languages) => {
            let problems = i18n_check::check(&languages);
            if problems.is_empty() {
                if let Err(e) = generate(&languages, &out) {
                    panic!(
                        "cannot write the generated strings to {}: {e}",
                        out.display()
                    );
                }
                return;
            }
            problems
        }
        Err(problems) => problems,
    };
    eprintln!(
        "The translations under app/i18n/ have {} problem(s) (language: file: Set.Key: problem):",
        problems.len()
    );
    for problem in &problems {
        // `cargo:warning` shows each line even when cargo hides the build script's output.
        println!("cargo:warning={problem}");
        eprintln!("  {problem}");
    }
    std::process::exit(1);
}

fn generate(languages: &[i18n_check::Language], out: &Path) -> std::io::Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    std::fs::create_dir_all(out)?;
    std::fs::write(
        out.join("languages.rs"),
        i18n_check::languages_source(languages),
    )?;
    let Some(source) = languages.iter().find(|l| l.code == i18n_check::SOURCE) else {
        return Ok(());
    };
    for file in &source.files {
        let dir = out.join(&file.path);
        std::fs::create_dir_all(&dir)?;
        for set in &file.sets {
            let code = i18n_check::set_source(languages, &file.path, &set.name);
            std::fs::write(dir.join(format!("{}.rs", set.name)), code)?;
        }
    }
    Ok(())
}
