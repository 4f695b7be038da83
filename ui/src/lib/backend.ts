// The one seam between the UI and the Tauri shell.
//
// It wraps the IPC client generated from Rust (../bindings/ipc.ts: one function
// per command, the events with their payloads, every type; see docs/ipc.md).
// Components get a `Backend` with `useBackend()` (a Svelte context, set by the
// App; it falls back to the Tauri implementation) and never call `invoke`,
// `listen` or the generated client themselves. Every method rejects with an
// `ErrorView`; a rejection that is not one (a string, an Error, an unknown
// code) is normalized by `toErrorView`.

import { openUrl } from "@tauri-apps/plugin-opener";
import { getContext, setContext } from "svelte";

import { commands, events } from "../bindings/ipc";
import type {
  AppInfo,
  AppNotice,
  AppSettings,
  BrowserOptInRequest,
  ClientCheckRequest,
  ClientCheckView,
  ClientCredentialsOptInRequest,
  CompletionView,
  ConnectionCard,
  ErrorCode,
  ErrorView,
  KeychainHealth,
  LocaleView,
  LoginEvent,
  NetworkView,
  PendingLoginView,
  ProxyLoginInput,
  ProxySetting,
  RecoveryEvent,
  UpdateSecretRequest,
} from "../bindings/ipc";
import { takeEarlyAnswer } from "./early";
import { S } from "./strings";

// Every IPC type, for the components (they import from here, not from the bindings).
export type * from "../bindings/ipc";

/** The shell's commands, by their IPC names (generated from Rust's one list). */
export type CommandName = keyof typeof commands;

/** Stops an event subscription. */
export type Unsubscribe = () => void;

export interface Backend {
  getAppInfo(): Promise<AppInfo>;
  /** Whether the system keychain works; asked apart from the first screen, which never waits for it. */
  checkKeychain(): Promise<KeychainHealth>;
  listConnections(): Promise<ConnectionCard[]>;
  startBrowserOptIn(request: BrowserOptInRequest): Promise<PendingLoginView>;
  reoptIn(connectionId: string): Promise<PendingLoginView>;
  openSignInAgain(loginId: string): Promise<PendingLoginView>;
  cancelOptIn(loginId: string): Promise<void>;
  /** Connected, refused (the login still waits) or failed (the login is over). */
  submitPastedAddress(address: string): Promise<CompletionView>;
  clientCredentialsOptIn(request: ClientCredentialsOptInRequest): Promise<ConnectionCard>;
  refreshConnection(connectionId: string): Promise<ConnectionCard>;
  testConnection(connectionId: string): Promise<ConnectionCard>;
  removeConnection(connectionId: string): Promise<void>;
  copyDiagnostics(): Promise<string>;
  /** "Check with UPS": UPS's validate-client for the route's redirect URI. */
  checkClient(request: ClientCheckRequest): Promise<ClientCheckView>;
  /** Checks a new client secret with UPS and stores it only if UPS accepts it. */
  updateClientSecret(request: UpdateSecretRequest): Promise<ConnectionCard>;
  /** Opens a web page in the system browser (never in the app window). */
  openExternal(url: string): Promise<void>;
  onLoginEvent(handler: (event: LoginEvent) => void): Promise<Unsubscribe>;
  onConnectionsChanged(handler: (cards: ConnectionCard[]) => void): Promise<Unsubscribe>;
  /** A notice found after start-up (e.g. the link handler could not be registered). */
  onWarning(handler: (notice: AppNotice) => void): Promise<Unsubscribe>;
  /** Non-secret settings (start at login). */
  getSettings(): Promise<AppSettings>;
  setStartAtLogin(enabled: boolean): Promise<AppSettings>;
  /** The connection the tray, a notification or a second launch asked to open (once), or null. */
  takeOpenConnection(): Promise<string | null>;
  /** The tray or a notification asks to open this connection's fix step. */
  onOpenConnection(handler: (connectionId: string) => void): Promise<Unsubscribe>;
  /** The window was closed for the first time: say once that the app keeps running in the tray. */
  onTrayHint(handler: () => void): Promise<Unsubscribe>;
  /** Damaged connections files recovered and not acknowledged yet. */
  getRecovery(): Promise<RecoveryEvent[]>;
  /** The admin checked the recovered connections: the notice goes away everywhere. */
  acknowledgeRecovery(): Promise<void>;
  /** Keychain entries no connection uses (client IDs masked). */
  listLeftovers(): Promise<string[]>;
  /** Removes them (after the admin confirmed); how many were removed. */
  removeLeftovers(): Promise<number>;
  /** The proxy in use for each environment and why, and whether its login is stored. */
  getNetwork(): Promise<NetworkView>;
  setProxy(setting: ProxySetting): Promise<NetworkView>;
  /** Stores the login of the proxy in use in the keychain; `null` removes it. */
  setProxyLogin(login: ProxyLoginInput | null): Promise<NetworkView>;
  /** The active language, the OS's, the one chosen in the menu, and every one the wizard speaks. */
  getLocale(): Promise<LocaleView>;
  /** The language menu: a locale, or null to follow the OS (remembered; the tray follows). */
  setLocale(locale: string | null): Promise<LocaleView>;
}

