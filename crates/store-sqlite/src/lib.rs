//! SQLite implementation of the clienteling storage traits: an embedded file
//! in WAL mode with a busy timeout and foreign keys on. The SQL itself is
//! shared with the PostgreSQL backend (`crates/store-sql`); only the pool,
//! the dialect constants and the migrations live here.
#![forbid(unsafe_code)]

use clienteling_store::{Result, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// The sqlx database of this backend.
pub type Db = sqlx::Sqlite;

mod dialect {
    //! SQLite spellings of the few things the dialects disagree on.
    /// Backend name.
    /// The sea-query renderer of this dialect (filters are defined once).
    pub use sea_query::SqliteQueryBuilder as SeaBuilder;
    pub const BACKEND: &str = "sqlite";
    /// The ordered string-aggregation function (`group_concat(x, ',' ORDER BY x)`).
    /// `(table, column)` of every text column of the application's tables.
    pub const TEXT_COLUMNS: &str = "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%' AND upper(p.type) = 'TEXT' ORDER BY 1, 2";
    /// Rows of `"ok"` or problem descriptions.
    pub const INTEGRITY_CHECK: &str = "PRAGMA integrity_check";
    /// Planner statistics from a bounded sample of each index (fast on
    /// millions of rows).
    pub const ANALYZE: &str = "PRAGMA analysis_limit = 1000; ANALYZE;";
    /// Position of a substring (`f(haystack, needle)`, 0 when absent).
    pub const POSITION: &str = "instr";
    /// The ordered string-aggregation function.
    pub const STRING_AGG: &str = "group_concat";
    /// Row locking of the outbox claim's inner SELECT (PostgreSQL skips
    /// rows another worker is claiming; SQLite has one writer anyway).
    pub const SKIP_LOCKED: &str = "";
}

#[path = "../../store-sql/mod.rs"]
mod shared;

/// The SQLite store.
#[derive(Clone)]
pub struct Backend {
    pool: sqlx::SqlitePool,
}

/// The SQLite store under its public name.
pub type SqliteStore = Backend;

/// Page cache per connection, in KiB (negative: SQLite's unit for KiB):
/// 8 MiB, four times the default, so that a book's pages stay in memory;
/// at most 64 MiB over the pool's eight connections. (A memory map was
/// tried too: no faster, and every connection's mapping of the file counted
/// in the server's RSS, 1 GB under load; BENCHMARKS.md.)
const CACHE_SIZE: &str = "-8192";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Backend {
    /// Open (creating if missing) the database at `url` (`sqlite://path` or `sqlite::memory:`).
    pub async fn connect(url: &str) -> Result<Self> {
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(StoreError::other)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            .pragma("cache_size", CACHE_SIZE);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(opts)
            .await
            .map_err(StoreError::other)?;
        Ok(Backend { pool })
    }

    /// Names of the embedded migrations, in order.
    pub fn migration_names() -> Vec<String> {
        MIGRATOR.iter().map(|m| m.description.to_string()).collect()
    }

    /// Apply the migrations, then let SQLite analyse tables whose size
    /// changed a lot since their statistics (cheap; SQLite's advice for
    /// opening a database).
    async fn run_migrations(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await.map_err(StoreError::other)?;
        sqlx::raw_sql("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(StoreError::other)
    }
}
