//! The sign-in page's language, as UPS.com picks it: the `loc` parameter
//! (`fr_CA`, `es_MX`, `de_DE`, `en_US`), else the browser's
//! `Accept-Language`, else English. The wizard never adds `loc` to UPS's real
//! authorize URL; the sandbox honours it (and the browser's language) so the
//! demo looks right in each language. These are UPS.com's words, not the
//! wizard's: they live here, not in the wizard's catalogs.

/// The texts of the sign-in page in one language.
pub(crate) struct Words {
    /// `lang` of the page (BCP 47).
    pub lang: &'static str,
    /// `loc` as UPS.com spells it.
    pub loc: &'static str,
    pub banner: &'static str,
    pub title: &'static str,
    pub heading: &'static str,
    /// Before and after the client ID.
    pub asks: (&'static str, &'static str),
    pub username: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub decline: &'static str,
    pub wrong: &'static str,
    pub expired: &'static str,
}

const EN: Words = Words {
    lang: "en-US",
    loc: "en_US",
    banner: "UPS SANDBOX — not the real UPS.com",
    title: "UPS SANDBOX — Sign in",
    heading: "Sign in to UPS",
    asks: ("The application ", " asks to access your UPS account."),
    username: "Username",
    password: "Password",
    sign_in: "Sign in",
    decline: "Decline",
    wrong: "The username or password you entered is incorrect.",
    expired: "This sign-in link has expired or was already used. Start again from the application.",
};

const ALL: [Words; 4] = [
    EN,
    Words {
        lang: "fr-CA",
        loc: "fr_CA",
        banner: "BAC À SABLE UPS — pas le vrai UPS.com",
        title: "BAC À SABLE UPS — Ouverture de session",
        heading: "Ouvrir une session UPS",
        asks: ("L'application ", " demande l'accès à votre compte UPS."),
        username: "Nom d'utilisateur",
        password: "Mot de passe",
        sign_in: "Ouvrir une session",
        decline: "Refuser",
        wrong: "Le nom d'utilisateur ou le mot de passe entré est incorrect.",
        expired: "Ce lien de connexion a expiré ou a déjà été utilisé. Recommencez depuis l'application.",
    },
    Words {
        lang: "es-MX",
        loc: "es_MX",
        banner: "SANDBOX DE UPS — no es el verdadero UPS.com",
        title: "SANDBOX DE UPS — Iniciar sesión",
        heading: "Iniciar sesión en UPS",
        asks: ("La aplicación ", " solicita acceso a su cuenta de UPS."),
        username: "Nombre de usuario",
        password: "Contraseña",
        sign_in: "Iniciar sesión",
        decline: "Rechazar",
        wrong: "El nombre de usuario o la contraseña que escribió son incorrectos.",
        expired: "Este enlace de inicio de sesión venció o ya se usó. Vuelva a empezar desde la aplicación.",
    },
    Words {
        lang: "de-DE",
        loc: "de_DE",
        banner: "UPS-SANDBOX — nicht das echte UPS.com",
        title: "UPS-SANDBOX — Anmelden",
        heading: "Bei UPS anmelden",
        asks: ("Die Anwendung ", " bittet um Zugriff auf Ihr UPS-Konto."),
        username: "Benutzername",
        password: "Passwort",
        sign_in: "Anmelden",
        decline: "Ablehnen",
        wrong: "Der eingegebene Benutzername oder das Passwort ist falsch.",
        expired: "Dieser Anmeldelink ist abgelaufen oder wurde bereits verwendet. Beginnen Sie erneut in der Anwendung.",
    },
];

fn language_of(tag: &str) -> &str {
    tag.split(['_', '-']).next().unwrap_or("")
}

/// The words for `loc` (exact, then by language), else for the first
/// language of `accept_language` we have, else English.
pub(crate) fn words(loc: Option<&str>, accept_language: Option<&str>) -> &'static Words {
    if let Some(loc) = loc.map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(w) = ALL.iter().find(|w| w.loc.eq_ignore_ascii_case(loc)) {
            return w;
        }
        if let Some(w) = ALL
            .iter()
            .find(|w| language_of(w.loc).eq_ignore_ascii_case(language_of(loc)))
        {
            return w;
        }
    }
    for tag in accept_language
        .unwrap_or_default()
        .split(',')
        .map(|t| t.split(';').next().unwrap_or("").trim())
    {
        if let Some(w) = ALL
            .iter()
            .find(|w| !tag.is_empty() && language_of(w.lang).eq_ignore_ascii_case(language_of(tag)))
        {
            return w;
        }
    }
    &ALL[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loc_then_accept_language_then_english() {
        assert_eq!(words(Some("fr_CA"), None).lang, "fr-CA");
        assert_eq!(words(Some("es_MX"), Some("de-DE")).lang, "es-MX");
        assert_eq!(words(Some("de_AT"), None).lang, "de-DE");
        assert_eq!(words(None, Some("de-DE,de;q=0.9,en;q=0.8")).lang, "de-DE");
        assert_eq!(words(None, Some("ja, fr-FR;q=0.5")).lang, "fr-CA");
        assert_eq!(words(Some("xx_YY"), None).lang, "en-US");
        assert_eq!(words(None, None).lang, "en-US");
    }
}