// Every code the Rust side can send. Typed as a `Record` over the generated
// `ErrorCode`, so the compiler rejects this list when a code is missing or stale.
const KNOWN_ERROR_CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  insecure_url: true,
  callback_invalid: true,
  callback_unknown_state: true,
  callback_expired: true,
  access_denied: true,
  login_not_pending: true,
  login_cancelled: true,
  login_timed_out: true,
  ups_rejected: true,
  ups_unreachable: true,
  ups_rate_limited: true,
  ups_bad_response: true,
  reopt_needed: true,
  keychain_unavailable: true,
  keychain_error: true,
  token_not_saved: true,
  config_error: true,
  connection_not_found: true,
  browser_failed: true,
  loopback_port_busy: true,
  busy: true,
  not_connected: true,
  client_refused: true,
  credentials_rejected: true,
  proxy_unreachable: true,
  proxy_refused: true,
  proxy_auth_required: true,
  tls_untrusted: true,
  dns_failed: true,
  connection_refused: true,
  timed_out: true,
  unknown: true,
};
const ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(KNOWN_ERROR_CODES));

/** Maps any string to an `ErrorCode`; codes this UI does not know become "unknown". */
export function toErrorCode(code: unknown): ErrorCode {
  return typeof code === "string" && ERROR_CODES.has(code) ? (code as ErrorCode) : "unknown";
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string");
}

/** Turns anything a command rejected with into an `ErrorView`. */
export function toErrorView(reason: unknown): ErrorView {
  if (typeof reason === "object" && reason !== null) {
    const r = reason as { code?: unknown; message?: unknown; params?: unknown };
    const message = typeof r.message === "string" && r.message.trim() !== "" ? r.message : null;
    if ("code" in r) {
      const view: ErrorView = { code: toErrorCode(r.code), message: message ?? S.errors.generic };
      // The error as data (for the admin's language), kept only when it is what the shell sends.
      if (message !== null && isStringMap(r.params)) view.params = r.params;
      return view;
    }
    if (message !== null) return { code: "unknown", message };
  }
  if (typeof reason === "string" && reason.trim() !== "") {
    return { code: "unknown", message: reason };
  }
  return { code: "unknown", message: S.errors.generic };
}

type Command<K extends CommandName> = (typeof commands)[K];

/** Runs a generated command; a rejection becomes an `ErrorView`. */
async function call<K extends CommandName>(
  name: K,
  ...args: Parameters<Command<K>>
): Promise<Awaited<ReturnType<Command<K>>>> {
  type Answer = Awaited<ReturnType<Command<K>>>;
  const run = commands[name] as (...a: Parameters<Command<K>>) => Promise<Answer>;
  try {
    return await ((args.length === 0 ? takeEarlyAnswer<Answer>(name) : undefined) ?? run(...args));
  } catch (reason) {
    throw toErrorView(reason);
  }
}

/** The real backend: the generated client's commands and events (docs/ipc.md). */
export const tauriBackend: Backend = {
  getAppInfo: () => call("get_app_info"),
  checkKeychain: () => call("check_keychain"),
  listConnections: () => call("list_connections"),
  startBrowserOptIn: (request) => call("start_browser_opt_in", request),
  reoptIn: (connectionId) => call("reopt_in", connectionId),
  openSignInAgain: (loginId) => call("open_sign_in_again", loginId),
  cancelOptIn: async (loginId) => {
    await call("cancel_opt_in", loginId);
  },
  submitPastedAddress: (address) => call("submit_pasted_address", address),
  clientCredentialsOptIn: (request) => call("client_credentials_opt_in", request),
  refreshConnection: (connectionId) => call("refresh_connection", connectionId),
  testConnection: (connectionId) => call("test_connection", connectionId),
  removeConnection: async (connectionId) => {
    await call("remove_connection", connectionId);
  },
  copyDiagnostics: () => call("copy_diagnostics"),
  checkClient: (request) => call("check_client", request),
  updateClientSecret: (request) => call("update_client_secret", request),
  openExternal: async (url) => {
    try {
      await openUrl(url);
    } catch (reason) {
      throw toErrorView(reason);
    }
  },
  onLoginEvent: (handler) => events.login_event.listen((e) => handler(e.payload)),
  onConnectionsChanged: (handler) => events.connections_changed.listen((e) => handler(e.payload)),
  onWarning: (handler) => events.app_warning.listen((e) => handler(e.payload)),
  getSettings: () => call("get_settings"),
  setStartAtLogin: (enabled) => call("set_start_at_login", enabled),
  takeOpenConnection: () => call("take_open_connection"),
  onOpenConnection: (handler) => events.open_connection.listen((e) => handler(e.payload)),
  onTrayHint: (handler) => events.tray_hint.listen(() => handler()),
  getRecovery: () => call("get_recovery"),
  acknowledgeRecovery: async () => {
    await call("acknowledge_recovery");
  },
  listLeftovers: () => call("list_leftovers"),
  removeLeftovers: () => call("remove_leftovers"),
  getNetwork: () => call("get_network"),
  setProxy: (setting) => call("set_proxy", setting),
  setProxyLogin: (login) => call("set_proxy_login", login),
  getLocale: () => call("get_locale"),
  setLocale: (locale) => call("set_locale", locale),
};

const BACKEND_KEY = Symbol("backend");

/** Makes `backend` the one components under the caller get from `useBackend()`. */
export function provideBackend(backend: Backend): Backend {
  return setContext(BACKEND_KEY, backend);
}

/** The backend for this component tree (the Tauri one unless a parent provided another). */
export function useBackend(): Backend {
  return getContext<Backend | undefined>(BACKEND_KEY) ?? tauriBackend;
}

/**
 * Starts a subscription and returns a cleanup that stops it, even when the
 * cleanup runs before `listen` has resolved. Meant as the return value of `$effect`.
 */
export function subscribe(start: Promise<Unsubscribe>): () => void {
  let stopped = false;
  let stop: Unsubscribe | null = null;
  start.then(
    (unsubscribe) => {
      if (stopped) unsubscribe();
      else stop = unsubscribe;
    },
    () => {
      /* no event bridge (e.g. outside Tauri): nothing to stop */
    },
  );
  return () => {
    stopped = true;
    stop?.();
    stop = null;
  };
}
