//! Load benchmark (issue 21): thousands of simulated tablets against the real `mentora-server`
//! binary on loopback, open loop, for minutes; reports throughput, latency percentiles and
//! errors per request kind, and the server's memory (VmRSS) and database size over time. Not a
//! timed test (docs/benchmarks.md, "Load"):
//!
//! ```sh
//! cargo bench -p mentora-server --bench load -- --devices 5000 --minutes 10 --seed 1
//! nice cargo test -p mentora-server --bench load -- --devices 200 --minutes 1   # quick, debug
//! ```
//!
//! Set-up, before the server starts, through the server's own library (`db::open`,
//! `accounts::open_session`): one facility per 10 tablets, one district per 25 facilities, one
//! mentor account per tablet, one supervisor per district, and a session per tablet, the way a
//! sign-in makes one but without 5,000 argon2id hashes (all accounts share one password hash).
//! Then every tablet — a real `ClientSync` — creates two mentees and a visit with the
//! `documents` writers and pushes them, and syncs once more to hold its facility's records.
//!
//! The measured phase follows `plan::schedule`: arrivals at seeded Poisson times whether or not
//! earlier requests have finished, so latency (from the scheduled time to the last byte) includes
//! any queueing. At most `--in-flight` operations run at once; a tablet runs one at a time.
//! Every non-2xx status, transport failure and refused push is an error, by kind and status.
//! Afterwards a sample of tablets that pushed a day's work is checked against a new tablet's
//! initial sync of the same facility: every document, same heads. Exits non-zero on an error or a
//! failed check; the server is killed on the way out, even on a panic.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, Instant};

use mentora_server::accounts::{self, Password, sessions};
use mentora_server::db;
use mentora_shared::documents::{mentee, visit};
use mentora_shared::domain::date::Date;
use mentora_shared::domain::people::Cadre;
use mentora_shared::sync::wire::{self, Limits, PushOutcome};
use mentora_shared::sync::{
    ClientConfig, ClientEvent, ClientSync, DeviceId, DocHeader, DocId, DocKind, PlaceId, Scope,
};
use rusqlite::params;
use tokio::sync::{Mutex, Semaphore};

#[path = "load/plan.rs"]
mod plan;
#[allow(dead_code, reason = "the sync benchmark's device is not used here")]
mod support;

use plan::{Event, Kind, Mix, Rng, percentile, schedule};
use support::Server;
use support::client::{Conn, gunzip, gzip_bytes};

const PASSWORD: &str = "mentora-demo";
const TABLETS_PER_FACILITY: usize = 10;
const FACILITIES_PER_DISTRICT: usize = 25;
/// Tablets checked against a new tablet's initial sync at the end.
const VERIFY_SAMPLE: usize = 20;
const EXPORTS: [&str; 3] = [
    "/api/exports/mentees.csv",
    "/api/exports/visits.csv",
    "/api/exports/mentora.xlsx",
];

struct Options {
    devices: usize,
    minutes: f64,
    seed: u64,
    in_flight: usize,
    /// Every kind's rate multiplied by this (headroom: how far past the target the server holds).
    speedup: f64,
    /// A server binary to run instead of this build's (e.g. one built with `--profile server`).
    server_bin: Option<PathBuf>,
}

impl Options {
    fn parse() -> Self {
        let mut options = Self {
            devices: 200,
            minutes: 1.0,
            seed: 1,
            in_flight: 256,
            speedup: 1.0,
            server_bin: None,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
            };
            let number = |v: String| {
                v.parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite() && *n > 0.0)
                    .unwrap_or_else(|| usage(&format!("{arg} needs a positive number")))
            };
            match arg.as_str() {
                "--devices" => options.devices = number(value()) as usize,
                "--minutes" => options.minutes = number(value()),
                "--seed" => options.seed = number(value()) as u64,
                "--in-flight" => options.in_flight = number(value()) as usize,
                "--speedup" => options.speedup = number(value()),
                "--server-bin" => options.server_bin = Some(PathBuf::from(value())),
                // `cargo bench` passes `--bench` to a harness-less benchmark.
                "--bench" => {}
                other => usage(&format!("unknown argument {other}")),
            }
        }
        options
    }
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "error: {problem}\nusage: load [--devices N] [--minutes M] [--seed S] [--in-flight N] \
         [--speedup X] [--server-bin PATH]"
    );
    std::process::exit(2)
}

/// Places and accounts, as made in the database before the server starts.
struct World {
    facilities: Vec<(String, String)>,
    /// Per tablet: username, facility index, device id, token.
    tablets: Vec<Tablet>,
    /// Per supervisor: its token.
    supervisors: Vec<String>,
    /// New tablets' sessions, by owning tablet index, for initial syncs and the final check.
    spares: BTreeMap<usize, Vec<([u8; 16], String)>>,
}

