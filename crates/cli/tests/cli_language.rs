//! The CLI speaks the user's language (`CLIENTELING_LANG`, else the POSIX
//! locale variables): a Finnish or Lithuanian run of import, export,
//! generate and a failing import prints its summaries and error contexts
//! with no English word left, and numbers in the locale's form.

use std::path::PathBuf;
use std::process::{Command, Output};

/// English words of the summaries and error contexts.
const ENGLISH: &[&str] = &[
    "import ",
    "rows",
    "read",
    "inserted",
    "updated",
    "unchanged",
    "rejected",
    "written",
    "exported",
    "customers",
    "no company",
    "generated",
    "sign in",
    "stores",
    "associates",
    "error:",
];

struct Run {
    dir: PathBuf,
    lang: &'static str,
}

impl Run {
    fn new(lang: &'static str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("clienteling-lang-{lang}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Run { dir, lang }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_clienteling"))
            .args(args)
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", self.dir.join("t.db").display()),
            )
            .env("RUST_LOG", "warn")
            .env("CLIENTELING_LANG", self.lang)
            .current_dir(&self.dir)
            .output()
            .expect("run clienteling")
    }

    /// stdout and stderr together.
    fn text(&self, args: &[&str], ok: bool) -> String {
        let out = self.run(args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.success(), ok, "{args:?}: {text}");
        text
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn no_english(text: &str) {
    for w in ENGLISH {
        assert!(!text.contains(w), "English {w:?} in: {text}");
    }
}

/// Import (one row rejected), export, a failing import and a small
/// generate; returns everything printed, after checking it for English.
fn session(lang: &'static str) -> Vec<String> {
    let r = Run::new(lang);
    r.text(&["company", "add", "acme", "--name", "Acme"], true);
    let csv = "account,first_name,last_name,email\nC1,Aino,Virtanen,a@example.com\nC2,Eino,Laine,not-an-email\n";
    std::fs::write(r.dir.join("c.csv"), csv).expect("write csv");
    let texts = vec![
        r.text(&["import", "customers", "c.csv", "--company", "acme"], true),
        r.text(
            &[
                "export",
                "customers",
                "--company",
                "acme",
                "--output",
                "out.csv",
            ],
            true,
        ),
        r.text(
            &["import", "customers", "c.csv", "--company", "nope"],
            false,
        ),
        r.text(
            &[
                "generate",
                "--customers",
                "5",
                "--purchases",
                "5",
                "--activities",
                "0",
                "--associates",
                "1",
                "--stores",
                "1",
                "--company",
                "gen",
            ],
            true,
        ),
        r.text(
            &[
                "generate",
                "--customers",
                "0",
                "--purchases",
                "0",
                "--activities",
                "0",
                "--associates",
                "1",
                "--stores",
                "1",
                "--company",
                "gen",
            ],
            false,
        ),
    ];
    for t in &texts {
        no_english(t);
    }
    texts
}

#[test]
fn a_finnish_run_prints_finnish_summaries_and_errors() {
    let t = session("fi");
    assert!(
        t[0].contains("tuonti (asiakkaat): luettu 2, lisätty 1"),
        "{}",
        t[0]
    );
    assert!(
        t[0].contains("1 hylätty rivi kirjoitettu tiedostoon"),
        "{}",
        t[0]
    );
    assert!(t[1].contains("viety 1 rivi, aikaa "), "{}", t[1]);
    assert!(
        t[2].contains("virhe") && t[2].contains("yritystä tunnuksella nope ei ole"),
        "{}",
        t[2]
    );
    assert!(
        t[3].contains("asiakkaat: rivejä 5") && t[3].contains("yritys gen luotu"),
        "{}",
        t[3]
    );
    assert!(t[4].contains("yritys gen on jo olemassa"), "{}", t[4]);
}

#[test]
fn a_lithuanian_run_prints_lithuanian_summaries_and_errors() {
    let t = session("lt");
    assert!(
        t[0].contains("importas (klientai): perskaityta eilučių: 2, įterpta: 1"),
        "{}",
        t[0]
    );
    assert!(t[0].contains("Atmestos eilutės (1) įrašytos į"), "{}", t[0]);
    assert!(t[1].contains("eksportuota eilučių: 1, per "), "{}", t[1]);
    assert!(t[2].contains("nėra įmonės su kodu nope"), "{}", t[2]);
    assert!(
        t[3].contains("klientai: eilučių: 5") && t[3].contains("įmonė gen sukurta"),
        "{}",
        t[3]
    );
    assert!(t[4].contains("įmonė gen jau yra"), "{}", t[4]);
}
