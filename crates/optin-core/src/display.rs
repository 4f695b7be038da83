//! How values are shown to a person: a long input cut short, an identifier
//! masked to its last characters, a time in RFC 3339. One home for each, used
//! by the core's messages and status, the CLI and the app shell.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// At most `max` characters of `s`, with "…" when it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// Masks a non-secret identifier for display: only its last 4 characters show.
pub fn mask_tail(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("••••{tail}")
}

/// `2026-11-29T12:00:00Z` (RFC 3339), as every time in the status, the IPC
/// types and the CLI's output is written.
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn truncate_counts_characters_not_bytes() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("ééééé", 2), "éé…");
    }

    #[test]
    fn mask_shows_last_four_only() {
        assert_eq!(mask_tail("ABCDEFGH1234"), "••••1234");
        assert_eq!(mask_tail("ab"), "••••ab");
    }

    #[test]
    fn rfc3339_in_utc() {
        assert_eq!(
            rfc3339(datetime!(2026-11-29 12:00 UTC)),
            "2026-11-29T12:00:00Z"
        );
    }
}
