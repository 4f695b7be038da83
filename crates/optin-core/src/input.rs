//! Validation of what the administrator types or pastes: client ID, client
//! secret, shipper account numbers, labels. Surrounding whitespace is trimmed
//! (and said so); anything else malformed is a clear error.

use crate::error::{Error, Result};
use crate::secret::Secret;

pub const MAX_CREDENTIAL_LEN: usize = 256;
pub const MAX_LABEL_LEN: usize = 80;
/// A shipper account number's length (letters or digits).
pub const ACCOUNT_LEN: usize = 6;
/// The label of a connection opted in without one (the CLI's `--label`).
pub const DEFAULT_LABEL: &str = "UPS connection";

/// The limits the UI checks inline before any IPC, from the constants the
/// checks below use (a generated constant in `ui/src/bindings/ipc.ts`). A
/// shared table of inputs (`tests/input_rules.json`) runs through both.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputRules {
    /// Client ID and secret, in characters after trimming (printable ASCII only).
    pub max_credential_chars: usize,
    /// A label, in characters after trimming (any language, no control characters).
    pub max_label_chars: usize,
    /// A shipper account number: exactly this many letters or digits.
    pub account_chars: usize,
    /// A connection ID: exactly this many lowercase hexadecimal digits.
    pub connection_id_chars: usize,
    pub default_label: &'static str,
}

/// The rules, as the UI gets them.
pub const INPUT_RULES: InputRules = InputRules {
    max_credential_chars: MAX_CREDENTIAL_LEN,
    max_label_chars: MAX_LABEL_LEN,
    account_chars: ACCOUNT_LEN,
    connection_id_chars: crate::store::ID_LEN,
    default_label: DEFAULT_LABEL,
};

/// A value that passed validation, with the notices to show (e.g. "spaces were removed").
#[derive(Debug)]
pub struct Checked<T> {
    pub value: T,
    pub notices: Vec<String>,
}

fn check_credential(field: &'static str, raw: &str) -> Result<(String, Option<String>)> {
    let trimmed = raw.trim();
    let notice =
        (trimmed.len() != raw.len()).then(|| format!("Spaces around the {field} were removed."));
    if trimmed.is_empty() {
        return Err(Error::invalid(
            field_name(field),
            "it is empty. Paste it from your app's page at developer.ups.com.",
        )
        .because("empty"));
    }
    if trimmed.len() > MAX_CREDENTIAL_LEN {
        return Err(Error::invalid(
            field_name(field),
            format!("it is {} characters long; UPS values are at most {MAX_CREDENTIAL_LEN}. Check that you copied only the {field}.", trimmed.chars().count()),
        )
        .because("too-long")
        .with("max", MAX_CREDENTIAL_LEN));
    }
    if let Some(c) = trimmed
        .chars()
        .find(|c| !c.is_ascii() || c.is_ascii_control() || c.is_ascii_whitespace())
    {
        let what = if c.is_ascii_whitespace() || c.is_ascii_control() {
            "a space or control character"
        } else {
            "a non-ASCII character"
        };
        return Err(Error::invalid(
            field_name(field),
            format!("it contains {what}. Copy the {field} again from developer.ups.com, without extra characters."),
        )
        .because(if what.starts_with("a space") { "spaces" } else { "non-ascii" }));
    }
    Ok((trimmed.to_string(), notice))
}

