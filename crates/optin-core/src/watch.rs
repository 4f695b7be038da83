//! Watching connections with nobody at the window: which states need the
//! administrator, which changes deserve a desktop notification, and what the
//! tray shows. Pure functions over [`ConnectionCard`]s, so the app shell only
//! renders them and the rules are unit-tested here.
//!
//! Rules:
//! - A connection *needs attention* when its state asks the administrator to
//!   act ([`health_of`]): re-opt-in needed, credentials refused, opt-in
//!   expiring, or no tokens left in the keychain.
//! - One notification per transition into an attention state; none again while
//!   it stays the same; a new one when it turns into *another* attention state.
//! - UPS unreachable is usually transient and retried with backoff: it shows in
//!   the tray at once but notifies only after [`UNREACHABLE_NOTIFY_AFTER`] of
//!   continuous unreachability.
//! - A connection that was notified and is connected again gets exactly one
//!   "connected again" notification.
//! - Texts name the connection by its label; never a secret, a token or a
//!   client ID (not even masked).
//! - Texts come from the active locale's catalog ([`crate::i18n`]): the
//!   `tray-*` and `notice-*` messages of `locales/<locale>/wizard.ftl`.

use std::collections::HashMap;
use std::sync::Arc;

use time::OffsetDateTime;

use crate::i18n::Localizer;
use crate::status::{ConnectionCard, ConnectionState};

/// How long UPS must stay unreachable before a notification says so.
pub const UNREACHABLE_NOTIFY_AFTER: time::Duration = time::Duration::hours(1);

/// What a connection's state means for the administrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// Working; nothing to do.
    Healthy,
    /// The administrator must act (opt in again, update the secret…).
    Attention,
    /// UPS could not be reached; retried in the background.
    Unreachable,
}

/// The one place that maps states to health. New states that need the
/// administrator (e.g. a `credentials_rejected` state) get an arm here.
pub fn health_of(state: ConnectionState) -> Health {
    match state {
        ConnectionState::Connected => Health::Healthy,
        ConnectionState::Unreachable => Health::Unreachable,
        // States that ask the administrator to act.
        ConnectionState::ReoptNeeded
        | ConnectionState::CredentialsRejected
        | ConnectionState::Expiring
        | ConnectionState::NotConnected => Health::Attention,
    }
}

/// Which step of the wizard fixes a connection in this state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixStep {
    /// Opt in again with UPS.com (or request a new token with the stored secret).
    OptInAgain,
    /// Enter the client secret again.
    UpdateSecret,
}

/// The step that fixes `state`: a refused client secret is entered again;
/// every other attention state opts in again.
pub fn fix_step(state: ConnectionState) -> FixStep {
    match state {
        ConnectionState::CredentialsRejected => FixStep::UpdateSecret,
        _ => FixStep::OptInAgain,
    }
}

/// The combined state of all connections, for the tray icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combined {
    /// No connection set up yet.
    Empty,
    AllConnected,
    /// At least one connection needs the administrator.
    Attention,
    /// None needs the administrator, but UPS is unreachable for at least one.
    Unreachable,
}

impl Combined {
    /// The icon file (in `icons/`) the tray shows for this state.
    pub fn icon_name(self) -> &'static str {
        match self {
            Combined::Empty | Combined::AllConnected => "tray-connected.png",
            Combined::Attention => "tray-attention.png",
            Combined::Unreachable => "tray-unreachable.png",
        }
    }
}

pub fn combined(views: &[ConnectionCard]) -> Combined {
    let healths: Vec<Health> = views.iter().map(|v| health_of(v.state)).collect();
    if healths.is_empty() {
        Combined::Empty
    } else if healths.contains(&Health::Attention) {
        Combined::Attention
    } else if healths.contains(&Health::Unreachable) {
        Combined::Unreachable
    } else {
        Combined::AllConnected
    }
}

/// The tray's tooltip in English (see [`tooltip_in`]).
pub fn tooltip(views: &[ConnectionCard]) -> String {
    tooltip_in(&Localizer::english(), views)
}

