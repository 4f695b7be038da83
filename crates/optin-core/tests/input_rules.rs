//! The shared input table (`tests/data/input_rules.json`) through the core's
//! checks; `ui/src/lib/validate.test.ts` runs the same table through the UI's
//! inline checks, so the two cannot drift apart.

use optin_core::input;

/// `x{80}`: 80 times `x` (long inputs stay readable in the table).
pub fn expand(input: &str) -> String {
    if let Some((unit, rest)) = input.split_once('{') {
        if let Some(n) = rest.strip_suffix('}').and_then(|n| n.parse::<usize>().ok()) {
            return unit.repeat(n);
        }
    }
    input.to_string()
}

#[test]
fn the_core_accepts_exactly_what_the_table_says() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/input_rules.json"
    ))
    .unwrap();
    let table: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rows = table["rows"].as_array().unwrap();
    assert!(rows.len() > 20);
    for row in rows {
        let field = row["field"].as_str().unwrap();
        let raw = expand(row["input"].as_str().unwrap());
        let ok = match field {
            "client_id" => input::client_id(&raw).is_ok(),
            "label" => input::label(&raw).is_ok(),
            "account" => input::accounts(std::slice::from_ref(&raw)).is_ok_and(|a| a.len() == 1),
            "connection_id" => optin_core::store::check_id(&raw).is_ok(),
            other => panic!("unknown field {other}"),
        };
        assert_eq!(ok, row["ok"].as_bool().unwrap(), "{field} {raw:?}");
    }
    // The limits the UI gets are the ones these checks use.
    assert_eq!(input::INPUT_RULES.max_label_chars, input::MAX_LABEL_LEN);
    assert_eq!(input::label("").unwrap(), input::INPUT_RULES.default_label);
}
