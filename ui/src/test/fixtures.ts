// Test helpers: sample IPC values and a mockIPC-based fake of the Tauri shell.

import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppInfo, AppNotice, ConnectionCard, ErrorView, KeychainHealth, NoticeCode, PendingLoginView } from "../lib/backend";

export const NOW = new Date("2025-06-02T12:00:00Z").getTime();

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: "0.1.0",
    demo: null,
    deep_link_redirect_uri: "upsoptin://oauth/callback",
    loopback_redirect_uri: "http://127.0.0.1:8765/callback",
    warnings: [],
    // What the core answers (optin_core::login::route::route_redirects).
    route_redirects: [
      { route: "deep_link", redirect_uri: "upsoptin://oauth/callback" },
      { route: "loopback", redirect_uri: "http://127.0.0.1:8765/callback" },
      { route: "bounce", redirect_uri: null },
      { route: "paste", redirect_uri: "upsoptin://oauth/callback" },
    ],
    ...overrides,
  };
}

export function keychainOk(overrides: Partial<KeychainHealth> = {}): KeychainHealth {
  return { ok: true, backend: "Secret Service", error: null, ...overrides };
}

/** A notice of the shell (src-tauri's `AppNotice`): its code, English sentence and parameters. */
export function notice(code: NoticeCode, message: string, params: Record<string, string> = {}): AppNotice {
  return { code, message, params };
}

export const demoHint = {
  base_url: "http://127.0.0.1:9911",
  client_id: "DEMOCLIENTID0001",
  client_secret: "demo-secret-value",
  username: "demo-admin",
  password: "demo-password",
};

export function card(overrides: Partial<ConnectionCard> = {}): ConnectionCard {
  return {
    id: "c1",
    label: "Acme Ship",
    environment: "cie",
    environment_label: "Test (CIE)",
    client_id_masked: "••••AB12",
    method: "browser",
    redirect_uri: "upsoptin://oauth/callback",
    state: "connected",
    access_token_expires_at: new Date(NOW + 3 * 3600_000 + 59 * 60_000 + 30_000).toISOString(),
    refresh_token_expires_at: "2025-07-01T12:00:00Z",
    last_refresh_at: "2025-06-02T11:00:00Z",
    created_at: "2025-06-01T09:30:00Z",
    last_error: null,
    accounts: [],
    token_unsaved: false,
    recovered: false,
    ...overrides,
  };
}

export function pending(overrides: Partial<PendingLoginView> = {}): PendingLoginView {
  return {
    login_id: "login-1",
    authorize_url: "https://wwwcie.ups.com/security/v1/oauth/authorize?client_id=x&state=abc",
    redirect_uri: "upsoptin://oauth/callback",
    route: "deep_link",
    expires_at: new Date(NOW + 10 * 60_000).toISOString(),
    browser_opened: true,
    browser_error: null,
    ...overrides,
  };
}

export function errorView(code: ErrorView["code"], message: string, params?: Record<string, string>): ErrorView {
  return params ? { code, message, params } : { code, message };
}

export interface Call {
  cmd: string;
  args: Record<string, unknown> | undefined;
}

const PASSIVE: Record<string, unknown> = {
  get_settings: { start_at_login: false, start_at_login_available: true },
  take_open_connection: null,
  get_recovery: [],
  list_leftovers: [],
  get_network: {
    report: {
      setting: { mode: "automatic" },
      variables: [],
      routes: [
        {
          environment: "Test (CIE)",
          base_url: "https://wwwcie.ups.com",
          route: "direct (no proxy in the proxy setting, the environment or the system settings)",
          environment_id: "cie",
          route_params: { case: "direct" },
        },
      ],
      certificates: "the system certificate store and Mozilla's roots",
    },
    has_login: false,
  },
  get_locale: { locale: "en-US", system: "en-US", chosen: null, available: ["en-US", "fr-CA", "es-MX", "de-DE"] },
};

type Handler = (args: Record<string, unknown> | undefined) => unknown;

/**
 * Installs a fake Tauri shell. Each handler answers one command (throw to reject);
 * an unexpected command rejects. Events are mocked, so `fire` reaches `listen`.
 */
export function fakeShell(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  // The keychain works unless a test says otherwise.
  const all: Record<string, Handler> = { check_keychain: () => keychainOk(), ...handlers };
  mockIPC(
    (cmd, args) => {
      const a = args as Record<string, unknown> | undefined;
      // Passive reads every screen may make (start-at-login setting, a
      // pending "open this connection"): answered with defaults unless a test
      // handles them, and recorded only then.
      if (!handlers[cmd] && cmd in PASSIVE) return PASSIVE[cmd];
      calls.push({ cmd, args: a });
      const handler = all[cmd];
      if (!handler) throw { code: "unknown", message: `unexpected command ${cmd}` };
      return handler(a);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

/** Emits a backend event to the UI's listeners. */
export async function fire(event: string, payload: unknown): Promise<void> {
  await emit(event, payload);
}

export function commands(calls: Call[]): string[] {
  return calls.map((c) => c.cmd).filter((c) => !c.startsWith("plugin:event|"));
}

/** Lets pending promise chains (IPC mocks, event listener registration) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
