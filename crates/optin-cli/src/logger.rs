//! A tiny env_logger-like logger: stderr only, on with `-v`.
//!
//! `-v` shows info and above, `-vv` debug, `-vvv` trace. Below info, only the
//! project's own crates are shown, at every verbosity: the HTTP, TLS, D-Bus and
//! keychain libraries log request and message contents at debug and trace
//! (zbus traces every Secret Service message), and `-vvv` output is meant to
//! be pasted into a support ticket.

use std::io::Write;

use log::{Level, LevelFilter, Log, Metadata, Record};

struct StderrLogger {
    level: LevelFilter,
}

const OWN: [&str; 3] = ["optin_core", "ups_optin", "ups_sandbox"];

impl Log for StderrLogger {
    fn enabled(&self, m: &Metadata<'_>) -> bool {
        if m.level() > self.level {
            return false;
        }
        m.level() <= Level::Info || OWN.iter().any(|t| m.target().starts_with(t))
    }

    fn log(&self, r: &Record<'_>) {
        if !self.enabled(r.metadata()) {
            return;
        }
        let now = time::OffsetDateTime::now_utc();
        let ts = now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "[{ts} {:<5} {}] {}", r.level(), r.target(), r.args());
    }

    fn flush(&self) {
        let _ = std::io::stderr().flush();
    }
}

/// Installs the logger when `verbosity > 0`; otherwise logging stays off.
pub fn init(verbosity: u8) {
    let level = match verbosity {
        0 => return,
        1 => LevelFilter::Info,
        2 => LevelFilter::Debug,
        _ => LevelFilter::Trace,
    };
    if log::set_logger(Box::leak(Box::new(StderrLogger { level }))).is_ok() {
        log::set_max_level(level);
    }
}
