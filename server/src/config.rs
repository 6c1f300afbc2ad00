//! Command-line, environment and configuration-file settings, parsed once at start into typed
//! structs by [`parse_from`]. `serve --config FILE` adds a TOML file under the flags and the
//! environment (`config/file.rs`).

use std::ffi::OsString;
use std::net::{IpAddr, SocketAddr};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory as _, FromArgMatches as _, Parser, Subcommand};
use mentora_shared::domain::MentorAffiliation;

pub use crate::accounts::Role;
pub use file::ConfigError;
pub use values::{LogFormat, MetricsToken, TokenError};

mod file;
mod values;

/// `--session-idle-days`, from a flag, the environment or the file.
pub const SESSION_IDLE_DAYS: RangeInclusive<i64> = 1..=3650;
/// `--lock-after-minutes`, from a flag, the environment or the file.
pub const LOCK_AFTER_MINUTES: RangeInclusive<i64> = 1..=480;

/// Parses the command line (`std::env::args_os()` in `main`) and the environment, then, for
/// `serve --config FILE`, the file under them.
pub fn parse_from<I, T>(args: I) -> Result<Cli, ConfigError>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = Cli::command().try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    if let Command::Serve(serve) = &mut cli.command
        && let Some(path) = serve.config.clone()
        && let Some(serve_matches) = matches.subcommand_matches("serve")
    {
        let loaded = file::load(&path)?;
        let base = path.parent().unwrap_or(Path::new(""));
        file::apply(serve, serve_matches, loaded, base);
    }
    Ok(cli)
}

/// `--role admin|supervisor|mentor` (the policy crate stays free of clap).
fn affiliation_parser() -> impl clap::builder::TypedValueParser<Value = MentorAffiliation> {
    |text: &str| {
        MentorAffiliation::from_code(text).ok_or_else(|| {
            let codes: Vec<&str> = MentorAffiliation::ALL.map(MentorAffiliation::code).into();
            format!("unknown affiliation {text:?}; one of {}", codes.join(", "))
        })
    }
}

fn role_parser() -> impl clap::builder::TypedValueParser<Value = Role> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(Role::ALL.map(Role::as_str))
        .try_map(|s: String| Role::parse(&s).ok_or("unknown role"))
}

/// Mentora's sync server: serves the app and stores mentorship documents in SQLite.
#[derive(Debug, Parser)]
#[command(name = "mentora-server", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app and the API until SIGINT or SIGTERM.
    Serve(ServeConfig),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Copy the database to a file, safely while the server is serving (SQLite's online backup).
    Backup(BackupConfig),
    /// Sync a tablet's sync file (brought on a USB stick, an SD card or a phone) and write the
    /// answer file to carry back to it.
    #[command(subcommand)]
    SyncFile(SyncFileCommand),
    /// Programme set-up: load places from the CSV template or DHIS2 (docs/setup.md).
    #[command(subcommand)]
    Place(crate::setup::cli::PlaceCommand),
    /// Programme set-up: import historical progress trackers (docs/setup.md).
    #[command(subcommand)]
    Tracker(crate::setup::cli::TrackerCommand),
    /// Put a backup in place of the database, with the server stopped. The database it replaces
    /// is kept beside it; devices that synced after the backup push their work again.
    Restore(RestoreConfig),
}

#[derive(Debug, Subcommand)]
pub enum SyncFileCommand {
    /// Apply FILE exactly as a sync from its tablet, and write the answer for that tablet.
    Import(SyncFileImportConfig),
}

#[derive(Debug, Clone, Args)]
pub struct SyncFileImportConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = DatabaseUrl::parse)]
    pub database_url: Option<DatabaseUrl>,
    /// The tablet's sync file.
    pub file: PathBuf,
    /// Where to write the answer file (it must not exist yet).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct BackupConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = DatabaseUrl::parse)]
    pub database_url: Option<DatabaseUrl>,
    /// The file to write; it must not exist yet.
    #[arg(long)]
    pub to: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct RestoreConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = DatabaseUrl::parse)]
    pub database_url: Option<DatabaseUrl>,
    /// The backup file.
    pub from: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user. The password is read from MENTORA_PASSWORD, or else from the first line
    /// of standard input; never from the command line.
    Add(UserAddConfig),
    /// Add places to an existing user's scope, e.g. the facility a promoted mentor was assigned
    /// in the cascade. Their devices receive the new places' records at their next sync.
    Grant(UserGrantConfig),
    /// Set a new password (read like `user add` reads it) and end all the user's sessions.
    Passwd(UserNameConfig),
    /// Stop a user from signing in or syncing (a departed mentor); ends all their sessions.
    /// Their records stay.
    Disable(UserNameConfig),
    /// Let a disabled user sign in again.
    Enable(UserNameConfig),
    /// Take a facility or district out of a user's scope.
    RemovePlace(UserRemovePlaceConfig),
    /// End all the user's sessions (a lost or stolen tablet): every device must sign in again.
    Revoke(UserNameConfig),
    /// Revoke one device of a user (a lost tablet), named by the first 8+ hex digits of its id
    /// as the dashboard shows them: it may not sign in again, and at its next sync it erases
    /// the user's data.
    RevokeDevice(UserDeviceConfig),
    /// List every account: role, affiliation, places, whether disabled, and each tablet with
    /// its last sync.
    List(crate::setup::cli::DataDirConfig),
    /// The newest admin actions (who, when, what), from the app or the command line.
    Log(crate::setup::cli::DataDirConfig),
}

