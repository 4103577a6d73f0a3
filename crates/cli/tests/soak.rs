//! The soak test (a longer job, not part of `scripts/test`): a private
//! PostgreSQL cluster, two `clienteling serve` processes on it, and a
//! fixed-rate mixed read/write load spread over both for `SOAK_MINUTES`
//! (default 10) at `SOAK_RATE` requests per second (default 200). Passes
//! when no request failed, the servers kept up (at least 95% of the rate
//! achieved) and memory stayed flat: the mean resident set of
//! each server over the last minute is within 10% of its mean over the
//! second minute (runs shorter than 3 minutes compare the last quarter with
//! the second quarter). Run it with `scripts/soak`; it prints a report
//! (also written to `$SOAK_REPORT` when set).

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{PgCluster, Server, pg_bindir, seed_company};

const SEEDED: u64 = 200;
const WORKERS: usize = 48;
const SAMPLE_EVERY: Duration = Duration::from_secs(5);
const TIMEOUT: Duration = Duration::from_secs(30);

fn env_num(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A keep-alive HTTP/1.1 connection to one server.
struct Conn {
    port: u16,
    stream: Option<BufReader<TcpStream>>,
    last_used: Instant,
}

/// A connection idle this long is replaced before use: the server closes
/// idle keep-alive connections after its header-read limit (15 s).
const MAX_IDLE: Duration = Duration::from_secs(5);

/// Idle times (ms) of kept-alive connections found closed, for the report.
static RETRIES: Mutex<Vec<u64>> = Mutex::new(Vec::new());

/// The server closed a kept-alive connection before answering.
const CLOSED: &str = "connection closed before the status line";

impl Conn {
    fn new(port: u16) -> Conn {
        Conn {
            port,
            stream: None,
            last_used: Instant::now(),
        }
    }
}

impl Conn {
    fn request(
        &mut self,
        method: &str,
        path: &str,
        token: &str,
        body: &str,
    ) -> Result<u16, String> {
        if self.last_used.elapsed() > MAX_IDLE {
            self.stream = None;
        }
        let idle = self.last_used.elapsed();
        let reused = self.stream.is_some();
        let first = self.try_request(method, path, token, body);
        let result = match first {
            // A kept-alive connection closed by the server before any byte of
            // an answer: send it again on a new connection, as browsers do.
            Err(e) if reused && e == CLOSED => {
                self.stream = None;
                if let Ok(mut r) = RETRIES.lock() {
                    r.push(idle.as_millis() as u64);
                }
                self.try_request(method, path, token, body)
            }
            other => other,
        };
        self.last_used = Instant::now();
        result.inspect_err(|_| self.stream = None)
    }

    fn try_request(
        &mut self,
        method: &str,
        path: &str,
        token: &str,
        body: &str,
    ) -> Result<u16, String> {
        if self.stream.is_none() {
            let s = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
            s.set_read_timeout(Some(TIMEOUT))
                .map_err(|e| e.to_string())?;
            s.set_nodelay(true).map_err(|e| e.to_string())?;
            self.stream = Some(BufReader::new(s));
        }
        let r = self.stream.as_mut().ok_or("no connection")?;
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        r.get_mut()
            .write_all(req.as_bytes())
            .map_err(|e| e.to_string())?;
        let mut line = String::new();
        if r.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            return Err(CLOSED.into());
        }
        let status: u16 = line
            .get(9..12)
            .and_then(|c| c.parse().ok())
            .ok_or("bad status line")?;
        let mut len = 0usize;
        let mut close = false;
        let mut chunked = false;
        loop {
            line.clear();
            r.read_line(&mut line).map_err(|e| e.to_string())?;
            let l = line.trim_end().to_ascii_lowercase();
            if l.is_empty() {
                break;
            }
            if let Some(v) = l.strip_prefix("content-length:") {
                len = v.trim().parse().map_err(|_| "bad content-length")?;
            }
            close |= l == "connection: close";
            chunked |= l == "transfer-encoding: chunked";
        }
        if chunked {
            read_chunks(r)?;
        } else {
            let mut body = vec![0; len];
            r.read_exact(&mut body).map_err(|e| e.to_string())?;
        }
        if close {
            self.stream = None;
        }
        Ok(status)
    }
}

/// Skip a chunked body (and its trailers).
fn read_chunks(r: &mut BufReader<TcpStream>) -> Result<(), String> {
    let mut line = String::new();
    loop {
        line.clear();
        r.read_line(&mut line).map_err(|e| e.to_string())?;
        let size = line.trim().split(';').next().unwrap_or_default();
        let size = usize::from_str_radix(size, 16).map_err(|_| "bad chunk size")?;
        if size == 0 {
            loop {
                line.clear();
                r.read_line(&mut line).map_err(|e| e.to_string())?;
                if line.trim().is_empty() {
                    return Ok(());
                }
            }
        }
        let mut chunk = vec![0; size + 2];
        r.read_exact(&mut chunk).map_err(|e| e.to_string())?;
    }
}

