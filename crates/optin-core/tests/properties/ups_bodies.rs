//! UPS's token and error bodies, and classification of any answer.

use super::*;

const TOKEN_KEYS: [&str; 12] = [
    "access_token",
    "token_type",
    "expires_in",
    "refresh_token",
    "refresh_token_expires_in",
    "status",
    "scope",
    "issued_at",
    "client_id",
    "response",
    "errors",
    "message",
];

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(TOKEN_KEYS.to_vec()).prop_map(str::to_string),
        1 => ".{0,8}",
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,16}".prop_map(Value::String),
        "[ ]?[0-9]{1,22}[ ]?".prop_map(Value::String),
        prop::sample::select(vec![
            "Bearer", "bearer", "MAC", "approved", "APPROVED", "", "-5", "1e3", "1.5"
        ])
        .prop_map(|s| Value::String(s.into())),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(json_key(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A token-shaped object, written out by hand so keys may repeat.
fn token_like_text() -> impl Strategy<Value = String> {
    vec((json_key(), json_value()), 0..10).prop_map(|fields| {
        let inner: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), v))
            .collect();
        format!("{{{}}}", inner.join(","))
    })
}

fn body_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..256),
        json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        token_like_text().prop_map(String::into_bytes),
        // Truncated JSON, as a dropped connection leaves it.
        (token_like_text(), any::<prop::sample::Index>()).prop_map(|(t, i)| {
            let cut = i.index(t.len() + 1);
            t.as_bytes()[..cut].to_vec()
        }),
    ]
}

fn check_token_parse(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(t) = serde_json::from_slice::<UpsTokenResponse>(bytes) {
        // Only valid JSON parses (serde also takes a struct as an array, which is harmless).
        prop_assert!(serde_json::from_slice::<Value>(bytes).is_ok());
        let _ = format!("{t:?}");
    }
    let _ = UpsErrorBody::parse(bytes).map(|b| {
        assert!(b.first().is_some());
        b.to_string()
    });
    Ok(())
}

#[test]
fn token_and_error_bodies_never_panic() {
    run("token_and_error_bodies", config(2000), body_bytes(), |b| {
        check_token_parse(&b)
    });
    run(
        "token_bodies_from_json_values",
        config(2000),
        json_value(),
        |v| {
            let _ = serde_json::from_value::<UpsTokenResponse>(v.clone());
            let _ = serde_json::from_value::<UpsErrorBody>(v.clone());
            check_token_parse(&serde_json::to_vec(&v).unwrap())
        },
    );
}

#[test]
fn numbers_as_strings_round_trip_for_any_u64() {
    run(
        "numbers_as_strings_round_trip",
        config(2000),
        (any::<u64>(), any::<u64>(), 0usize..4, any::<bool>()),
        |(n, m, pad, as_number)| {
            let sp = " ".repeat(pad);
            let lifetime = |x: u64| {
                if as_number {
                    x.to_string()
                } else {
                    format!("\"{sp}{x}{sp}\"")
                }
            };
            let body = format!(
                r#"{{"access_token":"AT","token_type":"Bearer","expires_in":{},"refresh_token":"RT","refresh_token_expires_in":{}}}"#,
                lifetime(n),
                lifetime(m)
            );
            let t: UpsTokenResponse = serde_json::from_str(&body)
                .map_err(|e| TestCaseError::fail(format!("{body}: {e}")))?;
            prop_assert_eq!(t.expires_in, Some(n));
            prop_assert_eq!(t.refresh_token_expires_in, Some(m));
            prop_assert_eq!(
                parse_retry_after(&format!("{sp}{n}"), time::OffsetDateTime::now_utc()),
                Some(Duration::from_secs(n))
            );
            Ok(())
        },
    );
}

const PLANTED: &str = "PLANTEDzq8TOKENvalue0123456789";

fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        "[ -~]{0,40}".prop_map(String::into_bytes),
        vec(any::<u8>(), 0..40),
        prop::sample::select(vec![
            "7",
            "0",
            "18446744073709551615",
            "18446744073709551616",
            "-1",
            "1.5",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 01 Jan 0001 00:00:00 GMT",
            "text/html",
            "application/json",
            "https://evil.invalid/x?code=PLANTEDzq8TOKENvalue0123456789",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ]
}

