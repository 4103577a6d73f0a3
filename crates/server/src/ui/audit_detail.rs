//! An audit entry's detail as the audit page shows it: each key of the
//! JSON object as a label in the viewer's language (`audit-detail-<key>`,
//! the key itself when unknown), numbers grouped for the locale, yes/no
//! translated, lists joined. Audit details never hold personal data, so
//! values are codes, ids and counts shown as they are.

use crate::i18n::Tr;
use serde_json::Value;

/// `label: value; label: value` for a detail object (other JSON as is).
pub fn render(tr: &Tr, detail: &Value) -> String {
    match detail {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{}: {}", label(tr, k), value(tr, v)))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Null => String::new(),
        v => value(tr, v),
    }
}

/// The label of a detail key.
fn label(tr: &Tr, key: &str) -> String {
    tr.label_or("audit-detail", key, key)
}

/// One value, formatted for the locale.
fn value(tr: &Tr, v: &Value) -> String {
    match v {
        Value::Bool(true) => tr.t("yes"),
        Value::Bool(false) => tr.t("no"),
        Value::Number(n) => match n.as_i64() {
            Some(i) => tr.integer(i),
            None => tr.number(n.as_f64().unwrap_or_default(), 2),
        },
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| value(tr, i))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(_) => format!("({})", render(tr, v)),
        Value::Null => "–".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn keys_become_labels_in_the_language() {
        let tr = Tr::new(Lang::parse("fi").unwrap_or_default());
        let d = serde_json::json!({"appointment": "x1", "queued": 1234, "active": true});
        let shown = render(&tr, &d);
        assert!(!shown.contains("appointment"), "{shown}");
        assert!(!shown.contains("queued"), "{shown}");
        assert!(
            shown.replace(['\u{a0}', '\u{202f}'], " ").contains("1 234"),
            "{shown}"
        );
        assert!(shown.contains("kyllä"), "{shown}");
        let lt = render(&Tr::new(Lang::parse("lt").unwrap_or_default()), &d);
        assert!(lt.contains("taip"), "{lt}");
    }

    #[test]
    fn unknown_keys_and_nested_values_are_shown_as_they_are() {
        let tr = Tr::default();
        let d = serde_json::json!({"zzz_unknown": [1, 2], "fields": {"a": null}});
        assert_eq!(render(&tr, &d), "Changed fields: (a: –); zzz_unknown: 1, 2");
    }
}
