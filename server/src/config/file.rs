//! `serve --config FILE`: a TOML file of `serve` settings under the flags and the environment.
//!
//! Precedence, highest first: a flag, its `MENTORA_*` variable, the file, the built-in default.
//! clap records where each value came from (`ArgMatches::value_source`), so a file value only
//! replaces one clap took from its default. Unknown keys, wrong types and values out of range
//! are errors naming the file, the line and the key; relative paths in the file are relative to
//! the file's folder. Every key is documented in docs/operations.md.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use clap::ArgMatches;
use clap::parser::ValueSource;
use serde::{Deserialize, Deserializer};

use super::values::{LogFormat, MetricsToken};
use super::{LOCK_AFTER_MINUTES, SESSION_IDLE_DAYS, ServeConfig};

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Bad flags or environment: clap prints its own message (with usage) and exit code.
    #[error(transparent)]
    Arguments(#[from] clap::Error),
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("configuration file {path}, line {line}, column {column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// The keys the file may hold; each matches a `serve` flag (`data_dir` is `--data-dir`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileConfig {
    bind: Option<IpAddr>,
    port: Option<u16>,
    data_dir: Option<PathBuf>,
    site_dir: Option<PathBuf>,
    demo: Option<bool>,
    demo_records: Option<bool>,
    #[serde(default, deserialize_with = "idle_days")]
    session_idle_days: Option<u32>,
    #[serde(default, deserialize_with = "lock_minutes")]
    lock_after_minutes: Option<u32>,
    behind_tls: Option<bool>,
    user_quota_mib: Option<u64>,
    #[serde(default, deserialize_with = "metrics_token")]
    metrics_token: Option<MetricsToken>,
    metrics_addr: Option<SocketAddr>,
    log_format: Option<LogFormat>,
    database_url: Option<super::DatabaseUrl>,
    #[serde(default, deserialize_with = "connections")]
    database_connections: Option<u32>,
}

fn in_range<'de, D: Deserializer<'de>>(
    deserializer: D,
    range: &std::ops::RangeInclusive<i64>,
) -> Result<Option<u32>, D::Error> {
    let value = u32::deserialize(deserializer)?;
    if range.contains(&i64::from(value)) {
        Ok(Some(value))
    } else {
        Err(serde::de::Error::custom(format!(
            "{value} is not in {}..={}",
            range.start(),
            range.end()
        )))
    }
}

fn idle_days<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    in_range(deserializer, &SESSION_IDLE_DAYS)
}

fn connections<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    in_range(deserializer, &(1..=64))
}

fn lock_minutes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    in_range(deserializer, &LOCK_AFTER_MINUTES)
}

fn metrics_token<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<MetricsToken>, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse().map(Some).map_err(serde::de::Error::custom)
}

/// 1-based line and column of byte `offset` in `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reads and checks the file at `path`.
pub(super) fn load(path: &Path) -> Result<FileConfig, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: shown.clone(),
        source,
    })?;
    parse(&text, &shown)
}

/// Parses `text`, the contents of the file shown as `path` in errors.
pub(super) fn parse(text: &str, path: &str) -> Result<FileConfig, ConfigError> {
    toml::from_str(text).map_err(|err| {
        let (line, column) = err
            .span()
            .map_or((1, 1), |span| line_and_column(text, span.start));
        ConfigError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message: err.message().trim().to_owned(),
        }
    })
}

/// Puts the file's values into `config` wherever clap fell back to a default; `base` is the
/// file's folder, which relative paths in the file start from.
pub(super) fn apply(config: &mut ServeConfig, matches: &ArgMatches, file: FileConfig, base: &Path) {
    let unset = |id: &str| {
        !matches!(
            matches.value_source(id),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        )
    };
    macro_rules! overlay {
        ($($key:ident),* $(,)?) => {$(
            if let Some(value) = file.$key && unset(stringify!($key)) {
                config.$key = value;
            }
        )*};
    }
    overlay!(
        bind,
        port,
        demo,
        demo_records,
        session_idle_days,
        lock_after_minutes,
        behind_tls,
        user_quota_mib,
        log_format,
        database_connections,
    );
    if let Some(url) = file.database_url
        && unset("database_url")
    {
        config.database_url = Some(url);
    }
    if let Some(dir) = file.data_dir
        && unset("data_dir")
    {
        config.data_dir = base.join(dir);
    }
    if let Some(dir) = file.site_dir
        && unset("site_dir")
    {
        config.site_dir = base.join(dir);
    }
    if let Some(token) = file.metrics_token
        && unset("metrics_token")
    {
        config.metrics_token = Some(token);
    }
    if let Some(addr) = file.metrics_addr
        && unset("metrics_addr")
    {
        config.metrics_addr = Some(addr);
    }
}

