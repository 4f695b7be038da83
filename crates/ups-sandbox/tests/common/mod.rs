//! Helpers shared by the integration tests: real HTTP over loopback.
#![allow(dead_code)]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::Value;
use ups_sandbox::{
    FakeBrowser, Sandbox, SandboxConfig, SandboxHandle, AUTHORIZE_PATH, DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER, REFRESH_PATH, TOKEN_PATH,
};
use url::Url;

pub const REDIRECT: &str = "http://127.0.0.1:8765/callback";
pub const APP_REDIRECT: &str = "upsoptin://oauth/callback";
pub const VERIFIER: &str = "a-verifier-that-is-long-enough-for-pkce-0123456789_abcdefghijkl";

pub struct Env {
    pub sandbox: SandboxHandle,
    pub http: reqwest::Client,
    pub browser: FakeBrowser,
}

pub async fn start() -> Env {
    start_with(SandboxConfig::default()).await
}

pub async fn start_with(config: SandboxConfig) -> Env {
    Env {
        sandbox: Sandbox::start(config).await.expect("sandbox starts"),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        browser: FakeBrowser::new(),
    }
}

pub fn basic(id: &str, secret: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{id}:{secret}")))
}

pub fn demo_basic() -> String {
    basic(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
}

/// The value of query parameter `name` in `url`.
pub fn param(url: &str, name: &str) -> Option<String> {
    Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

impl Env {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    pub fn authorize_url(
        &self,
        redirect: &str,
        state: Option<&str>,
        challenge: Option<&str>,
    ) -> String {
        let mut url = Url::parse(&self.url(AUTHORIZE_PATH)).expect("url");
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("client_id", DEMO_CLIENT_ID)
                .append_pair("redirect_uri", redirect)
                .append_pair("response_type", "code")
                .append_pair("scope", "read");
            if let Some(s) = state {
                q.append_pair("state", s);
            }
            if let Some(c) = challenge {
                q.append_pair("code_challenge", c)
                    .append_pair("code_challenge_method", "S256");
            }
        }
        url.into()
    }

    /// Signs in as the demo user and returns the code from the callback.
    pub async fn code(&self, challenge: Option<&str>) -> String {
        let callback = self
            .browser
            .sign_in(
                &self.authorize_url(REDIRECT, Some("st"), challenge),
                DEMO_USER,
                DEMO_PASSWORD,
            )
            .await
            .expect("sign in");
        param(&callback, "code").expect("code in callback")
    }

    /// POSTs a form to `path` with an optional Authorization header; returns
    /// status and parsed body (`Value::Null` if not JSON).
    pub async fn post(
        &self,
        path: &str,
        auth: Option<&str>,
        form: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut req = self.http.post(self.url(path)).form(form);
        if let Some(auth) = auth {
            req = req.header("authorization", auth);
        }
        let resp = req.send().await.expect("response");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn exchange(&self, code: &str) -> (u16, Value) {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
        ];
        self.post(TOKEN_PATH, Some(&demo_basic()), &form).await
    }

    pub async fn refresh(&self, refresh_token: &str) -> (u16, Value) {
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ];
        self.post(REFRESH_PATH, Some(&demo_basic()), &form).await
    }

    /// A fresh token pair for the demo user (Basic flow).
    pub async fn tokens(&self) -> Value {
        let code = self.code(None).await;
        let (status, body) = self.exchange(&code).await;
        assert_eq!(status, 200, "{body}");
        body
    }
}

/// `(code, message)` of a UPS error body.
pub fn ups_error(body: &Value) -> (String, String) {
    let e = &body["response"]["errors"][0];
    (
        e["code"].as_str().expect("code").to_owned(),
        e["message"].as_str().expect("message").to_owned(),
    )
}

pub fn s(v: &Value) -> &str {
    v.as_str().expect("string")
}
