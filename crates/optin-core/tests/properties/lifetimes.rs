//! Lifetimes through the whole service: any `expires_in` UPS may send.

use super::*;

fn clock_now(c: &FixedClock) -> OffsetDateTime {
    optin_core::clock::Clock::now(c)
}

/// UPS answering with the given lifetimes; `/refresh` and `/token` alike.
struct Lifetimes {
    expires_in: String,
    refresh_expires_in: String,
    n: Mutex<u64>,
}

impl HttpTransport for Lifetimes {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let n = {
            let mut n = self.n.lock().unwrap();
            *n += 1;
            *n
        };
        let body = format!(
            r#"{{"access_token":"AT{n}","token_type":"Bearer","expires_in":{},"refresh_token":"RT{n}","refresh_token_expires_in":{},"status":"approved"}}"#,
            self.expires_in, self.refresh_expires_in
        );
        Box::pin(async move { Ok(http::Response::new(body.into_bytes())) })
    }
}

fn lifetime_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| format!("\"{n}\"")),
        any::<u64>().prop_map(|n| n.to_string()),
        prop::sample::select(vec![
            "\"18446744073709551615\"",
            "\"0\"",
            "0",
            "\"\"",
            "null",
            "\"14399\"",
            "1e14",
            "\"253402300799\"",
            "\"31536000000\"",
        ])
        .prop_map(str::to_string),
    ]
}

#[test]
fn any_lifetime_from_ups_is_handled_without_panic() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let env = Environment::parse("http://127.0.0.1:9").unwrap();
    run(
        "any_lifetime_through_the_service",
        config(200),
        (lifetime_text(), lifetime_text()),
        |(a, r)| {
            let dir = tempfile::tempdir().unwrap();
            let clock = Arc::new(FixedClock::new(whole_second_now()));
            let browser = Arc::new(RecordingBrowser::default());
            let svc = build(
                Arc::new(Lifetimes {
                    expires_in: a.clone(),
                    refresh_expires_in: r.clone(),
                    n: Mutex::new(0),
                }),
                browser.clone(),
                clock.clone(),
                Arc::new(MemoryStore::new()),
                dir.path().join("config"),
                TokenPolicy::default(),
            );
            rt.block_on(async {
                // Client credentials.
                let (status, _) = svc
                    .login_client_credentials(ClientCredentialsRequest {
                        environment: env.clone(),
                        label: "L".into(),
                        client_id: "CIDCC".into(),
                        client_secret: Secret::new("secret-value"),
                        accounts: vec!["A1B2C3".into()],
                    })
                    .await
                    .map_err(|e| TestCaseError::fail(format!("{a}/{r}: {e}")))?;
                let _ = serde_json::to_string(&status).unwrap();
                // Browser login, then a forced refresh.
                let started = svc
                    .begin_login(request_for(&env, DEEP_LINK))
                    .await
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let state = param(&started.info.authorize_url, "state").unwrap();
                let status = svc
                    .complete(&format!("{DEEP_LINK}?code=C&state={state}"))
                    .await
                    .into_result()
                    .map_err(|e| TestCaseError::fail(format!("{a}/{r}: {e}")))?;
                let _ = serde_json::to_string(&status).unwrap();
                let rec = svc.store().get(&status.id).unwrap();
                let cap = clock_now(&clock) + optin_core::ups::MAX_LIFETIME;
                for at in [rec.access_token_expires_at, rec.refresh_token_expires_at]
                    .into_iter()
                    .flatten()
                {
                    prop_assert!(at <= cap, "{} > {}", at, cap);
                }
                let status = svc
                    .refresh(&status.id)
                    .await
                    .map_err(|e| TestCaseError::fail(format!("{a}/{r}: {e}")))?;
                let _ = serde_json::to_string(&status).unwrap();
                clock.advance(time::Duration::days(365 * 20));
                let _ = svc.access_token(&status.id).await;
                let _ = svc
                    .statuses()
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let _ = optin_core::renewal::Renewer::new(
                    svc.clone(),
                    optin_core::renewal::RenewalPolicy::default(),
                )
                .pass()
                .await;
                Ok::<(), TestCaseError>(())
            })
        },
    );
}
