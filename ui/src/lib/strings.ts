// Every user-facing string of the UI. Components take their text from here only.

import { INPUT_RULES } from "../bindings/ipc";
import type { ConnectionState, ErrorCode, Method } from "../bindings/ipc";

// The core's limits (optin_core::input::INPUT_RULES, generated into the bindings).
export const MAX_CREDENTIAL_CHARS = INPUT_RULES.max_credential_chars;
export const MAX_LABEL_CHARS = INPUT_RULES.max_label_chars;

const stateWords: Record<ConnectionState, { name: string; detail: string }> = {
  connected: {
    name: "Connected",
    detail: "UPS accepts this connection.",
  },
  expiring: {
    name: "Expiring soon",
    detail: "The refresh token expires within 7 days. Opt in again to keep this connection.",
  },
  reopt_needed: {
    name: "Opt in again",
    detail:
      "UPS no longer accepts this opt-in, for example because the UPS.com password was changed.",
  },
  unreachable: {
    name: "UPS unreachable",
    detail: "UPS could not be reached at the last attempt. Check the network, then select Refresh now.",
  },
  not_connected: {
    name: "Not connected",
    detail: "There is no valid authorization. Opt in to connect.",
  },
  credentials_rejected: {
    name: "Client secret refused",
    detail:
      "UPS refused the client ID or secret, for example because the secret was regenerated on the UPS Developer Portal. Select Update client secret and enter the current one; the opt-in and the shipper accounts are kept.",
  },
};

const methodNames: Record<Method, string> = {
  browser: "Opt in with UPS.com",
  client_credentials: "Client ID and secret only",
};

// Extra advice shown under an error's own message, for the codes where the UI
// knows a concrete next step.
const errorHints: Partial<Record<ErrorCode, string>> = {
  access_denied: "If you declined by mistake, select Opt in and allow access on UPS.com.",
  callback_expired: "The sign-in took too long. Start the opt-in again.",
  login_timed_out: "Nothing came back from UPS.com in time. Start the opt-in again.",
  ups_unreachable: "Check the internet connection and any proxy or firewall, then try again.",
  ups_rate_limited: "UPS is limiting requests. Wait a minute, then try again.",
  reopt_needed: "Opt in again with the UPS.com user that has the shipper accounts.",
  keychain_unavailable:
    "Start or unlock the system keychain (on Linux, a Secret Service such as GNOME Keyring or KWallet), then try again.",
  loopback_port_busy:
    "Another program uses the loopback port. Close it, or choose the deep link route instead.",
  browser_failed: "Copy the sign-in link and open it in your browser yourself.",
  client_refused:
    "Register exactly the redirect URI shown as your app's Callback URL on the UPS Developer Portal, or choose another route under Back, then select Check with UPS.",
  credentials_rejected: "Copy the current client secret from your app's page on the UPS Developer Portal.",
  // Company networks: each names its culprit (the proxy, the certificate, DNS, UPS's host, time).
  proxy_unreachable:
    "The proxy could not be reached. Check its address under Environment, Advanced, Proxy (Copy diagnostics shows where it comes from), or ask IT.",
  proxy_refused:
    "The proxy would not connect to UPS. Ask IT to allow wwwcie.ups.com and onlinetools.ups.com through the proxy.",
  proxy_auth_required:
    "The proxy wants a login. Enter its user name and password under Environment, Advanced, Proxy login; they are kept in the system keychain.",
  tls_untrusted:
    "Your network inspects secure connections with a certificate this computer does not trust. Ask IT to install the company root certificate on this computer. Certificate checks are never turned off.",
  dns_failed:
    "The UPS address could not be found. Check the network connection; if your network reaches the internet only through a proxy, set it under Environment, Advanced, Proxy.",
  connection_refused:
    "Nothing answered at that address. Check the environment's address; if your network needs a proxy, set it under Environment, Advanced, Proxy.",
  timed_out:
    "No answer in time. Check the network connection, and whether your network needs a proxy (Environment, Advanced, Proxy).",
};

