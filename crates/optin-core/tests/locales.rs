//! The Fluent catalogs of `locales/` (read by the UI and by the tray and
//! notifications): each parses, each locale has exactly the messages of the
//! source `en-US`, and every variable a source message uses appears in each
//! translation of it (a translation may not drop `{ $label }` or invent a
//! `{ $name }` the code never passes).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;
use optin_core::i18n::{catalog, LOCALES, SOURCE_LOCALE};
use optin_core::network::failure::Detail;
use optin_core::network::proxy::{ProxySource, Via};

type Messages = BTreeMap<String, BTreeSet<String>>;

fn variables_of_pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            variables_of_expression(expression, out);
        }
    }
}

fn variables_of_inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => variables_of_expression(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                variables_of_inline(a, out);
            }
        }
        _ => {}
    }
}

fn variables_of_expression(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => variables_of_inline(i, out),
        ast::Expression::Select { selector, variants } => {
            variables_of_inline(selector, out);
            for v in variants {
                variables_of_pattern(&v.value, out);
            }
        }
    }
}

/// Message ID -> the variables it uses, of one catalog (which must parse).
fn messages(locale: &str, source: &str) -> Messages {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{locale}: syntax errors {errors:?}"));
    let mut out = Messages::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let value = m
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{locale}: {} has no value", m.id.name));
                variables_of_pattern(value, &mut vars);
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "{locale}: {} is defined twice",
                    m.id.name
                );
            }
            ast::Entry::Junk { content } => panic!("{locale}: unparsable text {content:?}"),
            _ => {}
        }
    }
    out
}

#[test]
fn every_locale_has_exactly_the_source_messages_and_their_variables() {
    let source = messages(SOURCE_LOCALE, catalog(SOURCE_LOCALE).unwrap());
    assert!(source.len() > 250, "{} messages", source.len());
    for locale in LOCALES {
        let translated = messages(locale, catalog(locale).unwrap());
        let missing: Vec<_> = source
            .keys()
            .filter(|k| !translated.contains_key(*k))
            .collect();
        let extra: Vec<_> = translated
            .keys()
            .filter(|k| !source.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale} has messages en-US does not: {extra:?}"
        );
        for (id, vars) in &source {
            assert_eq!(
                &translated[id], vars,
                "{locale}: {id} must use exactly the source's variables"
            );
        }
    }
}

#[test]
fn the_locale_list_is_the_folders_of_locales() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let mut folders: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut ours: Vec<String> = LOCALES.iter().map(|l| l.to_string()).collect();
    ours.sort();
    assert_eq!(folders, ours);
    // The compiled-in text is the file's (no stale copy).
    for locale in LOCALES {
        let on_disk = std::fs::read_to_string(dir.join(locale).join("wizard.ftl")).unwrap();
        assert_eq!(catalog(locale).unwrap(), on_disk, "{locale}");
    }
}

/// One of each error that carries parameters, with UPS's words as UPS sends them.
fn sample_errors() -> Vec<optin_core::Error> {
    use optin_core::error::Endpoint;
    use optin_core::Error;
    use std::time::Duration;
    vec![
        Error::InsecureUrl {
            what: "The base URL",
            url: "http://ups.example.invalid".into(),
        },
        Error::CallbackInvalid {
            detail:
                "it was sent to upsoptin://other, but this login expects upsoptin://oauth/callback"
                    .into(),
            reason: "wrong-address",
        },
        Error::CallbackUnknownState,
        Error::CallbackExpired,
        Error::AccessDenied {
            reason: "access_denied: User declined".into(),
        },
        Error::LoginNotPending,
        Error::LoginCancelled,
        Error::LoginTimedOut(Duration::from_secs(600)),
        Error::Busy(Duration::from_secs(60)),
        Error::UpsRejected {
            status: 401,
            ups_code: Some("10401".into()),
            message: "ClientId is Invalid".into(),
            endpoint: Endpoint::Token,
        },
        Error::UpsRejected {
            status: 403,
            ups_code: None,
            message: "Forbidden account".into(),
            endpoint: Endpoint::ClientCredentials,
        },
        Error::UpsUnreachable {
            status: Some(503),
            reason: "server-error",
            detail: "HTTP 503".into(),
        },
        Error::UpsRateLimited {
            retry_after: Some(Duration::from_secs(30)),
            ups_message: Some("Too Many Requests".into()),
        },
        Error::UpsRateLimited {
            retry_after: None,
            ups_message: None,
        },
        Error::ReoptNeeded {
            ups_message: "Invalid refresh token".into(),
        },
        Error::Keychain("locked".into()),
        Error::TokenNotSaved("locked".into()),
        Error::NotConnected("refresh token"),
        Error::ConnectionNotFound("3f2a9c1d7e4b".into()),
        Error::BrowserFailed("no browser".into()),
        Error::LoopbackPortBusy { port: 8765 },
        Error::ClientRefused {
            status: 401,
            ups_code: Some("10401".into()),
            ups_message: "ClientId is Invalid".into(),
            client_id: "abc".into(),
            redirect_uri: "upsoptin://oauth/callback".into(),
        },
        Error::ClientRefused {
            status: 400,
            ups_code: Some("10400".into()),
            ups_message: "Invalid redirect_uri".into(),
            client_id: "abc".into(),
            redirect_uri: "http://127.0.0.1:8765/callback".into(),
        },
        Error::CredentialsRejected {
            status: 401,
            ups_code: Some("10401".into()),
            ups_message: "ClientId is Invalid".into(),
        },
        Error::NewSecretRefused {
            status: 401,
            ups_code: None,
            ups_message: "ClientId is Invalid".into(),
        },
        Error::RotationNotSaved,
        Error::ProxyUnreachable {
            via: proxy(ProxySource::Environment("HTTPS_PROXY")),
            detail: Detail::new("timeout", "it did not answer in time"),
        },
        Error::ProxyRefused {
            via: proxy(ProxySource::Setting),
            host: "wwwcie.ups.com".into(),
            detail: Detail::new("closed", "it ended the connection without opening a tunnel"),
        },
        Error::ProxyAuthRequired {
            via: proxy(ProxySource::System),
            login_sent: true,
        },
        Error::ProxyAuthRequired {
            via: Via::Intercepting,
            login_sent: false,
        },
        Error::TlsUntrusted {
            host: "wwwcie.ups.com".into(),
            detail: Detail::new("unknown-issuer", "unknown issuer"),
            via: Some(proxy(ProxySource::Setting)),
        },
        Error::TlsUntrusted {
            host: "onlinetools.ups.com".into(),
            detail: Detail::new("other", "a bad TLS record"),
            via: None,
        },
        Error::DnsFailed {
            host: "onlinetools.ups.com".into(),
        },
        Error::ConnectionRefused {
            host: "127.0.0.1".into(),
            port: 4443,
        },
        Error::TimedOut {
            host: "wwwcie.ups.com".into(),
            via: Some(Via::Intercepting),
        },
        Error::TimedOut {
            host: "wwwcie.ups.com".into(),
            via: None,
        },
        // Input and configuration problems, the keychain, a non-token answer:
        // named by a reason, with their values.
        Error::invalid("Shipper account", "English")
            .because("not-account-number")
            .with("value", "12345"),
        Error::invalid("Label", "English")
            .because("too-long")
            .with("max", 64),
        Error::invalid("The redirect URI", "English")
            .because("not-https")
            .with("value", "ftp"),
        Error::invalid("Environment", "English")
            .because("client-id-in-use")
            .with("label", "Shipping app")
            .with("url", "https://wwwcie.ups.com/other"),
        Error::invalid("Connection", "English").because("a-reason-no-catalog-knows"),
        Error::configuration("English")
            .because("foreign-folder")
            .with("path", "/home/admin/.config/ups-optin")
            .with("uid", 1001),
        Error::configuration("English")
            .because("loopback-listen")
            .with("address", "127.0.0.1:8765")
            .with("detail", "Address family not supported (os error 97)"),
        Error::configuration("English").because("no-config-dir"),
        Error::KeychainUnavailable {
            message: "English".into(),
            detail: "org.freedesktop.DBus.Error.ServiceUnknown".into(),
        },
        Error::UpsBadResponse {
            status: 200,
            what: "an HTML page".into(),
            kind: "html",
        },
    ]
}

