//! Languages of the UI and of API problem titles: English, Finnish and
//! Lithuanian.
//!
//! Messages live in Fluent files under `crates/server/locales/<lang>/`
//! (compiled into the binary); adding a language is adding one folder of
//! message files plus its [`Lang`] variant. Fluent neither formats numbers
//! nor dates well, so numbers passed as arguments are formatted with ICU4X
//! (see [`format`]), and plural selectors use the ICU-backed `PLURAL`
//! function (Fluent's own Lithuanian rule is wrong).
//!
//! A request's language is the associate's saved preference, else the `lang`
//! cookie (set by the language switch), else the browser's Accept-Language,
//! else the company's default language, else English: [`scope`] negotiates
//! the anonymous part for every request, [`Tr::of`] adds the associate's
//! preference and the company's default. Times are shown in the company's
//! time zone (see [`zone`]).

mod bundle;
pub mod format;
pub mod messages;
#[cfg(test)]
mod tests;
pub mod zone;

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use clienteling_store::Principal;
use fluent_templates::LanguageIdentifier;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English, the company default.
    #[default]
    En,
    /// Finnish.
    Fi,
    /// Lithuanian.
    Lt,
}

impl Lang {
    /// Every language, in the order of the language switch.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fi, Lang::Lt];

    /// The language tag (`en`, `fi`, `lt`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fi => "fi",
            Lang::Lt => "lt",
        }
    }

    /// The language's own name, for the language switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fi => "suomi",
            Lang::Lt => "lietuvių",
        }
    }

    /// A supported language from a tag such as `fi`, `FI` or `lt-LT`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// Position in [`Lang::ALL`].
    fn index(self) -> usize {
        self as usize
    }

    /// The Fluent language identifier.
    fn langid(self) -> LanguageIdentifier {
        LanguageIdentifier::from_parts(self.code().parse().unwrap_or_default(), None, None, &[])
    }
}

/// The best supported language for an Accept-Language header (English if none fits).
pub fn negotiate(accept_language: &str) -> Lang {
    negotiate_opt(accept_language).unwrap_or_default()
}

/// The best supported language for an Accept-Language header, if any fits.
pub fn negotiate_opt(accept_language: &str) -> Option<Lang> {
    use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
    let requested = accepted_languages::parse(accept_language);
    let available: Vec<LanguageIdentifier> = Lang::ALL.iter().map(|l| l.langid()).collect();
    negotiate_languages(&requested, &available, None, NegotiationStrategy::Lookup)
        .first()
        .and_then(|l| Lang::parse(l.language.as_str()))
}

/// Name of the cookie that remembers the language chosen with the switch.
pub const COOKIE: &str = "lang";

/// The language chosen in the `lang` cookie, if any.
pub fn cookie_lang(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .and_then(|(_, v)| Lang::parse(v))
}

/// The language of an anonymous request: the `lang` cookie, else Accept-Language.
pub fn from_headers(headers: &HeaderMap) -> Lang {
    decided_by_headers(headers).unwrap_or_default()
}

/// The language the `lang` cookie or Accept-Language asks for, if one fits.
pub fn decided_by_headers(headers: &HeaderMap) -> Option<Lang> {
    cookie_lang(headers).or_else(|| {
        let accept = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        negotiate_opt(accept)
    })
}

/// A `Set-Cookie` value remembering `lang` for a year.
pub fn set_cookie(lang: Lang) -> String {
    format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    )
}

tokio::task_local! {
    static REQUEST_LANG: Option<Lang>;
}

/// The negotiated language of the current request (English outside a request).
pub fn request_lang() -> Lang {
    request_lang_decided().unwrap_or_default()
}

/// The language the current request's cookie or Accept-Language decided, if any.
pub fn request_lang_decided() -> Option<Lang> {
    REQUEST_LANG.try_with(|l| *l).ok().flatten()
}

/// Run `fut` with the language decided by `headers` as the request's
/// language (for layers outside [`scope`]: the timeout and panic answers).
pub async fn with_lang_of<F: std::future::Future>(headers: &HeaderMap, fut: F) -> F::Output {
    REQUEST_LANG.scope(decided_by_headers(headers), fut).await
}

/// Middleware: negotiate the request's language, run the handler with it
/// (see [`request_lang`]), and mark the response as varying by language
/// (`Vary`, and `Content-Language` unless the handler set it).
pub async fn scope(req: Request, next: Next) -> Response {
    let decided = decided_by_headers(req.headers());
    let lang = decided.unwrap_or_default();
    let assets = req.uri().path().starts_with("/static/");
    let mut res = REQUEST_LANG.scope(decided, next.run(req)).await;
    if !assets {
        let h = res.headers_mut();
        h.append(header::VARY, HeaderValue::from_static("Accept-Language"));
        h.append(header::VARY, HeaderValue::from_static("Cookie"));
        h.entry(header::CONTENT_LANGUAGE)
            .or_insert(HeaderValue::from_static(lang.code()));
    }
    res
}

/// A value passed into a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, shown as is.
    Text(String),
    /// A number: shown ICU-formatted, and usable in `PLURAL` selectors.
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Arg::Num(n)
    }
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        }

        impl From<&$t> for Arg {
            fn from(n: &$t) -> Self {
                Arg::Num(*n as f64)
            }
        }
    )*};
}
num_arg!(i32, i64, u8, u32, u64, usize);

/// One entry of the language switch.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Language tag.
    pub code: &'static str,
    /// Short label (`FI`).
    pub label: String,
    /// The language's own name.
    pub name: &'static str,
    /// Whether it is the language in use.
    pub current: bool,
}

/// The translator of one request: messages and locale formatting in one
/// language, times in one time zone.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    lang: Lang,
    zone: zone::Zone,
}

