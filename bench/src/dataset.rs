//! The generated dataset per backend and scale: created once with
//! `clienteling generate` (plus a manager and an admin to sign in as) and
//! kept under `--dir` for later runs. PostgreSQL runs in a private cluster
//! started and stopped through `scripts/pg`.

use crate::{Args, Backend, Scale};
use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::Command;

/// Company code of the generated data.
pub const COMPANY: &str = "bench";
/// Password of every generated and added user.
pub const PASSWORD: &str = "bench-password-2026";
/// The private cluster's port.
const PG_PORT: &str = "55470";

/// Row counts of a scale.
pub struct Size {
    /// Customers.
    pub customers: u64,
    /// Associates.
    pub associates: u64,
    /// Stores.
    pub stores: u64,
    /// Purchases.
    pub purchases: u64,
    /// Activities.
    pub activities: u64,
}

/// The counts of `scale`.
pub fn size(scale: Scale) -> Size {
    match scale {
        Scale::Small => Size {
            customers: 10_000,
            associates: 50,
            stores: 2,
            purchases: 200_000,
            activities: 100_000,
        },
        Scale::Full => Size {
            customers: 1_000_000,
            associates: 5_000,
            stores: 200,
            purchases: 20_000_000,
            activities: 10_000_000,
        },
    }
}

fn scale_name(scale: Scale) -> &'static str {
    match scale {
        Scale::Small => "small",
        Scale::Full => "full",
    }
}

/// Absolute: scripts/pg may run initdb as another user from another directory.
fn pg_dir(args: &Args) -> PathBuf {
    let dir = args.dir.join("pg");
    std::path::absolute(&dir).unwrap_or(dir)
}

fn pg(args: &Args, cmd: &str) -> Result<String> {
    let out = Command::new("scripts/pg")
        .arg(cmd)
        .env("PGTEST_DIR", pg_dir(args))
        .env("PGTEST_PORT", PG_PORT)
        .env("PGTEST_DB", format!("bench_{}", scale_name(args.scale)))
        .output()
        .context("running scripts/pg")?;
    if !out.status.success() {
        bail!("scripts/pg {cmd}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The database URL of `backend`, generated first when it is not there yet.
pub async fn prepare(args: &Args, backend: Backend) -> Result<String> {
    let (url, marker) = match backend {
        Backend::Sqlite => {
            let dir = args.dir.join(scale_name(args.scale));
            std::fs::create_dir_all(&dir)?;
            let file = dir.join("clienteling.db");
            (
                format!("sqlite://{}", file.display()),
                dir.join("sqlite.ready"),
            )
        }
        Backend::Postgres => {
            pg(args, "start")?;
            let url = pg(args, "url")?;
            (
                url,
                pg_dir(args).join(format!("{}.ready", scale_name(args.scale))),
            )
        }
    };
    if !marker.exists() {
        generate(args, &url)?;
        std::fs::write(&marker, "generated\n")?;
    }
    Ok(url)
}

/// Stop what [`prepare`] started.
pub fn finish(args: &Args, backend: Backend) -> Result<()> {
    if backend == Backend::Postgres {
        pg(args, "stop")?;
    }
    Ok(())
}

fn run(args: &Args, what: &str, argv: &[String]) -> Result<()> {
    eprintln!("bench: {what}");
    let status = Command::new(&args.binary)
        .args(argv)
        .env("CLIENTELING_PASSWORD", PASSWORD)
        .status()
        .with_context(|| format!("running {}", args.binary.display()))?;
    if !status.success() {
        bail!("{what} failed: {status}");
    }
    Ok(())
}

fn generate(args: &Args, url: &str) -> Result<()> {
    let s = size(args.scale);
    let argv: Vec<String> = [
        "generate",
        "--database-url",
        url,
        "--company",
        COMPANY,
        "--customers",
        &s.customers.to_string(),
        "--associates",
        &s.associates.to_string(),
        "--stores",
        &s.stores.to_string(),
        "--purchases",
        &s.purchases.to_string(),
        "--activities",
        &s.activities.to_string(),
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    run(args, "generating the dataset", &argv)?;
    for (user, role, scope) in [("manager", "manager", true), ("hq", "admin", false)] {
        let mut argv: Vec<String> = [
            "user",
            "add",
            "--database-url",
            url,
            "--company",
            COMPANY,
            "--username",
            user,
            "--role",
            role,
        ]
        .iter()
        .map(|a| a.to_string())
        .collect();
        if scope {
            argv.extend(["--stores", "s0001", "--address-books", "ab0001"].map(String::from));
        }
        run(args, &format!("adding user {user}"), &argv)?;
    }
    Ok(())
}
