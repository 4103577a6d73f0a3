//! The reject file: one CSV row per refused input row, `line,reason,` then
//! the row's own fields under the input's header. Created on the first
//! reject; a stale file from an earlier run is removed at the start.

use anyhow::{Context, Result};
use csv::ByteRecord;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Where rejects go when `--rejects` is not given: `FILE.rejects.csv` beside
/// the input (extensions `.gz` and `.csv` dropped), `stdin.rejects.csv` for stdin.
pub fn default_path(input: &str) -> PathBuf {
    if input == "-" {
        return PathBuf::from("stdin.rejects.csv");
    }
    let base = input.strip_suffix(".gz").unwrap_or(input);
    let base = base
        .strip_suffix(".csv")
        .or_else(|| base.strip_suffix(".CSV"))
        .unwrap_or(base);
    PathBuf::from(format!("{base}.rejects.csv"))
}

/// Writes rejected rows, creating the file on the first one.
pub struct Rejects {
    path: PathBuf,
    header: ByteRecord,
    writer: Option<csv::Writer<File>>,
    count: u64,
}

impl Rejects {
    /// A writer to `path` for rows under `header`; removes a stale file.
    pub fn new(path: PathBuf, header: ByteRecord) -> Result<Self> {
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("removing {}", path.display())),
        }
        Ok(Rejects {
            path,
            header,
            writer: None,
            count: 0,
        })
    }

    /// Record one rejected row.
    pub fn write(&mut self, line: u64, reason: &str, row: &ByteRecord) -> Result<()> {
        let path = self.path.clone();
        let w = self.writer()?;
        let mut out = ByteRecord::new();
        out.push_field(line.to_string().as_bytes());
        out.push_field(reason.as_bytes());
        for f in row {
            out.push_field(f);
        }
        w.write_byte_record(&out)
            .with_context(|| file_error("cli-err-writing", &path))?;
        self.count += 1;
        Ok(())
    }

    fn writer(&mut self) -> Result<&mut csv::Writer<File>> {
        if self.writer.is_none() {
            let file = File::create(&self.path)
                .with_context(|| file_error("cli-err-creating", &self.path))?;
            let mut w = csv::WriterBuilder::new().flexible(true).from_writer(file);
            let mut head = ByteRecord::new();
            head.push_field(b"line");
            head.push_field(b"reason");
            for f in &self.header {
                head.push_field(f);
            }
            w.write_byte_record(&head)?;
            self.writer = Some(w);
        }
        self.writer
            .as_mut()
            .ok_or_else(|| anyhow::anyhow!("reject file not open"))
    }

    /// Flush what was written; the number of rejects.
    pub fn finish(&mut self) -> Result<u64> {
        if let Some(w) = self.writer.as_mut() {
            w.flush()
                .with_context(|| file_error("cli-err-writing", &self.path))?;
        }
        Ok(self.count)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// "creating <path>" (or writing), in the user's language.
fn file_error(key: &str, path: &std::path::Path) -> String {
    crate::msg::t_args(key, &[("path", path.display().to_string().into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_path_sits_beside_the_input() {
        assert_eq!(
            default_path("x/sales.csv.gz"),
            PathBuf::from("x/sales.rejects.csv")
        );
        assert_eq!(
            default_path("sales.txt"),
            PathBuf::from("sales.txt.rejects.csv")
        );
        assert_eq!(default_path("-"), PathBuf::from("stdin.rejects.csv"));
    }
}