#[derive(Debug, Clone, Args)]
pub struct UserDeviceConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = DatabaseUrl::parse)]
    pub database_url: Option<DatabaseUrl>,
    pub username: String,
    /// The start of the device id (at least 8 hex digits).
    pub device: String,
}

impl UserDeviceConfig {
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("mentora.db")
    }
}

#[derive(Debug, Clone, Args)]
pub struct UserNameConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = DatabaseUrl::parse)]
    pub database_url: Option<DatabaseUrl>,
    pub username: String,
}

#[derive(Debug, Clone, Args)]
pub struct UserRemovePlaceConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = DatabaseUrl::parse)]
    pub database_url: Option<DatabaseUrl>,
    pub username: String,
    /// The facility or district id to remove.
    pub place: String,
}

#[derive(Debug, Clone, Args)]
pub struct UserGrantConfig {
    /// Folder holding the SQLite database (`mentora.db`).
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = DatabaseUrl::parse)]
    pub database_url: Option<DatabaseUrl>,
    #[arg(long)]
    pub username: String,
    /// A facility to add (repeatable).
    #[arg(long = "facility")]
    pub facilities: Vec<String>,
    /// A district to add (repeatable).
    #[arg(long = "district")]
    pub districts: Vec<String>,
}

impl UserGrantConfig {
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("mentora.db")
    }
}

#[derive(Debug, Clone, Args)]
pub struct UserAddConfig {
    /// Folder holding the SQLite database (`mentora.db`); created if missing.
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database instead of SQLite (as `serve --database-url`).
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = DatabaseUrl::parse)]
    pub database_url: Option<DatabaseUrl>,
    /// Sign-in name: 1-64 characters from a-z, 0-9, '.', '_' and '-'.
    #[arg(long)]
    pub username: String,
    #[arg(long, value_parser = role_parser())]
    pub role: Role,
    /// A facility in the user's scope (repeatable). Mentors need at least one.
    #[arg(long = "facility")]
    pub facilities: Vec<String>,
    /// A district in the user's scope (repeatable). Grants the whole district to supervisors;
    /// for mentors it only records where they work.
    #[arg(long = "district")]
    pub districts: Vec<String>,
    /// Name shown in the app (defaults to the username).
    #[arg(long)]
    pub display_name: Option<String>,
    /// Whom the user mentors for, recorded with each assessment and validation they make
    /// (Table 1 counts by it): rpa, ram, rsog, district_based, health_centre_staff, ceho or
    /// rbc_clinical_mentor (any case; '-' for '_').
    #[arg(long, value_parser = affiliation_parser())]
    pub affiliation: Option<MentorAffiliation>,
}

impl UserAddConfig {
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("mentora.db")
    }
}

