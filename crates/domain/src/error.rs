//! Validation errors that point at the offending field.

use serde::Serialize;

/// One invalid field: a JSON pointer (`/email`) and a human message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// JSON pointer (RFC 6901) of the field, e.g. `/email`.
    pub pointer: String,
    /// What is wrong, in plain words.
    pub message: String,
}

/// A non-empty list of invalid fields.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.pointer, e.message)).collect::<Vec<_>>().join("; "))]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    /// One invalid field.
    pub fn field(pointer: &str, message: impl Into<String>) -> Self {
        Invalid(vec![FieldError {
            pointer: pointer.to_owned(),
            message: message.into(),
        }])
    }

    /// Prefix every pointer with `prefix` (e.g. `/customers/0`).
    pub fn nest(mut self, prefix: &str) -> Self {
        for e in &mut self.0 {
            e.pointer = format!("{prefix}{}", e.pointer);
        }
        self
    }
}

/// Collects field errors while parsing a composite input.
#[derive(Debug, Default)]
pub struct Collector(Vec<FieldError>);

impl Collector {
    /// Parse one field, remembering its error under `pointer`.
    pub fn take<T, E: std::fmt::Display>(&mut self, pointer: &str, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(FieldError {
                    pointer: pointer.to_owned(),
                    message: e.to_string(),
                });
                None
            }
        }
    }

    /// Parse an optional field.
    pub fn opt<T, E: std::fmt::Display>(
        &mut self,
        pointer: &str,
        r: Option<Result<T, E>>,
    ) -> Option<Option<T>> {
        match r {
            None => Some(None),
            Some(r) => self.take(pointer, r).map(Some),
        }
    }

    /// Record an error directly.
    pub fn push(&mut self, pointer: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }

    /// `Ok(())` when nothing was recorded.
    pub fn finish(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.0))
        }
    }
}
