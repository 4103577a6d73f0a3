//! End-to-end tests of `clienteling insights fit|score`: the real binary on
//! small transaction files generated in a temporary directory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const CALIBRATION_END: &str = "2025-06-30";
const SCORE_HEADER: &str = "customer_id,frequency,recency,T,p_alive,churn_probability,expected_purchases,monetary_value,expected_average_spend,clv";

/// A directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "clienteling-insights-{name}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Day `offset` days after 2025-01-01, as YYYY-MM-DD (offset < 365).
fn date(offset: u64) -> String {
    const MONTHS: [u64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut day = offset;
    for (month, len) in MONTHS.iter().enumerate() {
        if day < *len {
            return format!("2025-{:02}-{:02}", month + 1, day + 1);
        }
        day -= len;
    }
    panic!("offset {offset} beyond 2025");
}

/// `customers` customers acquired in the first half of 2025 who buy at
/// customer-specific rates until they drop out (BG/NBD-like), with
/// customer-specific mean spend; ids `c0`, `c1`, …
fn transactions(customers: u64, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut csv = String::from("customer_id,date,amount\n");
    for c in 0..customers {
        let mut day = rng.below(26) * 7;
        let gap = [3.0, 8.0, 20.0, 45.0, 90.0][rng.below(5) as usize];
        let dropout = [0.05, 0.2, 0.5][rng.below(3) as usize];
        let spend = 5.0 + 80.0 * rng.uniform() * rng.uniform();
        loop {
            let amount = spend * (0.5 + rng.uniform());
            csv.push_str(&format!("c{c},{},{amount:.2}\n", date(day)));
            day += 1 + (-gap * (1.0 - rng.uniform()).ln()) as u64;
            if day > 180 || rng.uniform() < dropout {
                break;
            }
        }
    }
    csv
}

/// Runs the binary with `args` and `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clienteling"))
        .args(args)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start clienteling");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("wait for clienteling")
}

fn insights(command: &str, file: &Path, extra: &[&str], stdin: &[u8]) -> Output {
    let file = file.to_str().expect("utf-8 path");
    let mut args = vec![
        "insights",
        command,
        "--transactions",
        file,
        "--calibration-end",
        CALIBRATION_END,
    ];
    args.extend_from_slice(extra);
    run(&args, stdin)
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn failure(output: &Output) -> String {
    assert!(!output.status.success(), "unexpected success");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    stderr
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

fn positive(value: &serde_json::Value) -> f64 {
    let v = value.as_f64().expect("a number");
    assert!(
        v.is_finite() && v > 0.0,
        "{value} is not finite and positive"
    );
    v
}

#[test]
fn fit_prints_the_documented_json_and_reads_gzip_and_stdin() {
    let dir = TempDir::new("fit");
    let csv = transactions(150, 7);
    let plain = dir.write("tx.csv", csv.as_bytes());
    let out = stdout(&insights("fit", &plain, &["--format", "json"], b""));
    let report: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(report["customers"], 150);
    let bgnbd = &report["bgnbd"];
    for key in ["r", "alpha", "a", "b"] {
        positive(&bgnbd[key]);
    }
    let ll = bgnbd["log_likelihood"].as_f64().expect("log_likelihood");
    assert!(ll.is_finite() && ll < 0.0, "log-likelihood {ll}");
    for key in ["p", "q", "v"] {
        positive(&report["gamma_gamma"][key]);
    }

    let gz = dir.write("tx.csv.gz", &gzip(csv.as_bytes()));
    assert_eq!(stdout(&insights("fit", &gz, &[], b"")), out, "gzip file");
    let piped = stdout(&insights("fit", Path::new("-"), &[], &gzip(csv.as_bytes())));
    assert_eq!(piped, out, "gzip on stdin (magic bytes)");
}

#[test]
fn score_csv_has_the_header_and_one_row_per_customer() {
    let mut csv = transactions(80, 11);
    // Known spend: first day 10.00, repeat days 12.50 and 7.50 (+ 0.004,
    // rounded away) → monetary value 10.00 in major units.
    csv.push_str("known,2025-01-06,10\nknown,2025-02-03,12.5\nknown,2025-03-03,7.504\n");
    // First purchase after the calibration end: left out.
    csv.push_str("late,2025-07-01,99.00\nlate,2025-08-01,5\n");
    let out = stdout(&insights(
        "score",
        Path::new("-"),
        &["--format", "csv"],
        csv.as_bytes(),
    ));
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some(SCORE_HEADER));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 81);
    assert!(rows.iter().all(|r| r.len() == 10));
    assert!(!rows.iter().any(|r| r[0] == "late"));
    let mut ids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 81, "one row per customer");
    for row in &rows {
        let num = |i: usize| row[i].parse::<f64>().expect("number");
        let (p_alive, churn) = (num(4), num(5));
        assert!((0.0..=1.0).contains(&p_alive));
        assert!((p_alive + churn - 1.0).abs() < 1e-12);
        assert!(num(6) >= 0.0 && num(8) > 0.0 && num(9) >= 0.0);
    }
    let known = rows.iter().find(|r| r[0] == "known").expect("known row");
    let known: Vec<f64> = known[1..]
        .iter()
        .map(|v| v.parse().expect("number"))
        .collect();
    assert_eq!((known[0], known[1], known[6]), (2.0, 8.0, 10.0));
}