/// One request of the mix, chosen by the tick number: (method, path, body, expected status).
fn operation(tick: u64) -> (&'static str, String, String, u16) {
    let pick = tick.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
    let account = format!("SOAK{:05}", pick % SEEDED);
    match tick % 20 {
        0..=7 => (
            "GET",
            format!("/api/v1/customers/{account}"),
            String::new(),
            200,
        ),
        8..=11 => (
            "GET",
            "/api/v1/customers?q=Soak&limit=20".into(),
            String::new(),
            200,
        ),
        12 | 13 => (
            "GET",
            format!("/api/v1/customers/{account}/timeline"),
            String::new(),
            200,
        ),
        14..=16 => (
            "POST",
            "/api/v1/customers".into(),
            format!(r#"{{"account":"NEW{tick}","first_name":"Soak","last_name":"New{tick}"}}"#),
            201,
        ),
        17 | 18 => (
            "PATCH",
            format!("/api/v1/customers/{account}"),
            format!(r#"{{"city":"City {tick}"}}"#),
            200,
        ),
        _ => (
            "POST",
            format!("/api/v1/customers/{account}/notes"),
            format!(r#"{{"text":"soak note {tick}"}}"#),
            201,
        ),
    }
}

#[derive(Default)]
struct Stats {
    done: AtomicU64,
    errors: AtomicU64,
    max_lag_ms: AtomicU64,
    latencies_us: Mutex<Vec<u64>>,
    first_errors: Mutex<Vec<String>>,
}

fn worker(
    jobs: Arc<Mutex<Receiver<(u64, Instant)>>>,
    servers: Vec<(u16, String)>,
    stats: Arc<Stats>,
) {
    let mut conns: Vec<Conn> = servers.iter().map(|(port, _)| Conn::new(*port)).collect();
    loop {
        let job = jobs.lock().map(|rx| rx.recv());
        let Ok(Ok((tick, due))) = job else { return };
        let lag = due.elapsed().as_millis() as u64;
        stats.max_lag_ms.fetch_max(lag, Ordering::Relaxed);
        let which = (tick % servers.len() as u64) as usize;
        let (method, path, body, want) = operation(tick);
        let start = Instant::now();
        let got = conns[which].request(method, &path, &servers[which].1, &body);
        let took = start.elapsed().as_micros() as u64;
        stats.done.fetch_add(1, Ordering::Relaxed);
        if got != Ok(want) {
            stats.errors.fetch_add(1, Ordering::Relaxed);
            if let Ok(mut e) = stats.first_errors.lock()
                && e.len() < 10
            {
                e.push(format!("{method} {path}: {got:?}"));
            }
        }
        if let Ok(mut l) = stats.latencies_us.lock() {
            l.push(took);
        }
    }
}

fn mean(v: &[u64]) -> f64 {
    v.iter().sum::<u64>() as f64 / v.len().max(1) as f64
}

fn percentile(sorted: &[u64], p: f64) -> u64 {
    sorted
        .get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0)
}

#[test]
#[ignore = "the soak test runs for minutes: scripts/soak"]
fn soak_two_servers_on_postgres_at_a_fixed_rate() {
    let minutes = env_num("SOAK_MINUTES", 10.0);
    let rate = env_num("SOAK_RATE", 200.0);
    let bindir = pg_bindir().expect("PostgreSQL server binaries (initdb, pg_ctl) are needed");
    let pg = PgCluster::start(bindir, "soak");
    let db = pg.url();
    seed_company(&db, "soak");
    let logs = std::env::var("SOAK_LOG_DIR")
        .ok()
        .map(std::path::PathBuf::from);
    let log = |n: &str| logs.as_ref().map(|d| d.join(format!("server-{n}.log")));
    let a = Server::start(&db, log("a").as_deref());
    let b = Server::start(&db, log("b").as_deref());
    let servers = vec![(a.port, a.login("soak")), (b.port, b.login("soak"))];
    let mut seed = Conn::new(a.port);
    for i in 0..SEEDED {
        let body =
            format!(r#"{{"account":"SOAK{i:05}","first_name":"Soak","last_name":"Seeded"}}"#);
        assert_eq!(
            seed.request("POST", "/api/v1/customers", &servers[0].1, &body),
            Ok(201)
        );
    }

    let stats = Arc::new(Stats::default());
    let (tx, rx) = channel::<(u64, Instant)>();
    let rx = Arc::new(Mutex::new(rx));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (rx, servers, stats) = (Arc::clone(&rx), servers.clone(), Arc::clone(&stats));
            std::thread::spawn(move || worker(rx, servers, stats))
        })
        .collect();

    let total = Duration::from_secs_f64(minutes * 60.0);
    let interval = Duration::from_secs_f64(1.0 / rate);
    let start = Instant::now();
    let mut samples: Vec<(f64, u64, u64)> = Vec::new();
    let mut next_sample = start;
    let mut tick = 0u64;
    while start.elapsed() < total {
        let due = start + interval.mul_f64(tick as f64);
        let now = Instant::now();
        if now >= next_sample {
            let rss = |pid| support::rss_kib(pid).unwrap_or(0);
            samples.push((
                now.duration_since(start).as_secs_f64(),
                rss(a.pid()),
                rss(b.pid()),
            ));
            next_sample += SAMPLE_EVERY;
        }
        if due > now {
            std::thread::sleep(due - now);
        }
        if tx.send((tick, due)).is_err() {
            break;
        }
        tick += 1;
    }
    drop(tx);
    // Requests still queued (the servers fell behind) are sent, and memory
    // sampled, until every worker is done.
    while workers.iter().any(|w| !w.is_finished()) {
        std::thread::sleep(Duration::from_millis(50));
        if Instant::now() >= next_sample {
            let rss = |pid| support::rss_kib(pid).unwrap_or(0);
            let t = start.elapsed().as_secs_f64();
            samples.push((t, rss(a.pid()), rss(b.pid())));
            next_sample += SAMPLE_EVERY;
        }
    }
    for w in workers {
        w.join().unwrap();
    }
    let elapsed = start.elapsed().as_secs_f64();

    let report = report(minutes, rate, elapsed, &stats, &samples);
    println!("{report}");
    if let Ok(path) = std::env::var("SOAK_REPORT") {
        std::fs::write(path, &report).unwrap();
    }
    let errors = stats.errors.load(Ordering::Relaxed);
    assert_eq!(
        errors,
        0,
        "errors: {:?}",
        stats.first_errors.lock().unwrap()
    );
    for (name, col) in [("server A", 1), ("server B", 2)] {
        let (base, last) = windows(&samples, elapsed, col);
        assert!(
            last <= base * 1.10,
            "{name}: RSS grew from {base:.0} KiB to {last:.0} KiB"
        );
    }
    drop(pg);
}

/// (baseline, final) mean RSS of column `col` (1: A, 2: B).
fn windows(samples: &[(f64, u64, u64)], elapsed: f64, col: usize) -> (f64, f64) {
    let pick = |s: &(f64, u64, u64)| if col == 1 { s.1 } else { s.2 };
    let (b0, b1, l0) = if elapsed >= 180.0 {
        (60.0, 120.0, elapsed - 60.0)
    } else {
        (elapsed / 4.0, elapsed / 2.0, elapsed * 0.75)
    };
    let base: Vec<u64> = samples
        .iter()
        .filter(|s| s.0 >= b0 && s.0 < b1)
        .map(pick)
        .collect();
    let last: Vec<u64> = samples.iter().filter(|s| s.0 >= l0).map(pick).collect();
    (mean(&base), mean(&last))
}

fn report(
    minutes: f64,
    rate: f64,
    elapsed: f64,
    stats: &Stats,
    samples: &[(f64, u64, u64)],
) -> String {
    let mut lat = stats
        .latencies_us
        .lock()
        .map(|l| l.clone())
        .unwrap_or_default();
    lat.sort_unstable();
    let done = stats.done.load(Ordering::Relaxed);
    let mut out = format!(
        "soak: {minutes} min at {rate} req/s, two servers on one PostgreSQL cluster\n\
         requests: {done} in {elapsed:.1} s ({:.1}/s achieved), errors: {}\n\
         latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; max dispatch lag {} ms\n",
        done as f64 / elapsed,
        stats.errors.load(Ordering::Relaxed),
        percentile(&lat, 0.50) as f64 / 1000.0,
        percentile(&lat, 0.99) as f64 / 1000.0,
        lat.last().copied().unwrap_or(0) as f64 / 1000.0,
        stats.max_lag_ms.load(Ordering::Relaxed),
    );
    for (name, col) in [("A", 1), ("B", 2)] {
        let (base, last) = windows(samples, elapsed, col);
        out.push_str(&format!(
            "server {name} RSS: baseline {:.1} MiB, final {:.1} MiB ({:+.1}%)\n",
            base / 1024.0,
            last / 1024.0,
            (last / base.max(1.0) - 1.0) * 100.0
        ));
    }
    let retries = RETRIES.lock().map(|r| r.clone()).unwrap_or_default();
    out.push_str(&format!(
        "kept-alive connections found closed by a server (request re-sent on a new one): {}, idle before: max {} ms\n",
        retries.len(),
        retries.iter().max().copied().unwrap_or(0)
    ));
    out.push_str("RSS samples (s: A MiB / B MiB):");
    for (t, ra, rb) in samples {
        out.push_str(&format!(
            " {t:.0}: {:.1}/{:.1};",
            *ra as f64 / 1024.0,
            *rb as f64 / 1024.0
        ));
    }
    out.push('\n');
    out
}
