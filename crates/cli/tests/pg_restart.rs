//! Fault test: PostgreSQL is stopped (`pg_ctl stop -m immediate`) under a
//! running `clienteling serve`. While it is down every API call answers a
//! 503 problem with `Retry-After` within a bound (never a 500, never a
//! hang); once it is back, the same server process answers normally again
//! without being restarted. Runs on a private cluster of its own; skipped
//! loudly when PostgreSQL is not installed, and a failure in CI.

mod support;

use std::time::{Duration, Instant};
use support::{PgCluster, Server, http, pg_bindir_or_skip, seed_company};

/// The longest any request may take while the database is down.
const BOUND: Duration = Duration::from_secs(15);

fn create_customer(server: &Server, token: &str, account: &str) -> (u16, String) {
    let body = format!(r#"{{"account":"{account}","first_name":"Pg","last_name":"Restart"}}"#);
    http(
        server.port,
        "POST",
        "/api/v1/customers",
        Some(token),
        &body,
        BOUND + Duration::from_secs(5),
    )
    .unwrap_or((0, "no answer".into()))
}

fn get(server: &Server, token: &str, path: &str) -> (u16, String) {
    http(
        server.port,
        "GET",
        path,
        Some(token),
        "",
        BOUND + Duration::from_secs(5),
    )
    .unwrap_or((0, "no answer".into()))
}

#[test]
fn postgres_restarted_under_a_running_server_gives_503s_then_recovers() {
    let Some(bindir) = pg_bindir_or_skip("pg_restart") else {
        return;
    };
    let pg = PgCluster::start(bindir, "pgrestart");
    let db = pg.url();
    seed_company(&db, "pgr");
    let server = Server::start(&db, None);
    let token = server.login("pgr");
    assert_eq!(create_customer(&server, &token, "BEFORE").0, 201);

    pg.stop_immediate();
    // While it is down, each call waits at most the pool's acquire timeout
    // (10 s, connection refused is retried until then): run them at once.
    let calls: Vec<(&str, String, &str)> = vec![
        ("GET", "/api/v1/customers/BEFORE".into(), ""),
        ("GET", "/api/v1/customers?q=Restart".into(), ""),
        (
            "POST",
            "/api/v1/customers".into(),
            r#"{"account":"DURING","first_name":"Pg","last_name":"Down"}"#,
        ),
        ("GET", "/api/v1/me".into(), ""),
        (
            "PATCH",
            "/api/v1/customers/BEFORE".into(),
            r#"{"city":"Nowhere"}"#,
        ),
    ];
    std::thread::scope(|s| {
        for (method, path, body) in &calls {
            let (port, token) = (server.port, token.as_str());
            s.spawn(move || {
                let start = Instant::now();
                let (status, answer) = http(
                    port,
                    method,
                    path,
                    Some(token),
                    body,
                    BOUND + Duration::from_secs(5),
                )
                .unwrap_or((0, "no answer".into()));
                let took = start.elapsed();
                assert_eq!(status, 503, "{method} {path} while down: {answer}");
                assert!(took <= BOUND, "{method} {path} took {took:?} while down");
                assert!(answer.contains("\"status\":503"), "not a problem: {answer}");
            });
        }
    });
    let (ready, _) = http(server.port, "GET", "/readyz", None, "", BOUND).unwrap();
    assert_eq!(ready, 503, "/readyz while the database is down");

    pg.start_server();
    let start = Instant::now();
    loop {
        let (status, body) = create_customer(&server, &token, "AFTER");
        if status == 201 {
            break;
        }
        assert!(
            status == 503 && start.elapsed() < Duration::from_secs(30),
            "no recovery after {:?}: {status} {body}",
            start.elapsed()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    for account in ["BEFORE", "AFTER"] {
        let (s, body) = get(&server, &token, &format!("/api/v1/customers/{account}"));
        assert_eq!(s, 200, "{account} after recovery: {body}");
    }
    let (s, _) = get(&server, &token, "/api/v1/customers/DURING");
    assert_eq!(s, 404, "a write answered 503 must not have been committed");
    let (ready, _) = http(server.port, "GET", "/readyz", None, "", BOUND).unwrap();
    assert_eq!(ready, 200, "/readyz after recovery");
}
