//! The baseline: each endpoint's question answered by hand-written SQL on the
//! same database, through sqlx with bound parameters, one statement after the
//! other as the server would need them (a page of customers, then their
//! attribute values and measures). Timed per question, sequentially, on one
//! connection.

use anyhow::{Context, Result};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{PgPool, Row, SqlitePool};
use std::str::FromStr;
use std::time::Instant;
use uuid::Uuid;

/// A connection pool on either backend.
pub enum Db {
    /// SQLite.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Pg(PgPool),
}

/// A bound value.
#[derive(Clone)]
enum Arg {
    U(Uuid),
    S(String),
    I(i64),
}

/// Expand `$body` once per backend, with `$p` the pool.
macro_rules! on_pool {
    ($db:expr, $p:ident => $body:expr) => {
        match $db {
            Db::Sqlite($p) => $body,
            Db::Pg($p) => $body,
        }
    };
}

/// How a statement is planned, as the server does it.
#[derive(Clone, Copy)]
enum Plan {
    /// A cached prepared statement (the server's fixed queries).
    Cached,
    /// Planned with its values each time (the server's filtered pages and
    /// facet counts run with `persistent(false)`, see `store-sql/filter.rs`).
    WithValues,
}

/// Run `sql` with `args` under `plan`: the rows.
macro_rules! fetch {
    ($p:expr, $sql:expr, $args:expr) => {
        fetch!($p, $sql, $args, Plan::Cached)
    };
    ($p:expr, $sql:expr, $args:expr, $plan:expr) => {{
        let mut q = sqlx::query(sqlx::AssertSqlSafe($sql.to_owned()))
            .persistent(matches!($plan, Plan::Cached));
        for a in $args {
            q = match a {
                Arg::U(u) => q.bind(*u),
                Arg::S(s) => q.bind(s.clone()),
                Arg::I(i) => q.bind(*i),
            };
        }
        q.fetch_all($p).await?
    }};
}

/// Ids the questions are about.
pub struct Ids {
    company: Uuid,
    book: Uuid,
    associate: Uuid,
    store: Uuid,
    customer: Uuid,
    /// (id, name, kind, refinable)
    attributes: Vec<(Uuid, String, String, bool)>,
    /// The measures the company's cards show (settings `card_measures`).
    card_measures: Vec<String>,
}

/// Latencies of one question.
#[derive(Debug, Clone)]
pub struct RawResult {
    /// Median, ms.
    pub p50_ms: f64,
    /// 99th percentile, ms.
    pub p99_ms: f64,
}

const PAGE: &str = "SELECT c.id FROM customers c WHERE c.company_id = $1";
const ORDER: &str = " ORDER BY c.last_name, c.first_name, c.account LIMIT 50";
// Driven from the book's members (what the server does too).
const IN_BOOK: &str =
    " AND c.id IN (SELECT m.customer_id FROM client_book_members m WHERE m.book_id = $2)";
/// `customer` is in the store client book of the store bound at `store`.
fn in_store(customer: &str, store: &str) -> String {
    format!(
        " AND {customer} IN (SELECT m.customer_id FROM client_book_members m JOIN client_books bk ON bk.id = m.book_id \
         JOIN associate_address_books aab ON aab.associate_id = bk.associate_id \
         JOIN store_address_books sab ON sab.address_book_id = aab.address_book_id \
         WHERE sab.store_id = {store})"
    )
}

impl Db {
    /// Connect to `url` (`sqlite://…` or `postgres://…`), read-only on SQLite.
    pub async fn connect(url: &str) -> Result<Db> {
        Self::open(url, true).await
    }

    /// One connection to `url`; `read_only` applies to SQLite.
    async fn open(url: &str, read_only: bool) -> Result<Db> {
        if url.starts_with("postgres") {
            Ok(Db::Pg(
                PgPoolOptions::new().max_connections(1).connect(url).await?,
            ))
        } else {
            let opts = SqliteConnectOptions::from_str(url)?.read_only(read_only);
            Ok(Db::Sqlite(
                SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with(opts)
                    .await?,
            ))
        }
    }

    async fn uuids(&self, sql: &str, args: &[Arg], plan: Plan) -> Result<Vec<Uuid>> {
        on_pool!(self, p => {
            let rows = fetch!(p, sql, args, plan);
            rows.iter().map(|r| r.try_get::<Uuid, _>(0).map_err(Into::into)).collect()
        })
    }

    async fn count(&self, sql: &str, args: &[Arg], plan: Plan) -> Result<usize> {
        on_pool!(self, p => Ok(fetch!(p, sql, args, plan).len()))
    }

