//! Reading the client secret (stdin or a no-echo prompt; never argv or the
//! environment) and the pasted callback address.

use std::io::{BufRead, BufReader, IsTerminal, Read};

use optin_core::Secret;
use tokio::sync::mpsc;

use crate::exit::Failure;

/// Where the client secret comes from.
pub enum Source {
    /// Standard input when it is not a terminal (one line), else a prompt without echo.
    Ask,
    /// Already known (the demo's sandbox secret).
    #[cfg(feature = "demo")]
    Given(Secret),
}

/// The secret and whether standard input was consumed to get it.
pub struct Entered {
    pub secret: Secret,
    pub stdin_used: bool,
}

/// Reads the client secret. Only the line terminator is removed: the core trims
/// surrounding spaces itself and says so in a notice.
pub fn read(source: Source) -> Result<Entered, Failure> {
    read_as("client secret", source)
}

/// Reads another secret the same way (the proxy's password); `what` names it
/// in the prompt and the messages.
pub fn read_as(what: &str, source: Source) -> Result<Entered, Failure> {
    match source {
        #[cfg(feature = "demo")]
        Source::Given(secret) => Ok(Entered {
            secret,
            stdin_used: false,
        }),
        Source::Ask if !std::io::stdin().is_terminal() => {
            let mut line = String::new();
            let n = std::io::stdin().lock().read_line(&mut line).map_err(|e| {
                Failure::usage(format!("cannot read the {what} from standard input: {e}"))
            })?;
            if n == 0 {
                return Err(Failure::usage(format!(
                    "no {what} on standard input. Pipe it in (one line), or run in a terminal to be asked for it."
                )));
            }
            let secret = Secret::new(strip_eol(&line));
            zero(&mut line);
            Ok(Entered {
                secret,
                stdin_used: true,
            })
        }
        Source::Ask => {
            let mut prompt = format!("{what} (typing is hidden): ");
            prompt[..1].make_ascii_uppercase();
            let mut line = rpassword::prompt_password(prompt).map_err(|e| {
                Failure::usage(format!("cannot read the {what} from the terminal: {e}"))
            })?;
            let secret = Secret::new(strip_eol(&line));
            zero(&mut line);
            Ok(Entered {
                secret,
                stdin_used: false,
            })
        }
    }
}

fn strip_eol(line: &str) -> &str {
    line.strip_suffix('\n')
        .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l))
}

/// Overwrites a plain `String` that held a secret before it is dropped.
fn zero(s: &mut String) {
    let len = s.len();
    s.clear();
    s.extend(std::iter::repeat_n('\0', len));
    s.clear();
}

/// Lines typed or pasted by the admin, read on a background thread: from the
/// terminal (`/dev/tty`) when standard input was used for the secret, else
/// from standard input (which is what the terminal is, or the rest of a pipe).
/// The channel closes at end of input.
pub fn lines(stdin_used: bool) -> mpsc::UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded_channel();
    std::thread::spawn(move || {
        let reader: Box<dyn BufRead> = match (stdin_used, open_tty()) {
            (true, Some(tty)) => Box::new(BufReader::new(tty)),
            _ => Box::new(std::io::stdin().lock()),
        };
        for line in reader.lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn open_tty() -> Option<Box<dyn Read + Send>> {
    #[cfg(unix)]
    {
        std::fs::File::open("/dev/tty")
            .ok()
            .map(|f| Box::new(f) as Box<dyn Read + Send>)
    }
    #[cfg(windows)]
    {
        std::fs::File::open("CONIN$")
            .ok()
            .map(|f| Box::new(f) as Box<dyn Read + Send>)
    }
    #[cfg(not(any(unix, windows)))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_line_end_is_removed() {
        assert_eq!(strip_eol("  s3cret \r\n"), "  s3cret ");
        assert_eq!(strip_eol("s3cret\n"), "s3cret");
        assert_eq!(strip_eol("s3cret"), "s3cret");
    }
}