#[test]
fn score_json_is_an_array_of_rows_in_days() {
    let dir = TempDir::new("score-json");
    let file = dir.write("tx.csv", transactions(60, 3).as_bytes());
    let args = ["--format", "json", "--time-unit", "day", "--horizon", "30"];
    let out = stdout(&insights("score", &file, &args, b""));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).expect("json array");
    assert_eq!(rows.len(), 60);
    let keys: Vec<&str> = SCORE_HEADER.split(',').collect();
    for row in &rows {
        let object = row.as_object().expect("object");
        assert_eq!(object.keys().count(), keys.len());
        assert!(keys.iter().all(|k| object.contains_key(*k)));
        let t = row["T"].as_f64().expect("T");
        assert!(t.fract() == 0.0 && t <= 180.0, "T in days: {t}");
    }
}

#[test]
fn bad_rows_name_their_line() {
    let dir = TempDir::new("bad");
    let header = "customer_id,date,amount\na,2025-01-01,1.00\nb,2025-01-02,2.00\n";
    let cases = [
        ("c,2025-02-30,3.00\n", "invalid date \"2025-02-30\""),
        ("c,2025-02-03,12,50\n", "expected 3 fields"),
        ("c,2025-02-03,1e3\n", "invalid amount \"1e3\""),
        ("c,2025-02-03,\n", "invalid amount \"\""),
        (",2025-02-03,3\n", "empty customer_id"),
    ];
    for (row, problem) in cases {
        let file = dir.write("bad.csv", format!("{header}{row}").as_bytes());
        let stderr = failure(&insights("fit", &file, &[], b""));
        assert!(stderr.contains("line 4"), "{row}: {stderr}");
        assert!(stderr.contains(problem), "{row}: {stderr}");
    }
}

#[test]
fn empty_and_tiny_inputs_are_clear_errors() {
    let dir = TempDir::new("empty");
    let cases: [(&[u8], &str); 4] = [
        (b"", "empty"),
        (b"customer_id,date,amount\n", "no transactions"),
        (
            b"id,date,amount\nx,2025-01-01,1\n",
            "\"customer_id\" is missing",
        ),
        (
            b"customer_id,date,amount\nx,2025-01-01,1\ny,2025-01-02,1\n",
            "at least 10 are needed",
        ),
    ];
    for (bytes, message) in cases {
        let file = dir.write("in.csv", bytes);
        let stderr = failure(&insights("fit", &file, &[], b""));
        assert!(stderr.contains(message), "{stderr}");
    }
    let missing = dir.0.join("missing.csv");
    assert!(failure(&insights("score", &missing, &[], b"")).contains("missing.csv"));
    let stderr = failure(&run(
        &[
            "insights",
            "fit",
            "--transactions",
            "-",
            "--calibration-end",
            "2025-13-01",
        ],
        b"",
    ));
    assert!(stderr.contains("--calibration-end"), "{stderr}");
}