/// The proxy `http://proxy.example.invalid:3128`, from `source`.
fn proxy(source: ProxySource) -> Via {
    Via::Proxy {
        address: "http://proxy.example.invalid:3128".into(),
        source,
    }
}

#[test]
fn every_error_with_parameters_reads_in_every_locale_quoting_ups() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    for locale in LOCALES {
        let mut bundle = FluentBundle::new(vec![locale.parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(FluentResource::try_new(catalog(locale).unwrap().to_string()).unwrap())
            .unwrap();
        for e in sample_errors() {
            let view = optin_core::ErrorView::from(&e);
            let params = view.params.clone().expect("a localizable error");
            let code = serde_json::to_value(view.code).unwrap();
            let id = format!("error-{}", code.as_str().unwrap().replace('_', "-"));
            let message = bundle
                .get_message(&id)
                .unwrap_or_else(|| panic!("{locale} has no {id}"));
            let mut args = FluentArgs::new();
            for (k, v) in &params {
                args.set(k.as_str(), v.as_str());
            }
            let mut errors = vec![];
            let text = bundle.format_pattern(message.value().unwrap(), Some(&args), &mut errors);
            assert!(errors.is_empty(), "{locale} {id}: {errors:?}");
            for quoted in [
                "ups_message",
                "redirect_uri",
                "ups_code",
                "url",
                "port",
                "host",
                "proxy",
                "value",
                "label",
                "path",
                "max",
                "address",
                "status",
            ] {
                if let Some(v) = params.get(quoted).filter(|v| *v != "none") {
                    assert!(
                        text.contains(v.as_str()),
                        "{locale} {id} lacks {v:?}: {text}"
                    );
                }
            }
            assert!(!text.contains("none"), "{locale} {id}: {text}");
            assert!(
                locale == "en-US" || text != view.message,
                "{locale} {id} is the English message"
            );
        }
    }
}

/// The texts Rust shows itself (tray, notifications) come from the
/// catalogs: their code has no English sentence in a string literal (log
/// lines, which are for the developers, excepted).
#[test]
fn tray_and_notification_code_has_no_english_literal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for file in [
        "src-tauri/src/tray.rs",
        "src-tauri/src/notify.rs",
        "crates/optin-core/src/watch.rs",
        // What crosses IPC to the screens: notices and the check's answer are
        // codes with parameters, never a sentence built here.
        "src-tauri/src/ipc.rs",
        "src-tauri/src/notice.rs",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        // Only the shipped code: the unit tests below `#[cfg(test)]` may say anything.
        let code = text.split("#[cfg(test)]").next().unwrap();
        let mut offending = vec![];
        let mut in_log = false;
        for (n, line) in code.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            if trimmed.contains("log::") || in_log {
                in_log = !trimmed.ends_with(");");
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                let words = literal
                    .split_whitespace()
                    .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
                    .count();
                if words >= 2 {
                    offending.push(format!("{file}:{}: {literal:?}", n + 1));
                }
            }
        }
        assert!(
            offending.is_empty(),
            "English text outside the catalogs: {offending:#?}"
        );
    }
}
