//! The administrator's language: which of the wizard's locales to use, and
//! the messages of that locale's Fluent catalog (<https://projectfluent.org>).
//!
//! The catalogs are `locales/<locale>/wizard.ftl` at the repository root, one
//! per language, read by both sides: the UI formats its screens from them
//! (`ui/src/lib/i18n.svelte.ts`), this module the texts Rust shows itself
//! (tray menu and tooltip, desktop notifications: [`crate::watch`]). `en-US`
//! is the source; every other catalog has exactly its messages and variables
//! (the tests below fail otherwise). All four are compiled in, but only the
//! active one is parsed into a bundle.
//!
//! The CLI stays English and never calls this module.
//!
//! Choosing: the language saved in `settings.json` when the administrator
//! picked one, else the OS's preferred languages negotiated against
//! [`LOCALES`] (same language and region first, then the same language in any
//! region, then `en-US`). On Linux and other Unixes the preference is read
//! from the environment as gettext reads it (`LANGUAGE`, then the first of
//! `LC_ALL`, `LC_MESSAGES`, `LANG`), not from the C library's current locale:
//! a desktop session sets `LANG=fr_CA.UTF-8` even on a machine that has no
//! such locale generated, and the administrator still wants French.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The source locale: the fallback, and what the CLI and logs speak.
pub const SOURCE_LOCALE: &str = "en-US";

/// Every locale the wizard speaks, as BCP 47 tags (the folders of `locales/`).
pub const LOCALES: [&str; 4] = ["en-US", "fr-CA", "es-MX", "de-DE"];

/// The catalogs, by locale (in the order of [`LOCALES`]).
const CATALOGS: [(&str, &str); 4] = [
    ("en-US", include_str!("../../../locales/en-US/wizard.ftl")),
    ("fr-CA", include_str!("../../../locales/fr-CA/wizard.ftl")),
    ("es-MX", include_str!("../../../locales/es-MX/wizard.ftl")),
    ("de-DE", include_str!("../../../locales/de-DE/wizard.ftl")),
];

/// The Fluent source of `locale`'s catalog (one of [`LOCALES`]).
pub fn catalog(locale: &str) -> Option<&'static str> {
    CATALOGS
        .iter()
        .find(|(l, _)| *l == locale)
        .map(|(_, src)| *src)
}

/// Normalizes an OS or BCP 47 language tag to `(language, region)`, both
/// lower case: `fr_CA.UTF-8@euro` -> `("fr", Some("ca"))`, `de` -> `("de",
/// None)`. `C`, `POSIX` and empty tags name no language (`None`).
fn parse_tag(tag: &str) -> Option<(String, Option<String>)> {
    let tag = tag.split(['.', '@']).next().unwrap_or("").trim();
    if tag.is_empty() || tag.eq_ignore_ascii_case("C") || tag.eq_ignore_ascii_case("POSIX") {
        return None;
    }
    let mut parts = tag.split(['_', '-']);
    let language = parts.next()?.to_ascii_lowercase();
    if language.len() < 2 || !language.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // The region is the first 2-letter or 3-digit subtag (skipping a script such as `Latn`).
    let region = parts
        .find(|p| {
            (p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
                || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_ascii_lowercase);
    Some((language, region))
}

/// The best of [`LOCALES`] for the requested languages, most preferred first:
/// the first request that matches a locale's language and region, else the
/// first that matches a language (`fr-FR` -> `fr-CA`), else `en-US`.
pub fn negotiate<S: AsRef<str>>(requested: &[S]) -> &'static str {
    let parsed: Vec<(String, Option<String>)> = requested
        .iter()
        .filter_map(|r| parse_tag(r.as_ref()))
        .collect();
    let ours = LOCALES.map(|l| (l, parse_tag(l).unwrap_or_default()));
    for (language, region) in &parsed {
        if let Some((l, _)) = ours
            .iter()
            .find(|(_, (ol, or))| ol == language && region.is_some() && or == region)
        {
            return l;
        }
        if let Some((l, _)) = ours.iter().find(|(_, (ol, _))| ol == language) {
            return l;
        }
    }
    SOURCE_LOCALE
}

/// One of [`LOCALES`] if `tag` names one exactly (case-insensitive, `_` or `-`).
pub fn supported(tag: &str) -> Option<&'static str> {
    let wanted = parse_tag(tag)?;
    LOCALES
        .into_iter()
        .find(|l| parse_tag(l).as_ref() == Some(&wanted))
}

/// The OS's preferred languages, most preferred first.
pub fn os_requested() -> Vec<String> {
    #[cfg(any(windows, target_os = "macos"))]
    {
        sys_locale::get_locales().collect()
    }
    #[cfg(not(any(windows, target_os = "macos")))]
    {
        requested_from_env(|name| std::env::var(name).ok())
    }
}

/// gettext's order: `LANGUAGE` (a `:`-separated list), unless the locale is
/// `C`; then the locale: the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`.
pub fn requested_from_env(var: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    let locale = set("LC_ALL")
        .or_else(|| set("LC_MESSAGES"))
        .or_else(|| set("LANG"));
    let mut out = Vec::new();
    if locale.as_deref().and_then(parse_tag).is_some() {
        if let Some(list) = set("LANGUAGE") {
            out.extend(list.split(':').filter(|s| !s.is_empty()).map(String::from));
        }
    }
    out.extend(locale);
    out
}

