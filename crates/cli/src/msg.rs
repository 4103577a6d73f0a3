//! The CLI's user-facing messages in the user's language: `CLIENTELING_LANG`,
//! else the POSIX locale variables (`LC_ALL`, `LC_MESSAGES`, `LANG`, the
//! first one set decides), else English; an unsupported language (or `C`)
//! is English. Messages live with the server's in the Fluent files
//! `crates/server/locales/<lang>/cli.ftl` (keys `cli-…`).
//!
//! Machine-read lines are not messages: `demo login: …` keeps its exact
//! format in every language.

use clienteling_server::i18n::{Arg, Lang, Tr};
use std::sync::OnceLock;

/// The language chosen by the environment variables read through `var`.
pub fn lang_from(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["CLIENTELING_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| var(k))
        .find(|v| !v.trim().is_empty())
        .and_then(|v| Lang::parse(&v))
        .unwrap_or_default()
}

/// The translator of this process.
pub fn tr() -> Tr {
    static TR: OnceLock<Tr> = OnceLock::new();
    *TR.get_or_init(|| Tr::new(lang_from(|k| std::env::var(k).ok())))
}

/// The message `key`.
pub fn t(key: &str) -> String {
    tr().t(key)
}

/// The message `key` with arguments.
pub fn t_args(key: &str, args: &[(&str, Arg)]) -> String {
    tr().t_args(key, args)
}

/// Seconds with two decimals, for the locale (`1,25` in fi and lt).
pub fn seconds(secs: f64) -> Arg {
    tr().number(secs, 2).into()
}

/// A rate per second, whole and grouped for the locale.
pub fn rate(per_sec: f64) -> Arg {
    tr().integer(per_sec.round() as i64).into()
}

/// The message `prefix-<name>` (spaces and `_` as `-`), or `name` itself.
pub fn label(prefix: &str, name: &str) -> String {
    tr().label_or(prefix, &name.replace(' ', "-"), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_language_comes_from_the_environment_in_posix_order() {
        assert_eq!(lang_from(env(&[("LANG", "fi_FI.UTF-8")])), Lang::Fi);
        assert_eq!(
            lang_from(env(&[("LANG", "fi_FI.UTF-8"), ("LC_ALL", "lt_LT.UTF-8")])),
            Lang::Lt
        );
        assert_eq!(
            lang_from(env(&[("LC_ALL", "fi"), ("CLIENTELING_LANG", "lt")])),
            Lang::Lt
        );
        assert_eq!(
            lang_from(env(&[("LC_ALL", "C"), ("LANG", "fi_FI")])),
            Lang::En
        );
        assert_eq!(lang_from(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
        assert_eq!(lang_from(env(&[])), Lang::En);
    }

    #[test]
    fn messages_are_translated_in_finnish_and_lithuanian() {
        let n = || {
            [
                ("count", Arg::from(1234)),
                ("purchases", Arg::from(5)),
                ("seconds", Arg::from("1.5")),
            ]
        };
        let fi = Tr::new(Lang::Fi);
        let lt = Tr::new(Lang::Lt);
        assert_eq!(fi.t("cli-database-ok"), "tietokanta kunnossa");
        assert_eq!(lt.t("cli-database-ok"), "duomenų bazė tvarkinga");
        assert!(
            fi.t_args("cli-error", &[("detail", "x".into())])
                .starts_with("virhe: ")
        );
        assert!(
            lt.t_args("cli-error", &[("detail", "x".into())])
                .starts_with("klaida: ")
        );
        let built = lt.t_args("cli-demo-built", &n());
        assert!(
            built.contains("1\u{a0}234") || built.contains("1 234"),
            "{built}"
        );
        let all: Vec<(&str, Arg)> = ["detail", "code", "url", "username", "role", "password"]
            .into_iter()
            .map(|k| (k, Arg::from("x")))
            .chain(n())
            .collect();
        for tr in [Tr::new(Lang::En), fi, lt] {
            for key in KEYS {
                assert_ne!(
                    tr.t_args(key, &all),
                    *key,
                    "{key} missing in {:?}",
                    tr.lang()
                );
            }
        }
    }

    /// Every key the CLI uses.
    const KEYS: &[&str] = &[
        "cli-error",
        "cli-error-runtime",
        "cli-migrations-applied",
        "cli-company-created",
        "cli-database-ok",
        "cli-database-problems",
        "cli-listening",
        "cli-associate-created",
        "cli-generated-password",
        "cli-demo-reused",
        "cli-demo-built",
        "cli-demo-insights",
    ];
}
