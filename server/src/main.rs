//! `mentora-server`: parses the configuration, opens the database, binds, serves until a signal.
//! Configuration and start-up failures print one `error: ...` line and exit non-zero.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context as _;
use mentora_server::accounts::{self, NewUser, Password, admin, strength};
use mentora_server::config::{
    self, BackupConfig, Command, ConfigError, DatabaseUrl, LogFormat, RestoreConfig, ServeConfig,
    SyncFileCommand, SyncFileImportConfig, UserAddConfig, UserCommand, UserDeviceConfig,
    UserGrantConfig, UserNameConfig, UserRemovePlaceConfig,
};
use mentora_server::{
    AppState, Db, ServerOptions, backup, db, demo, metrics, serve, setup, sync_file,
};
use mentora_shared::sync::ServerConfig;
use tokio::net::TcpListener;

fn main() -> ExitCode {
    let cli = match config::parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(ConfigError::Arguments(err)) => err.exit(),
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let log_format = match &cli.command {
        Command::Serve(config) => config.log_format,
        _ => LogFormat::Text,
    };
    log_format.init_logging();
    let result = match cli.command {
        Command::Serve(config) if config.check_config => {
            print!("{}", config.describe());
            Ok(())
        }
        Command::Serve(config) => run_serve(config),
        Command::User(UserCommand::Add(config)) => run_user_add(config),
        Command::User(UserCommand::Grant(config)) => run_user_grant(config),
        Command::User(UserCommand::Passwd(config)) => run_user_passwd(config),
        Command::User(UserCommand::Disable(config)) => run_user_disable(config, true),
        Command::User(UserCommand::Enable(config)) => run_user_disable(config, false),
        Command::User(UserCommand::RemovePlace(config)) => run_user_remove_place(config),
        Command::User(UserCommand::Revoke(config)) => run_user_revoke(config),
        Command::User(UserCommand::RevokeDevice(config)) => run_user_revoke_device(config),
        Command::User(UserCommand::List(config)) => {
            setup::cli::run_user_list(&config).map(|said| println!("{said}"))
        }
        Command::User(UserCommand::Log(config)) => {
            setup::cli::run_admin_log(&config).map(|said| println!("{said}"))
        }
        Command::Backup(config) => run_backup(&config),
        Command::SyncFile(SyncFileCommand::Import(config)) => run_sync_file_import(&config),
        Command::Restore(config) => run_restore(&config),
        Command::Place(setup::cli::PlaceCommand::Deactivate(config)) => {
            setup::cli::run_set_active(&config, false).map(|said| println!("{said}"))
        }
        Command::Place(setup::cli::PlaceCommand::Activate(config)) => {
            setup::cli::run_set_active(&config, true).map(|said| println!("{said}"))
        }
        Command::Place(setup::cli::PlaceCommand::Import(config)) => {
            setup::cli::run_import(&config).map(|summary| println!("{summary}"))
        }
        Command::Tracker(setup::cli::TrackerCommand::Import(config)) => {
            setup::cli::run_tracker_import(&config).map(|summary| println!("{summary}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_serve(config: ServeConfig) -> anyhow::Result<()> {
    let index = config.site_dir.join("index.html");
    anyhow::ensure!(
        index.is_file(),
        "no built app at {} (run `cargo xtask build` or pass --site-dir)",
        index.display()
    );
    let mut conn = match &config.database_url {
        Some(url) => db::open_postgres(url.secret(), config.demo)?,
        None => Db::from(db::open(&config.database_path(), config.demo)?),
    };
    let published = demo::accounts_with_published_password(&conn)?;
    // On stderr, where operators look for trouble (stdout's first line is the address).
    if !published.is_empty() {
        eprintln!(
            "WARNING: DEMO ACCOUNTS WITH THE PUBLISHED PASSWORD EXIST ({}): anyone can sign in \
             as them. Never use this database for real data; change their passwords with \
             `user passwd` or disable them with `user disable`.",
            published.join(", ")
        );
    } else if config.demo {
        eprintln!("warning: --demo ignored: the database already has users");
    }
    if config.demo_records {
        let now = i64::try_from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default()
                .as_secs(),
        )
        .unwrap_or(i64::MAX);
        match demo::seed_records(&mut conn, now)? {
            demo::RecordsSeeded::Written {
                mentees,
                chw_sessions,
            } => {
                eprintln!(
                    "demo records: {mentees} mentee records and {chw_sessions} CHW group sessions \
                     written (never use on real data)"
                );
            }
            demo::RecordsSeeded::HasDocuments => {
                eprintln!("warning: --demo-records ignored: the database already has records");
            }
            demo::RecordsSeeded::NoDemoPlaces => {
                eprintln!(
                    "warning: --demo-records ignored: the database does not hold the demo places \
                     (start a new database with --demo)"
                );
            }
        }
    }
    // The blocking PostgreSQL client connects before the async runtime starts.
    let mut pool = vec![conn];
    if let Some(url) = &config.database_url {
        for _ in 1..config.database_connections {
            pool.push(Db::from(db::connect_postgres(url.secret())?));
        }
    }
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(config.bind, config.port);
        let listener = TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener
            .local_addr()
            .context("cannot read the bound address")?;
        let metrics_listener = match config.metrics_addr {
            Some(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("cannot listen on {addr} (--metrics-addr)"))?,
            ),
            None => None,
        };
        println!("mentora listening on http://{local}");
        let metrics_local = metrics_listener.as_ref().and_then(|l| l.local_addr().ok());
        if let Some(metrics_local) = metrics_local {
            println!("mentora metrics on http://{metrics_local}/metrics");
        }
        tracing::info!(
            address = %local,
            metrics_token = if config.metrics_token.is_some() { "set" } else { "unset" },
            metrics_address = metrics_local.map(|a| a.to_string()),
            "listening"
        );
        let options = ServerOptions {
            session_idle_days: config.session_idle_days,
            behind_tls: config.behind_tls,
            lock_after_minutes: config.lock_after_minutes,
            ..ServerOptions::default()
        };
        let mut state = AppState::with_pool(pool, config.site_dir.clone(), options);
        if let Some(url) = &config.database_url {
            state = state.with_reconnect_url(url);
        }
        let state = state
            .with_user_quota_bytes(config.user_quota_mib.saturating_mul(1 << 20))
            .with_metrics_token(config.metrics_token.as_ref());
        if let Some(metrics_listener) = metrics_listener {
            let served =
                metrics::serve_on_own_address(metrics_listener, state.clone(), shutdown_signal());
            tokio::spawn(async move {
                if let Err(err) = served.await {
                    tracing::error!("the metrics address stopped: {err}");
                }
            });
        }
        serve(listener, state, shutdown_signal())
            .await
            .context("server stopped with an error")?;
        println!("mentora stopped");
        Ok(())
    })
}

