//! Helpers for the process-level tests (`pg_restart`, `soak`): a private,
//! throw-away PostgreSQL cluster, the real `clienteling` binary as a server,
//! and a tiny blocking HTTP/1.1 client.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_clienteling");
/// Password of the admin every test creates.
pub const PASSWORD: &str = "process-test-password-1";

/// A free TCP port on 127.0.0.1 (bound and released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port")
}

/// One HTTP/1.1 request with `Connection: close`: (status, body).
/// `timeout` bounds connecting, sending and reading.
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
    timeout: Duration,
) -> std::io::Result<(u16, String)> {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, timeout)?;
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(timeout))?;
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes())?;
    let mut out = Vec::new();
    s.read_to_end(&mut out)?;
    let out = String::from_utf8_lossy(&out);
    let status = out.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = out
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// True when `CI` is set to something other than "", "0" or "false".
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The directory of PostgreSQL's server binaries: `$PG_BINDIR`, the newest
/// `/usr/lib/postgresql/*/bin`, or the directory of `initdb` on `PATH`.
pub fn pg_bindir() -> Option<PathBuf> {
    if let Ok(d) = std::env::var("PG_BINDIR") {
        return Some(PathBuf::from(d));
    }
    let mut dirs: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let major = e.file_name().to_string_lossy().parse().ok()?;
            Some((major, e.path().join("bin")))
        })
        .filter(|(_, d)| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
        .collect();
    dirs.sort();
    if let Some((_, d)) = dirs.pop() {
        return Some(d);
    }
    let out = Command::new("sh")
        .args(["-c", "command -v initdb"])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let dir = std::fs::canonicalize(path).ok()?.parent()?.to_path_buf();
    dir.join("pg_ctl").is_file().then_some(dir)
}

/// PostgreSQL binaries, or `None` after saying loudly why the test is
/// skipped; in CI a missing PostgreSQL is a failure instead.
pub fn pg_bindir_or_skip(test: &str) -> Option<PathBuf> {
    let found = pg_bindir();
    if found.is_none() {
        assert!(
            !in_ci(),
            "{test}: PostgreSQL server binaries not found (apt-get install postgresql)"
        );
        eprintln!(
            "\n*** SKIPPED {test}: PostgreSQL server binaries (initdb, pg_ctl) not found; \
             install postgresql or set PG_BINDIR ***\n"
        );
    }
    found
}

/// A private PostgreSQL cluster in a temporary directory, on its own port,
/// TCP only. `fsync` is off (a killed server loses nothing, a power cut
/// would), `synchronous_commit` stays on. Stopped (immediately) and deleted when dropped.
pub struct PgCluster {
    bindir: PathBuf,
    dir: PathBuf,
    root: bool,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
}

impl PgCluster {
    /// `initdb` a new cluster under the temp directory and start it.
    pub fn start(bindir: PathBuf, name: &str) -> PgCluster {
        let dir = std::env::temp_dir().join(format!("clienteling-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let root = is_root();
        let cluster = PgCluster {
            bindir,
            dir,
            root,
            port: free_port(),
        };
        if root {
            let ok = Command::new("chown")
                .args(["postgres:postgres"])
                .arg(&cluster.dir)
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                ok,
                "chown postgres {} failed (no postgres user?)",
                cluster.dir.display()
            );
        }
        let data = cluster.data();
        cluster.pg(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
        );
        let conf = format!(
            "listen_addresses = '127.0.0.1'\nport = {}\nunix_socket_directories = ''\n\
             max_connections = 200\nfsync = off\n",
            cluster.port
        );
        let conf_path = cluster.dir.join("data/postgresql.conf");
        let mut all = std::fs::read_to_string(&conf_path).unwrap();
        all.push_str(&conf);
        std::fs::write(&conf_path, all).unwrap();
        cluster.start_server();
        cluster
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    /// The URL of the `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Run one of PostgreSQL's programs (as `postgres` when we are root).
    fn pg(&self, program: &str, args: &[&str]) -> Output {
        let exe = self.bindir.join(program);
        let mut cmd = if self.root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        let out = cmd.args(args).current_dir("/").output().unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Start the server and wait until it accepts connections.
    pub fn start_server(&self) {
        let log = self.dir.join("postgres.log").display().to_string();
        self.pg(
            "pg_ctl",
            &["-D", &self.data(), "-l", &log, "-w", "-t", "60", "start"],
        );
    }

    /// Stop the server at once (`pg_ctl stop -m immediate`: no shutdown
    /// checkpoint, connections dropped, like a crash).
    pub fn stop_immediate(&self) {
        self.pg(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-m",
                "immediate",
                "-w",
                "-t",
                "60",
                "stop",
            ],
        );
    }

    /// Resident set size of the cluster is not needed; its log, for failures.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("postgres.log")).unwrap_or_default()
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data();
        let exe = self.bindir.join("pg_ctl");
        let mut cmd = if self.root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        let _ = cmd
            .args(["-D", &data, "-m", "immediate", "-w", "stop"])
            .current_dir("/")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Run `clienteling <args>` against `db`; panics on failure.
pub fn run(args: &[&str], db: &str) {
    let out = Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", db)
        .env("CLIENTELING_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Create company `code` with an admin `hq` (password [`PASSWORD`]).
pub fn seed_company(db: &str, code: &str) {
    run(&["company", "add", code, "--name", "Process Test Oy"], db);
    run(
        &[
            "user",
            "add",
            "--company",
            code,
            "--username",
            "hq",
            "--role",
            "admin",
        ],
        db,
    );
}

/// A `clienteling serve` process; killed when dropped.
pub struct Server {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

impl Server {
    /// Start `clienteling serve` on `db` and wait (≤ 60 s) until `/readyz` is 200.
    pub fn start(db: &str, log: Option<&Path>) -> Server {
        let port = free_port();
        let stderr = match log {
            Some(p) => Stdio::from(std::fs::File::create(p).unwrap()),
            None => Stdio::null(),
        };
        let child = Command::new(BIN)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", db)
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let server = Server { child, port };
        let start = Instant::now();
        while http(port, "GET", "/readyz", None, "", Duration::from_secs(2))
            .map(|r| r.0)
            .ok()
            != Some(200)
        {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "server did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sign in as `hq` of `company`; the bearer token.
    pub fn login(&self, company: &str) -> String {
        let body = format!(r#"{{"company":"{company}","username":"hq","password":"{PASSWORD}"}}"#);
        let (s, body) = http(
            self.port,
            "POST",
            "/api/v1/auth/login",
            None,
            &body,
            Duration::from_secs(30),
        )
        .unwrap();
        assert_eq!(s, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["token"].as_str().unwrap().to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Resident set size of process `pid` in KiB (Linux `/proc`), if known.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
