# UPS Opt-In Wizard: en-US, the source catalog. Every other locale has
# exactly these messages and uses the same variables (tests: crates/optin-core
# i18n, ui/src/lib/i18n.test.ts). Read by the UI (screens) and by Rust (tray,
# notifications). Terms: client ID, client secret, shipper account, opt in,
# UPS Developer Portal.

app-name = UPS Opt-In Wizard
loading = Loading…
retry = Try again
back = Back
next = Continue
close = Close
cancel = Cancel
dismiss = Dismiss
new-window-note = (opens in your browser)


## errors
errors-generic = Something went wrong. Try again; if it keeps happening, copy the diagnostics and send them to support.
errors-load-failed = The app could not load its settings.
errors-code-label = Error code: { $code }


## banners
banners-keychain-title = The system keychain is not available
banners-keychain-fallback = Client secrets and tokens are stored in the system keychain, and it cannot be reached. Opt-ins cannot be saved until it works.
banners-keychain-backend = Keychain: { $backend }
banners-warnings-title = Notice
banners-dismiss-warning = Dismiss notice
banners-link-ignored-title = A link from the browser was not used
banners-demo-title = Demo mode
banners-demo-text = An offline UPS sandbox runs on this computer at { $url }. Choose the "Sandbox" environment; nothing reaches UPS.


## steps
steps-label = Opt-in steps
steps-name-before = Before you start
steps-name-environment = Environment
steps-name-credentials = Credentials
steps-name-opt-in = Opt in
steps-progress = Step { $current } of { $total }


## welcome
welcome-title = Opt in your UPS shipper accounts
welcome-intro = UPS now uses OAuth to let applications use your shipping accounts. As the company administrator, you opt in once so this application can use the shipper accounts you allow. Users of the application sign in as before.
welcome-checklist-legend = Before you start, tick each step you have done
welcome-step1 = I have a UPS.com user account, and it is not a UPS.com account used for CampusShip.
welcome-step2 = My shipper accounts are associated with that UPS.com user on UPS.com, by a recent invoice or by a PIN sent to the account contact UPS has on file. (For large numbers of accounts, my UPS account executive can help.)
welcome-step3 = I am ready to opt in, and I know I must opt in again whenever the password of that UPS.com user changes.
welcome-not-all-ticked = Tick all three steps to continue. Do the missing ones on UPS.com first.
welcome-links-title = Useful links
welcome-ups-com = UPS.com
welcome-developer-portal = UPS Developer Portal (client ID and secret)
welcome-start = Start
welcome-back-to-status = Back to connections


## environment
environment-title = Choose the environment and the method
environment-environment-legend = UPS environment
environment-sandbox = Sandbox (offline demo)
environment-sandbox-hint = A local stand-in for UPS. Nothing leaves this computer.
environment-cie = Test (CIE)
environment-cie-hint = UPS's customer integration environment, for trying things out.
environment-production = Production
environment-production-hint = Your real UPS shipper accounts.
environment-advanced = Advanced
environment-custom = Custom base URL
environment-custom-url = Base URL
environment-custom-with-url = Custom base URL: { $url }
environment-custom-url-hint = For example https://wwwcie.ups.com. Must use https (plain http only to this computer).
environment-method-legend = How to opt in
environment-browser-hint = Your browser opens UPS.com: sign in with the UPS.com user that has the shipper accounts and allow access.
environment-client-credentials-hint = Uses only the client ID and secret of an app created on the UPS Developer Portal.
environment-label = Label
environment-label-hint = The name of the product that uses these accounts, for example the shipping software's name.


## credentials
credentials-title = Enter the app credentials
credentials-intro = Use the client ID and client secret of your app on the UPS Developer Portal.
credentials-client-id = Client ID
credentials-client-secret = Client secret
credentials-client-id-field = client ID
credentials-client-secret-field = client secret
credentials-show-secret = Show secret
credentials-trimmed-note = Spaces or line breaks at the start or end of the { $field } were removed.
credentials-route-legend = How UPS.com returns to this app (redirect URI)
credentials-deep-link = Deep link (recommended)
credentials-deep-link-hint = The browser hands the result to this app through its link type.
credentials-loopback = Loopback
credentials-loopback-hint = The browser returns to a small listener on this computer.
credentials-bounce = HTTPS bounce page
credentials-bounce-hint = Your own https page that forwards to this app.
credentials-bounce-url = Bounce page URL
credentials-redirect-title = Register exactly this redirect URI for your app at UPS
credentials-redirect-missing = Enter the bounce page URL above to see the redirect URI.
credentials-copy-redirect = Copy redirect URI
credentials-check-with-ups = Check with UPS
credentials-checking = Asking UPS…
credentials-check-accepted = UPS accepts this redirect URI for this client ID.
credentials-check-needs-id = Enter the client ID first.
credentials-advanced = Advanced
credentials-pkce-body = Send code_verifier without Basic auth (PKCE body mode)
credentials-pkce-body-hint = Only if UPS support asked for it.
credentials-accounts-legend = Shipper account numbers (optional)
credentials-accounts-hint = Each is 6 letters or digits, as on your UPS invoice. With “Client ID and secret only”, the wizard asks UPS to confirm each one.
credentials-account-label = Shipper account { $n }
credentials-remove-account = Remove shipper account { $n }
credentials-remove = Remove
credentials-add-account = Add account number
credentials-demo-title = Offline demo credentials
credentials-demo-intro = The sandbox accepts these. Use the user name and password on its sign-in page.
credentials-demo-client-id = Client ID
credentials-demo-client-secret = Client secret
credentials-demo-user = User name
credentials-demo-password = Password
credentials-demo-fill = Fill in
credentials-demo-filled = Client ID and secret filled in.


