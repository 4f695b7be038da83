//! `ups-optin logout --leftovers`: keychain entries under service
//! `ups-optin` that no connection uses (a damaged connections.json, an
//! interrupted removal), listed with the client ID masked and removed after
//! the administrator confirms.

use std::io::{BufRead, IsTerminal, Write};

use optin_core::vault::EntryName;
use optin_core::OptIn;

use crate::exit::Failure;

pub async fn remove(optin: &OptIn, yes: bool) -> Result<(), Failure> {
    let found = optin.leftovers().await?;
    if found.is_empty() {
        println!("No leftover keychain entries: every entry under service \"ups-optin\" belongs to a connection.");
        return Ok(());
    }
    println!(
        "{} keychain entr{} under service \"ups-optin\" belong to no connection:",
        found.len(),
        if found.len() == 1 { "y" } else { "ies" }
    );
    for account in &found {
        println!("  {}", EntryName::masked(account));
    }
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::usage(
                "Nothing was removed. Run `ups-optin logout --leftovers --yes` to remove these entries without being asked.",
            ));
        }
        eprint!(
            "Remove them from the keychain? Product applications can no longer read them. [y/N] "
        );
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .map_err(|e| Failure::other(format!("cannot read the answer: {e}")))?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            println!("Nothing was removed.");
            return Ok(());
        }
    }
    let removed = optin.remove_leftovers(&found).await?;
    println!(
        "Removed {removed} leftover keychain entr{}.",
        if removed == 1 { "y" } else { "ies" }
    );
    Ok(())
}
