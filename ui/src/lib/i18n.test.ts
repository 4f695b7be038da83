// The UI's languages: the catalogs of locales/ (the same files the Rust side
// reads), every error code in every locale with its parameters, the language
// switching live with <html lang>, and no English literal left in a component.

import { FluentResource } from "@fluent/bundle";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import ConnectionCardView from "../components/ConnectionCardView.svelte";
import ErrorMessage from "../components/ErrorMessage.svelte";
import LanguageMenu from "../components/LanguageMenu.svelte";
import { card, fakeShell } from "../test/fixtures";
import type { AppNotice, ErrorCode, ErrorView } from "./backend";
import { endonym, LOCALES, negotiate, PSEUDO_LOCALE, pseudo, setLanguage, SOURCE_LOCALE } from "./i18n.svelte";
import { HINTED, S } from "./strings";

const catalogs = import.meta.glob<string>("../../../locales/*/wizard.ftl", { query: "?raw", import: "default", eager: true });
const components = import.meta.glob<string>("../**/*.svelte", { query: "?raw", import: "default", eager: true });
const strings = Object.values(import.meta.glob<string>("./strings.ts", { query: "?raw", import: "default", eager: true }))[0] ?? "";
const idsOf = (locale: string): string[] =>
  new FluentResource(catalogs[`../../../locales/${locale}/wizard.ftl`] ?? "").body.map((m) => m.id);

/** One error per code as the shell sends it: optin-core's `Error::params` (see crates/optin-core/tests/locales.rs). */
const ERRORS: Record<ErrorCode, ErrorView> = {
  invalid_input: {
    code: "invalid_input",
    message: "Shipper account: English",
    params: { field: "shipper-account", reason: "not-account-number", value: "12345" },
  },
  insecure_url: { code: "insecure_url", message: "English", params: { url: "http://ups.example.invalid" } },
  callback_invalid: { code: "callback_invalid", message: "English", params: { detail: "the state parameter is missing", reason: "no-state", case: "answer" } },
  callback_unknown_state: { code: "callback_unknown_state", message: "English", params: {} },
  callback_expired: { code: "callback_expired", message: "English", params: {} },
  access_denied: { code: "access_denied", message: "English", params: { reason: "access_denied: User declined" } },
  login_not_pending: { code: "login_not_pending", message: "English", params: {} },
  login_cancelled: { code: "login_cancelled", message: "English", params: {} },
  login_timed_out: { code: "login_timed_out", message: "English", params: { minutes: "10" } },
  ups_rejected: {
    code: "ups_rejected",
    message: "English",
    params: { status: "401", ups_code: "10401", ups_message: "ClientId is Invalid", endpoint: "/security/v1/oauth/token", case: "credentials" },
  },
  ups_unreachable: { code: "ups_unreachable", message: "English", params: { detail: "UPS answered HTTP 503", reason: "server-error", status: "503" } },
  ups_rate_limited: { code: "ups_rate_limited", message: "English", params: { seconds: "1", ups_message: "Too Many Requests" } },
  ups_bad_response: { code: "ups_bad_response", message: "English", params: { status: "200", kind: "html" } },
  reopt_needed: { code: "reopt_needed", message: "English", params: { ups_message: "Invalid refresh token" } },
  keychain_unavailable: {
    code: "keychain_unavailable",
    message: "English",
    params: { platform: "linux", detail: "org.freedesktop.DBus.Error.ServiceUnknown" },
  },
  keychain_error: { code: "keychain_error", message: "English", params: { detail: "locked" } },
  token_not_saved: { code: "token_not_saved", message: "English", params: { detail: "locked", case: "held" } },
  config_error: {
    code: "config_error",
    message: "English",
    params: { reason: "foreign-folder", path: "/home/admin/.config/ups-optin", uid: "1001" },
  },
  connection_not_found: { code: "connection_not_found", message: "English", params: { id: "3f2a9c1d7e4b" } },
  browser_failed: { code: "browser_failed", message: "English", params: { detail: "no browser" } },
  loopback_port_busy: { code: "loopback_port_busy", message: "English", params: { port: "8765" } },
  busy: { code: "busy", message: "English", params: { minutes: "1" } },
  not_connected: { code: "not_connected", message: "English", params: { what: "client-secret" } },
  client_refused: {
    code: "client_refused",
    message: "English",
    params: { status: "400", ups_code: "10400", ups_message: "Invalid redirect_uri", redirect_uri: "upsoptin://oauth/callback", case: "redirect" },
  },
  credentials_rejected: {
    code: "credentials_rejected",
    message: "English",
    params: { status: "401", ups_code: "none", ups_message: "ClientId is Invalid", case: "new" },
  },
  proxy_unreachable: {
    code: "proxy_unreachable",
    message: "English",
    params: {
      proxy: "http://proxy.example.invalid:3128",
      proxy_source: "HTTPS_PROXY",
      reason: "timeout",
      detail: "it did not answer in time",
    },
  },
  proxy_refused: {
    code: "proxy_refused",
    message: "English",
    params: {
      proxy: "http://proxy.example.invalid:3128",
      proxy_source: "setting",
      host: "wwwcie.ups.com",
      reason: "closed",
      detail: "it ended the connection without opening a tunnel",
    },
  },
  proxy_auth_required: {
    code: "proxy_auth_required",
    message: "English",
    params: { proxy: "http://proxy.example.invalid:3128", proxy_source: "system", case: "refused" },
  },
  tls_untrusted: {
    code: "tls_untrusted",
    message: "English",
    params: { host: "wwwcie.ups.com", reason: "unknown-issuer", detail: "unknown issuer", proxy_source: "intercepting" },
  },
  dns_failed: { code: "dns_failed", message: "English", params: { host: "onlinetools.ups.com" } },
  connection_refused: { code: "connection_refused", message: "English", params: { host: "127.0.0.1", port: "4443" } },
  timed_out: { code: "timed_out", message: "English", params: { host: "wwwcie.ups.com", proxy_source: "none" } },
  unknown: { code: "unknown", message: "Something only the shell knows." },
};

