//! One backend's measurement: start `clienteling serve` on the dataset, sign
//! in, make sure the insights measures exist, then load each endpoint with
//! `wrk`, answer the same questions with raw SQL, and read the server's RSS.

use crate::dataset::{COMPANY, PASSWORD};
use crate::load::{self, LoadResult};
use crate::raw::{self, RawResult};
use crate::{Args, Backend};
use anyhow::{Context, Result, bail};
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One endpoint under load.
pub struct Endpoint {
    /// Short name, also the raw-SQL query's name.
    pub name: &'static str,
    /// Path and query after the base URL.
    pub path: String,
    /// Bearer token to call it with.
    pub token: String,
}

/// What one backend measured.
pub struct BackendResult {
    /// Which backend.
    pub backend: Backend,
    /// Per endpoint: its wrk runs (one per connection count) and raw SQL.
    pub endpoints: Vec<(String, Vec<LoadResult>, RawResult)>,
    /// RSS after start-up and sign-in, in KiB.
    pub rss_idle_kib: u64,
    /// Peak RSS (VmHWM) after all loads, in KiB.
    pub rss_peak_kib: u64,
    /// Private (anonymous) resident memory after the load, KiB: RSS without
    /// file-backed pages (the binary, the libraries).
    pub rss_anon_kib: u64,
}

/// A running server, killed on drop.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

async fn start(args: &Args, backend: Backend, url: &str) -> Result<Server> {
    let port = free_port()?;
    let log = std::fs::File::create(
        args.dir
            .join(format!("server-{backend:?}.log").to_lowercase()),
    )?;
    let child = Command::new(&args.binary)
        .args([
            "serve",
            "--database-url",
            url,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::from(log.try_clone()?))
        .stderr(Stdio::from(log))
        .spawn()
        .context("starting the server")?;
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(300);
    while Instant::now() < deadline {
        if let Ok(r) = reqwest::get(format!("{}/readyz", server.base)).await
            && r.status().is_success()
        {
            return Ok(server);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bail!("the server did not become ready")
}

async fn login(base: &str, username: &str) -> Result<String> {
    let body = json!({"company": COMPANY, "username": username, "password": PASSWORD});
    let r: Value = reqwest::Client::new()
        .post(format!("{base}/api/v1/auth/login"))
        .json(&body)
        .send()
        .await?
        .error_for_status()
        .with_context(|| format!("signing in as {username}"))?
        .json()
        .await?;
    r["token"].as_str().map(str::to_owned).context("no token")
}

async fn get(base: &str, token: &str, path: &str) -> Result<Value> {
    let r = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await?
        .error_for_status()
        .with_context(|| format!("GET {path}"))?;
    Ok(r.json().await?)
}

/// Run the built-in insights once, so that cards show measures; whether
/// it ran.
async fn ensure_measures(base: &str, hq: &str, pool: &raw::Db) -> Result<bool> {
    if pool.measure_count().await? > 0 {
        return Ok(false);
    }
    eprintln!("bench: running insights (first run on this dataset)");
    let started: Value = reqwest::Client::new()
        .post(format!("{base}/api/v1/insights/run"))
        .bearer_auth(hq)
        .json(&json!({}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let id = started["id"].as_str().context("run id")?;
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let run = get(base, hq, &format!("/api/v1/insights/runs/{id}")).await?;
        match run["status"].as_str() {
            Some("running") => continue,
            Some("done") => return Ok(true),
            _ => bail!("insights run failed: {run}"),
        }
    }
}

async fn endpoints(base: &str, associate: &str, manager: &str) -> Result<Vec<Endpoint>> {
    let mine = get(base, associate, "/api/v1/client-books/mine").await?;
    let book = mine["id"].as_str().context("book id")?.to_owned();
    let me = get(base, manager, "/api/v1/me").await?;
    let store = me["stores"][0]["id"]
        .as_str()
        .context("store id")?
        .to_owned();
    let page = get(
        base,
        associate,
        &format!("/api/v1/client-books/{book}/customers"),
    )
    .await?;
    let account = page["items"][0]["account"]
        .as_str()
        .context("a customer in the book")?
        .to_owned();
    let (a, m) = (associate.to_owned(), manager.to_owned());
    Ok(vec![
        Endpoint {
            name: "my_book",
            path: format!("/api/v1/client-books/{book}/customers"),
            token: a.clone(),
        },
        Endpoint {
            name: "store_book_filtered",
            path: format!(
                "/api/v1/stores/{store}/client-book/customers?attr.likes=handbags,shoes&attr.preferred_contact=email"
            ),
            token: m.clone(),
        },
        Endpoint {
            name: "store_refiners",
            path: format!("/api/v1/stores/{store}/client-book/refiners"),
            token: m,
        },
        Endpoint {
            name: "upcoming_30",
            path: format!("/api/v1/client-books/{book}/upcoming?days=30"),
            token: a.clone(),
        },
        Endpoint {
            name: "timeline",
            path: format!("/api/v1/customers/{account}/timeline"),
            token: a.clone(),
        },
        Endpoint {
            name: "card",
            path: format!("/api/v1/customers/{account}/card"),
            token: a,
        },
    ])
}

/// Measure `backend` on the database at `url`.
pub async fn measure(args: &Args, backend: Backend, url: &str) -> Result<BackendResult> {
    let mut server = start(args, backend, url).await?;
    let db = raw::Db::connect(url).await?;
    let hq = login(&server.base, "hq").await?;
    if ensure_measures(&server.base, &hq, &db).await? {
        // A fresh process, so that RSS is the serving process's alone.
        drop(server);
        raw::settle(url).await?;
        server = start(args, backend, url).await?;
    }
    let pid = server.child.id();
    let associate = login(&server.base, "a00001").await?;
    let manager = login(&server.base, "manager").await?;
    let eps = endpoints(&server.base, &associate, &manager).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_idle_kib = load::rss_kib(pid, "VmRSS")?;
    let ids = db.ids().await?;
    let mut out = Vec::new();
    for ep in &eps {
        let url = format!("{}{}", server.base, ep.path);
        load::warm_up(&url, &ep.token)?;
        let mut runs = Vec::new();
        for c in &args.connections {
            runs.push(load::wrk(&url, &ep.token, *c, args.seconds)?);
        }
        let raw = db.measure(ep.name, &ids, args.raw_reps).await?;
        eprintln!("bench: {backend:?} {} done", ep.name);
        out.push((ep.name.to_owned(), runs, raw));
    }
    let rss_peak_kib = load::rss_kib(pid, "VmHWM")?;
    let rss_anon_kib = load::rss_kib(pid, "RssAnon")?;
    drop(server);
    Ok(BackendResult {
        backend,
        endpoints: out,
        rss_idle_kib,
        rss_peak_kib,
        rss_anon_kib,
    })
}
