//! Tests of the i18n core: ICU formatting, plural categories, negotiation,
//! and plurals rendered through the message files.

use super::format::{DateStyle, date, money, number, plural_category};
use super::{Arg, Lang, Tr, negotiate};

mod files;
// uigaps
mod zones;

const NNBSP: char = '\u{202f}';
const NBSP: char = '\u{a0}';

/// Spaces of any kind as plain spaces, to compare with readable literals.
fn plain(s: &str) -> String {
    s.replace([NNBSP, NBSP], " ")
}

/// The numbers every plural test runs through.
const NUMBERS: [f64; 10] = [0.0, 1.0, 2.0, 5.0, 10.0, 11.0, 12.0, 21.0, 22.0, 111.0];

#[test]
fn money_is_formatted_for_the_locale() {
    assert_eq!(money(Lang::En, 123_450, "EUR"), "€1,234.50");
    assert_eq!(plain(&money(Lang::Fi, 123_450, "EUR")), "1 234,50 €");
    assert_eq!(plain(&money(Lang::Lt, 123_450, "EUR")), "1 234,50 €");
    assert_eq!(plain(&money(Lang::Fi, -5, "EUR")), "−0,05 €");
    assert_eq!(money(Lang::En, 100, "USD"), "$1.00");
    assert_eq!(plain(&Tr::new(Lang::Lt).money(999, "EUR")), "9,99 €");
}

#[test]
fn numbers_are_grouped_for_the_locale() {
    assert_eq!(number(Lang::En, 1234.5, Some(2)), "1,234.5");
    assert_eq!(plain(&number(Lang::Fi, 1234.5, Some(2))), "1 234,5");
    assert_eq!(plain(&number(Lang::Lt, 1234.5, Some(2))), "1 234,5");
    assert_eq!(number(Lang::Fi, 3.0, Some(1)), "3");
    assert_eq!(plain(&Tr::new(Lang::Fi).integer(12_345)), "12 345");
}

#[test]
fn long_dates_have_month_names() {
    let d = time::macros::date!(2026 - 11 - 25);
    assert_eq!(date(Lang::En, d, DateStyle::Long), "November 25, 2026");
    assert_eq!(date(Lang::Fi, d, DateStyle::Long), "25. marraskuuta 2026");
    assert_eq!(
        date(Lang::Lt, d, DateStyle::Long),
        "2026 m. lapkričio 25 d."
    );
    assert_eq!(date(Lang::Fi, d, DateStyle::Medium), "25.11.2026");
    assert_eq!(date(Lang::Lt, d, DateStyle::Medium), "2026-11-25");
}

#[test]
fn times_are_formatted_for_the_locale() {
    // 2026-11-25 14:05 UTC.
    let micros = 1_795_615_500_000_000;
    assert!(plain(&Tr::new(Lang::Fi).datetime(micros)).contains("14.05"));
    assert!(plain(&Tr::new(Lang::Lt).datetime(micros)).contains("14:05"));
    assert!(Tr::new(Lang::En).datetime(micros).contains("2:05"));
}

#[test]
fn lithuanian_plural_categories_come_from_icu() {
    let want = [
        "other", "one", "few", "few", "other", "other", "other", "one", "few", "other",
    ];
    for (n, want) in NUMBERS.iter().zip(want) {
        assert_eq!(plural_category(Lang::Lt, *n), want, "lt {n}");
    }
    assert_eq!(plural_category(Lang::Lt, 9.0), "few");
    assert_eq!(plural_category(Lang::Lt, 19.0), "other");
    assert_eq!(plural_category(Lang::Lt, 1.5), "many");
    assert_eq!(plural_category(Lang::Fi, 1.0), "one");
    assert_eq!(plural_category(Lang::Fi, 21.0), "other");
    assert_eq!(plural_category(Lang::En, 1.5), "other");
}

fn customers(lang: Lang, n: f64) -> String {
    let args = [("number", Arg::from("CB-1")), ("count", Arg::from(n))];
    plain(&Tr::new(lang).t_args("book-subtitle", &args))
}

#[test]
fn lithuanian_messages_use_all_plural_forms() {
    let want = [
        "0 klientų",
        "1 klientas",
        "2 klientai",
        "5 klientai",
        "10 klientų",
        "11 klientų",
        "12 klientų",
        "21 klientas",
        "22 klientai",
        "111 klientų",
    ];
    for (n, want) in NUMBERS.iter().zip(want) {
        assert_eq!(customers(Lang::Lt, *n), format!("CB-1 · {want}"));
    }
    assert_eq!(customers(Lang::Lt, 1.5), "CB-1 · 1,5 kliento");
}

#[test]
fn finnish_and_english_messages_pluralise() {
    for n in NUMBERS {
        let (fi, en) = if n == 1.0 {
            ("1 asiakas".to_owned(), "1 customer".to_owned())
        } else {
            (format!("{n} asiakasta"), format!("{n} customers"))
        };
        assert_eq!(customers(Lang::Fi, n), format!("CB-1 · {fi}"));
        assert_eq!(customers(Lang::En, n), format!("CB-1 · {en}"));
    }
    assert_eq!(customers(Lang::Fi, 1234.0), "CB-1 · 1 234 asiakasta");
}

#[test]
fn lithuanian_days_take_the_right_case() {
    let tr = Tr::new(Lang::Lt);
    let days = |n: i64| tr.t1("book-in-days", "days", n);
    assert_eq!(days(2), "po 2 dienų");
    assert_eq!(days(21), "po 21 dienos");
    assert_eq!(days(22), "po 22 dienų");
    let within = |n: i64| tr.t2("book-event-within", "event", "Gimtadienis", "days", n);
    assert_eq!(within(30), "Gimtadienis per artimiausias 30 dienų");
    assert_eq!(within(22), "Gimtadienis per artimiausias 22 dienas");
    assert_eq!(within(21), "Gimtadienis per artimiausią 21 dieną");
}

#[test]
fn accept_language_is_negotiated() {
    assert_eq!(negotiate("fi-FI,fi;q=0.9,en;q=0.8"), Lang::Fi);
    assert_eq!(negotiate("lt"), Lang::Lt);
    assert_eq!(negotiate("de-DE,de;q=0.9"), Lang::En);
    assert_eq!(negotiate("de-DE,lt;q=0.5"), Lang::Lt);
    assert_eq!(negotiate(""), Lang::En);
    assert_eq!(Lang::parse("FI-fi"), Some(Lang::Fi));
    assert_eq!(Lang::parse("sv"), None);
}

#[test]
fn problem_titles_are_localised() {
    use axum::http::StatusCode;
    let title = |l| crate::error::title(StatusCode::NOT_FOUND, &Tr::new(l));
    assert_eq!(title(Lang::En), "Not Found");
    assert_eq!(title(Lang::Fi), "Ei löytynyt");
    assert_eq!(title(Lang::Lt), "Nerasta");
}

#[test]
fn code_messages_are_translated() {
    let fi = Tr::new(Lang::Fi);
    assert_eq!(
        fi.message("must be an e-mail address like name@example.com"),
        "anna sähköpostiosoite muodossa nimi@esimerkki.fi"
    );
    assert_eq!(
        fi.message("must be at least 8 characters"),
        "vähintään 8 merkkiä"
    );
    let lt = Tr::new(Lang::Lt);
    assert_eq!(
        lt.message("must be at most 22 characters"),
        "ne daugiau kaip 22 simboliai"
    );
    assert_eq!(lt.message("something new"), "something new");
}
