//! Desktop Entry files (freedesktop.org Desktop Entry Specification 1.5):
//! writing an `Exec=` line that round-trips any install path, and reading one
//! back to see whether it passes the URL.
//!
//! An `Exec` value goes through two layers, and both are applied here:
//! 1. the command-line layer: an argument with a reserved character is
//!    double-quoted, and inside the quotes `"`, `` ` ``, `$` and `\` are
//!    backslash-escaped; a literal `%` is written `%%` (field codes are
//!    expanded before the line is split, so this holds inside quotes too);
//! 2. the string-value layer of the whole file: `\` is written `\\`.
//!
//! Control characters cannot be written at all: a CR or LF would end the line
//! and add keys of the attacker's choosing, so a path with one is refused.

use std::path::Path;

use crate::Error;

/// Characters that make the spec require quoting an argument.
const RESERVED: &[char] = &[
    ' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')',
    '`',
];

/// Checks that `exe` can be written into an `Exec=` line at all: absolute,
/// UTF-8 (desktop files are UTF-8) and free of control characters.
pub fn check_exec_path(exe: &Path) -> Result<&str, Error> {
    let Some(s) = exe.to_str() else {
        return Err(Error::UnwritablePath {
            path: exe.to_string_lossy().into_owned(),
            why: "it is not valid UTF-8, which a desktop entry cannot hold",
        });
    };
    if !exe.is_absolute() {
        return Err(Error::UnwritablePath {
            path: s.to_string(),
            why: "it is not an absolute path",
        });
    }
    if s.chars().any(char::is_control) {
        return Err(Error::UnwritablePath {
            path: s.escape_debug().to_string(),
            why: "it contains control characters (a line break would add keys to the entry)",
        });
    }
    Ok(s)
}

/// The command-line layer for one argument: quoted when needed, `%` doubled.
pub(crate) fn quote_arg(arg: &str) -> String {
    let mut out = String::with_capacity(arg.len() + 2);
    let quote = arg.contains(RESERVED);
    if quote {
        out.push('"');
    }
    for c in arg.chars() {
        match c {
            '%' => out.push_str("%%"),
            '"' | '`' | '$' | '\\' if quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    if quote {
        out.push('"');
    }
    out
}

/// The string-value layer (spec, "Possible value types"): `\` becomes `\\`;
/// the other escapes (`\s`, `\n`, `\t`, `\r`) are for characters that are
/// either refused (control characters) or need none here (no leading space:
/// the value starts with `/` or `"`).
pub(crate) fn escape_string_value(v: &str) -> String {
    v.replace('\\', "\\\\")
}

/// The `Exec` value that runs `exe` with the URL (`%u`).
pub fn exec_value(exe: &Path) -> Result<String, Error> {
    let s = check_exec_path(exe)?;
    Ok(escape_string_value(&format!("{} %u", quote_arg(s))))
}

/// The whole handler entry for `exe` and `scheme`.
pub fn entry_text(exe: &Path, scheme: &str) -> Result<String, Error> {
    crate::check_scheme(scheme)?;
    let exec = exec_value(exe)?;
    Ok(format!(
        "[Desktop Entry]\nType=Application\nName=UPS Opt-In Wizard (handler)\nComment=Receives UPS sign-in answers\nExec={exec}\nTerminal=false\nNoDisplay=true\nMimeType=x-scheme-handler/{scheme};\n"
    ))
}

/// Undoes the string-value layer.
pub fn unescape_string_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => out.push(' '),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// One argument of an `Exec` line after the command-line layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecArg {
    /// The text with quoting removed; `%%` and field codes are left as written.
    pub raw: String,
    /// Whether the argument was double-quoted (field codes are not allowed there).
    pub quoted: bool,
}

impl ExecArg {
    /// The text with `%%` turned into `%` (what runs when the arg has no field code).
    pub fn literal(&self) -> String {
        self.raw.replace("%%", "%")
    }

    /// The field codes (`u` for `%u`, …) in an unquoted argument.
    pub fn field_codes(&self) -> Vec<char> {
        if self.quoted {
            return Vec::new();
        }
        let mut codes = Vec::new();
        let mut chars = self.raw.chars();
        while let Some(c) = chars.next() {
            if c == '%' {
                match chars.next() {
                    Some('%') | None => {}
                    Some(code) => codes.push(code),
                }
            }
        }
        codes
    }
}

/// Splits an `Exec` value (already string-unescaped) into arguments per the
/// spec's quoting rules.
pub fn split_exec(exec: &str) -> Result<Vec<ExecArg>, String> {
    let mut args = Vec::new();
    let mut chars = exec.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        if first == '"' {
            chars.next();
            let mut raw = String::new();
            loop {
                match chars.next() {
                    None => return Err("a quoted argument is not closed".into()),
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(c @ ('"' | '`' | '$' | '\\')) => raw.push(c),
                        Some(c) => {
                            raw.push('\\');
                            raw.push(c);
                        }
                        None => return Err("a quoted argument is not closed".into()),
                    },
                    Some(c) => raw.push(c),
                }
            }
            if chars.peek().is_some_and(|c| *c != ' ' && *c != '\t') {
                return Err("a quoted argument runs into the next one".into());
            }
            args.push(ExecArg { raw, quoted: true });
        } else {
            let mut raw = String::new();
            while let Some(&c) = chars.peek() {
                if c == ' ' || c == '\t' {
                    break;
                }
                if c == '"' {
                    return Err("a quote starts inside an unquoted argument".into());
                }
                raw.push(c);
                chars.next();
            }
            args.push(ExecArg { raw, quoted: false });
        }
    }
    if args.is_empty() {
        return Err("the Exec line is empty".into());
    }
    Ok(args)
}

