//! Streaming reader of the transactions CSV of `clienteling insights`.
//!
//! * The source is a path or `-` (stdin); gzip is recognised by a `.gz` name
//!   or the gzip magic bytes and decompressed on the fly.
//! * The header must name `customer_id`, `date` and `amount` (any order,
//!   case-insensitive, extra columns ignored); fields are trimmed.
//! * `date` is `YYYY-MM-DD`, turned into a day number since 1970-01-01.
//! * `amount` is a decimal in major units (`12.50`, `12`, `-3.5`, `.5`),
//!   turned into minor units ×100, rounded half away from zero at the cent;
//!   exponents, `NaN` and thousands separators are rejected.
//! * Every bad row is an error naming its line (the header is line 1).
//!
//! Customer ids are interned into `u32` keys (in order of first appearance),
//! which keeps millions of rows cheap to sort and summarise. Rows after the
//! calibration end are checked, then dropped.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use anyhow::{Context, Result, anyhow, bail};
use clienteling_insights::{Day, Transaction};
use csv::StringRecord;
use indicatif::ProgressBar;
use time::Date;
use time::format_description::BorrowedFormatItem;
use time::macros::{date, format_description};

/// `YYYY-MM-DD`.
const DATE_FORMAT: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");
/// Julian day number of 1970-01-01 (day 0).
const EPOCH: i32 = date!(1970 - 01 - 01).to_julian_day();
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
    let mut csv = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(reader);
    let header = csv.headers().map_err(|e| csv_error(e, source))?;
    let columns = columns(header).map_err(|e| anyhow!("{source}: {e}"))?;
    let mut interner = Interner::default();
    let mut transactions = Vec::new();
    let mut record = StringRecord::new();
    let mut rows = 0u64;
    while csv
        .read_record(&mut record)
        .map_err(|e| csv_error(e, source))?
    {
        let line = record.position().map_or(0, |p| p.line());
        let (customer, day, amount) =
            parse_row(&record, &columns).map_err(|e| anyhow!("{source} line {line}: {e}"))?;
        rows += 1;
        if rows.is_multiple_of(PROGRESS_STEP) {
            bar.set_position(rows);
        }
        if day <= calibration_end {
            let customer = interner
                .key(customer)
                .map_err(|e| anyhow!("{source}: {e}"))?;
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
fn columns(header: &StringRecord) -> Result<Columns, String> {
    if header.iter().all(str::is_empty) {
        return Err("the file is empty: expected a header customer_id,date,amount".into());
    }
    let find = |name: &str| {
        header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let found: Vec<&str> = header.iter().collect();
                format!(
                    "the header must name the columns customer_id, date and amount; \"{name}\" is missing (found: {})",
                    found.join(",")
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
fn parse_row<'r>(
    record: &'r StringRecord,
    columns: &Columns,
) -> Result<(&'r str, Day, i64), String> {
    let field = |i: usize| record.get(i).unwrap_or("");
    let customer = field(columns.customer);
    if customer.is_empty() {
        return Err("empty customer_id".into());
    }
    let day = parse_day(field(columns.date))?;
    let amount = parse_amount(field(columns.amount))?;
    Ok((customer, day, amount))
}

/// Parses `YYYY-MM-DD` into days since 1970-01-01.
pub fn parse_day(text: &str) -> Result<Day, String> {
    Date::parse(text, DATE_FORMAT)
        .map(|d| d.to_julian_day() - EPOCH)
        .map_err(|e| format!("invalid date {text:?} ({e}; expected YYYY-MM-DD)"))
}

/// Parses a decimal amount in major units into minor units (×100), rounding
/// half away from zero at the cent.
pub fn parse_amount(text: &str) -> Result<i64, String> {
    let invalid = || format!("invalid amount {text:?} (expected a number such as 12.50 or 12)");
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return Err(invalid());
    }
    let minor = minor_units(whole, fraction.as_bytes())
        .ok_or_else(|| format!("amount {text:?} is too large"))?;
    Ok(if negative { -minor } else { minor })
}

/// `whole.fraction` × 100, rounded half up on the third fraction digit;
/// `None` on overflow. Both parts are ASCII digits.
fn minor_units(whole: &str, fraction: &[u8]) -> Option<i64> {
    let digit = |i: usize| fraction.get(i).map_or(0, |b| i64::from(b - b'0'));
    let mut value: i64 = 0;
    for b in whole.bytes() {
        value = value.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    let cents = digit(0) * 10 + digit(1) + i64::from(digit(2) >= 5);
    value.checked_mul(100)?.checked_add(cents)
}

/// Maps customer ids to dense `u32` keys.
#[derive(Default)]
struct Interner {
    keys: HashMap<String, u32>,
}

impl Interner {
    /// The key of `id`, allocating one on first sight.
    fn key(&mut self, id: &str) -> Result<u32, String> {
        if let Some(&key) = self.keys.get(id) {
            return Ok(key);
        }
        let key = u32::try_from(self.keys.len())
            .map_err(|_| "more than 4,294,967,295 customers".to_string())?;
        self.keys.insert(id.to_owned(), key);
        Ok(key)
    }

    /// The ids indexed by key.
    fn into_names(self) -> Vec<String> {
        let mut names = vec![String::new(); self.keys.len()];
        for (id, key) in self.keys {
            names[key as usize] = id;
        }
        names
    }
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
        (csv::ErrorKind::Utf8 { .. }, Some(line)) => {
            anyhow!("{source} line {line}: the text is not valid UTF-8")
        }
        (_, Some(line)) => anyhow!("{source} line {line}: {e}"),
        (_, None) => anyhow!("reading {source}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_become_minor_units() {
        let cases = [
            ("12.50", 1250),
            ("12", 1200),
            ("12.", 1200),
            (".5", 50),
            ("-3.5", -350),
            ("+0.01", 1),
            ("0.125", 13),
            ("-0.125", -13),
            ("0.1249", 12),
            ("1.999", 200),
            ("0", 0),
        ];
        for (text, minor) in cases {
            assert_eq!(parse_amount(text), Ok(minor), "{text}");
        }
        for bad in [
            "",
            ".",
            "-",
            "abc",
            "1e3",
            "NaN",
            "inf",
            "1,5",
            "1.2.3",
            "--1",
            "99999999999999999999",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_become_day_numbers() {
        assert_eq!(parse_day("1970-01-01"), Ok(0));
        assert_eq!(parse_day("1970-01-02"), Ok(1));
        assert_eq!(parse_day("1969-12-31"), Ok(-1));
        assert_eq!(parse_day("2024-03-01"), Ok(19_783));
        for bad in [
            "",
            "2024-02-30",
            "2024-13-01",
            "24-01-01",
            "2024/01/01",
            "2024-01-01T00:00",
        ] {
            assert!(parse_day(bad).is_err(), "{bad}");
        }
    }
}
