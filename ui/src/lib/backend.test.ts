import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";
import { commands } from "../bindings/ipc";
import { card, fakeShell, pending } from "../test/fixtures";
import { subscribe, tauriBackend, toErrorCode, toErrorView } from "./backend";

describe("toErrorView", () => {
  it("keeps a known code and its message", () => {
    expect(toErrorView({ code: "ups_rejected", message: "UPS refused." })).toEqual({
      code: "ups_rejected",
      message: "UPS refused.",
    });
  });
  it("maps an unknown code to unknown", () => {
    expect(toErrorView({ code: "brand_new_code", message: "Hm." })).toEqual({ code: "unknown", message: "Hm." });
    expect(toErrorCode(42)).toBe("unknown");
  });
  it("knows not_connected (it was missing from the hand-written list)", () => {
    expect(toErrorView({ code: "not_connected", message: "Opt in again." }).code).toBe("not_connected");
  });
  it("turns strings, Errors and junk into unknown with a message", () => {
    expect(toErrorView("plain text")).toEqual({ code: "unknown", message: "plain text" });
    expect(toErrorView(new Error("boom"))).toEqual({ code: "unknown", message: "boom" });
    expect(toErrorView(undefined).code).toBe("unknown");
    expect(toErrorView(undefined).message.length).toBeGreaterThan(10);
    expect(toErrorView({ code: "busy", message: "" }).message.length).toBeGreaterThan(10);
  });
});

