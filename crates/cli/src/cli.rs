//! Command-line interface definition (clap). Every option can also come from
//! a `CLIENTELING_*` environment variable; secrets from `*_FILE` files.

use clap::{Args, Parser, Subcommand};

/// Clienteling server for retail: client books, customers, activities and insights.
#[derive(Debug, Parser)]
#[command(name = "clienteling", version, about, long_about = None)]
pub struct Cli {
    /// Log format: `text` or `json`.
    #[arg(
        long,
        env = "CLIENTELING_LOG_FORMAT",
        default_value = "text",
        global = true
    )]
    pub log_format: String,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Where the data lives.
#[derive(Debug, Args, Clone)]
pub struct Db {
    /// Database: `sqlite://PATH`, a plain file path (SQLite), or `postgres://…`.
    /// Default: `$XDG_DATA_HOME/clienteling/clienteling.db`.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// Connections per process (PostgreSQL).
    #[arg(long, env = "CLIENTELING_DB_MAX_CONNECTIONS", default_value_t = 16)]
    pub max_connections: u32,
}

/// Serving options.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CLIENTELING_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Session lifetime in hours.
    #[arg(long, env = "CLIENTELING_SESSION_HOURS", default_value_t = 12)]
    pub session_hours: u64,
    /// Failed sign-ins allowed per username per 15 minutes.
    #[arg(
        long,
        env = "CLIENTELING_LOGIN_FAILURES_PER_USER",
        default_value_t = 10
    )]
    pub login_failures_per_user: u32,
    /// Failed sign-ins allowed per client address per 15 minutes.
    #[arg(long, env = "CLIENTELING_LOGIN_FAILURES_PER_IP", default_value_t = 100)]
    pub login_failures_per_ip: u32,
    /// Seconds between checks whether today's follow-up rules have run (they
    /// run once per company and day, also at start-up); 0 switches them off.
    #[arg(
        long,
        env = "CLIENTELING_FOLLOW_UP_RULES_EVERY",
        default_value_t = 3600
    )]
    pub follow_up_rules_every: u64,
    /// Seconds an outbox worker holds a message before another may take it over.
    #[arg(long, env = "CLIENTELING_OUTBOX_LEASE_SECS", default_value_t = 120)]
    pub outbox_lease_secs: u64,
    /// Milliseconds the outbox worker waits between polls of an idle outbox.
    #[arg(long, env = "CLIENTELING_OUTBOX_POLL_MS", default_value_t = 2000)]
    pub outbox_poll_ms: u64,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the API and UI.
    Serve {
        /// Database.
        #[command(flatten)]
        db: Db,
        /// Serving options.
        #[command(flatten)]
        serve: ServeArgs,
    },
    /// Create (or reuse) a demo company with stores, associates, customers and
    /// purchases, print its sign-in lines, and serve it.
    Demo {
        /// Database (default: `$XDG_DATA_HOME/clienteling/demo.db`).
        #[command(flatten)]
        db: Db,
        /// Serving options.
        #[command(flatten)]
        serve: ServeArgs,
        /// Number of demo customers.
        #[arg(long, default_value_t = 2000)]
        customers: u32,
        /// Build the data and exit without serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate {
        /// Database.
        #[command(flatten)]
        db: Db,
    },
    /// Manage companies.
    Company {
        /// What to do.
        #[command(subcommand)]
        command: CompanyCommand,
    },
    /// Manage associates (users).
    User {
        /// What to do.
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Check the database's integrity; exits non-zero on a problem.
    Check {
        /// Database.
        #[command(flatten)]
        db: Db,
    },
    /// Customer insights from a transactions CSV: fit the purchase and spend
    /// models, or score every customer.
    Insights {
        /// What to do.
        #[command(subcommand)]
        command: InsightsCommand,
    },
    /// Import customers, purchases, attribute values, activities or
    /// client-book memberships from a CSV file (gzip and `-` for stdin too),
    /// upserting by natural key in batches of one transaction each.
    Import {
        /// Database.
        #[command(flatten)]
        db: Db,
        /// What and how to import.
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Export customers, purchases, attribute values, activities or
    /// client-book memberships as CSV in the format `import` reads.
    Export {
        /// Database.
        #[command(flatten)]
        db: Db,
        /// What to export.
        #[command(flatten)]
        args: ExportArgs,
    },
    /// Print everything held about one customer as JSON (a data-access
    /// request); written to the audit log.
    ExportCustomer {
        /// Database.
        #[command(flatten)]
        db: Db,
        /// Which customer.
        #[command(flatten)]
        who: CustomerRef,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
    /// Erase (anonymise) one customer's personal data; purchases stay for
    /// aggregates. Written to the audit log.
    Erase {
        /// Database.
        #[command(flatten)]
        db: Db,
        /// Which customer.
        #[command(flatten)]
        who: CustomerRef,
    },
    /// Build a large, realistic data set for benchmarks in a new company:
    /// stores, associates with client books, customers with attributes,
    /// purchases (BG/NBD-like) and activities, through the bulk paths.
    Generate {
        /// Database.
        #[command(flatten)]
        db: Db,
        /// Sizes.
        #[command(flatten)]
        args: GenerateArgs,
    },
}

/// The kinds of rows `import` and `export` handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Entity {
    /// `account,first_name,last_name,email,phone,street,postal_code,city,
    /// country,consent,consent_at,consent_source,alternate_id,address_books`.
    Customers,
    /// `external_id,account,at,amount,currency,store`.
    Purchases,
    /// `account,<attribute>,…` of one attribute group.
    Attributes,
    /// `external_id,account,associate,type,store,at,description,due_at`.
    Activities,
    /// `book,associate,account,added_at`.
    ClientBooks,
}

/// `import …`
#[derive(Debug, Args, Clone)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    pub entity: Entity,
    /// CSV file with a header line; `-` reads stdin; gzip (a `.gz` name or
    /// the gzip magic bytes) is decompressed.
    pub file: String,
    /// Company code.
    #[arg(long)]
    pub company: String,
    /// Column mapping `column=Header,…` for headers that differ from the
    /// column names, e.g. `--map account=CustNo,first_name=Etunimi`.
    #[arg(long, value_delimiter = ',')]
    pub map: Vec<String>,
    /// Where rejected rows go (line, reason, the row). Default:
    /// `FILE.rejects.csv` beside the input (`stdin.rejects.csv` for stdin).
    #[arg(long)]
    pub rejects: Option<std::path::PathBuf>,
    /// Rows per transaction. Bigger batches write each touched index page
    /// once per batch: on SQLite 10,000 imports about twice as fast as 1,000.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch_size: u32,
    /// Field delimiter (one byte), e.g. `;`.
    #[arg(long, default_value = ",")]
    pub delimiter: char,
    /// Attribute group of `attributes` (default: the group selected in settings).
    #[arg(long)]
    pub group: Option<String>,
    /// Currency of purchases without a `currency` column.
    #[arg(long, default_value = "EUR")]
    pub currency: String,
}

