//! `mentora-server place import FILE`: the admin screen's place import from the command line,
//! previewed unless `--apply` is given, with the same plan, checks and admin log entry; and
//! `mentora-server tracker import FILE`, the historical progress-tracker import likewise.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use mentora_shared::domain::FacilityLevel;
use mentora_shared::setup::places::{Dhis2Levels, Plan};
use mentora_shared::setup::tracker::Plan as TrackerPlan;

use super::places::{self, Format};
use super::tracker::Source;
use crate::db;

#[derive(Debug, Subcommand)]
pub enum PlaceCommand {
    /// Preview (or with --apply, write) a places file: the CSV template or DHIS2 organisation
    /// units (docs/setup.md).
    Import(PlaceImportConfig),
    /// Offer a place for no new work on the tablets; its records and reports stay.
    Deactivate(PlaceIdConfig),
    /// Offer a deactivated place for new work again.
    Activate(PlaceIdConfig),
}

#[derive(Debug, Clone, Args)]
pub struct DataDirConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = crate::config::DatabaseUrl::parse)]
    pub database_url: Option<crate::config::DatabaseUrl>,
}

/// Runs `user list`: one line per account, then one per tablet.
pub fn run_user_list(config: &DataDirConfig) -> anyhow::Result<String> {
    let conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let mut out = String::new();
    for user in super::users::list(&conn)? {
        let places: Vec<&str> = user
            .districts
            .iter()
            .chain(&user.facilities)
            .map(String::as_str)
            .collect();
        out.push_str(&format!(
            "{} ({}) {}{} at {}{}\n",
            user.username,
            user.display_name,
            user.role.as_str(),
            user.affiliation
                .map(|a| format!(", {}", a.code()))
                .unwrap_or_default(),
            if places.is_empty() {
                "everything".to_owned()
            } else {
                places.join(", ")
            },
            if user.disabled { ", disabled" } else { "" },
        ));
        for device in &user.devices {
            out.push_str(&format!(
                "  tablet {}: last sync {}{}\n",
                device.device,
                device
                    .last_sync_at
                    .map_or_else(|| "never".to_owned(), |at| at.to_string()),
                if device.revoked { ", revoked" } else { "" },
            ));
        }
    }
    Ok(out.trim_end().to_owned())
}

/// Runs `user log`: the newest admin actions, newest first.
pub fn run_admin_log(config: &DataDirConfig) -> anyhow::Result<String> {
    let conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let lines: Vec<String> = super::recent(&conn, 200)?
        .into_iter()
        .map(|a| format!("{} {} {} {}", a.at, a.actor, a.action, a.detail))
        .collect();
    Ok(lines.join("\n"))
}

#[derive(Debug, Clone, Args)]
pub struct PlaceIdConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = crate::config::DatabaseUrl::parse)]
    pub database_url: Option<crate::config::DatabaseUrl>,
    /// The place's code.
    pub id: String,
}

