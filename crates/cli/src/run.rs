//! Running the subcommands: opening the store, serving, migrations, users.

use crate::cli::{Cli, Command, CompanyCommand, Db, ServeArgs, UserCommand};
use anyhow::{Context, Result, anyhow};
use clienteling_domain::org::NewAssociate;
use clienteling_domain::text::{Code, Name, Password, Username};
use clienteling_server::Config;
use clienteling_store::Store;
use std::sync::Arc;
use std::time::Duration;

/// Set up logging to stderr: `text` or `json`, filtered by `RUST_LOG` (default `info`).
pub fn init_tracing(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.compact().init();
    }
}

/// Run one subcommand.
pub async fn dispatch(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve { db, serve } => {
            let store = open(&db, "clienteling.db").await?;
            serve_until_signal(store, &serve).await
        }
        Command::Demo {
            db,
            serve,
            customers,
            no_serve,
        } => {
            let store = open(&db, "demo.db").await?;
            crate::demo::ensure(store.as_ref(), customers).await?;
            if no_serve {
                return Ok(());
            }
            serve_until_signal(store, &serve).await
        }
        Command::Migrate { db } => {
            open(&db, "clienteling.db").await?;
            eprintln!("{}", crate::msg::t("cli-migrations-applied"));
            Ok(())
        }
        Command::Company {
            command: CompanyCommand::Add { db, code, name },
        } => {
            let store = open(&db, "clienteling.db").await?;
            let code = Code::parse(&code).map_err(|e| anyhow!("code {e}"))?;
            let name = Name::parse(&name).map_err(|e| anyhow!("name {e}"))?;
            let c = store
                .create_company(&code, &name)
                .await
                .context("creating the company")?;
            let code = c.code.to_string();
            println!(
                "{}",
                crate::msg::t_args("cli-company-created", &[("code", code.into())])
            );
            Ok(())
        }
        Command::User { command } => user(command).await,
        Command::Insights { command } => crate::insights_cmd::run(command),
        Command::Import { db, args } => {
            let store = open(&db, "clienteling.db").await?;
            crate::import::run(store, args).await
        }
        Command::Export { db, args } => {
            let store = open(&db, "clienteling.db").await?;
            crate::export::run(store.as_ref(), &args).await
        }
        Command::ExportCustomer { db, who, output } => {
            let store = open(&db, "clienteling.db").await?;
            crate::export::customer(store.as_ref(), &who, output.as_deref()).await
        }
        Command::Erase { db, who } => {
            let store = open(&db, "clienteling.db").await?;
            crate::export::erase(store.as_ref(), &who).await
        }
        Command::Generate { db, args } => {
            let store = open(&db, "clienteling.db").await?;
            crate::generate::run(store, &args).await
        }
        Command::Check { db } => {
            let store = open(&db, "clienteling.db").await?;
            let problems = store.integrity_problems().await?;
            if problems.is_empty() {
                println!("{}", crate::msg::t("cli-database-ok"));
                return Ok(());
            }
            let head = crate::msg::t("cli-database-problems");
            anyhow::bail!("{head}\n{}", problems.join("\n"))
        }
        Command::Openapi => {
            println!(
                "{}",
                serde_json::to_string_pretty(&clienteling_server::openapi())?
            );
            Ok(())
        }
    }
}

/// The database URL: the flag/env, or a file in the XDG data directory.
fn database_url(db: &Db, default_file: &str) -> Result<String> {
    if let Some(u) = &db.database_url {
        return Ok(u.clone());
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share"))
        })
        .ok_or_else(|| anyhow!("set DATABASE_URL or HOME"))?;
    let dir = base.join("clienteling");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(format!("sqlite://{}", dir.join(default_file).display()))
}

/// Open and migrate the store named by `db`.
pub async fn open(db: &Db, default_file: &str) -> Result<Arc<dyn Store>> {
    let url = database_url(db, default_file)?;
    let store: Arc<dyn Store> = if url.starts_with("postgres://")
        || url.starts_with("postgresql://")
    {
        Arc::new(
            clienteling_store_postgres::PostgresStore::connect(&url, db.max_connections).await?,
        )
    } else {
        let url = if url.starts_with("sqlite:") {
            url
        } else {
            format!("sqlite://{url}")
        };
        Arc::new(clienteling_store_sqlite::SqliteStore::connect(&url).await?)
    };
    store.migrate().await.context("migrating the database")?;
    tracing::info!(backend = store.backend(), "database ready");
    Ok(store)
}