/// `export …`
#[derive(Debug, Args, Clone)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    pub entity: Entity,
    /// Company code.
    #[arg(long)]
    pub company: String,
    /// Write to this file instead of stdout (gzip when it ends in `.gz`).
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
    /// Attribute group of `attributes` (default: the group selected in settings).
    #[arg(long)]
    pub group: Option<String>,
}

/// One customer of one company.
#[derive(Debug, Args, Clone)]
pub struct CustomerRef {
    /// Company code.
    #[arg(long)]
    pub company: String,
    /// Account number.
    #[arg(long)]
    pub account: String,
}

/// `generate …`
#[derive(Debug, Args, Clone)]
pub struct GenerateArgs {
    /// Code of the company to create.
    #[arg(long, default_value = "bench")]
    pub company: String,
    /// Customers.
    #[arg(long, default_value_t = 100_000)]
    pub customers: u32,
    /// Purchases in total (about; the last customers may get fewer).
    #[arg(long, default_value_t = 2_000_000)]
    pub purchases: u64,
    /// Associates, each with a client book (default: one per 200 customers).
    #[arg(long)]
    pub associates: Option<u32>,
    /// Stores, each with an address book (default: one per 5,000 customers).
    #[arg(long)]
    pub stores: Option<u32>,
    /// Activities in total (default: ten per customer).
    #[arg(long)]
    pub activities: Option<u64>,
    /// Seed of the random generator.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

/// `company …`
#[derive(Debug, Subcommand)]
pub enum CompanyCommand {
    /// Create a company with the seeded roles (associate, manager, admin).
    Add {
        /// Database.
        #[command(flatten)]
        db: Db,
        /// Sign-in code, e.g. `acme`.
        code: String,
        /// Display name.
        #[arg(long)]
        name: String,
    },
}

/// `user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an associate. The password comes from `--password-file`, or the
    /// `CLIENTELING_PASSWORD` environment variable, or is generated and printed.
    Add {
        /// Database.
        #[command(flatten)]
        db: Db,
        /// Company code.
        #[arg(long)]
        company: String,
        /// Login name.
        #[arg(long)]
        username: String,
        /// Display name (default: the username).
        #[arg(long)]
        name: Option<String>,
        /// Role: associate, manager, admin or a custom role.
        #[arg(long, default_value = "associate")]
        role: String,
        /// Store codes (comma-separated).
        #[arg(long, value_delimiter = ',')]
        stores: Vec<String>,
        /// Address-book codes (comma-separated).
        #[arg(long, value_delimiter = ',')]
        address_books: Vec<String>,
        /// File holding the password.
        #[arg(long, env = "CLIENTELING_PASSWORD_FILE")]
        password_file: Option<std::path::PathBuf>,
    },
}