describe("tauriBackend", () => {
  it("calls each command with the contract's names and camelCase arguments", async () => {
    const calls = fakeShell({
      get_app_info: () => ({}),
      list_connections: () => [],
      start_browser_opt_in: () => pending(),
      reopt_in: () => pending(),
      open_sign_in_again: () => pending(),
      cancel_opt_in: () => null,
      submit_pasted_address: () => ({ outcome: "connected", connection: card() }),
      client_credentials_opt_in: () => card(),
      refresh_connection: () => card(),
      test_connection: () => card(),
      remove_connection: () => null,
      copy_diagnostics: () => "diag",
      check_client: () => ({ accepted: true, redirect_uri: "upsoptin://oauth/callback", message: "ok" }),
      update_client_secret: () => card(),
      get_settings: () => ({ start_at_login: false, start_at_login_available: true }),
      set_start_at_login: () => ({ start_at_login: true, start_at_login_available: true }),
      take_open_connection: () => null,
      get_recovery: () => [],
      acknowledge_recovery: () => null,
      list_leftovers: () => [],
      remove_leftovers: () => 0,
      get_network: () => null,
      set_proxy: () => null,
      set_proxy_login: () => null,
      get_locale: () => null,
      set_locale: () => null,
      "plugin:opener|open_url": () => null,
    });
    const environment = { kind: "cie" as const, url: null };
    const browserRequest = {
      environment,
      label: "L",
      client_id: "id",
      client_secret: "s",
      route: "deep_link" as const,
      bounce_url: null,
      pkce_body: false,
      accounts: ["A1B2C3"],
    };
    await tauriBackend.getAppInfo();
    await tauriBackend.checkKeychain();
    await tauriBackend.listConnections();
    await tauriBackend.startBrowserOptIn(browserRequest);
    await tauriBackend.reoptIn("c1");
    await tauriBackend.openSignInAgain("l1");
    await tauriBackend.cancelOptIn("l1");
    await tauriBackend.submitPastedAddress("upsoptin://oauth/callback?code=x&state=y");
    await tauriBackend.clientCredentialsOptIn({ environment, label: "L", client_id: "id", client_secret: "s", accounts: [] });
    await tauriBackend.refreshConnection("c1");
    await tauriBackend.testConnection("c1");
    await tauriBackend.removeConnection("c1");
    expect(await tauriBackend.copyDiagnostics()).toBe("diag");
    await tauriBackend.openExternal("https://www.ups.com");
    const checkRequest = { environment, client_id: "id", route: "paste" as const, bounce_url: null };
    await tauriBackend.checkClient(checkRequest);
    await tauriBackend.updateClientSecret({ connection_id: "c1", client_secret: "s2" });
    await tauriBackend.getSettings();
    await tauriBackend.setStartAtLogin(true);
    expect(await tauriBackend.takeOpenConnection()).toBeNull();
    expect(await tauriBackend.getRecovery()).toEqual([]);
    await tauriBackend.acknowledgeRecovery();
    expect(await tauriBackend.listLeftovers()).toEqual([]);
    expect(await tauriBackend.removeLeftovers()).toBe(0);
    await tauriBackend.getNetwork();
    await tauriBackend.setProxy({ mode: "manual", url: "http://proxy.example.invalid:3128" });
    await tauriBackend.setProxyLogin(null);
    await tauriBackend.getLocale();
    await tauriBackend.setLocale("fr-CA");

    expect(calls.map((c) => [c.cmd, c.args])).toEqual([
      ["get_app_info", {}],
      ["check_keychain", {}],
      ["list_connections", {}],
      ["start_browser_opt_in", { request: browserRequest }],
      ["reopt_in", { connectionId: "c1" }],
      ["open_sign_in_again", { loginId: "l1" }],
      ["cancel_opt_in", { loginId: "l1" }],
      ["submit_pasted_address", { address: "upsoptin://oauth/callback?code=x&state=y" }],
      [
        "client_credentials_opt_in",
        { request: { environment, label: "L", client_id: "id", client_secret: "s", accounts: [] } },
      ],
      ["refresh_connection", { connectionId: "c1" }],
      ["test_connection", { connectionId: "c1" }],
      ["remove_connection", { connectionId: "c1" }],
      ["copy_diagnostics", {}],
      ["plugin:opener|open_url", { url: "https://www.ups.com", with: undefined }],
      ["check_client", { request: checkRequest }],
      ["update_client_secret", { request: { connection_id: "c1", client_secret: "s2" } }],
      ["get_settings", {}],
      ["set_start_at_login", { enabled: true }],
      ["take_open_connection", {}],
      ["get_recovery", {}],
      ["acknowledge_recovery", {}],
      ["list_leftovers", {}],
      ["remove_leftovers", {}],
      ["get_network", {}],
      ["set_proxy", { setting: { mode: "manual", url: "http://proxy.example.invalid:3128" } }],
      ["set_proxy_login", { login: null }],
      ["get_locale", {}],
      ["set_locale", { locale: "fr-CA" }],
    ]);
    // Every command of the contract (generated from Rust's one list) is reachable.
    const called = new Set(calls.map((c) => c.cmd));
    expect(Object.keys(commands).filter((name) => !called.has(name))).toEqual([]);
  });

  it("rejects with a normalized ErrorView", async () => {
    mockIPC((cmd) => {
      if (cmd === "refresh_connection") throw { code: "reopt_needed", message: "Opt in again." };
      if (cmd === "test_connection") throw { code: "from_the_future", message: "New." };
      throw "just a string";
    });
    await expect(tauriBackend.refreshConnection("c1")).rejects.toEqual({
      code: "reopt_needed",
      message: "Opt in again.",
    });
    await expect(tauriBackend.testConnection("c1")).rejects.toEqual({ code: "unknown", message: "New." });
    await expect(tauriBackend.listConnections()).rejects.toEqual({ code: "unknown", message: "just a string" });
  });

  it("listens to every event of the contract under its generated name", async () => {
    fakeShell({});
    const got: string[] = [];
    await tauriBackend.onLoginEvent(() => got.push("login-event"));
    await tauriBackend.onConnectionsChanged(() => got.push("connections-changed"));
    await tauriBackend.onWarning(() => got.push("app-warning"));
    await tauriBackend.onOpenConnection(() => got.push("open-connection"));
    await tauriBackend.onTrayHint(() => got.push("tray-hint"));
    await emit("login-event", { kind: "exchanging", login_id: "l1" });
    await emit("connections-changed", []);
    await emit("app-warning", "w");
    await emit("open-connection", "c1");
    await emit("tray-hint", null);
    expect(got).toEqual(["login-event", "connections-changed", "app-warning", "open-connection", "tray-hint"]);
  });

  it("delivers login-event and connections-changed payloads until unsubscribed", async () => {
    fakeShell({});
    const onLogin = vi.fn();
    const onChanged = vi.fn();
    const stopLogin = await tauriBackend.onLoginEvent(onLogin);
    await tauriBackend.onConnectionsChanged(onChanged);

    await emit("login-event", { kind: "exchanging", login_id: "l1" });
    await emit("connections-changed", [card()]);
    expect(onLogin).toHaveBeenCalledWith({ kind: "exchanging", login_id: "l1" });
    expect(onChanged).toHaveBeenCalledWith([card()]);

    stopLogin();
    await emit("login-event", { kind: "exchanging", login_id: "l2" });
    expect(onLogin).toHaveBeenCalledTimes(1);
  });

  it("subscribe() stops a subscription even when cleanup runs before listen resolves", async () => {
    let resolve: (stop: () => void) => void = () => {};
    const stop = vi.fn();
    const cleanup = subscribe(new Promise((r) => (resolve = r)));
    cleanup();
    resolve(stop);
    await Promise.resolve();
    await Promise.resolve();
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
