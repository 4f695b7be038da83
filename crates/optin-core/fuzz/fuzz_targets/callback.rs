//! Arbitrary bytes as a callback address (deep link, loopback request line,
//! pasted text): the validator never panics, and whatever it accepts is sent
//! to an accepted redirect URI, carries that login's state once, and repeats
//! no parameter.
#![no_main]

use libfuzzer_sys::fuzz_target;
use optin_core::login::callback::{validate_callback, Callback, PendingView};
use time::macros::datetime;
use url::Url;

const STATES: [&str; 3] = ["S1", "Sloop", "Sbounce"];

fn same_endpoint(a: &Url, b: &Url) -> bool {
    let path = |u: &Url| match u.path() {
        "" => "/".to_string(),
        p => p.to_string(),
    };
    a.scheme().eq_ignore_ascii_case(b.scheme())
        && a.host_str().map(str::to_ascii_lowercase) == b.host_str().map(str::to_ascii_lowercase)
        && a.port_or_known_default() == b.port_or_known_default()
        && path(a) == path(b)
}

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let now = datetime!(2026-11-29 12:00 UTC);
    let deep = [Url::parse("upsoptin://oauth/callback").unwrap()];
    let loopback = [Url::parse("http://127.0.0.1:8765/callback").unwrap()];
    let bounce = [
        Url::parse("https://example.invalid/ups-optin/bounce").unwrap(),
        Url::parse("upsoptin://oauth/callback").unwrap(),
    ];
    let accepted: [&[Url]; 3] = [&deep, &loopback, &bounce];
    let views: Vec<PendingView<'_>> = (0..3)
        .map(|i| PendingView {
            state: STATES[i],
            accepted: accepted[i],
            expires_at: now + time::Duration::minutes(10),
        })
        .collect();
    let Ok((i, cb)) = validate_callback(&raw, &views, now) else {
        return;
    };
    let url = Url::parse(raw.trim()).expect("accepted, so it parses");
    assert!(accepted[i].iter().any(|a| same_endpoint(a, &url)), "{url}");
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let mut keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    let n = keys.len();
    keys.dedup();
    assert_eq!(n, keys.len(), "a duplicated parameter was accepted: {url}");
    let states: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "state")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(states, [STATES[i]]);
    if let Callback::Code { code } = cb {
        assert!(!code.is_empty() && !code.expose().contains('\0'));
    }
});
