// Every user-facing string of the UI. Components take their text from here
// only; the words themselves are in the Fluent catalogs of locales/<locale>/
// (one per language, shared with the Rust side for the tray and the
// notifications). Each entry looks its message up through the translator
// lib/i18n.svelte.ts installs, at the moment it is read, so a component shows
// the current language and follows a switch live.

import { INPUT_RULES } from "../bindings/ipc";
import type { AppNotice, ConnectionState, ErrorCode, Method } from "../bindings/ipc";

// The core's limits (optin_core::input::INPUT_RULES, generated into the bindings).
export const MAX_CREDENTIAL_CHARS = INPUT_RULES.max_credential_chars;
export const MAX_LABEL_CHARS = INPUT_RULES.max_label_chars;

/** Formats the message `id` of the active catalog with named arguments. */
export type Translate = (id: string, args?: Record<string, string | number>) => string;

let translate: Translate = (id) => id;
let locale = "en-US";

/** Installs the translator of `lang` (lib/i18n.svelte.ts; e2e/lib/strings.mjs in the GUI suite). */
export function useTranslator(f: Translate, lang: string): void {
  translate = f;
  locale = lang;
}

const t: Translate = (id, args) => translate(id, args);

const PLAIN = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"];
const ACCENTS = [..."àƀçđéƒĝĥîĵķĺɱñöþǫŕšŧûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŦÛṼŴẊÝŽ"];
const ACCENTED = new Map(PLAIN.map((c, i) => [c, ACCENTS[i] ?? c]));

/** Accents every letter and doubles every vowel (about 40 % longer for English). */
export function pseudo(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const accented = ACCENTED.get(c) ?? c;
    return /[aeiouAEIOU]/.test(c) ? accented.repeat(2) : accented;
  });
}

/** Message IDs are kebab-case: `reopt_needed` -> `reopt-needed`. */
const kebab = (s: string) => s.replace(/_/g, "-");

/** Error parameters that are counts (formatted and pluralized by the locale's rules). */
const COUNTS: ReadonlySet<string> = new Set(["minutes", "seconds"]);

/**
 * Message `id` with the named parameters of an error or notice (counts as
 * numbers, so they pick plural forms); `fallback` (the English sentence) when
 * the catalog has no such message.
 */
function withParams(id: string, params: { [key in string]?: string }, fallback: string): string {
  const args: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    // Counts select plural forms; everything else (a status, a port, UPS's code) is quoted as sent.
    args[name] = COUNTS.has(name) && /^\d+$/.test(value) ? Number(value) : value;
  }
  const text = t(id, args);
  return text === id ? fallback : text;
}

/** The error codes with a hint (`error-hint-<code>` in the catalogs). */
export const HINTED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "access_denied",
  "callback_expired",
  "login_timed_out",
  "ups_unreachable",
  "ups_rate_limited",
  "reopt_needed",
  "keychain_unavailable",
  "loopback_port_busy",
  "browser_failed",
  "client_refused",
  "credentials_rejected",
  "proxy_unreachable",
  "proxy_refused",
  "proxy_auth_required",
  "tls_untrusted",
  "dns_failed",
  "connection_refused",
  "timed_out",
]);

