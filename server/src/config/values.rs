//! Values of `serve` settings that need a type of their own: the log format and the metrics
//! token. Both parse the same way from a flag, the environment and the configuration file.

use std::fmt;
use std::str::FromStr;

/// How log lines are written on standard output: `text` for people, `json` (one object per
/// line) for a log collector.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    clap::ValueEnum,
    serde::Deserialize,
    serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl LogFormat {
    /// Installs the global subscriber: log lines on stdout, as text or as one JSON object per
    /// line; `RUST_LOG` filters, `info` by default. Call once, at start.
    pub fn init_logging(self) {
        use tracing_subscriber::EnvFilter;
        let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
        let builder = tracing_subscriber::fmt().with_env_filter(filter);
        match self {
            Self::Text => builder.with_target(false).init(),
            Self::Json => builder.json().flatten_event(true).init(),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Json => "json",
        }
    }
}

/// The bearer token `GET /metrics` asks for: at least [`MetricsToken::MIN_LEN`] visible ASCII
/// characters. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct MetricsToken(String);

impl MetricsToken {
    /// Short enough to type, long enough not to be guessed (`openssl rand -hex 32` gives 64).
    pub const MIN_LEN: usize = 16;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MetricsToken(<redacted>)")
    }
}

/// Why a metrics token was refused; never repeats the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error(
        "the metrics token must be at least {} characters",
        MetricsToken::MIN_LEN
    )]
    TooShort,
    #[error("the metrics token may hold only visible ASCII characters (no spaces)")]
    BadCharacter,
}

impl FromStr for MetricsToken {
    type Err = TokenError;

    fn from_str(text: &str) -> Result<Self, TokenError> {
        if !text.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(TokenError::BadCharacter);
        }
        if text.len() < Self::MIN_LEN {
            return Err(TokenError::TooShort);
        }
        Ok(Self(text.to_owned()))
    }
}

/// Parses `--metrics-token` and `MENTORA_METRICS_TOKEN` like [`MetricsToken::from_str`], but a
/// refusal does not repeat the value, as clap's own message would.
#[derive(Debug, Clone, Copy)]
pub(super) struct TokenParser;

impl clap::builder::TypedValueParser for TokenParser {
    type Value = MetricsToken;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<MetricsToken, clap::Error> {
        value
            .to_str()
            .ok_or(TokenError::BadCharacter)
            .and_then(str::parse)
            .map_err(|err| {
                clap::Error::raw(
                    clap::error::ErrorKind::InvalidValue,
                    format!("--metrics-token (MENTORA_METRICS_TOKEN): {err}\n"),
                )
                .with_cmd(cmd)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_checked_and_never_shown() {
        assert_eq!("short".parse::<MetricsToken>(), Err(TokenError::TooShort));
        assert_eq!(
            "has a space in it, long enough".parse::<MetricsToken>(),
            Err(TokenError::BadCharacter)
        );
        let token: MetricsToken = "0123456789abcdef".parse().expect("valid");
        assert_eq!(token.as_str(), "0123456789abcdef");
        assert!(!format!("{token:?}").contains("0123"));
    }
}
