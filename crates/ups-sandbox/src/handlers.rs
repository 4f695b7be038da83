//! HTTP: UPS's OAuth paths, the sign-in page, and the control endpoints.
//!
//! The control endpoints are listed in the crate docs.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Deserialize;
use serde_json::json;

use crate::faults::{self, Action, Fault};
use crate::locale;
use crate::requests::{Endpoint, LoggedRequest};
use crate::service::{AuthorizeParams, Basic, Pending, SignInError, TokenForm, UpsError};
use crate::{ConnKill, Shared};

type App = State<Arc<Shared>>;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let control = Router::new()
        .route("/health", get(|| async { Json(json!({"status": "ok"})) }))
        .route("/password-change", post(password_change))
        .route("/expire-access-tokens", post(expire_access_tokens))
        .route("/regenerate-secret", post(regenerate_secret))
        .route("/lifetimes", get(lifetimes).post(lifetimes))
        .route("/faults", get(faults).post(add_fault).delete(clear_faults))
        .route("/requests", get(requests).delete(clear_requests))
        .route("/whoami", get(whoami));
    Router::new()
        .route(crate::AUTHORIZE_PATH, get(authorize))
        .route(crate::SIGN_IN_PATH, get(sign_in_page).post(sign_in))
        .route(crate::TOKEN_PATH, post(token))
        .route(crate::REFRESH_PATH, post(refresh))
        .route(crate::VALIDATE_CLIENT_PATH, get(validate_client))
        .nest(crate::CONTROL_PREFIX, control)
        .layer(middleware::from_fn_with_state(shared.clone(), observe))
        .with_state(shared)
}

impl IntoResponse for UpsError {
    fn into_response(self) -> Response {
        let body = json!({"response": {"errors": [{"code": self.code, "message": self.message}]}});
        (self.status, Json(body)).into_response()
    }
}