/// Runs `place deactivate|activate`.
pub fn run_set_active(config: &PlaceIdConfig, active: bool) -> anyhow::Result<String> {
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    places::set_place_active(&mut conn, "cli", &config.id, active)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(format!(
        "{} is {}",
        config.id,
        if active { "active" } else { "deactivated" }
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileKind {
    Csv,
    Dhis2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DefaultLevel {
    HealthCentre,
    HealthPost,
    DistrictHospital,
}

#[derive(Debug, Clone, Args)]
pub struct PlaceImportConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = crate::config::DatabaseUrl::parse)]
    pub database_url: Option<crate::config::DatabaseUrl>,
    /// The places file.
    pub file: PathBuf,
    /// The kind of file; by default a `.json` file is DHIS2 and anything else CSV.
    #[arg(long, value_enum)]
    pub format: Option<FileKind>,
    /// DHIS2 levels of the country, province, district and facility.
    #[arg(long, value_delimiter = ',', num_args = 4, default_values_t = [1, 2, 3, 4])]
    pub levels: Vec<u8>,
    /// The level of a DHIS2 facility whose name does not say it (else such units are errors).
    #[arg(long, value_enum)]
    pub default_facility: Option<DefaultLevel>,
    /// Write the plan (only when no row is in error); without it, only preview.
    #[arg(long)]
    pub apply: bool,
}

/// The plan in words, as the CLI prints it.
pub fn describe(plan: &Plan) -> String {
    let mut out = format!(
        "{} to add, {} to change, {} already here",
        plan.adds.len(),
        plan.changes.len(),
        plan.unchanged
    );
    for (level, count) in &plan.skipped {
        out.push_str(&format!("\nleft out: {count} units at DHIS2 level {level}"));
    }
    for place in &plan.adds {
        out.push_str(&format!(
            "\nadd {} ({}, {}) under {}",
            place.id,
            place.name,
            place.level,
            place.parent_id.as_deref().unwrap_or("-")
        ));
    }
    for change in &plan.changes {
        out.push_str(&format!("\nchange {}", change.after.id));
    }
    for error in &plan.errors {
        out.push_str(&format!("\n{error}"));
    }
    out
}

/// Runs `place import`; the summary to print, or why nothing was written.
pub fn run_import(config: &PlaceImportConfig) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(&config.file)
        .with_context(|| format!("cannot read {} as UTF-8 text", config.file.display()))?;
    let format = match config.format {
        Some(FileKind::Dhis2) => Format::Dhis2,
        Some(FileKind::Csv) => Format::Csv,
        None if config.file.extension().is_some_and(|e| e == "json") => Format::Dhis2,
        None => Format::Csv,
    };
    let [country, province, district, facility] = <[u8; 4]>::try_from(config.levels.as_slice())
        .map_err(|_| anyhow::anyhow!("--levels takes four numbers, e.g. 1,2,3,4"))?;
    let levels = Dhis2Levels {
        country,
        province,
        district,
        facility,
        default_facility: config.default_facility.map(|level| match level {
            DefaultLevel::HealthCentre => FacilityLevel::HealthCentre,
            DefaultLevel::HealthPost => FacilityLevel::HealthPost,
            DefaultLevel::DistrictHospital => FacilityLevel::DistrictHospital,
        }),
    };
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    if config.apply {
        let plan = places::apply(&mut conn, "cli", format, &text, &levels)?;
        Ok(format!("imported: {}", describe(&plan)))
    } else {
        let plan = places::plan(&conn, format, &text, &levels)?;
        Ok(format!(
            "preview (nothing written; add --apply to import): {}",
            describe(&plan)
        ))
    }
}

#[derive(Debug, Subcommand)]
pub enum TrackerCommand {
    /// Preview (or with --apply, write) a historical progress tracker in the CSV template
    /// (docs/setup.md): mentee records, assessments and validations.
    Import(TrackerImportConfig),
}

#[derive(Debug, Clone, Args)]
pub struct TrackerImportConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = crate::config::DatabaseUrl::parse)]
    pub database_url: Option<crate::config::DatabaseUrl>,
    /// The tracker file: the CSV template (UTF-8), or a workbook (`.xlsx`, first sheet).
    pub file: PathBuf,
    /// Write the plan (only when no row is in error); without it, only preview.
    #[arg(long)]
    pub apply: bool,
}

/// A tracker plan in words, as the CLI prints it: counts and the rows to fix (no names).
pub fn describe_tracker(plan: &TrackerPlan) -> String {
    let mut out = super::tracker::summary(plan);
    for error in &plan.errors {
        out.push_str(&format!("\n{error}"));
    }
    out
}

/// Runs `tracker import`; the summary to print, or why nothing was written.
pub fn run_tracker_import(config: &TrackerImportConfig) -> anyhow::Result<String> {
    let size = std::fs::metadata(&config.file)
        .with_context(|| format!("cannot read {}", config.file.display()))?
        .len();
    let max = mentora_shared::setup::tracker::MAX_FILE_BYTES;
    if size > max as u64 {
        anyhow::bail!("{} is over {max} bytes", config.file.display());
    }
    let bytes = std::fs::read(&config.file)
        .with_context(|| format!("cannot read {}", config.file.display()))?;
    let workbook = config
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let source = if workbook {
        Source::Xlsx(&bytes)
    } else {
        Source::Csv(
            std::str::from_utf8(&bytes)
                .with_context(|| format!("cannot read {} as UTF-8 text", config.file.display()))?,
        )
    };
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let today = super::tracker::today();
    if config.apply {
        let plan = super::tracker::apply(&mut conn, "cli", source, today)?;
        Ok(format!("imported: {}", describe_tracker(&plan)))
    } else {
        let plan = super::tracker::plan(&conn, source, today)?;
        Ok(format!(
            "preview (nothing written; add --apply to import): {}",
            describe_tracker(&plan)
        ))
    }
}
