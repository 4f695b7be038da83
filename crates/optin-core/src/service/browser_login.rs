//! Opt in with UPS.com: the authorization-code flow with PKCE S256 and a
//! single-use state (RFC 6749 §4.1, RFC 7636, RFC 8252 for the native-app
//! routes). The browser opens on UPS's authorize page; the answer comes back
//! through a deep link, the loopback listener, the https bounce page, or an
//! address the admin pastes, and [`OptIn::complete`] exchanges it.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::broadcast;
use tokio::task::AbortHandle;
use url::Url;

use super::{CoreEvent, OptIn, Started};
use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::input;
use crate::login::callback::Callback;
use crate::login::loopback::{Delivery, LoopbackListener};
use crate::login::{
    LoginPlan, Pending, PendingInfo, Receiver, RedirectUri, Refusal, RouteKind, LOGIN_TTL,
};
use crate::secret::Secret;
use crate::status::ConnectionStatus;
use crate::store::{AccountRecord, ConnectionRecord, Method, OptedInWith};
use crate::ups::{authorize_request, ClientCheck, ClientCredentials, TokenAuth};

/// A browser opt-in request as the admin typed it (validated by [`OptIn::begin_login`]).
#[derive(Debug, Clone)]
pub struct BrowserRequest {
    pub environment: Environment,
    pub label: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub redirect_uri: String,
    /// How the sign-in answer comes back: chosen by the caller (the wizard's
    /// route picker, the CLI's rule), never guessed here.
    pub route: RouteKind,
    /// For the bounce route: the custom-scheme URI the bounce page forwards to.
    pub forward_uri: Option<String>,
    pub token_auth: TokenAuth,
    pub accounts: Vec<String>,
    pub scope: Option<String>,
}

/// What became of one sign-in answer handed to [`OptIn::complete`]: the one
/// channel every capture route (deep link, loopback, bounce, paste) reads.
#[derive(Debug, Clone)]
pub enum Completion {
    /// The code was exchanged and the connection is saved.
    Connected(Box<ConnectionStatus>),
    /// The answer was refused (malformed, sent elsewhere, unknown or repeated
    /// state). Nothing changed and the login still waits; the error says why.
    Refused(Error),
    /// The login is over with this error: declined at UPS, expired, or the
    /// exchange or the save failed. Nothing partial is stored.
    Failed(Error),
}

impl Completion {
    /// `Ok` when connected; the refusal or failure otherwise.
    pub fn into_result(self) -> Result<ConnectionStatus> {
        match self {
            Completion::Connected(status) => Ok(*status),
            Completion::Refused(e) | Completion::Failed(e) => Err(e),
        }
    }
}

impl OptIn {
    // ---- opt in with UPS.com --------------------------------------------------

    /// Validates the request, registers a pending login, starts the loopback
    /// listener when that is the route, and opens the system browser.
    pub async fn begin_login(&self, req: BrowserRequest) -> Result<Started> {
        let input::LoginFields {
            client_id,
            accounts,
            label,
        } = input::login_fields(&req.client_id, &req.accounts, &req.label)?;
        let secret = input::client_secret(&req.client_secret)?;
        let redirect_uri = RedirectUri::parse(&req.redirect_uri)?;
        let route = req.route;
        let forward_uri = match (route, &req.forward_uri) {
            (RouteKind::Bounce, Some(f)) => Some(crate::login::check_redirect_uri(f)?),
            (RouteKind::Bounce, None) => {
                return Err(Error::invalid(
                    "Redirect URI",
                    "the bounce route needs the custom-scheme address the page forwards to.",
                )
                .because("bounce-needs-scheme"))
            }
            _ => None,
        };
        if route == RouteKind::Bounce && redirect_uri.scheme() != "https" {
            return Err(Error::invalid(
                "Bounce URL",
                "it must be an https address on your own web site.",
            )
            .because("bounce-not-https"));
        }
        if route == RouteKind::Loopback && redirect_uri.scheme() != "http" {
            return Err(Error::invalid(
                "Redirect URI",
                "the loopback route needs an http://127.0.0.1:PORT/… address.",
            )
            .because("loopback-needs-address"));
        }
        self.check_key_free(&req.environment, &client_id.value)?;
        // Before any listener or browser: UPS says now whether it knows this
        // client ID and redirect URI, instead of an error page in the browser.
        self.preflight(&req.environment, &client_id.value, &redirect_uri)
            .await?;
        self.keychain_health().await?;
        let mut notices = client_id.notices;
        notices.extend(secret.notices);
        let plan = LoginPlan {
            environment: req.environment,
            label,
            client_id: client_id.value,
            client_secret: secret.value,
            redirect_uri,
            route,
            forward_uri,
            token_auth: req.token_auth,
            accounts,
            scope: req.scope,
        };
        let info = self.register(plan).await?;
        Ok(Started { info, notices })
    }