/// The tray's tooltip: the combined state and the connections needing attention.
pub fn tooltip_in(l: &Localizer, views: &[ConnectionCard]) -> String {
    let names = |h: Health| -> Vec<String> {
        views
            .iter()
            .filter(|v| health_of(v.state) == h)
            .map(|v| name(l, v))
            .collect()
    };
    match combined(views) {
        Combined::Empty => l.text("tray-tooltip-empty", &[]),
        Combined::AllConnected => l.text("tray-tooltip-all-connected", &[]),
        Combined::Attention => l.text(
            "tray-tooltip-attention",
            &[("names", &names(Health::Attention).join(", "))],
        ),
        Combined::Unreachable => l.text(
            "tray-tooltip-unreachable",
            &[("names", &names(Health::Unreachable).join(", "))],
        ),
    }
}

/// One entry of the tray menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuItem {
    OpenWizard,
    /// Opens the wizard on this connection's fix step.
    Fix {
        id: String,
        text: String,
        step: FixStep,
    },
    RefreshAll,
    Quit,
}

impl MenuItem {
    /// The menu item's ID (what the shell gets back when it is chosen).
    pub fn menu_id(&self) -> String {
        match self {
            MenuItem::OpenWizard => "open".into(),
            MenuItem::Fix { id, .. } => format!("fix:{id}"),
            MenuItem::RefreshAll => "refresh".into(),
            MenuItem::Quit => "quit".into(),
        }
    }

    /// The item's text in English (see [`MenuItem::text_in`]).
    pub fn text(&self) -> String {
        self.text_in(&Localizer::english())
    }

    /// The item's text in `l`'s language (a `Fix` item's text was made in
    /// the language of [`menu_in`]).
    pub fn text_in(&self, l: &Localizer) -> String {
        match self {
            MenuItem::OpenWizard => l.text("tray-open", &[]),
            MenuItem::Fix { text, .. } => text.clone(),
            MenuItem::RefreshAll => l.text("tray-refresh-all", &[]),
            MenuItem::Quit => l.text("tray-quit", &[]),
        }
    }
}

/// The tray menu in English (see [`menu_in`]).
pub fn menu(views: &[ConnectionCard]) -> Vec<MenuItem> {
    menu_in(&Localizer::english(), views)
}

/// The tray menu: open, one item per connection needing attention, refresh, quit.
pub fn menu_in(l: &Localizer, views: &[ConnectionCard]) -> Vec<MenuItem> {
    let mut items = vec![MenuItem::OpenWizard];
    for v in views
        .iter()
        .filter(|v| health_of(v.state) == Health::Attention)
    {
        let step = fix_step(v.state);
        let id = match step {
            FixStep::OptInAgain => "tray-fix-opt-in-again",
            FixStep::UpdateSecret => "tray-fix-update-secret",
        };
        items.push(MenuItem::Fix {
            id: v.id.clone(),
            text: l.text(id, &[("label", &name(l, v))]),
            step,
        });
    }
    items.push(MenuItem::RefreshAll);
    items.push(MenuItem::Quit);
    items
}

/// Everything the tray shows, decided at once from one reading of the
/// connections: the shell renders it (icon, tooltip, menu) in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayModel {
    pub combined: Combined,
    pub tooltip: String,
    pub menu: Vec<TrayEntry>,
}

/// One menu entry with its text in the model's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayEntry {
    pub item: MenuItem,
    pub text: String,
}

impl TrayModel {
    /// The model in `l`'s language.
    pub fn of(l: &Localizer, views: &[ConnectionCard]) -> TrayModel {
        TrayModel {
            combined: combined(views),
            tooltip: tooltip_in(l, views),
            menu: menu_in(l, views)
                .into_iter()
                .map(|item| TrayEntry {
                    text: item.text_in(l),
                    item,
                })
                .collect(),
        }
    }
}

/// The connection ID a menu ID names, for `fix:<id>`.
pub fn fix_target(menu_id: &str) -> Option<&str> {
    menu_id.strip_prefix("fix:").filter(|id| !id.is_empty())
}

/// A desktop notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The connection it is about (clicking it opens the wizard there).
    pub connection_id: String,
    pub kind: NoticeKind,
    pub summary: String,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Entered an attention state.
    Attention(ConnectionState),
    /// UPS unreachable for longer than [`UNREACHABLE_NOTIFY_AFTER`].
    Unreachable,
    /// Connected again after a notification.
    Recovered,
}

