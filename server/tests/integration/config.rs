//! `serve --config FILE`: precedence (flag > environment > file > default), errors naming the
//! file, the line and the key, and `--log-format json` both parsed and written.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mentora_server::config::{self, ConfigError, LogFormat};

use super::support::Fixture;

/// Every variable `serve` reads, removed so the test's own environment cannot leak in.
const VARIABLES: [&str; 16] = [
    "MENTORA_DATABASE_URL",
    "MENTORA_DATABASE_CONNECTIONS",
    "MENTORA_CONFIG",
    "MENTORA_BIND",
    "MENTORA_PORT",
    "MENTORA_DATA_DIR",
    "MENTORA_SITE_DIR",
    "MENTORA_DEMO",
    "MENTORA_SESSION_IDLE_DAYS",
    "MENTORA_LOCK_AFTER_MINUTES",
    "MENTORA_BEHIND_TLS",
    "MENTORA_USER_QUOTA_MIB",
    "MENTORA_METRICS_TOKEN",
    "MENTORA_METRICS_ADDR",
    "MENTORA_LOG_FORMAT",
    "RUST_LOG",
];

fn server(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mentora-server"));
    for name in VARIABLES {
        command.env_remove(name);
    }
    command.args(args).envs(env.iter().copied());
    command
}

/// `serve --check-config` with `args` and `env`: the settings printed, one per line.
fn settings(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut all = vec!["serve", "--check-config"];
    all.extend_from_slice(args);
    let output = server(&all, env).output().expect("run server");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    String::from_utf8(output.stdout).expect("utf-8")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write config");
    path.display().to_string()
}

#[track_caller]
fn has(settings: &str, line: &str) {
    assert!(
        settings.lines().any(|l| l == line),
        "{line} missing from:\n{settings}"
    );
}

