//! Client-book attributes: typed definitions (text, enum, number, date,
//! boolean), validation of groups and of customer values.

use crate::error::Collector;
use crate::ids::{AttributeGroupId, AttributeId};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::{Date, Month};

/// The type of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttributeKind {
    /// Free text.
    Text,
    /// One of a fixed list of values.
    Enum,
    /// A number.
    Number,
    /// A calendar date (`YYYY-MM-DD`).
    Date,
    /// Yes or no.
    Boolean,
}

impl AttributeKind {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeKind::Text => "text",
            AttributeKind::Enum => "enum",
            AttributeKind::Number => "number",
            AttributeKind::Date => "date",
            AttributeKind::Boolean => "boolean",
        }
    }

    /// Parse a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Text,
            Self::Enum,
            Self::Number,
            Self::Date,
            Self::Boolean,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// An attribute definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attribute {
    /// Id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: AttributeId,
    /// Name, used in filters as `attr.<name>`.
    pub name: String,
    /// Type.
    pub kind: AttributeKind,
    /// Allowed values (enum only).
    pub values: Vec<String>,
    /// Offered as a refiner (facet).
    pub refinable: bool,
    /// Order on the client card (1 before 2).
    pub display_order: i32,
}

/// A group of attributes; one group is selected in settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttributeGroup {
    /// Id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: AttributeGroupId,
    /// Name, unique in the company.
    pub name: String,
    /// Attributes by display order.
    pub attributes: Vec<Attribute>,
}

/// An attribute definition as a client sends it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttributeInput {
    /// Name: 1..=64 of `a-z 0-9 _ -`.
    pub name: String,
    /// Type.
    pub kind: AttributeKind,
    /// Allowed values (enum only).
    #[serde(default)]
    pub values: Vec<String>,
    /// Offered as a refiner.
    #[serde(default)]
    pub refinable: bool,
    /// Card order.
    #[serde(default)]
    pub display_order: i32,
}

/// A validated attribute definition, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAttribute {
    /// Name.
    pub name: String,
    /// Type.
    pub kind: AttributeKind,
    /// Enum values.
    pub values: Vec<String>,
    /// Refinable.
    pub refinable: bool,
    /// Card order.
    pub display_order: i32,
}

/// Validate an attribute name.
pub fn parse_attribute_name(s: &str) -> Result<String, &'static str> {
    let t = s.trim().to_lowercase();
    let ok = !t.is_empty()
        && t.len() <= 64
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(t)
    } else {
        Err("must be 1-64 of a-z, 0-9, '_' and '-'")
    }
}

/// Validate a group's attribute list (names unique, enum values present).
pub fn parse_attributes(
    inputs: &[AttributeInput],
    pointer: &str,
) -> Result<Vec<NewAttribute>, crate::Invalid> {
    let mut c = Collector::default();
    let mut out = Vec::with_capacity(inputs.len());
    for (i, a) in inputs.iter().enumerate() {
        let p = format!("{pointer}/{i}");
        let Some(name) = c.take(&format!("{p}/name"), parse_attribute_name(&a.name)) else {
            continue;
        };
        if out.iter().any(|o: &NewAttribute| o.name == name) {
            c.push(&format!("{p}/name"), "is used twice in this group");
        }
        let values: Vec<String> = a
            .values
            .iter()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect();
        match a.kind {
            AttributeKind::Enum if values.is_empty() => {
                c.push(&format!("{p}/values"), "an enum needs at least one value")
            }
            AttributeKind::Enum
                if values
                    .iter()
                    .any(|v| v.chars().count() > 100 || v.contains(',')) =>
            {
                c.push(
                    &format!("{p}/values"),
                    "values must be at most 100 characters and contain no comma",
                )
            }
            AttributeKind::Enum => {}
            _ if !values.is_empty() => {
                c.push(&format!("{p}/values"), "only enum attributes have values")
            }
            _ => {}
        }
        out.push(NewAttribute {
            name,
            kind: a.kind,
            values,
            refinable: a.refinable,
            display_order: a.display_order,
        });
    }
    c.finish().map(|()| out)
}

/// A customer's value of an attribute, in its storage form.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredValue {
    /// Text, enum value, date (`YYYY-MM-DD`) or boolean (`true`/`false`).
    Text(String),
    /// Number.
    Number(f64),
}

impl StoredValue {
    /// As JSON for the API.
    pub fn to_json(&self, kind: AttributeKind) -> Value {
        match (self, kind) {
            (StoredValue::Number(n), _) => serde_json::Number::from_f64(*n)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            (StoredValue::Text(t), AttributeKind::Boolean) => Value::Bool(t == "true"),
            (StoredValue::Text(t), _) => Value::String(t.clone()),
        }
    }

    /// As display text.
    pub fn display(&self) -> String {
        match self {
            StoredValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            StoredValue::Number(n) => n.to_string(),
            StoredValue::Text(t) => t.clone(),
        }
    }
}

