//! The import pipeline: a reader thread parses batches, the async writer
//! applies them one transaction each, counts, shows progress and reports.

use super::Importer;
use super::rejects::{Rejects, default_path};
use super::source::{self, Fields};
use crate::cli::ImportArgs;
use crate::msg;
use anyhow::{Result, anyhow};
use clienteling_store::Store;
use csv::ByteRecord;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::Read;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::mpsc;

/// Batches parsed ahead of the writer.
const AHEAD: usize = 2;

/// One batch: parsed rows with their line and fields, and parse rejects.
struct Batch<R> {
    rows: Vec<R>,
    meta: Vec<(u64, ByteRecord)>,
    rejects: Vec<(u64, String, ByteRecord)>,
}

impl<R> Batch<R> {
    fn new(size: usize) -> Self {
        Batch {
            rows: Vec::with_capacity(size),
            meta: Vec::with_capacity(size),
            rejects: Vec::new(),
        }
    }
}

/// Rows counted so far.
#[derive(Debug, Default)]
struct Counts {
    inserted: u64,
    updated: u64,
    unchanged: u64,
    rejected: u64,
}

impl Counts {
    fn done(&self) -> u64 {
        self.inserted + self.updated + self.unchanged + self.rejected
    }
}

/// Import `args.file` with `importer`.
pub async fn run<I: Importer>(
    store: Arc<dyn Store>,
    mut importer: I,
    args: &ImportArgs,
) -> Result<()> {
    let delimiter =
        u8::try_from(args.delimiter).map_err(|_| anyhow!("--delimiter must be one byte"))?;
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(source::open(&args.file)?);
    let header = csv.byte_headers()?.clone();
    let names = source::header_names(&header);
    let index = source::resolve(importer.columns(), &names, &args.map)?;
    importer.bind(&index, &names)?;
    let path = args
        .rejects
        .clone()
        .unwrap_or_else(|| default_path(&args.file));
    let mut rejects = Rejects::new(path, header.clone())?;
    let importer = Arc::new(importer);
    let (tx, rx) = mpsc::channel(AHEAD);
    let reader = {
        let importer = importer.clone();
        let size = args.batch_size as usize;
        std::thread::spawn(move || read(csv, importer.as_ref(), &index, header.len(), size, &tx))
    };
    let started = Instant::now();
    let bar = progress(&args.entity_name());
    let mut counts = Counts::default();
    let written = write(
        store.as_ref(),
        importer.as_ref(),
        rx,
        &mut rejects,
        &bar,
        &mut counts,
    )
    .await;
    bar.finish_and_clear();
    let read = reader
        .join()
        .map_err(|_| anyhow!("the reader thread panicked"));
    let rejected = rejects.finish();
    report(
        args,
        &counts,
        read.as_ref().ok().and_then(|r| r.as_ref().ok()).copied(),
        &rejects,
        started,
    );
    written?;
    rejected?;
    read??;
    Ok(())
}

impl ImportArgs {
    fn entity_name(&self) -> String {
        use clap::ValueEnum;
        self.entity
            .to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_owned())
    }
}

/// Read, parse and send batches; returns the number of data rows read.
fn read<I: Importer>(
    mut csv: csv::Reader<Box<dyn Read + Send>>,
    importer: &I,
    index: &[Option<usize>],
    width: usize,
    size: usize,
    tx: &mpsc::Sender<Batch<I::Row>>,
) -> Result<u64> {
    let send = |b: Batch<I::Row>| {
        tx.blocking_send(b)
            .map_err(|_| anyhow!("the import stopped"))
    };
    let mut batch = Batch::new(size);
    let mut record = ByteRecord::new();
    let mut rows = 0u64;
    while next(&mut csv, &mut record)? {
        rows += 1;
        let line = record.position().map_or(0, |p| p.line());
        let parsed = if record.len() == width {
            let fields = Fields {
                record: &record,
                index,
                columns: importer.columns(),
            };
            importer.parse(&fields)
        } else {
            Err(format!(
                "expected {width} fields like the header, found {}",
                record.len()
            ))
        };
        match parsed {
            Ok(row) => {
                batch.rows.push(row);
                batch.meta.push((line, record.clone()));
            }
            Err(reason) => batch.rejects.push((line, reason, record.clone())),
        }
        if batch.rows.len() >= size || batch.rejects.len() >= size {
            send(std::mem::replace(&mut batch, Batch::new(size)))?;
        }
    }
    if !batch.rows.is_empty() || !batch.rejects.is_empty() {
        send(batch)?;
    }
    Ok(rows)
}

