//! What the `ups-optin` integration tests share (tests/cli.rs,
//! company_network.rs, verbose_logs.rs, leftovers.rs and, as Windows
//! binaries, windows.rs): the binary under test, the keychain switch, free
//! loopback ports, and one way to run the binary and read what it printed
//! ([`Out`], [`Running`]).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_ups-optin");
/// How long one `ups-optin` run may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(90);

/// Whether tests that store secrets may run: they need a real Secret Service
/// (`UPS_OPTIN_TEST_KEYCHAIN=1`, scripts/with-session.sh); otherwise says the
/// test was skipped.
pub fn keychain(test: &str) -> bool {
    if std::env::var("UPS_OPTIN_TEST_KEYCHAIN").as_deref() == Ok("1") {
        true
    } else {
        println!("skipped {test}: needs a Secret Service; set UPS_OPTIN_TEST_KEYCHAIN=1 inside a D-Bus session with an unlocked keyring");
        false
    }
}

/// A free loopback port (bound and released), so tests do not fight over one.
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What one run of the binary left: its exit code and output.
#[derive(Clone)]
pub struct Out {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Debug for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl From<Output> for Out {
    fn from(o: Output) -> Out {
        Out {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// The standard output of a run that must have succeeded (exit 0).
pub fn ok(o: Out) -> String {
    assert_eq!(o.code, Some(0), "{o:?}");
    o.stdout
}

/// A started `ups-optin`: its stdin, and its stderr read line by line.
pub struct Running {
    pub child: Child,
    stdin: Option<ChildStdin>,
    stdout: JoinHandle<String>,
    lines: mpsc::Receiver<String>,
    stderr: String,
}

/// Starts `c` with piped stdin, stdout and stderr.
pub fn spawn(mut c: Command) -> Running {
    c.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn ups-optin");
    let stdin = child.stdin.take();
    let mut out = child.stdout.take().expect("stdout");
    let stdout = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err = child.stderr.take().expect("stderr");
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    Running {
        child,
        stdin,
        stdout,
        lines,
        stderr: String::new(),
    }
}

/// Runs `c` to the end with `stdin` as its input.
pub fn run_with(c: Command, stdin: &str) -> Out {
    let mut r = spawn(c);
    r.write(stdin);
    r.close_stdin();
    r.finish()
}

impl Running {
    pub fn write(&mut self, s: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin
            .write_all(s.as_bytes())
            .and_then(|()| stdin.flush())
            .expect("write stdin");
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// The first stderr line matching `pred` (all lines are kept for the output).
    pub fn wait_line(&mut self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.stderr.push_str(&line);
                    self.stderr.push('\n');
                    if pred(&line) {
                        return line;
                    }
                }
                Err(_) => {
                    let _ = self.child.kill();
                    panic!(
                        "no matching line on stderr; stderr so far:\n{}",
                        self.stderr
                    );
                }
            }
        }
    }

    pub fn finish(mut self) -> Out {
        self.stdin = None;
        let deadline = Instant::now() + TIMEOUT;
        let code = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "ups-optin did not finish within {TIMEOUT:?}; stderr:\n{}",
                    self.stderr
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.stderr.push_str(&line);
            self.stderr.push('\n');
        }
        Out {
            code,
            stdout: self.stdout.join().expect("stdout reader"),
            stderr: self.stderr,
        }
    }
}
