//! Measures as the UI shows them, in the associate's language: labels,
//! values formatted for the locale, and explanations. Insights store English
//! text (RFM segment labels, the default next-best-action labels, one-line
//! explanations); what code produced is recognised and translated, anything
//! else (HQ's own action labels) is shown as stored.

use crate::i18n::{Arg, Tr};
use clienteling_insights::RuleTable;
use clienteling_store::MeasureRow;

/// The label of a measure (`churn_probability` → "Churn probability").
pub fn label(tr: &Tr, name: &str) -> String {
    tr.label_or("measure", name, &super::cards::label(name))
}

/// A stored measure's value for the locale.
pub fn value(tr: &Tr, m: &MeasureRow) -> String {
    match (&m.value_text, m.value_num) {
        (Some(t), _) => text_value(tr, &m.measure, t),
        (None, Some(n)) => number_value(tr, &m.measure, n),
        _ => String::new(),
    }
}

/// A card slot's value of measure `name`, given as the English text of
/// `books::measure_text`.
pub fn slot_value(tr: &Tr, name: &str, text: &str) -> String {
    let number = text
        .split_whitespace()
        .next()
        .and_then(|n| n.parse::<f64>().ok());
    match (name, number) {
        ("churn_probability" | "p_alive", Some(pct)) => percent(tr, pct),
        ("expected_value", Some(euros)) => tr.money((euros * 100.0).round() as i64, "EUR"),
        ("expected_purchases", Some(n)) => tr.number(n, 2),
        _ => text_value(tr, name, text),
    }
}

fn percent(tr: &Tr, pct: f64) -> String {
    tr.t1("measure-percent", "value", pct.round())
}

fn number_value(tr: &Tr, measure: &str, n: f64) -> String {
    if measure.contains("probability") || measure == "p_alive" {
        percent(tr, n * 100.0)
    } else if measure == "expected_value" {
        tr.money(n.round() as i64, "EUR")
    } else {
        tr.number(n, 2)
    }
}

/// Segment and next-best-action labels.
fn text_value(tr: &Tr, measure: &str, text: &str) -> String {
    match measure {
        "rfm_segment" => tr.label_or("segment", &slug(text), text),
        "next_best_action" => match default_action(text) {
            Some(code) => tr.label_or("action", &code, text),
            None => text.to_owned(),
        },
        _ => text.to_owned(),
    }
}

/// The code of a default next-best-action label (HQ's own labels are kept).
fn default_action(label: &str) -> Option<String> {
    RuleTable::default_table()
        .rules
        .into_iter()
        .find(|r| r.action.label == label)
        .map(|r| r.action.code)
}

/// `Can't lose them` → `cant-lose-them`.
fn slug(text: &str) -> String {
    text.to_lowercase()
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A measure's explanation in the locale (empty for next best action,
/// whose stored "explanation" is the action's code).
pub fn explanation(tr: &Tr, measure: &str, text: &str) -> String {
    if measure == "next_best_action" {
        return String::new();
    }
    explain(tr, text).unwrap_or_else(|| text.to_owned())
}

/// The sentences of the insights engine (see `clienteling_insights::explain`).
fn explain(tr: &Tr, text: &str) -> Option<String> {
    if let Some(rest) = text.strip_prefix("bought once, ") {
        return Some(tr.t1("explain-bought-once", "ago", ago(tr, rest)?));
    }
    if let Some(rest) = text.strip_prefix("no purchase for ") {
        let (since, every) = rest.split_once("; usually buys ")?;
        let args = [
            ("since", Arg::from(span(tr, "for", since)?)),
            ("every", Arg::from(every_span(tr, every)?)),
        ];
        return Some(tr.t_args("explain-lapsed", &args));
    }
    if let Some(rest) = text.strip_prefix("buys about ") {
        let (every, last) = rest.split_once("; last purchase ")?;
        let args = [
            ("every", Arg::from(every_span(tr, every)?)),
            ("ago", Arg::from(ago(tr, last)?)),
        ];
        return Some(tr.t_args("explain-regular", &args));
    }
    other_sentence(tr, text)
}

fn other_sentence(tr: &Tr, text: &str) -> Option<String> {
    if let Some(weeks) = text
        .strip_prefix("expected purchases in the next ")
        .and_then(|r| r.strip_suffix(" weeks"))
    {
        let weeks = weeks.parse::<u32>().ok()?;
        return Some(tr.t1("explain-expected-purchases", "weeks", weeks));
    }
    if text == "expected spend over the CLV horizon, discounted" {
        return Some(tr.t("explain-expected-value"));
    }
    let rfm = text
        .strip_prefix("recency ")?
        .strip_suffix(" (1-5)")?
        .replace(" frequency ", "")
        .replace(" monetary ", "");
    let scores: Vec<&str> = rfm.split(',').collect();
    let [r, f, m] = scores.as_slice() else {
        return None;
    };
    let args = [
        ("r", Arg::from(*r)),
        ("f", Arg::from(*f)),
        ("m", Arg::from(*m)),
    ];
    Some(tr.t_args("explain-rfm", &args))
}

/// `today` or `3 weeks ago`.
fn ago(tr: &Tr, text: &str) -> Option<String> {
    if text == "today" {
        return Some(tr.t("explain-today"));
    }
    span(tr, "ago", text.strip_suffix(" ago")?)
}

/// `every week` (key `span-each-week`) or `every 3 weeks`.
fn every_span(tr: &Tr, text: &str) -> Option<String> {
    let rest = text.strip_prefix("every ")?;
    if rest.contains(' ') {
        span(tr, "every", rest)
    } else {
        Some(tr.t(&format!("span-each-{}", unit(rest)?)))
    }
}

/// `week` or `weeks` as a known unit.
fn unit(word: &str) -> Option<&str> {
    let unit = word.trim_end_matches('s');
    ["day", "week", "month", "year"]
        .contains(&unit)
        .then_some(unit)
}

/// `41 weeks` in the form of `context` (`ago`, `for`, `every`).
fn span(tr: &Tr, context: &str, text: &str) -> Option<String> {
    let (n, word) = text.split_once(' ')?;
    let n = n.parse::<u32>().ok()?;
    let key = format!("span-{context}-{}", unit(word)?);
    Some(tr.t1(&key, "count", n))
}