    /// Opts in again with the stored client ID and secret (after a UPS.com
    /// password change, for instance).
    pub async fn begin_reopt(&self, id: &str, forward_uri: Option<String>) -> Result<Started> {
        let r = self.inner.store.get(id)?;
        if r.method != Method::Browser {
            return Err(Error::invalid(
                "Connection",
                "it uses a client ID and secret only; test it or enter a new secret instead.",
            )
            .because("client-credentials-only"));
        }
        let creds = self.inner.tokens.client_credentials_of(&r).await?;
        let redirect = r.redirect_uri.clone().ok_or_else(|| {
            Error::invalid("Connection", "it has no redirect URI stored; add it again.")
                .because("no-redirect-uri")
        })?;
        let route = match r.route {
            Some(route) => route,
            // Records written before the route was stored were the wizard's.
            None => RouteKind::for_uri(RedirectUri::parse(&redirect)?.url(), Receiver::App),
        };
        self.begin_login(BrowserRequest {
            environment: r.environment.clone(),
            label: r.label.clone(),
            client_id: r.client_id.clone(),
            client_secret: creds.client_secret,
            route,
            redirect_uri: redirect,
            forward_uri,
            token_auth: r.token_auth,
            accounts: r.accounts.iter().map(|a| a.number.clone()).collect(),
            scope: None,
        })
        .await
    }

    /// "Check with UPS": asks UPS's `validate-client` whether it accepts this
    /// redirect URI (exactly as typed) for this client ID. Opens nothing and
    /// stores nothing. [`ClientCheck::NotAvailable`]: the environment could not
    /// say (no such endpoint); a refusal is [`Error::ClientRefused`].
    pub async fn check_client(
        &self,
        environment: &Environment,
        client_id: &str,
        redirect_uri: &str,
    ) -> Result<ClientCheck> {
        let client_id = input::client_id(client_id)?;
        let redirect_uri = RedirectUri::parse(redirect_uri)?;
        self.inner
            .ups
            .validate_client(environment, &client_id.value, &redirect_uri)
            .await
    }

    async fn preflight(
        &self,
        environment: &Environment,
        client_id: &str,
        redirect_uri: &RedirectUri,
    ) -> Result<()> {
        match self
            .inner
            .ups
            .validate_client(environment, client_id, redirect_uri)
            .await?
        {
            ClientCheck::Accepted { .. } => {
                log::info!(
                    "validate-client: UPS accepts redirect URI {redirect_uri} for this client ID"
                );
            }
            ClientCheck::NotAvailable { what, .. } => {
                log::info!(
                    "validate-client gave no verdict ({what}); opening the sign-in page anyway"
                );
            }
        }
        Ok(())
    }

    async fn register(&self, plan: LoginPlan) -> Result<PendingInfo> {
        let auth = authorize_request(
            &plan.environment,
            &plan.client_id,
            &plan.redirect_uri,
            plan.scope.as_deref(),
        );
        let now = self.inner.clock.now();
        let login_id = oauth2::CsrfToken::new_random_len(9).secret().clone();
        let mut accepted = vec![plan.redirect_uri.url().clone()];
        accepted.extend(plan.forward_uri.clone());
        let expires_at = now + LOGIN_TTL;
        let route = plan.route;
        let listener = match route {
            RouteKind::Loopback => Some(LoopbackListener::bind(plan.redirect_uri.url()).await?),
            _ => None,
        };
        let pending = Pending {
            login_id: login_id.clone(),
            state: auth.state,
            verifier: auth.verifier,
            accepted,
            plan,
            authorize_url: auth.url,
            expires_at,
        };
        self.inner.pending.insert(pending, now);
        if let Some(listener) = listener {
            self.spawn_listener(login_id.clone(), listener, expires_at);
        }
        Ok(self.open_browser(&login_id))
    }

