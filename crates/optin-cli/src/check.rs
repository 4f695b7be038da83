//! `ups-optin check`: a health check for monitoring tools (RMM, Nagios-style
//! checks, scheduled tasks). One line per connection (or JSON), and an exit
//! code that says the worst of them:
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | every connection is connected |
//! | 3 | attention needed: a connection needs a new opt-in, its opt-in expires within 7 days, it lost its tokens — or no connection is set up, or connections.json was damaged and recovered (until `status --ack-recovery`) |
//! | 4 | UPS unreachable for at least one connection (and none needs attention) |
//! | 6 | the keychain is unavailable (nothing else can be trusted then) |
//!
//! By default it makes no network call and reports the stored state. With
//! `--probe` it first refreshes every connection that can be refreshed (one
//! call to UPS each, under the same cross-process lock as every refresh:
//! [`OptIn::probe_all`]), whatever the background timer's probe period, so a
//! password change made a minute ago shows; then it reports.

use optin_core::status::ConnectionStatus;
use optin_core::watch::{health_of, Health};
use optin_core::{ErrorCode, OptIn};
use serde::Serialize;

use crate::exit::{self, Failure};

/// The overall result of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    AttentionNeeded,
    Unreachable,
    KeychainUnavailable,
}

impl Verdict {
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Ok => 0,
            Verdict::AttentionNeeded => exit::REOPT,
            Verdict::Unreachable => exit::UNREACHABLE,
            Verdict::KeychainUnavailable => exit::KEYCHAIN,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Verdict::Ok => "OK",
            Verdict::AttentionNeeded => "ATTENTION",
            Verdict::Unreachable => "UNREACHABLE",
            Verdict::KeychainUnavailable => "KEYCHAIN",
        }
    }
}

#[derive(Debug, Serialize)]
struct Line {
    id: String,
    label: String,
    environment: String,
    state: serde_json::Value,
    verdict: Verdict,
    /// What to do, in one sentence (no secret, no client ID).
    message: String,
}

#[derive(Debug, Serialize)]
struct Report {
    verdict: Verdict,
    exit_code: u8,
    /// Set when the verdict is about the keychain or the setup, not a connection.
    message: Option<String>,
    connections: Vec<Line>,
}

fn verdict_of(s: &ConnectionStatus) -> Verdict {
    if s.token_unsaved {
        return Verdict::KeychainUnavailable;
    }
    match health_of(s.state) {
        Health::Healthy => Verdict::Ok,
        Health::Attention => Verdict::AttentionNeeded,
        Health::Unreachable => Verdict::Unreachable,
    }
}

fn message_of(s: &ConnectionStatus, v: Verdict) -> String {
    match v {
        Verdict::Ok => match s.access_token_expires_at.as_deref() {
            Some(t) => format!("connected; access token valid until {t}"),
            None => "connected".into(),
        },
        Verdict::AttentionNeeded => {
            let why = s
                .last_error
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_else(|| match s.refresh_token_expires_at.as_deref() {
                    Some(t) if s.state == optin_core::status::ConnectionState::Expiring => {
                        format!("the opt-in ends at {t}.")
                    }
                    _ => "UPS no longer accepts this opt-in.".into(),
                });
            format!(
                "{why} Opt in again: in the wizard, or with `ups-optin login` (see `ups-optin status`)."
            )
        }
        Verdict::Unreachable => format!(
            "UPS could not be reached{}; retried in the background. Check the network or proxy.",
            s.last_error
                .as_ref()
                .map(|e| format!(" at {}", e.at))
                .unwrap_or_default()
        ),
        Verdict::KeychainUnavailable => "a renewed refresh token is not saved in the keychain (the keychain refused it), and the one the keychain holds is spent, so no process uses it. Unlock the keychain: a wizard that holds the new token saves it then; if none does, opt in again.".into(),
    }
}

/// Runs the check; returns the exit code (0 = all connected).
pub async fn run(optin: &OptIn, json: bool, probe: bool) -> Result<u8, Failure> {
    if let Err(e) = optin.keychain_health().await {
        if e.code() == ErrorCode::KeychainUnavailable {
            return Ok(emit(
                json,
                Verdict::KeychainUnavailable,
                Some(e.to_string()),
                vec![],
            ));
        }
    }
    if probe {
        let calls = optin.probe_all().await?;
        log::info!("probe: {} call(s) to UPS", calls.len());
    }
    let statuses = optin.statuses()?;
    // A damaged connections.json that was recovered needs the admin until
    // acknowledged, whatever the connections' states.
    let recovery = optin
        .recovery_notices()?
        .iter()
        .map(|e| e.describe())
        .collect::<Vec<_>>();
    if !recovery.is_empty() {
        let lines = statuses.iter().map(line).collect::<Vec<_>>();
        let message = format!(
            "{} Check the connections' labels and shipper accounts, then run `ups-optin status --ack-recovery`.",
            recovery.join(" ")
        );
        return Ok(emit(json, Verdict::AttentionNeeded, Some(message), lines));
    }
    if statuses.is_empty() {
        return Ok(emit(
            json,
            Verdict::AttentionNeeded,
            Some("No connection is set up yet. Opt in first: ups-optin login --env <cie|production|URL> --client-id <ID>".into()),
            vec![],
        ));
    }
    let lines: Vec<Line> = statuses.iter().map(line).collect();
    let worst = worst(lines.iter().map(|l| l.verdict));
    Ok(emit(json, worst, None, lines))
}

fn line(s: &ConnectionStatus) -> Line {
    let verdict = verdict_of(s);
    Line {
        id: s.id.clone(),
        label: s.label.clone(),
        environment: s.environment.clone(),
        state: serde_json::to_value(s.state).unwrap_or_default(),
        verdict,
        message: message_of(s, verdict),
    }
}

/// Keychain first, then attention, then unreachable.
fn worst(verdicts: impl Iterator<Item = Verdict>) -> Verdict {
    let rank = |v: Verdict| match v {
        Verdict::Ok => 0,
        Verdict::Unreachable => 1,
        Verdict::AttentionNeeded => 2,
        Verdict::KeychainUnavailable => 3,
    };
    verdicts.max_by_key(|v| rank(*v)).unwrap_or(Verdict::Ok)
}

fn emit(json: bool, verdict: Verdict, message: Option<String>, connections: Vec<Line>) -> u8 {
    let code = verdict.exit_code();
    if json {
        let report = Report {
            verdict,
            exit_code: code,
            message,
            connections,
        };
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("error: cannot write JSON: {e}"),
        }
    } else {
        if let Some(m) = &message {
            println!("{} {m}", verdict.word());
        }
        for l in &connections {
            println!(
                "{} {} ({}): {} — {}",
                l.verdict.word(),
                l.label,
                l.id,
                l.state.as_str().unwrap_or("?"),
                l.message
            );
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_orders_keychain_attention_unreachable() {
        use Verdict::*;
        assert_eq!(worst([].into_iter()), Ok);
        assert_eq!(worst([Ok, Unreachable].into_iter()), Unreachable);
        assert_eq!(
            worst([Unreachable, AttentionNeeded, Ok].into_iter()),
            AttentionNeeded
        );
        assert_eq!(
            worst([AttentionNeeded, KeychainUnavailable].into_iter()),
            KeychainUnavailable
        );
        let codes = [Ok, AttentionNeeded, Unreachable, KeychainUnavailable].map(Verdict::exit_code);
        assert_eq!(codes, [0, 3, 4, 6]);
    }
}
