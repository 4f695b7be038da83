//! Callback validation: the one pure function every capture route ends in
//! (deep link, loopback, https bounce, paste).
//!
//! RFC 6749 §4.1.2 (code + state) and §4.1.2.1 (error), RFC 6749 §10.12 (state
//! against CSRF). The callback must be sent to the expected redirect URI
//! (scheme, host, port, path), carry the state of a pending login, and carry
//! each parameter at most once and within size limits. A rejected callback
//! changes nothing: the caller keeps the pending login so the admin can retry.

use time::OffsetDateTime;
use url::Url;

use crate::error::{Error, Result};
use crate::secret::Secret;

/// Longest callback URL accepted.
pub const MAX_CALLBACK_LEN: usize = 8 * 1024;
/// Longest single parameter value accepted.
pub const MAX_PARAM_LEN: usize = 4 * 1024;
const MAX_PARAMS: usize = 16;

/// What the validator needs to know about one pending login.
#[derive(Debug)]
pub struct PendingView<'a> {
    pub state: &'a str,
    /// Where the callback may arrive (the redirect URI, and for the https
    /// bounce route also the custom-scheme URI the bounce page forwards to).
    pub accepted: &'a [Url],
    pub expires_at: OffsetDateTime,
}

/// A callback that passed validation.
#[derive(Debug)]
pub enum Callback {
    /// UPS granted access.
    Code { code: Secret },
    /// UPS (or the admin) refused: `error` / `error_description`.
    Denied { reason: String },
}

/// Validates `raw` against the pending logins. Returns the index of the
/// matching pending login and what the callback says.
pub fn validate_callback(
    raw: &str,
    pending: &[PendingView<'_>],
    now: OffsetDateTime,
) -> Result<(usize, Callback)> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::callback_invalid("empty", "the address is empty"));
    }
    if raw.len() > MAX_CALLBACK_LEN {
        return Err(Error::callback_invalid(
            "too-long",
            format!("the address is longer than {} KiB", MAX_CALLBACK_LEN / 1024),
        ));
    }
    if raw.chars().any(|c| c.is_control()) {
        return Err(Error::callback_invalid(
            "control-characters",
            "the address contains control characters",
        ));
    }
    let url = Url::parse(raw)
        .map_err(|_| Error::callback_invalid("not-address", "it is not a web address"))?;

    let mut code = None;
    let mut state = None;
    let mut error = None;
    let mut error_description = None;
    let mut count = 0;
    let mut seen: Vec<String> = Vec::new();
    for (k, v) in url.query_pairs() {
        count += 1;
        if count > MAX_PARAMS {
            return Err(Error::callback_invalid(
                "too-many-parameters",
                "it carries too many parameters",
            ));
        }
        if v.len() > MAX_PARAM_LEN || k.len() > 64 {
            return Err(Error::callback_invalid(
                "parameter-too-long",
                format!("the parameter \"{}\" is too long", printable(&k)),
            ));
        }
        if v.contains('\0') {
            return Err(Error::callback_invalid(
                "parameter-nul",
                format!("the parameter \"{}\" contains a NUL byte", printable(&k)),
            ));
        }
        // RFC 6749 §3.1: no parameter may appear more than once, known or not.
        if seen.iter().any(|s| *s == k) {
            return Err(Error::callback_invalid(
                "parameter-twice",
                format!("the parameter \"{}\" appears twice", printable(&k)),
            ));
        }
        seen.push(k.clone().into_owned());
        let slot = match k.as_ref() {
            "code" => &mut code,
            "state" => &mut state,
            "error" => &mut error,
            "error_description" => &mut error_description,
            _ => continue,
        };
        *slot = Some(v.into_owned());
    }

    let Some(state) = state.filter(|s| !s.is_empty()) else {
        return Err(Error::callback_invalid(
            "no-state",
            "the state parameter is missing",
        ));
    };
    let Some(index) = pending
        .iter()
        .position(|p| constant_time_eq(p.state.as_bytes(), state.as_bytes()))
    else {
        return Err(Error::CallbackUnknownState);
    };
    let p = &pending[index];
    if !p.accepted.iter().any(|a| same_endpoint(a, &url)) {
        let expected = p.accepted.first().map(endpoint_text).unwrap_or_default();
        return Err(Error::callback_invalid(
            "wrong-address",
            format!(
                "it was sent to {}, but this login expects {expected}",
                endpoint_text(&url)
            ),
        ));
    }
    if now >= p.expires_at {
        return Err(Error::CallbackExpired);
    }
    if let Some(error) = error {
        let reason = match error_description.filter(|d| !d.trim().is_empty()) {
            Some(d) => format!("{} ({})", printable(&d), printable(&error)),
            None if error == "access_denied" => {
                "the request was declined on UPS.com (access_denied)".into()
            }
            None => printable(&error),
        };
        return Ok((index, Callback::Denied { reason }));
    }
    match code.filter(|c| !c.is_empty()) {
        Some(code) => Ok((
            index,
            Callback::Code {
                code: Secret::new(code),
            },
        )),
        None => Err(Error::callback_invalid(
            "no-code",
            "the code parameter is missing",
        )),
    }
}