    fn spawn_listener(
        &self,
        login_id: String,
        listener: LoopbackListener,
        expires_at: time::OffsetDateTime,
    ) {
        let me = self.clone();
        let clock = Arc::clone(&self.inner.clock);
        let id = login_id.clone();
        let task = tokio::spawn(async move {
            let served = listener
                .serve(expires_at, clock, |url| {
                    let me = me.clone();
                    async move {
                        match me.complete_inner(&url, true).await {
                            Completion::Connected(_) => Delivery::Accepted,
                            Completion::Refused(e) => Delivery::Rejected(e.to_string()),
                            Completion::Failed(e) => Delivery::Failed(e.to_string()),
                        }
                    }
                })
                .await;
            if let Err(e) = served {
                if me.inner.pending.remove(&id) {
                    me.emit(CoreEvent::Failed {
                        login_id: id.clone(),
                        error: e,
                    });
                }
            }
            me.listeners().remove(&id);
        });
        self.listeners().insert(login_id, task.abort_handle());
    }

    fn listeners(&self) -> std::sync::MutexGuard<'_, HashMap<String, AbortHandle>> {
        self.inner
            .listeners
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    fn open_browser(&self, login_id: &str) -> PendingInfo {
        let (url, redirect_uri, route, expires_at) = self
            .inner
            .pending
            .info(login_id)
            .unwrap_or_else(|| unreachable!("just registered"));
        let opened = self.inner.browser.open(url.as_str());
        if let Err(e) = &opened {
            log::warn!("{e}");
        }
        PendingInfo {
            login_id: login_id.to_string(),
            authorize_url: url.to_string(),
            redirect_uri,
            route,
            expires_at,
            browser_opened: opened.is_ok(),
            browser_error: opened.err().map(|e| e.to_string()),
        }
    }

    /// Opens the sign-in page again for a pending login.
    pub fn open_again(&self, login_id: &str) -> Result<PendingInfo> {
        if self.inner.pending.info(login_id).is_none() {
            return Err(Error::LoginNotPending);
        }
        Ok(self.open_browser(login_id))
    }

    /// Cancels a pending login (and its loopback listener).
    pub fn cancel(&self, login_id: &str) -> Result<()> {
        if let Some(h) = self.listeners().remove(login_id) {
            h.abort();
        }
        if self.inner.pending.remove(login_id) {
            self.emit(CoreEvent::Failed {
                login_id: login_id.into(),
                error: Error::LoginCancelled,
            });
            Ok(())
        } else {
            Err(Error::LoginNotPending)
        }
    }

    /// Whether `callback_url` answers a login in progress (right redirect URI,
    /// a pending state, not expired). Read only: the app shell asks before it
    /// brings its window to the front, so a link any web page can fire never
    /// steals focus and never touches the pending login.
    pub fn matches_pending(&self, callback_url: &str) -> bool {
        self.pending_login_for(callback_url).is_some()
    }

    /// The ID of the pending login this callback would complete, if any (read
    /// only, like [`OptIn::matches_pending`]): the app shell reports the
    /// [`Completion`] of a deep link as that login's event.
    pub fn pending_login_for(&self, callback_url: &str) -> Option<String> {
        self.inner
            .pending
            .matching(callback_url, self.inner.clock.now())
    }

    pub fn has_pending(&self) -> bool {
        !self.inner.pending.is_empty()
    }

    /// Completes a pending login from a callback URL: a deep link, the https
    /// bounce page's forward, or an address the admin pasted. The answer says
    /// whether the login connected, still waits (refused), or is over (failed),
    /// and it is the one report of that outcome: the caller passes it on (no
    /// [`CoreEvent::Completed`] or [`CoreEvent::Failed`] repeats it; only the
    /// loopback listener, which has no caller to answer, announces its logins'
    /// ends as events).
    pub async fn complete(&self, callback_url: &str) -> Completion {
        self.complete_inner(callback_url, false).await
    }

