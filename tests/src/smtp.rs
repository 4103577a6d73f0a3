//! A real SMTP server for tests: aiosmtpd (PyPI) on a free loopback port,
//! delivering into a fresh Maildir that the tests read back.
//!
//! `scripts/test` installs aiosmtpd into `target/smtp-venv` and exports
//! `CLIENTELING_SMTP_PYTHON`; without it the tests look for that venv. If
//! neither exists the tests are skipped with a loud message, except in CI
//! (`CI` set), where they fail.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running aiosmtpd; stopped when dropped.
pub struct SmtpServer {
    /// Its port on 127.0.0.1.
    pub port: u16,
    maildir: PathBuf,
    child: Child,
}

/// One delivered message.
#[derive(Debug, Clone)]
pub struct Delivered {
    /// Raw headers, lower-cased names.
    pub headers: Vec<(String, String)>,
    /// The body as delivered (transfer-encoded).
    pub body: String,
}

impl Delivered {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let n = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, v)| v.as_str())
    }
}

/// The python with aiosmtpd, if installed.
pub fn python() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CLIENTELING_SMTP_PYTHON")
        && !p.is_empty()
    {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/smtp-venv/bin/python");
    venv.exists().then_some(venv)
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A free loopback port.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl SmtpServer {
    /// Start aiosmtpd, or `None` (after a loud message) when it is not
    /// installed outside CI. Panics in CI when it is missing.
    pub fn start() -> Option<SmtpServer> {
        let Some(py) = python() else {
            let msg = "aiosmtpd is not installed: run scripts/test (it installs it into target/smtp-venv) or set CLIENTELING_SMTP_PYTHON";
            assert!(!in_ci(), "{msg}");
            eprintln!("\n\n!!!!! SKIPPED: {msg} !!!!!\n\n");
            return None;
        };
        Some(Self::start_with(&py, free_port()))
    }

    /// Start aiosmtpd with `python` on `port`.
    pub fn start_with(python: &Path, port: u16) -> SmtpServer {
        let dir = std::env::temp_dir().join(format!(
            "clienteling-smtp-{}",
            uuid::Uuid::now_v7().simple()
        ));
        std::fs::create_dir_all(&dir).expect("smtp dir");
        let maildir = dir.join("Maildir");
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let s = SmtpServer {
            port,
            maildir,
            child,
        };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "aiosmtpd did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        s
    }

    /// Every message delivered so far.
    pub fn messages(&self) -> Vec<Delivered> {
        read_maildir(&self.maildir)
    }

    /// Wait until at least `n` messages arrived (or `timeout`); returns them.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Delivered> {
        let start = Instant::now();
        loop {
            let m = self.messages();
            if m.len() >= n || start.elapsed() > timeout {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Parse every message file in `maildir/new` and `maildir/cur`.
pub fn read_maildir(maildir: &Path) -> Vec<Delivered> {
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        let Ok(rd) = std::fs::read_dir(maildir.join(sub)) else {
            continue;
        };
        for e in rd.flatten() {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                out.push(parse(&text));
            }
        }
    }
    out
}

fn parse(text: &str) -> Delivered {
    let text = text.replace("\r\n", "\n");
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    Delivered {
        headers,
        body: body.to_owned(),
    }
}