describe("the catalogs", () => {
  it("are the four locales, the source first", () => {
    expect(LOCALES).toEqual(["en-US", "de-DE", "es-MX", "fr-CA"]);
  });

  it("have exactly the source's messages in every locale", () => {
    const source = idsOf(SOURCE_LOCALE).sort();
    for (const locale of LOCALES) expect(idsOf(locale).sort(), locale).toEqual(source);
  });

  it("reach the app compiled: the same messages Fluent's parser reads from each file", async () => {
    const compiled = import.meta.glob<unknown[]>("../../../locales/*/wizard.ftl", { query: "?compiled", import: "default", eager: true });
    for (const locale of LOCALES) {
      const file = `../../../locales/${locale}/wizard.ftl`;
      const parsed = JSON.parse(JSON.stringify(new FluentResource(catalogs[file] ?? "").body));
      expect(compiled[file], locale).toEqual(parsed);
      expect(parsed.length, locale).toBeGreaterThan(300);
    }
  });

  it("name each language in itself, for the menu", () => {
    expect(LOCALES.map(endonym)).toEqual(["English (United States)", "Deutsch (Deutschland)", "Español (México)", "Français (Canada)"]);
    expect(endonym("ja-JP")).toBe("ja-JP");
  });

  it("negotiate the browser's languages against the four", () => {
    expect(negotiate(["fr-FR"])).toBe("fr-CA");
    expect(negotiate(["es"])).toBe("es-MX");
    expect(negotiate(["de-AT", "en-US"])).toBe("de-DE");
    expect(negotiate(["ja-JP"])).toBe("en-US");
  });
});

