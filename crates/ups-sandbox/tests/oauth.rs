//! The OAuth flows over real HTTP on loopback.

mod common;

use common::*;
use serde_json::Value;
use ups_sandbox::{
    pkce_challenge, BrowserError, ClientConfig, Endpoint, Lifetimes, SandboxConfig, DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER, REFRESH_PATH, TOKEN_PATH,
};

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

#[tokio::test]
async fn basic_code_flow_has_ups_shape() {
    let env = start().await;
    let callback = env
        .browser
        .sign_in(
            &env.authorize_url(REDIRECT, Some("s t&x=y"), None),
            DEMO_USER,
            DEMO_PASSWORD,
        )
        .await
        .unwrap();
    assert!(
        callback.starts_with("http://127.0.0.1:8765/callback?code="),
        "{callback}"
    );
    assert_eq!(param(&callback, "state").as_deref(), Some("s t&x=y"));
    let (status, body) = env.exchange(&param(&callback, "code").unwrap()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        keys(&body),
        [
            "access_token",
            "client_id",
            "expires_in",
            "issued_at",
            "refresh_count",
            "refresh_token",
            "refresh_token_expires_in",
            "refresh_token_issued_at",
            "refresh_token_status",
            "scope",
            "status",
            "token_type"
        ]
    );
    assert!(
        body.as_object().unwrap().values().all(Value::is_string),
        "numbers are strings: {body}"
    );
    assert_eq!(s(&body["token_type"]), "Bearer");
    assert_eq!(s(&body["status"]), "approved");
    assert_eq!(s(&body["refresh_token_status"]), "approved");
    assert_eq!(s(&body["client_id"]), DEMO_CLIENT_ID);
    assert_eq!(s(&body["expires_in"]), "14399");
    assert_eq!(s(&body["refresh_token_expires_in"]), "5183999");
    assert_eq!(s(&body["refresh_count"]), "0");
    assert_eq!(s(&body["scope"]), "read");
    assert_eq!(s(&body["issued_at"]).len(), 13);
    assert!(s(&body["issued_at"]).parse::<u64>().is_ok());
    assert_eq!(s(&body["issued_at"]), s(&body["refresh_token_issued_at"]));
    assert_eq!(s(&body["access_token"]).len(), 1200);
    assert_eq!(s(&body["access_token"]).split('.').count(), 3);
}

#[tokio::test]
async fn pkce_body_mode_checks_the_verifier() {
    let env = start().await;
    let challenge = pkce_challenge(VERIFIER);
    let pkce = |code: &str, verifier: Option<&'static str>| {
        let mut form = vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code.to_owned()),
            ("redirect_uri", REDIRECT.to_owned()),
            ("client_id", DEMO_CLIENT_ID.to_owned()),
        ];
        form.extend(verifier.map(|v| ("code_verifier", v.to_owned())));
        form
    };
    let post = |form: Vec<(&'static str, String)>, auth: Option<String>| {
        let env = &env;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            env.post(TOKEN_PATH, auth.as_deref(), &form).await
        }
    };

    let code = env.code(Some(&challenge)).await;
    let (status, body) = post(pkce(&code, Some(VERIFIER)), None).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["refresh_token"].is_string());

    let code = env.code(Some(&challenge)).await;
    let (status, body) = post(
        pkce(&code, Some("not-the-verifier-not-the-verifier-0123456789")),
        None,
    )
    .await;
    assert_eq!(
        (status, ups_error(&body).1.as_str()),
        (400, "Invalid code_verifier")
    );

    // A challenge was sent: even with Basic, the verifier is required.
    let code = env.code(Some(&challenge)).await;
    let (status, body) = post(pkce(&code, None), Some(demo_basic())).await;
    assert_eq!(
        (status, ups_error(&body).1.as_str()),
        (400, "Missing code_verifier")
    );

    // No Basic and no verifier: the header is missing.
    let code = env.code(Some(&challenge)).await;
    let (status, body) = post(pkce(&code, None), None).await;
    assert_eq!(status, 401);
    assert_eq!(
        ups_error(&body),
        (
            "10400".into(),
            "Invalid/Missing Authorization Header".into()
        )
    );

    // No challenge at authorize: body mode is not enough, Basic is required.
    let code = env.code(None).await;
    let (status, _) = post(pkce(&code, Some(VERIFIER)), None).await;
    assert_eq!(status, 401);

    // Basic and verifier together are fine.
    let code = env.code(Some(&challenge)).await;
    let (status, _) = post(pkce(&code, Some(VERIFIER)), Some(demo_basic())).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn authorize_refuses_unregistered_redirects_without_redirecting() {
    let env = start().await;
    for bad in [
        "http://127.0.0.1:8765/callback/",
        "http://127.0.0.1:8765/callback?x=1",
        "http://localhost:8765/callback",
        "upsoptin://oauth/callback2",
        "https://evil.invalid/cb",
    ] {
        let resp = env
            .http
            .get(env.authorize_url(bad, Some("s"), None))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 400, "{bad}");
        assert!(resp.headers().get("location").is_none());
        assert_eq!(resp.headers()["content-type"], "application/json");
        let body: Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
        assert_eq!(
            ups_error(&body),
            ("10400".into(), "Invalid redirect_uri".into())
        );
    }
    let unknown = env
        .authorize_url(REDIRECT, None, None)
        .replace(DEMO_CLIENT_ID, "someone-else");
    let resp = env.http.get(unknown).send().await.unwrap();
    assert_eq!(resp.status(), 401);
    assert!(resp.headers().get("location").is_none());
    let wrong_method = env
        .authorize_url(REDIRECT, None, Some("x"))
        .replace("S256", "plain");
    assert_eq!(
        env.http.get(wrong_method).send().await.unwrap().status(),
        400
    );
    let err = env
        .browser
        .sign_in(
            &env.authorize_url("https://evil.invalid/cb", None, None),
            DEMO_USER,
            DEMO_PASSWORD,
        )
        .await;
    assert!(
        matches!(err, Err(BrowserError::Unexpected { status: 400, .. })),
        "{err:?}"
    );
}