export const S = {
  get appName() {
    return t("app-name");
  },
  get loading() {
    return t("loading");
  },
  get retry() {
    return t("retry");
  },
  get back() {
    return t("back");
  },
  get next() {
    return t("next");
  },
  get close() {
    return t("close");
  },
  get cancel() {
    return t("cancel");
  },
  get dismiss() {
    return t("dismiss");
  },
  get newWindowNote() {
    return t("new-window-note");
  },
  errors: {
    get generic() {
      return t("errors-generic");
    },
    get loadFailed() {
      return t("errors-load-failed");
    },
    /** Extra advice under an error's own message, for the codes where the UI knows a concrete next step. */
    hint: (code: ErrorCode): string | null => (HINTED.has(code) ? t(`error-hint-${kebab(code)}`) : null),
    codeLabel: (code: ErrorCode) => t("errors-code-label", { code }),
    /**
     * An error in the admin's language: the catalogs' `error-<code>` with the
     * error's named parameters (optin-core's `Error::params`); the English
     * `message` when the error has no parameters (its words were built
     * elsewhere) or the code is unknown.
     */
    text: (error: { code: ErrorCode; message: string; params?: { [key in string]?: string } | null }): string => {
      if (!error.params || error.code === "unknown") return error.message;
      return withParams(`error-${kebab(error.code)}`, error.params, error.message);
    },
  },
  banners: {
    get keychainTitle() {
      return t("banners-keychain-title");
    },
    get keychainFallback() {
      return t("banners-keychain-fallback");
    },
    keychainBackend: (backend: string) => t("banners-keychain-backend", { backend }),
    /** A notice of the shell (`app-warning-<code>` with its parameters); its English sentence for a code this UI does not know. */
    warning: (notice: AppNotice): string => withParams(`app-warning-${kebab(notice.code)}`, notice.params, notice.message),
    get warningsTitle() {
      return t("banners-warnings-title");
    },
    get dismissWarning() {
      return t("banners-dismiss-warning");
    },
    get linkIgnoredTitle() {
      return t("banners-link-ignored-title");
    },
    get demoTitle() {
      return t("banners-demo-title");
    },
    demoText: (url: string) => t("banners-demo-text", { url }),
  },
  steps: {
    get label() {
      return t("steps-label");
    },
    get names(): readonly string[] {
      return [t("steps-name-before"), t("steps-name-environment"), t("steps-name-credentials"), t("steps-name-opt-in")];
    },
    progress: (current: number, total: number) => t("steps-progress", { current, total }),
  },
  welcome: {
    get title() {
      return t("welcome-title");
    },
    get intro() {
      return t("welcome-intro");
    },
    get checklistLegend() {
      return t("welcome-checklist-legend");
    },
    get step1() {
      return t("welcome-step1");
    },
    get step2() {
      return t("welcome-step2");
    },
    get step3() {
      return t("welcome-step3");
    },
    get notAllTicked() {
      return t("welcome-not-all-ticked");
    },
    get linksTitle() {
      return t("welcome-links-title");
    },
    get upsCom() {
      return t("welcome-ups-com");
    },
    get developerPortal() {
      return t("welcome-developer-portal");
    },
    get start() {
      return t("welcome-start");
    },
    get backToStatus() {
      return t("welcome-back-to-status");
    },
  },
  environment: {
    get title() {
      return t("environment-title");
    },
    get environmentLegend() {
      return t("environment-environment-legend");
    },
    get sandbox() {
      return t("environment-sandbox");
    },
    get sandboxHint() {
      return t("environment-sandbox-hint");
    },
    get cie() {
      return t("environment-cie");
    },
    get cieHint() {
      return t("environment-cie-hint");
    },
    get production() {
      return t("environment-production");
    },
    get productionHint() {
      return t("environment-production-hint");
    },
    get advanced() {
      return t("environment-advanced");
    },
    get custom() {
      return t("environment-custom");
    },
    get customUrl() {
      return t("environment-custom-url");
    },
    customWithUrl: (url: string) => t("environment-custom-with-url", { url }),
    get customUrlHint() {
      return t("environment-custom-url-hint");
    },
    get methodLegend() {
      return t("environment-method-legend");
    },
    get browser() {
      return t("method-browser");
    },
    get browserHint() {
      return t("environment-browser-hint");
    },
    get clientCredentials() {
      return t("method-client-credentials");
    },
    get clientCredentialsHint() {
      return t("environment-client-credentials-hint");
    },
    get label() {
      return t("environment-label");
    },
    get labelHint() {
      return t("environment-label-hint");
    },
  },

  // Company networks (issue 22): the proxy panel under Environment, Advanced.
  proxy: {
    get legend() {
      return t("proxy-legend");
    },
    get intro() {
      return t("proxy-intro");
    },
    get automatic() {
      return t("proxy-automatic");
    },
    get automaticHint() {
      return t("proxy-automatic-hint");
    },
    get manual() {
      return t("proxy-manual");
    },
    get manualHint() {
      return t("proxy-manual-hint");
    },
    get url() {
      return t("proxy-url");
    },
    get direct() {
      return t("proxy-direct");
    },
    get directHint() {
      return t("proxy-direct-hint");
    },
    get save() {
      return t("proxy-save");
    },
    get saved() {
      return t("proxy-saved");
    },
    get inUse() {
      return t("proxy-in-use");
    },
    get loginLegend() {
      return t("proxy-login-legend");
    },
    get loginHint() {
      return t("proxy-login-hint");
    },
    get user() {
      return t("proxy-user");
    },
    get password() {
      return t("proxy-password");
    },
    get saveLogin() {
      return t("proxy-save-login");
    },
    get loginSaved() {
      return t("proxy-login-saved");
    },
    get loginStored() {
      return t("proxy-login-stored");
    },
    get removeLogin() {
      return t("proxy-remove-login");
    },
    get loginRemoved() {
      return t("proxy-login-removed");
    },
    /** The route to one environment, from its parameters (optin-core's `Route::params`). */
    route: (params: { [key in string]?: string }) => {
      const args: Record<string, string> = {};
      for (const [name, value] of Object.entries(params)) if (value !== undefined) args[name] = value;
      return t("proxy-route", args);
    },
  },

  credentials: {
    get title() {
      return t("credentials-title");
    },
    get intro() {
      return t("credentials-intro");
    },
    get clientId() {
      return t("credentials-client-id");
    },
    get clientSecret() {
      return t("credentials-client-secret");
    },
    get clientIdField() {
      return t("credentials-client-id-field");
    },
    get clientSecretField() {
      return t("credentials-client-secret-field");
    },
    get showSecret() {
      return t("credentials-show-secret");
    },
    trimmedNote: (field: string) => t("credentials-trimmed-note", { field }),
    get routeLegend() {
      return t("credentials-route-legend");
    },
    get deepLink() {
      return t("credentials-deep-link");
    },
    get deepLinkHint() {
      return t("credentials-deep-link-hint");
    },
    get loopback() {
      return t("credentials-loopback");
    },
    get loopbackHint() {
      return t("credentials-loopback-hint");
    },
    get bounce() {
      return t("credentials-bounce");
    },
    get bounceHint() {
      return t("credentials-bounce-hint");
    },
    get bounceUrl() {
      return t("credentials-bounce-url");
    },
    get redirectTitle() {
      return t("credentials-redirect-title");
    },
    get redirectMissing() {
      return t("credentials-redirect-missing");
    },
    get copyRedirect() {
      return t("credentials-copy-redirect");
    },
    get checkWithUps() {
      return t("credentials-check-with-ups");
    },
    get checking() {
      return t("credentials-checking");
    },
    get checkAccepted() {
      return t("credentials-check-accepted");
    },
    /** The environment answered "Check with UPS" with no verdict: HTTP `status` with `answer` (a body kind). */
    checkUnavailable: (status: number | null, answer: string | null) =>
      t("credentials-check-unavailable", { status: String(status ?? "?"), answer: answer ?? "other" }),
    get checkNeedsId() {
      return t("credentials-check-needs-id");
    },
    get advanced() {
      return t("credentials-advanced");
    },
    get pkceBody() {
      return t("credentials-pkce-body");
    },
    get pkceBodyHint() {
      return t("credentials-pkce-body-hint");
    },
    get accountsLegend() {
      return t("credentials-accounts-legend");
    },
    get accountsHint() {
      return t("credentials-accounts-hint");
    },
    accountLabel: (n: number) => t("credentials-account-label", { n }),
    removeAccount: (n: number) => t("credentials-remove-account", { n }),
    get remove() {
      return t("credentials-remove");
    },
    get addAccount() {
      return t("credentials-add-account");
    },
    get demoTitle() {
      return t("credentials-demo-title");
    },
    get demoIntro() {
      return t("credentials-demo-intro");
    },
    get demoClientId() {
      return t("credentials-demo-client-id");
    },
    get demoClientSecret() {
      return t("credentials-demo-client-secret");
    },
    get demoUser() {
      return t("credentials-demo-user");
    },
    get demoPassword() {
      return t("credentials-demo-password");
    },
    get demoFill() {
      return t("credentials-demo-fill");
    },
    get demoFilled() {
      return t("credentials-demo-filled");
    },
  },
  validation: {
    empty: (field: string) => t("validation-empty", { field }),
    tooLong: (field: string, max: number) => t("validation-too-long", { field, max }),
    badChars: (field: string) => t("validation-bad-chars", { field }),
    get labelEmpty() {
      return t("validation-label-empty");
    },
    get labelTooLong() {
      return t("validation-label-too-long", { max: MAX_LABEL_CHARS });
    },
    get labelBadChars() {
      return t("validation-label-bad-chars");
    },
    get urlEmpty() {
      return t("validation-url-empty");
    },
    get urlInvalid() {
      return t("validation-url-invalid");
    },
    get urlNotHttps() {
      return t("validation-url-not-https");
    },
    get urlInsecure() {
      return t("validation-url-insecure");
    },
    accountInvalid: (n: number) => t("validation-account-invalid", { n, chars: INPUT_RULES.account_chars }),
    accountDuplicate: (n: number) => t("validation-account-duplicate", { n }),
    get fixBelow() {
      return t("validation-fix-below");
    },
  },
  optIn: {
    get title() {
      return t("opt-in-title");
    },
    reoptTitle: (label: string) => t("opt-in-reopt-title", { label }),
    get summaryTitle() {
      return t("opt-in-summary-title");
    },
    get summaryEnvironment() {
      return t("opt-in-summary-environment");
    },
    get summaryMethod() {
      return t("opt-in-summary-method");
    },
    get summaryLabel() {
      return t("opt-in-summary-label");
    },
    get summaryRedirect() {
      return t("opt-in-summary-redirect");
    },
    get summaryAccounts() {
      return t("opt-in-summary-accounts");
    },
    get summaryNoAccounts() {
      return t("opt-in-summary-no-accounts");
    },
    get browserIntro() {
      return t("opt-in-browser-intro");
    },
    get clientCredentialsIntro() {
      return t("opt-in-client-credentials-intro");
    },
    get reoptIntro() {
      return t("opt-in-reopt-intro");
    },
    get button() {
      return t("opt-in-button");
    },
    get otherRoutes() {
      return t("opt-in-other-routes");
    },
    get otherRoutesHint() {
      return t("opt-in-other-routes-hint");
    },
    get starting() {
      return t("opt-in-starting");
    },
    get verifying() {
      return t("opt-in-verifying");
    },
    get waitingTitle() {
      return t("opt-in-waiting-title");
    },
    get waitingStatus() {
      return t("opt-in-waiting-status");
    },
    get waitingProgress() {
      return t("opt-in-waiting-progress");
    },
    get timeLeft() {
      return t("opt-in-time-left");
    },
    get timedOut() {
      return t("opt-in-timed-out");
    },
    get startAgain() {
      return t("opt-in-start-again");
    },
    get saving() {
      return t("opt-in-saving");
    },
    get savingStatus() {
      return t("opt-in-saving-status");
    },
    get cancel() {
      return t("opt-in-cancel");
    },
    get cancelled() {
      return t("opt-in-cancelled");
    },
    get openAgain() {
      return t("opt-in-open-again");
    },
    get reopened() {
      return t("opt-in-reopened");
    },
    get copyLink() {
      return t("opt-in-copy-link");
    },
    get browserNotOpened() {
      return t("opt-in-browser-not-opened");
    },
    get browserNotOpenedHelp() {
      return t("opt-in-browser-not-opened-help");
    },
    get pasteTitle() {
      return t("opt-in-paste-title");
    },
    get pasteHelp() {
      return t("opt-in-paste-help");
    },
    get pasteLabel() {
      return t("opt-in-paste-label");
    },
    get pasteSubmit() {
      return t("opt-in-paste-submit");
    },
    get pasteEmpty() {
      return t("opt-in-paste-empty");
    },
    get rejectedLink() {
      return t("opt-in-rejected-link");
    },
    get failedTitle() {
      return t("opt-in-failed-title");
    },
    get tryAgain() {
      return t("opt-in-try-again");
    },
    get stillWaiting() {
      return t("opt-in-still-waiting");
    },
    get verifiedTitle() {
      return t("opt-in-verified-title");
    },
    get verifiedIntro() {
      return t("opt-in-verified-intro");
    },
    get done() {
      return t("opt-in-done");
    },
  },
  status: {
    get title() {
      return t("status-title");
    },
    get intro() {
      return t("status-intro");
    },
    get empty() {
      return t("status-empty");
    },
    get addFirst() {
      return t("status-add-first");
    },
    get addAnother() {
      return t("status-add-another");
    },
    get copyDiagnostics() {
      return t("status-copy-diagnostics");
    },
    get diagnosticsCopied() {
      return t("status-diagnostics-copied");
    },
    get listLabel() {
      return t("status-list-label");
    },
    connectedNotice: (label: string) => t("status-connected-notice", { label }),
    get reoptBannerTitle() {
      return t("status-reopt-banner-title");
    },
    get reoptBannerText() {
      return t("status-reopt-banner-text");
    },
    reoptButton: (label: string) => t("status-reopt-button", { label }),
    removed: (label: string) => t("status-removed", { label }),
    get startAtLogin() {
      return t("status-start-at-login");
    },
    get startAtLoginHelp() {
      return t("status-start-at-login-help");
    },
    get startAtLoginOn() {
      return t("status-start-at-login-on");
    },
    get startAtLoginOff() {
      return t("status-start-at-login-off");
    },
    get trayHintTitle() {
      return t("status-tray-hint-title");
    },
    get trayHintText() {
      return t("status-tray-hint-text");
    },
    get trayHintDismiss() {
      return t("status-tray-hint-dismiss");
    },
    get openConnectionGone() {
      return t("status-open-connection-gone");
    },
    openConnectionFine: (label: string) => t("status-open-connection-fine", { label }),
  },
  card: {
    stateName: (state: ConnectionState) => t(`state-${kebab(state)}-name`),
    stateDetail: (state: ConnectionState) => t(`state-${kebab(state)}-detail`),
    get environment() {
      return t("card-environment");
    },
    get clientId() {
      return t("card-client-id");
    },
    get method() {
      return t("card-method");
    },
    methodName: (method: Method) => t(`method-${kebab(method)}`),
    /** A connection's name: its label, or for one rebuilt from the keychain (no label chosen) "Recovered: <environment> <client ID>". */
    name(card: { label: string; label_rebuilt?: boolean; environment: string; client_id_masked: string }): string {
      if (!card.label_rebuilt) return card.label;
      return t("connection-recovered-label", { environment: S.card.environmentName(card.environment), client: card.client_id_masked });
    },
    /** A card's environment in the admin's language (`cie`, `production` or the base URL). */
    environmentName: (environment: string) =>
      environment === "cie"
        ? t("environment-cie")
        : environment === "production"
          ? t("environment-production")
          : t("environment-custom-with-url", { url: environment }),
    get redirectUri() {
      return t("card-redirect-uri");
    },
    get accessToken() {
      return t("card-access-token");
    },
    get accessExpiresIn() {
      return t("card-access-expires-in");
    },
    get accessExpired() {
      return t("card-access-expired");
    },
    get noToken() {
      return t("card-no-token");
    },
    get refreshToken() {
      return t("card-refresh-token");
    },
    refreshValidUntil: (date: string) => t("card-refresh-valid-until", { date }),
    get lastRefresh() {
      return t("card-last-refresh");
    },
    get never() {
      return t("card-never");
    },
    get created() {
      return t("card-created");
    },
    get lastError() {
      return t("card-last-error");
    },
    lastErrorAt: (when: string) => t("card-last-error-at", { when }),
    get accounts() {
      return t("card-accounts");
    },
    get noAccounts() {
      return t("card-no-accounts");
    },
    accountsSummary: (total: number, verified: number, refused: number, unchecked: number) => {
      const parts = [
        verified ? t("card-accounts-verified", { count: verified }) : "",
        refused ? t("card-accounts-refused", { count: refused }) : "",
        unchecked ? t("card-accounts-unchecked", { count: unchecked }) : "",
      ].filter(Boolean);
      return t("card-accounts-summary", { total, parts: new Intl.ListFormat(locale, { type: "unit" }).format(parts) });
    },
    showAllAccounts: (total: number) => t("card-show-all-accounts", { total }),
    get showDetails() {
      return t("card-show-details");
    },
    get hideDetails() {
      return t("card-hide-details");
    },
    get showFewerAccounts() {
      return t("card-show-fewer-accounts");
    },
    get verified() {
      return t("card-verified");
    },
    get refused() {
      return t("card-refused");
    },
    get unchecked() {
      return t("card-unchecked");
    },
    checkedAt: (when: string) => t("card-checked-at", { when }),
    get tokenUnsaved() {
      return t("card-token-unsaved");
    },
    actionsLabel: (label: string) => t("card-actions-label", { label }),
    get refresh() {
      return t("card-refresh");
    },
    get refreshing() {
      return t("card-refreshing");
    },
    get refreshed() {
      return t("card-refreshed");
    },
    get test() {
      return t("card-test");
    },
    get testing() {
      return t("card-testing");
    },
    get tested() {
      return t("card-tested");
    },
    get reopt() {
      return t("card-reopt");
    },
    get remove() {
      return t("card-remove");
    },
    get updateSecret() {
      return t("card-update-secret");
    },
    get secretUpdated() {
      return t("card-secret-updated");
    },
  },
  secretDialog: {
    title: (label: string) => t("secret-dialog-title", { label }),
    get body() {
      return t("secret-dialog-body");
    },
    get label() {
      return t("secret-dialog-label");
    },
    get confirm() {
      return t("secret-dialog-confirm");
    },
    get checking() {
      return t("secret-dialog-checking");
    },
  },

  recovery: {
    get title() {
      return t("recovery-title");
    },
    /** `at`: the date and time, already formatted for the locale (lib/time.ts). */
    text: (at: string, connections: number, fromBackup: boolean, damagedFile: string) =>
      t("recovery-text", { at, connections, source: fromBackup ? "backup" : "keychain", damaged_file: damagedFile }),
    get check() {
      return t("recovery-check");
    },
    get acknowledge() {
      return t("recovery-acknowledge");
    },
    get cardNote() {
      return t("recovery-card-note");
    },
    leftoversTitle: (count: number) => t("recovery-leftovers-title", { count }),
    get leftoversText() {
      return t("recovery-leftovers-text");
    },
    get leftoversButton() {
      return t("recovery-leftovers-button");
    },
    get leftoversDialogTitle() {
      return t("recovery-leftovers-dialog-title");
    },
    get leftoversDialogBody() {
      return t("recovery-leftovers-dialog-body");
    },
    get leftoversConfirm() {
      return t("recovery-leftovers-confirm");
    },
    get leftoversRemoving() {
      return t("recovery-leftovers-removing");
    },
    leftoversRemoved: (count: number) => t("recovery-leftovers-removed", { count }),
  },

  removeDialog: {
    title: (label: string) => t("remove-dialog-title", { label }),
    get body() {
      return t("remove-dialog-body");
    },
    get confirm() {
      return t("remove-dialog-confirm");
    },
    get removing() {
      return t("remove-dialog-removing");
    },
  },
  language: {
    get label() {
      return t("language-label");
    },
    system: (name: string) => t("language-system", { name }),
  },

  copy: {
    get copy() {
      return t("copy-copy");
    },
    get copied() {
      return t("copy-copied");
    },
    get failed() {
      return t("copy-failed");
    },
  },
};
