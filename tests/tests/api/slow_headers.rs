//! A client that trickles its request headers is cut off once the
//! header-read time limit passes, while other clients are served as usual.

use clienteling_server::listen::HEADER_READ_TIMEOUT;
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Takes the header-read time limit (15 s).
#[tokio::test]
async fn a_client_trickling_its_headers_is_disconnected_after_the_header_time_limit() {
    let app = TestApp::spawn().await;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let start = Instant::now();
    stream
        .write_all(b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 1024];
    let mut answer = Vec::new();
    let closed_after = loop {
        assert!(
            start.elapsed() < HEADER_READ_TIMEOUT + Duration::from_secs(10),
            "still connected after {:?}",
            start.elapsed()
        );
        // One more header byte every half second: never a complete head.
        if stream.write_all(b"X").await.is_err() {
            break start.elapsed();
        }
        match tokio::time::timeout(Duration::from_millis(500), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break start.elapsed(),
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        if start.elapsed() > Duration::from_secs(3) && start.elapsed() < Duration::from_secs(4) {
            let (s, _) = app.call("GET", "/healthz", None, None).await;
            assert_eq!(s, StatusCode::OK, "others are served meanwhile");
        }
    };
    assert!(
        closed_after >= HEADER_READ_TIMEOUT - Duration::from_secs(1),
        "cut off too early, after {closed_after:?}"
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}