/// The locale to use: the one saved in the settings when it is one of
/// [`LOCALES`], else the OS's preference negotiated against them.
pub fn choose(saved: Option<&str>) -> &'static str {
    saved
        .and_then(supported)
        .unwrap_or_else(|| negotiate(&os_requested()))
}

/// The messages of one locale, for the texts Rust shows (tray, notifications).
pub struct Localizer {
    locale: &'static str,
    bundle: FluentBundle<FluentResource>,
}

impl Localizer {
    /// The catalog of `locale` (negotiated: any tag works, unknown ones give `en-US`).
    pub fn new(locale: &str) -> Self {
        let locale = supported(locale).unwrap_or_else(|| negotiate(&[locale]));
        let source = catalog(locale).unwrap_or(CATALOGS[0].1);
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, errors)| {
            log::warn!("the {locale} catalog has syntax errors: {errors:?}");
            r
        });
        let langid = locale
            .parse()
            .unwrap_or_else(|_| unreachable!("LOCALES are valid tags"));
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Plain text for the tray and the notification server: no Unicode
        // isolation marks around placeables.
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            log::warn!("the {locale} catalog has duplicate messages: {errors:?}");
        }
        Localizer { locale, bundle }
    }

    /// The source locale's messages (what the tests and the logs read).
    pub fn english() -> Self {
        Self::new(SOURCE_LOCALE)
    }

    /// The locale's tag, one of [`LOCALES`].
    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// The message `id` with its named arguments; the ID itself when the
    /// catalog lacks it (the parity tests keep that from shipping).
    pub fn text(&self, id: &str, args: &[(&str, &str)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            log::warn!("message {id} is missing from the {} catalog", self.locale);
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            log::warn!("message {id} of {}: {errors:?}", self.locale);
        }
        text.into_owned()
    }
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("locale", &self.locale)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Localizer {
    fn eq(&self, other: &Self) -> bool {
        self.locale == other.locale
    }
}

impl Eq for Localizer {}

impl Default for Localizer {
    fn default() -> Self {
        Self::english()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn lang_as_a_desktop_session_sets_it_selects_the_locale() {
        // This machine's C library has no fr_CA locale generated: only the
        // variable counts.
        for (lang, want) in [
            ("fr_CA.UTF-8", "fr-CA"),
            ("es_MX.UTF-8", "es-MX"),
            ("de_DE.UTF-8", "de-DE"),
            ("en_US.UTF-8", "en-US"),
            ("fr_FR.UTF-8", "fr-CA"),
            ("es_ES", "es-MX"),
            ("de_AT.UTF-8@euro", "de-DE"),
            ("en_GB.UTF-8", "en-US"),
            ("ja_JP.UTF-8", "en-US"),
            ("C.UTF-8", "en-US"),
            ("POSIX", "en-US"),
        ] {
            let requested = requested_from_env(env(&[("LANG", lang)]));
            assert_eq!(negotiate(&requested), want, "LANG={lang}");
        }
    }

    #[test]
    fn gettext_precedence_of_the_variables() {
        let r = requested_from_env(env(&[
            ("LANG", "en_US.UTF-8"),
            ("LC_MESSAGES", "de_DE.UTF-8"),
        ]));
        assert_eq!(negotiate(&r), "de-DE");
        let r = requested_from_env(env(&[("LANG", "de_DE.UTF-8"), ("LC_ALL", "fr_CA.UTF-8")]));
        assert_eq!(negotiate(&r), "fr-CA");
        // LANGUAGE comes first, except under the C locale.
        let r = requested_from_env(env(&[("LANG", "en_US.UTF-8"), ("LANGUAGE", "es_MX:en")]));
        assert_eq!(negotiate(&r), "es-MX");
        let r = requested_from_env(env(&[("LANG", "C"), ("LANGUAGE", "es_MX:en")]));
        assert_eq!(negotiate(&r), "en-US");
        // An empty variable is not set.
        let r = requested_from_env(env(&[("LC_ALL", ""), ("LANG", "fr_CA.UTF-8")]));
        assert_eq!(negotiate(&r), "fr-CA");
        assert_eq!(negotiate::<&str>(&[]), "en-US");
    }

    #[test]
    fn negotiation_prefers_language_and_region_then_language() {
        assert_eq!(negotiate(&["fr-FR", "de-DE"]), "fr-CA");
        assert_eq!(negotiate(&["it-IT", "es-419"]), "es-MX");
        assert_eq!(negotiate(&["de-CH", "en-US"]), "de-DE");
        assert_eq!(supported("fr_CA"), Some("fr-CA"));
        assert_eq!(supported("fr-ca"), Some("fr-CA"));
        assert_eq!(supported("fr-FR"), None);
        assert_eq!(choose(Some("de-DE")), "de-DE");
    }

    #[test]
    fn each_locale_formats_its_messages_without_isolation_marks() {
        for locale in LOCALES {
            let l = Localizer::new(locale);
            assert_eq!(l.locale(), locale);
            let text = l.text("tray-fix-opt-in-again", &[("label", "Acme")]);
            assert!(text.starts_with("Acme"), "{locale}: {text}");
            assert!(!text.contains('\u{2068}'), "{locale}: {text:?}");
        }
        assert_eq!(
            Localizer::english().text("notice-reopt-needed-summary", &[("label", "Acme")]),
            "Acme needs a new opt-in"
        );
        assert_eq!(Localizer::new("fr_CA.UTF-8").locale(), "fr-CA");
        assert_eq!(Localizer::new("xx").locale(), "en-US");
    }
}
