import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConnectionCard } from "../lib/backend";
import { card, commands, errorView, fakeShell, fire, NOW, pending, settle } from "../test/fixtures";
import StatusScreen from "./StatusScreen.svelte";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(
  connections: ConnectionCard[],
  handlers: Parameters<typeof fakeShell>[0] = {},
  notice: string | null = null,
  noticeAbout: string | null = null,
) {
  const calls = fakeShell(handlers);
  const onAdd = vi.fn();
  const onReopt = vi.fn();
  render(StatusScreen, { connections, notice, noticeAbout, onAdd, onReopt });
  return { calls, onAdd, onReopt, user: userEvent.setup() };
}

const cardNamed = (label: string) => screen.getByRole("article", { name: label });

describe("StatusScreen", () => {
  it("shows each connection's state in words, with its details", async () => {
    setup([
      card({
        accounts: [
          { number: "A1B2C3", verified: true, message: null, checked_at: "2025-06-02T11:00:00Z" },
          { number: "ZZZ999", verified: false, message: "Not associated.", checked_at: null },
        ],
      }),
      card({ id: "c2", label: "Beta", state: "expiring" }),
      card({ id: "c3", label: "Gamma", state: "unreachable", last_error: { code: "ups_unreachable", message: "UPS could not be reached.", at: "2025-06-02T11:30:00Z" } }),
      card({ id: "c4", label: "Delta", state: "not_connected", access_token_expires_at: null, last_refresh_at: null }),
    ]);
    const acme = cardNamed("Acme Ship");
    expect(within(acme).getByText("Connected")).toBeVisible();
    expect(within(acme).getByText("Test (CIE)")).toBeVisible();
    expect(within(acme).getByText("••••AB12")).toBeVisible();
    expect(within(acme).getByText("Opt in with UPS.com")).toBeVisible();
    expect(within(acme).getByText(/valid until Jul 1, 2025/)).toBeVisible();
    expect(within(acme).getByText("Jun 2, 2025, 11:00 AM")).toBeVisible();
    expect(within(acme).getByText("A1B2C3").parentElement).toHaveTextContent("Verified");
    expect(within(acme).getByText("ZZZ999").parentElement).toHaveTextContent(/Refused\s*Not associated\./);

    expect(within(cardNamed("Beta")).getByText("Expiring soon")).toBeVisible();
    expect(within(cardNamed("Beta")).getByText(/expires within 7 days/)).toBeVisible();
    const gamma = cardNamed("Gamma");
    expect(within(gamma).getByText("UPS unreachable")).toBeVisible();
    expect(within(gamma).getByText(/UPS could not be reached\./)).toBeVisible();
    expect(within(gamma).getByText(/ups_unreachable/)).toBeVisible();
    const delta = cardNamed("Delta");
    expect(within(delta).getByText("Not connected")).toBeVisible();
    expect(within(delta).getByText("none")).toBeVisible();
    expect(within(delta).getByText("never")).toBeVisible();
    expect(screen.queryByRole("region", { name: "Opt in again" })).toBeNull();
  });

  it("counts the access token's lifetime down live", async () => {
    setup([card()]);
    const timer = within(cardNamed("Acme Ship")).getByRole("timer");
    expect(timer).toHaveTextContent("3:59:30");
    vi.advanceTimersByTime(31_000);
    await tick();
    expect(timer).toHaveTextContent("3:58:59");
    vi.advanceTimersByTime(4 * 3600_000);
    await tick();
    expect(timer).toHaveTextContent("expired");
  });

  it("warns when a token could not be saved", () => {
    setup([card({ token_unsaved: true })]);
    expect(within(cardNamed("Acme Ship")).getByRole("alert")).toHaveTextContent(/held only in memory/);
  });

  it("explains a password change and opts in again in one click", async () => {
    const p = pending({ login_id: "login-9" });
    const broken = card({ state: "reopt_needed" });
    const { user, calls, onReopt } = setup([broken, card({ id: "c2", label: "Beta" })], { reopt_in: () => p });
    const banner = screen.getByRole("region", { name: "Opt in again" });
    expect(banner).toHaveTextContent(/changing the UPS.com password invalidates the opt-in/);
    expect(within(cardNamed("Acme Ship")).getAllByText("Opt in again").length).toBeGreaterThan(0);
    await user.click(within(banner).getByRole("button", { name: "Opt in again: Acme Ship" }));
    await vi.waitFor(() => expect(onReopt).toHaveBeenCalledWith(p, broken));
    expect(calls).toEqual([{ cmd: "reopt_in", args: { connectionId: "c1" } }]);
  });

  it("shows why opting in again could not start", async () => {
    const { user } = setup([card({ state: "reopt_needed" })], {
      reopt_in: () => {
        throw errorView("keychain_unavailable", "The keychain is locked.");
      },
    });
    await user.click(screen.getByRole("button", { name: "Opt in again: Acme Ship" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The keychain is locked.");
  });

  it("refreshes and tests a connection", async () => {
    const refreshed = card({ last_refresh_at: "2025-06-02T12:00:00Z" });
    const { user, calls } = setup([card({ state: "unreachable" })], {
      refresh_connection: () => refreshed,
      test_connection: () => {
        throw errorView("ups_rate_limited", "UPS is busy.");
      },
    });
    const acme = cardNamed("Acme Ship");
    await user.click(within(acme).getByRole("button", { name: "Refresh now" }));
    await vi.waitFor(() => expect(within(cardNamed("Acme Ship")).getByText("Connected")).toBeVisible());
    expect(within(cardNamed("Acme Ship")).getByText("Refreshed.")).toBeVisible();
    await user.click(within(cardNamed("Acme Ship")).getByRole("button", { name: "Test connection" }));
    expect(await within(cardNamed("Acme Ship")).findByRole("alert")).toHaveTextContent(/UPS is busy\..*Wait a minute/);
    expect(commands(calls)).toEqual(["refresh_connection", "test_connection"]);
    expect(calls[1]?.args).toEqual({ connectionId: "c1" });
  });

  it("shows Connected cards as a one-line summary when there are more than four, details on request", async () => {
    const accounts = [
      { number: "A1B2C3", verified: true, message: null, checked_at: null },
      { number: "ZZZ999", verified: false, message: "Not associated.", checked_at: null },
    ];
    const many = [
      card({ accounts }),
      card({ id: "c2", label: "Beta", state: "reopt_needed" }),
      card({ id: "c3", label: "Gamma" }),
      card({ id: "c4", label: "Delta", state: "credentials_rejected" }),
      card({ id: "c5", label: "Epsilon", token_unsaved: true }),
    ];
    const { user } = setup(many);
    const acme = cardNamed("Acme Ship");
    expect(within(acme).getByText("Connected")).toBeVisible();
    expect(within(acme).getByText(/Test \(CIE\) · Opt in with UPS\.com ·/)).toBeVisible();
    expect(within(acme).getByText("2 shipper accounts: 1 verified, 1 refused.")).toHaveClass("refused");
    expect(within(acme).queryByText("A1B2C3")).toBeNull();
    expect(within(acme).queryByText("••••AB12")).toBeNull();
    // What needs attention is never folded: another state, or an unsaved token.
    for (const name of ["Beta", "Delta", "Epsilon"]) {
      expect(within(cardNamed(name)).queryByRole("button", { name: "Show details" })).toBeNull();
      expect(within(cardNamed(name)).getByText("••••AB12")).toBeVisible();
    }
    // A native <button> that says whether it is open and what it opens.
    const toggle = within(acme).getByRole("button", { name: "Show details" });
    expect(toggle.tagName).toBe("BUTTON");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    const details = document.getElementById(toggle.getAttribute("aria-controls") ?? "");
    expect(details).not.toBeNull();
    await user.click(toggle);
    await tick();
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(toggle).toHaveTextContent("Hide details");
    expect(within(details!).getByText("A1B2C3")).toBeVisible();
    expect(within(details!).getByText("••••AB12")).toBeVisible();
    expect(within(acme).queryByText(/· Opt in with UPS\.com ·/)).toBeNull();
    // The other Connected card stays folded.
    expect(within(cardNamed("Gamma")).getByRole("button", { name: "Show details" })).toBeVisible();
    // A folded card that turns Reopt needed unfolds by itself.
    await fire("connections-changed", [...many.slice(0, 2), card({ id: "c3", label: "Gamma", state: "reopt_needed" }), ...many.slice(3)]);
    expect(within(cardNamed("Gamma")).queryByRole("button", { name: "Show details" })).toBeNull();
    expect(within(cardNamed("Gamma")).getByText("••••AB12")).toBeVisible();
  });

  it("shows every card in full with four connections or fewer", () => {
    setup([card(), card({ id: "c2", label: "Beta" }), card({ id: "c3", label: "Gamma" }), card({ id: "c4", label: "Delta" })]);
    expect(screen.queryByRole("button", { name: "Show details" })).toBeNull();
    expect(screen.getAllByText("••••AB12")).toHaveLength(4);
  });

  it("drops an action's error once the card turns Connected another way", async () => {
    const { user } = setup([card()], {
      refresh_connection: () => {
        throw errorView("credentials_rejected", "UPS refused this connection's client ID or secret.");
      },
    });
    await user.click(within(cardNamed("Acme Ship")).getByRole("button", { name: "Refresh now" }));
    await fire("connections-changed", [card({ state: "credentials_rejected" })]);
    expect(await within(cardNamed("Acme Ship")).findByRole("alert")).toHaveTextContent(/refused/);
    // The same state again (another window's list) keeps the error.
    await fire("connections-changed", [card({ state: "credentials_rejected" })]);
    expect(within(cardNamed("Acme Ship")).getByRole("alert")).toHaveTextContent(/refused/);
    // The secret updated elsewhere (the CLI): UPS accepts the connection again.
    await fire("connections-changed", [card()]);
    expect(within(cardNamed("Acme Ship")).getByText("Connected")).toBeVisible();
    expect(within(cardNamed("Acme Ship")).queryByRole("alert")).toBeNull();
  });

  it("says a refused secret's error once, not again in a red box after Refresh", async () => {
    const message = "UPS refused this connection's client ID or secret. Enter the app's current client secret.";
    const lastError = { code: "credentials_rejected" as const, message, at: "2025-06-02T11:30:00Z" };
    const { user } = setup([card({ state: "credentials_rejected", last_error: lastError })], {
      refresh_connection: () => {
        throw errorView("credentials_rejected", message);
      },
    });
    const acme = cardNamed("Acme Ship");
    await user.click(within(acme).getByRole("button", { name: "Refresh now" }));
    await fire("connections-changed", [card({ state: "credentials_rejected", last_error: { ...lastError, at: "2025-06-02T12:00:00Z" } })]);
    await tick();
    expect(within(cardNamed("Acme Ship")).getAllByText(message, { exact: false })).toHaveLength(1);
    expect(within(cardNamed("Acme Ship")).queryByRole("alert")).toBeNull();
    expect(within(cardNamed("Acme Ship")).getByText("Client secret refused")).toBeVisible();
  });

  it("makes Update client secret the primary action when UPS refused the secret, and checks the new one", async () => {
    const rejected = card({
      state: "credentials_rejected",
      last_error: { code: "credentials_rejected", message: "UPS refused this connection's client ID or secret.", at: "2025-06-02T11:30:00Z" },
    });
    let attempts = 0;
    const { user, calls } = setup([rejected], {
      update_client_secret: () => {
        attempts += 1;
        if (attempts === 1) throw errorView("credentials_rejected", "UPS refused the new client secret. Nothing was changed.");
        return card();
      },
    });
    const acme = cardNamed("Acme Ship");
    expect(within(acme).getByText("Client secret refused")).toBeVisible();
    const update = within(acme).getByRole("button", { name: "Update client secret" });
    expect(update).toHaveClass("btn-primary");
    expect(within(acme).getByRole("button", { name: "Opt in again" })).not.toHaveClass("btn-primary");
    await user.click(update);
    const dialog = screen.getByRole("dialog", { name: "Update client secret: Acme Ship" });
    const field = within(dialog).getByLabelText("New client secret");
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute("type", "password");
    await user.type(field, "wrong");
    await user.click(within(dialog).getByRole("button", { name: "Check and save" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(/Nothing was changed/);
    await user.clear(field);
    await user.type(field, "the-new-secret");
    await user.click(within(dialog).getByRole("button", { name: "Check and save" }));
    await vi.waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await vi.waitFor(() => expect(within(cardNamed("Acme Ship")).getByText("Connected")).toBeVisible());
    expect(commands(calls)).toEqual(["update_client_secret", "update_client_secret"]);
    expect(calls[1]?.args).toEqual({ request: { connection_id: "c1", client_secret: "the-new-secret" } });
  });

  it("asks before removing, closes on Escape and returns focus", async () => {
    const { user, calls } = setup([card()]);
    const remove = within(cardNamed("Acme Ship")).getByRole("button", { name: "Remove" });
    await user.click(remove);
    const dialog = screen.getByRole("dialog", { name: "Remove Acme Ship?" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveAccessibleDescription(/deleted from the system keychain/);
    await vi.waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(remove).toHaveFocus();
    expect(calls).toEqual([]);
  });

  it("keeps keyboard focus inside the dialog", async () => {
    const { user } = setup([card()]);
    await user.click(within(cardNamed("Acme Ship")).getByRole("button", { name: "Remove" }));
    const dialog = screen.getByRole("dialog");
    const cancel = within(dialog).getByRole("button", { name: "Cancel" });
    const confirm = within(dialog).getByRole("button", { name: "Remove connection" });
    await vi.waitFor(() => expect(cancel).toHaveFocus());
    await user.tab();
    expect(confirm).toHaveFocus();
    await user.tab();
    expect(cancel).toHaveFocus();
    await user.tab({ shift: true });
    expect(confirm).toHaveFocus();
  });

  it("removes a connection after confirmation", async () => {
    const { user, calls } = setup([card(), card({ id: "c2", label: "Beta" })], { remove_connection: () => null });
    await user.click(within(cardNamed("Acme Ship")).getByRole("button", { name: "Remove" }));
    await user.click(screen.getByRole("button", { name: "Remove connection" }));
    await vi.waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(calls).toEqual([{ cmd: "remove_connection", args: { connectionId: "c1" } }]);
    expect(screen.queryByRole("article", { name: "Acme Ship" })).toBeNull();
    expect(screen.getByText("Acme Ship was removed.")).toBeVisible();
    await vi.waitFor(() => expect(screen.getByRole("heading", { level: 1 })).toHaveFocus());
  });

  it("keeps the dialog open with the error when removal fails", async () => {
    const { user } = setup([card()], {
      remove_connection: () => {
        throw errorView("keychain_error", "The keychain refused to delete the entry.");
      },
    });
    await user.click(within(cardNamed("Acme Ship")).getByRole("button", { name: "Remove" }));
    await user.click(screen.getByRole("button", { name: "Remove connection" }));
    const dialog = screen.getByRole("dialog");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The keychain refused to delete the entry.");
  });

  it("follows connections-changed", async () => {
    setup([card()]);
    await settle();
    await fire("connections-changed", [card({ state: "reopt_needed" }), card({ id: "c2", label: "Beta" })]);
    expect(await screen.findByRole("article", { name: "Beta" })).toBeVisible();
    expect(screen.getByRole("region", { name: "Opt in again" })).toBeVisible();
  });

  it("copies redacted diagnostics", async () => {
    const { user, calls } = setup([card()], { copy_diagnostics: () => "UPS Opt-In Wizard 0.1.0\nconnections: 1" });
    await user.click(screen.getByRole("button", { name: "Copy diagnostics" }));
    await vi.waitFor(() => expect(screen.getByText(/Diagnostics copied/)).toBeVisible());
    expect(await navigator.clipboard.readText()).toBe("UPS Opt-In Wizard 0.1.0\nconnections: 1");
    expect(commands(calls)).toEqual(["copy_diagnostics"]);
  });

  it("shows the diagnostics for copying by hand when the clipboard refuses", async () => {
    const { user } = setup([card()], { copy_diagnostics: () => "diag text" });
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new Error("NotAllowedError"));
    await user.click(screen.getByRole("button", { name: "Copy diagnostics" }));
    expect(await screen.findByText(/Could not copy/)).toBeVisible();
    expect(screen.getByRole("textbox", { name: "Copy diagnostics" })).toHaveValue("diag text");
  });

  it("adds another connection, and shows a notice it was given", async () => {
    const { user, onAdd } = setup([card()], {}, "Opt-in complete: Acme Ship is connected.");
    expect(screen.getByText("Opt-in complete: Acme Ship is connected.")).toHaveAttribute("role", "status");
    await user.click(screen.getByRole("button", { name: "Add another connection" }));
    expect(onAdd).toHaveBeenCalled();
  });

  it("drops an opt-in's connected notice once that card says otherwise, and keeps it for other changes", async () => {
    const notice = "Opt-in complete: Acme Ship is connected.";
    setup([card(), card({ id: "c2", label: "Beta" })], {}, notice, card().id);
    expect(screen.getByText(notice)).toBeVisible();
    // Another connection changes: the notice stays.
    await fire("connections-changed", [card(), card({ id: "c2", label: "Beta", state: "reopt_needed" })]);
    expect(screen.getByText(notice)).toBeVisible();
    // Its own card says the secret was refused: the notice goes.
    await fire("connections-changed", [card({ state: "credentials_rejected" }), card({ id: "c2", label: "Beta" })]);
    expect(screen.queryByText(notice)).toBeNull();
    expect(within(cardNamed("Acme Ship")).getByText("Client secret refused")).toBeVisible();
  });

  it("has an empty state", async () => {
    const { user, onAdd } = setup([]);
    expect(screen.getByText("There are no connections yet.")).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Add a connection" }));
    expect(onAdd).toHaveBeenCalled();
  });
});