/// A password from `MENTORA_PASSWORD` or else the first line of stdin, checked against the
/// strength rules (`accounts::strength`).
fn read_password(username: &str) -> anyhow::Result<Password> {
    let password = match std::env::var("MENTORA_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let password = Password(password);
    strength::check(username, &password)?;
    Ok(password)
}

/// Creates a user; the password comes from `MENTORA_PASSWORD` or the first line of stdin.
fn run_user_add(config: UserAddConfig) -> anyhow::Result<()> {
    let password = read_password(&config.username)?;
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let new = NewUser {
        display_name: config
            .display_name
            .clone()
            .unwrap_or_else(|| config.username.clone()),
        username: config.username,
        role: config.role,
        districts: config.districts,
        facilities: config.facilities,
        affiliation: config.affiliation,
        password,
    };
    let user = accounts::add_user(&mut conn, &new)?;
    println!("created {} {}", user.role.as_str(), user.username);
    Ok(())
}

fn run_user_grant(config: UserGrantConfig) -> anyhow::Result<()> {
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let user = accounts::grant(
        &mut conn,
        &config.username,
        &config.districts,
        &config.facilities,
    )?;
    print_scope(&user);
    Ok(())
}

fn run_user_passwd(config: UserNameConfig) -> anyhow::Result<()> {
    let password = read_password(&config.username)?;
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let ended = admin::set_password(&mut conn, &config.username, &password, None)?;
    println!(
        "password changed for {}; {ended} session(s) ended",
        config.username
    );
    Ok(())
}

fn run_user_disable(config: UserNameConfig, disabled: bool) -> anyhow::Result<()> {
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let ended = admin::set_disabled(&mut conn, &config.username, disabled)?;
    if disabled {
        println!("disabled {}; {ended} session(s) ended", config.username);
    } else {
        println!("enabled {}", config.username);
    }
    Ok(())
}

fn run_user_remove_place(config: UserRemovePlaceConfig) -> anyhow::Result<()> {
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let user = admin::remove_place(&mut conn, &config.username, &config.place)?;
    print_scope(&user);
    Ok(())
}

fn run_user_revoke(config: UserNameConfig) -> anyhow::Result<()> {
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let ended = admin::revoke(&mut conn, &config.username)?;
    println!("{ended} session(s) of {} ended", config.username);
    Ok(())
}

fn run_user_revoke_device(config: UserDeviceConfig) -> anyhow::Result<()> {
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let (device, ended) = admin::revoke_device(&mut conn, &config.username, &config.device)?;
    println!(
        "device {device} of {} revoked; {ended} session(s) ended",
        config.username
    );
    Ok(())
}

fn run_sync_file_import(config: &SyncFileImportConfig) -> anyhow::Result<()> {
    anyhow::ensure!(
        !config.out.exists(),
        "{} already exists: choose another name",
        config.out.display()
    );
    let bytes = std::fs::read(&config.file)
        .with_context(|| format!("cannot read {}", config.file.display()))?;
    let mut conn = db::open_cli(&config.data_dir, config.database_url.as_ref())?;
    let answer = sync_file::import(&mut conn, &ServerConfig::default(), &bytes)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    std::fs::write(&config.out, &answer.file)
        .with_context(|| format!("cannot write {}", config.out.display()))?;
    println!(
        "synced {}'s tablet from {}; the answer to carry back is {}",
        answer.username,
        config.file.display(),
        config.out.display()
    );
    Ok(())
}

fn run_backup(config: &BackupConfig) -> anyhow::Result<()> {
    refuse_postgres(
        config.database_url.as_ref(),
        "backup",
        "pg_dump --format=custom",
    )?;
    let summary = backup::backup(&config.data_dir.join("mentora.db"), &config.to)?;
    println!(
        "backed up to {}: {} users, {} documents (schema {})",
        config.to.display(),
        summary.users,
        summary.documents,
        summary.schema_version
    );
    Ok(())
}

fn run_restore(config: &RestoreConfig) -> anyhow::Result<()> {
    refuse_postgres(config.database_url.as_ref(), "restore", "pg_restore")?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let database = config.data_dir.join("mentora.db");
    let (summary, kept) = backup::restore(&config.from, &database, now)?;
    println!(
        "restored {} into {}: {} users, {} documents (schema {})",
        config.from.display(),
        database.display(),
        summary.users,
        summary.documents,
        summary.schema_version
    );
    if let Some(kept) = kept {
        println!("the database it replaced is kept as {}", kept.display());
    }
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// One line: the user's role, name and places.
fn print_scope(user: &accounts::User) {
    println!(
        "{} {}: districts [{}], facilities [{}]",
        user.role.as_str(),
        user.username,
        user.districts.join(", "),
        user.facilities.join(", ")
    );
}

/// `backup` and `restore` copy the SQLite file; a PostgreSQL database is PostgreSQL's to copy.
fn refuse_postgres(url: Option<&DatabaseUrl>, command: &str, tool: &str) -> anyhow::Result<()> {
    match url {
        Some(url) => anyhow::bail!(
            "`{command}` copies the SQLite database; the data is in PostgreSQL ({}): use {tool} \
             instead (see docs/operations.md)",
            url.shown()
        ),
        None => Ok(()),
    }
}
