//! `ups-optin proxy`: the proxy used to reach UPS (a setting shared with the
//! wizard, in `settings.json`) and its login (in the keychain). The rules and
//! their precedence are the core's (`optin_core::network::proxy`).

use clap::Subcommand;
use optin_core::network::proxy::ProxySetting;
use optin_core::OptIn;

use crate::exit::Failure;
use crate::secret_input;

#[derive(Subcommand, Debug)]
pub enum ProxyAction {
    /// Show the proxy setting, the proxy variables and the route to each
    /// environment, with where it comes from (logins redacted).
    Show,
    /// Set the proxy: an address (http://host:port) used for every request to
    /// UPS, `auto` (the default: environment variables, then the system
    /// settings) or `none` (no proxy at all). NO_PROXY still applies.
    Set {
        #[arg(value_name = "URL|auto|none")]
        value: String,
    },
    /// Store the proxy's login (HTTP Basic) in the keychain. The password is
    /// read from standard input (one line) or a prompt without echo.
    Login {
        /// The proxy's user name.
        #[arg(long, value_name = "NAME")]
        user: String,
        /// The proxy the login is for (default: the proxy in use).
        #[arg(long, value_name = "URL")]
        proxy: Option<String>,
    },
    /// Remove the proxy's login from the keychain.
    Logout {
        /// The proxy the login is for (default: the proxy in use).
        #[arg(long, value_name = "URL")]
        proxy: Option<String>,
    },
}

pub async fn run(optin: &OptIn, action: ProxyAction) -> Result<(), Failure> {
    match action {
        ProxyAction::Show => {
            print!("{}", optin.network_report().await?.text());
            Ok(())
        }
        ProxyAction::Set { value } => {
            let setting = match value.trim() {
                "auto" | "automatic" => ProxySetting::Automatic,
                "none" | "direct" => ProxySetting::Direct,
                url => ProxySetting::manual(url)?,
            };
            let saved = optin.set_proxy(setting)?;
            match saved {
                ProxySetting::Automatic => println!(
                    "Proxy: automatic (HTTPS_PROXY/HTTP_PROXY/ALL_PROXY, then the system settings)."
                ),
                ProxySetting::Direct => println!("Proxy: none; UPS is reached directly."),
                ProxySetting::Manual { url } => println!(
                    "Proxy: {url} for every request to UPS. If it asks for a login, run `ups-optin proxy login --user NAME`."
                ),
            }
            Ok(())
        }
        ProxyAction::Login { user, proxy } => {
            let entered = secret_input::read_as("proxy password", secret_input::Source::Ask)?;
            let address = optin
                .set_proxy_login(proxy.as_deref(), &user, &entered.secret)
                .await?;
            println!("The login for the proxy {address} is stored in the keychain.");
            Ok(())
        }
        ProxyAction::Logout { proxy } => {
            let address = optin.remove_proxy_login(proxy.as_deref()).await?;
            println!("The login for the proxy {address} is removed from the keychain.");
            Ok(())
        }
    }
}
