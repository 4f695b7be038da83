//! A fake browser for tests: walks the sandbox's authorize → sign-in → callback
//! redirects without following the last one, and returns the callback URL
//! (whatever its scheme) for the test to deliver.

use std::time::Duration;

use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};
use url::Url;

/// Why the fake browser could not get a callback URL.
#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    /// The request failed (connection refused or dropped, timeout, …).
    /// The URL, which may carry a code, is left out.
    #[error("HTTP request failed: {}", chain(.0))]
    Http(reqwest::Error),
    /// A URL could not be parsed.
    #[error("invalid URL: {0}")]
    Url(#[from] url::ParseError),
    /// A step got an answer a browser could not go on from.
    #[error("{step}: unexpected answer {status}: {body}")]
    Unexpected {
        /// `authorize`, `sign-in page` or `sign-in`.
        step: &'static str,
        /// HTTP status.
        status: u16,
        /// Start of the body (at most 500 characters).
        body: String,
    },
    /// The sign-in page came back with this error (wrong credentials).
    #[error("sign-in rejected: {0}")]
    SignInRejected(String),
}

/// An error and its sources, `: `-separated.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    std::iter::successors(Some(e), |e| e.source())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
}

impl From<reqwest::Error> for BrowserError {
    fn from(e: reqwest::Error) -> Self {
        Self::Http(e.without_url())
    }
}

/// A browser that signs in on the sandbox's page. Cheap to clone.
#[derive(Clone, Debug)]
pub struct FakeBrowser {
    http: Client,
}

impl Default for FakeBrowser {
    fn default() -> Self {
        Self::new()
    }
}

impl FakeBrowser {
    /// A browser that follows no redirects by itself, with a 30 s timeout.
    ///
    /// # Panics
    /// If the HTTP client cannot be built (its TLS backend fails to start).
    pub fn new() -> Self {
        let http = Client::builder()
            .redirect(Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("reqwest client with default TLS settings");
        Self { http }
    }

    /// Opens `authorize_url`, signs in as `username`, and returns the callback
    /// URL the sandbox redirects to (with `code` and `state`).
    pub async fn sign_in(
        &self,
        authorize_url: &str,
        username: &str,
        password: &str,
    ) -> Result<String, BrowserError> {
        let fields = [
            ("username", username),
            ("password", password),
            ("action", "sign_in"),
        ];
        self.submit(authorize_url, &fields).await
    }

    /// Opens `authorize_url`, presses "Decline", and returns the callback URL
    /// (with `error=access_denied`).
    pub async fn decline(&self, authorize_url: &str) -> Result<String, BrowserError> {
        self.submit(authorize_url, &[("action", "decline")]).await
    }

    async fn submit(
        &self,
        authorize_url: &str,
        fields: &[(&str, &str)],
    ) -> Result<String, BrowserError> {
        let authorize = Url::parse(authorize_url)?;
        let response = self.http.get(authorize.clone()).send().await?;
        let sign_in = authorize.join(&redirect(response, "authorize").await?)?;

        let response = self.http.get(sign_in.clone()).send().await?;
        let html = page(response, "sign-in page").await?;
        let attr = |before: &str| {
            html.split_once(before)
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(value, _)| value.replace("&amp;", "&"))
        };
        let missing = |what: &str| BrowserError::Unexpected {
            step: "sign-in page",
            status: 200,
            body: format!("no {what} in the page"),
        };
        let session = attr(r#"name="session" value=""#).ok_or_else(|| missing("session field"))?;
        let action = sign_in
            .join(&attr(r#"<form method="post" action=""#).ok_or_else(|| missing("form"))?)?;

        let mut form = vec![("session", session.as_str())];
        form.extend_from_slice(fields);
        let response = self.http.post(action).form(&form).send().await?;
        if response.status() == StatusCode::OK {
            let html = response.text().await?;
            let error = html
                .split_once(r#"role="alert">"#)
                .and_then(|(_, rest)| rest.split_once('<'))
                .map_or("the sign-in page was shown again", |(msg, _)| msg);
            return Err(BrowserError::SignInRejected(error.to_owned()));
        }
        redirect(response, "sign-in").await
    }
}

/// The `Location` of a 302/303, or an error describing the answer.
async fn redirect(response: Response, step: &'static str) -> Result<String, BrowserError> {
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match location {
        Some(location) if matches!(response.status().as_u16(), 302 | 303) => Ok(location),
        _ => Err(unexpected(response, step).await),
    }
}

/// The body of a 200 answer, or an error describing the answer.
async fn page(response: Response, step: &'static str) -> Result<String, BrowserError> {
    if response.status() == StatusCode::OK {
        Ok(response.text().await?)
    } else {
        Err(unexpected(response, step).await)
    }
}

async fn unexpected(response: Response, step: &'static str) -> BrowserError {
    let status = response.status().as_u16();
    let body = response.text().await.unwrap_or_default();
    BrowserError::Unexpected {
        step,
        status,
        body: body.chars().take(500).collect(),
    }
}