    /// `from_listener`: the loopback listener's own callback, announced as an event.
    async fn complete_inner(&self, raw: &str, from_listener: bool) -> Completion {
        let accepted = match self.inner.pending.accept(raw, self.inner.clock.now()) {
            Ok(a) => a,
            Err(Refusal::Waiting(e)) => return Completion::Refused(e),
            Err(Refusal::Ended { login_id, error }) => {
                if let Some(login_id) = login_id {
                    self.end_listener(&login_id, from_listener);
                    if from_listener {
                        self.emit(CoreEvent::Failed {
                            login_id,
                            error: error.clone(),
                        });
                    }
                }
                return Completion::Failed(error);
            }
        };
        let login_id = accepted.pending.login_id.clone();
        self.end_listener(&login_id, from_listener);
        let code = match accepted.callback {
            Callback::Denied { reason } => {
                return self.fail(login_id, Error::AccessDenied { reason }, from_listener);
            }
            Callback::Code { code } => code,
        };
        self.emit(CoreEvent::Exchanging {
            login_id: login_id.clone(),
        });
        match self.finish_browser_login(accepted.pending, code).await {
            Ok(status) => {
                if from_listener {
                    self.emit(CoreEvent::Completed {
                        login_id,
                        status: Box::new(status.clone()),
                    });
                }
                Completion::Connected(Box::new(status))
            }
            Err(e) => self.fail(login_id, e, from_listener),
        }
    }

    /// Stops the loopback listener of a login that another route finished.
    fn end_listener(&self, login_id: &str, from_listener: bool) {
        if !from_listener {
            if let Some(h) = self.listeners().remove(login_id) {
                h.abort();
            }
        }
    }

    /// The login is over with `error` (announced when the listener asked).
    fn fail(&self, login_id: String, error: Error, announce: bool) -> Completion {
        if announce {
            self.emit(CoreEvent::Failed {
                login_id,
                error: error.clone(),
            });
        }
        Completion::Failed(error)
    }

    async fn finish_browser_login(
        &self,
        pending: Pending,
        code: Secret,
    ) -> Result<ConnectionStatus> {
        let plan = pending.plan;
        let creds = ClientCredentials {
            client_id: plan.client_id.clone(),
            client_secret: plan.client_secret.clone(),
        };
        let set = self
            .inner
            .ups
            .exchange_code(
                &plan.environment,
                &creds,
                &code,
                &plan.redirect_uri,
                pending.verifier,
                plan.token_auth,
            )
            .await?;
        drop(code);
        // Checked again: another connection may have been added meanwhile.
        self.check_key_free(&plan.environment, &plan.client_id)?;
        if set.refresh_token.is_none() {
            return Err(Error::UpsBadResponse {
                status: 200,
                what: "a token without a refresh token".into(),
                kind: "no-refresh-token",
            });
        }
        let accounts = plan
            .accounts
            .into_iter()
            .map(|number| AccountRecord {
                number,
                verified: None,
                message: None,
                checked_at: None,
                error: None,
            })
            .collect();
        let record = ConnectionRecord::opted_in(
            plan.environment,
            plan.client_id,
            plan.label,
            OptedInWith::Browser {
                redirect_uri: plan.redirect_uri.as_str().to_string(),
                route: plan.route,
                token_auth: plan.token_auth,
            },
            accounts,
            &set,
            self.inner.clock.now(),
        );
        self.save_connection(record, &plan.client_secret, &set)
            .await
    }

    /// Waits for the pending login `login_id` to finish (any route).
    pub async fn wait_for(
        &self,
        login_id: &str,
        mut events: broadcast::Receiver<CoreEvent>,
    ) -> Result<ConnectionStatus> {
        loop {
            match events.recv().await {
                Ok(CoreEvent::Completed {
                    login_id: l,
                    status,
                }) if l == login_id => return Ok(*status),
                Ok(CoreEvent::Failed { login_id: l, error }) if l == login_id => return Err(error),
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return Err(Error::LoginCancelled),
            }
        }
    }

    /// The authorize URL of a pending login, for "Copy link".
    pub fn authorize_url(&self, login_id: &str) -> Option<Url> {
        self.inner.pending.info(login_id).map(|i| i.0)
    }
}
