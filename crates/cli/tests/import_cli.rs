//! End-to-end tests of `clienteling import|export|export-customer|erase|generate`:
//! the real binary on a SQLite file in a temporary directory. (The storage
//! behaviour under these commands is tested on both backends by the story
//! suite, `tests/tests/story/import.rs`.)

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary directory with a database holding the company `acme`.
struct Env {
    dir: PathBuf,
    db: String,
}

impl Env {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("clienteling-import-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let db = format!("sqlite://{}", dir.join("t.db").display());
        let env = Env { dir, db };
        env.ok(&["company", "add", "acme", "--name", "Acme"], b"");
        env
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_clienteling"));
        c.args(args)
            .env("DATABASE_URL", &self.db)
            .env("RUST_LOG", "warn")
            .env("CLIENTELING_LANG", "en") // the summaries below are read in English
            .current_dir(&self.dir);
        c
    }

    fn run(&self, args: &[&str], stdin: &[u8]) -> Output {
        let mut child = self
            .command(args)
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

    /// Run; must succeed; stdout.
    fn ok(&self, args: &[&str], stdin: &[u8]) -> String {
        let out = self.run(args, stdin);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {err}");
        assert!(!err.contains("panicked"), "{err}");
        String::from_utf8(out.stdout).expect("utf-8")
    }

    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).expect("write file");
        path.display().to_string()
    }

    fn import(&self, entity: &str, file: &str, extra: &[&str]) -> String {
        let mut args = vec!["import", entity, file, "--company", "acme"];
        args.extend_from_slice(extra);
        self.ok(&args, b"")
    }

    /// Rows of an export (without the header).
    fn export(&self, entity: &str, company: &str) -> Vec<String> {
        let out = self.ok(&["export", entity, "--company", company], b"");
        out.lines().skip(1).map(str::to_owned).collect()
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The number before `word` in an import summary (`… 3,000 inserted, …`:
/// English groups thousands with a comma).
fn count(summary: &str, word: &str) -> u64 {
    let words: Vec<String> = summary
        .split(' ')
        .map(|w| w.trim_end_matches(',').replace(',', ""))
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| *w == word)
        .unwrap_or_else(|| panic!("no {word} in {summary}"));
    words[at - 1].parse().expect("a count")
}

/// `(inserted, updated, unchanged, rejected)` of a summary.
fn counts(summary: &str) -> (u64, u64, u64, u64) {
    let c = |w| count(summary, w);
    (c("inserted"), c("updated"), c("unchanged"), c("rejected"))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// `n` customers `C000001…` in the export format.
fn customers_csv(n: usize) -> String {
    let mut s = String::from("account,first_name,last_name,email\n");
    for i in 1..=n {
        s.push_str(&format!("C{i:06},Aino,Virtanen,c{i}@example.com\n"));
    }
    s
}

/// `n` purchases spread over `customers` customers, without an id column.
fn purchases_csv(n: usize, customers: usize) -> String {
    let mut s = String::from("account,date,amount\n");
    for i in 0..n {
        let day = 1 + i % 28;
        s.push_str(&format!(
            "C{:06},2025-03-{day:02},{}.{:02}\n",
            1 + i % customers,
            10 + i % 90,
            i % 100
        ));
    }
    s
}

const FINNISH: &str = "Asiakasnro;Etunimi;Sukunimi;Sähköposti\nF1;Aino;Virtanen;aino@example.com\nF2;Eino;Laine;eino@example.com\n";

fn finnish_map() -> [&'static str; 4] {
    [
        "--delimiter",
        ";",
        "--map",
        "account=Asiakasnro,first_name=Etunimi,last_name=Sukunimi,email=Sähköposti",
    ]
}

#[test]
fn a_map_names_the_columns_of_a_foreign_header() {
    let env = Env::new("map");
    let file = env.write("asiakkaat.csv", FINNISH.as_bytes());
    let out = env.import("customers", &file, &finnish_map());
    assert_eq!(counts(&out), (2, 0, 0, 0), "{out}");
    let rows = env.export("customers", "acme");
    assert!(
        rows[0].starts_with("F1,Aino,Virtanen,aino@example.com,"),
        "{rows:?}"
    );
    let unknown = env.run(
        &[
            "import",
            "customers",
            &file,
            "--company",
            "acme",
            "--map",
            "nope=X",
        ],
        b"",
    );
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no column nope"));
}

#[test]
fn gzip_files_and_stdin_are_read() {
    let env = Env::new("gzip");
    let file = env.write("asiakkaat.csv.gz", &gzip(FINNISH.as_bytes()));
    assert_eq!(
        counts(&env.import("customers", &file, &finnish_map())),
        (2, 0, 0, 0)
    );
    let mut args = vec!["import", "customers", "-", "--company", "acme"];
    args.extend(finnish_map());
    let piped = env.ok(&args, &gzip(FINNISH.replace("aino@", "aino.v@").as_bytes()));
    assert_eq!(counts(&piped), (0, 1, 1, 0), "{piped}");
    let plain = env.ok(
        &["import", "customers", "-", "--company", "acme"],
        customers_csv(3).as_bytes(),
    );
    assert_eq!(counts(&plain), (3, 0, 0, 0));
    assert_eq!(env.export("customers", "acme").len(), 5);
}

#[test]
fn bad_rows_go_to_the_reject_file_with_their_line_and_reason() {
    let env = Env::new("rejects");
    env.import(
        "customers",
        &env.write("c.csv", customers_csv(2).as_bytes()),
        &[],
    );
    let csv = "account,date,amount,store\n\
               C000001,2025-03-01,10.00,\n\
               C000001,yesterday,10.00,\n\
               C000002,2025-03-01,12.345,\n\
               C000404,2025-03-01,1.00,\n\
               C000002,2025-03-02,5\n\
               C000002,2025-03-02,5,nowhere\n\
               C000002,2025-03-03,7.5,\n";
    let file = env.write("sales.csv", csv.as_bytes());
    let out = env.import("purchases", &file, &[]);
    assert_eq!(counts(&out), (2, 0, 0, 5), "{out}");
    assert_eq!(count(&out, "rows"), 7, "rows read");
    let rejects = std::fs::read_to_string(env.dir.join("sales.rejects.csv")).expect("reject file");
    let lines: Vec<&str> = rejects.lines().collect();
    assert_eq!(lines[0], "line,reason,account,date,amount,store");
    let numbers: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(numbers, ["3", "4", "6", "7", "5"], "{rejects}");
    assert!(lines[1].contains("yesterday") && lines[1].contains("is not a time"));
    assert!(lines[4].contains("unknown store nowhere"));
    assert!(lines[5].contains("unknown customer account C000404"));
    let elsewhere = env.dir.join("r.csv").display().to_string();
    env.import("purchases", &file, &["--rejects", &elsewhere]);
    assert!(Path::new(&elsewhere).exists());
}

#[test]
fn a_rerun_changes_nothing() {
    let env = Env::new("rerun");
    let customers = env.write("c.csv", customers_csv(50).as_bytes());
    let sales = env.write("s.csv", purchases_csv(3000, 50).as_bytes());
    env.import("customers", &customers, &[]);
    assert_eq!(
        counts(&env.import("purchases", &sales, &[])),
        (3000, 0, 0, 0)
    );
    assert_eq!(
        counts(&env.import("customers", &customers, &[])),
        (0, 0, 50, 0)
    );
    assert_eq!(
        counts(&env.import("purchases", &sales, &["--batch-size", "7"])),
        (0, 0, 3000, 0)
    );
    assert_eq!(env.export("purchases", "acme").len(), 3000);
}

#[test]
fn a_killed_import_rerun_ends_with_exactly_the_right_rows() {
    const ROWS: usize = 50_000;
    const BATCH: u64 = 500;
    let env = Env::new("kill");
    env.import(
        "customers",
        &env.write("c.csv", customers_csv(1000).as_bytes()),
        &[],
    );
    let sales = env.write("s.csv", purchases_csv(ROWS, 1000).as_bytes());
    let mut child = env
        .command(&[
            "import",
            "purchases",
            &sales,
            "--company",
            "acme",
            "--batch-size",
            "500",
        ])
        .env("RUST_LOG", "clienteling=debug")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start import");
    let stderr = child.stderr.take().expect("stderr");
    let committed = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.contains("batch committed"));
    assert!(committed, "no batch was committed");
    child.kill().expect("kill -9");
    child.wait().expect("reap");
    let partial = env.export("purchases", "acme").len() as u64;
    assert!(
        partial > 0 && partial < ROWS as u64,
        "killed mid-way: {partial} rows"
    );
    assert_eq!(partial % BATCH, 0, "whole batches only");
    let out = env.import("purchases", &sales, &[]);
    assert_eq!(
        counts(&out),
        (ROWS as u64 - partial, 0, partial, 0),
        "{out}"
    );
    assert_eq!(env.export("purchases", "acme").len(), ROWS);
}

#[test]
fn everything_exported_imports_into_a_fresh_database_unchanged() {
    let src = Env::new("round-src");
    let dst = Env::new("round-dst");
    let small = ["--associates", "4", "--stores", "2", "--company", "bench"];
    let mut gen_src = vec![
        "generate",
        "--customers",
        "300",
        "--purchases",
        "2000",
        "--activities",
        "400",
    ];
    gen_src.extend(small);
    src.ok(&gen_src, b"");
    let mut gen_dst = vec![
        "generate",
        "--customers",
        "0",
        "--purchases",
        "0",
        "--activities",
        "0",
    ];
    gen_dst.extend(small);
    dst.ok(&gen_dst, b"");
    for entity in [
        "customers",
        "attributes",
        "purchases",
        "activities",
        "client-books",
    ] {
        let rows = src.export(entity, "bench");
        assert!(!rows.is_empty(), "{entity}");
        let file = dst.write(
            &format!("{entity}.csv"),
            src.ok(&["export", entity, "--company", "bench"], b"")
                .as_bytes(),
        );
        let out = dst.ok(&["import", entity, &file, "--company", "bench"], b"");
        assert_eq!(count(&out, "rejected"), 0, "{entity}: {out}");
        let mut back = dst.export(entity, "bench");
        let mut rows = rows;
        back.sort();
        rows.sort();
        assert_eq!(back, rows, "{entity} round-trips");
        let again = src.ok(&["import", entity, &file, "--company", "bench"], b"");
        assert_eq!(
            count(&again, "unchanged"),
            rows.len() as u64,
            "{entity} into its source: {again}"
        );
    }
}

#[test]
fn export_customer_and_erase_are_audited() {
    let env = Env::new("privacy");
    env.import(
        "customers",
        &env.write("c.csv", customers_csv(2).as_bytes()),
        &[],
    );
    let doc: serde_json::Value = serde_json::from_str(&env.ok(
        &[
            "export-customer",
            "--company",
            "acme",
            "--account",
            "C000001",
        ],
        b"",
    ))
    .expect("json");
    assert_eq!(doc["customer"]["email"], "c1@example.com");
    let erased = env.ok(&["erase", "--company", "acme", "--account", "C000001"], b"");
    assert!(erased.contains("erased"), "{erased}");
    let after = env.ok(
        &[
            "export-customer",
            "--company",
            "acme",
            "--account",
            "C000001",
        ],
        b"",
    );
    assert!(!after.contains("c1@example.com"));
    let actions: Vec<String> =
        serde_json::from_str::<serde_json::Value>(&after).expect("json")["audit_log"]
            .as_array()
            .expect("audit log")
            .iter()
            .map(|e| e["action"].as_str().unwrap_or_default().to_owned())
            .collect();
    assert_eq!(actions, ["customer.erase", "customer.export"]);
    let missing = env.run(&["erase", "--company", "acme", "--account", "NOPE"], b"");
    assert!(!missing.status.success());
}