/// The next record; an error names its line.
fn next(csv: &mut csv::Reader<Box<dyn Read + Send>>, record: &mut ByteRecord) -> Result<bool> {
    csv.read_byte_record(record)
        .map_err(|e| match e.position() {
            Some(p) => anyhow!("line {}: {e}", p.line()),
            None => anyhow!("reading the input: {e}"),
        })
}

/// Apply batches until the reader is done or a batch fails.
async fn write<I: Importer>(
    store: &dyn Store,
    importer: &I,
    mut rx: mpsc::Receiver<Batch<I::Row>>,
    rejects: &mut Rejects,
    bar: &ProgressBar,
    counts: &mut Counts,
) -> Result<()> {
    while let Some(batch) = rx.recv().await {
        for (line, reason, record) in &batch.rejects {
            rejects.write(*line, reason, record)?;
        }
        counts.rejected += batch.rejects.len() as u64;
        if !batch.rows.is_empty() {
            let (first, last) = (batch.meta[0].0, batch.meta[batch.meta.len() - 1].0);
            let outcome = importer.write(store, &batch.rows).await.map_err(|e| {
                anyhow!("lines {first}-{last}: the batch was not applied (nothing of it was written): {e:#}")
            })?;
            for (i, reason) in &outcome.rejected {
                let (line, record) = &batch.meta[*i];
                rejects.write(*line, reason, record)?;
            }
            counts.inserted += outcome.inserted;
            counts.updated += outcome.updated;
            counts.unchanged += outcome.unchanged;
            counts.rejected += outcome.rejected.len() as u64;
            tracing::debug!(first, last, "batch committed");
        }
        rejects.finish()?;
        bar.set_position(counts.done());
    }
    Ok(())
}

/// A spinner with rows and rows/s on stderr (hidden when not a terminal).
fn progress(entity: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let template = format!(
        "{{spinner}} {}: {{human_pos}} {} ({{per_sec}}) {{elapsed}}",
        msg::t_args(
            "cli-importing",
            &[("entity", msg::label("cli-entity", entity).into())]
        ),
        msg::t("cli-rows")
    );
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Print the summary line (stdout) and where the rejects are (stderr).
fn report(args: &ImportArgs, c: &Counts, read: Option<u64>, rejects: &Rejects, started: Instant) {
    let secs = started.elapsed().as_secs_f64();
    let read = read.unwrap_or_else(|| c.done());
    let rate = if secs > 0.0 { read as f64 / secs } else { 0.0 };
    let entity = msg::label("cli-entity", &args.entity_name());
    let summary = [
        ("entity", entity.into()),
        ("read", read.into()),
        ("inserted", c.inserted.into()),
        ("updated", c.updated.into()),
        ("unchanged", c.unchanged.into()),
        ("rejected", c.rejected.into()),
        ("seconds", msg::seconds(secs)),
        ("rate", msg::rate(rate)),
    ];
    println!("{}", msg::t_args("cli-import-summary", &summary));
    if c.rejected > 0 {
        let path = rejects.path().display().to_string();
        let args = [("count", c.rejected.into()), ("path", path.into())];
        eprintln!("{}", msg::t_args("cli-import-rejects", &args));
    }
}