/// Everything `serve` needs. Passwords never come from flags (see [`UserAddConfig`]); the one
/// secret here, the metrics token, redacts itself in `Debug`.
#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// A TOML file of these settings (keys as the flags, `_` for `-`); a flag or its
    /// environment variable wins over the file. See docs/operations.md.
    #[arg(long, env = "MENTORA_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address to bind. Keep 127.0.0.1 unless a reverse proxy terminates TLS in front.
    #[arg(long, env = "MENTORA_BIND", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// TCP port; 0 picks a free port (the chosen one is printed).
    #[arg(long, env = "MENTORA_PORT", default_value_t = 8080)]
    pub port: u16,
    /// Folder holding the SQLite database (`mentora.db`); created if missing.
    #[arg(long, env = "MENTORA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// Folder with the built app (index.html, sw.js, assets/), as written by `cargo xtask build`.
    #[arg(long, env = "MENTORA_SITE_DIR", default_value = "./target/site")]
    pub site_dir: PathBuf,
    /// Load the demo places and accounts into a new, empty database (one without users);
    /// ignored otherwise. The demo accounts' password is published: never use on real data.
    #[arg(long, env = "MENTORA_DEMO")]
    pub demo: bool,
    /// Also write the demo dataset's mentees, with their assessments and validations over two
    /// fiscal years, as records (so the dashboards show figures), into a database that has the
    /// demo places and no records yet; ignored otherwise. For trying the app, never real data.
    #[arg(long, env = "MENTORA_DEMO_RECORDS")]
    pub demo_records: bool,
    /// A session ends after this many days without use (each sync extends it).
    #[arg(long, env = "MENTORA_SESSION_IDLE_DAYS", default_value_t = crate::accounts::sessions::DEFAULT_IDLE_DAYS,
          value_parser = clap::value_parser!(u32).range(SESSION_IDLE_DAYS))]
    pub session_idle_days: u32,
    /// Tablets lock (the PIN unlocks them) after this many minutes without use; sent at sign-in.
    #[arg(long, env = "MENTORA_LOCK_AFTER_MINUTES", default_value_t = crate::DEFAULT_LOCK_AFTER_MINUTES,
          value_parser = clap::value_parser!(u32).range(LOCK_AFTER_MINUTES))]
    pub lock_after_minutes: u32,
    /// A reverse proxy terminates HTTPS in front of this server: send Strict-Transport-Security.
    #[arg(long, env = "MENTORA_BEHIND_TLS")]
    pub behind_tls: bool,
    /// Mebibytes of synced changes each user may store.
    #[arg(long, env = "MENTORA_USER_QUOTA_MIB", default_value_t = 200)]
    pub user_quota_mib: u64,
    /// Serve `GET /metrics` (Prometheus) to requests bearing this token (`Authorization: Bearer
    /// ...`, at least 16 characters); without it `/metrics` answers 404. Prefer the environment
    /// or the file to the flag, which other users of the machine can see.
    #[arg(
        long,
        env = "MENTORA_METRICS_TOKEN",
        hide_env_values = true,
        value_parser = values::TokenParser
    )]
    pub metrics_token: Option<MetricsToken>,
    /// Also serve `GET /metrics` alone on this address (e.g. 127.0.0.1:9090), where it needs
    /// the token only if one is set. Never an address the public can reach without a token.
    #[arg(long, env = "MENTORA_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Log lines as text or as JSON (one object per line).
    #[arg(long, env = "MENTORA_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Keep the data in PostgreSQL instead of SQLite (`postgres://user:password@host/db`), so
    /// several server processes can share it; `--data-dir` is then unused. Prefer the
    /// environment or the file to the flag, which other users of the machine can see.
    #[arg(long, env = "MENTORA_DATABASE_URL", hide_env_values = true,
          value_parser = DatabaseUrl::parse)]
    pub database_url: Option<DatabaseUrl>,
    /// Connections each process keeps to PostgreSQL (ignored for SQLite, which has one).
    #[arg(long, env = "MENTORA_DATABASE_CONNECTIONS", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub database_connections: u32,
    /// Check the settings (flags, environment, file), print them and exit without serving.
    #[arg(long)]
    pub check_config: bool,
}

impl ServeConfig {
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("mentora.db")
    }
}

impl UserNameConfig {
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("mentora.db")
    }
}

impl UserRemovePlaceConfig {
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("mentora.db")
    }
}

/// A database URL for showing: its password replaced by `***` (`postgres://u:***@host/db`).
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// A PostgreSQL URL; `Debug` and [`DatabaseUrl::shown`] leave its password out.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// Accepts `postgres://…` and `postgresql://…` URLs.
    pub fn parse(url: &str) -> Result<Self, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self(url.to_owned()))
        } else {
            Err(
                "the database URL must start with postgres:// (SQLite needs none: it is \
                 the default, in --data-dir)"
                    .to_owned(),
            )
        }
    }

    /// The URL to connect with (it may hold the password: never print it).
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// The URL with its password replaced by `***`.
    pub fn shown(&self) -> String {
        redact_url(&self.0)
    }
}

impl TryFrom<String> for DatabaseUrl {
    type Error = String;
    fn try_from(url: String) -> Result<Self, String> {
        Self::parse(&url)
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DatabaseUrl({})", self.shown())
    }
}