struct Tablet {
    username: String,
    facility: usize,
    id: [u8; 16],
    token: String,
}

fn device_id(rng: &mut Rng) -> [u8; 16] {
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
    id[8..].copy_from_slice(&rng.next_u64().to_le_bytes());
    id
}

/// Writes places, accounts and sessions straight into a fresh database (the server's own code,
/// `synchronous = OFF` for the set-up only). `spares_for` counts new-tablet sessions per tablet.
fn set_up(
    data: &Path,
    devices: usize,
    spares_for: &BTreeMap<usize, usize>,
    rng: &mut Rng,
) -> World {
    std::fs::create_dir_all(data).expect("data dir");
    let mut conn = db::open(&data.join("mentora.db"), true).expect("database");
    conn.pragma_update(None, "synchronous", "OFF")
        .expect("pragma");
    let facility_count = devices.div_ceil(TABLETS_PER_FACILITY);
    let district_count = facility_count.div_ceil(FACILITIES_PER_DISTRICT);
    let districts: Vec<String> = (0..district_count)
        .map(|d| format!("load-d{d:03}"))
        .collect();
    let facilities: Vec<(String, String)> = (0..facility_count)
        .map(|f| {
            let district = &districts[f / FACILITIES_PER_DISTRICT];
            (district.clone(), format!("{district}-hc{f:04}"))
        })
        .collect();
    let hash = accounts::hash_password(&Password(PASSWORD.to_owned())).expect("hash");
    let tx = conn.transaction().expect("transaction");
    for d in &districts {
        tx.execute(
            "INSERT INTO place (id, parent_id, level, name) VALUES (?1, 'rw-south', 'district', ?1)",
            [d],
        )
        .expect("district");
    }
    for (d, f) in &facilities {
        tx.execute(
            "INSERT INTO place (id, parent_id, level, name) VALUES (?1, ?2, 'health_centre', ?1)",
            params![f, d],
        )
        .expect("facility");
    }
    let add = |username: &str, role: &str, kind: &str, place: &str| {
        tx.execute(
            "INSERT INTO user_account (username, display_name, role, password_hash, created_at)
             VALUES (?1, ?1, ?2, ?3, 0)",
            params![username, role, hash],
        )
        .expect("user");
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO user_scope (user_id, kind, place_id) VALUES (?1, ?2, ?3)",
            params![id, kind, place],
        )
        .expect("scope");
    };
    for i in 0..devices {
        add(
            &format!("load-m{i:05}"),
            "mentor",
            "facility",
            &facilities[i / TABLETS_PER_FACILITY].1,
        );
    }
    for d in &districts {
        add(&format!("{d}-sup"), "supervisor", "district", d);
    }
    tx.commit().expect("commit");
    let mut conn = mentora_server::Db::from(conn);
    let mut open = |username: &str, id: [u8; 16]| -> String {
        let (user, _hash) = accounts::user_for_login(&conn, username)
            .expect("user")
            .expect("exists");
        sessions::open_session(&mut conn, &user, DeviceId(id), 60)
            .expect("session")
            .0
    };
    let tablets: Vec<Tablet> = (0..devices)
        .map(|i| {
            let username = format!("load-m{i:05}");
            let id = device_id(rng);
            let token = open(&username, id);
            Tablet {
                username,
                facility: i / TABLETS_PER_FACILITY,
                id,
                token,
            }
        })
        .collect();
    let supervisors = districts
        .iter()
        .map(|d| open(&format!("{d}-sup"), device_id(rng)))
        .collect();
    let mut spares = BTreeMap::new();
    for (&tablet, &count) in spares_for {
        let list: Vec<_> = (0..count)
            .map(|_| {
                let id = device_id(rng);
                (id, open(&tablets[tablet].username, id))
            })
            .collect();
        spares.insert(tablet, list);
    }
    World {
        facilities,
        tablets,
        supervisors,
        spares,
    }
}

/// Why an operation failed: an HTTP status, a transport error, or a refused push.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Failure {
    Status(u16),
    Transport,
    Refused(String),
    Check(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Status(s) => write!(f, "HTTP {s}"),
            Self::Transport => f.write_str("transport"),
            Self::Refused(r) => write!(f, "push refused: {r}"),
            Self::Check(c) => write!(f, "check: {c}"),
        }
    }
}