#[tokio::test]
async fn token_requires_the_same_redirect_uri() {
    let env = start().await;
    let code = env.code(None).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", APP_REDIRECT),
    ];
    let (status, body) = env.post(TOKEN_PATH, Some(&demo_basic()), &form).await;
    assert_eq!(
        (status, ups_error(&body).1.as_str()),
        (400, "Invalid redirect_uri")
    );
}

#[tokio::test]
async fn decline_and_custom_scheme_callbacks() {
    let env = start().await;
    let callback = env
        .browser
        .decline(&env.authorize_url(APP_REDIRECT, Some("xyz"), None))
        .await
        .unwrap();
    assert!(
        callback.starts_with("upsoptin://oauth/callback?error=access_denied&error_description="),
        "{callback}"
    );
    assert_eq!(param(&callback, "state").as_deref(), Some("xyz"));
    assert_eq!(param(&callback, "code"), None);

    // Without state, none is added.
    let callback = env
        .browser
        .sign_in(
            &env.authorize_url(APP_REDIRECT, None, None),
            DEMO_USER,
            DEMO_PASSWORD,
        )
        .await
        .unwrap();
    assert!(callback.starts_with("upsoptin://oauth/callback?code="));
    assert_eq!(param(&callback, "state"), None);
}

#[tokio::test]
async fn callback_keeps_the_redirect_uris_query() {
    let redirect = "http://127.0.0.1:9/cb?tenant=a%20b&x=1";
    let client = ClientConfig::new("c2", "s2").with_redirect_uri(redirect);
    let env = start_with(SandboxConfig::default().with_client(client)).await;
    let url = env
        .authorize_url(redirect, Some("st"), None)
        .replace(DEMO_CLIENT_ID, "c2");
    let callback = env
        .browser
        .sign_in(&url, DEMO_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    assert!(
        callback.starts_with("http://127.0.0.1:9/cb?tenant=a%20b&x=1&code="),
        "{callback}"
    );
    assert!(callback.ends_with("&state=st"));
}

#[tokio::test]
async fn wrong_password_shows_the_page_again() {
    let env = start().await;
    let err = env
        .browser
        .sign_in(&env.authorize_url(REDIRECT, None, None), DEMO_USER, "nope")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, BrowserError::SignInRejected(m) if m.contains("incorrect")),
        "{err}"
    );

    // The page itself: labelled, no scripts, no external resources.
    let resp = env
        .http
        .get(env.authorize_url(REDIRECT, None, None))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/security/v1/oauth/login?session="));
    let html = env
        .http
        .get(env.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for needle in [
        "UPS SANDBOX — not the real UPS.com",
        r#"<label for="username">"#,
        r#"type="password""#,
        ">Sign in</button>",
        ">Decline</button>",
        r#"type="hidden" name="session""#,
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    for forbidden in ["<script", "src=", "http://", "https://"] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
}

/// The demo in each language: the sign-in page honours UPS.com's `loc`
/// (and, without it, the browser's `Accept-Language`).
#[tokio::test]
async fn the_sign_in_page_speaks_loc_and_the_browser_language() {
    let env = start().await;
    for (loc, accept, lang, button) in [
        (Some("fr_CA"), None, "fr-CA", ">Ouvrir une session</button>"),
        (
            Some("es_MX"),
            Some("de-DE"),
            "es-MX",
            ">Iniciar sesión</button>",
        ),
        (Some("de_DE"), None, "de-DE", ">Anmelden</button>"),
        (
            None,
            Some("fr-CA,fr;q=0.9"),
            "fr-CA",
            ">Ouvrir une session</button>",
        ),
        (None, None, "en-US", ">Sign in</button>"),
    ] {
        let mut url = url::Url::parse(&env.authorize_url(REDIRECT, None, None)).unwrap();
        if let Some(loc) = loc {
            url.query_pairs_mut().append_pair("loc", loc);
        }
        let mut req = env.http.get(url.as_str());
        if let Some(a) = accept {
            req = req.header("accept-language", a);
        }
        let resp = req.send().await.unwrap();
        assert_eq!(resp.status(), 302);
        let location = resp.headers()["location"].to_str().unwrap().to_owned();
        let html = env
            .http
            .get(env.url(&location))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(&format!(r#"<html lang="{lang}">"#)),
            "{loc:?}: {html}"
        );
        assert!(html.contains(button), "{loc:?}: {html}");
    }
}

#[tokio::test]
async fn codes_are_single_use_and_short_lived() {
    let env = start().await;
    let code = env.code(None).await;
    assert_eq!(env.exchange(&code).await.0, 200);
    let (status, body) = env.exchange(&code).await;
    assert_eq!(
        (status, ups_error(&body).1.as_str()),
        (400, "Invalid Authorization Code")
    );

    env.sandbox.set_lifetimes(Lifetimes {
        code_ttl: 0,
        ..Lifetimes::default()
    });
    let code = env.code(None).await;
    assert_eq!(env.exchange(&code).await.0, 400);
}

#[tokio::test]
async fn refresh_rotates_and_old_tokens_die() {
    let env = start().await;
    let first = env.tokens().await;
    let old = s(&first["refresh_token"]);
    let (status, second) = env.refresh(old).await;
    assert_eq!(status, 200, "{second}");
    assert_ne!(s(&second["refresh_token"]), old);
    assert_ne!(s(&second["access_token"]), s(&first["access_token"]));
    assert_eq!(s(&second["refresh_count"]), "1");
    assert!(second.as_object().unwrap().values().all(Value::is_string));
    assert_eq!(second.as_object().unwrap().len(), 12);

    let (status, body) = env.refresh(old).await;
    assert_eq!(status, 401);
    assert_eq!(
        ups_error(&body),
        ("10400".into(), "Invalid Refresh Token".into())
    );
    let (status, third) = env.refresh(s(&second["refresh_token"])).await;
    assert_eq!((status, s(&third["refresh_count"])), (200, "2"));
    assert_eq!(env.refresh("never-issued").await.0, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_refreshes_exactly_one_wins() {
    let env = start().await;
    for _ in 0..5 {
        let tokens = env.tokens().await;
        let rt = s(&tokens["refresh_token"]);
        let (a, b) = tokio::join!(env.refresh(rt), env.refresh(rt));
        let mut statuses = [a.0, b.0];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 401]);
    }
}

#[tokio::test]
async fn refresh_requires_basic_and_a_failed_auth_spends_nothing() {
    let env = start().await;
    let tokens = env.tokens().await;
    let rt = s(&tokens["refresh_token"]);
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", rt),
        ("client_id", DEMO_CLIENT_ID),
    ];
    let (status, body) = env.post(REFRESH_PATH, None, &form).await;
    assert_eq!(status, 401);
    assert_eq!(ups_error(&body).0, "10400");
    let (status, body) = env
        .post(REFRESH_PATH, Some(&basic(DEMO_CLIENT_ID, "wrong")), &form)
        .await;
    assert_eq!(status, 401);
    assert_eq!(
        ups_error(&body),
        ("10401".into(), "ClientId is Invalid".into())
    );
    let (status, body) = env.post(REFRESH_PATH, Some("Bearer abc"), &form).await;
    assert_eq!((status, ups_error(&body).0.as_str()), (401, "10400"));
    let bad_grant = [("grant_type", "authorization_code"), ("refresh_token", rt)];
    assert_eq!(
        env.post(REFRESH_PATH, Some(&demo_basic()), &bad_grant)
            .await
            .0,
        400
    );
    assert_eq!(env.refresh(rt).await.0, 200);
}

#[tokio::test]
async fn password_change_kills_refresh_tokens_and_codes() {
    let env = start().await;
    let tokens = env.tokens().await;
    let unspent = env.code(None).await;
    assert!(env.sandbox.change_password(DEMO_USER, Some("new-pass")));
    assert!(!env.sandbox.change_password("nobody", None));
    assert_eq!(env.refresh(s(&tokens["refresh_token"])).await.0, 401);
    assert_eq!(env.exchange(&unspent).await.0, 400);

    let url = env.authorize_url(REDIRECT, None, None);
    assert!(env
        .browser
        .sign_in(&url, DEMO_USER, DEMO_PASSWORD)
        .await
        .is_err());
    let callback = env
        .browser
        .sign_in(&url, DEMO_USER, "new-pass")
        .await
        .unwrap();
    let (status, fresh) = env.exchange(&param(&callback, "code").unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(env.refresh(s(&fresh["refresh_token"])).await.0, 200);
}

#[tokio::test]
async fn client_credentials_and_merchant_ids() {
    let env = start().await;
    let cc = [("grant_type", "client_credentials")];
    let post = |merchant: Option<&'static str>, auth: Option<String>| {
        let env = &env;
        async move {
            let mut req = env.http.post(env.url(TOKEN_PATH)).form(&cc);
            if let Some(m) = merchant {
                req = req.header("x-merchant-id", m);
            }
            if let Some(a) = auth {
                req = req.header("authorization", a);
            }
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            (
                status,
                serde_json::from_str::<Value>(&resp.text().await.unwrap()).unwrap(),
            )
        }
    };
    let (status, body) = post(None, Some(demo_basic())).await;
    assert_eq!(status, 200);
    assert_eq!(
        keys(&body),
        [
            "access_token",
            "client_id",
            "expires_in",
            "issued_at",
            "refresh_count",
            "scope",
            "status",
            "token_type"
        ]
    );
    assert!(body.as_object().unwrap().values().all(Value::is_string));
    assert_eq!(post(Some("A1B2C3"), Some(demo_basic())).await.0, 200);
    assert_eq!(post(Some("X9Y8Z7"), Some(demo_basic())).await.0, 200);
    let (status, body) = post(Some("ZZZZZZ"), Some(demo_basic())).await;
    assert_eq!(status, 403);
    assert!(ups_error(&body).1.contains("not associated"));
    assert_eq!(post(None, None).await.0, 401);
    assert_eq!(post(None, Some(basic(DEMO_CLIENT_ID, "nope"))).await.0, 401);
    let (status, body) = env
        .post(
            TOKEN_PATH,
            Some(&demo_basic()),
            &[("grant_type", "password")],
        )
        .await;
    assert_eq!(
        (status, ups_error(&body).1.as_str()),
        (400, "Invalid grant_type")
    );
}

#[tokio::test]
async fn basic_credentials_are_form_urldecoded() {
    let client = ClientConfig::new("id:with space", "s%cr&t+=");
    let env = start_with(SandboxConfig::empty().with_client(client)).await;
    let encoded = basic("id%3Awith+space", "s%25cr%26t%2B%3D");
    let (status, body) = env
        .post(
            TOKEN_PATH,
            Some(&encoded),
            &[("grant_type", "client_credentials")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(s(&body["client_id"]), "id:with space");
}

#[tokio::test]
async fn expired_access_tokens_are_refused_until_refreshed() {
    let env = start_with(SandboxConfig::default().with_access_token_len(1600)).await;
    let tokens = env.tokens().await;
    assert_eq!(s(&tokens["access_token"]).len(), 1600);
    let whoami = |token: String| {
        let env = &env;
        async move {
            let resp = env
                .http
                .get(env.url("/__sandbox/whoami"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            (
                resp.status().as_u16(),
                serde_json::from_str::<Value>(&resp.text().await.unwrap()).unwrap(),
            )
        }
    };
    let (status, who) = whoami(s(&tokens["access_token"]).to_owned()).await;
    assert_eq!(status, 200);
    assert_eq!(who["username"], DEMO_USER);
    assert_eq!(who["accounts"], serde_json::json!(["A1B2C3", "X9Y8Z7"]));
    env.sandbox.expire_access_tokens();
    let (status, body) = whoami(s(&tokens["access_token"]).to_owned()).await;
    assert_eq!((status, ups_error(&body).0.as_str()), (401, "250002"));
    let (_, fresh) = env.refresh(s(&tokens["refresh_token"])).await;
    assert_eq!(whoami(s(&fresh["access_token"]).to_owned()).await.0, 200);

    env.sandbox.set_lifetimes(Lifetimes {
        access_expires_in: 1,
        refresh_expires_in: 2,
        code_ttl: 300,
    });
    let tokens = env.tokens().await;
    assert_eq!(
        (
            s(&tokens["expires_in"]),
            s(&tokens["refresh_token_expires_in"])
        ),
        ("1", "2")
    );
}

#[tokio::test]
async fn request_log_records_presence_not_values() {
    let env = start().await;
    let challenge = pkce_challenge(VERIFIER);
    let code = env.code(Some(&challenge)).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", DEMO_CLIENT_ID),
        ("code_verifier", VERIFIER),
    ];
    let (_, tokens) = env.post(TOKEN_PATH, None, &form).await;
    let (_, refreshed) = env.refresh(s(&tokens["refresh_token"])).await;
    let resp = env
        .http
        .post(env.url(TOKEN_PATH))
        .header("authorization", demo_basic())
        .header("x-merchant-id", "A1B2C3")
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    let log = env.sandbox.requests();
    let endpoints: Vec<Endpoint> = log.iter().map(|r| r.endpoint).collect();
    assert_eq!(
        endpoints,
        [
            Endpoint::Authorize,
            Endpoint::SignIn,
            Endpoint::SignIn,
            Endpoint::Token,
            Endpoint::Refresh,
            Endpoint::Token
        ]
    );
    let [authorize, _, sign_in, pkce, refresh, cc] = &log[..] else {
        panic!("{log:?}")
    };
    assert_eq!(
        (authorize.client_id.as_deref(), authorize.status),
        (Some(DEMO_CLIENT_ID), Some(302))
    );
    assert_eq!(
        (sign_in.method.as_str(), sign_in.path.as_str()),
        ("POST", "/security/v1/oauth/login")
    );
    assert!(pkce.code_verifier && !pkce.basic_auth && pkce.basic_client_id.is_none());
    assert_eq!(pkce.grant_type.as_deref(), Some("authorization_code"));
    assert!(refresh.basic_auth && !refresh.code_verifier);
    assert_eq!(refresh.basic_client_id.as_deref(), Some(DEMO_CLIENT_ID));
    assert_eq!(refresh.grant_type.as_deref(), Some("refresh_token"));
    assert_eq!(
        (cc.merchant_id.as_deref(), cc.status, cc.fault.as_deref()),
        (Some("A1B2C3"), Some(200), None)
    );
    assert!(log.iter().all(|r| r.unix_ms > 1_700_000_000_000));

    let dump = format!("{log:?}{}", serde_json::to_string(&log).unwrap());
    let http_dump = env
        .http
        .get(env.url("/__sandbox/requests"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for secret in [
        DEMO_CLIENT_SECRET,
        VERIFIER,
        &code,
        &challenge,
        s(&tokens["access_token"]),
        s(&tokens["refresh_token"]),
        s(&refreshed["refresh_token"]),
        "password",
    ] {
        assert!(!dump.contains(secret), "{secret} leaked");
        assert!(!http_dump.contains(secret), "{secret} leaked over HTTP");
    }
    assert!(!http_dump.contains(&format!("\"{DEMO_PASSWORD}\"")));
    env.sandbox.clear_requests();
    assert!(env.sandbox.requests().is_empty());
}