async fn serve_until_signal(store: Arc<dyn Store>, serve: &ServeArgs) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(&serve.listen)
        .await
        .with_context(|| format!("cannot listen on {}", serve.listen))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "listening");
    let url = format!("http://{addr}");
    eprintln!(
        "{}",
        crate::msg::t_args("cli-listening", &[("url", url.into())])
    );
    let config = Config {
        session_ttl: Duration::from_secs(serve.session_hours * 3600),
        login_failures_per_user: serve.login_failures_per_user,
        login_failures_per_ip: serve.login_failures_per_ip,
        follow_up_rules_every: (serve.follow_up_rules_every > 0)
            .then(|| Duration::from_secs(serve.follow_up_rules_every)),
        outbox: Some(clienteling_server::outreach::worker::WorkerConfig {
            lease: Duration::from_secs(serve.outbox_lease_secs.max(1)),
            poll: Duration::from_millis(serve.outbox_poll_ms.max(10)),
            ..Default::default()
        }),
        ..Config::default()
    };
    clienteling_server::launch(store, config, listener, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    tracing::info!("shutting down: finishing in-flight requests");
}

async fn user(cmd: UserCommand) -> Result<()> {
    let UserCommand::Add {
        db,
        company,
        username,
        name,
        role,
        stores,
        address_books,
        password_file,
    } = cmd;
    let store = open(&db, "clienteling.db").await?;
    let company = store
        .company_by_code(&company)
        .await
        .context("no such company")?;
    let (password, generated) = read_password(password_file.as_deref())?;
    let role_id = store
        .list_roles(company.id)
        .await?
        .into_iter()
        .find(|r| r.name.as_str() == role)
        .ok_or_else(|| anyhow!("no role named {role}"))?
        .id;
    let all_stores = store.list_stores(company.id).await?;
    let all_books = store.list_address_books(company.id).await?;
    let new = NewAssociate {
        username: Username::parse(&username).map_err(|e| anyhow!("username {e}"))?,
        display_name: Name::parse(name.as_deref().unwrap_or(&username))
            .map_err(|e| anyhow!("name {e}"))?,
        password_hash: clienteling_server::auth::password::hash_blocking(password.expose())
            .map_err(|e| anyhow!("{e}"))?,
        role: role_id,
        stores: pick(&stores, &all_stores, |s| (s.code.as_str(), s.id))?,
        address_books: pick(&address_books, &all_books, |b| (b.code.as_str(), b.id))?,
        locale: None,
    };
    let a = store
        .create_associate(company.id, &new)
        .await
        .context("creating the associate")?;
    let args = [
        ("username", a.username.to_string().into()),
        ("role", a.role.into()),
    ];
    println!("{}", crate::msg::t_args("cli-associate-created", &args));
    if generated {
        let args = [("password", password.expose().to_string().into())];
        println!("{}", crate::msg::t_args("cli-generated-password", &args));
    }
    Ok(())
}

fn pick<T, I: Copy>(codes: &[String], all: &[T], key: impl Fn(&T) -> (&str, I)) -> Result<Vec<I>> {
    codes
        .iter()
        .map(|c| {
            all.iter()
                .map(&key)
                .find(|(k, _)| *k == c.to_lowercase())
                .map(|(_, id)| id)
                .ok_or_else(|| anyhow!("unknown code {c}"))
        })
        .collect()
}

fn read_password(file: Option<&std::path::Path>) -> Result<(Password, bool)> {
    let raw = match file {
        Some(f) => {
            Some(std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?)
        }
        None => std::env::var("CLIENTELING_PASSWORD").ok(),
    };
    match raw {
        Some(p) => Ok((
            Password::parse(p.trim_end_matches(['\r', '\n']))
                .map_err(|e| anyhow!("password {e}"))?,
            false,
        )),
        None => {
            let p = clienteling_server::auth::session::random_token();
            Ok((Password::parse(&p[..20]).map_err(|e| anyhow!("{e}"))?, true))
        }
    }
}
