//! The proxy's login (HTTP Basic, RFC 7617) in the keychain, like the other
//! secrets: service `ups-optin`, account
//! `proxy/<scheme>-<host>-<port>/proxy-login`, value `user:password`. It is
//! bound to one proxy address, so a different proxy (another variable, another
//! network) never receives it; it is never written to `settings.json` or
//! `connections.json`, and never shown.

use super::proxy::ProxyAddress;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The keychain account of `address`'s login.
pub fn account(address: &ProxyAddress) -> String {
    format!(
        "proxy/{}-{}-{}/proxy-login",
        address.scheme, address.host, address.port
    )
}

/// `user:password`, checked: a user name is needed and has no colon (Basic
/// cannot carry one), neither has control characters.
pub fn login_value(user: &str, password: &Secret) -> Result<Secret> {
    let user = user.trim();
    if user.is_empty() {
        return Err(Error::invalid(
            "proxy user name",
            "enter the user name the proxy expects (often your Windows or network login).",
        )
        .because("empty"));
    }
    if user.contains(':') {
        return Err(Error::invalid(
            "proxy user name",
            "a proxy user name cannot contain \":\" (HTTP Basic login). Check it with IT.",
        )
        .because("colon"));
    }
    if user.chars().any(char::is_control) || password.expose().chars().any(char::is_control) {
        return Err(Error::invalid(
            "proxy login",
            "the user name or password contains a control character (a line break?). Enter them again.",
        )
        .because("control-characters"));
    }
    if password.is_empty() {
        return Err(Error::invalid("proxy password", "enter the proxy password.").because("empty"));
    }
    Ok(Secret::new(format!("{user}:{}", password.expose())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_names_the_proxy_and_never_the_user() {
        let a = ProxyAddress {
            scheme: "http".into(),
            host: "proxy.corp".into(),
            port: 3128,
        };
        assert_eq!(account(&a), "proxy/http-proxy.corp-3128/proxy-login");
        let v = login_value(" alice ", &Secret::new("p:ss")).unwrap();
        assert_eq!(v.expose(), "alice:p:ss");
        for (user, pass) in [("", "x"), ("a:b", "x"), ("alice", ""), ("alice", "a\nb")] {
            let e = login_value(user, &Secret::new(pass)).unwrap_err();
            assert!(!e.to_string().contains("a\nb"), "{e}");
        }
    }
}
