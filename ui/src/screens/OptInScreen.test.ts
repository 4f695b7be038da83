import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PendingLoginView } from "../lib/backend";
import { WizardDraft } from "../lib/draft.svelte";
import { appInfo, card, commands, errorView, fakeShell, fire, NOW, pending, settle } from "../test/fixtures";
import OptInScreen from "./OptInScreen.svelte";

beforeEach(() => {
  // Only the clock is fake: the countdown reads Date.now() on a setInterval.
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

function browserDraft(): WizardDraft {
  const draft = new WizardDraft(false);
  draft.label = "Acme Ship";
  draft.clientId = "CLIENT123";
  draft.clientSecret = "s3cret";
  draft.addAccount("A1B2C3");
  return draft;
}

function setup(
  handlers: Parameters<typeof fakeShell>[0],
  props: { draft?: WizardDraft | null; reopt?: { connectionId: string; label: string }; initialPending?: PendingLoginView } = {},
) {
  const calls = fakeShell(handlers);
  const onCompleted = vi.fn();
  const onBack = vi.fn();
  render(OptInScreen, {
    info: appInfo(),
    draft: props.draft === undefined ? browserDraft() : props.draft,
    reopt: props.reopt ?? null,
    initialPending: props.initialPending ?? null,
    onCompleted,
    onBack,
  });
  return { calls, onCompleted, onBack, user: userEvent.setup() };
}

async function advance(ms: number) {
  vi.advanceTimersByTime(ms);
  await tick();
}

const timer = () => screen.getByRole("timer");

async function startWaiting(extra: Parameters<typeof fakeShell>[0] = {}, p: PendingLoginView = pending()) {
  const ctx = setup({ start_browser_opt_in: () => p, ...extra });
  await settle();
  await ctx.user.click(screen.getByRole("button", { name: "Opt in" }));
  await screen.findByRole("heading", { name: "Waiting for UPS.com" });
  return ctx;
}

describe("OptInScreen (browser)", () => {
  it("summarizes, starts the opt-in and shows the waiting panel with focus on it", async () => {
    const { calls } = await startWaiting();
    expect(commands(calls)).toEqual(["start_browser_opt_in"]);
    expect(calls.find((c) => c.cmd === "start_browser_opt_in")?.args).toEqual({
      request: {
        environment: { kind: "cie", url: null },
        label: "Acme Ship",
        client_id: "CLIENT123",
        client_secret: "s3cret",
        route: "deep_link",
        bounce_url: null,
        pkce_body: false,
        accounts: ["A1B2C3"],
      },
    });
    const heading = screen.getByRole("heading", { name: "Waiting for UPS.com" });
    await vi.waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole("progressbar", { name: /Waiting for the sign-in/ })).toBeInTheDocument();
    expect(timer()).toHaveTextContent("10:00");
  });

  it("shows the summary before starting", () => {
    setup({});
    expect(screen.getByText("Acme Ship")).toBeVisible();
    expect(screen.getByText("Test (CIE)")).toBeVisible();
    expect(screen.getByText("upsoptin://oauth/callback")).toBeVisible();
    expect(screen.getByText("A1B2C3")).toBeVisible();
  });

  it("counts the remaining time down live, then offers to start again", async () => {
    const { user, calls } = await startWaiting();
    await advance(65_000);
    expect(timer()).toHaveTextContent("08:55");
    await advance(9 * 60_000);
    expect(screen.queryByRole("timer")).toBeNull();
    expect(screen.getByText(/Time ran out/)).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Start again" }));
    await vi.waitFor(() => expect(commands(calls)).toEqual(["start_browser_opt_in", "start_browser_opt_in"]));
  });

  it("cancels", async () => {
    const { user, calls } = await startWaiting({ cancel_opt_in: () => null });
    await user.click(screen.getByRole("button", { name: "Cancel opt-in" }));
    const button = await screen.findByRole("button", { name: "Opt in" });
    expect(calls.at(-1)).toEqual({ cmd: "cancel_opt_in", args: { loginId: "login-1" } });
    expect(screen.getByText("The opt-in was cancelled.")).toBeVisible();
    await vi.waitFor(() => expect(button).toHaveFocus());
  });

  it("treats an already finished login as cancelled", async () => {
    const { user } = await startWaiting({
      cancel_opt_in: () => {
        throw errorView("login_not_pending", "No login is waiting.");
      },
    });
    await user.click(screen.getByRole("button", { name: "Cancel opt-in" }));
    expect(await screen.findByRole("button", { name: "Opt in" })).toBeVisible();
  });

  it("opens the sign-in page again and copies the link", async () => {
    const { user, calls } = await startWaiting({
      open_sign_in_again: () => pending({ expires_at: new Date(NOW + 5 * 60_000).toISOString() }),
    });
    await user.click(screen.getByRole("button", { name: "Open sign-in page again" }));
    await vi.waitFor(() => expect(screen.getByText("The sign-in page was opened again.")).toBeVisible());
    expect(calls.at(-1)).toEqual({ cmd: "open_sign_in_again", args: { loginId: "login-1" } });
    expect(timer()).toHaveTextContent("05:00");

    await user.click(screen.getByRole("button", { name: "Copy sign-in link" }));
    expect(await navigator.clipboard.readText()).toBe(pending().authorize_url);
  });

  it("shows the link prominently when the browser did not open", async () => {
    const { user } = await startWaiting({}, pending({ browser_opened: false, browser_error: "xdg-open not found" }));
    const box = screen.getByText("The browser did not open").parentElement!;
    expect(within(box).getByText("xdg-open not found")).toBeVisible();
    expect(within(box).getByText(pending().authorize_url)).toBeVisible();
    await user.click(within(box).getByRole("button", { name: "Copy sign-in link" }));
    expect(await navigator.clipboard.readText()).toBe(pending().authorize_url);
    expect(screen.getAllByRole("button", { name: "Copy sign-in link" })).toHaveLength(1);
  });

  it("accepts the address pasted from the browser", async () => {
    const connection = card();
    const { user, calls, onCompleted } = await startWaiting({ submit_pasted_address: () => ({ outcome: "connected", connection }) });
    await user.click(screen.getByText("Paste the address from your browser"));
    await user.click(screen.getByRole("button", { name: "Use this address" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Paste the address first.");

    await user.type(screen.getByLabelText("Address from the browser"), "  upsoptin://oauth/callback?code=c&state=s ");
    await user.click(screen.getByRole("button", { name: "Use this address" }));
    await vi.waitFor(() => expect(onCompleted).toHaveBeenCalledWith(connection));
    expect(calls.at(-1)).toEqual({
      cmd: "submit_pasted_address",
      args: { address: "upsoptin://oauth/callback?code=c&state=s" },
    });
  });

  it("completes from the pasted address's answer, the one report of it (no login event follows)", async () => {
    const connection = card();
    const { user, onCompleted } = await startWaiting({ submit_pasted_address: () => ({ outcome: "connected", connection }) });
    await user.click(screen.getByText("Paste the address from your browser"));
    await user.type(screen.getByLabelText("Address from the browser"), "upsoptin://oauth/callback?code=c&state=s");
    await user.click(screen.getByRole("button", { name: "Use this address" }));
    await settle();
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(onCompleted).toHaveBeenCalledWith(connection);
  });

  it("shows why a pasted address was refused", async () => {
    const { user, onCompleted } = await startWaiting({
      submit_pasted_address: () => ({
        outcome: "refused",
        error: errorView("callback_unknown_state", "This address belongs to another sign-in."),
      }),
    });
    await user.click(screen.getByText("Paste the address from your browser"));
    await user.type(screen.getByLabelText("Address from the browser"), "upsoptin://oauth/callback?code=c&state=zz");
    await user.keyboard("{Tab}{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("This address belongs to another sign-in.");
    expect(onCompleted).not.toHaveBeenCalled();
    expect(screen.getByRole("timer")).toBeInTheDocument();
  });

  it("follows login events: exchanging, then completed", async () => {
    const { onCompleted } = await startWaiting();
    await fire("login-event", { kind: "exchanging", login_id: "other-login" });
    expect(screen.queryByRole("heading", { name: "Saving…" })).toBeNull();

    await fire("login-event", { kind: "exchanging", login_id: "login-1" });
    expect(await screen.findByRole("heading", { name: "Saving…" })).toBeVisible();
    expect(screen.getByRole("button", { name: "Cancel opt-in" })).toBeDisabled();

    const connection = card();
    await fire("login-event", { kind: "completed", login_id: "login-1", connection });
    await vi.waitFor(() => expect(onCompleted).toHaveBeenCalledWith(connection));
  });

  it("ends the login when a pasted address fails it", async () => {
    const { user, onCompleted } = await startWaiting({
      submit_pasted_address: () => ({
        outcome: "failed",
        error: errorView("access_denied", "Access was declined on UPS.com."),
      }),
    });
    await user.click(screen.getByText("Paste the address from your browser"));
    await user.type(screen.getByLabelText("Address from the browser"), "upsoptin://oauth/callback?error=access_denied&state=s");
    await user.click(screen.getByRole("button", { name: "Use this address" }));
    expect(await screen.findByRole("heading", { name: "The opt-in did not complete" })).toBeVisible();
    expect(screen.getByRole("alert")).toHaveTextContent("Access was declined on UPS.com.");
    expect(screen.queryByRole("timer")).toBeNull();
    expect(onCompleted).not.toHaveBeenCalled();
  });

  it("shows a pasted address that did not reach the shell and keeps waiting", async () => {
    const { user } = await startWaiting({
      submit_pasted_address: () => {
        throw errorView("unknown", "The wizard could not handle the address.");
      },
    });
    await user.click(screen.getByText("Paste the address from your browser"));
    await user.type(screen.getByLabelText("Address from the browser"), "upsoptin://oauth/callback?code=c&state=s");
    await user.click(screen.getByRole("button", { name: "Use this address" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The wizard could not handle the address.");
    expect(screen.getByRole("timer")).toBeInTheDocument();
  });

  it("shows a failure and lets the admin try again", async () => {
    const { user } = await startWaiting();
    await fire("login-event", {
      kind: "failed",
      login_id: "login-1",
      error: errorView("ups_unreachable", "UPS could not be reached."),
    });
    expect(await screen.findByRole("heading", { name: "The opt-in did not complete" })).toBeVisible();
    expect(screen.getByRole("alert")).toHaveTextContent("UPS could not be reached.");
    expect(screen.getByRole("alert")).toHaveTextContent(/Check the internet connection/);
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(screen.getByRole("button", { name: "Opt in" })).toBeEnabled();
  });

  it("shows a rejected link as a notice without stopping the wait", async () => {
    const { user } = await startWaiting();
    await fire("login-event", {
      kind: "rejected_link",
      error: errorView("callback_unknown_state", "A link from an older sign-in was ignored."),
    });
    const notice = await screen.findByText(/A link from an older sign-in was ignored./);
    expect(notice.closest("[role=status]")).not.toBeNull();
    expect(timer()).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText(/older sign-in/)).toBeNull();
  });

  it("shows a start failure and stays ready", async () => {
    const { user } = setup({
      start_browser_opt_in: () => {
        throw errorView("loopback_port_busy", "Port 8765 is in use.");
      },
    });
    await user.click(screen.getByRole("button", { name: "Opt in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Port 8765 is in use.");
    expect(screen.getByRole("button", { name: "Opt in" })).toBeEnabled();
  });
});

describe("OptInScreen (client credentials)", () => {
  it("opts in and shows each account's verification", async () => {
    const draft = browserDraft();
    draft.method = "client_credentials";
    draft.addAccount("ZZZ999");
    draft.addAccount("QQQ111");
    const connection = card({
      method: "client_credentials",
      redirect_uri: null,
      accounts: [
        { number: "A1B2C3", verified: true, message: null, checked_at: "2025-06-02T12:00:00Z" },
        { number: "ZZZ999", verified: false, message: "Account not associated with this app.", checked_at: null },
        { number: "QQQ111", verified: null, message: null, checked_at: null },
      ],
    });
    const { user, calls, onCompleted } = setup({ client_credentials_opt_in: () => connection }, { draft });
    expect(screen.queryByText("Redirect URI")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Opt in" }));
    expect(await screen.findByRole("heading", { name: "Opt-in saved" })).toBeVisible();
    expect(calls[0]?.args).toEqual({
      request: {
        environment: { kind: "cie", url: null },
        label: "Acme Ship",
        client_id: "CLIENT123",
        client_secret: "s3cret",
        accounts: ["A1B2C3", "ZZZ999", "QQQ111"],
      },
    });
    const list = screen.getByRole("list");
    expect(within(list).getByText("A1B2C3").parentElement).toHaveTextContent("Verified");
    expect(within(list).getByText("ZZZ999").parentElement).toHaveTextContent(
      /Refused\s*Account not associated with this app\./,
    );
    expect(within(list).getByText("QQQ111").parentElement).toHaveTextContent("Not checked");
    await user.click(screen.getByRole("button", { name: "Go to connections" }));
    expect(onCompleted).toHaveBeenCalledWith(connection);
  });

  it("shows a refusal", async () => {
    const draft = browserDraft();
    draft.method = "client_credentials";
    const { user } = setup(
      {
        client_credentials_opt_in: () => {
          throw errorView("ups_rejected", "UPS refused the client ID or secret.");
        },
      },
      { draft },
    );
    await user.click(screen.getByRole("button", { name: "Opt in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("UPS refused the client ID or secret.");
  });
});

describe("OptInScreen (opt in again)", () => {
  it("starts in the waiting panel and restarts with reopt_in", async () => {
    const { user, calls } = setup(
      { reopt_in: () => pending({ login_id: "login-2" }), cancel_opt_in: () => null },
      { draft: null, reopt: { connectionId: "c1", label: "Acme Ship" }, initialPending: pending() },
    );
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Opt in again: Acme Ship");
    expect(screen.getByRole("heading", { name: "Waiting for UPS.com" })).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Cancel opt-in" }));
    await user.click(await screen.findByRole("button", { name: "Opt in" }));
    await vi.waitFor(() => expect(commands(calls)).toEqual(["cancel_opt_in", "reopt_in"]));
    expect(calls[1]?.args).toEqual({ connectionId: "c1" });
    expect(await screen.findByRole("heading", { name: "Waiting for UPS.com" })).toBeVisible();
  });
});