    /// How many measures are stored.
    pub async fn measure_count(&self) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM customer_measures";
        on_pool!(self, p => Ok(sqlx::query(sql).fetch_one(p).await?.try_get::<i64, _>(0)?))
    }

    async fn one(&self, sql: &str, args: &[Arg]) -> Result<Uuid> {
        self.uuids(sql, args, Plan::Cached)
            .await?
            .into_iter()
            .next()
            .with_context(|| format!("no row for {sql}"))
    }

    /// Look up the ids the questions use (the same as the API calls').
    pub async fn ids(&self) -> Result<Ids> {
        let company = self
            .one(
                "SELECT id FROM companies WHERE code = $1",
                &[Arg::S(crate::dataset::COMPANY.into())],
            )
            .await?;
        let c = Arg::U(company);
        let associate = self
            .one(
                "SELECT id FROM associates WHERE company_id = $1 AND username = 'a00001'",
                std::slice::from_ref(&c),
            )
            .await?;
        let book = self
            .one(
                "SELECT id FROM client_books WHERE associate_id = $1",
                &[Arg::U(associate)],
            )
            .await?;
        let store = self
            .one(
                "SELECT id FROM stores WHERE company_id = $1 AND code = 's0001'",
                std::slice::from_ref(&c),
            )
            .await?;
        let customer = self
            .one(&format!("{PAGE}{IN_BOOK}{ORDER}"), &[c, Arg::U(book)])
            .await?;
        let sql = "SELECT a.id, a.name, a.kind, a.refinable FROM attributes a JOIN attribute_groups g ON g.id = a.group_id \
                   WHERE g.company_id = $1 ORDER BY a.display_order";
        let attributes = on_pool!(self, p => {
            let rows = fetch!(p, sql, &[Arg::U(company)]);
            rows.iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
                .collect::<Result<Vec<_>>>()?
        });
        let card_measures = self.card_measures(company).await?;
        Ok(Ids {
            card_measures,
            company,
            book,
            associate,
            store,
            customer,
            attributes,
        })
    }

    /// The measures named in the company's settings as shown on cards.
    async fn card_measures(&self, company: Uuid) -> Result<Vec<String>> {
        let sql = "SELECT doc FROM company_settings WHERE company_id = $1";
        let doc: String =
            on_pool!(self, p => sqlx::query(sql).bind(company).fetch_one(p).await?.try_get(0)?);
        let doc: serde_json::Value = serde_json::from_str(&doc)?;
        Ok(doc["card_measures"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m.as_str().map(str::to_owned))
            .collect())
    }

    /// Attribute values of `ids` and the measures their cards show (the card
    /// data; without the upcoming list's measures when `measures` is empty).
    async fn card_data(&self, ids: &[Uuid], measures: &[String]) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let list = placeholders(1, ids.len());
        let mut args: Vec<Arg> = ids.iter().map(|u| Arg::U(*u)).collect();
        self.count(&format!("SELECT customer_id, attribute_id, value_text, value_num FROM customer_attributes WHERE customer_id IN ({list})"), &args, Plan::Cached).await?;
        if measures.is_empty() {
            return Ok(());
        }
        let names = placeholders(ids.len() + 1, measures.len());
        args.extend(measures.iter().map(|m| Arg::S(m.clone())));
        self.count(&format!("SELECT customer_id, measure, value_num, value_text, explanation FROM customer_measures WHERE customer_id IN ({list}) AND measure IN ({names})"), &args, Plan::Cached).await?;
        Ok(())
    }

    /// The upcoming events of the book, as the server reads them: the date
    /// events of every date attribute in one statement, the owner's pending
    /// follow-ups and the book's due activities.
    async fn upcoming(&self, ids: &Ids, w: &Window) -> Result<()> {
        let dates: Vec<Uuid> = ids
            .attributes
            .iter()
            .filter(|a| a.2 == "date")
            .map(|a| a.0)
            .collect();
        let (c, b) = (Arg::U(ids.company), Arg::U(ids.book));
        let attrs = placeholders(3, dates.len());
        let days = placeholders(3 + dates.len(), w.month_days.len());
        let mut args = vec![c.clone(), b.clone()];
        args.extend(dates.iter().map(|a| Arg::U(*a)));
        args.extend(w.month_days.iter().map(|d| Arg::S(d.clone())));
        let sql = format!(
            "SELECT ca.customer_id, c.account, c.first_name, c.last_name, ca.attribute_id, ca.value_text \
             FROM customer_attributes ca JOIN customers c ON c.id = ca.customer_id WHERE c.company_id = $1 \
             AND ca.attribute_id IN ({attrs}) AND substr(ca.value_text, 6, 5) IN ({days}) \
             AND ca.customer_id IN (SELECT m.customer_id FROM client_book_members m WHERE m.book_id = $2) \
             ORDER BY c.last_name, c.first_name, c.account, ca.attribute_id LIMIT {}",
            500 * dates.len().max(1)
        );
        self.count(&sql, &args, Plan::WithValues).await?;
        let follow_ups = "SELECT f.id, f.customer_id, c.account, c.first_name, c.last_name, f.owner_id, a.display_name, f.due, \
             f.first_due, f.reason, f.source, f.rule_kind, f.occasion, f.status, f.snoozed_until, f.created_at, f.closed_at, f.closed_by \
             FROM follow_ups f JOIN customers c ON c.id = f.customer_id JOIN associates a ON a.id = f.owner_id \
             WHERE f.company_id = $1 AND f.owner_id = (SELECT associate_id FROM client_books WHERE id = $2) \
             AND f.status IN ('open', 'snoozed') AND f.due <= $3 AND f.due >= $4 ORDER BY f.due, f.id LIMIT 500";
        let window = [
            c.clone(),
            b.clone(),
            Arg::S(w.last.clone()),
            Arg::S(w.first.clone()),
        ];
        self.count(follow_ups, &window, Plan::Cached).await?;
        let due = "SELECT a.id, c.account, c.first_name, c.last_name, t.code, a.due_at, ap.id FROM activities a \
             JOIN customers c ON c.id = a.customer_id JOIN activity_types t ON t.id = a.type_id \
             LEFT JOIN appointments ap ON ap.activity_id = a.id \
             WHERE a.company_id = $1 AND a.due_at >= $2 AND a.due_at < $3 \
             AND a.customer_id IN (SELECT customer_id FROM client_book_members WHERE book_id = $4) \
             ORDER BY a.due_at, a.id LIMIT 500";
        let span = [c, Arg::I(w.from_us), Arg::I(w.to_us), b];
        self.count(due, &span, Plan::Cached).await.map(drop)
    }

    fn attr(ids: &Ids, name: &str) -> Result<Uuid> {
        ids.attributes
            .iter()
            .find(|a| a.1 == name)
            .map(|a| a.0)
            .with_context(|| format!("attribute {name}"))
    }

    /// Answer the question `name` once.
    async fn ask(&self, name: &str, ids: &Ids, window: &Window) -> Result<()> {
        let (c, b, s) = (Arg::U(ids.company), Arg::U(ids.book), Arg::U(ids.store));
        match name {
            "my_book" => {
                let page = self
                    .uuids(
                        &format!("{PAGE}{IN_BOOK}{ORDER}"),
                        &[c, b],
                        Plan::WithValues,
                    )
                    .await?;
                self.card_data(&page, &ids.card_measures).await
            }
            "store_book_filtered" => {
                let f = " AND EXISTS (SELECT 1 FROM customer_attributes ca WHERE ca.customer_id = c.id AND ca.attribute_id = $3 AND ca.value_text IN ($4, $5)) \
                          AND EXISTS (SELECT 1 FROM customer_attributes cb WHERE cb.customer_id = c.id AND cb.attribute_id = $6 AND cb.value_text IN ($7))";
                let args = [
                    c,
                    s,
                    Arg::U(Self::attr(ids, "likes")?),
                    Arg::S("handbags".into()),
                    Arg::S("shoes".into()),
                    Arg::U(Self::attr(ids, "preferred_contact")?),
                    Arg::S("email".into()),
                ];
                let page = self
                    .uuids(
                        &format!("{PAGE}{}{f}{ORDER}", in_store("c.id", "$2")),
                        &args,
                        Plan::WithValues,
                    )
                    .await?;
                self.card_data(&page, &ids.card_measures).await
            }
            "store_refiners" => {
                // One query for every refinable attribute (none has a condition).
                let refinable: Vec<Arg> = ids
                    .attributes
                    .iter()
                    .filter(|a| a.3)
                    .map(|a| Arg::U(a.0))
                    .collect();
                let sql = format!(
                    "SELECT f.attribute_id, f.value_text, f.value_num, COUNT(*) AS n FROM customer_attributes f \
                     WHERE f.attribute_id IN ({}){} GROUP BY f.attribute_id, f.value_text, f.value_num ORDER BY n DESC",
                    placeholders(2, refinable.len()),
                    // No customer row: the store's books scope the customers
                    // (the server's facet counts without free text).
                    in_store("f.customer_id", "$1"),
                );
                let mut args = vec![s];
                args.extend(refinable);
                self.count(&sql, &args, Plan::WithValues).await.map(drop)
            }
            "upcoming_30" => self.upcoming(ids, window).await,
            "timeline" => {
                let sql = "SELECT * FROM (SELECT a.id, a.at, w.display_name, t.name, a.description FROM activities a JOIN associates w ON w.id = a.associate_id \
                     JOIN activity_types t ON t.id = a.type_id WHERE a.customer_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT 50) x UNION ALL \
                     SELECT * FROM (SELECT n.id, n.at, w.display_name, n.visibility, n.text FROM notes n JOIN associates w ON w.id = n.author_id \
                     WHERE n.customer_id = $1 AND (n.visibility <> 'private' OR n.author_id = $2) ORDER BY n.at DESC, n.id DESC LIMIT 50) y ORDER BY 2 DESC LIMIT 50";
                self.count(
                    sql,
                    &[Arg::U(ids.customer), Arg::U(ids.associate)],
                    Plan::Cached,
                )
                .await
                .map(drop)
            }
            "card" => {
                let one = self.uuids("SELECT id, account, first_name, last_name, email, phone FROM customers WHERE company_id = $1 AND id = $2", &[c, Arg::U(ids.customer)], Plan::Cached).await?;
                self.card_data(&one, &ids.card_measures).await
            }
            other => anyhow::bail!("no raw SQL for {other}"),
        }
    }

    /// Time the question `name` `reps` times.
    pub async fn measure(&self, name: &str, ids: &Ids, reps: usize) -> Result<RawResult> {
        let window = Window::of(time::OffsetDateTime::now_utc().date(), 30);
        for _ in 0..reps.min(20) {
            self.ask(name, ids, &window).await?;
        }
        let mut ms = Vec::with_capacity(reps);
        for _ in 0..reps.max(1) {
            let t = Instant::now();
            self.ask(name, ids, &window).await?;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        ms.sort_by(f64::total_cmp);
        Ok(RawResult {
            p50_ms: percentile(&ms, 0.50),
            p99_ms: percentile(&ms, 0.99),
        })
    }
}

