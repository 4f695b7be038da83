import { render, screen, within } from "@testing-library/svelte";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import { tauriBackend, type AppNotice, type Backend, type ConnectionCard } from "./lib/backend";
import { S } from "./lib/strings";
import { appInfo, card, commands, demoHint, errorView, fakeShell, fire, keychainOk, notice, pending, settle } from "./test/fixtures";

/** Presses Tab until `target` has focus (fails if it never gets there): proves keyboard reachability. */
async function tabTo(user: UserEvent, target: HTMLElement, max = 40) {
  for (let i = 0; i < max && document.activeElement !== target; i++) await user.tab();
  expect(target).toHaveFocus();
}

async function headingFocused(name: string | RegExp) {
  const heading = await screen.findByRole("heading", { level: 1, name });
  await vi.waitFor(() => expect(heading).toHaveFocus());
  return heading;
}

describe("App", () => {
  it("can be used from the keyboard alone, from Welcome to a connected account", async () => {
    let connections: ConnectionCard[] = [];
    const connected = card({ label: "Shipping Pro", environment_label: "Sandbox" });
    const calls = fakeShell({
      get_app_info: () => appInfo({ demo: demoHint }),
      list_connections: () => connections,
      start_browser_opt_in: () => pending(),
    });
    const user = userEvent.setup();
    render(App);

    // 1. Welcome: tick the three steps with Space, then Start with Enter.
    await headingFocused("Opt in your UPS shipper accounts");
    expect(screen.getByRole("navigation", { name: "Opt-in steps" })).toHaveTextContent("Step 1 of 4");
    for (const box of screen.getAllByRole("checkbox")) {
      await tabTo(user, box);
      await user.keyboard(" ");
      expect(box).toBeChecked();
    }
    await tabTo(user, screen.getByRole("button", { name: "Start" }));
    await user.keyboard("{Enter}");

    // 2. Environment: the sandbox is pre-selected in demo mode; type a label and press Enter.
    await headingFocused("Choose the environment and the method");
    expect(screen.getByLabelText("Sandbox (offline demo)")).toBeChecked();
    await tabTo(user, screen.getByLabelText("Label"));
    await user.keyboard("Shipping Pro{Enter}");

    // 3. Credentials: fill in the demo credentials, Enter in a field submits.
    await headingFocused("Enter the app credentials");
    await tabTo(user, screen.getByRole("button", { name: "Fill in" }));
    await user.keyboard("{Enter}");
    await tabTo(user, screen.getByLabelText("Client ID"));
    await user.keyboard("{Enter}");

    // 4. Opt in: Enter on the button starts; the waiting panel takes focus.
    await headingFocused("Opt in");
    await tabTo(user, screen.getByRole("button", { name: "Opt in" }));
    await user.keyboard("{Enter}");
    const waiting = await screen.findByRole("heading", { name: "Waiting for UPS.com" });
    await vi.waitFor(() => expect(waiting).toHaveFocus());
    expect(calls.find((c) => c.cmd === "start_browser_opt_in")?.args).toEqual({
      request: {
        environment: { kind: "sandbox", url: null },
        label: "Shipping Pro",
        client_id: demoHint.client_id,
        client_secret: demoHint.client_secret,
        route: "deep_link",
        bounce_url: null,
        pkce_body: false,
        accounts: [],
      },
    });

    // The deep link comes back: the status screen shows the new connection.
    connections = [connected];
    await fire("login-event", { kind: "completed", login_id: "login-1", connection: connected });
    await headingFocused("UPS connections");
    expect(screen.getByText("Opt-in complete: Shipping Pro is connected.")).toBeVisible();
    expect(screen.getByRole("article", { name: "Shipping Pro" })).toBeVisible();
    expect(screen.queryByRole("navigation", { name: "Opt-in steps" })).toBeNull();
  });

  it("starts on the account status when connections exist, and can add another", async () => {
    fakeShell({ get_app_info: () => appInfo(), list_connections: () => [card()] });
    const user = userEvent.setup();
    render(App);
    await headingFocused("UPS connections");
    expect(screen.getByText("v0.1.0")).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Add another connection" }));
    await headingFocused("Opt in your UPS shipper accounts");
    await user.click(screen.getByRole("button", { name: "Back to connections" }));
    await headingFocused("UPS connections");
  });

  it("keeps what was entered when going back", async () => {
    fakeShell({ get_app_info: () => appInfo(), list_connections: () => [] });
    const user = userEvent.setup();
    render(App);
    await headingFocused(/Opt in your UPS/);
    for (const box of screen.getAllByRole("checkbox")) await user.click(box);
    await user.click(screen.getByRole("button", { name: "Start" }));
    await headingFocused(/Choose the environment/);
    await user.click(screen.getByLabelText("Production"));
    await user.type(screen.getByLabelText("Label"), "Acme{Enter}");
    await headingFocused(/Enter the app credentials/);
    await user.click(screen.getByRole("button", { name: "Back" }));
    await headingFocused(/Choose the environment/);
    expect(screen.getByLabelText("Production")).toBeChecked();
    expect(screen.getByLabelText("Label")).toHaveValue("Acme");
    await user.click(screen.getByRole("button", { name: "Back" }));
    await headingFocused(/Opt in your UPS/);
    expect(screen.getAllByRole("checkbox").every((b) => (b as HTMLInputElement).checked)).toBe(true);
  });

  it("shows keychain trouble prominently and warnings as dismissible notices", async () => {
    fakeShell({
      get_app_info: () =>
        appInfo({
          warnings: [notice("no_session_bus", "English")],
        }),
      check_keychain: () =>
        keychainOk({
          ok: false,
          error: errorView("keychain_unavailable", "English", { platform: "linux", detail: "ServiceUnknown" }),
        }),
      list_connections: () => [],
    });
    const user = userEvent.setup();
    render(App);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The system keychain is not available");
    expect(alert).toHaveTextContent("No Secret Service is running on this computer");
    expect(alert).toHaveTextContent("(Detail: ServiceUnknown.)");
    const warning = screen.getByText(/No D-Bus session bus was found/);
    expect(warning).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Dismiss notice" }));
    expect(screen.queryByText(/No D-Bus session bus/)).toBeNull();
    expect(screen.getByRole("alert")).toBeVisible();
  });

  it("shows a notice found after start-up (the link handler check) once, beside the others", async () => {
    fakeShell({
      get_app_info: () => appInfo({ warnings: [notice("no_session_bus", "First notice.")] }),
      list_connections: () => [],
    });
    render(App);
    await headingFocused("Opt in your UPS shipper accounts");
    const late = notice("link_handler", "Links from the browser may not reach the wizard: English.", {
      reason: "no-installed-handler",
      scheme: "upsoptin",
    });
    const text =
      "Links from the browser may not reach the wizard: no application is registered for upsoptin:// links. Reinstall the wizard's package, or ask your administrator to. Until then, use “Paste the address from your browser” to finish a sign-in.";
    await fire("app-warning", late);
    await fire("app-warning", late);
    expect(await screen.findByText(text)).toBeVisible();
    expect(screen.getAllByText(text)).toHaveLength(1);
    expect(screen.getByText(/No D-Bus session bus was found/)).toBeVisible();
  });

  it("shows a dismissed notice again when it is sent again (a second refused Quit)", async () => {
    fakeShell({ get_app_info: () => appInfo(), list_connections: () => [] });
    const user = userEvent.setup();
    render(App);
    await headingFocused(/Opt in your UPS/);
    // The shell's notice as it sends it: code and params, worded by the catalog.
    const quitNotice = { code: "quit_unsaved", message: "English", params: {} };
    const text = S.banners.warning(quitNotice as AppNotice);
    await fire("app-warning", quitNotice);
    expect(await screen.findByText(text)).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Dismiss notice" }));
    expect(screen.queryByText(text)).toBeNull();
    await fire("app-warning", quitNotice);
    expect(await screen.findByText(text)).toBeVisible();
  });

  it("asks for its first facts at once, and takes what the launch brought (start links) after its first screen", async () => {
    const calls = fakeShell({ get_app_info: () => appInfo(), list_connections: () => [], take_open_connection: () => null });
    render(App);
    await headingFocused(/Opt in your UPS/);
    await vi.waitFor(() => expect(commands(calls)).toContain("take_open_connection"));
    const order = commands(calls);
    expect(order.slice(0, 2).sort()).toEqual(["get_app_info", "list_connections"]);
    expect(order.filter((c) => c === "take_open_connection")).toHaveLength(1);
  });

  it("keeps a notice that arrives before the first screen has loaded", async () => {
    let answer: (info: ReturnType<typeof appInfo>) => void = () => {};
    const calls = fakeShell({
      get_app_info: () => new Promise((r) => (answer = r)),
      list_connections: () => [],
    });
    render(App);
    await vi.waitFor(() => expect(commands(calls)).toContain("get_app_info"));
    await settle();
    await fire("app-warning", notice("quit_unsaved", "English"));
    answer(appInfo());
    expect(await screen.findByText(/Quitting now loses the opt-in/)).toBeVisible();
  });

  it("shows the first screen without waiting for the keychain check, and its banner when the check answers", async () => {
    let answer: (h: ReturnType<typeof keychainOk>) => void = () => {};
    fakeShell({
      get_app_info: () => appInfo(),
      list_connections: () => [],
      check_keychain: () => new Promise((resolve) => (answer = resolve)),
    });
    render(App);
    await headingFocused(/Opt in your UPS/);
    expect(screen.queryByText("The system keychain is not available")).toBeNull();
    answer(keychainOk({ ok: false, error: errorView("keychain_error", "English", { detail: "locked" }) }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The system keychain is not available");
    expect(alert).toHaveTextContent("The keychain refused the operation (locked).");
  });

  it("reports a failed start and retries", async () => {
    let fail = true;
    fakeShell({
      get_app_info: () => {
        if (fail) throw errorView("config_error", "The connections file is damaged.");
        return appInfo();
      },
      list_connections: () => [],
    });
    const user = userEvent.setup();
    render(App);
    await headingFocused("The app could not load its settings.");
    expect(screen.getByRole("alert")).toHaveTextContent("The connections file is damaged.");
    fail = false;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await headingFocused(/Opt in your UPS/);
  });

  it("opts in again from the banner, can cancel, and goes back to the list", async () => {
    const calls = fakeShell({
      get_app_info: () => appInfo(),
      list_connections: () => [card({ state: "reopt_needed" })],
      reopt_in: () => pending(),
      cancel_opt_in: () => null,
    });
    const user = userEvent.setup();
    render(App);
    await headingFocused("UPS connections");
    const banner = screen.getByRole("region", { name: "Opt in again" });
    await user.click(within(banner).getByRole("button", { name: "Opt in again: Acme Ship" }));
    await screen.findByRole("heading", { level: 1, name: "Opt in again: Acme Ship" });
    expect(screen.getByRole("heading", { name: "Waiting for UPS.com" })).toBeVisible();
    expect(screen.queryByRole("navigation", { name: "Opt-in steps" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Cancel opt-in" }));
    await user.click(await screen.findByRole("button", { name: "Back" }));
    await headingFocused("UPS connections");
    expect(commands(calls)).toEqual([
      "get_app_info",
      "list_connections",
      "check_keychain",
      "reopt_in",
      "cancel_opt_in",
      "list_connections",
    ]);
  });

  it("uses an injected Backend instead of Tauri when one is given", async () => {
    const fake = {
      ...tauriBackend,
      getAppInfo: vi.fn(async () => appInfo({ version: "9.9.9" })),
      checkKeychain: vi.fn(async () => keychainOk()),
      listConnections: vi.fn(async () => [card({ label: "Injected" })]),
      onConnectionsChanged: vi.fn(async () => () => {}),
      onLoginEvent: vi.fn(async () => () => {}),
      onWarning: vi.fn(async () => () => {}),
    } satisfies Backend;
    render(App, { backend: fake });
    await headingFocused("UPS connections");
    expect(screen.getByRole("article", { name: "Injected" })).toBeVisible();
    expect(screen.getByText("v9.9.9")).toBeVisible();
    expect(fake.onConnectionsChanged).toHaveBeenCalled();
  });

  it("reports a link the OS handed over while no login is showing, and shows demo mode", async () => {
    fakeShell({
      get_app_info: () => appInfo({ demo: demoHint }),
      list_connections: () => [card({ label: "Stored" })],
    });
    render(App);
    await screen.findByRole("article", { name: "Stored" });
    expect(screen.getByText("Demo mode")).toBeVisible();
    await fire("login-event", {
      kind: "rejected_link",
      error: errorView("callback_unknown_state", "This sign-in answer does not belong to a login in progress."),
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("A link from the browser was not used");
    expect(alert).toHaveTextContent("does not belong to a login in progress");
    await userEvent.setup().click(within(alert).getByRole("button", { name: "Dismiss notice" }));
    expect(screen.queryByText("A link from the browser was not used")).toBeNull();
  });
});