impl ServeConfig {
    /// The settings in effect, as lines of a configuration file (`serve --check-config`); the
    /// metrics token is only said to be set.
    pub fn describe(&self) -> String {
        let text = |s: String| toml::Value::String(s).to_string();
        let path = |p: &Path| text(p.display().to_string());
        let mut lines = vec![
            format!("bind = {}", text(self.bind.to_string())),
            format!("port = {}", self.port),
            format!("data_dir = {}", path(&self.data_dir)),
            format!("site_dir = {}", path(&self.site_dir)),
            format!("demo = {}", self.demo),
            format!("demo_records = {}", self.demo_records),
            format!("session_idle_days = {}", self.session_idle_days),
            format!("lock_after_minutes = {}", self.lock_after_minutes),
            format!("behind_tls = {}", self.behind_tls),
            format!("user_quota_mib = {}", self.user_quota_mib),
            format!("log_format = {}", text(self.log_format.as_str().to_owned())),
        ];
        match &self.database_url {
            Some(url) => {
                lines.push(format!("database_url = {}", text(url.shown())));
                lines.push(format!(
                    "database_connections = {}",
                    self.database_connections
                ));
            }
            None => lines.push("# database_url is not set: SQLite in data_dir".to_owned()),
        }
        if let Some(addr) = self.metrics_addr {
            lines.push(format!("metrics_addr = {}", text(addr.to_string())));
        }
        lines.push(match self.metrics_token {
            Some(_) => "# metrics_token is set (not shown)".to_owned(),
            None => "# metrics_token is not set: /metrics answers 404".to_owned(),
        });
        lines.join("\n") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid(text: &str) -> (usize, String) {
        match parse(text, "mentora.toml") {
            Err(ConfigError::Invalid { line, message, .. }) => (line, message),
            other => panic!("expected an invalid file, got {other:?}"),
        }
    }

    #[test]
    fn every_key_parses() {
        let file = parse(
            "bind = \"0.0.0.0\"\nport = 9000\ndata_dir = \"d\"\nsite_dir = \"s\"\ndemo = false\n\
             demo_records = true\n\
             session_idle_days = 30\nlock_after_minutes = 5\nbehind_tls = true\n\
             user_quota_mib = 10\nmetrics_token = \"0123456789abcdef\"\nlog_format = \"json\"\n\
             metrics_addr = \"127.0.0.1:9090\"\n",
            "mentora.toml",
        )
        .expect("valid");
        assert_eq!(file.port, Some(9000));
        assert_eq!(file.demo_records, Some(true));
        assert_eq!(file.log_format, Some(LogFormat::Json));
        assert_eq!(file.session_idle_days, Some(30));
        assert!(file.metrics_token.is_some());
        assert_eq!(file.metrics_addr.map(|a| a.port()), Some(9090));
    }

    #[test]
    fn unknown_keys_bad_values_and_syntax_name_the_line() {
        let (line, message) = invalid("port = 9000\nprot = 9001\n");
        assert_eq!(line, 2);
        assert!(message.contains("unknown field `prot`"), "{message}");
        let (line, message) = invalid("\n\nlog_format = \"xml\"\n");
        assert_eq!(line, 3);
        assert!(message.contains("xml"), "{message}");
        let (line, message) = invalid("lock_after_minutes = 0\n");
        assert_eq!(line, 1);
        assert!(message.contains("not in 1..=480"), "{message}");
        let (line, _) = invalid("port = 80\nbind = \n");
        assert_eq!(line, 2);
        let (_, message) = invalid("metrics_token = \"short\"\n");
        assert!(message.contains("at least 16"), "{message}");
    }

    #[test]
    fn errors_never_repeat_a_token() {
        let (_, message) = invalid("metrics_token = \"secret token with spaces\"\n");
        assert!(!message.contains("secret"), "{message}");
    }
}
