//! The Prometheus text exposition (format 0.0.4) of [`Metrics`] and the gauges read from the
//! database at each scrape.

use std::fmt::Write as _;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::sql::Db;

use super::{LoginFailure, Metrics, SYNC_BUCKETS, SYNC_ROUTES};

/// What the database holds, read at each scrape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Gauges {
    documents: i64,
    devices: i64,
    database_bytes: u64,
    wal_bytes: u64,
}

/// Counts documents and devices, and sizes the database file and its write-ahead log.
pub(super) fn gauges(conn: &mut Db) -> crate::sql::Result<Gauges> {
    let count = |sql| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let documents = count("SELECT COUNT(*) FROM sync_doc")?;
    let devices = count("SELECT COUNT(*) FROM device WHERE revoked_at IS NULL")?;
    let size = |path: String| std::fs::metadata(path).map_or(0, |m| m.len());
    let sqlite_path = match &*conn {
        Db::Sqlite(sqlite) => sqlite.path().filter(|p| !p.is_empty()).map(str::to_owned),
        Db::Postgres(_) => None,
    };
    let (database_bytes, wal_bytes) = match sqlite_path {
        Some(path) => (size(path.clone()), size(format!("{path}-wal"))),
        // PostgreSQL: the whole database's size; its WAL is the cluster's, not reported.
        None if conn.backend() == crate::sql::Backend::Postgres => {
            let bytes = count("SELECT pg_database_size(current_database())")?;
            (u64::try_from(bytes).unwrap_or(0), 0)
        }
        None => {
            let pages = count("PRAGMA page_count")?;
            let page_size = count("PRAGMA page_size")?;
            let bytes = pages.saturating_mul(page_size);
            (u64::try_from(bytes).unwrap_or(0), 0)
        }
    };
    Ok(Gauges {
        documents,
        devices,
        database_bytes,
        wal_bytes,
    })
}

/// A label value with `\`, `"` and newlines escaped.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _infallible = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// The whole exposition.
pub(super) fn render(metrics: &Metrics, gauges: &Gauges) -> String {
    let mut out = String::with_capacity(4096);
    header(
        &mut out,
        "mentora_build_info",
        "gauge",
        "The running server's version.",
    );
    let _infallible = writeln!(
        out,
        "mentora_build_info{{version=\"{}\"}} 1",
        label(env!("CARGO_PKG_VERSION"))
    );

    let name = "mentora_http_requests_total";
    header(
        &mut out,
        name,
        "counter",
        "HTTP requests answered, by matched route and status.",
    );
    for (route, statuses) in metrics.requests().iter() {
        for (status, n) in statuses {
            let _infallible = writeln!(
                out,
                "{name}{{route=\"{}\",status=\"{status}\"}} {n}",
                label(route)
            );
        }
    }

    let name = "mentora_sync_duration_seconds";
    header(
        &mut out,
        name,
        "histogram",
        "Time to answer a successful sync, by route.",
    );
    for (route, histogram) in SYNC_ROUTES.iter().zip(&metrics.sync) {
        let route = label(route);
        let mut cumulative = 0u64;
        for (bound, bucket) in SYNC_BUCKETS.iter().zip(&histogram.buckets) {
            cumulative += bucket.load(Ordering::Relaxed);
            let _infallible = writeln!(
                out,
                "{name}_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
            );
        }
        let count = histogram.count.load(Ordering::Relaxed);
        let sum = Duration::from_micros(histogram.sum_micros.load(Ordering::Relaxed));
        let _infallible = writeln!(
            out,
            "{name}_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}\n\
             {name}_sum{{route=\"{route}\"}} {}\n\
             {name}_count{{route=\"{route}\"}} {count}",
            sum.as_secs_f64()
        );
    }

    let name = "mentora_login_failures_total";
    header(&mut out, name, "counter", "Failed sign-ins, by reason.");
    for (reason, n) in LoginFailure::ALL.iter().zip(&metrics.login_failures) {
        let _infallible = writeln!(
            out,
            "{name}{{reason=\"{}\"}} {}",
            reason.label(),
            n.load(Ordering::Relaxed)
        );
    }

    let gauge = |out: &mut String, name: &str, help: &str, value: String| {
        header(out, name, "gauge", help);
        let _infallible = writeln!(out, "{name} {value}");
    };
    gauge(
        &mut out,
        "mentora_documents",
        "Documents stored.",
        gauges.documents.to_string(),
    );
    gauge(
        &mut out,
        "mentora_devices",
        "Devices bound to a user and not revoked.",
        gauges.devices.to_string(),
    );
    gauge(
        &mut out,
        "mentora_database_bytes",
        "Size of the SQLite database file.",
        gauges.database_bytes.to_string(),
    );
    gauge(
        &mut out,
        "mentora_database_wal_bytes",
        "Size of the database's write-ahead log.",
        gauges.wal_bytes.to_string(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_is_well_formed() {
        let metrics = Metrics::default();
        metrics.count_request(Some("/api/sync"), 200, Duration::from_millis(7));
        metrics.count_request(None, 404, Duration::ZERO);
        metrics.login_failed(LoginFailure::Throttled);
        let gauges = Gauges {
            documents: 3,
            devices: 2,
            database_bytes: 4096,
            wal_bytes: 0,
        };
        let text = render(&metrics, &gauges);
        for line in [
            "mentora_http_requests_total{route=\"/api/sync\",status=\"200\"} 1",
            "mentora_http_requests_total{route=\"other\",status=\"404\"} 1",
            "mentora_sync_duration_seconds_bucket{route=\"/api/sync\",le=\"0.005\"} 0",
            "mentora_sync_duration_seconds_bucket{route=\"/api/sync\",le=\"0.01\"} 1",
            "mentora_sync_duration_seconds_bucket{route=\"/api/sync\",le=\"+Inf\"} 1",
            "mentora_sync_duration_seconds_count{route=\"/api/sync\"} 1",
            "mentora_sync_duration_seconds_sum{route=\"/api/sync\"} 0.007",
            "mentora_login_failures_total{reason=\"throttled\"} 1",
            "mentora_login_failures_total{reason=\"bad_credentials\"} 0",
            "mentora_documents 3",
            "mentora_devices 2",
            "mentora_database_bytes 4096",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "{line} missing from:\n{text}"
            );
        }
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (_, value) = line.rsplit_once(' ').unwrap_or_default();
            assert!(value.parse::<f64>().is_ok(), "bad sample line: {line}");
        }
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