## validation
validation-empty = Enter the { $field }.
validation-too-long = The { $field } is longer than { $max } characters.
validation-bad-chars = The { $field } contains a space, a control character or a character outside plain ASCII. Copy it again from the UPS Developer Portal.
validation-label-empty = Enter a label, for example the product's name.
validation-label-too-long = The label is longer than { $max } characters.
validation-label-bad-chars = The label contains a control character.
validation-url-empty = Enter the URL.
validation-url-invalid = This is not a complete URL (it should look like https://example.com).
validation-url-not-https = The URL must start with https://.
validation-url-insecure = The URL must use https:// (plain http is allowed only for this computer).
validation-account-invalid = Shipper account { $n } must be exactly { $chars } letters or digits.
validation-account-duplicate = Shipper account { $n } is listed twice.
validation-fix-below = Correct the fields marked below.


## optIn
opt-in-title = Opt in
opt-in-reopt-title = Opt in again: { $label }
opt-in-summary-title = Summary
opt-in-summary-environment = Environment
opt-in-summary-method = Method
opt-in-summary-label = Label
opt-in-summary-redirect = Redirect URI
opt-in-summary-accounts = Shipper accounts
opt-in-summary-no-accounts = None listed
opt-in-browser-intro = Select Opt in: your browser opens UPS.com. Sign in with the UPS.com user that has the shipper accounts, and allow access. Then come back here.
opt-in-client-credentials-intro = Select Opt in: the app asks UPS for a token with the client ID and secret, and checks each shipper account.
opt-in-reopt-intro = The stored client ID and secret are used again. Sign in on UPS.com with the user that has the shipper accounts.
opt-in-button = Opt in
opt-in-other-routes = Use another route
opt-in-other-routes-hint = Each route sends its own redirect URI (shown in the summary above). Register that one for your app on the UPS Developer Portal too, then select Opt in again.
opt-in-starting = Checking with UPS, then opening UPS.com…
opt-in-verifying = Checking with UPS…
opt-in-waiting-title = Waiting for UPS.com
opt-in-waiting-status = Sign in on UPS.com in your browser and allow access. This window updates by itself.
opt-in-waiting-progress = Waiting for the sign-in on UPS.com
opt-in-time-left = Time left
opt-in-timed-out = Time ran out for this sign-in link. Start the opt-in again.
opt-in-start-again = Start again
opt-in-saving = Saving…
opt-in-saving-status = UPS.com answered. Saving the authorization…
opt-in-cancel = Cancel opt-in
opt-in-cancelled = The opt-in was cancelled.
opt-in-open-again = Open sign-in page again
opt-in-reopened = The sign-in page was opened again.
opt-in-copy-link = Copy sign-in link
opt-in-browser-not-opened = The browser did not open
opt-in-browser-not-opened-help = Copy this sign-in link and open it in your browser:
opt-in-paste-title = Paste the address from your browser
opt-in-paste-help = If your browser shows an address starting with the redirect URI after you allowed access, but nothing happened here, copy the whole address from the browser's address bar and paste it here.
opt-in-paste-label = Address from the browser
opt-in-paste-submit = Use this address
opt-in-paste-empty = Paste the address first.
opt-in-rejected-link = A link from the browser was ignored:
opt-in-failed-title = The opt-in did not complete
opt-in-try-again = Try again
opt-in-still-waiting = The sign-in is still open: you can try again on UPS.com.
opt-in-verified-title = Opt-in saved
opt-in-verified-intro = UPS issued a token. Result for each shipper account:
opt-in-done = Go to connections


## status
status-title = UPS connections
status-intro = Connections this app keeps authorized with UPS.
status-empty = There are no connections yet.
status-add-first = Add a connection
status-add-another = Add another connection
status-copy-diagnostics = Copy diagnostics
status-diagnostics-copied = Diagnostics copied. Secrets and tokens are left out.
status-list-label = Connections
status-connected-notice = Opt-in complete: { $label } is connected.
status-reopt-banner-title = Opt in again
status-reopt-banner-text = UPS no longer accepts the opt-in of the connections below. This happens when the password of the UPS.com user who opted in is changed: changing the UPS.com password invalidates the opt-in. Opt in again with that user to reconnect.
status-reopt-button = Opt in again: { $label }
status-removed = { $label } was removed.
status-start-at-login = Start at login
status-start-at-login-help = Starts the wizard hidden in the tray when you log in, so it renews every connection and tells you when one needs you.
status-start-at-login-on = Start at login is on: the wizard starts hidden in the tray when you log in.
status-start-at-login-off = Start at login is off.
status-tray-hint-title = The wizard keeps running in the tray
status-tray-hint-text = Closing this window keeps the wizard in the tray, where it renews your connections and notifies you when one needs you. Close the window again to hide it; choose Quit in the tray menu to stop it.
status-tray-hint-dismiss = Got it
status-open-connection-gone = That connection no longer exists.
status-open-connection-fine = { $label } is connected: nothing to do.


## card
card-environment = Environment
card-client-id = Client ID
card-method = Method
card-redirect-uri = Redirect URI
card-access-token = Access token
card-access-expires-in = expires in
card-access-expired = expired
card-no-token = none
card-refresh-token = Refresh token
card-refresh-valid-until = valid until { $date }
card-last-refresh = Last refresh
card-never = never
card-created = Added
card-last-error = Last error
card-last-error-at = at { $when }
card-accounts = Shipper accounts
card-no-accounts = No shipper account numbers listed.
# { $parts } is the list of the counts below, joined by the locale's list rules.
card-accounts-summary = { $total ->
        [one] { $total } shipper account
       *[other] { $total } shipper accounts
    }: { $parts }.
card-accounts-verified = { $count } verified
card-accounts-refused = { $count } refused
card-accounts-unchecked = { $count } not checked
card-show-all-accounts = Show all { $total } accounts
card-show-details = Show details
card-hide-details = Hide details
card-show-fewer-accounts = Show fewer accounts
card-verified = Verified
card-refused = Refused
card-unchecked = Not checked
card-checked-at = checked { $when }
card-token-unsaved = A new token is held only in memory because it could not be saved to the keychain. Fix the keychain, then select Refresh now; if the app closes first, you will have to opt in again.
card-actions-label = Actions for { $label }
card-refresh = Refresh now
card-refreshing = Refreshing…
card-refreshed = Refreshed.
card-test = Test connection
card-testing = Testing…
card-tested = Test finished.
card-reopt = Opt in again
card-remove = Remove
card-update-secret = Update client secret
card-secret-updated = UPS accepted the new client secret. It is saved; the opt-in and the shipper accounts were kept.


## secretDialog
secret-dialog-title = Update client secret: { $label }
secret-dialog-body = Enter the client secret shown now on your app's page on the UPS Developer Portal. The app checks it with UPS first and saves it only if UPS accepts it.
secret-dialog-label = New client secret
secret-dialog-confirm = Check and save
secret-dialog-checking = Checking with UPS…


## removeDialog
remove-dialog-title = Remove { $label }?
remove-dialog-body = The connection is removed from this app, and its client secret and tokens are deleted from the system keychain. To use it again, you will have to opt in again.
remove-dialog-confirm = Remove connection
remove-dialog-removing = Removing…


## copy
copy-copy = Copy
copy-copied = Copied.
copy-failed = Could not copy. Select the text and copy it with Ctrl+C (⌘C on a Mac).


## Connection states (status screen, cards)

state-connected-name = Connected
state-connected-detail = UPS accepts this connection.
state-expiring-name = Expiring soon
state-expiring-detail = The refresh token expires within 7 days. Opt in again to keep this connection.
state-reopt-needed-name = Opt in again
state-reopt-needed-detail = UPS no longer accepts this opt-in, for example because the UPS.com password was changed.
state-unreachable-name = UPS unreachable
state-unreachable-detail = UPS could not be reached at the last attempt. Check the network, then select Refresh now.
state-not-connected-name = Not connected
state-not-connected-detail = There is no valid authorization. Opt in to connect.
state-credentials-rejected-name = Client secret refused
state-credentials-rejected-detail = UPS refused the client ID or secret, for example because the secret was regenerated on the UPS Developer Portal. Select Update client secret and enter the current one; the opt-in and the shipper accounts are kept.

## Methods

method-browser = Opt in with UPS.com
method-client-credentials = Client ID and secret only

## Hints under an error's message, per error code

error-hint-access-denied = If you declined by mistake, select Opt in and allow access on UPS.com.
error-hint-callback-expired = The sign-in took too long. Start the opt-in again.
error-hint-login-timed-out = Nothing came back from UPS.com in time. Start the opt-in again.
error-hint-ups-unreachable = Check the internet connection and any proxy or firewall, then try again.
error-hint-ups-rate-limited = UPS is limiting requests. Wait a minute, then try again.
error-hint-reopt-needed = Opt in again with the UPS.com user that has the shipper accounts.
error-hint-keychain-unavailable = Start or unlock the system keychain (on Linux, a Secret Service such as GNOME Keyring or KWallet), then try again.
error-hint-loopback-port-busy = Another program uses the loopback port. Close it, or choose the deep link route instead.
error-hint-browser-failed = Copy the sign-in link and open it in your browser yourself.
error-hint-client-refused = Register exactly the redirect URI shown as your app's Callback URL on the UPS Developer Portal, or choose another route under Back, then select Check with UPS.
error-hint-credentials-rejected = Copy the current client secret from your app's page on the UPS Developer Portal.
error-hint-proxy-unreachable = The proxy could not be reached. Check its address under Environment, Advanced, Proxy (Copy diagnostics shows where it comes from), or ask IT.
error-hint-proxy-refused = The proxy would not connect to UPS. Ask IT to allow wwwcie.ups.com and onlinetools.ups.com through the proxy.
error-hint-proxy-auth-required = The proxy wants a login. Enter its user name and password under Environment, Advanced, Proxy login; they are kept in the system keychain.
error-hint-tls-untrusted = Your network inspects secure connections with a certificate this computer does not trust. Ask IT to install the company root certificate on this computer. Certificate checks are never turned off.
error-hint-dns-failed = The UPS address could not be found. Check the network connection; if your network reaches the internet only through a proxy, set it under Environment, Advanced, Proxy.
error-hint-connection-refused = Nothing answered at that address. Check the environment's address; if your network needs a proxy, set it under Environment, Advanced, Proxy.
error-hint-timed-out = No answer in time. Check the network connection, and whether your network needs a proxy (Environment, Advanced, Proxy).

## Language menu

language-label = Language
language-system = System default: { $name }
# This language's name in itself, as the language menu lists it (each catalog has its own).
language-endonym = English (United States)

## Tray (Rust: crates/optin-core/src/watch.rs)

tray-tooltip-empty = UPS Opt-In Wizard: no connection set up yet
tray-tooltip-all-connected = UPS Opt-In Wizard: all connections connected
tray-tooltip-attention = UPS Opt-In Wizard: needs attention: { $names }
tray-tooltip-unreachable = UPS Opt-In Wizard: UPS unreachable for { $names } (retrying)
tray-open = Open UPS Opt-In Wizard
tray-fix-opt-in-again = { $label }: Opt in again…
tray-fix-update-secret = { $label }: Update secret…
tray-refresh-all = Refresh all now
tray-quit = Quit

## Desktop notifications (Rust: crates/optin-core/src/watch.rs)

notice-credentials-rejected-summary = { $label } needs its client secret again
notice-credentials-rejected-body = UPS refused the stored client ID or secret (it may have been regenerated at developer.ups.com). Open the wizard and choose Update client secret; the opt-in and the shipper accounts are kept.
notice-reopt-needed-summary = { $label } needs a new opt-in
notice-reopt-needed-body = UPS no longer accepts its sign-in (the UPS.com password was changed or the opt-in ended). Open the wizard and choose Opt in again.
notice-expiring-summary = { $label }: the opt-in expires soon
notice-expiring-body = UPS ends it on { $date }. Open the wizard and choose Opt in again before then.
notice-expiring-body-no-date = UPS ends it within a week. Open the wizard and choose Opt in again before then.
notice-not-connected-summary = { $label } is no longer connected
notice-not-connected-body = The keychain holds no tokens for it. Open the wizard and choose Opt in again.
notice-attention-summary = { $label } needs attention
notice-attention-body = Open the wizard to see what to do.
notice-unreachable-summary = { $label }: UPS has been unreachable for over an hour
notice-unreachable-body = The wizard keeps retrying in the background. Check this computer's network or proxy; products using this connection may fail to ship meanwhile.
notice-recovered-summary = { $label } is connected again
notice-recovered-body = Its tokens are renewed in the background again; nothing else to do.

## Errors as data: error-<code>, with the parameters of optin-core's
## Error::params. UPS's code and message ($ups_code, $ups_message), the
## redirect URI sent and technical details ($detail) are quoted as they came.
## $ups_code and $ups_message are "none" when UPS sent none; $case picks the
## variant of a code that has several.

error-insecure-url = { $url } uses plain http to a host that is not this computer. Use https, or http only for 127.0.0.1, ::1 or localhost.
error-callback-invalid = { $case ->
        [rejected-link] The wizard ignored a link that is not the answer to a sign-in in progress. Nothing was changed. To sign in, use the browser window the wizard opened, or paste the address that window ends on.
       *[answer] This sign-in answer is not for this wizard: { $reason ->
            [empty] the address is empty
            [too-long] the address is too long
            [control-characters] the address contains control characters
            [not-address] it is not a web address
            [too-many-parameters] it carries too many parameters
            [parameter-too-long] one of its parameters is too long
            [parameter-nul] one of its parameters contains a NUL byte
            [parameter-twice] one of its parameters appears twice
            [no-state] the state parameter is missing
            [wrong-address] it was sent to another address than the redirect URI this login expects
            [no-code] the code parameter is missing
           *[other] technical detail: { $detail }
        }. Nothing was changed; finish the sign-in in the browser window the wizard opened, or paste its final address again.
    }
error-callback-unknown-state = This sign-in answer does not belong to a login in progress (it may be an old or repeated link). Nothing was changed. Start the opt-in again to get a new sign-in link.
error-callback-expired = This sign-in answer arrived after the login expired (logins last 10 minutes). Nothing was changed. Start the opt-in again.
error-login-not-pending = No login is waiting for a sign-in answer. Start the opt-in first.
error-login-cancelled = The login was cancelled. Nothing was stored. Start the opt-in again when you are ready.
error-access-denied = UPS did not grant access: { $reason }. Nothing was stored. If that was a mistake, start the opt-in again and approve the request on UPS.com.
error-login-timed-out = No sign-in answer arrived within { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Nothing was stored. Start the opt-in again, or paste the address the browser ended on.
error-busy = Another process has been refreshing this connection for more than { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Try again; if it persists, close other programs that use this connection.
error-ups-rejected = UPS refused the request at { $endpoint } (HTTP { $status }{ $ups_code ->
        [none] {""}
       *[other] , code { $ups_code }
    }): { $ups_message }. Nothing stored was changed. { $case ->
        [credentials] Check the client ID and secret on your app's page at developer.ups.com, and that the redirect URI registered there is exactly the one shown here.
        [account] Check that the shipper account is associated with your UPS.com user (invoice or PIN method on UPS.com).
       *[other] Check the values you entered, then try again.
    }
error-ups-unreachable = UPS could not be reached ({ $reason ->
        [server-error] UPS answered HTTP { $status }, a problem on its side
        [not-ups] HTTP { $status } came back from something that is not UPS: a proxy, firewall, captive portal or content filter between this computer and UPS probably answered instead, and nothing was spent
        [tls-failed] the secure connection failed
        [connect-failed] no connection could be made
        [connection-broke] the connection broke while reading the answer
        [request-failed] the request failed
       *[other] technical detail: { $detail }
    }). Nothing stored was changed. Check the network connection and try again in a few minutes.
error-ups-rate-limited = UPS is limiting requests (HTTP 429{ $ups_message ->
        [none] {""}
       *[other] : { $ups_message }
    }). Nothing stored was changed. Wait { $seconds ->
        [none] a minute
        [one] { $seconds } second
       *[other] { $seconds } seconds
    } and try again.
error-reopt-needed = UPS no longer accepts this opt-in ({ $ups_message }). This happens when the UPS.com password of the user who opted in was changed. Opt in again to reconnect; the stored client ID and secret are kept.
error-keychain-error = The keychain refused the operation ({ $detail }). Nothing was written in plain text. Unlock the keychain (or allow this app to use it) and try again.
error-token-not-saved = { $case ->
        [rotation] A renewed refresh token of this connection is not saved in the keychain (the keychain refused it), and the one the keychain holds was already used, so it was not sent to UPS. Unlock the keychain: a wizard that holds the new token saves it then. If no wizard holds it, opt in again.
       *[held] UPS issued a new token but the keychain could not save it ({ $detail }). The token is kept in memory and saving is retried; keep the wizard open and unlock the keychain.
    }
error-not-connected = The keychain has no { $what ->
        [client-secret] client secret
        [refresh-token] refresh token
       *[other] token
    } for this connection (it may have been deleted outside the wizard). Opt in again to reconnect.
error-connection-not-found = No connection has the ID { $id }. Open the status screen to see the connections.
error-browser-failed = The browser could not be opened ({ $detail }). Copy the sign-in link and open it in your browser yourself.
error-loopback-port-busy = Port { $port } on this computer is in use by another program, so the wizard cannot receive the sign-in answer there. Close that program, or choose the deep-link route.
error-client-refused = UPS refused this client ID and redirect URI before sign-in (validate-client, HTTP { $status }{ $ups_code ->
        [none] {""}
       *[other] , code { $ups_code }
    }: { $ups_message }). The redirect URI sent was exactly "{ $redirect_uri }". No browser was opened and nothing was stored. { $case ->
        [client] Check the client ID: copy it again from your app's page at developer.ups.com. If it is right, check that the app's Callback URL there is exactly this redirect URI.
       *[redirect] Register exactly this address as your app's Callback URL at developer.ups.com (character for character: case, trailing slash and port count), or choose another route.
    } Then try again.
error-credentials-rejected = { $case ->
        [new] UPS refused the new client secret (HTTP { $status }{ $ups_code ->
            [none] {""}
           *[other] , code { $ups_code }
        }: { $ups_message }). Nothing was changed: the stored secret, tokens and shipper accounts are as before. Copy the secret again from your app's page at developer.ups.com (Credentials), check it belongs to this client ID, and try again.
       *[stored] UPS refused this connection's client ID or secret (HTTP { $status }{ $ups_code ->
            [none] {""}
           *[other] , code { $ups_code }
        }: { $ups_message }). This happens when the client secret was regenerated on your app's page at developer.ups.com, or the app was deleted there. The opt-in and the shipper accounts are kept: enter the app's current client secret to reconnect.
    }

## Company networks: the proxy a request went through is $proxy (its
## address) and $proxy_source: "setting" (the proxy setting), "system" (the
## OS settings), "intercepting" (a proxy nobody set up, then $proxy is not
## passed), the name of the environment variable it comes from, or "none"
## (no proxy). $reason says why a connection or a certificate failed; for
## "other", $detail is the technical detail in English, quoted as it came.

error-proxy-unreachable = This computer could not reach { $proxy_source ->
        [setting] the proxy { $proxy } (from the proxy setting)
        [system] the proxy { $proxy } (from the system settings)
        [intercepting] a proxy between this computer and UPS (not set up here: it intercepts the traffic)
       *[other] the proxy { $proxy } (from { $proxy_source })
    } ({ $reason ->
        [dns] its name could not be found (DNS)
        [refused] the connection was refused: nothing answers at that address
        [timeout] it did not answer in time
       *[other] technical detail: { $detail }
    }). Nothing stored was changed. Check the proxy's address (Copy diagnostics on the connections screen shows where it comes from), or ask IT for the right one, then try again.
error-proxy-refused = { $host } could not be reached: { $proxy_source ->
        [setting] the proxy { $proxy } (from the proxy setting)
        [system] the proxy { $proxy } (from the system settings)
        [intercepting] a proxy between this computer and UPS (not set up here: it intercepts the traffic)
       *[other] the proxy { $proxy } (from { $proxy_source })
    } refused to open a connection to it ({ $reason ->
        [blocked] it did not answer 200 to CONNECT: the proxy blocks it, or could not reach it (HTTP 403 or 502)
        [blocked-login] it did not answer 200 to CONNECT: the proxy blocks it, could not reach it (HTTP 403 or 502), or did not accept the proxy login sent (HTTP 401): if the login is wrong, enter it again under Environment, Advanced, Proxy login
        [closed] it ended the connection without opening a tunnel
       *[other] technical detail: { $detail }
    }). Nothing stored was changed. Ask IT to allow { $host } through the proxy (or check that { $host } is the right address), then try again.
error-proxy-auth-required = { $case ->
        [refused] The proxy login was refused by
       *[needed] A login is needed for
    } { $proxy_source ->
        [setting] the proxy { $proxy } (from the proxy setting)
        [system] the proxy { $proxy } (from the system settings)
        [intercepting] a proxy between this computer and UPS (not set up here: it intercepts the traffic)
       *[other] the proxy { $proxy } (from { $proxy_source })
    } (HTTP 407). Nothing stored was changed. Enter the proxy's user name and password under Environment, Advanced, Proxy login; they are kept in the keychain, never in a file. Then try again.
error-tls-untrusted = { $host } answered with a certificate signed by a certificate authority this computer does not trust ({ $reason ->
        [unknown-issuer] unknown issuer
        [bad-signature] bad signature
        [expired] the certificate has expired
        [not-valid-yet] the certificate is not valid yet
        [revoked] the certificate was revoked
        [wrong-name] the certificate is for another name
        [wrong-purpose] the certificate is not for a server
        [certificate] the certificate was refused
       *[other] technical detail: { $detail }
    }){ $proxy_source ->
        [none] {""}
        [setting] , reached through the proxy { $proxy } (from the proxy setting)
        [system] , reached through the proxy { $proxy } (from the system settings)
        [intercepting] , reached through a proxy between this computer and UPS (not set up here: it intercepts the traffic)
       *[other] , reached through the proxy { $proxy } (from { $proxy_source })
    }. This is typical of company networks that inspect TLS: ask IT to install the company's root certificate in this computer's certificate store (or to exempt { $host } from inspection), then try again. Nothing stored was changed; certificate checks are never turned off.
error-dns-failed = The name { $host } could not be found (DNS). Nothing stored was changed. Check the network connection and this computer's DNS; if this network only reaches the internet through a proxy, set it (under Environment, Advanced, Proxy, or with HTTPS_PROXY or the system settings), then try again.
error-connection-refused = { $host } refused the connection on port { $port }: nothing answers there. Nothing stored was changed. Check the environment's address; if this network only reaches the internet through a proxy, set it (under Environment, Advanced, Proxy, or with HTTPS_PROXY or the system settings), then try again.
error-timed-out = { $host } did not answer in time{ $proxy_source ->
        [none] {""}
        [setting] {" "}(through the proxy { $proxy }, from the proxy setting)
        [system] {" "}(through the proxy { $proxy }, from the system settings)
        [intercepting] {" "}(through a proxy between this computer and UPS that is not set up here)
       *[other] {" "}(through the proxy { $proxy }, from { $proxy_source })
    }. Nothing stored was changed. Check the network connection (a firewall that silently drops traffic, or a network that needs a proxy, does this), then try again.

## proxy (Environment, Advanced: how this computer reaches UPS)
proxy-legend = Proxy
proxy-intro = How this computer reaches UPS. Most company networks set this for you; change it only if IT gave you a proxy address.
proxy-automatic = Automatic
proxy-automatic-hint = The proxy from the HTTPS_PROXY, HTTP_PROXY or ALL_PROXY variables, else the one in the system settings (NO_PROXY excludes hosts).
proxy-manual = This proxy
proxy-manual-hint = For example http://proxy.example.com:3128. Without a user name or password: enter those below.
proxy-url = Proxy address
proxy-direct = No proxy
proxy-direct-hint = Connect to UPS directly, whatever the system settings say.
proxy-save = Save proxy setting
proxy-saved = Proxy setting saved. It is used from the next request to UPS.
proxy-in-use = In use
proxy-login-legend = Proxy login
proxy-login-hint = Only if the proxy asks for a login. It is kept in the system keychain, never in a file, and sent only to the proxy in use.
proxy-user = Proxy user name
proxy-password = Proxy password
proxy-save-login = Save proxy login
proxy-login-saved = Proxy login saved in the keychain.
proxy-login-stored = A login for the proxy in use is stored in the keychain.
proxy-remove-login = Remove proxy login
proxy-login-removed = Proxy login removed from the keychain.
# The route to one environment: $case is "proxy", "direct-setting" (the
# setting says no proxy), "direct-excluded" ($variable excludes the host) or
# "direct"; a proxy has $proxy, $proxy_source (as in the errors) and $login
# ("none", "address": in the proxy address, "keychain").
proxy-route = { $case ->
        [proxy] Through the proxy { $proxy } ({ $proxy_source ->
            [setting] from the proxy setting
            [system] from the system settings
           *[other] from { $proxy_source }
        }), { $login ->
            [address] with the login in its address
            [keychain] with the login from the keychain
           *[none] without a login
        }
        [direct-setting] Direct (the proxy setting says No proxy)
        [direct-excluded] Direct ({ $variable } excludes it)
       *[direct] Direct (no proxy in the proxy setting, the environment or the system settings)
    }


## recovery (after a damaged connections file)
recovery-title = The connections file was damaged
# $at is a date and time; $source is "backup" (the last good copy) or "keychain".
recovery-text = { $source ->
        [backup] The file listing your connections was damaged on { $at }. { $connections ->
            [one] { $connections } connection was restored from the last good copy.
           *[other] { $connections } connections were restored from the last good copy.
        }
       *[keychain] The file listing your connections was damaged on { $at }, and there was no good copy. { $connections ->
            [one] { $connections } connection was rebuilt from the system keychain.
           *[other] { $connections } connections were rebuilt from the system keychain.
        }
    } The damaged file is kept as { $damaged_file }.
recovery-check = Check each connection's label and shipper accounts (and the address of a custom environment); opt in again to set them.
recovery-acknowledge = I have checked them
recovery-card-note = Rebuilt from the system keychain after the connections file was damaged: its label and shipper accounts are not known. Opt in again to set them.
recovery-leftovers-title = { $count ->
        [one] { $count } keychain entry belongs to no connection
       *[other] { $count } keychain entries belong to no connection
    }
recovery-leftovers-text = They were left by a damaged connections file or an interrupted removal. Remove them when no product application uses them.
recovery-leftovers-button = Remove leftover entries…
recovery-leftovers-dialog-title = Remove the leftover keychain entries?
recovery-leftovers-dialog-body = These entries are deleted from the system keychain:
recovery-leftovers-confirm = Remove entries
recovery-leftovers-removing = Removing…
recovery-leftovers-removed = { $count ->
        [one] { $count } leftover keychain entry was removed.
       *[other] { $count } leftover keychain entries were removed.
    }

## Messages as data (issue 21): the shell's notices, "Check with UPS"
## without a verdict, and the errors whose words were English sentences.

# Why a program's location is not safe to register (link handler, start at
# login): $location is "temp-folder", "world-writable", "other-owner",
# "group-writable" or "unreadable"; $path the program or a folder above it.
link-location-problem = { $location ->
        [temp-folder] { $path } is inside the temporary folder { $temp }, where another user could put a program of their own at the same path
        [world-writable] { $path } can be changed by every user on this computer
        [other-owner] { $path } belongs to another user (uid { $uid }), who could replace the program
        [group-writable] { $path } can be changed by the other members of its group (gid { $gid })
       *[unreadable] { $path } could not be checked
    }
# Notices of the shell (banners): app-warning-<code>.
app-warning-no-session-bus = No D-Bus session bus was found, so sign-in links from the browser cannot reach this window (a second copy of the wizard would start instead). Start the wizard from your desktop session, or run it inside dbus-run-session; meanwhile use “Paste the address from your browser” or the loopback route.
# $reason: what the link handler found ($path, $file, $program, $scheme as it named them).
app-warning-link-handler = Links from the browser may not reach the wizard: { $reason ->
        [unsafe-location] the wizard did not register itself as the link handler, because { link-location-problem }. Move the wizard to a folder only you (or the administrator) can change, such as ~/Applications, and start it again
        [unwritable-path] the wizard's path { $path } cannot be registered as the link handler. Move the wizard to a plain folder such as ~/Applications and start it again
        [no-home] there is no home folder to register the link handler in. Set HOME and start the wizard again
        [installed-drops-url] the installed link handler { $file } does not pass the link on. Reinstall the wizard's package, or ask your administrator to
        [installed-is-other] links from the browser open { $program } (through { $file }), not this wizard. Choose “UPS Opt-In Wizard” for these links in your desktop's default-applications settings
        [no-installed-handler] no application is registered for { $scheme }:// links. Reinstall the wizard's package, or ask your administrator to
        [io] { $path } could not be written. Check that folder's permissions, then start the wizard again
        [command] the desktop's link settings could not be changed. Install xdg-utils and start the wizard again
        [still-overridden] the desktop still opens { $scheme }:// links with { $program }. Choose “UPS Opt-In Wizard (handler)” for these links in your desktop's default-applications settings
        [registry] Windows refused the change to your settings. Check that your account may change its own settings, then start the wizard again
       *[other] the link handler could not be put in place. Start the wizard again; if this notice comes back, copy the diagnostics and send them to support
    }. Until then, use “Paste the address from your browser” to finish a sign-in.
app-warning-start-at-login = { $reason ->
        [unsafe-login-item] Start at login was not turned on: { link-location-problem }. Move the wizard to a folder only you (or the administrator) can change, such as ~/Applications, start it from there and turn start at login on again.
       *[other] Start at login is on in the settings, but the entry that starts the wizard at login could not be written. Turn start at login off and on again on the status screen; if it fails again, check that your user can write to the login items (on Linux ~/.config/autostart).
    }
app-warning-quit-unsaved = The wizard holds a renewed refresh token that the keychain refused to save; the one in the keychain is already used. Quitting now loses the opt-in. Unlock the keychain (the wizard saves the token within a minute), or choose Quit again to quit anyway.
# "Check with UPS" without a verdict: $status is the HTTP status, $answer what came.
credentials-check-unavailable = This environment cannot check redirect URIs (it answered HTTP { $status } with { $answer ->
        [empty] an empty body
        [html] an HTML page
        [json-without-token] JSON without a verdict
        [json-without-result] JSON without a result
        [malformed-json] malformed JSON
       *[other] text that is not JSON
    }). Make sure the redirect URI is registered exactly as shown, then opt in.
# Bad input: $field is the field, $reason the problem ($max a limit, $value
# the value refused, $label and $url another connection).
error-invalid-input = { $field ->
        [client-id] Client ID
        [client-secret] Client secret
        [shipper-account] Shipper account
        [label] Label
        [environment] Environment
        [environment-url] Environment address
        [request-url] Request address
        [redirect-uri] Redirect URI
        [bounce-url] Bounce page URL
        [proxy] Proxy
        [proxy-user-name] Proxy user name
        [proxy-password] Proxy password
        [proxy-login] Proxy login
        [connection] Connection
        [connection-id] Connection ID
        [demo] Demo
       *[other] Input
    }: { $reason ->
        [empty] it is empty. Enter it, then try again.
        [too-long] it is longer than { $max } characters. Check that you copied only this value, then try again.
        [spaces] it contains a space or a control character. Enter it again without extra characters.
        [non-ascii] it contains a character outside plain ASCII. Enter it again exactly as shown on the UPS Developer Portal (percent-encode anything else in an address, e.g. %20).
        [control-characters] it contains a control character (a line break?). Enter it again.
        [not-account-number] “{ $value }” is not a UPS account number: it must be exactly 6 letters or digits, as printed on your UPS invoice.
        [unknown-environment] “{ $value }” is neither CIE, production nor an address such as https://wwwcie.ups.com. Choose an environment or enter its address.
        [user-info] the address must not contain a user name or password. Enter it without them.
        [query] the address must not contain ? or #. Remove them, then try again.
        [not-https] the address must start with https://, not { $value }://. Enter the https address.
        [colon] a proxy user name cannot contain “:”. Check it with IT.
        [not-proxy-address] this is not a proxy address. Enter it as http://host:port.
        [no-proxy-in-use] no proxy is in use (none in the proxy setting, the environment or the system settings), so there is nothing to log in to. Set the proxy first.
        [bounce-needs-scheme] the bounce route needs the custom-scheme address the page forwards to. Enter it, then try again.
        [bounce-not-https] it must be an https address on your own website. Enter it, then try again.
        [loopback-needs-address] the loopback route needs an address such as http://127.0.0.1:8765/callback. Choose the route again.
        [client-credentials-only] it uses a client ID and secret only, so there is no opt-in to renew. Test it, or enter a new client secret.
        [no-redirect-uri] it has no redirect URI stored. Remove it and add it again.
        [client-id-in-use] the connection “{ $label }” already uses this client ID at { $url } (same host and port, another path), and the wizard keeps one connection per host, port and client ID. Nothing was changed. Remove that connection first, or reach the second address through another host name or port.
        [bad-id] it is not the ID of a connection as listed on the status screen. Nothing was changed.
        [backslash] it contains \, which browsers read as /. Enter the address with / exactly as registered on the UPS Developer Portal.
        [not-absolute] it is not a complete address such as upsoptin://oauth/callback or http://127.0.0.1:8765/callback. Enter it again.
        [bad-scheme] an address starting with { $value }: cannot receive a sign-in answer. Enter the redirect URI registered for your app.
        [no-host] a custom-scheme redirect URI needs a host, as in upsoptin://oauth/callback. Enter it again.
        [demo-only] the sandbox exists only in demo mode. Choose Test (CIE), Production or your own address.
        [no-demo] this copy of the wizard has no demo (the installed packages leave the local UPS sandbox out). Start the wizard without --demo and choose Test (CIE) or Production.
       *[other] the value is not valid. Check it, then try again.
    }
# $platform: "linux", "macos", "windows" or "other"; $detail the keychain's own words.
error-keychain-unavailable = { $platform ->
        [linux] No Secret Service is running on this computer, so the wizard cannot store secrets safely (it never writes them in plain text). Install and start one, for example GNOME Keyring (sudo apt install gnome-keyring) in a desktop session, or run gnome-keyring-daemon --start --components=secrets inside a D-Bus session, then try again.
        [macos] The macOS Keychain could not be opened. Open Keychain Access, make sure your login keychain exists and is unlocked, then try again.
        [windows] Windows Credential Manager could not be opened. Sign in to Windows with your own account (not a service account), then try again.
       *[other] This system has no supported keychain, so the wizard cannot store secrets safely. Use Linux with a Secret Service, macOS or Windows.
    } (Detail: { $detail }.)
# $reason: the problem; $path a file or folder, $detail the system's own words.
error-config-error = { $reason ->
        [files] The wizard could not read or write its files ({ $detail }). Check that your user can write to the configuration folder, then try again.
        [foreign-folder] The folder { $path } belongs to another user (uid { $uid }), who could change what the wizard stores there. Nothing was read or written. Remove the folder or give it to your user (chown), then try again.
        [newer-schema] The file { $path } was written by a newer version of the wizard. Nothing was changed. Update the wizard, then try again.
        [damaged-keychain-unreadable] The file { $path } is damaged and there is no good copy, and the system keychain it is rebuilt from could not be read. Nothing was moved or changed. Unlock the keychain, then try again.
        [damaged-no-copy] The file { $path } is damaged and there is no good copy. Nothing was moved or changed. Open the wizard again: it rebuilds the file from the system keychain.
        [foreign-settings] The settings file { $path } belongs to another user (uid { $uid }), who could choose what starts at your login. Remove the file, then try again.
        [loopback-listen] The wizard could not listen on { $address } ({ $detail }). Choose the deep-link route instead.
        [loopback-failed] The loopback listener failed ({ $detail }). Paste the address from your browser instead.
        [no-config-dir] This system has no configuration folder. Set UPS_OPTIN_CONFIG_DIR to a folder the wizard may write to, then start it again.
        [demo-sandbox] The demo sandbox could not start on this computer ({ $detail }). Close the wizard and start the demo again.
        [start-at-login-unavailable] Start at login is not available in this copy of the wizard. Start it from your session's autostart settings instead.
        [start-at-login-failed] Start at login could not be turned { $action ->
            [on] on
           *[off] off
        } ({ $detail }). Check that your user can write to the login items (on Linux ~/.config/autostart), then try again.
        [start-at-login-refused] Start at login was not turned on: { link-location-problem }. Move the wizard to a folder only you (or the administrator) can change, such as ~/Applications, start it from there and turn start at login on again.
       *[other] The wizard's configuration could not be used. Check that your user can write to the configuration folder, then try again.
    }
# $kind: what came instead of a token.
error-ups-bad-response = UPS answered HTTP { $status } with { $kind ->
        [unreadable] an answer that could not be read
        [empty-token] an empty access token
        [not-approved] a token whose status is not “approved”
        [empty] an empty body
        [html] an HTML page
        [json-without-token] JSON without a token
        [malformed-json] malformed JSON
        [error-body] an error body
        [redirect] a redirect to another address
        [no-access-token] a renewal answer without an access token (the renewed refresh token was kept; the next request renews again)
        [no-refresh-token] a token without a refresh token
       *[other] text that is not JSON
    }, which is not a usable token. Nothing stored was changed. Check that the environment's address points at UPS, then try again.

# A connection rebuilt from the keychain has no label: this names it.
connection-recovered-label = Recovered: { $environment } { $client }