export const S = {
  appName: "UPS Opt-In Wizard",
  loading: "Loading…",
  retry: "Try again",
  back: "Back",
  next: "Continue",
  close: "Close",
  cancel: "Cancel",
  dismiss: "Dismiss",
  newWindowNote: "(opens in your browser)",

  errors: {
    generic: "Something went wrong. Try again; if it keeps happening, copy the diagnostics and send them to support.",
    loadFailed: "The app could not load its settings.",
    hint: (code: ErrorCode): string | null => errorHints[code] ?? null,
    codeLabel: (code: ErrorCode) => `Error code: ${code}`,
  },

  banners: {
    keychainTitle: "The system keychain is not available",
    keychainFallback:
      "Client secrets and tokens are stored in the system keychain, and it cannot be reached. Opt-ins cannot be saved until it works.",
    keychainBackend: (backend: string) => `Keychain: ${backend}`,
    warningsTitle: "Notice",
    dismissWarning: "Dismiss notice",
    linkIgnoredTitle: "A link from the browser was not used",
    demoTitle: "Demo mode",
    demoText: (url: string) =>
      `An offline UPS sandbox runs on this computer at ${url}. Choose the "Sandbox" environment; nothing reaches UPS.`,
  },

  steps: {
    label: "Opt-in steps",
    names: ["Before you start", "Environment", "Credentials", "Opt in"] as const,
    progress: (current: number, total: number) => `Step ${current} of ${total}`,
  },

  welcome: {
    title: "Opt in your UPS shipper accounts",
    intro:
      "UPS now uses OAuth to let applications use your shipping accounts. As the company administrator, you opt in once so this application can use the shipper accounts you allow. Users of the application sign in as before.",
    checklistLegend: "Before you start, tick each step you have done",
    step1: "I have a UPS.com user account, and it is not a UPS.com account used for CampusShip.",
    step2:
      "My shipper accounts are associated with that UPS.com user on UPS.com, by a recent invoice or by a PIN sent to the account contact UPS has on file. (For large numbers of accounts, my UPS account executive can help.)",
    step3:
      "I am ready to opt in, and I know I must opt in again whenever the password of that UPS.com user changes.",
    notAllTicked: "Tick all three steps to continue. Do the missing ones on UPS.com first.",
    linksTitle: "Useful links",
    upsCom: "UPS.com",
    developerPortal: "UPS Developer Portal (client ID and secret)",
    start: "Start",
    backToStatus: "Back to connections",
  },

  environment: {
    title: "Choose the environment and the method",
    environmentLegend: "UPS environment",
    sandbox: "Sandbox (offline demo)",
    sandboxHint: "A local stand-in for UPS. Nothing leaves this computer.",
    cie: "Test (CIE)",
    cieHint: "UPS's customer integration environment, for trying things out.",
    production: "Production",
    productionHint: "Your real UPS shipper accounts.",
    advanced: "Advanced",
    custom: "Custom base URL",
    customUrl: "Base URL",
    customUrlHint: "For example https://wwwcie.ups.com. Must use https (plain http only to this computer).",
    methodLegend: "How to opt in",
    browser: methodNames.browser,
    browserHint:
      "Your browser opens UPS.com: sign in with the UPS.com user that has the shipper accounts and allow access.",
    clientCredentials: methodNames.client_credentials,
    clientCredentialsHint:
      "Uses only the client ID and secret of an app created on the UPS Developer Portal.",
    label: "Label",
    labelHint: "The name of the product that uses these accounts, for example the shipping software's name.",
  },

  // Company networks (issue 22): the proxy panel under Environment, Advanced.
  proxy: {
    legend: "Proxy",
    intro:
      "How this computer reaches UPS. Most company networks set this for you; change it only if IT gave you a proxy address.",
    automatic: "Automatic",
    automaticHint:
      "The proxy from the HTTPS_PROXY, HTTP_PROXY or ALL_PROXY variables, else the one in the system settings (NO_PROXY excludes hosts).",
    manual: "This proxy",
    manualHint: "For example http://proxy.example.com:3128. Without a user name or password: enter those below.",
    url: "Proxy address",
    direct: "No proxy",
    directHint: "Connect to UPS directly, whatever the system settings say.",
    save: "Save proxy setting",
    saved: "Proxy setting saved. It is used from the next request to UPS.",
    inUse: "In use",
    loginLegend: "Proxy login",
    loginHint:
      "Only if the proxy asks for a login. It is kept in the system keychain, never in a file, and sent only to the proxy in use.",
    user: "Proxy user name",
    password: "Proxy password",
    saveLogin: "Save proxy login",
    loginSaved: "Proxy login saved in the keychain.",
    loginStored: "A login for the proxy in use is stored in the keychain.",
    removeLogin: "Remove proxy login",
    loginRemoved: "Proxy login removed from the keychain.",
  },

  credentials: {
    title: "Enter the app credentials",
    intro: "Use the client ID and client secret of your app on the UPS Developer Portal.",
    clientId: "Client ID",
    clientSecret: "Client secret",
    clientIdField: "client ID",
    clientSecretField: "client secret",
    showSecret: "Show secret",
    trimmedNote: (field: string) => `Spaces or line breaks at the start or end of the ${field} were removed.`,
    routeLegend: "How UPS.com returns to this app (redirect URI)",
    deepLink: "Deep link (recommended)",
    deepLinkHint: "The browser hands the result to this app through its link type.",
    loopback: "Loopback",
    loopbackHint: "The browser returns to a small listener on this computer.",
    bounce: "HTTPS bounce page",
    bounceHint: "Your own https page that forwards to this app.",
    bounceUrl: "Bounce page URL",
    redirectTitle: "Register exactly this redirect URI for your app at UPS",
    redirectMissing: "Enter the bounce page URL above to see the redirect URI.",
    copyRedirect: "Copy redirect URI",
    checkWithUps: "Check with UPS",
    checking: "Asking UPS…",
    checkAccepted: "UPS accepts this redirect URI for this client ID.",
    checkNeedsId: "Enter the client ID first.",
    advanced: "Advanced",
    pkceBody: "Send code_verifier without Basic auth (PKCE body mode)",
    pkceBodyHint: "Only if UPS support asked for it.",
    accountsLegend: "Shipper account numbers (optional)",
    accountsHint:
      "Each is 6 letters or digits, as on your UPS invoice. With “Client ID and secret only”, the wizard asks UPS to confirm each one.",
    accountLabel: (n: number) => `Shipper account ${n}`,
    removeAccount: (n: number) => `Remove shipper account ${n}`,
    remove: "Remove",
    addAccount: "Add account number",
    demoTitle: "Offline demo credentials",
    demoIntro: "The sandbox accepts these. Use the user name and password on its sign-in page.",
    demoClientId: "Client ID",
    demoClientSecret: "Client secret",
    demoUser: "User name",
    demoPassword: "Password",
    demoFill: "Fill in",
    demoFilled: "Client ID and secret filled in.",
  },

  validation: {
    empty: (field: string) => `Enter the ${field}.`,
    tooLong: (field: string, max: number) => `The ${field} is longer than ${max} characters.`,
    badChars: (field: string) =>
      `The ${field} contains a space, a control character or a character outside plain ASCII. Copy it again from the UPS Developer Portal.`,
    labelEmpty: "Enter a label, for example the product's name.",
    labelTooLong: `The label is longer than ${MAX_LABEL_CHARS} characters.`,
    labelBadChars: "The label contains a control character.",
    urlEmpty: "Enter the URL.",
    urlInvalid: "This is not a complete URL (it should look like https://example.com).",
    urlNotHttps: "The URL must start with https://.",
    urlInsecure: "The URL must use https:// (plain http is allowed only for this computer).",
    accountInvalid: (n: number) =>
      `Shipper account ${n} must be exactly ${INPUT_RULES.account_chars} letters or digits.`,
    accountDuplicate: (n: number) => `Shipper account ${n} is listed twice.`,
    fixBelow: "Correct the fields marked below.",
  },

  optIn: {
    title: "Opt in",
    reoptTitle: (label: string) => `Opt in again: ${label}`,
    summaryTitle: "Summary",
    summaryEnvironment: "Environment",
    summaryMethod: "Method",
    summaryLabel: "Label",
    summaryRedirect: "Redirect URI",
    summaryAccounts: "Shipper accounts",
    summaryNoAccounts: "None listed",
    browserIntro:
      "Select Opt in: your browser opens UPS.com. Sign in with the UPS.com user that has the shipper accounts, and allow access. Then come back here.",
    clientCredentialsIntro: "Select Opt in: the app asks UPS for a token with the client ID and secret, and checks each shipper account.",
    reoptIntro:
      "The stored client ID and secret are used again. Sign in on UPS.com with the user that has the shipper accounts.",
    button: "Opt in",
    otherRoutes: "Use another route",
    otherRoutesHint:
      "Each route sends its own redirect URI (shown in the summary above). Register that one for your app on the UPS Developer Portal too, then select Opt in again.",
    starting: "Checking with UPS, then opening UPS.com…",
    verifying: "Checking with UPS…",
    waitingTitle: "Waiting for UPS.com",
    waitingStatus: "Sign in on UPS.com in your browser and allow access. This window updates by itself.",
    waitingProgress: "Waiting for the sign-in on UPS.com",
    timeLeft: "Time left",
    timedOut: "Time ran out for this sign-in link. Start the opt-in again.",
    startAgain: "Start again",
    saving: "Saving…",
    savingStatus: "UPS.com answered. Saving the authorization…",
    cancel: "Cancel opt-in",
    cancelled: "The opt-in was cancelled.",
    openAgain: "Open sign-in page again",
    reopened: "The sign-in page was opened again.",
    copyLink: "Copy sign-in link",
    browserNotOpened: "The browser did not open",
    browserNotOpenedHelp: "Copy this sign-in link and open it in your browser:",
    pasteTitle: "Paste the address from your browser",
    pasteHelp:
      "If your browser shows an address starting with the redirect URI after you allowed access, but nothing happened here, copy the whole address from the browser's address bar and paste it here.",
    pasteLabel: "Address from the browser",
    pasteSubmit: "Use this address",
    pasteEmpty: "Paste the address first.",
    rejectedLink: "A link from the browser was ignored:",
    failedTitle: "The opt-in did not complete",
    tryAgain: "Try again",
    stillWaiting: "The sign-in is still open: you can try again on UPS.com.",
    verifiedTitle: "Opt-in saved",
    verifiedIntro: "UPS issued a token. Result for each shipper account:",
    done: "Go to connections",
  },

  status: {
    title: "UPS connections",
    intro: "Connections this app keeps authorized with UPS.",
    empty: "There are no connections yet.",
    addFirst: "Add a connection",
    addAnother: "Add another connection",
    copyDiagnostics: "Copy diagnostics",
    diagnosticsCopied: "Diagnostics copied. Secrets and tokens are left out.",
    listLabel: "Connections",
    connectedNotice: (label: string) => `Opt-in complete: ${label} is connected.`,
    reoptBannerTitle: "Opt in again",
    reoptBannerText:
      "UPS no longer accepts the opt-in of the connections below. This happens when the password of the UPS.com user who opted in is changed: changing the UPS.com password invalidates the opt-in. Opt in again with that user to reconnect.",
    reoptButton: (label: string) => `Opt in again: ${label}`,
    removed: (label: string) => `${label} was removed.`,
    startAtLogin: "Start at login",
    startAtLoginHelp:
      "Starts the wizard hidden in the tray when you log in, so it renews every connection and tells you when one needs you.",
    startAtLoginOn: "Start at login is on: the wizard starts hidden in the tray when you log in.",
    startAtLoginOff: "Start at login is off.",
    trayHintTitle: "The wizard keeps running in the tray",
    trayHintText:
      "Closing this window keeps the wizard in the tray, where it renews your connections and notifies you when one needs you. Close the window again to hide it; choose Quit in the tray menu to stop it.",
    trayHintDismiss: "Got it",
    openConnectionGone: "That connection no longer exists.",
    openConnectionFine: (label: string) => `${label} is connected: nothing to do.`,
  },

  card: {
    stateName: (state: ConnectionState) => stateWords[state].name,
    stateDetail: (state: ConnectionState) => stateWords[state].detail,
    environment: "Environment",
    clientId: "Client ID",
    method: "Method",
    methodName: (method: Method) => methodNames[method],
    redirectUri: "Redirect URI",
    accessToken: "Access token",
    accessExpiresIn: "expires in",
    accessExpired: "expired",
    noToken: "none",
    refreshToken: "Refresh token",
    refreshValidUntil: (date: string) => `valid until ${date}`,
    lastRefresh: "Last refresh",
    never: "never",
    created: "Added",
    lastError: "Last error",
    lastErrorAt: (when: string) => `at ${when}`,
    accounts: "Shipper accounts",
    noAccounts: "No shipper account numbers listed.",
    accountsSummary: (total: number, verified: number, refused: number, unchecked: number) =>
      `${total} shipper account${total === 1 ? "" : "s"}: ${[
        verified ? `${verified} verified` : "",
        refused ? `${refused} refused` : "",
        unchecked ? `${unchecked} not checked` : "",
      ]
        .filter(Boolean)
        .join(", ")}.`,
    showAllAccounts: (total: number) => `Show all ${total} accounts`,
    showDetails: "Show details",
    hideDetails: "Hide details",
    showFewerAccounts: "Show fewer accounts",
    verified: "Verified",
    refused: "Refused",
    unchecked: "Not checked",
    checkedAt: (when: string) => `checked ${when}`,
    tokenUnsaved:
      "A new token is held only in memory because it could not be saved to the keychain. Fix the keychain, then select Refresh now; if the app closes first, you will have to opt in again.",
    actionsLabel: (label: string) => `Actions for ${label}`,
    refresh: "Refresh now",
    refreshing: "Refreshing…",
    refreshed: "Refreshed.",
    test: "Test connection",
    testing: "Testing…",
    tested: "Test finished.",
    reopt: "Opt in again",
    remove: "Remove",
    updateSecret: "Update client secret",
    secretUpdated: "UPS accepted the new client secret. It is saved; the opt-in and the shipper accounts were kept.",
  },

  secretDialog: {
    title: (label: string) => `Update client secret: ${label}`,
    body: "Enter the client secret shown now on your app's page on the UPS Developer Portal. The app checks it with UPS first and saves it only if UPS accepts it.",
    label: "New client secret",
    confirm: "Check and save",
    checking: "Checking with UPS…",
  },

  recovery: {
    title: "The connections file was damaged",
    text: (at: string, connections: number, fromBackup: boolean, damagedFile: string) =>
      fromBackup
        ? `The file listing your connections was damaged on ${at}. ${connections} connection(s) were restored from the last good copy. The damaged file is kept as ${damagedFile}.`
        : `The file listing your connections was damaged on ${at}, and there was no good copy. ${connections} connection(s) were rebuilt from the system keychain. The damaged file is kept as ${damagedFile}.`,
    check:
      "Check each connection's label and shipper accounts (and the address of a custom environment); opt in again to set them.",
    acknowledge: "I have checked them",
    acknowledgeError: "The notice could not be cleared.",
    cardNote:
      "Rebuilt from the system keychain after the connections file was damaged: its label and shipper accounts are not known. Opt in again to set them.",
    leftoversTitle: (count: number) =>
      count === 1 ? "1 keychain entry belongs to no connection" : `${count} keychain entries belong to no connection`,
    leftoversText:
      "They were left by a damaged connections file or an interrupted removal. Remove them when no product application uses them.",
    leftoversButton: "Remove leftover entries…",
    leftoversDialogTitle: "Remove the leftover keychain entries?",
    leftoversDialogBody: "These entries are deleted from the system keychain:",
    leftoversConfirm: "Remove entries",
    leftoversRemoving: "Removing…",
    leftoversRemoved: (count: number) =>
      count === 1 ? "1 leftover keychain entry was removed." : `${count} leftover keychain entries were removed.`,
  },

  removeDialog: {
    title: (label: string) => `Remove ${label}?`,
    body: "The connection is removed from this app, and its client secret and tokens are deleted from the system keychain. To use it again, you will have to opt in again.",
    confirm: "Remove connection",
    removing: "Removing…",
  },

  copy: {
    copy: "Copy",
    copied: "Copied.",
    failed: "Could not copy. Select the text and copy it with Ctrl+C (⌘C on a Mac).",
  },
} as const;
