//! A throwaway PostgreSQL for the tests that need one (issue 22): Debian's server binaries
//! (`/usr/lib/postgresql/<version>/bin`, the `postgresql` package `.ci/run` installs), a new
//! cluster in a temporary folder, owned by an unprivileged user when this runs as root
//! (PostgreSQL refuses root), listening on a free port of 127.0.0.1 only, with trust
//! authentication (nothing but this machine's loopback reaches it, and it lives for one test
//! run). `fsync` is off: the data is thrown away.
//!
//! [`TestPostgres::start`] returns a guard; the cluster is stopped and its folder removed when
//! the guard is dropped, so also when the tests fail or xtask returns early with an error.
//! Tests get the database's URL in `MENTORA_TEST_DATABASE_URL`, and `MENTORA_REQUIRE_POSTGRES=1`
//! makes a test that cannot find it fail instead of skipping.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

use crate::cmd;

/// The variable tests read the database URL from.
pub const URL_VAR: &str = "MENTORA_TEST_DATABASE_URL";
/// Set to `1` where PostgreSQL must be there (`cargo xtask test`): a test without it fails.
pub const REQUIRE_VAR: &str = "MENTORA_REQUIRE_POSTGRES";

/// The cluster's folder in the temporary directory: this prefix and xtask's process id.
const PREFIX: &str = "mentora-pg-";
const DATABASE: &str = "mentora_test";
const SUPERUSER: &str = "mentora";

/// A running test cluster; stopped and deleted on drop.
#[derive(Debug)]
pub struct TestPostgres {
    bin: PathBuf,
    dir: PathBuf,
    /// `Some(user)`: the server runs as that user (xtask runs as root).
    run_as: Option<String>,
    url: String,
    running: bool,
}

impl TestPostgres {
    /// Creates and starts a cluster and its test database.
    pub fn start() -> anyhow::Result<Self> {
        let bin = find_bin_dir()?;
        let run_as = is_root().then(|| "nobody".to_owned());
        remove_stale(&bin, run_as.as_ref());
        let dir = std::env::temp_dir().join(format!("{PREFIX}{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove stale {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let mut pg = Self {
            bin,
            dir,
            run_as,
            url: String::new(),
            running: false,
        };
        if let Some(user) = &pg.run_as {
            let mut chown = Command::new("chown");
            chown.arg(format!("{user}:")).arg(&pg.dir);
            cmd::run(chown).context("cannot hand the cluster folder to the server's user")?;
        }
        pg.init()?;
        // The port is free when chosen and taken a moment later; another process could take
        // it in between, so a failed start tries again on another port.
        let mut last_error = None;
        for _ in 0..3 {
            let port = free_port()?;
            match pg.start_on(port) {
                Ok(()) => {
                    pg.running = true;
                    pg.create_database(port)?;
                    pg.url = format!("postgres://{SUPERUSER}@127.0.0.1:{port}/{DATABASE}");
                    println!("xtask: test PostgreSQL at {}", pg.url);
                    return Ok(pg);
                }
                Err(err) => last_error = Some(err),
            }
        }
        let log = std::fs::read_to_string(pg.dir.join("server.log")).unwrap_or_default();
        Err(last_error.unwrap_or_else(|| anyhow::anyhow!("no attempt made")))
            .with_context(|| format!("test PostgreSQL did not start; its log:\n{log}"))
    }

    /// Sets the variables tests read on `command`.
    pub fn export_to(&self, command: &mut Command) {
        command.env(URL_VAR, &self.url).env(REQUIRE_VAR, "1");
    }

    /// Stops the server (fast shutdown) and removes the cluster; also done on drop.
    pub fn stop(mut self) -> anyhow::Result<()> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> anyhow::Result<()> {
        let stopped = if self.running {
            self.running = false;
            let mut stop = self.as_user(self.bin.join("pg_ctl"));
            stop.arg("-D")
                .arg(self.data())
                .args(["stop", "-m", "fast", "-w", "-s"]);
            cmd::run(stop)
        } else {
            Ok(())
        };
        let removed = if self.dir.exists() {
            std::fs::remove_dir_all(&self.dir)
                .with_context(|| format!("cannot remove {}", self.dir.display()))
        } else {
            Ok(())
        };
        stopped.and(removed)
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// `program` as the cluster's user.
    fn as_user(&self, program: PathBuf) -> Command {
        let mut command = match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(program);
                command
            }
            None => Command::new(program),
        };
        // PostgreSQL's tools look up the working directory, which the user may not be able
        // to read: run them in the cluster's folder.
        command.current_dir(&self.dir);
        command
    }

