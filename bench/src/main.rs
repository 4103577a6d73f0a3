//! `clienteling-bench`: the benchmark driver of issue 8. On a generated
//! dataset (`clienteling generate`), on SQLite and on PostgreSQL, it measures
//! API latency (p50, p99) and throughput with `wrk` at several connection
//! counts for the main read endpoints, the same questions answered by raw SQL
//! on the same database in the same run (so the server's overhead is a
//! ratio), and the server's memory (RSS idle and peak under load). It writes a
//! Markdown report and, with `--update`, the table in BENCHMARKS.md.
//!
//! Run it through `bench/run`, which builds the release binaries and
//! installs `wrk` when missing.

#![forbid(unsafe_code)]

mod dataset;
mod load;
mod raw;
mod report;
mod server;

use anyhow::Result;
use clap::{Parser, ValueEnum};
use std::path::PathBuf;

/// Dataset sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scale {
    /// 10,000 customers, 50 associates, 2 stores (a smoke run: minutes).
    Small,
    /// 1M customers, 5,000 associates, 200 stores, 10M activities, 20M purchases.
    Full,
}

/// Storage backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// A private PostgreSQL cluster started by the driver (scripts/pg).
    Postgres,
}

/// Command line.
#[derive(Debug, Parser)]
#[command(about = "Benchmark the clienteling API against raw SQL on a generated dataset")]
pub struct Args {
    /// Dataset size.
    #[arg(long, value_enum, default_value = "small")]
    pub scale: Scale,
    /// Backends to measure.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "sqlite,postgres"
    )]
    pub backends: Vec<Backend>,
    /// `wrk` connection counts.
    #[arg(long, value_delimiter = ',', default_value = "2,16")]
    pub connections: Vec<u32>,
    /// Seconds per `wrk` run.
    #[arg(long, default_value_t = 10)]
    pub seconds: u32,
    /// Raw-SQL repetitions per query.
    #[arg(long, default_value_t = 300)]
    pub raw_reps: usize,
    /// Where datasets, logs and reports live.
    #[arg(long, default_value = "target/bench")]
    pub dir: PathBuf,
    /// The release `clienteling` binary.
    #[arg(long, default_value = "target/release/clienteling")]
    pub binary: PathBuf,
    /// Rewrite the API table of BENCHMARKS.md with this run's results.
    #[arg(long)]
    pub update: bool,
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.dir)?;
    let mut results = Vec::new();
    for backend in &args.backends {
        let db = dataset::prepare(&args, *backend).await?;
        results.push(server::measure(&args, *backend, &db).await?);
        dataset::finish(&args, *backend)?;
    }
    let md = report::markdown(&args, &results);
    let path = args.dir.join("report.md");
    std::fs::write(&path, &md)?;
    println!("{md}\nreport written to {}", path.display());
    if args.update {
        report::update_benchmarks_md(&md)?;
        println!("BENCHMARKS.md updated");
    }
    Ok(())
}