describe("errors in the admin's language", () => {
  for (const locale of LOCALES) {
    it(`every code reads in ${locale}, quoting UPS and the redirect URI as sent`, async () => {
      await setLanguage(locale);
      for (const error of Object.values(ERRORS)) {
        const text = S.errors.text(error);
        expect(text, `${locale} ${error.code}`).not.toMatch(/^error-|\{\s*\$|none/);
        if (!error.params || error.code === "unknown") {
          // Words built elsewhere in English (and unknown codes): the message as sent.
          expect(text).toBe(error.message);
          continue;
        }
        for (const quoted of ["ups_message", "redirect_uri", "port", "url", "id", "host", "proxy", "value", "path", "status", "label", "max", "detail"]) {
          if (quoted === "detail" && error.params.reason && error.code !== "keychain_unavailable") continue;
          const value = error.params[quoted];
          if (value && value !== "none") expect(text, `${locale} ${error.code}`).toContain(value);
        }
        if (locale !== SOURCE_LOCALE) expect(text, `${locale} ${error.code}`).not.toBe(error.message);
      }
      for (const code of HINTED) {
        const hint = S.errors.hint(code);
        expect(hint, `${locale} hint ${code}`).toBeTruthy();
        expect(hint).not.toMatch(/^error-hint-/);
      }
    });
  }

  it("says why a network connection failed in the admin's words, quoting only an unknown reason", async () => {
    await setLanguage("es-MX");
    expect(S.errors.text(ERRORS.proxy_unreachable)).toContain("(según la variable HTTPS_PROXY) (no respondió a tiempo)");
    expect(S.errors.text(ERRORS.proxy_unreachable)).not.toContain("it did not answer");
    const other = { ...ERRORS.tls_untrusted, params: { host: "wwwcie.ups.com", reason: "other", detail: "bad record MAC", proxy_source: "none" } };
    expect(S.errors.text(other)).toContain("no confía (detalle técnico: bad record MAC). Esto es típico");
    await setLanguage("fr-CA");
    const unreachable = { ...ERRORS.proxy_unreachable, params: { ...ERRORS.proxy_unreachable.params, reason: "other", detail: "Network is unreachable (os error 101)" } };
    expect(S.errors.text(unreachable)).toContain("(détail technique\u00a0: Network is unreachable (os error 101))");
  });

  /** Every reason of these codes, as the core and the shell name them (optin-core's `Error::because`, src-tauri's `ShellError::params`). */
  const REASONS: Record<string, { code: ErrorCode; params: Record<string, string> }[]> = {
    invalid_input: [
      "empty", "too-long", "spaces", "non-ascii", "control-characters", "user-info", "query", "colon", "not-proxy-address",
      "no-proxy-in-use", "bounce-needs-scheme", "bounce-not-https", "loopback-needs-address", "client-credentials-only",
      "no-redirect-uri", "bad-id", "backslash", "not-absolute", "no-host", "demo-only", "no-demo", "other",
    ].map((reason) => ({ code: "invalid_input" as const, params: { field: "client-id", reason, max: "64" } })),
    config_error: [
      "files", "newer-schema", "damaged-keychain-unreadable", "damaged-no-copy", "foreign-settings", "loopback-failed",
      "no-config-dir", "demo-sandbox", "start-at-login-unavailable", "start-at-login-failed", "start-at-login-refused", "other",
    ].map((reason) => ({
      code: "config_error" as const,
      params: { reason, path: "/home/admin/.config/ups-optin/settings.json", uid: "1001", detail: "os error 13", action: "on", location: "world-writable" },
    })),
    ups_bad_response: [
      "unreadable", "empty-token", "not-approved", "empty", "json-without-token", "malformed-json", "error-body", "redirect",
      "no-access-token", "no-refresh-token", "not-json",
    ].map((kind) => ({ code: "ups_bad_response" as const, params: { status: "200", kind } })),
    callback_invalid: [
      "empty", "too-long", "control-characters", "not-address", "too-many-parameters", "parameter-too-long",
      "parameter-nul", "parameter-twice", "no-state", "wrong-address", "no-code", "other",
    ].map((reason) => ({ code: "callback_invalid" as const, params: { reason, case: "answer", detail: "x" } })),
    ups_unreachable: ["server-error", "not-ups", "tls-failed", "connect-failed", "connection-broke", "request-failed", "other"].map(
      (reason) => ({ code: "ups_unreachable" as const, params: { reason, status: "502", detail: "x" } }),
    ),
    keychain_unavailable: ["linux", "macos", "windows", "other"].map((platform) => ({
      code: "keychain_unavailable" as const,
      params: { platform, detail: "no keychain" },
    })),
  };

  for (const locale of LOCALES) {
    it(`says every reason of input, configuration, keychain and non-token errors in ${locale}, each differently`, async () => {
      await setLanguage(locale);
      for (const [code, cases] of Object.entries(REASONS)) {
        const texts = cases.map((c) => S.errors.text({ code: c.code, message: "English", params: c.params }));
        for (const text of texts) {
          expect(text, `${locale} ${code}`).not.toMatch(/^error-|\{\s*\$|English/);
        }
        expect(new Set(texts).size, `${locale} ${code}: one text per reason`).toBe(texts.length);
      }
      // The field is named in the admin's words; the value refused is quoted as typed.
      const account = S.errors.text(ERRORS.invalid_input);
      expect(account).toContain("12345");
      expect(account.startsWith({ "en-US": "Shipper account", "fr-CA": "Compte d'expéditeur", "es-MX": "Cuenta de envío", "de-DE": "Versandkonto" }[locale] ?? "?")).toBe(true);
    });
  }
});

describe("the shell's notices and the client check in the admin's language", () => {
  const NOTICES: AppNotice[] = [
    { code: "no_session_bus", message: "English", params: {} },
    { code: "quit_unsaved", message: "English", params: {} },
    {
      code: "link_handler",
      message: "English",
      params: { reason: "unsafe-location", location: "temp-folder", path: "/tmp/.mount_ups/ups-optin-wizard", temp: "/tmp" },
    },
    ...["unwritable-path", "no-home", "installed-drops-url", "installed-is-other", "no-installed-handler", "io", "command", "still-overridden", "registry", "other"].map(
      (reason): AppNotice => ({
        code: "link_handler",
        message: "English",
        params: { reason, path: "/opt/ups", file: "/usr/share/applications/ups.desktop", program: "other-app", scheme: "upsoptin" },
      }),
    ),
    { code: "start_at_login", message: "English", params: { reason: "unsafe-login-item", location: "other-owner", path: "/opt/ups", uid: "1001" } },
    { code: "start_at_login", message: "English", params: { reason: "io" } },
  ];

  for (const locale of LOCALES) {
    it(`every notice reads in ${locale} with its values`, async () => {
      await setLanguage(locale);
      const texts = NOTICES.map((n) => S.banners.warning(n));
      for (const [i, text] of texts.entries()) {
        expect(text, `${locale} ${NOTICES[i]?.code}`).not.toMatch(/^app-warning-|\{\s*\$|English/);
      }
      expect(new Set(texts).size).toBe(texts.length);
      expect(texts[2]).toContain("/tmp/.mount_ups/ups-optin-wizard");
      expect(texts.at(-2)).toContain("uid 1001".replace("uid", locale === "de-DE" ? "UID" : "uid"));
      const unavailable = ["empty", "html", "json-without-token", "json-without-result", "malformed-json", "not-json"].map((a) =>
        S.credentials.checkUnavailable(404, a),
      );
      expect(new Set(unavailable).size).toBe(unavailable.length);
      for (const u of unavailable) expect(u).toContain("404");
    });
  }

  it("names a connection rebuilt from the keychain (no label chosen) in the admin's language, and never renames a chosen label", async () => {
    const rebuilt = card({ label: "Recovered: Test (CIE) ••••AB12", label_rebuilt: true, environment: "cie", client_id_masked: "••••AB12" });
    const names: Record<string, string> = {
      "en-US": "Recovered: Test (CIE) ••••AB12",
      "fr-CA": "Récupérée\u00a0: Essai (CIE) ••••AB12",
      "es-MX": "Recuperada: Pruebas (CIE) ••••AB12",
      "de-DE": "Wiederhergestellt: Test (CIE) ••••AB12",
    };
    for (const locale of LOCALES) {
      await setLanguage(locale);
      expect(S.card.name(rebuilt), locale).toBe(names[locale]);
      expect(S.card.name(card({ label: "Shipping app" }))).toBe("Shipping app");
    }
    await setLanguage("es-MX");
    render(ConnectionCardView, { card: rebuilt, onChanged: () => {}, onReopt: () => {}, onRemove: () => {} });
    expect(screen.getByRole("heading", { name: "Recuperada: Pruebas (CIE) ••••AB12" })).toBeVisible();
  });

  it("falls back to the English sentence for a notice this UI does not know", async () => {
    await setLanguage("fr-CA");
    expect(S.banners.warning({ code: "from_a_newer_shell" as AppNotice["code"], message: "English sentence.", params: {} })).toBe("English sentence.");
  });

  it("uses the locale's plural rules for counts", async () => {
    await setLanguage("de-DE");
    expect(S.errors.text(ERRORS.busy)).toContain("1 Minute.");
    expect(S.errors.text(ERRORS.login_timed_out)).toContain("10 Minuten");
    await setLanguage("fr-CA");
    expect(S.errors.text(ERRORS.ups_rate_limited)).toContain("1 seconde");
    expect(S.card.accountsSummary(2, 1, 1, 0)).toBe("2 comptes d'expéditeur\u00a0: 1 vérifié et 1 refusé.");
  });
});

describe("the status screen's card in the admin's language", () => {
  it("says the state and the last error from the catalog, quoting UPS", async () => {
    await setLanguage("de-DE");
    render(ConnectionCardView, {
      card: card({
        label: "Versand Berlin",
        state: "reopt_needed",
        last_error: {
          code: "reopt_needed",
          message: "UPS no longer accepts this opt-in (Invalid refresh token). …",
          at: "2026-12-04T15:00:00Z",
          params: { ups_message: "Invalid refresh token" },
        },
      }),
      onChanged: () => {},
      onReopt: () => {},
      onRemove: () => {},
    });
    const article = screen.getByRole("article");
    expect(article).toHaveTextContent(S.card.stateName("reopt_needed"));
    expect(article).toHaveTextContent("UPS akzeptiert dieses Opt-in nicht mehr");
    expect(article).toHaveTextContent("UPS akzeptiert dieses Opt-in nicht mehr (Invalid refresh token)");
    expect(article).toHaveTextContent("Test (CIE)");
    expect(article).not.toHaveTextContent("UPS no longer accepts");
  });
});

describe("switching the language", () => {
  it("re-renders the screen live and sets <html lang>", async () => {
    render(ErrorMessage, { error: ERRORS.reopt_needed });
    expect(screen.getByRole("alert")).toHaveTextContent("UPS no longer accepts this opt-in (Invalid refresh token)");
    expect(document.documentElement.lang).toBe("en-US");
    await setLanguage("fr-CA");
    expect(document.documentElement.lang).toBe("fr-CA");
    await vi.waitFor(() =>
      expect(screen.getByRole("alert")).toHaveTextContent("UPS n'accepte plus cette adhésion (Invalid refresh token)"),
    );
  });

  it("from the menu: the shell remembers the choice and the screen follows", async () => {
    const calls = fakeShell({
      set_locale: (args) => ({
        locale: (args?.locale as string | null) ?? "en-US",
        system: "en-US",
        chosen: args?.locale ?? null,
        available: [...LOCALES],
      }),
    });
    await setLanguage("en-US", { locale: "en-US", system: "en-US", chosen: null, available: [...LOCALES] });
    render(LanguageMenu);
    const menu = screen.getByRole("combobox", { name: "Language" });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "System default: English (United States)",
      "English (United States)",
      "Deutsch (Deutschland)",
      "Español (México)",
      "Français (Canada)",
    ]);
    await userEvent.selectOptions(menu, "de-DE");
    await vi.waitFor(() => expect(document.documentElement.lang).toBe("de-DE"));
    expect(calls).toEqual([{ cmd: "set_locale", args: { locale: "de-DE" } }]);
    expect(screen.getByRole("combobox", { name: "Sprache" })).toHaveValue("de-DE");
  });

  it("has a pseudo-locale, accented and about 40 % longer, for layout checks", async () => {
    await setLanguage(PSEUDO_LOCALE);
    const text = S.welcome.title;
    expect(text).not.toMatch(/[a-z]/);
    expect(text.length / "Opt in your UPS shipper accounts".length).toBeGreaterThan(1.25);
    expect(pseudo("Opt in")).toBe("ÖÖþŧ îîñ");
  });
});

describe("components", () => {
  it("have no English literal: every text comes from strings.ts", () => {
    const files = Object.entries(components);
    expect(files.length).toBeGreaterThan(20);
    const offending: string[] = [];
    for (const [file, source] of files) {
      // The markup only: no script, no style, no {expressions}, no comments.
      const markup = source
        .replace(/<script[\s\S]*?<\/script>/g, "")
        .replace(/<style[\s\S]*?<\/style>/g, "")
        .replace(/<!--[\s\S]*?-->/g, "");
      const withoutExpressions = markup.replace(/\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, "");
      for (const m of withoutExpressions.matchAll(/>([^<>]+)</g)) {
        const text = (m[1] ?? "").trim();
        if (/[A-Za-z]{2,}/.test(text)) offending.push(`${file}: text "${text}"`);
      }
      for (const m of withoutExpressions.matchAll(/\s(aria-label|title|placeholder|alt)="([^"]*)"/g)) {
        if (/[A-Za-z]{2,}\s+[A-Za-z]{2,}|^[A-Z][a-z]+$/.test(m[2] ?? "")) offending.push(`${file}: ${m[1]}="${m[2]}"`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("take words only from the catalogs: strings.ts has no sentence in a string literal", () => {
    const source = strings.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const sentences = [...source.matchAll(/"([^"\n]*)"|`([^`]*)`/g)]
      .map((m) => m[1] ?? m[2] ?? "")
      .filter((text) => /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text));
    expect(source).toContain('t("app-name")');
    expect(sentences).toEqual([]);
  });
});
