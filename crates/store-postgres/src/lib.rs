//! PostgreSQL implementation of the clienteling storage traits, for
//! production: any number of stateless server processes share one database.
//! The SQL itself is shared with the SQLite backend (`crates/store-sql`);
//! only the pool, the dialect constants and the migrations live here.
#![forbid(unsafe_code)]

use clienteling_store::{Result, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

/// The sqlx database of this backend.
pub type Db = sqlx::Postgres;

mod dialect {
    //! PostgreSQL spellings of the few things the dialects disagree on.
    /// Backend name.
    /// The sea-query renderer of this dialect (filters are defined once).
    pub use sea_query::PostgresQueryBuilder as SeaBuilder;
    pub const BACKEND: &str = "postgres";
    /// The ordered string-aggregation function (`string_agg(x, ',' ORDER BY x)`).
    /// `(table, column)` of every text column of the application's tables.
    pub const TEXT_COLUMNS: &str = "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'text' AND table_name NOT LIKE '_sqlx%' ORDER BY 1, 2";
    /// Rows of `"ok"` or problem descriptions.
    pub const INTEGRITY_CHECK: &str = "SELECT 'ok' UNION ALL SELECT 'customer ' || c.account || ' in a missing company' FROM customers c LEFT JOIN companies co ON co.id = c.company_id WHERE co.id IS NULL";
    /// Planner statistics of every table.
    pub const ANALYZE: &str = "ANALYZE";
    /// Position of a substring (`f(haystack, needle)`, 0 when absent).
    pub const POSITION: &str = "strpos";
    /// The ordered string-aggregation function.
    pub const STRING_AGG: &str = "string_agg";
    /// Row locking of the outbox claim's inner SELECT (PostgreSQL skips
    /// rows another worker is claiming; SQLite has one writer anyway).
    pub const SKIP_LOCKED: &str = " FOR UPDATE SKIP LOCKED";
}

#[path = "../../store-sql/mod.rs"]
mod shared;

/// The PostgreSQL store.
#[derive(Clone)]
pub struct Backend {
    pool: sqlx::PgPool,
}

/// The PostgreSQL store under its public name.
pub type PostgresStore = Backend;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Backend {
    /// Connect to `url` (`postgres://…`); `max_connections` per process.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        let opts = PgConnectOptions::from_str(url).map_err(StoreError::other)?;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await
            .map_err(StoreError::other)?;
        Ok(Backend { pool })
    }

    /// Connect with a schema search path (used by tests to isolate databases).
    pub async fn connect_in_schema(url: &str, schema: &str, max_connections: u32) -> Result<Self> {
        let opts = PgConnectOptions::from_str(url)
            .map_err(StoreError::other)?
            .options([("search_path", schema)]);
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .connect_with(opts)
            .await
            .map_err(StoreError::other)?;
        Ok(Backend { pool })
    }

    /// Names of the embedded migrations, in order.
    pub fn migration_names() -> Vec<String> {
        MIGRATOR.iter().map(|m| m.description.to_string()).collect()
    }

    async fn run_migrations(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await.map_err(StoreError::other)
    }
}

impl Backend {
    /// Run one administrative statement (e.g. `CREATE SCHEMA` in tests).
    pub async fn execute_admin(&self, sql: &str) -> Result<()> {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(StoreError::other)
    }
}