/// One tablet: the app's sync state machine, its session and what it has made.
struct Device {
    sync: ClientSync,
    token: String,
    username: String,
    header_mentee: DocHeader,
    header_visit: DocHeader,
    facility: String,
    /// Mentee documents this tablet created (edited again in a day's work).
    own: Vec<DocId>,
    rng: Rng,
    now: u64,
    pushed_day: bool,
}

fn header(kind: &str, district: &str, facility: &str) -> DocHeader {
    DocHeader {
        kind: DocKind::new(kind).expect("kind"),
        schema_version: 1,
        scope: Scope {
            district: PlaceId::new(district).expect("district"),
            facility: Some(PlaceId::new(facility).expect("facility")),
        },
    }
}

const COMPETENCIES: [&str; 4] = ["hbb", "eceb", "partograph", "amtsl_pph"];

impl Device {
    fn new(id: [u8; 16], token: String, username: &str, place: &(String, String)) -> Self {
        let seed = u64::from_le_bytes(id[..8].try_into().unwrap_or_default());
        let mut sync = ClientSync::new(DeviceId(id), ClientConfig::default(), seed);
        // Offline between operations: edits queue up instead of starting requests on their own.
        let _nothing = sync.handle(1_000, ClientEvent::Offline);
        Self {
            sync,
            token,
            username: username.to_owned(),
            header_mentee: header(mentee::KIND, &place.0, &place.1),
            header_visit: header(visit::KIND, &place.0, &place.1),
            facility: place.1.clone(),
            own: Vec::new(),
            rng: Rng(seed),
            now: 1_700_000_000_000,
            pushed_day: false,
        }
    }

    fn new_id(&mut self) -> DocId {
        let mut id = [0u8; 16];
        id[..8].copy_from_slice(&self.rng.next_u64().to_le_bytes());
        id[8..].copy_from_slice(&self.rng.next_u64().to_le_bytes());
        DocId(id)
    }

    fn new_mentee(&mut self) -> DocId {
        let doc_id = self.new_id();
        let n = self.rng.next_u64() % 100_000;
        let record = mentee::MenteeRecord {
            name: format!("Mentee {n}"),
            cadre: if n.is_multiple_of(2) {
                Cadre::Nurse
            } else {
                Cadre::Midwife
            },
            facility: self.facility.clone(),
            phone: None,
            association: None,
            competencies: [COMPETENCIES[(n % 4) as usize].to_owned()].into(),
        };
        let now = self.now;
        let _fx = self
            .sync
            .create_doc(now, doc_id, self.header_mentee.clone())
            .expect("new document");
        self.sync
            .edit(now, doc_id, |doc| mentee::write_new(doc, &record))
            .expect("exists")
            .0
            .expect("mentee written");
        self.own.push(doc_id);
        doc_id
    }

    fn new_visit(&mut self, mentees: &[DocId], activities: usize) {
        let doc_id = self.new_id();
        let day = Date::new(2026, 11, 1 + (self.rng.next_u64() % 28) as u8).expect("date");
        let plan = visit::VisitPlan {
            start: day,
            end: day,
            mentors: vec![self.username.clone()],
            activities: [
                visit::ActivityKind::EntryMeeting,
                visit::ActivityKind::CaseObservation,
                visit::ActivityKind::Debrief,
            ]
            .into(),
            expected_mentees: mentees.iter().map(|m| hex(&m.0)).collect(),
            notes: "Follow up on the partograph".to_owned(),
        };
        let now = self.now;
        let _fx = self
            .sync
            .create_doc(now, doc_id, self.header_visit.clone())
            .expect("new document");
        let entries: Vec<(String, visit::ActivityEntry)> = (0..activities)
            .map(|i| {
                let activity = match (i, mentees.get(i % mentees.len().max(1))) {
                    (0, _) => visit::Activity::EntryMeeting,
                    (_, Some(m)) => visit::Activity::CaseObservation {
                        mentee: hex(&m.0),
                        assessment: None,
                    },
                    _ => visit::Activity::Debrief,
                };
                let entry = visit::ActivityEntry {
                    activity,
                    date: day,
                    time: None,
                    notes: format!("activity {i} went well; practise the next step"),
                    logged_by: self.username.clone(),
                };
                (format!("{:016x}", self.rng.next_u64()), entry)
            })
            .collect();
        self.sync
            .edit(now, doc_id, |doc| -> Result<(), _> {
                visit::write_new(doc, &plan)?;
                if !entries.is_empty() {
                    visit::set_state(doc, visit::VisitState::InProgress)?;
                }
                for (id, entry) in &entries {
                    visit::log_activity(doc, id, entry)?;
                }
                Ok::<(), mentora_shared::documents::DocError>(())
            })
            .expect("exists")
            .0
            .expect("visit written");
    }