#[test]
fn a_flag_beats_the_environment_beats_the_file_beats_the_default() {
    let fixture = Fixture::new();
    let file = write(
        fixture.dir.path(),
        "mentora.toml",
        "# the file\nport = 9001\nuser_quota_mib = 50\ndata_dir = \"stored\"\n\
         log_format = \"json\"\nmetrics_token = \"file-token-0123456789\"\n\
         metrics_addr = \"127.0.0.1:9090\"\n",
    );
    let with_file = ["--config", file.as_str()];

    let defaults = settings(&[], &[]);
    has(&defaults, "port = 8080");
    has(&defaults, "log_format = \"text\"");
    has(
        &defaults,
        "# metrics_token is not set: /metrics answers 404",
    );

    let from_file = settings(&with_file, &[]);
    has(&from_file, "port = 9001");
    has(&from_file, "user_quota_mib = 50");
    has(&from_file, "log_format = \"json\"");
    has(&from_file, "# metrics_token is set (not shown)");
    has(&from_file, "metrics_addr = \"127.0.0.1:9090\"");
    let stored = fixture.dir.path().join("stored").display().to_string();
    has(&from_file, &format!("data_dir = {}", toml_string(&stored)));
    assert!(!from_file.contains("file-token"), "{from_file}");

    let env = [("MENTORA_PORT", "9002"), ("MENTORA_LOG_FORMAT", "text")];
    let from_env = settings(&with_file, &env);
    has(&from_env, "port = 9002");
    has(&from_env, "log_format = \"text\"");
    has(&from_env, "user_quota_mib = 50");

    let mut flagged = with_file.to_vec();
    flagged.extend(["--port", "9003"]);
    let from_flag = settings(&flagged, &env);
    has(&from_flag, "port = 9003");
    has(&from_flag, "user_quota_mib = 50");

    // The file may be named by the environment too.
    let by_env = settings(&[], &[("MENTORA_CONFIG", file.as_str())]);
    has(&by_env, "port = 9001");
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Runs `serve` (which must not start) and returns its standard error.
fn refused(args: &[&str]) -> String {
    let mut child = server(args, &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run server");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _killed = child.kill();
            panic!("the server started despite a bad configuration file");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!status.success(), "{stderr}");
    assert!(
        output.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "one error line expected:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn a_bad_file_names_the_file_the_line_and_the_key_and_nothing_starts() {
    let fixture = Fixture::new();
    let site = fixture.site().display().to_string();
    let data = fixture.dir.path().join("data").display().to_string();
    let serve = |file: &str| {
        refused(&[
            "serve",
            "--port",
            "0",
            "--site-dir",
            &site,
            "--data-dir",
            &data,
            "--config",
            file,
        ])
    };

    let unknown = write(
        fixture.dir.path(),
        "unknown.toml",
        "port = 0\n\nprot = 9000\n",
    );
    let stderr = serve(&unknown);
    assert!(stderr.contains(&format!("{unknown}, line 3")), "{stderr}");
    assert!(stderr.contains("unknown field `prot`"), "{stderr}");

    let broken = write(
        fixture.dir.path(),
        "broken.toml",
        "port = 0\nbind = \"nowhere\n",
    );
    let stderr = serve(&broken);
    assert!(stderr.contains(&format!("{broken}, line 2")), "{stderr}");

    let range = write(fixture.dir.path(), "range.toml", "session_idle_days = 0\n");
    let stderr = serve(&range);
    assert!(
        stderr.contains("line 1") && stderr.contains("1..=3650"),
        "{stderr}"
    );

    let secret = write(
        fixture.dir.path(),
        "secret.toml",
        "metrics_token = \"tiny secret\"\n",
    );
    let stderr = serve(&secret);
    assert!(
        stderr.contains("metrics token") && !stderr.contains("tiny"),
        "{stderr}"
    );

    let missing = fixture
        .dir
        .path()
        .join("missing.toml")
        .display()
        .to_string();
    let stderr = serve(&missing);
    assert!(
        stderr.contains(&format!("cannot read the configuration file {missing}")),
        "{stderr}"
    );
    assert!(
        !fixture.db_path().exists(),
        "no database is made for a refused start"
    );
}

#[test]
fn a_refused_metrics_token_is_not_repeated() {
    for (args, env) in [
        (
            vec!["serve", "--check-config", "--metrics-token", "short-secret"],
            vec![],
        ),
        (
            vec!["serve", "--check-config"],
            vec![("MENTORA_METRICS_TOKEN", "short-secret")],
        ),
        (
            vec![
                "serve",
                "--check-config",
                "--metrics-token",
                "a secret with spaces",
            ],
            vec![],
        ),
    ] {
        let output = server(&args, &env).output().expect("run server");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(stderr.contains("metrics token"), "{stderr}");
        assert!(
            !stderr.contains("secret"),
            "the token was repeated:\n{stderr}"
        );
    }
}

#[test]
fn the_log_format_is_parsed_from_the_flag() {
    let parse = |args: &[&str]| config::parse_from(args.iter().copied());
    let format = |args: &[&str]| match parse(args) {
        Ok(config::Cli {
            command: config::Command::Serve(serve),
        }) => serve.log_format,
        other => panic!("{other:?}"),
    };
    assert_eq!(format(&["mentora-server", "serve"]), LogFormat::Text);
    assert_eq!(
        format(&["mentora-server", "serve", "--log-format", "json"]),
        LogFormat::Json
    );
    assert_eq!(
        format(&["mentora-server", "serve", "--log-format", "text"]),
        LogFormat::Text
    );
    assert!(matches!(
        parse(&["mentora-server", "serve", "--log-format", "xml"]),
        Err(ConfigError::Arguments(_))
    ));
}

#[test]
fn json_logs_are_one_object_per_line() {
    let fixture = Fixture::new();
    let data = fixture.dir.path().join("data").display().to_string();
    let site = fixture.site().display().to_string();
    let args = [
        "serve",
        "--port",
        "0",
        "--data-dir",
        &data,
        "--site-dir",
        &site,
    ];
    let mut child = server(&args, &[("MENTORA_LOG_FORMAT", "json")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run server");
    let stdout = child.stdout.take().expect("stdout");
    let (lines, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut logged = None;
    while let Ok(line) = received.recv_timeout(Duration::from_secs(30)) {
        if line.starts_with('{') {
            logged = Some(line);
            break;
        }
    }
    let _killed = child.kill();
    let _reaped = child.wait();
    let line = logged.expect("a JSON log line");
    let json: serde_json::Value = serde_json::from_str(&line).expect("one JSON object");
    assert_eq!(json["level"], "INFO", "{json}");
    assert_eq!(json["message"], "listening", "{json}");
    assert_eq!(json["metrics_token"], "unset", "{json}");
}

/// `--database-url` (issue 22) is shown without its password, from the flag and from the file;
/// `backup` and `restore` refuse a PostgreSQL database and name pg_dump / pg_restore.
#[test]
fn the_database_url_is_shown_without_its_password_and_backup_refuses_it() {
    let url = "postgres://mentora:hunter2-secret@db.internal:5432/mentora";
    let shown = settings(&["--database-url", url], &[]);
    has(
        &shown,
        "database_url = \"postgres://mentora:***@db.internal:5432/mentora\"",
    );
    has(&shown, "database_connections = 4");
    assert!(!shown.contains("hunter2"), "{shown}");
    let fixture = Fixture::new();
    let file = write(
        fixture.dir.path(),
        "mentora.toml",
        &format!("database_url = \"{url}\"\ndatabase_connections = 2\n"),
    );
    let from_file = settings(&["--config", &file], &[]);
    has(&from_file, "database_connections = 2");
    assert!(!from_file.contains("hunter2"), "{from_file}");

    let backup = server(
        &["backup", "--to", "/nonexistent/x.db"],
        &[("MENTORA_DATABASE_URL", url)],
    )
    .output()
    .expect("run backup");
    assert!(!backup.status.success());
    let said = String::from_utf8_lossy(&backup.stderr);
    assert!(said.contains("pg_dump"), "{said}");
    assert!(!said.contains("hunter2"), "{said}");
    let restore = server(
        &["restore", "--database-url", url, "/nonexistent/x.db"],
        &[],
    )
    .output()
    .expect("run restore");
    let said = String::from_utf8_lossy(&restore.stderr);
    assert!(said.contains("pg_restore"), "{said}");
    assert!(!said.contains("hunter2"), "{said}");

    let refused = refused(&["serve", "--database-url", "mysql://x"]);
    assert!(refused.contains("postgres://"), "{refused}");
}
