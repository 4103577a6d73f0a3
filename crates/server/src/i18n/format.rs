//! Locale formatting with ICU4X: numbers (`1 234,5`), money (`1 234,50 €` in
//! fi and lt, `€1,234.50` in en), dates (with month names when long) and the
//! CLDR plural category behind Fluent's `PLURAL` function. The formatters are
//! built once per language; if one cannot be built (it never should with
//! compiled data) a plain rendering is used instead of failing the page.

use super::Lang;
use clienteling_domain::time_util::from_micros;
use fixed_decimal::Decimal;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{T, YMD, YMDT};
use icu_datetime::input::{DateTime, Time};
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use std::sync::LazyLock;

/// How much of a date to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// With the month's name: `25. marraskuuta 2026`, `2026 m. lapkričio 25 d.`.
    Long,
    /// Compact: `25.11.2026`, `2026-11-25`, `Nov 25, 2026`.
    Medium,
}

type DateFormatter = FixedCalendarDateTimeFormatter<Gregorian, YMD>;
type DateTimeFormatter = FixedCalendarDateTimeFormatter<Gregorian, YMDT>;

/// The formatters of one language.
struct Icu {
    decimal: Option<DecimalFormatter>,
    plurals: Option<PluralRules>,
    date_long: Option<DateFormatter>,
    date_medium: Option<DateFormatter>,
    datetime: Option<DateTimeFormatter>,
    time: Option<NoCalendarFormatter<T>>,
    eur: Option<CurrencyFormatter<DecimalFormatter>>,
}

impl Icu {
    fn new(lang: Lang) -> Self {
        let locale = locale(lang);
        let prefs = || (&locale).into();
        Icu {
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default()).ok(),
            plurals: PluralRules::try_new_cardinal((&locale).into()).ok(),
            date_long: DateFormatter::try_new(prefs(), YMD::long()).ok(),
            date_medium: DateFormatter::try_new(prefs(), YMD::medium()).ok(),
            datetime: DateTimeFormatter::try_new(prefs(), YMD::medium().with_time_hm()).ok(),
            time: NoCalendarFormatter::try_new(prefs(), T::hm()).ok(),
            eur: currency_formatter(&locale, "EUR"),
        }
    }
}

static ICU: LazyLock<[Icu; 3]> = LazyLock::new(|| Lang::ALL.map(Icu::new));

fn icu(lang: Lang) -> &'static Icu {
    &ICU[lang.index()]
}

fn locale(lang: Lang) -> Locale {
    Locale::try_from_str(lang.code()).unwrap_or(Locale::UNKNOWN)
}

fn currency_formatter(locale: &Locale, code: &str) -> Option<CurrencyFormatter<DecimalFormatter>> {
    let currency = CurrencyType::try_from_str(&code.to_ascii_lowercase()).ok()?;
    CurrencyFormatter::try_new_symbol(locale.into(), currency, Default::default()).ok()
}

/// `value` as a decimal, rounded to `max_fraction` digits if given (shortest
/// round-trip digits otherwise).
fn decimal(value: f64, max_fraction: Option<u8>) -> Option<Decimal> {
    let text = match max_fraction {
        Some(d) => format!("{value:.*}", usize::from(d)),
        None => format!("{value}"),
    };
    text.parse().ok()
}

/// A number for `lang`, with at most `max_fraction` decimals (trailing zeros dropped).
pub fn number(lang: Lang, value: f64, max_fraction: Option<u8>) -> String {
    let Some(mut d) = decimal(value, max_fraction) else {
        return value.to_string();
    };
    d.absolute.trim_end();
    match &icu(lang).decimal {
        Some(f) => f.format(&d).to_string(),
        None => d.to_string(),
    }
}

/// A money amount given in minor units (cents) of `currency`.
pub fn money(lang: Lang, minor: i64, currency: &str) -> String {
    let mut amount = Decimal::from(minor);
    amount.multiply_pow10(-2);
    let own;
    let formatter = if currency.eq_ignore_ascii_case("EUR") {
        icu(lang).eur.as_ref()
    } else {
        own = currency_formatter(&locale(lang), currency);
        own.as_ref()
    };
    match formatter {
        Some(f) => f.format_fixed_decimal(&amount).to_string(),
        None => format!("{amount} {currency}"),
    }
}

/// A calendar date.
pub fn date(lang: Lang, date: time::Date, style: DateStyle) -> String {
    let icu = icu(lang);
    let formatter = match style {
        DateStyle::Long => &icu.date_long,
        DateStyle::Medium => &icu.date_medium,
    };
    let value = Date::try_new_gregorian(date.year(), u8::from(date.month()), date.day());
    match (formatter, value) {
        (Some(f), Ok(d)) => f.format(&d).to_string(),
        _ => date.to_string(),
    }
}

/// Date and time (hours and minutes, UTC) of a microsecond timestamp.
pub fn datetime(lang: Lang, micros: i64) -> String {
    let t = from_micros(micros);
    let value = Date::try_new_gregorian(t.year(), u8::from(t.month()), t.day())
        .ok()
        .zip(Time::try_new(t.hour(), t.minute(), 0, 0).ok())
        .map(|(date, time)| DateTime { date, time });
    match (&icu(lang).datetime, value) {
        (Some(f), Some(dt)) => f.format(&dt).to_string(),
        _ => format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute()),
    }
}

/// Date and time from civil fields `(year, month, day, hour, minute)`
/// already in the wanted time zone.
pub fn datetime_civil(lang: Lang, (y, mo, d, h, mi): (i32, u8, u8, u8, u8)) -> String {
    let value = Date::try_new_gregorian(y, mo, d)
        .ok()
        .zip(Time::try_new(h, mi, 0, 0).ok())
        .map(|(date, time)| DateTime { date, time });
    match (&icu(lang).datetime, value) {
        (Some(f), Some(dt)) => f.format(&dt).to_string(),
        _ => format!("{y}-{mo:02}-{d:02} {h:02}:{mi:02}"),
    }
}

/// A time of day (hours and minutes): `10.40` (fi), `10:40` (lt),
/// `10:40 AM` (en).
pub fn time_hm(lang: Lang, h: u8, mi: u8) -> String {
    match (&icu(lang).time, Time::try_new(h, mi, 0, 0).ok()) {
        (Some(f), Some(t)) => f.format(&t).to_string(),
        _ => format!("{h:02}:{mi:02}"),
    }
}

/// The CLDR plural category of `value` in `lang`: `one`, `few`, `many`, `other`...
pub fn plural_category(lang: Lang, value: f64) -> &'static str {
    let (Some(rules), Some(d)) = (&icu(lang).plurals, decimal(value, None)) else {
        return "other";
    };
    match rules.category_for(&d) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}