/// The keys of a desktop file's `[Desktop Entry]` group that matter here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// `Exec`, string-unescaped.
    pub exec: Option<String>,
    /// `MimeType`, split on `;`.
    pub mime_types: Vec<String>,
    /// `Hidden=true`: the entry counts as deleted.
    pub hidden: bool,
}

impl Entry {
    /// Reads the `[Desktop Entry]` group of a desktop file's text.
    pub fn parse(text: &str) -> Entry {
        let mut e = Entry::default();
        let mut in_group = false;
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.starts_with('[') {
                in_group = line == "[Desktop Entry]";
                continue;
            }
            if !in_group || line.starts_with('#') {
                continue;
            }
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            match k.trim() {
                "Exec" => e.exec = Some(unescape_string_value(v.trim_start())),
                "MimeType" => {
                    e.mime_types = v
                        .split(';')
                        .map(str::trim)
                        .filter(|m| !m.is_empty())
                        .map(String::from)
                        .collect()
                }
                "Hidden" => e.hidden = v.trim() == "true",
                _ => {}
            }
        }
        e
    }

    /// Why this entry would not hand a URL to its program, or `None` when it
    /// would: the Exec line must exist, split cleanly and carry `%u` or `%U`
    /// outside quotes (GLib's launcher turns `%f`/`%F` into nothing for a
    /// non-file URL, and with no field code it passes no argument at all).
    pub fn url_problem(&self) -> Option<String> {
        let Some(exec) = &self.exec else {
            return Some("it has no Exec line".into());
        };
        let args = match split_exec(exec) {
            Ok(a) => a,
            Err(e) => return Some(format!("its Exec line cannot be read: {e}")),
        };
        let codes: Vec<char> = args.iter().flat_map(ExecArg::field_codes).collect();
        if codes.iter().any(|c| *c == 'u' || *c == 'U') {
            None
        } else {
            Some(format!(
                "its Exec line ({exec}) has no %u or %U, so the link's address is not passed to the program"
            ))
        }
    }
}

/// Writes a desktop entry file `dir/name` (creating `dir`) beside, then
/// renames it into place: a desktop or a reader never sees half an entry.
#[cfg(unix)]
pub(crate) fn write_entry_file(
    dir: &Path,
    name: &str,
    text: &str,
) -> Result<std::path::PathBuf, Error> {
    let io = |action, path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    std::fs::create_dir_all(dir).map_err(io("create", dir))?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text).map_err(io("write", &tmp))?;
    let file = dir.join(name);
    std::fs::rename(&tmp, &file).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io("write", &file)(e)
    })?;
    Ok(file)
}