fn response() -> impl Strategy<Value = HttpResponse> {
    (
        prop_oneof![
            3 => prop::sample::select(vec![200u16, 204, 301, 302, 400, 401, 403, 404, 429, 500, 502, 503]),
            1 => 100u16..1000,
        ],
        vec(
            (
                prop::sample::select(vec!["retry-after", "location", "content-type", "x-other"]),
                header_value(),
            ),
            0..4,
        ),
        body_bytes(),
        prop::option::of(0usize..300),
    )
        .prop_map(|(status, headers, mut body, plant)| {
            if let Some(at) = plant {
                let at = at.min(body.len());
                body.splice(at..at, PLANTED.bytes());
            }
            let mut b = http::Response::builder().status(status);
            for (k, v) in headers {
                if let Ok(v) = http::HeaderValue::from_bytes(&v) {
                    b = b.header(k, v);
                }
            }
            b.body(body).unwrap()
        })
}

fn copy(r: &HttpResponse) -> HttpResponse {
    let mut c = http::Response::new(r.body().clone());
    *c.status_mut() = r.status();
    *c.headers_mut() = r.headers().clone();
    c
}

/// Answers every request with a copy of one response.
struct Canned(HttpResponse);

impl HttpTransport for Canned {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let r = copy(&self.0);
        Box::pin(async move { Ok(r) })
    }
}

#[test]
fn classify_and_client_never_panic_nor_quote_the_body() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let env = Environment::parse("http://127.0.0.1:9").unwrap();
    let creds = ClientCredentials {
        client_id: "CID".into(),
        client_secret: Secret::new("SECRET"),
    };
    let redirect = optin_core::login::RedirectUri::parse(DEEP).unwrap();
    run("classify_and_client", config(2000), response(), |r| {
        let ups_quoted = UpsErrorBody::parse(r.body()).is_some();
        for ep in [
            Endpoint::Token,
            Endpoint::Refresh,
            Endpoint::ClientCredentials,
        ] {
            let e = classify_status(&r, ep, time::OffsetDateTime::now_utc());
            let shown = format!("{e} {e:?}");
            match r.status().as_u16() {
                429 => prop_assert!(matches!(e, Error::UpsRateLimited { .. }), "{}", shown),
                500..=599 => {
                    prop_assert!(matches!(e, Error::UpsUnreachable { .. }), "{}", shown)
                }
                _ => {}
            }
            if !ups_quoted {
                prop_assert!(!shown.contains(PLANTED), "{}", shown);
            }
        }
        let ups = UpsClient::with_rate_limit(Arc::new(Canned(copy(&r))), RateLimitRetry::OFF);
        // A 200 refresh answer is read field by field, never rejected whole.
        match rt.block_on(ups.refresh(&env, &creds, &Secret::new("RT"))) {
            Ok(answer) => {
                prop_assert_eq!(r.status().as_u16(), 200);
                let shown = format!("{answer:?}");
                prop_assert!(!shown.contains(PLANTED), "{}", shown);
            }
            Err(e) => {
                prop_assert!(r.status().as_u16() != 200, "{}", e);
                let shown = format!("{e} {e:?}");
                if !ups_quoted {
                    prop_assert!(!shown.contains(PLANTED), "{}", shown);
                }
            }
        }
        let answers = rt.block_on(async {
            vec![
                ups.client_credentials(&env, &creds, Some("A1B2C3")).await,
                ups.exchange_code(
                    &env,
                    &creds,
                    &Secret::new("CODE"),
                    &redirect,
                    oauth2::PkceCodeVerifier::new("v".repeat(64)),
                    TokenAuth::Basic,
                )
                .await,
            ]
        });
        for a in answers {
            match a {
                Ok(set) => {
                    prop_assert_eq!(r.status().as_u16(), 200);
                    prop_assert!(!set.access_token.expose().trim().is_empty());
                    let shown = format!("{set:?}");
                    prop_assert!(!shown.contains(PLANTED), "{}", shown);
                }
                Err(e) => {
                    let shown = format!("{e} {e:?}");
                    if !ups_quoted {
                        prop_assert!(!shown.contains(PLANTED), "{}", shown);
                    }
                }
            }
        }
        Ok(())
    });
}
