//! The browser seam: opening the authorize URL in the *system* browser.
//!
//! `$BROWSER` wins when set (a `:`-separated list of commands, `;` on Windows,
//! `%s` replaced by the URL, as in the BROWSER convention); otherwise the
//! platform opener (`xdg-open`, `open`, `explorer`). The child is not waited
//! for: a browser may keep running, and without a desktop environment
//! `xdg-open` can block.

use std::process::{Command, Stdio};

use crate::error::{Error, Result};

pub trait Browser: Send + Sync {
    fn open(&self, url: &str) -> Result<()>;
}

/// The system browser.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemBrowser;

impl Browser for SystemBrowser {
    fn open(&self, url: &str) -> Result<()> {
        if let Ok(list) = std::env::var("BROWSER") {
            let mut last = String::from("$BROWSER is empty");
            // The list separator is the PATH one: `;` on Windows, where `:` is in `C:\…`.
            let sep = if cfg!(windows) { ';' } else { ':' };
            for cmd in list.split(sep).map(str::trim).filter(|c| !c.is_empty()) {
                let mut words = cmd
                    .split_whitespace()
                    .map(|w| w.replace("%s", url))
                    .collect::<Vec<_>>();
                if !cmd.contains("%s") {
                    words.push(url.to_string());
                }
                match spawn_detached(&words[0], &words[1..]) {
                    Ok(()) => return Ok(()),
                    Err(e) => last = format!("$BROWSER command {} failed: {e}", words[0]),
                }
            }
            return Err(Error::BrowserFailed(last));
        }
        let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
            ("open", vec![url])
        } else if cfg!(target_os = "windows") {
            ("explorer", vec![url])
        } else {
            ("xdg-open", vec![url])
        };
        let args: Vec<String> = args.into_iter().map(str::to_string).collect();
        spawn_detached(program, &args)
            .map_err(|e| Error::BrowserFailed(format!("{program} could not start: {e}")))
    }
}

fn spawn_detached(program: &str, args: &[String]) -> std::io::Result<()> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Reap it so it does not linger as a zombie; its exit status is not ours to judge.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

/// A browser for tests that records the URLs it was asked to open (only with
/// the `test-util` feature: not in a shipped build).
#[cfg(any(test, feature = "test-util"))]
#[derive(Debug, Default)]
pub struct RecordingBrowser {
    pub opened: std::sync::Mutex<Vec<String>>,
    pub fail: bool,
}

#[cfg(any(test, feature = "test-util"))]
impl Browser for RecordingBrowser {
    fn open(&self, url: &str) -> Result<()> {
        if self.fail {
            return Err(Error::BrowserFailed("no browser in this test".into()));
        }
        self.opened
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(url.to_string());
        Ok(())
    }
}