    fn init(&self) -> anyhow::Result<()> {
        let mut initdb = self.as_user(self.bin.join("initdb"));
        initdb
            .arg("-D")
            .arg(self.data())
            .args([
                "-U",
                SUPERUSER,
                "--auth-local=trust",
                "--auth-host=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ])
            .stdout(std::process::Stdio::null());
        cmd::run(initdb).context("initdb failed")
    }

    fn start_on(&self, port: u16) -> anyhow::Result<()> {
        let mut start = self.as_user(self.bin.join("pg_ctl"));
        // `-k`: the Unix socket in the cluster's own folder (not /var/run/postgresql);
        // `-h 127.0.0.1`: TCP on loopback only.
        let options = format!(
            "-k {} -p {port} -h 127.0.0.1 -F -c max_connections=200",
            self.dir.display()
        );
        start
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.join("server.log"))
            .args(["-w", "-s", "-t", "60", "-o", &options, "start"]);
        cmd::run(start)
    }

    fn create_database(&self, port: u16) -> anyhow::Result<()> {
        let mut create = self.as_user(self.bin.join("createdb"));
        create.args([
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "-U",
            SUPERUSER,
            DATABASE,
        ]);
        cmd::run(create).context("createdb failed")
    }
}

impl Drop for TestPostgres {
    fn drop(&mut self) {
        if let Err(err) = self.shutdown() {
            eprintln!("xtask: could not clean up the test PostgreSQL: {err:#}");
        }
    }
}

/// Stops and removes the clusters of xtask runs that were killed (Ctrl-C) before they could:
/// their folder names a process that no longer runs.
fn remove_stale(bin: &Path, run_as: Option<&String>) {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        println!("xtask: removing a test PostgreSQL left by process {pid}");
        let dir = entry.path();
        // Dropping it stops the server (if its pid file says one runs) and removes the folder.
        drop(TestPostgres {
            bin: bin.to_path_buf(),
            running: dir.join("data").join("postmaster.pid").is_file(),
            dir,
            run_as: run_as.cloned(),
            url: String::new(),
        });
    }
}

/// The newest `/usr/lib/postgresql/<version>/bin` holding `initdb` and `pg_ctl`.
fn find_bin_dir() -> anyhow::Result<PathBuf> {
    let root = Path::new("/usr/lib/postgresql");
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(root)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|entry| {
                    let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
                    let bin = entry.path().join("bin");
                    (bin.join("initdb").is_file() && bin.join("pg_ctl").is_file())
                        .then_some((version, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    match found.pop() {
        Some((_, bin)) => Ok(bin),
        None => bail!(
            "PostgreSQL's server binaries were not found under {} \
             (install Debian's `postgresql` package: `apt-get install postgresql`)",
            root.display()
        ),
    }
}

fn is_root() -> bool {
    let mut id = Command::new("id");
    id.arg("-u");
    cmd::output(id).is_some_and(|uid| uid.trim() == "0")
}

fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// `cargo xtask with-postgres CMD [ARG…]`: runs one command with a test PostgreSQL, e.g.
/// `cargo xtask with-postgres cargo test -p mentora-server pg_`.
pub fn with_postgres(args: &[String]) -> anyhow::Result<()> {
    let Some((program, rest)) = args.split_first() else {
        bail!("usage: cargo xtask with-postgres <command> [args…]");
    };
    let pg = TestPostgres::start()?;
    let mut command = Command::new(program);
    command.args(rest);
    pg.export_to(&mut command);
    let result = cmd::run(command);
    let stopped = pg.stop();
    result.and(stopped)
}
