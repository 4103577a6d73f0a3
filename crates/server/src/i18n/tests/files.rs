//! Tests of the message files themselves: every language has every key,
//! every key the code uses exists, every message resolves with its
//! arguments, and no plural selector bypasses the ICU-backed `PLURAL`.

use super::super::{Arg, Lang, bundle};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// `file name → text` of one language's folder.
fn files(lang: Lang) -> BTreeMap<String, String> {
    let dir = root().join("locales").join(lang.code());
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("locale folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ftl") {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            out.insert(name, std::fs::read_to_string(&path).expect("ftl file"));
        }
    }
    out
}

/// Message ids defined in a Fluent file (`key = ...` at the start of a line).
fn keys(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('='))
        .map(|(k, _)| k.trim().to_owned())
        .collect()
}

/// `key → full message text` of a file (continuation lines included).
fn messages(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        let starts = line.starts_with(|c: char| c.is_ascii_alphabetic());
        if let (true, Some((k, v))) = (starts, line.split_once('=')) {
            if let Some((k, v)) = current.take() {
                out.insert(k, v);
            }
            current = Some((k.trim().to_owned(), v.to_owned()));
        } else if let Some((_, v)) = current.as_mut()
            && !line.starts_with('#')
        {
            v.push('\n');
            v.push_str(line);
        }
    }
    out.extend(current);
    out
}

#[test]
fn every_language_has_every_key() {
    let en = files(Lang::En);
    assert!(!en.is_empty());
    let mut problems = Vec::new();
    for lang in [Lang::Fi, Lang::Lt] {
        let other = files(lang);
        let names: BTreeSet<_> = en.keys().chain(other.keys()).collect();
        for name in names {
            let want = en.get(name).map(|t| keys(t)).unwrap_or_default();
            let have = other.get(name).map(|t| keys(t)).unwrap_or_default();
            for k in want.difference(&have) {
                problems.push(format!("{}/{name}: missing {k}", lang.code()));
            }
            for k in have.difference(&want) {
                problems.push(format!("{}/{name}: not in en: {k}", lang.code()));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Variables (`$name`) of a message.
fn variables(message: &str) -> BTreeSet<String> {
    message
        .split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect()
        })
        .collect()
}

#[test]
fn every_message_resolves_in_every_language() {
    let mut problems = Vec::new();
    for (_, text) in files(Lang::En) {
        for (key, message) in messages(&text) {
            let names = variables(&message);
            let args: Vec<(&str, Arg)> =
                names.iter().map(|n| (n.as_str(), Arg::Num(3.0))).collect();
            for lang in Lang::ALL {
                if let Err(e) = bundle::lookup_exact(lang, &key, &args) {
                    problems.push(format!("{}: {key}: {e}", lang.code()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Message keys the code asks for literally: `t("key")`, `t1("key"`, ...
fn literal_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for call in ["t(\"", "t1(\"", "t2(\"", "t_args(\""] {
        for (i, _) in text.match_indices(call) {
            let before = text[..i].chars().last();
            if before != Some('.') {
                continue;
            }
            let rest = &text[i + call.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_owned());
            }
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
            out.push(path);
        }
    }
}

/// Keys built at run time from a prefix and a name from code.
fn dynamic_keys() -> Vec<String> {
    use clienteling_domain::Permission;
    use clienteling_domain::settings::Measure;
    let mut keys = Vec::new();
    let mut family = |prefix: &str, names: &[&str]| {
        keys.extend(
            names
                .iter()
                .map(|n| format!("{prefix}-{}", n.replace('_', "-"))),
        );
    };
    family("span-ago", &["day", "week", "month", "year"]);
    family("span-for", &["day", "week", "month", "year"]);
    family("span-every", &["day", "week", "month", "year"]);
    family("span-each", &["day", "week", "month", "year"]);
    family(
        "attribute-kind",
        &["text", "enum", "number", "date", "boolean"],
    );
    family("insights-status", &["running", "done", "failed"]);
    family("audit-outcome", &["ok", "denied"]);
    let measures: Vec<&str> = Measure::ALL.iter().map(|m| m.as_str()).collect();
    family("measure", &measures);
    let perms: Vec<&str> = Permission::ALL.iter().map(|p| p.as_str()).collect();
    family("permission", &perms);
    let table = clienteling_insights::RuleTable::default_table();
    let actions: Vec<&str> = table.rules.iter().map(|r| r.action.code.as_str()).collect();
    family("action", &actions);
    family(
        "problem",
        &[
            "400", "401", "403", "404", "409", "422", "429", "500", "503",
        ],
    );
    keys
}

#[test]
fn every_key_used_in_code_exists() {
    let mut paths = Vec::new();
    sources(&root().join("src"), &mut paths);
    sources(&root().join("templates"), &mut paths);
    let mut used: BTreeSet<String> = dynamic_keys().into_iter().collect();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("source");
        used.extend(literal_keys(&text));
    }
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
    {
        let text = std::fs::read_to_string(path).expect("source");
        used.extend(
            audited_actions(&text).map(|a| format!("audit-action-{}", a.replace(['.', '_'], "-"))),
        );
    }
    let messages = std::fs::read_to_string(root().join("src/i18n/messages.rs")).expect("messages");
    used.extend(
        messages
            .split('"')
            .filter(|s| {
                ["err-", "conflict-", "insights-error-"]
                    .iter()
                    .any(|p| s.starts_with(p))
            })
            .map(str::to_owned),
    );
    let defined: BTreeSet<String> = files(Lang::En).values().flat_map(|t| keys(t)).collect();
    let missing: Vec<_> = used.difference(&defined).collect();
    assert!(missing.is_empty(), "keys used but not in en: {missing:#?}");
}

/// The action names passed to `audit::record(` (`"client_book.add"`).
fn audited_actions(text: &str) -> impl Iterator<Item = String> + '_ {
    text.match_indices("record(").filter_map(move |(i, _)| {
        let call = text.get(i..(i + 300).min(text.len()))?;
        call.split('"')
            .skip(1)
            .step_by(2)
            .find(|lit| {
                lit.contains('.')
                    && lit
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
            })
            .map(str::to_owned)
    })
}

/// Plural-category variant keys, or numbers: what only `PLURAL` may select.
fn selects_a_number(variants: &str) -> bool {
    variants
        .split('[')
        .skip(1)
        .filter_map(|v| v.split_once(']').map(|(k, _)| k.trim()))
        .any(|k| ["zero", "one", "two", "few", "many"].contains(&k) || k.parse::<f64>().is_ok())
}

#[test]
fn no_plural_selector_bypasses_plural() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        for (name, text) in files(lang) {
            for (key, message) in messages(&text) {
                for (i, _) in message.match_indices("->") {
                    let open = message[..i].rfind('{').unwrap_or(0);
                    let selector = message[open + 1..i].trim();
                    let wrapped = selector.starts_with("PLURAL(");
                    if !wrapped && selects_a_number(&message[i..]) {
                        problems.push(format!("{}/{name}: {key}: {{ {selector} ->", lang.code()));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "selectors must use PLURAL(): {problems:#?}"
    );
}

#[test]
fn the_plural_scan_catches_a_bare_selector() {
    let bare = "k = { $n ->\n    [one] a\n   *[other] b\n}";
    let (_, message) = messages(bare).into_iter().next().expect("message");
    let i = message.find("->").expect("selector");
    assert!(selects_a_number(&message[i..]));
    assert!(!selects_a_number("->\n [activity] a\n *[other] b\n}"));
}
