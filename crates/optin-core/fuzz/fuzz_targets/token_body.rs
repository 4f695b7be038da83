//! Arbitrary bytes as a UPS answer: the token and error body parsers and the
//! status classifier never panic, and an error never quotes a body that is not
//! a UPS error body (it could hold a token).
//!
//! Input layout: 2 bytes of status (mod 900, + 100), then the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use optin_core::error::Endpoint;
use optin_core::ups::classify_status;
use optin_core::ups::wire::{describe_body, UpsErrorBody, UpsTokenResponse};

const PLANTED: &[u8] = b"PLANTEDzq8TOKEN";

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<UpsTokenResponse>(data);
    let error_body = UpsErrorBody::parse(data);
    if let Some(b) = &error_body {
        assert!(b.first().is_some());
        let _ = b.to_string();
    }
    let _ = describe_body(None, data);
    let _ = describe_body(Some("text/html"), data);
    if data.len() < 2 {
        return;
    }
    let status = 100 + u16::from_le_bytes([data[0], data[1]]) % 900;
    let mut body = data[2..].to_vec();
    body.extend_from_slice(PLANTED);
    let quoted = UpsErrorBody::parse(&body).is_some();
    let response = http::Response::builder()
        .status(status)
        .header("retry-after", "7")
        .body(body)
        .expect("a valid status");
    for ep in [
        Endpoint::Token,
        Endpoint::Refresh,
        Endpoint::ClientCredentials,
    ] {
        let e = classify_status(&response, ep, time::OffsetDateTime::UNIX_EPOCH);
        let shown = format!("{e} {e:?}");
        if !quoted {
            assert!(
                !shown.contains("PLANTEDzq8TOKEN"),
                "the body was quoted: {shown}"
            );
        }
    }
});