/// Let the database settle after the insights run rewrote every customer's
/// measures, so that the reads are not measured against its aftermath: on
/// PostgreSQL vacuum and analyse the measures and checkpoint (otherwise
/// autovacuum and the checkpointer compete with the first endpoints, as the
/// first full run showed: my-book p50 775 ms while they ran, 7 ms after);
/// on SQLite fold the WAL back into the database file.
pub async fn settle(url: &str) -> Result<()> {
    let db = Db::open(url, false).await?;
    let statements: &[&str] = match db {
        Db::Pg(_) => &["VACUUM (ANALYZE) customer_measures", "CHECKPOINT"],
        Db::Sqlite(_) => &["PRAGMA wal_checkpoint(TRUNCATE)"],
    };
    for &stmt in statements {
        on_pool!(&db, p => sqlx::query(stmt).execute(p).await.map(drop))
            .with_context(|| format!("settling: {stmt}"))?;
    }
    Ok(())
}

/// The `q` quantile of sorted `ms` (nearest rank).
fn percentile(ms: &[f64], q: f64) -> f64 {
    let i = ((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len());
    ms[i - 1]
}

/// The upcoming window of the raw questions: today and the next `days` days.
pub struct Window {
    month_days: Vec<String>,
    /// First and last day, `YYYY-MM-DD`.
    first: String,
    last: String,
    /// `[from, to)` in µs since the epoch, midnight UTC of the first day to
    /// midnight after the last.
    from_us: i64,
    to_us: i64,
}

impl Window {
    fn of(today: time::Date, days: i64) -> Window {
        let last = today + time::Duration::days(days);
        let micros =
            |d: time::Date| (d.midnight().assume_utc().unix_timestamp_nanos() / 1000) as i64;
        Window {
            month_days: month_days(today, days),
            first: today.to_string(),
            last: last.to_string(),
            from_us: micros(today),
            to_us: micros(last + time::Duration::days(1)),
        }
    }
}

/// `$first, $first+1, …` for `n` values.
fn placeholders(first: usize, n: usize) -> String {
    let list: Vec<String> = (first..first + n).map(|i| format!("${i}")).collect();
    list.join(", ")
}

/// `MM-DD` of today and the next `days` days, with Feb 29 on Feb 28 of a
/// non-leap year (as the server's window does).
fn month_days(today: time::Date, days: i64) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..=days {
        let d = today + time::Duration::days(i);
        out.push(format!("{:02}-{:02}", u8::from(d.month()), d.day()));
        if d.month() == time::Month::February
            && d.day() == 28
            && !time::util::is_leap_year(d.year())
        {
            out.push("02-29".into());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), 50.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&[3.0], 0.99), 3.0);
    }

    #[test]
    fn month_days_include_feb_29_in_non_leap_years() {
        let d = time::Date::from_calendar_date(2027, time::Month::February, 27).unwrap();
        let days = month_days(d, 2);
        assert_eq!(days, ["02-27", "02-28", "02-29", "03-01"]);
    }
}