/// Parse `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<Date, &'static str> {
    let bad = "must be a date like 2026-03-31";
    let mut it = s.trim().splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (it.next(), it.next(), it.next()) else {
        return Err(bad);
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad);
    }
    let (y, m, d): (i32, u8, u8) = (
        y.parse().map_err(|_| bad)?,
        m.parse().map_err(|_| bad)?,
        d.parse().map_err(|_| bad)?,
    );
    let month = Month::try_from(m).map_err(|_| bad)?;
    Date::from_calendar_date(y, month, d).map_err(|_| bad)
}

/// Format a date as `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

impl Attribute {
    /// Validate a JSON value for this attribute; `null` clears it.
    pub fn parse_value(&self, v: &Value) -> Result<Option<StoredValue>, String> {
        if v.is_null() {
            return Ok(None);
        }
        let stored = match (self.kind, v) {
            (AttributeKind::Text, Value::String(s)) if s.chars().count() <= 500 => {
                StoredValue::Text(s.trim().to_owned())
            }
            (AttributeKind::Text, Value::String(_)) => {
                return Err("must be at most 500 characters".into());
            }
            (AttributeKind::Enum, Value::String(s)) => match self
                .values
                .iter()
                .find(|x| x.eq_ignore_ascii_case(s.trim()))
            {
                Some(x) => StoredValue::Text(x.clone()),
                None => return Err(format!("must be one of: {}", self.values.join(", "))),
            },
            (AttributeKind::Number, Value::Number(n)) => match n.as_f64() {
                Some(f) if f.is_finite() => StoredValue::Number(f),
                _ => return Err("must be a finite number".into()),
            },
            (AttributeKind::Date, Value::String(s)) => {
                StoredValue::Text(format_date(parse_date(s)?))
            }
            (AttributeKind::Boolean, Value::Bool(b)) => StoredValue::Text(b.to_string()),
            (kind, _) => return Err(format!("must be a {} value", kind.as_str())),
        };
        Ok(Some(stored))
    }

    /// Validate a value given as text (query strings, forms, CSV).
    pub fn parse_text(&self, s: &str) -> Result<Option<StoredValue>, String> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let v = match self.kind {
            AttributeKind::Number => t
                .parse::<f64>()
                .map(Value::from)
                .map_err(|_| "must be a number".to_owned())?,
            AttributeKind::Boolean => match t {
                "true" | "yes" | "1" | "on" => Value::Bool(true),
                "false" | "no" | "0" | "off" => Value::Bool(false),
                _ => return Err("must be true or false".into()),
            },
            _ => Value::String(t.to_owned()),
        };
        self.parse_value(&v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn attr(kind: AttributeKind, values: &[&str]) -> Attribute {
        Attribute {
            id: AttributeId::new(),
            name: "a".into(),
            kind,
            values: values.iter().map(|s| s.to_string()).collect(),
            refinable: true,
            display_order: 1,
        }
    }

    #[test]
    fn values_are_checked_against_their_type() {
        let e = attr(AttributeKind::Enum, &["handbags", "shoes"]);
        assert_eq!(
            e.parse_value(&json!("Handbags")).unwrap(),
            Some(StoredValue::Text("handbags".into()))
        );
        assert!(e.parse_value(&json!("hats")).is_err());
        let n = attr(AttributeKind::Number, &[]);
        assert_eq!(
            n.parse_value(&json!(38.5)).unwrap(),
            Some(StoredValue::Number(38.5))
        );
        assert!(n.parse_value(&json!("38")).is_err());
        let d = attr(AttributeKind::Date, &[]);
        assert_eq!(
            d.parse_value(&json!("1990-02-28")).unwrap(),
            Some(StoredValue::Text("1990-02-28".into()))
        );
        assert!(d.parse_value(&json!("1990-02-30")).is_err());
        assert!(d.parse_value(&json!("28.2.1990")).is_err());
        let b = attr(AttributeKind::Boolean, &[]);
        assert_eq!(
            b.parse_value(&json!(true)).unwrap(),
            Some(StoredValue::Text("true".into()))
        );
        assert_eq!(b.parse_value(&Value::Null).unwrap(), None);
        assert_eq!(
            b.parse_text("yes").unwrap(),
            Some(StoredValue::Text("true".into()))
        );
    }

    #[test]
    fn groups_need_unique_names_and_enum_values() {
        let inputs = vec![
            AttributeInput {
                name: "Likes".into(),
                kind: AttributeKind::Enum,
                values: vec![],
                refinable: true,
                display_order: 1,
            },
            AttributeInput {
                name: "likes".into(),
                kind: AttributeKind::Text,
                values: vec![],
                refinable: false,
                display_order: 2,
            },
            AttributeInput {
                name: "size".into(),
                kind: AttributeKind::Number,
                values: vec!["x".into()],
                refinable: false,
                display_order: 3,
            },
            AttributeInput {
                name: "a.b".into(),
                kind: AttributeKind::Text,
                values: vec![],
                refinable: false,
                display_order: 4,
            },
        ];
        let e = parse_attributes(&inputs, "/attributes").unwrap_err();
        let ptrs: Vec<_> = e.0.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(
            ptrs,
            [
                "/attributes/0/values",
                "/attributes/1/name",
                "/attributes/2/values",
                "/attributes/3/name"
            ]
        );
    }
}
