//! Fault test of the outbox: queue e-mails, `kill -9` the real server while
//! its worker is delivering them to a real SMTP server (aiosmtpd), restart
//! it, and check that no message arrived twice, and that every message
//! either arrived once or is dead as "interrupted" (its delivery may have
//! happened, so it is never resent). Runs on SQLite and on a private
//! PostgreSQL cluster (same test body). Skipped loudly without aiosmtpd or
//! PostgreSQL, except in CI.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod support;

use support::{BIN, PASSWORD, PgCluster, free_port, in_ci, pg_bindir_or_skip, seed_company};

/// One request to the server under test, bounded by 30 s.
fn http(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> std::io::Result<(u16, String)> {
    support::http(port, method, path, token, body, Duration::from_secs(30))
}
const N: usize = 80;

fn json(port: u16, method: &str, path: &str, token: &str, body: &str) -> serde_json::Value {
    let (s, b) = http(port, method, path, Some(token), body).unwrap();
    assert!((200..300).contains(&s), "{method} {path}: {s} {b}");
    serde_json::from_str(&b).unwrap_or(serde_json::Value::Null)
}

fn serve(db: &str, port: u16) -> Child {
    let child = Command::new(BIN)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", db)
        .env("CLIENTELING_OUTBOX_LEASE_SECS", "1")
        .env("CLIENTELING_OUTBOX_POLL_MS", "100")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while http(port, "GET", "/readyz", None, "").map(|r| r.0).ok() != Some(200) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

fn python() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CLIENTELING_SMTP_PYTHON")
        && !p.is_empty()
    {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/smtp-venv/bin/python");
    venv.exists().then_some(venv)
}

/// Message-IDs of the messages in `maildir/new`, with how often each arrived.
fn delivered(maildir: &Path) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for e in std::fs::read_dir(maildir.join("new"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        if let Some(id) = text.lines().find_map(|l| l.strip_prefix("Message-ID: ")) {
            *out.entry(id.trim().to_owned()).or_default() += 1;
        }
    }
    out
}

fn setup(port: u16) -> String {
    let (s, b) = http(
        port,
        "POST",
        "/api/v1/auth/login",
        None,
        &format!(r#"{{"company":"outbox","username":"hq","password":"{PASSWORD}"}}"#),
    )
    .unwrap();
    assert_eq!(s, 200, "{b}");
    let token: serde_json::Value = serde_json::from_str(&b).unwrap();
    token["token"].as_str().unwrap().to_owned()
}

#[test]
fn a_server_killed_mid_drain_never_sends_an_email_twice() {
    let dir = scratch("sqlite");
    let db = format!("sqlite://{}", dir.join("outbox.db").display());
    kill_mid_drain(&dir, &db);
}

#[test]
fn a_server_killed_mid_drain_never_sends_an_email_twice_on_postgres() {
    let Some(bindir) = pg_bindir_or_skip("outbox_kill on PostgreSQL") else {
        return;
    };
    let pg = PgCluster::start(bindir, "outbox-kill-pg");
    kill_mid_drain(&scratch("pg"), &pg.url());
}

/// An empty scratch directory for one test.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "clienteling-outbox-maildir-{tag}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The test body, for the database at `db`; `dir` holds the Maildir.
fn kill_mid_drain(dir: &Path, db: &str) {
    let Some(py) = python() else {
        assert!(
            !in_ci(),
            "aiosmtpd is not installed (scripts/test installs it)"
        );
        eprintln!(
            "\n\n!!!!! SKIPPED: aiosmtpd is not installed: run scripts/test or set CLIENTELING_SMTP_PYTHON !!!!!\n\n"
        );
        return;
    };
    let maildir = dir.join("Maildir");
    let smtp_port = free_port();
    let mut smtp = Command::new(py)
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{smtp_port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    seed_company(db, "outbox");
    let port = free_port();
    let mut server = serve(db, port);
    let token = setup(port);
    let settings = format!(
        r#"{{"smtp":{{"host":"127.0.0.1","port":{smtp_port},"from":"hq@outbox.example","tls":"none"}},"guard":{{"max_messages":10,"per_days":1}}}}"#
    );
    json(port, "PUT", "/api/v1/outreach-settings", &token, &settings);
    let mut accounts = Vec::new();
    for i in 0..N {
        let acc = format!("K{i:03}");
        let c = format!(
            r#"{{"account":"{acc}","first_name":"Kim","last_name":"Kill","email":"k{i}@example.com"}}"#
        );
        json(port, "POST", "/api/v1/customers", &token, &c);
        json(
            port,
            "PUT",
            &format!("/api/v1/customers/{acc}/consents"),
            &token,
            r#"[{"channel":"email","opt_in":true,"source":"test"}]"#,
        );
        accounts.push(format!("\"{acc}\""));
    }
    let templates = json(port, "GET", "/api/v1/message-templates", &token, "");
    let tpl = templates
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "thank-you" && t["locale"] == "en")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let send = format!(
        r#"{{"template":"{tpl}","channel":"email","accounts":[{}]}}"#,
        accounts.join(",")
    );
    let r = json(port, "POST", "/api/v1/outreach", &token, &send);
    assert_eq!(r["queued"], N, "{r}");
    let start = Instant::now();
    while delivered(&maildir).len() < N / 4 && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill().unwrap(); // SIGKILL, mid-drain
    server.wait().unwrap();
    let at_kill = delivered(&maildir).len();
    assert!(
        at_kill < N,
        "the drain finished before the kill ({at_kill})"
    );
    let mut server = serve(db, port);
    let start = Instant::now();
    let items = loop {
        let page = json(port, "GET", "/api/v1/outbox?limit=500", &token, "");
        let items = page["items"].as_array().unwrap().clone();
        let done = items
            .iter()
            .filter(|m| m["status"] == "sent" || m["status"] == "dead")
            .count();
        if done == N {
            break items;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "outbox did not drain after the restart"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    std::thread::sleep(Duration::from_millis(300));
    let got = delivered(&maildir);
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = smtp.kill();
    let _ = smtp.wait();
    assert!(
        got.values().all(|c| *c == 1),
        "a message arrived twice: {got:?}"
    );
    let mid = |m: &serde_json::Value| format!("<{}@clienteling>", m["id"].as_str().unwrap());
    let dead: Vec<_> = items.iter().filter(|m| m["status"] == "dead").collect();
    for m in &items {
        if m["status"] == "sent" {
            assert!(got.contains_key(&mid(m)), "sent but not delivered: {m}");
        } else {
            let e = m["last_error"].as_str().unwrap_or("");
            assert!(e.contains("interrupted"), "dead for another reason: {m}");
        }
    }
    assert!(
        dead.len() <= 1,
        "at most the message in flight is in doubt: {dead:?}"
    );
    assert_eq!(
        got.len(),
        items.iter().filter(|m| got.contains_key(&mid(m))).count(),
        "only outbox messages arrived"
    );
    assert!(
        got.len() >= N - dead.len(),
        "every message not in doubt arrived once ({} of {N})",
        got.len()
    );
    eprintln!(
        "kill -9 after {at_kill} of {N} deliveries: {} delivered once, {} in doubt (dead, never resent)",
        got.len(),
        dead.len()
    );
    let _ = std::fs::remove_dir_all(dir);
}