    /// A day's work: a new mentee, a visit with four activities, one earlier mentee edited.
    fn day_of_work(&mut self) {
        self.now += 60_000;
        let fresh = self.new_mentee();
        let earlier = self.own[self.rng.below(self.own.len())];
        self.new_visit(&[fresh, earlier], 4);
        let now = self.now;
        let competency = COMPETENCIES[self.rng.below(COMPETENCIES.len())];
        self.sync
            .edit(
                now,
                earlier,
                |doc| -> Result<(), mentora_shared::documents::DocError> {
                    let mut record = mentee::read(doc)?;
                    record.competencies.insert(competency.to_owned());
                    record.name = format!(
                        "{} ({})",
                        record.name.split(" (").next().unwrap_or(""),
                        now % 97
                    );
                    mentee::update(doc, &record)
                },
            )
            .expect("exists")
            .0
            .expect("mentee updated");
    }

    /// Syncs until the state machine has nothing more to send; returns the round trips.
    async fn sync(&mut self, addr: std::net::SocketAddr) -> Result<usize, Failure> {
        let mut conn = Conn::open(addr).await.map_err(|_| Failure::Transport)?;
        self.now += 1;
        let mut fx = self.sync.handle(self.now, ClientEvent::Online);
        let mut trips = 0;
        let mut outcome = Ok(());
        while let Some(out) = fx.send.take() {
            trips += 1;
            let reply = post_sync(&mut conn, &self.token, out.body).await;
            match reply {
                Ok(body) => {
                    if let Err(refused) = refusals(&body) {
                        outcome = Err(refused);
                    }
                    fx = self.sync.handle(
                        self.now,
                        ClientEvent::Response {
                            request_id: out.request_id,
                            body,
                        },
                    );
                }
                Err(failure) => {
                    let _retry_later = self.sync.handle(
                        self.now,
                        ClientEvent::Failed {
                            request_id: out.request_id,
                            reason: failure.to_string(),
                            offline: false,
                            retry_after_ms: None,
                        },
                    );
                    outcome = Err(failure);
                    break;
                }
            }
        }
        let _offline = self.sync.handle(self.now, ClientEvent::Offline);
        outcome.map(|()| trips)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Any push the server did not accept.
fn refusals(body: &[u8]) -> Result<(), Failure> {
    let response = wire::decode_response(body, &Limits::RESPONSE)
        .map_err(|e| Failure::Check(format!("undecodable response: {e}")))?;
    match response
        .results
        .iter()
        .find(|r| !matches!(r.outcome, PushOutcome::Accepted { .. }))
    {
        Some(r) => Err(Failure::Refused(format!("{:?}", r.outcome))),
        None => Ok(()),
    }
}

async fn post_sync(conn: &mut Conn, token: &str, raw: Vec<u8>) -> Result<Vec<u8>, Failure> {
    let auth = format!("Bearer {token}");
    let headers = [
        ("content-type", "application/octet-stream"),
        ("authorization", auth.as_str()),
        ("content-encoding", "gzip"),
        ("accept-encoding", "gzip"),
    ];
    let reply = conn
        .send("POST", "/api/sync", &headers, gzip_bytes(&raw))
        .await
        .map_err(|_| Failure::Transport)?;
    if !reply.status.is_success() {
        return Err(Failure::Status(reply.status.as_u16()));
    }
    match reply.content_encoding.as_deref() {
        Some("gzip") => gunzip(&reply.body).map_err(|_| Failure::Transport),
        _ => Ok(reply.body),
    }
}

async fn login(
    addr: std::net::SocketAddr,
    username: &str,
    id: [u8; 16],
) -> Result<String, Failure> {
    let mut conn = Conn::open(addr).await.map_err(|_| Failure::Transport)?;
    let body = serde_json::json!({
        "username": username,
        "password": PASSWORD,
        "device_id": uuid::Uuid::from_bytes(id).to_string(),
    });
    let reply = conn
        .send(
            "POST",
            "/api/login",
            &[("content-type", "application/json")],
            body.to_string().into_bytes(),
        )
        .await
        .map_err(|_| Failure::Transport)?;
    if !reply.status.is_success() {
        return Err(Failure::Status(reply.status.as_u16()));
    }
    let json: serde_json::Value =
        serde_json::from_slice(&reply.body).map_err(|_| Failure::Check("login body".into()))?;
    json["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| Failure::Check("no token".into()))
}

async fn export(addr: std::net::SocketAddr, token: &str, path: &str) -> Result<usize, Failure> {
    let mut conn = Conn::open(addr).await.map_err(|_| Failure::Transport)?;
    let auth = format!("Bearer {token}");
    let reply = conn
        .send("GET", path, &[("authorization", auth.as_str())], Vec::new())
        .await
        .map_err(|_| Failure::Transport)?;
    if !reply.status.is_success() {
        return Err(Failure::Status(reply.status.as_u16()));
    }
    if reply.body.is_empty() {
        return Err(Failure::Check("empty export".into()));
    }
    Ok(reply.body.len())
}

/// Latencies (µs) of successful operations and failures, per kind.
#[derive(Default)]
struct Recorder {
    latencies: [Vec<u64>; 5],
    failures: [BTreeMap<Failure, usize>; 5],
    failure_latencies: [Vec<u64>; 5],
    round_trips: [usize; 5],
    docs_received: usize,
    export_bytes: usize,
}

/// One sample of the server's memory and database.
struct Sample {
    at_s: f64,
    rss_kib: u64,
    db_bytes: u64,
    /// CPU seconds (user + system) the server and this load generator have used so far.
    server_cpu_s: f64,
    own_cpu_s: f64,
}

/// User + system CPU seconds of a process, from `/proc/<pid>/stat` (clock ticks of 1/100 s).
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) as f64 / 100.0
}

fn sample(server: &Server, data: &Path, started: Instant) -> Sample {
    let kib = |field: &str| {
        server
            .status(field)
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let size = |name: &str| std::fs::metadata(data.join(name)).map_or(0, |m| m.len());
    Sample {
        at_s: started.elapsed().as_secs_f64(),
        rss_kib: kib("VmRSS:"),
        db_bytes: size("mentora.db") + size("mentora.db-wal"),
        server_cpu_s: cpu_seconds(&server.pid().to_string()),
        own_cpu_s: cpu_seconds("self"),
    }
}

fn main() {
    let options = Options::parse();
    let duration_ms = (options.minutes * 60_000.0) as u64;
    let supervisors = options
        .devices
        .div_ceil(TABLETS_PER_FACILITY)
        .div_ceil(FACILITIES_PER_DISTRICT);
    let mix = Mix(Mix::REALISTIC.0.map(|rate| rate * options.speedup));
    let events = schedule(options.devices, supervisors, duration_ms, mix, options.seed);
    // New tablets: one session per initial sync in the schedule, plus the final check's.
    let mut spares_for: BTreeMap<usize, usize> = BTreeMap::new();
    for e in events.iter().filter(|e| e.kind == Kind::Initial) {
        *spares_for.entry(e.actor).or_default() += 1;
    }
    let mut to_verify = Vec::new();
    for e in events.iter().filter(|e| e.kind == Kind::DayWork) {
        if to_verify.len() < VERIFY_SAMPLE && !to_verify.contains(&e.actor) {
            to_verify.push(e.actor);
            *spares_for.entry(e.actor).or_default() += 1;
        }
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let (data, site) = (dir.path().join("data"), dir.path().join("site"));
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(site.join("index.html"), "<title>Mentora</title>").expect("index");
    let started = Instant::now();
    let mut rng = Rng(options.seed ^ 0x5eed);
    let world = set_up(&data, options.devices, &spares_for, &mut rng);
    println!(
        "set-up: {} tablets, {} facilities, {} supervisors, {} new-tablet sessions in {:.1} s",
        world.tablets.len(),
        world.facilities.len(),
        world.supervisors.len(),
        world.spares.values().map(Vec::len).sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    let server = Server::start_with(options.server_bin.as_deref(), &data, &site);
    let pid = server.pid();
    // A panic must not leave the server running (a bench profile may abort instead of unwind).
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _killed = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status();
        default_hook(info);
    }));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let ok = runtime.block_on(run(&options, &server, &data, world, events, to_verify));
    drop(runtime);
    drop(server);
    if !ok {
        std::process::exit(1);
    }
}

type Devices = Arc<Vec<Mutex<Device>>>;

async fn run(
    options: &Options,
    server: &Server,
    data: &Path,
    world: World,
    events: Vec<Event>,
    to_verify: Vec<usize>,
) -> bool {
    let addr = server.addr;
    let started = Instant::now();
    let devices: Vec<Mutex<Device>> = world
        .tablets
        .iter()
        .map(|t| {
            Mutex::new(Device::new(
                t.id,
                t.token.clone(),
                &t.username,
                &world.facilities[t.facility],
            ))
        })
        .collect();
    let devices: Devices = Arc::new(devices);
    let mut samples = vec![sample(server, data, started)];

    // Warm-up: every tablet pushes two mentees and a visit, then pulls its facility's records.
    let gate = Arc::new(Semaphore::new(16));
    let warm_up_errors = Arc::new(StdMutex::new(BTreeMap::<Failure, usize>::new()));
    for pass in 0..2 {
        let tasks: Vec<_> = (0..devices.len())
            .map(|i| {
                let (devices, gate, errors) = (
                    Arc::clone(&devices),
                    Arc::clone(&gate),
                    Arc::clone(&warm_up_errors),
                );
                tokio::spawn(async move {
                    let _turn = gate.acquire().await;
                    let mut device = devices[i].lock().await;
                    if pass == 0 {
                        let a = device.new_mentee();
                        let b = device.new_mentee();
                        device.new_visit(&[a, b], 0);
                    }
                    if let Err(failure) = device.sync(addr).await {
                        *errors
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .entry(failure)
                            .or_default() += 1;
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("warm-up task");
        }
    }
    let warm_up_errors = warm_up_errors
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let held: usize = {
        let mut n = 0;
        for d in devices.iter() {
            n += d.lock().await.sync.doc_ids().count();
        }
        n
    };
    println!(
        "warm-up: {} tablets pushed 3 documents each and pulled their facility ({} documents held \
         in all) in {:.1} s; errors: {warm_up_errors:?}",
        devices.len(),
        held,
        started.elapsed().as_secs_f64()
    );
    samples.push(sample(server, data, started));

    // The measured phase.
    let recorder = Arc::new(StdMutex::new(Recorder::default()));
    let in_flight = Arc::new(Semaphore::new(options.in_flight.max(1)));
    let spares = Arc::new(StdMutex::new(world.spares));
    let supervisors = Arc::new(world.supervisors);
    let facilities = Arc::new(world.facilities);
    let tablets: Arc<Vec<(String, usize)>> = Arc::new(
        world
            .tablets
            .iter()
            .map(|t| (t.username.clone(), t.facility))
            .collect(),
    );
    let phase = Instant::now();
    let phase_offset = started.elapsed().as_secs_f64();
    let mut tasks = Vec::with_capacity(events.len());
    let mut next_sample = Duration::from_secs(10);
    for (n, event) in events.iter().copied().enumerate() {
        let due = phase + Duration::from_millis(event.at_ms);
        while phase + next_sample <= due {
            tokio::time::sleep_until((phase + next_sample).into()).await;
            samples.push(sample(server, data, started));
            next_sample += Duration::from_secs(10);
        }
        tokio::time::sleep_until(due.into()).await;
        let ctx = (
            Arc::clone(&devices),
            Arc::clone(&recorder),
            Arc::clone(&in_flight),
            Arc::clone(&spares),
            Arc::clone(&supervisors),
            Arc::clone(&facilities),
            Arc::clone(&tablets),
        );
        tasks.push(tokio::spawn(async move {
            let (devices, recorder, in_flight, spares, supervisors, facilities, tablets) = ctx;
            let _turn = in_flight.acquire().await;
            let outcome: Result<(usize, usize), Failure> = match event.kind {
                Kind::Warm => devices[event.actor]
                    .lock()
                    .await
                    .sync(addr)
                    .await
                    .map(|t| (t, 0)),
                Kind::DayWork => {
                    let mut device = devices[event.actor].lock().await;
                    device.day_of_work();
                    let result = device.sync(addr).await;
                    if result.is_ok() {
                        device.pushed_day = true;
                    }
                    result.map(|t| (t, 0))
                }
                Kind::Initial => {
                    let spare = spares
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .get_mut(&event.actor)
                        .and_then(Vec::pop);
                    match spare {
                        Some((id, token)) => {
                            let (username, facility) = &tablets[event.actor];
                            let mut fresh =
                                Device::new(id, token, username, &facilities[*facility]);
                            fresh.sync(addr).await.and_then(|t| {
                                match fresh.sync.doc_ids().count() {
                                    0 => {
                                        Err(Failure::Check("initial sync received nothing".into()))
                                    }
                                    docs => Ok((t, docs)),
                                }
                            })
                        }
                        None => Err(Failure::Check("no session for a new tablet".into())),
                    }
                }
                Kind::Login => {
                    let mut device = devices[event.actor].lock().await;
                    let id = device.sync.device().0;
                    let username = device.username.clone();
                    login(addr, &username, id).await.map(|token| {
                        device.token = token;
                        (1, 0)
                    })
                }
                Kind::Export => {
                    let path = EXPORTS[n % EXPORTS.len()];
                    export(addr, &supervisors[event.actor], path)
                        .await
                        .map(|b| (1, b))
                }
            };
            let micros = u64::try_from(
                (phase + Duration::from_millis(event.at_ms))
                    .elapsed()
                    .as_micros(),
            )
            .unwrap_or(u64::MAX);
            let mut r = recorder
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let k = event.kind.index();
            match outcome {
                Ok((trips, extra)) => {
                    r.latencies[k].push(micros);
                    r.round_trips[k] += trips;
                    match event.kind {
                        Kind::Initial => r.docs_received += extra,
                        Kind::Export => r.export_bytes += extra,
                        _ => {}
                    }
                }
                Err(failure) => {
                    r.failure_latencies[k].push(micros);
                    *r.failures[k].entry(failure).or_default() += 1;
                }
            }
        }));
    }
    let dispatched = phase.elapsed().as_secs_f64();
    // Wait for the stragglers, sampling on; give up on any after two minutes.
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut unfinished = 0usize;
    for task in tasks {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, task).await {
            Ok(joined) => joined.expect("operation task"),
            Err(_) => unfinished += 1,
        }
    }
    let measured_s = phase.elapsed().as_secs_f64();
    samples.push(sample(server, data, started));

    // The check: sampled tablets that pushed a day's work, against a new tablet's initial sync.
    let mut checked_docs = 0usize;
    let mut problems: Vec<String> = Vec::new();
    let mut checked_tablets = 0usize;
    for &t in &to_verify {
        let mut device = devices[t].lock().await;
        if !device.pushed_day {
            continue;
        }
        if let Err(f) = device.sync(addr).await {
            problems.push(format!("tablet {t}: final sync failed: {f}"));
            continue;
        }
        let spare = spares
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get_mut(&t)
            .and_then(Vec::pop);
        let Some((id, token)) = spare else {
            problems.push(format!("tablet {t}: no session left for the check"));
            continue;
        };
        let (username, facility) = &tablets[t];
        let mut fresh = Device::new(id, token, username, &facilities[*facility]);
        if let Err(f) = fresh.sync(addr).await {
            problems.push(format!(
                "tablet {t}: the checking tablet's sync failed: {f}"
            ));
            continue;
        }
        checked_tablets += 1;
        for doc_id in device.sync.doc_ids().collect::<Vec<_>>() {
            let mine = device.sync.doc(doc_id).map(|d| {
                let mut h = d.get_heads();
                h.sort_unstable();
                h
            });
            let theirs = fresh.sync.doc(doc_id).map(|d| {
                let mut h = d.get_heads();
                h.sort_unstable();
                h
            });
            if mine != theirs {
                problems.push(format!("tablet {t}: document {} differs", hex(&doc_id.0)));
            }
            checked_docs += 1;
        }
        for own in &device.own {
            if fresh.sync.doc(*own).is_none() {
                problems.push(format!(
                    "tablet {t}: its document {} is not on the server",
                    hex(&own.0)
                ));
            }
        }
    }
    if checked_docs == 0 {
        problems.push("nothing was checked: no sampled tablet pushed a day's work".into());
    }

    let r = recorder
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let report = report(
        options,
        &r,
        &samples,
        measured_s,
        dispatched,
        phase_offset,
        unfinished,
        &warm_up_errors,
        (checked_tablets, checked_docs, &problems),
    );
    println!("{report}");
    let errors: usize = r.failures.iter().flat_map(|f| f.values()).sum::<usize>()
        + unfinished
        + warm_up_errors.values().sum::<usize>();
    let json = serde_json::json!({
        "devices": options.devices,
        "minutes": options.minutes,
        "seed": options.seed,
        "speedup": options.speedup,
        "measured_s": measured_s,
        "errors": errors,
        "unfinished": unfinished,
        "kinds": Kind::ALL.iter().map(|k| {
            let mut l = r.latencies[k.index()].clone();
            l.sort_unstable();
            serde_json::json!({
                "kind": k.name(),
                "ok": l.len(),
                "errors": r.failures[k.index()].iter().map(|(f, n)| (f.to_string(), *n)).collect::<BTreeMap<_, _>>(),
                "per_s": l.len() as f64 / measured_s,
                "p50_ms": percentile(&l, 50.0) as f64 / 1000.0,
                "p90_ms": percentile(&l, 90.0) as f64 / 1000.0,
                "p99_ms": percentile(&l, 99.0) as f64 / 1000.0,
                "max_ms": l.last().copied().unwrap_or(0) as f64 / 1000.0,
            })
        }).collect::<Vec<_>>(),
        "memory": samples.iter().map(|s| serde_json::json!({
            "t_s": s.at_s, "rss_kib": s.rss_kib, "db_bytes": s.db_bytes,
            "server_cpu_s": s.server_cpu_s, "load_cpu_s": s.own_cpu_s,
        })).collect::<Vec<_>>(),
        "check": { "tablets": checked_tablets, "documents": checked_docs, "problems": problems.len() },
    });
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "load-{}d-{}m-seed{}-x{}.json",
        options.devices, options.minutes, options.seed, options.speedup
    ));
    match std::fs::write(
        &out,
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    ) {
        Ok(()) => println!("JSON: {}", out.display()),
        Err(e) => println!("JSON not written to {}: {e}", out.display()),
    }
    println!("LOAD {json}");
    errors == 0 && problems.is_empty()
}

#[allow(clippy::too_many_arguments, reason = "one report from one run's parts")]
fn report(
    options: &Options,
    r: &Recorder,
    samples: &[Sample],
    measured_s: f64,
    dispatched_s: f64,
    phase_offset: f64,
    unfinished: usize,
    warm_up_errors: &BTreeMap<Failure, usize>,
    check: (usize, usize, &[String]),
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n{} tablets, {} min, seed {}, speedup {}: arrivals dispatched over {:.1} s, all done \
         after {:.1} s",
        options.devices, options.minutes, options.seed, options.speedup, dispatched_s, measured_s
    );
    let _ = writeln!(
        s,
        "| kind | ok | errors | per s | p50 ms | p90 ms | p99 ms | max ms | round trips |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut all = Vec::new();
    for k in Kind::ALL {
        let mut l = r.latencies[k.index()].clone();
        l.sort_unstable();
        all.extend_from_slice(&l);
        let errors: usize = r.failures[k.index()].values().sum();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.2} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            k.name(),
            l.len(),
            errors,
            l.len() as f64 / measured_s,
            percentile(&l, 50.0) as f64 / 1000.0,
            percentile(&l, 90.0) as f64 / 1000.0,
            percentile(&l, 99.0) as f64 / 1000.0,
            l.last().copied().unwrap_or(0) as f64 / 1000.0,
            r.round_trips[k.index()],
        );
    }
    all.sort_unstable();
    let _ = writeln!(
        s,
        "| all | {} | {} | {:.2} | {:.1} | {:.1} | {:.1} | {:.1} | |",
        all.len(),
        r.failures.iter().flat_map(|f| f.values()).sum::<usize>(),
        all.len() as f64 / measured_s,
        percentile(&all, 50.0) as f64 / 1000.0,
        percentile(&all, 90.0) as f64 / 1000.0,
        percentile(&all, 99.0) as f64 / 1000.0,
        all.last().copied().unwrap_or(0) as f64 / 1000.0,
    );
    let _ = writeln!(s, "\nerrors by kind and status (target 0):");
    let mut any = false;
    for k in Kind::ALL {
        for (failure, n) in &r.failures[k.index()] {
            any = true;
            let _ = writeln!(s, "  {}: {failure}: {n}", k.name());
        }
    }
    for (failure, n) in warm_up_errors {
        any = true;
        let _ = writeln!(s, "  warm-up: {failure}: {n}");
    }
    if unfinished > 0 {
        any = true;
        let _ = writeln!(s, "  unfinished after 120 s: {unfinished}");
    }
    if !any {
        let _ = writeln!(s, "  none");
    }
    let _ = writeln!(
        s,
        "initial syncs received {} documents; exports {} bytes",
        r.docs_received, r.export_bytes
    );
    let _ = writeln!(
        s,
        "\nserver memory and database (t from set-up end; the measured phase starts at {phase_offset:.0} s):"
    );
    let _ = writeln!(
        s,
        "| t (s) | VmRSS (MiB) | database + WAL (MiB) | server CPU (s) | load generator CPU (s) |"
    );
    let _ = writeln!(s, "|---:|---:|---:|---:|---:|");
    for sample in samples {
        let _ = writeln!(
            s,
            "| {:.0} | {:.1} | {:.1} | {:.1} | {:.1} |",
            sample.at_s,
            sample.rss_kib as f64 / 1024.0,
            sample.db_bytes as f64 / (1024.0 * 1024.0),
            sample.server_cpu_s,
            sample.own_cpu_s,
        );
    }
    let peak = samples.iter().map(|x| x.rss_kib).max().unwrap_or(0);
    let _ = writeln!(s, "peak sampled VmRSS: {:.1} MiB", peak as f64 / 1024.0);
    let (tablets, docs, problems) = check;
    let _ = writeln!(
        s,
        "\ncheck: {tablets} tablets that pushed a day's work, {docs} documents compared with a new \
         tablet's initial sync: {}",
        if problems.is_empty() {
            "PASS".to_owned()
        } else {
            format!("FAIL ({} problems)", problems.len())
        }
    );
    for p in problems.iter().take(20) {
        let _ = writeln!(s, "  FAIL: {p}");
    }
    s
}