/// What was seen and notified per connection, between two observations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watch {
    seen: HashMap<String, Seen>,
    /// The language of the notices (English unless [`Watch::set_localizer`]).
    localizer: Arc<Localizer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    /// The state last notified (`None`: nothing outstanding).
    notified: Option<ConnectionState>,
    /// Since when UPS has been unreachable for this connection.
    unreachable_since: Option<OffsetDateTime>,
}

impl Watch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes the next notices in `l`'s language.
    pub fn set_localizer(&mut self, l: Arc<Localizer>) {
        self.localizer = l;
    }

    /// Observes the connections at `now` and returns the notifications due.
    /// Calling it again with the same views returns nothing.
    pub fn observe(&mut self, views: &[ConnectionCard], now: OffsetDateTime) -> Vec<Notice> {
        self.seen.retain(|id, _| views.iter().any(|v| &v.id == id));
        let mut out = Vec::new();
        for v in views {
            let seen = self.seen.entry(v.id.clone()).or_insert(Seen {
                notified: None,
                unreachable_since: None,
            });
            match health_of(v.state) {
                Health::Attention => {
                    seen.unreachable_since = None;
                    if seen.notified != Some(v.state) {
                        seen.notified = Some(v.state);
                        out.push(attention_notice(&self.localizer, v));
                    }
                }
                Health::Unreachable => {
                    let since = *seen.unreachable_since.get_or_insert(now);
                    // An attention notice stays outstanding (nothing recovered).
                    if seen.notified.is_none() && now - since >= UNREACHABLE_NOTIFY_AFTER {
                        seen.notified = Some(ConnectionState::Unreachable);
                        out.push(unreachable_notice(&self.localizer, v));
                    }
                }
                Health::Healthy => {
                    seen.unreachable_since = None;
                    if seen.notified.take().is_some() {
                        out.push(recovered_notice(&self.localizer, v));
                    }
                }
            }
        }
        out
    }
}

/// A connection's name in `l`'s language: its label, or for one rebuilt
/// from the keychain (no label chosen) "Recovered: <environment> <client ID>".
pub fn name(l: &Localizer, v: &ConnectionCard) -> String {
    if !v.label_rebuilt {
        return v.label.clone();
    }
    let environment = match v.environment.as_str() {
        "cie" => l.text("environment-cie", &[]),
        "production" => l.text("environment-production", &[]),
        url => l.text("environment-custom-with-url", &[("url", url)]),
    };
    l.text(
        "connection-recovered-label",
        &[
            ("environment", environment.as_str()),
            ("client", v.client_id_masked.as_str()),
        ],
    )
}

fn attention_notice(l: &Localizer, v: &ConnectionCard) -> Notice {
    let name = name(l, v);
    let label = [("label", name.as_str())];
    let (summary, body) = match v.state {
        ConnectionState::CredentialsRejected => (
            l.text("notice-credentials-rejected-summary", &label),
            l.text("notice-credentials-rejected-body", &[]),
        ),
        ConnectionState::ReoptNeeded => (
            l.text("notice-reopt-needed-summary", &label),
            l.text("notice-reopt-needed-body", &[]),
        ),
        ConnectionState::Expiring => (
            l.text("notice-expiring-summary", &label),
            // The day as RFC 3339 has it (YYYY-MM-DD: unambiguous in every language).
            match v
                .refresh_token_expires_at
                .as_deref()
                .and_then(|t| t.get(..10))
            {
                Some(date) => l.text("notice-expiring-body", &[("date", date)]),
                None => l.text("notice-expiring-body-no-date", &[]),
            },
        ),
        ConnectionState::NotConnected => (
            l.text("notice-not-connected-summary", &label),
            l.text("notice-not-connected-body", &[]),
        ),
        // Any other state flagged by `health_of`.
        _ => (
            l.text("notice-attention-summary", &label),
            l.text("notice-attention-body", &[]),
        ),
    };
    Notice {
        connection_id: v.id.clone(),
        kind: NoticeKind::Attention(v.state),
        summary,
        body,
    }
}

