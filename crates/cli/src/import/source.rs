//! The input of an import: a file or stdin, gzip recognised by a `.gz` name
//! or the magic bytes, and the header-driven mapping of the importer's
//! columns to the file's columns (`--map column=Header`, else the column's
//! name or an alias, case-insensitively). Fields are trimmed.

use anyhow::{Context, Result, anyhow, bail};
use csv::ByteRecord;
use std::io::{Cursor, Read};

/// A column an importer reads.
#[derive(Debug, Clone)]
pub struct Column {
    /// Its name in the export format.
    pub name: String,
    /// Other header names taken for it.
    pub aliases: &'static [&'static str],
    /// Whether the file must have it.
    pub required: bool,
}

impl Column {
    /// A required column.
    pub fn required(name: &str, aliases: &'static [&'static str]) -> Self {
        Column {
            name: name.to_owned(),
            aliases,
            required: true,
        }
    }

    /// An optional column.
    pub fn optional(name: &str, aliases: &'static [&'static str]) -> Self {
        Column {
            name: name.to_owned(),
            aliases,
            required: false,
        }
    }
}

/// Open `path` (`-`: stdin), decompressing gzip.
pub fn open(path: &str) -> Result<Box<dyn Read + Send>> {
    let raw: Box<dyn Read + Send> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(path)
                .with_context(|| crate::msg::t_args("cli-err-opening", &[("path", path.into())]))?,
        )
    };
    let mut head = Vec::with_capacity(2);
    let mut raw = raw;
    (&mut raw).take(2).read_to_end(&mut head)?;
    let gzip = path.ends_with(".gz") || head == [0x1f, 0x8b];
    let reader = Cursor::new(head).chain(raw);
    Ok(if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(reader))
    } else {
        Box::new(reader)
    })
}

/// The file's header names (trimmed, without a byte-order mark).
pub fn header_names(header: &ByteRecord) -> Vec<String> {
    header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = if i == 0 {
                h.strip_prefix(b"\xef\xbb\xbf").unwrap_or(h)
            } else {
                h
            };
            String::from_utf8_lossy(h.trim_ascii()).into_owned()
        })
        .collect()
}

/// `--map column=Header` pairs, checked against the importer's columns.
fn parse_map(map: &[String], columns: &[Column]) -> Result<Vec<(usize, String)>> {
    map.iter()
        .filter(|m| !m.trim().is_empty())
        .map(|m| {
            let (col, header) = m
                .split_once('=')
                .ok_or_else(|| anyhow!("--map {m}: expected column=Header"))?;
            let col = col.trim();
            let i = columns
                .iter()
                .position(|c| c.name.eq_ignore_ascii_case(col))
                .ok_or_else(|| {
                    let known: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
                    anyhow!("--map {m}: no column {col} (columns: {})", known.join(", "))
                })?;
            Ok((i, header.trim().to_owned()))
        })
        .collect()
}

/// Position in `header` of each of `columns` (`None`: not in the file).
pub fn resolve(
    columns: &[Column],
    header: &[String],
    map: &[String],
) -> Result<Vec<Option<usize>>> {
    let mapped = parse_map(map, columns)?;
    let find = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .or_else(|| header.iter().position(|h| h.eq_ignore_ascii_case(name)))
    };
    let mut index = Vec::with_capacity(columns.len());
    for (i, c) in columns.iter().enumerate() {
        let pos = match mapped.iter().find(|(m, _)| *m == i) {
            Some((_, h)) => Some(find(h).ok_or_else(|| {
                anyhow!(
                    "--map {}={h}: the header has no column {h} (found: {})",
                    c.name,
                    header.join(",")
                )
            })?),
            None => find(&c.name).or_else(|| c.aliases.iter().find_map(|a| find(a))),
        };
        if pos.is_none() && c.required {
            bail!(
                "the header has no column {} (found: {}); name it with --map {}=Header",
                c.name,
                header.join(","),
                c.name
            );
        }
        index.push(pos);
    }
    Ok(index)
}

/// One data row seen through the importer's columns.
pub struct Fields<'r> {
    /// The row.
    pub record: &'r ByteRecord,
    /// Column positions (see [`resolve`]).
    pub index: &'r [Option<usize>],
    /// The importer's columns.
    pub columns: &'r [Column],
}

impl<'r> Fields<'r> {
    /// The trimmed value of column `i`; `None` when the file lacks it.
    pub fn get(&self, i: usize) -> Result<Option<&'r str>, String> {
        let Some(pos) = self.index.get(i).copied().flatten() else {
            return Ok(None);
        };
        let raw = self.record.get(pos).unwrap_or_default().trim_ascii();
        std::str::from_utf8(raw)
            .map(Some)
            .map_err(|_| format!("{} is not valid UTF-8", self.name(i)))
    }

    /// The value of column `i`, `None` when absent or empty.
    pub fn non_empty(&self, i: usize) -> Result<Option<&'r str>, String> {
        Ok(self.get(i)?.filter(|s| !s.is_empty()))
    }

    /// The non-empty value of column `i`.
    pub fn required(&self, i: usize) -> Result<&'r str, String> {
        self.non_empty(i)?
            .ok_or_else(|| format!("empty {}", self.name(i)))
    }

    /// The name of column `i`.
    pub fn name(&self, i: usize) -> &str {
        self.columns.get(i).map_or("?", |c| c.name.as_str())
    }
}
