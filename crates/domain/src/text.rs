//! Validated text values. Each type can only be built through `parse`, so a
//! value in hand is always valid.

use serde::Serialize;

/// Why a text value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Empty after trimming.
    #[error("must not be empty")]
    Empty,
    /// Longer than allowed.
    #[error("must be at most {0} characters")]
    TooLong(usize),
    /// Shorter than allowed.
    #[error("must be at least {0} characters")]
    TooShort(usize),
    /// Contains a character outside the allowed set.
    #[error("{0}")]
    BadChars(&'static str),
    /// Not of the expected form.
    #[error("{0}")]
    BadForm(&'static str),
}

fn bounded(s: &str, max: usize) -> Result<String, TextError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(TextError::Empty);
    }
    if t.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    if t.chars().any(|c| c.is_control()) {
        return Err(TextError::BadChars("must not contain control characters"));
    }
    Ok(t.to_owned())
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $parse:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Parse and normalise a raw value.
            pub fn parse(s: &str) -> Result<Self, TextError> {
                let f: fn(&str) -> Result<String, TextError> = $parse;
                f(s).map(Self)
            }

            /// The validated text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Wrap a value read back from storage, where it was validated on the way in.
            pub fn from_trusted(s: String) -> Self {
                Self(s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

fn code_like(s: &str, max: usize) -> Result<String, TextError> {
    let t = bounded(s, max)?;
    let ok = t
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        return Err(TextError::BadChars(
            "may contain only letters a-z, digits, '-', '_' and '.'",
        ));
    }
    Ok(t)
}

text_type!(
    /// A human name or title (1..=200 characters, trimmed).
    Name,
    |s| bounded(s, 200)
);

text_type!(
    /// A short machine code (company, store, address book, activity type):
    /// 1..=64 of `a-z 0-9 - _ .`, lower-cased.
    Code,
    |s| code_like(s, 64).map(|c| c.to_ascii_lowercase())
);

text_type!(
    /// A login name: like a code, lower-cased.
    Username,
    |s| code_like(s, 64).map(|c| c.to_ascii_lowercase())
);

text_type!(
    /// A customer account number, unique per company (1..=64 of `A-Z a-z 0-9 - _ .`).
    AccountNumber,
    |s| code_like(s, 64)
);

text_type!(
    /// An e-mail address (a plausible `local@domain.tld`, at most 254 characters), lower-cased domain.
    Email,
    parse_email
);

text_type!(
    /// A phone number: digits with optional leading `+`, spaces, dashes, dots and parentheses; 5..=32 characters.
    Phone,
    parse_phone
);

text_type!(
    /// Free text such as an address line (at most 500 characters).
    Line,
    |s| bounded(s, 500)
);

fn parse_email(s: &str) -> Result<String, TextError> {
    let t = bounded(s, 254)?;
    let (local, domain) = t.rsplit_once('@').ok_or(TextError::BadForm(
        "must be an e-mail address like name@example.com",
    ))?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if local.is_empty() || local.contains(char::is_whitespace) || !domain_ok {
        return Err(TextError::BadForm(
            "must be an e-mail address like name@example.com",
        ));
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

fn parse_phone(s: &str) -> Result<String, TextError> {
    let t = bounded(s, 32)?;
    let ok = t.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    });
    let digits = t.chars().filter(char::is_ascii_digit).count();
    if !ok || digits < 5 {
        return Err(TextError::BadForm(
            "must be a phone number: digits, optionally starting with +",
        ));
    }
    Ok(t)
}

/// A new password: 8..=256 characters. Never serialised.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Check the length rule.
    pub fn parse(s: &str) -> Result<Self, TextError> {
        let n = s.chars().count();
        if n < 8 {
            return Err(TextError::TooShort(8));
        }
        if n > 256 {
            return Err(TextError::TooLong(256));
        }
        Ok(Self(s.to_owned()))
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(Name::parse("  Aino  ").unwrap().as_str(), "Aino");
        assert_eq!(Name::parse("   "), Err(TextError::Empty));
        assert_eq!(Name::parse(&"x".repeat(201)), Err(TextError::TooLong(200)));
    }

    #[test]
    fn codes_are_lower_cased_and_restricted() {
        assert_eq!(Code::parse("HEL-01").unwrap().as_str(), "hel-01");
        assert!(Code::parse("a b").is_err());
        assert!(Code::parse("ä").is_err());
    }

    #[test]
    fn emails_need_a_domain() {
        assert_eq!(
            Email::parse("A@Example.COM").unwrap().as_str(),
            "A@example.com"
        );
        for bad in ["a", "a@", "@b.c", "a@b", "a b@c.d", "a@.c", "a@c."] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phones_need_digits() {
        assert!(Phone::parse("+358 40 123 4567").is_ok());
        assert!(Phone::parse("12+34567").is_err());
        assert!(Phone::parse("call me").is_err());
    }

    #[test]
    fn passwords_are_never_printed() {
        let p = Password::parse("correct horse").unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
        assert!(Password::parse("short").is_err());
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in ".*") {
            let _ = Name::parse(&s);
            let _ = Code::parse(&s);
            let _ = Email::parse(&s);
            let _ = Phone::parse(&s);
            let _ = AccountNumber::parse(&s);
        }

        #[test]
        fn parsed_codes_reparse_to_themselves(s in "[a-zA-Z0-9._-]{1,64}") {
            let c = Code::parse(&s).unwrap();
            prop_assert_eq!(Code::parse(c.as_str()).unwrap(), c);
        }
    }
}
