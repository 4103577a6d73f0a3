//! Streaming reader of the transactions CSV of `clienteling insights`.
//!
//! * The source is a path or `-` (stdin); gzip is recognised by a `.gz` name
//!   or the gzip magic bytes and decompressed on the fly.
//! * The header must name `customer_id`, `date` and `amount` (any order,
//!   case-insensitive, extra columns ignored); fields are trimmed.
//! * `date` and `amount` are parsed as described in the `parse` module.
//! * Every bad row is an error naming its line (the header is line 1).
//!
//! Rows after the calibration end are checked, then dropped; customer ids
//! are interned (see the `intern` module).

use std::io::{Cursor, Read};

use anyhow::{Context, Result, anyhow, bail};
use clienteling_insights::{Day, Transaction};
use csv::ByteRecord;
use indicatif::ProgressBar;

use super::intern::Interner;
use super::parse::{parse_amount_bytes, parse_day_bytes};

/// Rows between progress-bar updates.
const PROGRESS_STEP: u64 = 8192;

/// Everything read from the input.
pub struct Loaded {
    /// Customer ids; a transaction's key indexes this.
    pub names: Vec<String>,
    /// Transactions up to the calibration end.
    pub transactions: Vec<Transaction<u32>>,
    /// Data rows read (all dates).
    pub rows: u64,
}

/// Column positions of the required fields.
struct Columns {
    customer: usize,
    date: usize,
    amount: usize,
}

/// Reads `path` (`-` for stdin), keeping transactions up to
/// `calibration_end`; `bar` counts rows.
pub fn read(path: &str, calibration_end: Day, bar: &ProgressBar) -> Result<Loaded> {
    let source = super::source_name(path);
    let reader = open(path).with_context(|| format!("opening {source}"))?;
    let mut csv = csv::ReaderBuilder::new().from_reader(reader);
    let header = csv.byte_headers().map_err(|e| csv_error(e, source))?;
    let columns = columns(header).map_err(|e| anyhow!("{source}: {e}"))?;
    let mut interner = Interner::default();
    let mut transactions = Vec::new();
    let mut record = ByteRecord::new();
    let mut rows = 0u64;
    while csv
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(e, source))?
    {
        let line = record.position().map_or(0, |p| p.line());
        let fail = |e: String| anyhow!("{source} line {line}: {e}");
        let (customer, day, amount) = parse_row(&record, &columns).map_err(fail)?;
        rows += 1;
        if rows.is_multiple_of(PROGRESS_STEP) {
            bar.set_position(rows);
        }
        if day <= calibration_end {
            let customer = interner.key(customer).map_err(fail)?;
            transactions.push(Transaction {
                customer,
                day,
                amount,
            });
        }
    }
    if rows == 0 {
        bail!("{source}: no transactions (only a header)");
    }
    Ok(Loaded {
        names: interner.into_names(),
        transactions,
        rows,
    })
}

/// Opens the source, decompressing gzip.
fn open(path: &str) -> Result<Box<dyn Read>> {
    let raw: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path)?)
    };
    let (head, raw) = peek(raw, 2)?;
    let gzip = path.ends_with(".gz") || head == [0x1f, 0x8b];
    let reader = Cursor::new(head).chain(raw);
    Ok(if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(reader))
    } else {
        Box::new(reader)
    })
}

/// Reads up to `n` bytes from the start of `reader` (fewer only at the end).
fn peek(mut reader: Box<dyn Read>, n: usize) -> Result<(Vec<u8>, Box<dyn Read>)> {
    let mut head = Vec::with_capacity(n);
    (&mut reader).take(n as u64).read_to_end(&mut head)?;
    Ok((head, reader))
}

/// Finds the required columns in the header.
fn columns(header: &ByteRecord) -> Result<Columns, String> {
    let names: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h.trim_ascii()).into_owned())
        .collect();
    if names.iter().all(String::is_empty) {
        return Err("the file is empty: expected a header customer_id,date,amount".into());
    }
    let find = |name: &str| {
        names
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                format!(
                    "the header must name the columns customer_id, date and amount; \"{name}\" is missing (found: {})",
                    names.join(",")
                )
            })
    };
    Ok(Columns {
        customer: find("customer_id")?,
        date: find("date")?,
        amount: find("amount")?,
    })
}

/// Parses one data row into (customer id, day, amount in minor units).
fn parse_row<'r>(record: &'r ByteRecord, columns: &Columns) -> Result<(&'r str, Day, i64), String> {
    let field = |i: usize| record.get(i).unwrap_or_default().trim_ascii();
    let customer = std::str::from_utf8(field(columns.customer))
        .map_err(|_| "customer_id is not valid UTF-8".to_string())?;
    if customer.is_empty() {
        return Err("empty customer_id".into());
    }
    let day = parse_day_bytes(field(columns.date))?;
    let amount = parse_amount_bytes(field(columns.amount))?;
    Ok((customer, day, amount))
}

/// A CSV error with the source and, when known, the line.
fn csv_error(e: csv::Error, source: &str) -> anyhow::Error {
    let line = e.position().map(|p| p.line());
    match (e.kind(), line) {
        (
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            },
            Some(line),
        ) => anyhow!(
            "{source} line {line}: expected {expected_len} fields like the header, found {len}"
        ),
        (_, Some(line)) => anyhow!("{source} line {line}: {e}"),
        (_, None) => anyhow!("reading {source}: {e}"),
    }
}
