//! The webview stays on the app's own pages: navigation anywhere else (a
//! remote origin, a `file:` URL, another scheme) is refused. Links to UPS.com
//! open in the system browser through the opener plugin instead.

use url::Url;

/// Whether the webview may navigate to `url`.
pub fn allowed(url: &Url) -> bool {
    match url.scheme() {
        // The bundled UI (custom protocol): tauri://localhost on Linux/macOS,
        // http(s)://tauri.localhost on Windows.
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" if url.host_str() == Some("tauri.localhost") => true,
        // The Vite dev server, in debug builds only (`tauri dev`).
        "http" if cfg!(debug_assertions) => {
            url.host_str() == Some("localhost") && url.port() == Some(5173)
        }
        "about" => url.as_str() == "about:blank",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let table = [
            ("tauri://localhost/", true),
            ("tauri://localhost/index.html#x", true),
            ("http://tauri.localhost/", true),
            ("https://tauri.localhost/assets/a.js", true),
            ("http://localhost:5173/", cfg!(debug_assertions)),
            ("about:blank", true),
            ("https://www.ups.com/", false),
            ("https://evil.invalid/", false),
            ("http://localhost:8080/", false),
            ("http://127.0.0.1:47310/security/v1/oauth/authorize", false),
            ("file:///etc/passwd", false),
            ("tauri://evil.invalid/", false),
            ("javascript:alert(1)", false),
            ("upsoptin://oauth/callback?code=x", false),
            ("data:text/html,hi", false),
        ];
        for (raw, want) in table {
            assert_eq!(allowed(&Url::parse(raw).unwrap()), want, "{raw}");
        }
    }
}