fn field_name(field: &'static str) -> &'static str {
    match field {
        "client ID" => "Client ID",
        "client secret" => "Client secret",
        other => other,
    }
}

/// A login's fields other than the secret, checked: what both opt-in use
/// cases accept (the one check of them; the CLI runs it before it asks for the
/// secret, through [`crate::OptIn::check_login_fields`]).
#[derive(Debug)]
pub struct LoginFields {
    pub client_id: Checked<String>,
    pub accounts: Vec<String>,
    pub label: String,
}

/// Checks a login's client ID, shipper accounts and label.
pub fn login_fields(client_id: &str, accounts: &[String], label: &str) -> Result<LoginFields> {
    Ok(LoginFields {
        client_id: self::client_id(client_id)?,
        accounts: self::accounts(accounts)?,
        label: self::label(label)?,
    })
}

/// Validates a client ID.
pub fn client_id(raw: &str) -> Result<Checked<String>> {
    let (value, notice) = check_credential("client ID", raw)?;
    Ok(Checked {
        value,
        notices: notice.into_iter().collect(),
    })
}

/// Validates a client secret. The error never repeats the value.
pub fn client_secret(raw: &Secret) -> Result<Checked<Secret>> {
    let (value, notice) = check_credential("client secret", raw.expose())?;
    Ok(Checked {
        value: Secret::new(value),
        notices: notice.into_iter().collect(),
    })
}

/// Validates and normalises shipper account numbers: 6 letters or digits,
/// upper-cased, duplicates dropped.
pub fn accounts(raw: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for a in raw {
        let n = a.trim().to_ascii_uppercase();
        if n.is_empty() {
            continue;
        }
        if n.len() != ACCOUNT_LEN || !n.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::invalid(
                "Shipper account",
                format!("\"{}\" is not a UPS account number: it must be exactly 6 letters or digits, as printed on your UPS invoice.", crate::display::truncate(a.trim(), 20)),
            )
            .because("not-account-number")
            .with("value", crate::display::truncate(a.trim(), 20)));
        }
        if !out.contains(&n) {
            out.push(n);
        }
    }
    Ok(out)
}

/// Validates a label (the product's name); empty becomes [`DEFAULT_LABEL`].
pub fn label(raw: &str) -> Result<String> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(DEFAULT_LABEL.into());
    }
    if t.chars().count() > MAX_LABEL_LEN {
        return Err(Error::invalid("Label", format!("it is longer than {MAX_LABEL_LEN} characters. Use a short name such as the product's.")).because("too-long").with("max", MAX_LABEL_LEN));
    }
    if t.chars().any(char::is_control) {
        return Err(Error::invalid(
            "Label",
            "it contains control characters. Type the name again.",
        )
        .because("control-characters"));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_id_table() {
        let long = "a".repeat(257);
        type Row<'a> = (&'a str, Result<(&'a str, bool), &'a str>);
        let table: &[Row<'_>] = &[
            ("abcDEF123", Ok(("abcDEF123", false))),
            ("  abc123\n", Ok(("abc123", true))),
            ("", Err("empty")),
            ("   ", Err("empty")),
            (&long, Err("257 characters")),
            ("abc\u{7}def", Err("control")),
            ("abc def", Err("space")),
            ("abcé", Err("non-ASCII")),
        ];
        for (input, want) in table {
            match (client_id(input), want) {
                (Ok(c), Ok((v, trimmed))) => {
                    assert_eq!(c.value, *v);
                    assert_eq!(!c.notices.is_empty(), *trimmed, "{input:?}");
                }
                (Err(e), Err(fragment)) => {
                    assert!(e.to_string().contains(fragment), "{input:?}: {e}")
                }
                (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn secret_errors_do_not_echo_the_value() {
        let e = client_secret(&Secret::new("s3cr3t\u{1}value")).unwrap_err();
        assert!(!e.to_string().contains("s3cr3t"));
    }

    #[test]
    fn accounts_are_normalised() {
        let got = accounts(&[
            "a1b2c3".into(),
            " X9Y8Z7 ".into(),
            "A1B2C3".into(),
            "".into(),
        ])
        .unwrap();
        assert_eq!(got, ["A1B2C3", "X9Y8Z7"]);
        for bad in ["12345", "1234567", "12-456", "ÄBCDEF"] {
            assert!(accounts(&[bad.into()]).is_err(), "{bad}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(label("  ").unwrap(), "UPS connection");
        assert_eq!(label(" WorldShip ").unwrap(), "WorldShip");
        assert!(label(&"x".repeat(81)).is_err());
    }
}
