//! The Fluent catalogs of `locales/` (read by the UI and by the tray and
//! notifications): each parses, each locale has exactly the messages of the
//! source `en-US`, and every variable a source message uses appears in each
//! translation of it (a translation may not drop `{ $label }` or invent a
//! `{ $name }` the code never passes).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;
use optin_core::i18n::{catalog, LOCALES, SOURCE_LOCALE};

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
