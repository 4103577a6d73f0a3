//! Fault test: `kill -9` the server while clients are writing, restart it,
//! and check that every acknowledged write survived and the SQLite file
//! passes `PRAGMA integrity_check` (through `clienteling check`).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod support;

use support::{BIN, PASSWORD, free_port, run};

/// One request to the server under test, bounded by 10 s.
fn http(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> std::io::Result<(u16, String)> {
    support::http(port, method, path, token, body, Duration::from_secs(10))
}

fn serve(db: &str, port: u16) -> Child {
    let child = Command::new(BIN)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", db)
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

fn login(port: u16) -> String {
    let (s, body) = http(
        port,
        "POST",
        "/api/v1/auth/login",
        None,
        &format!(r#"{{"company":"fault","username":"hq","password":"{PASSWORD}"}}"#),
    )
    .unwrap();
    assert_eq!(s, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["token"].as_str().unwrap().to_owned()
}

#[test]
fn a_killed_server_loses_no_acknowledged_write_and_the_file_stays_sound() {
    let dir = std::env::temp_dir().join(format!("clienteling-fault-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("fault.db");
    let _ = std::fs::remove_file(&path);
    let db = format!("sqlite://{}", path.display());
    run(&["company", "add", "fault", "--name", "Fault Oy"], &db);
    run(
        &[
            "user",
            "add",
            "--company",
            "fault",
            "--username",
            "hq",
            "--role",
            "admin",
        ],
        &db,
    );
    let port = free_port();
    let mut server = serve(&db, port);
    let token = login(port);
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (acked, token) = (Arc::clone(&acked), token.clone());
            std::thread::spawn(move || {
                for i in 0.. {
                    let account = format!("W{w}-{i}");
                    let body = format!(r#"{{"account":"{account}","first_name":"Kill","last_name":"Test","email":"k{w}{i}@example.com"}}"#);
                    match http(port, "POST", "/api/v1/customers", Some(&token), &body) {
                        Ok((201, _)) => acked.lock().unwrap().push(account),
                        Ok(_) | Err(_) => return,
                    }
                }
            })
        })
        .collect();
    let start = Instant::now();
    while acked.lock().unwrap().len() < 200 && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(10));
    }
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    for w in writers {
        w.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 200,
        "only {} writes before the kill",
        acked.len()
    );
    let check = Command::new(BIN)
        .args(["check"])
        .env("DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let mut server = serve(&db, port);
    let token = login(port);
    for account in &acked {
        let (s, _) = http(
            port,
            "GET",
            &format!("/api/v1/customers/{account}"),
            Some(&token),
            "",
        )
        .unwrap();
        assert_eq!(s, 200, "acknowledged customer {account} lost");
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}