fn unreachable_notice(l: &Localizer, v: &ConnectionCard) -> Notice {
    Notice {
        connection_id: v.id.clone(),
        kind: NoticeKind::Unreachable,
        summary: l.text("notice-unreachable-summary", &[("label", &name(l, v))]),
        body: l.text("notice-unreachable-body", &[]),
    }
}

fn recovered_notice(l: &Localizer, v: &ConnectionCard) -> Notice {
    Notice {
        connection_id: v.id.clone(),
        kind: NoticeKind::Recovered,
        summary: l.text("notice-recovered-summary", &[("label", &name(l, v))]),
        body: l.text("notice-recovered-body", &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::ConnectionCard;
    use crate::store::Method;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 12:00 UTC);

    #[test]
    fn the_tray_model_is_the_three_rules_at_once() {
        let views = [
            view("a1", ConnectionState::Connected),
            view("b2", ConnectionState::ReoptNeeded),
        ];
        let model = TrayModel::of(&Localizer::english(), &views);
        assert_eq!(model.combined, combined(&views));
        assert_eq!(model.tooltip, tooltip(&views));
        let items: Vec<MenuItem> = model.menu.iter().map(|e| e.item.clone()).collect();
        assert_eq!(items, menu(&views));
        assert_eq!(model.menu[0].text, MenuItem::OpenWizard.text());
        assert_eq!(model.combined, Combined::Attention);
    }

    fn view(id: &str, state: ConnectionState) -> ConnectionCard {
        ConnectionCard {
            id: id.into(),
            label: format!("Acme {id}"),
            environment: "cie".into(),
            environment_label: "CIE".into(),
            client_id_masked: "••••WXYZ".into(),
            method: Method::Browser,
            redirect_uri: None,
            state,
            access_token_expires_at: None,
            refresh_token_expires_at: Some("2026-12-03T12:00:00Z".into()),
            last_refresh_at: None,
            created_at: "2026-11-01T00:00:00Z".into(),
            last_error: None,
            accounts: vec![],
            token_unsaved: false,
            recovered: false,
            label_rebuilt: false,
        }
    }

    use ConnectionState::*;

    #[test]
    fn a_connection_rebuilt_without_a_label_is_named_in_each_language() {
        let mut v = view("a", ReoptNeeded);
        v.label = "Recovered: Test (CIE) ••••WXYZ".into();
        v.label_rebuilt = true;
        assert_eq!(
            name(&Localizer::english(), &v),
            "Recovered: Test (CIE) ••••WXYZ"
        );
        assert_eq!(
            name(&Localizer::new("de-DE"), &v),
            "Wiederhergestellt: Test (CIE) ••••WXYZ"
        );
        let menu = TrayModel::of(&Localizer::new("fr-CA"), &[v]);
        assert!(
            menu.tooltip
                .contains("Récupérée\u{a0}: Essai (CIE) ••••WXYZ"),
            "{}",
            menu.tooltip
        );
        // A label someone chose is never replaced.
        assert_eq!(
            name(&Localizer::new("es-MX"), &view("b", Connected)),
            "Acme b"
        );
    }

    #[test]
    fn health_table() {
        assert_eq!(health_of(Connected), Health::Healthy);
        assert_eq!(health_of(Unreachable), Health::Unreachable);
        for s in [ReoptNeeded, Expiring, NotConnected] {
            assert_eq!(health_of(s), Health::Attention, "{s:?}");
        }
    }

    #[test]
    fn which_states_notify() {
        for (state, notifies) in [
            (Connected, false),
            (Unreachable, false),
            (ReoptNeeded, true),
            (Expiring, true),
            (NotConnected, true),
        ] {
            let mut w = Watch::new();
            let n = w.observe(&[view("a", state)], NOW);
            assert_eq!(n.len(), usize::from(notifies), "{state:?}: {n:?}");
            if notifies {
                assert_eq!(n[0].kind, NoticeKind::Attention(state));
                assert_eq!(n[0].connection_id, "a");
                assert!(n[0].summary.contains("Acme a"), "{n:?}");
            }
        }
    }

    #[test]
    fn no_repeats_while_the_state_stays() {
        let mut w = Watch::new();
        assert_eq!(w.observe(&[view("a", Connected)], NOW).len(), 0);
        let n = w.observe(&[view("a", ReoptNeeded)], NOW);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].summary, "Acme a needs a new opt-in");
        for i in 1..10 {
            let at = NOW + time::Duration::minutes(i * 10);
            assert!(w.observe(&[view("a", ReoptNeeded)], at).is_empty());
        }
    }

    #[test]
    fn recovery_notifies_once_and_only_if_notified() {
        let mut w = Watch::new();
        w.observe(&[view("a", ReoptNeeded)], NOW);
        let n = w.observe(&[view("a", Connected)], NOW);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].kind, NoticeKind::Recovered);
        assert_eq!(n[0].summary, "Acme a is connected again");
        assert!(w.observe(&[view("a", Connected)], NOW).is_empty());
        // Never notified: no "connected again".
        let mut w = Watch::new();
        w.observe(&[view("b", Unreachable)], NOW);
        assert!(w.observe(&[view("b", Connected)], NOW).is_empty());
    }

    #[test]
    fn another_attention_state_notifies_again() {
        let mut w = Watch::new();
        assert_eq!(w.observe(&[view("a", Expiring)], NOW).len(), 1);
        let n = w.observe(&[view("a", ReoptNeeded)], NOW);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].kind, NoticeKind::Attention(ReoptNeeded));
    }

    #[test]
    fn unreachable_notifies_only_after_an_hour_and_recovers() {
        let mut w = Watch::new();
        assert!(w.observe(&[view("a", Unreachable)], NOW).is_empty());
        let just_before = NOW + UNREACHABLE_NOTIFY_AFTER - time::Duration::seconds(1);
        assert!(w.observe(&[view("a", Unreachable)], just_before).is_empty());
        let n = w.observe(&[view("a", Unreachable)], NOW + UNREACHABLE_NOTIFY_AFTER);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].kind, NoticeKind::Unreachable);
        assert!(w
            .observe(&[view("a", Unreachable)], NOW + time::Duration::hours(5))
            .is_empty());
        let n = w.observe(&[view("a", Connected)], NOW + time::Duration::hours(6));
        assert_eq!(n[0].kind, NoticeKind::Recovered);
        // A brief outage in between restarts the hour.
        w.observe(&[view("a", Unreachable)], NOW + time::Duration::hours(7));
        assert!(w
            .observe(
                &[view("a", Unreachable)],
                NOW + time::Duration::minutes(7 * 60 + 30)
            )
            .is_empty());
    }

    #[test]
    fn unreachable_after_attention_keeps_the_attention_outstanding() {
        let mut w = Watch::new();
        w.observe(&[view("a", Expiring)], NOW);
        let later = NOW + time::Duration::hours(3);
        assert!(w.observe(&[view("a", Unreachable)], NOW).is_empty());
        assert!(w.observe(&[view("a", Unreachable)], later).is_empty());
        // Back to expiring: nothing new; then re-opted in: connected again.
        assert!(w.observe(&[view("a", Expiring)], later).is_empty());
        let n = w.observe(&[view("a", Connected)], later);
        assert_eq!(n[0].kind, NoticeKind::Recovered);
    }

    #[test]
    fn each_connection_is_tracked_apart_and_removed_ones_are_forgotten() {
        let mut w = Watch::new();
        let n = w.observe(&[view("a", ReoptNeeded), view("b", Expiring)], NOW);
        assert_eq!(n.len(), 2);
        assert!(w.observe(&[view("b", Expiring)], NOW).is_empty());
        // "a" came back after removal and a new opt-in that failed again: new transition.
        assert_eq!(w.observe(&[view("a", ReoptNeeded)], NOW).len(), 1);
    }

    #[test]
    fn notices_never_carry_client_ids_or_masks() {
        let mut w = Watch::new();
        let mut all = w.observe(
            &[
                view("a", ReoptNeeded),
                view("b", Expiring),
                view("c", NotConnected),
                view("d", Unreachable),
            ],
            NOW,
        );
        let later = NOW + time::Duration::hours(2);
        all.extend(w.observe(
            &[
                view("a", ReoptNeeded),
                view("b", Expiring),
                view("c", NotConnected),
                view("d", Unreachable),
            ],
            later,
        ));
        all.extend(w.observe(&[view("a", Connected)], later));
        assert_eq!(all.len(), 5);
        for n in all {
            for text in [&n.summary, &n.body] {
                assert!(!text.contains("WXYZ") && !text.contains('•'), "{text}");
                assert!(!text.to_ascii_lowercase().contains("token "), "{text}");
            }
        }
    }

    #[test]
    fn expiring_names_the_date() {
        let n = Watch::new().observe(&[view("a", Expiring)], NOW);
        assert!(n[0].body.contains("2026-12-03"), "{}", n[0].body);
    }

    #[test]
    fn combined_icon_and_tooltip() {
        assert_eq!(combined(&[]), Combined::Empty);
        let ok = [view("a", Connected), view("b", Connected)];
        assert_eq!(combined(&ok), Combined::AllConnected);
        assert_eq!(tooltip(&ok), "UPS Opt-In Wizard: all connections connected");
        let down = [view("a", Connected), view("b", Unreachable)];
        assert_eq!(combined(&down), Combined::Unreachable);
        assert!(tooltip(&down).contains("Acme b"));
        let att = [
            view("a", ReoptNeeded),
            view("b", Unreachable),
            view("c", Expiring),
        ];
        assert_eq!(combined(&att), Combined::Attention);
        assert_eq!(
            tooltip(&att),
            "UPS Opt-In Wizard: needs attention: Acme a, Acme c"
        );
        let icons: std::collections::HashSet<_> = [
            Combined::AllConnected,
            Combined::Attention,
            Combined::Unreachable,
        ]
        .iter()
        .map(|c| c.icon_name())
        .collect();
        assert_eq!(icons.len(), 3, "distinct icons");
    }

    #[test]
    fn tray_and_notices_speak_the_chosen_language() {
        let now = OffsetDateTime::UNIX_EPOCH;
        let views = [view("a", ReoptNeeded), view("b", Connected)];
        let cases = [
            (
                "fr-CA",
                "Acme a\u{a0}: une nouvelle adhésion est requise",
                "Acme a\u{a0}: Adhérer de nouveau…",
                "Quitter",
            ),
            (
                "es-MX",
                "Acme a: se necesita una nueva autorización",
                "Acme a: Volver a autorizar…",
                "Salir",
            ),
            (
                "de-DE",
                "Acme a: neues Opt-in erforderlich",
                "Acme a: Opt-in wiederholen…",
                "Beenden",
            ),
        ];
        for (locale, summary, fix, quit) in cases {
            let l = Arc::new(Localizer::new(locale));
            let mut w = Watch::new();
            w.set_localizer(Arc::clone(&l));
            let n = w.observe(&views, now);
            assert_eq!(n[0].summary, summary, "{locale}");
            assert!(!n[0].body.is_empty());
            let m = menu_in(&l, &views);
            assert_eq!(m[1].text_in(&l), fix, "{locale}");
            assert_eq!(m.last().unwrap().text_in(&l), quit, "{locale}");
            assert!(tooltip_in(&l, &views).contains("Acme a"), "{locale}");
            assert_ne!(tooltip_in(&l, &views), tooltip(&views), "{locale}");
        }
    }

    #[test]
    fn menu_offers_each_connection_needing_attention() {
        let views = [
            view("a", ReoptNeeded),
            view("b", Connected),
            view("c", Expiring),
            view("d", Unreachable),
        ];
        let m = menu(&views);
        let ids: Vec<String> = m.iter().map(MenuItem::menu_id).collect();
        assert_eq!(ids, ["open", "fix:a", "fix:c", "refresh", "quit"]);
        assert_eq!(m[1].text(), "Acme a: Opt in again…");
        assert_eq!(m[0].text(), "Open UPS Opt-In Wizard");
        assert_eq!(fix_target("fix:a"), Some("a"));
        assert_eq!(fix_target("fix:"), None);
        assert_eq!(fix_target("open"), None);
        assert_eq!(
            menu(&[view("b", Connected)])
                .iter()
                .map(MenuItem::menu_id)
                .collect::<Vec<_>>(),
            ["open", "refresh", "quit"]
        );
    }
}
