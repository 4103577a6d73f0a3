//! Test helpers: a fresh database per test on the backend under test
//! (PostgreSQL when `TEST_DATABASE_URL` is set, SQLite otherwise), and
//! `TestApp`, a real server on port 0 with a seeded company.

use clienteling_domain::ids::CompanyId;
use clienteling_domain::org::NewAssociate;
use clienteling_domain::text::{Code, Name, Username};
use clienteling_server::Config;
use clienteling_store::Store;
use reqwest::StatusCode;
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::oneshot;

/// Which backend this run tests.
pub fn backend_name() -> &'static str {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        "postgres"
    } else {
        "sqlite"
    }
}

/// A fresh, migrated, empty database on the backend under test.
pub async fn fresh_store() -> Arc<dyn Store> {
    fresh_database().await.0
}

/// Where a test database lives, so that another pool (like another server
/// process) can connect to the same data.
#[derive(Debug, Clone)]
pub enum DbLocation {
    /// A SQLite file URL.
    Sqlite(String),
    /// A PostgreSQL URL and the test's schema.
    Postgres {
        /// Server URL.
        url: String,
        /// The test's schema.
        schema: String,
    },
}

impl DbLocation {
    /// Open a new, independent pool on this database (already migrated).
    pub async fn connect(&self) -> Arc<dyn Store> {
        match self {
            DbLocation::Sqlite(url) => Arc::new(
                clienteling_store_sqlite::SqliteStore::connect(url)
                    .await
                    .expect("sqlite"),
            ),
            DbLocation::Postgres { url, schema } => Arc::new(
                clienteling_store_postgres::PostgresStore::connect_in_schema(url, schema, 6)
                    .await
                    .expect("postgres schema"),
            ),
        }
    }
}

/// A fresh, migrated, empty database and where it lives.
pub async fn fresh_database() -> (Arc<dyn Store>, DbLocation) {
    let location = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => DbLocation::Postgres {
            schema: fresh_postgres(&url).await,
            url,
        },
        _ => {
            let dir = std::env::temp_dir().join("clienteling-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("{}.db", uuid::Uuid::now_v7().simple()));
            DbLocation::Sqlite(format!("sqlite://{}", path.display()))
        }
    };
    let store = location.connect().await;
    store.migrate().await.expect("migrate");
    (store, location)
}

/// Create a fresh schema; returns its name.
async fn fresh_postgres(url: &str) -> String {
    use clienteling_store_postgres::PostgresStore;
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    let admin = PostgresStore::connect(url, 1).await.expect("postgres");
    admin
        .execute_admin(&format!("CREATE SCHEMA {schema}"))
        .await
        .expect("create schema");
    schema
}

/// The seeded test company's code.
pub const COMPANY: &str = "acme";

/// `(username, role, stores)` of the seeded associates; password is `password-<username>`.
pub const USERS: &[(&str, &str, &[&str])] = &[
    ("ann", "associate", &["helsinki"]),
    ("max", "manager", &["helsinki", "tampere"]),
    ("ada", "admin", &[]),
    ("vic", "associate", &["vilnius"]),
];

/// Password of a seeded user.
pub fn password(user: &str) -> String {
    format!("password-{user}")
}

/// Seed a company with three stores (address books hel, tre, vno) and [`USERS`].
pub async fn seed(store: &dyn Store) -> CompanyId {
    let company = store
        .create_company(
            &Code::parse(COMPANY).unwrap(),
            &Name::parse("Acme Oy").unwrap(),
        )
        .await
        .expect("company");
    let mut shops = Vec::new();
    for (code, book) in [("helsinki", "hel"), ("tampere", "tre"), ("vilnius", "vno")] {
        let b = store
            .create_address_book(
                company.id,
                &Code::parse(book).unwrap(),
                &Name::parse(book).unwrap(),
            )
            .await
            .expect("book");
        let s = store
            .create_store(
                company.id,
                &Code::parse(code).unwrap(),
                &Name::parse(code).unwrap(),
                &[b.id],
            )
            .await
            .expect("store");
        shops.push((code, s.id, b.id));
    }
    let roles = store.list_roles(company.id).await.expect("roles");
    for (user, role, stores) in USERS {
        let mine: Vec<_> = shops.iter().filter(|s| stores.contains(&s.0)).collect();
        let new = NewAssociate {
            username: Username::parse(user).unwrap(),
            display_name: Name::parse(&format!("{user} tester")).unwrap(),
            password_hash: clienteling_server::auth::password::hash_blocking(&password(user))
                .unwrap(),
            role: roles.iter().find(|r| r.name.as_str() == *role).unwrap().id,
            stores: mine.iter().map(|s| s.1).collect(),
            address_books: mine.iter().map(|s| s.2).collect(),
            locale: None,
        };
        store
            .create_associate(company.id, &new)
            .await
            .expect("associate");
    }
    company.id
}

/// A running server with a seeded company.
pub struct TestApp {
    /// Where it listens.
    pub addr: SocketAddr,
    /// HTTP client (no cookie store: tests pass tokens explicitly).
    pub client: reqwest::Client,
    /// The database behind it.
    pub store: Arc<dyn Store>,
    /// The seeded company.
    pub company: CompanyId,
    /// Where the database lives (for a second server on the same data).
    pub db: DbLocation,
    stop: Option<oneshot::Sender<()>>,
}

/// Serve `store` on a fresh port; returns the address and the stop switch.
async fn serve(store: Arc<dyn Store>, config: Config) -> (SocketAddr, oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let shutdown = async {
            let _ = rx.await;
        };
        clienteling_server::launch(store, config, listener, shutdown)
            .await
            .expect("serve");
    });
    (addr, tx)
}

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    /// Start a server with the default config.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(Config::default()).await
    }

    /// Start a server with `config`.
    pub async fn spawn_with(config: Config) -> TestApp {
        let (store, db) = fresh_database().await;
        let company = seed(store.as_ref()).await;
        let (addr, stop) = serve(store.clone(), config).await;
        TestApp {
            addr,
            client: http_client(),
            store,
            company,
            db,
            stop: Some(stop),
        }
    }

    /// Start a second server on the same database through a new connection
    /// pool, as a second server process would.
    pub async fn spawn_second(&self) -> TestApp {
        self.spawn_second_with(Config::default()).await
    }

    /// Absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Sign in a seeded user; returns the bearer token.
    pub async fn login(&self, user: &str) -> String {
        let (status, body) = self
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(serde_json::json!({
                    "company": COMPANY, "username": user, "password": password(user)
                })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "login {user}: {body}");
        body["token"].as_str().unwrap().to_owned()
    }

    /// Call the API with an optional bearer token and JSON body.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.client.request(method.parse().unwrap(), self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// Send a raw body with a content type.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        token: &str,
        content_type: &str,
        body: &'static str,
    ) -> (StatusCode, Value) {
        let res = self
            .client
            .request(method.parse().unwrap(), self.url(path))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request");
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// Like [`TestApp::spawn_second`], with `config` (e.g. without an outbox worker).
    pub async fn spawn_second_with(&self, config: Config) -> TestApp {
        let store = self.db.connect().await;
        let (addr, stop) = serve(store.clone(), config).await;
        TestApp {
            addr,
            client: http_client(),
            store,
            company: self.company,
            db: self.db.clone(),
            stop: Some(stop),
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// A real SMTP server (aiosmtpd) for outreach tests.
pub mod smtp;
