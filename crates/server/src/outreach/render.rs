//! Rendering message templates with minijinja under the rules HQ-edited
//! templates need: strict undefined (an unknown variable is an error, not an
//! empty string), a fuel limit (a template that loops forever stops), HTML
//! escaping of values in HTML bodies, and a subject that stays one header line.

use clienteling_domain::outreach::subject_is_safe;
use clienteling_domain::{FieldError, Invalid};
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use std::collections::BTreeMap;

/// Instructions a template may execute per render (a generous letter takes
/// a few hundred; a runaway loop hits the limit in milliseconds).
pub const FUEL: u64 = 50_000;

/// The variables a template sees.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    /// `customer.first_name`, `customer.last_name`.
    pub customer: Person,
    /// `associate.name`.
    pub associate: Named,
    /// `store.name`.
    pub store: Named,
    /// `attributes.<name>`: every attribute of the selected group (none when unset).
    pub attributes: BTreeMap<String, serde_json::Value>,
}

/// The customer's names.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
}

/// Something with a name.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    /// The name.
    pub name: String,
}

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Rendered {
    /// Subject line.
    pub subject: String,
    /// Body (HTML when the template is HTML).
    pub body: String,
}

fn environment(html: bool) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(20);
    env.set_auto_escape_callback(move |name| {
        if html && name == "body" {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env
}

fn field(pointer: &str, e: &minijinja::Error) -> FieldError {
    let detail = e.detail().map(|d| format!(": {d}")).unwrap_or_default();
    let line = e.line().map(|l| format!(" (line {l})")).unwrap_or_default();
    let message = match e.kind() {
        minijinja::ErrorKind::OutOfFuel => {
            "the template runs too long (a loop that never ends?)".to_owned()
        }
        minijinja::ErrorKind::UndefinedError => format!("unknown variable{line}"),
        _ => format!("{}{detail}{line}", e.kind()),
    };
    FieldError {
        pointer: pointer.to_owned(),
        message,
    }
}

/// Render `subject` and `body` for `ctx`; any compile or render error is a
/// 422 pointing at `/subject` or `/body`, and a subject that renders to
/// more than one line (header injection) is refused.
pub fn render(subject: &str, body: &str, html: bool, ctx: &Context) -> Result<Rendered, Invalid> {
    let env = environment(html);
    let value = Value::from(Serde(ctx));
    let mut errors = Vec::new();
    let s = env
        .render_named_str("subject", subject, value.clone())
        .map_err(|e| errors.push(field("/subject", &e)))
        .ok();
    let b = env
        .render_named_str("body", body, value)
        .map_err(|e| errors.push(field("/body", &e)))
        .ok();
    if let Some(s) = &s
        && !subject_is_safe(s)
    {
        errors.push(FieldError {
            pointer: "/subject".into(),
            message: "the subject must render to one line (no CR, LF or control characters)".into(),
        });
    }
    match (s, b) {
        (Some(subject), Some(body)) if errors.is_empty() => Ok(Rendered {
            subject: subject.trim().to_owned(),
            body,
        }),
        _ => Err(Invalid(errors)),
    }
}

/// A sample customer for previews and for checking a template when it is saved.
pub fn sample(attributes: &[String]) -> Context {
    Context {
        customer: Person {
            first_name: "Aino".into(),
            last_name: "Esimerkki".into(),
        },
        associate: Named {
            name: "Sample Associate".into(),
        },
        store: Named {
            name: "Sample Store".into(),
        },
        attributes: attributes
            .iter()
            .map(|a| (a.clone(), serde_json::Value::String(format!("<{a}>"))))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        let mut c = sample(&["size".to_owned()]);
        c.customer.first_name = "<b>Ann</b>".into();
        c
    }

    #[test]
    fn variables_render_and_html_bodies_escape_them() {
        let r = render(
            "Hi {{ customer.first_name }}",
            "<p>{{ customer.first_name }} {{ attributes.size }}</p>",
            true,
            &ctx(),
        )
        .unwrap();
        assert_eq!(r.subject, "Hi <b>Ann</b>");
        assert_eq!(r.body, "<p>&lt;b&gt;Ann&lt;&#x2f;b&gt; &lt;size&gt;</p>");
        let t = render("x", "{{ customer.first_name }}", false, &ctx()).unwrap();
        assert_eq!(t.body, "<b>Ann</b>");
    }

    #[test]
    fn unknown_variables_are_errors_at_the_field() {
        let e = render("Hi {{ customer.nickname }}", "ok", false, &ctx()).unwrap_err();
        assert_eq!(e.0[0].pointer, "/subject");
        let e = render("Hi", "{{ attributes.shoe }}", false, &ctx()).unwrap_err();
        assert_eq!(e.0[0].pointer, "/body");
        let e = render("Hi", "{{ nobody }}", false, &ctx()).unwrap_err();
        assert!(e.0[0].message.contains("unknown variable"), "{e}");
    }

    #[test]
    fn endless_loops_run_out_of_fuel() {
        let body =
            "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}";
        let e = render("Hi", body, false, &ctx()).unwrap_err();
        assert!(e.0[0].message.contains("too long"), "{e}");
        let rec = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}";
        assert!(render("Hi", rec, false, &ctx()).is_err());
    }

    #[test]
    fn subjects_that_render_to_several_lines_are_refused() {
        let mut c = ctx();
        c.customer.first_name = "Ann\r\nBcc: all@example.com".into();
        let e = render("Hi {{ customer.first_name }}", "b", false, &c).unwrap_err();
        assert_eq!(e.0[0].pointer, "/subject");
        assert!(render("{% if true %}x", "b", false, &c).is_err());
    }
}