impl Default for Tr {
    fn default() -> Self {
        Tr::new(Lang::default())
    }
}

impl Tr {
    /// A translator for `lang` (times in UTC).
    pub fn new(lang: Lang) -> Self {
        Tr {
            lang,
            zone: zone::utc(),
        }
    }

    /// The same translator showing times in the IANA zone `name` (UTC if unknown).
    pub fn in_zone(self, name: &str) -> Self {
        Tr {
            zone: zone::zone(name),
            ..self
        }
    }

    /// The translator of the current request (negotiated, no associate).
    pub fn request() -> Self {
        Tr::new(request_lang())
    }

    /// The translator for a signed-in associate: their saved language, else
    /// the request's negotiated one, else the company's default; times in
    /// the company's time zone.
    pub fn of(who: &Principal) -> Self {
        let lang = who
            .locale
            .as_deref()
            .and_then(Lang::parse)
            .or_else(request_lang_decided)
            .or_else(|| who.company_language.as_deref().and_then(Lang::parse))
            .unwrap_or_default();
        Tr::new(lang).in_zone(who.time_zone.as_deref().unwrap_or("UTC"))
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The language tag, for `<html lang>`.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The languages to switch to, marking the current one.
    pub fn choices(&self) -> Vec<Choice> {
        Lang::ALL
            .into_iter()
            .map(|l| Choice {
                code: l.code(),
                label: l.code().to_ascii_uppercase(),
                name: l.name(),
                current: l == self.lang,
            })
            .collect()
    }

    /// The message `key` (the key itself if no language has it).
    pub fn t(&self, key: &str) -> String {
        bundle::lookup(self.lang, key, &[])
    }

    /// The message `key` with arguments.
    pub fn t_args(&self, key: &str, args: &[(&str, Arg)]) -> String {
        bundle::lookup(self.lang, key, args)
    }

    /// The message `key` with one argument (handy in templates).
    pub fn t1(&self, key: &str, name: &str, value: impl Into<Arg>) -> String {
        self.t_args(key, &[(name, value.into())])
    }

    /// The message `key` with two arguments (handy in templates).
    pub fn t2(
        &self,
        key: &str,
        n1: &str,
        v1: impl Into<Arg>,
        n2: &str,
        v2: impl Into<Arg>,
    ) -> String {
        self.t_args(key, &[(n1, v1.into()), (n2, v2.into())])
    }

    /// Whether `key` exists in this language (or the English fallback).
    pub fn has(&self, key: &str) -> bool {
        bundle::has(self.lang, key)
    }

    /// A money amount in minor units: `1 234,50 €` (fi, lt), `€1,234.50` (en).
    pub fn money(&self, minor: i64, currency: &str) -> String {
        format::money(self.lang, minor, currency)
    }

    /// A number with at most `max_fraction` decimals, grouped for the locale.
    pub fn number(&self, value: f64, max_fraction: u8) -> String {
        format::number(self.lang, value, Some(max_fraction))
    }

    /// A whole number, grouped for the locale.
    pub fn integer(&self, value: impl std::borrow::Borrow<i64>) -> String {
        format::number(self.lang, *value.borrow() as f64, Some(0))
    }

    /// A date with the month name (`25. marraskuuta 2026`).
    pub fn date_long(&self, date: time::Date) -> String {
        format::date(self.lang, date, format::DateStyle::Long)
    }

    /// A compact date (`25.11.2026`, `2026-11-25`, `Nov 25, 2026`).
    pub fn date(&self, date: time::Date) -> String {
        format::date(self.lang, date, format::DateStyle::Medium)
    }

    /// Date and time of a microsecond timestamp, in the company's time zone.
    pub fn datetime(&self, micros: i64) -> String {
        match zone::civil(self.zone, micros) {
            Some(civil) => format::datetime_civil(self.lang, civil),
            None => format::datetime(self.lang, micros),
        }
    }

    /// The time of day (hours and minutes) of a microsecond timestamp, in
    /// the company's time zone.
    pub fn time(&self, micros: i64) -> String {
        let (_, _, _, h, mi) = zone::civil(self.zone, micros).unwrap_or((0, 1, 1, 0, 0));
        format::time_hm(self.lang, h, mi)
    }

    /// A microsecond timestamp as a `datetime-local` value
    /// (`2026-12-01T10:00`) in the company's time zone.
    pub fn local_input(&self, micros: i64) -> String {
        match zone::civil(self.zone, micros) {
            Some((y, mo, d, h, mi)) => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}"),
            None => String::new(),
        }
    }

    /// A `datetime-local` value typed in the company's time zone as an
    /// instant (µs); `None` when it is not a date and time.
    pub fn parse_local(&self, text: &str) -> Option<i64> {
        zone::parse_local(self.zone, text)
    }

    /// The calendar date of a microsecond timestamp in the company's time zone.
    pub fn local_date(&self, micros: i64) -> time::Date {
        zone::date(self.zone, micros)
            .unwrap_or_else(|| clienteling_domain::time_util::from_micros(micros).date())
    }

    /// The localised text of an English message produced by code (validation
    /// messages, conflicts); unknown messages are returned unchanged.
    pub fn message(&self, english: &str) -> String {
        messages::translate(self, english).unwrap_or_else(|| english.to_owned())
    }

    /// A label for an identifier-like name from code (measure names),
    /// looked up as `<prefix>-<name>`; falls back to `fallback`.
    pub fn label_or(&self, prefix: &str, name: &str, fallback: &str) -> String {
        let key = format!("{prefix}-{}", name.replace('_', "-"));
        if self.has(&key) {
            self.t(&key)
        } else {
            fallback.to_owned()
        }
    }
}