/// Input of `insights …`: a transactions CSV and the calibration period.
#[derive(Debug, Args, Clone)]
pub struct InsightsInput {
    /// CSV with the header `customer_id,date,amount`: `date` as YYYY-MM-DD,
    /// `amount` in major units (`12.50` or `12`; converted to minor units ×100,
    /// rounded half away from zero). `-` reads stdin; gzip input (a `.gz`
    /// name or the gzip magic bytes) is decompressed.
    #[arg(long, value_name = "FILE")]
    pub transactions: String,
    /// Last day of the calibration period, inclusive (YYYY-MM-DD). Later
    /// purchases are ignored, and customers whose first purchase is later are
    /// left out.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub calibration_end: String,
    /// Time unit of recency, T, the BG/NBD parameters and the horizon.
    #[arg(long, value_enum, default_value_t = InsightsTimeUnit::Week)]
    pub time_unit: InsightsTimeUnit,
}

/// Time unit of `insights …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InsightsTimeUnit {
    /// Weeks of 7 days.
    Week,
    /// Days.
    Day,
}

/// Output format of `insights fit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FitFormat {
    /// The fitted parameters as a JSON object.
    Json,
}

/// Output format of `insights score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFormat {
    /// A header line, then one row per customer.
    Csv,
    /// A JSON array of row objects.
    Json,
}

/// `insights …`
#[derive(Debug, Subcommand)]
pub enum InsightsCommand {
    /// Fit BG/NBD and Gamma-Gamma and print the parameters as JSON.
    ///
    /// Output: `{"customers", "time_unit", "bgnbd": {"r", "alpha", "a", "b",
    /// "log_likelihood"}, "gamma_gamma": {"p", "q", "v"} or null}` (`v` in
    /// minor units; `null` with too few repeat customers).
    Fit {
        /// Input.
        #[command(flatten)]
        input: InsightsInput,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FitFormat::Json)]
        format: FitFormat,
    },
    /// Fit the models and print one row of scores per customer.
    ///
    /// Columns: `customer_id, frequency, recency, T, p_alive,
    /// churn_probability, expected_purchases, monetary_value,
    /// expected_average_spend, clv`; money in the input's major units,
    /// `expected_average_spend` and `clv` empty (null) when the spend model is
    /// unavailable. Customers come in order of first appearance in the file.
    Score {
        /// Input.
        #[command(flatten)]
        input: InsightsInput,
        /// Horizon of `expected_purchases`, in the time unit.
        #[arg(long, default_value_t = 39.0)]
        horizon: f64,
        /// Months summed for the customer lifetime value (30-day months).
        #[arg(long, default_value_t = 12)]
        clv_months: u32,
        /// Monthly discount rate of the customer lifetime value.
        #[arg(long, default_value_t = 0.01)]
        discount_rate: f64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScoreFormat::Csv)]
        format: ScoreFormat,
    },
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