fn found(location: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

/// Logs the request (presence of credentials only) and applies any fault.
async fn observe(State(app): App, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with(crate::CONTROL_PREFIX) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return UpsError::INVALID_REQUEST.into_response();
    };
    let endpoint = Endpoint::of_path(parts.uri.path());
    let field = |name: &str| {
        let from_body = url::form_urlencoded::parse(&bytes);
        let from_query = url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes());
        from_body
            .chain(from_query)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let basic = basic_auth(&parts.headers);
    let kind = app.faults().take(endpoint);
    let mut entry = LoggedRequest {
        unix_ms: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        endpoint,
        basic_auth: basic.is_some(),
        basic_client_id: basic.and_then(Result::ok).map(|b| b.client_id),
        client_id: field("client_id"),
        code_verifier: field("code_verifier").is_some(),
        grant_type: field("grant_type"),
        merchant_id: header_str(&parts.headers, "x-merchant-id").map(str::to_owned),
        redirect_uri: field("redirect_uri"),
        fault: kind.as_ref().map(|k| k.name().to_owned()),
        status: None,
    };
    let action = kind.map(|k| k.action(parts.uri.path()));
    let kill = parts.extensions.get::<ConnKill>().cloned();
    let req = Request::from_parts(parts, Body::from(bytes));
    let response = match action {
        None => next.run(req).await,
        Some(Action::Proceed { delay, trickle }) => {
            tokio::time::sleep(delay).await;
            let response = next.run(req).await;
            match trickle {
                Some((every, chunk)) => faults::trickle(response, every, chunk).await,
                None => response,
            }
        }
        Some(Action::Respond(response)) => response,
        Some(Action::Rewrite(edit)) => faults::rewrite(next.run(req).await, edit).await,
        Some(Action::Drop) => {
            app.log().push(entry);
            if let Some(ConnKill(kill)) = kill {
                kill.notify_one();
            }
            return std::future::pending().await;
        }
    };
    entry.status = Some(response.status().as_u16());
    app.log().push(entry);
    response
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `None` without an Authorization header; `Some(Err)` for one that is not
/// well-formed Basic. User and password are form-urlencoded (RFC 6749 §2.3.1).
fn basic_auth(headers: &HeaderMap) -> Option<Result<Basic, UpsError>> {
    let value = header_str(headers, header::AUTHORIZATION.as_str());
    let parse = |value: &str| {
        let (scheme, encoded) = value.trim().split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
        let (id, secret) = decoded.split_once(':')?;
        Some(Basic {
            client_id: form_decode(id),
            secret: form_decode(secret),
        })
    };
    if !headers.contains_key(header::AUTHORIZATION) {
        return None;
    }
    Some(value.and_then(parse).ok_or(UpsError::MISSING_AUTH))
}

fn form_decode(s: &str) -> String {
    let escaped = format!("={}", s.replace('&', "%26"));
    url::form_urlencoded::parse(escaped.as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// UPS.com's `loc` parameter (`fr_CA`…): the sign-in page's language.
#[derive(Deserialize, Default)]
struct LocQuery {
    loc: Option<String>,
}

fn accept_language(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
}

async fn authorize(
    State(app): App,
    headers: HeaderMap,
    Query(params): Query<AuthorizeParams>,
    Query(loc): Query<LocQuery>,
) -> Response {
    let result = app.service().authorize(params);
    let words = locale::words(loc.loc.as_deref(), accept_language(&headers));
    match result {
        Ok(session) => found(&format!(
            "{}?session={session}&loc={}",
            crate::SIGN_IN_PATH,
            words.loc
        )),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
struct SessionQuery {
    session: Option<String>,
    loc: Option<String>,
}

async fn sign_in_page(
    State(app): App,
    headers: HeaderMap,
    Query(q): Query<SessionQuery>,
) -> Response {
    let words = locale::words(q.loc.as_deref(), accept_language(&headers));
    let session = q.session.unwrap_or_default();
    let pending = app.service().pending(&session).cloned();
    match pending {
        Some(p) => Html(page(words, &session, &p, "", None)).into_response(),
        None => unknown_session(words),
    }
}

#[derive(Deserialize, Default)]
struct SignInForm {
    session: Option<String>,
    username: Option<String>,
    password: Option<String>,
    action: Option<String>,
    loc: Option<String>,
}

async fn sign_in(
    State(app): App,
    headers: HeaderMap,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Response {
    let Form(form) = form.unwrap_or_default();
    let words = locale::words(form.loc.as_deref(), accept_language(&headers));
    let session = form.session.unwrap_or_default();
    let username = form.username.unwrap_or_default();
    let mut service = app.service();
    let result = if form.action.as_deref() == Some("decline") {
        service.decline(&session)
    } else {
        service.sign_in(&session, &username, &form.password.unwrap_or_default())
    };
    match result {
        Ok(callback) => found(&callback),
        Err(SignInError::WrongCredentials) => match service.pending(&session) {
            Some(p) => Html(page(words, &session, p, &username, Some(words.wrong))).into_response(),
            None => unknown_session(words),
        },
        Err(SignInError::UnknownSession) => unknown_session(words),
    }
}

fn unknown_session(w: &locale::Words) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
        <title>{}</title></head><body><p><strong>{}</strong></p>\
        <p role=\"alert\">{}</p></body></html>",
        w.lang, w.banner, w.banner, w.expired
    );
    (StatusCode::BAD_REQUEST, Html(body)).into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The sign-in page: small, accessible, no scripts, no external resources.
fn page(
    w: &locale::Words,
    session: &str,
    pending: &Pending,
    username: &str,
    error: Option<&str>,
) -> String {
    let client = escape(&pending.client_id);
    let error = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)))
        .unwrap_or_default();
    format!(
        r#"<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem}}
.banner{{background:#ffc400;color:#000;padding:.5rem;font-weight:bold;text-align:center}}
.error{{color:#a00000;font-weight:bold}}label{{display:block;margin-top:.8rem}}
input{{width:100%;padding:.4rem;box-sizing:border-box}}button{{margin:1rem .5rem 0 0;padding:.4rem 1rem}}</style>
</head><body>
<p class="banner" role="note">{banner}</p>
<main>
<h1>{heading}</h1>
<p>{asks0}<strong>{client}</strong>{asks1}</p>
{error}
<form method="post" action="{action}">
<input type="hidden" name="session" value="{session}">
<input type="hidden" name="loc" value="{loc}">
<label for="username">{username_label}</label>
<input id="username" name="username" autocomplete="username" value="{username}">
<label for="password">{password_label}</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit" name="action" value="sign_in">{sign_in}</button>
<button type="submit" name="action" value="decline">{decline}</button>
</form>
</main></body></html>
"#,
        action = crate::SIGN_IN_PATH,
        session = escape(session),
        username = escape(username),
        lang = w.lang,
        title = w.title,
        banner = w.banner,
        heading = w.heading,
        asks0 = escape(w.asks.0),
        asks1 = escape(w.asks.1),
        loc = w.loc,
        username_label = escape(w.username),
        password_label = escape(w.password),
        sign_in = w.sign_in,
        decline = w.decline,
    )
}

/// Extracts what `/token` and `/refresh` both need.
fn credentials(
    headers: &HeaderMap,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Result<(Option<Basic>, TokenForm), UpsError> {
    let basic = basic_auth(headers).transpose()?;
    let Form(form) = form.map_err(|_| UpsError::INVALID_REQUEST)?;
    Ok((basic, form))
}

async fn token(
    State(app): App,
    headers: HeaderMap,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let merchant = header_str(&headers, "x-merchant-id");
    let result = credentials(&headers, form)
        .and_then(|(basic, form)| app.service().token(basic.as_ref(), merchant, &form));
    result.map(Json).into_response()
}

async fn refresh(
    State(app): App,
    headers: HeaderMap,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let result = credentials(&headers, form)
        .and_then(|(basic, form)| app.service().refresh(basic.as_ref(), &form));
    result.map(Json).into_response()
}

#[derive(Deserialize)]
struct ValidateClientQuery {
    client_id: Option<String>,
    redirect_uri: Option<String>,
}

async fn validate_client(State(app): App, Query(q): Query<ValidateClientQuery>) -> Response {
    let result = app
        .service()
        .validate_client(q.client_id.as_deref(), q.redirect_uri.as_deref());
    match result {
        Ok(()) => Json(json!({
            "result": "success",
            "type": "ups_com_api",
            "LassoRedirectURL": "https://www.ups.com/lasso/signin",
        }))
        .into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
struct RegenerateSecret {
    client_id: String,
    new_secret: String,
}

async fn regenerate_secret(State(app): App, Json(req): Json<RegenerateSecret>) -> Response {
    let changed = app
        .service()
        .regenerate_secret(&req.client_id, &req.new_secret);
    let status = if changed {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    (status, Json(json!({"changed": changed}))).into_response()
}

#[derive(Deserialize)]
struct PasswordChange {
    username: String,
    new_password: Option<String>,
}

async fn password_change(State(app): App, Json(req): Json<PasswordChange>) -> Response {
    let changed = app
        .service()
        .change_password(&req.username, req.new_password.as_deref());
    let status = if changed {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    (status, Json(json!({"changed": changed}))).into_response()
}

async fn expire_access_tokens(State(app): App) -> StatusCode {
    app.service().expire_access_tokens();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize, Default)]
struct LifetimesUpdate {
    access_expires_in: Option<u64>,
    refresh_expires_in: Option<u64>,
    code_ttl: Option<u64>,
}

async fn lifetimes(State(app): App, update: Option<Json<LifetimesUpdate>>) -> Response {
    let mut service = app.service();
    let mut lifetimes = service.lifetimes();
    if let Some(Json(u)) = update {
        lifetimes.access_expires_in = u.access_expires_in.unwrap_or(lifetimes.access_expires_in);
        lifetimes.refresh_expires_in = u.refresh_expires_in.unwrap_or(lifetimes.refresh_expires_in);
        lifetimes.code_ttl = u.code_ttl.unwrap_or(lifetimes.code_ttl);
        service.set_lifetimes(lifetimes);
    }
    Json(lifetimes).into_response()
}

async fn faults(State(app): App) -> Json<Vec<Fault>> {
    Json(app.faults().active())
}

async fn add_fault(State(app): App, Json(fault): Json<Fault>) -> StatusCode {
    app.faults().push(fault);
    StatusCode::NO_CONTENT
}

async fn clear_faults(State(app): App) -> StatusCode {
    app.faults().clear();
    StatusCode::NO_CONTENT
}

async fn requests(State(app): App) -> Json<Vec<LoggedRequest>> {
    Json(app.log().clone())
}

async fn clear_requests(State(app): App) -> StatusCode {
    app.log().clear();
    StatusCode::NO_CONTENT
}

async fn whoami(State(app): App, headers: HeaderMap) -> Response {
    let token = header_str(&headers, header::AUTHORIZATION.as_str())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    let who = token.and_then(|t| app.service().whoami(t));
    match who {
        Some(who) => Json(who).into_response(),
        None => UpsError::INVALID_ACCESS.into_response(),
    }
}