/// Scheme, host, port and path, compared exactly (scheme and host case-insensitively).
fn same_endpoint(expected: &Url, got: &Url) -> bool {
    expected.scheme().eq_ignore_ascii_case(got.scheme())
        && expected.host_str().map(str::to_ascii_lowercase)
            == got.host_str().map(str::to_ascii_lowercase)
        && expected.port_or_known_default() == got.port_or_known_default()
        && normalized_path(expected) == normalized_path(got)
}

fn normalized_path(u: &Url) -> &str {
    match u.path() {
        "" => "/",
        p => p,
    }
}

fn endpoint_text(u: &Url) -> String {
    let mut s = format!("{}://{}", u.scheme(), u.host_str().unwrap_or(""));
    if let Some(p) = u.port() {
        s.push_str(&format!(":{p}"));
    }
    s.push_str(u.path());
    crate::display::truncate(&s, 120)
}

fn printable(s: &str) -> String {
    crate::display::truncate(
        &s.chars().filter(|c| !c.is_control()).collect::<String>(),
        200,
    )
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 12:00 UTC);

    fn run(raw: &str) -> Result<(usize, Callback)> {
        let deep = [Url::parse("upsoptin://oauth/callback").unwrap()];
        let loopback = [Url::parse("http://127.0.0.1:8765/callback").unwrap()];
        let bounce = [
            Url::parse("https://vendor.example.invalid/ups/bounce").unwrap(),
            Url::parse("upsoptin://oauth/callback").unwrap(),
        ];
        let pending = [
            PendingView {
                state: "S1",
                accepted: &deep,
                expires_at: NOW + time::Duration::minutes(10),
            },
            PendingView {
                state: "S2",
                accepted: &loopback,
                expires_at: NOW + time::Duration::minutes(10),
            },
            PendingView {
                state: "OLD",
                accepted: &deep,
                expires_at: NOW - time::Duration::seconds(1),
            },
            PendingView {
                state: "S3",
                accepted: &bounce,
                expires_at: NOW + time::Duration::minutes(10),
            },
        ];
        validate_callback(raw, &pending, NOW)
    }

    #[test]
    fn table() {
        use ErrorCode::*;
        let long = format!(
            "upsoptin://oauth/callback?state=S1&code={}",
            "c".repeat(5000)
        );
        let huge = format!(
            "upsoptin://oauth/callback?state=S1&code={}",
            "c".repeat(9000)
        );
        let many = format!(
            "upsoptin://oauth/callback?state=S1&code=C{}",
            "&x=1".repeat(20)
        );
        type Row<'a> = (&'a str, std::result::Result<(usize, &'a str), ErrorCode>);
        let table: Vec<Row<'_>> = vec![
            ("upsoptin://oauth/callback?code=C&state=S1", Ok((0, "code"))),
            ("  upsoptin://oauth/callback?code=C&state=S1\n", Ok((0, "code"))),
            ("UPSOPTIN://OAUTH/callback?code=C&state=S1", Ok((0, "code"))),
            ("upsoptin://oauth/callback?code=C&state=S1&scope=read", Ok((0, "code"))),
            ("http://127.0.0.1:8765/callback?code=C&state=S2", Ok((1, "code"))),
            ("http://localhost:8765/callback?code=C&state=S2", Err(CallbackInvalid)),
            ("http://127.0.0.1:8766/callback?code=C&state=S2", Err(CallbackInvalid)),
            ("https://vendor.example.invalid/ups/bounce?code=C&state=S3", Ok((3, "code"))),
            ("upsoptin://oauth/callback?code=C&state=S3", Ok((3, "code"))),
            ("upsoptin://oauth/callback?error=access_denied&state=S1", Ok((0, "denied"))),
            ("upsoptin://oauth/callback?error=access_denied&error_description=User%20declined&state=S1", Ok((0, "denied"))),
            ("upsoptin://oauth/callback?code=C&state=NOPE", Err(CallbackUnknownState)),
            ("upsoptin://oauth/callback?code=C&state=OLD", Err(CallbackExpired)),
            ("upsoptin://oauth/callback?code=C", Err(CallbackInvalid)),
            ("upsoptin://oauth/callback?state=S1", Err(CallbackInvalid)),
            ("upsoptin://oauth/callback?state=S1&code=", Err(CallbackInvalid)),
            ("upsoptin://oauth/callback?code=C&code=D&state=S1", Err(CallbackInvalid)),
            ("upsoptin://oauth/callback?code=C&state=S1&state=S1", Err(CallbackInvalid)),
            ("upsoptin://oauth/callback?code=C&state=S1&scope=a&scope=a", Err(CallbackInvalid)),
            ("upsoptin://oauth/callback?code=C&state=S1&scope=a&sc%6Fpe=b", Err(CallbackInvalid)),
            ("upsoptin://evil/callback?code=C&state=S1", Err(CallbackInvalid)),
            ("upsoptin://oauth/other?code=C&state=S1", Err(CallbackInvalid)),
            ("otherapp://oauth/callback?code=C&state=S1", Err(CallbackInvalid)),
            ("upsoptin://oauth/callback?code=C%00X&state=S1", Err(CallbackInvalid)),
            ("upsoptin://oauth/callback?code=C\u{0}&state=S1", Err(CallbackInvalid)),
            ("not a url", Err(CallbackInvalid)),
            ("", Err(CallbackInvalid)),
            (&long, Err(CallbackInvalid)),
            (&huge, Err(CallbackInvalid)),
            (&many, Err(CallbackInvalid)),
            ("upsoptin://oauth/callback?code=%FF%FE&state=S1", Ok((0, "code"))),
        ];
        for (raw, want) in table {
            let got = run(raw);
            match (&got, want) {
                (Ok((i, Callback::Code { .. })), Ok((wi, "code"))) => assert_eq!(*i, wi, "{raw}"),
                (Ok((i, Callback::Denied { .. })), Ok((wi, "denied"))) => {
                    assert_eq!(*i, wi, "{raw}")
                }
                (Err(e), Err(code)) => assert_eq!(e.code(), code, "{raw}: {e}"),
                _ => panic!("{raw}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn denial_reason_is_readable() {
        match run("upsoptin://oauth/callback?error=access_denied&error_description=User%20declined&state=S1") {
            Ok((_, Callback::Denied { reason })) => assert_eq!(reason, "User declined (access_denied)"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_never_quote_the_code() {
        let e = run("upsoptin://evil/callback?code=SECRETCODE&state=S1").unwrap_err();
        assert!(!e.to_string().contains("SECRETCODE"));
    }
}
