//! The Fluent bundles: message files compiled in from `locales/`, with
//! Unicode isolation marks off (they would end up in HTML attributes), ICU
//! formatting of number arguments, and the ICU-backed `PLURAL` function.

use super::{Arg, Lang, format};
use fluent_templates::fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_templates::{FluentBundle, LanguageIdentifier};
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use std::collections::HashMap;
use std::sync::LazyLock;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| {
            let lang = lang_of(bundle);
            customise(bundle, lang)
        },
    };
}

/// The language identifiers, by [`Lang::index`].
static IDS: LazyLock<[LanguageIdentifier; 3]> = LazyLock::new(|| Lang::ALL.map(Lang::langid));

fn id(lang: Lang) -> &'static LanguageIdentifier {
    &IDS[lang.index()]
}

/// The language of a bundle.
fn lang_of(bundle: &FluentBundle<&'static FluentResource>) -> Lang {
    bundle
        .locales
        .first()
        .and_then(|l| Lang::parse(l.language.as_str()))
        .unwrap_or_default()
}

/// Set up `lang`'s bundle.
fn customise(bundle: &mut FluentBundle<&'static FluentResource>, lang: Lang) {
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format_value));
    if let Err(e) = bundle.add_function("PLURAL", plural_function(lang)) {
        tracing::error!(error = ?e, "cannot register PLURAL");
    }
}

/// The `PLURAL` function of `lang`'s bundle.
fn plural_function(
    lang: Lang,
) -> impl for<'a> Fn(&[FluentValue<'a>], &FluentArgs) -> FluentValue<'a> + Send + Sync + 'static {
    move |args, _| plural(lang, args)
}

/// `PLURAL($n)`: the CLDR plural category of `$n` (`one`, `few`, `many`,
/// `other`, ...) from ICU4X, to select variants on.
fn plural<'a>(lang: Lang, args: &[FluentValue<'a>]) -> FluentValue<'a> {
    let category = match args.first() {
        Some(FluentValue::Number(n)) => format::plural_category(lang, n.value),
        Some(FluentValue::String(s)) => s
            .parse::<f64>()
            .map(|n| format::plural_category(lang, n))
            .unwrap_or("other"),
        _ => "other",
    };
    FluentValue::String(category.into())
}

/// The language a bundle's memoizer belongs to.
struct LangOf(Lang);

impl Memoizable for LangOf {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        Ok(LangOf(
            Lang::parse(lang.language.as_str()).unwrap_or_default(),
        ))
    }
}

/// Numbers placed into messages are formatted by ICU4X for the bundle's language.
fn format_value(value: &FluentValue, intls: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let lang = intls.with_try_get::<LangOf, _, _>((), |l| l.0).ok()?;
    let digits = n.options.minimum_fraction_digits;
    Some(format::number(
        lang,
        n.value,
        digits.map(|d| d.min(6) as u8),
    ))
}

fn to_fluent(args: &[(&str, Arg)]) -> HashMap<String, FluentValue<'static>> {
    args.iter()
        .map(|(k, v)| {
            let value = match v {
                Arg::Text(s) => FluentValue::String(s.clone().into()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            ((*k).to_owned(), value)
        })
        .collect()
}

/// The message `key` in `lang` only; an error if it is missing or does not resolve.
pub(super) fn lookup_exact(lang: Lang, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
    let map = to_fluent(args);
    let args = (!map.is_empty()).then_some(&map);
    LOCALES
        .lookup_single_language(id(lang), key, args)
        .map_err(|e| e.to_string())
}

/// The message `key` in `lang`, else in English, else the key itself.
pub(super) fn lookup(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    match lookup_exact(lang, key, args) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(key, lang = lang.code(), error = %e, "message missing");
            lookup_exact(Lang::En, key, args).unwrap_or_else(|_| key.to_owned())
        }
    }
}

/// Whether `key` exists (without arguments) in `lang` or in English.
pub(super) fn has(lang: Lang, key: &str) -> bool {
    [lang, Lang::En]
        .iter()
        .any(|l| lookup_exact(*l, key, &[]).is_ok())
}
