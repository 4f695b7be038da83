import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RecoveryEvent } from "../lib/backend";
import { setLanguage } from "../lib/i18n.svelte";
import StatusScreen from "../screens/StatusScreen.svelte";
import { card, commands, fakeShell, NOW } from "../test/fixtures";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

function event(overrides: Partial<RecoveryEvent> = {}): RecoveryEvent {
  return {
    at: "2025-06-02T11:45:00Z",
    damaged_file: "connections.json.corrupt-1748864700",
    source: "backup",
    connections: 3,
    rebuilt: [],
    ...overrides,
  };
}

function setup(handlers: Parameters<typeof fakeShell>[0], cards = [card()]) {
  const calls = fakeShell(handlers);
  render(StatusScreen, { connections: cards, onAdd: vi.fn(), onReopt: vi.fn() });
  return { calls, user: userEvent.setup() };
}

const banner = () => screen.findByRole("region", { name: "The connections file was damaged" });

describe("the damaged-file banner", () => {
  it("says the date, that the copy was used and to check, until acknowledged", async () => {
    const { calls, user } = setup({ get_recovery: () => [event()], acknowledge_recovery: () => null });
    const b = await banner();
    expect(b).toHaveTextContent(/damaged on Jun 2, 2025, 11:45 AM/);
    expect(b).toHaveTextContent("3 connections were restored from the last good copy");
    expect(b).toHaveTextContent("connections.json.corrupt-1748864700");
    expect(b).toHaveTextContent(/Check each connection's label and shipper accounts/);
    await user.click(within(b).getByRole("button", { name: "I have checked them" }));
    expect(commands(calls)).toContain("acknowledge_recovery");
    expect(screen.queryByRole("region", { name: "The connections file was damaged" })).toBeNull();
  });

  it("says when the connections were rebuilt from the keychain, and marks those cards", async () => {
    setup({ get_recovery: () => [event({ source: "keychain", connections: 1, rebuilt: ["c1"] })] }, [
      card({ label: "Recovered: Test (CIE) ••••AB12", recovered: true }),
    ]);
    const b = await banner();
    expect(b).toHaveTextContent("there was no good copy. 1 connection was rebuilt from the system keychain");
    const c = screen.getByRole("article", { name: "Recovered: Test (CIE) ••••AB12" });
    expect(c).toHaveTextContent(/Rebuilt from the system keychain .* label and shipper accounts are not known/);
  });

  it("keeps the banner when acknowledging fails, and says so", async () => {
    const { user } = setup({
      get_recovery: () => [event()],
      acknowledge_recovery: () => {
        throw { code: "config_error", message: "The recovery notice could not be removed." };
      },
    });
    const b = await banner();
    await user.click(within(b).getByRole("button", { name: "I have checked them" }));
    expect(await within(b).findByText(/could not be removed/)).toBeVisible();
  });

  it("shows no banner when nothing was damaged", async () => {
    setup({});
    await vi.waitFor(() => expect(screen.getByRole("article", { name: "Acme Ship" })).toBeVisible());
    expect(screen.queryByRole("region", { name: "The connections file was damaged" })).toBeNull();
    expect(screen.queryByRole("region", { name: /keychain entr/ })).toBeNull();
  });

  it("lists leftover keychain entries and removes them only after confirmation", async () => {
    let left = ["cie/••••NT99/client-secret", "cie/••••NT99/refresh-token"];
    const { calls, user } = setup({
      list_leftovers: () => left,
      remove_leftovers: () => {
        const n = left.length;
        left = [];
        return n;
      },
    });
    const region = await screen.findByRole("region", { name: "2 keychain entries belong to no connection" });
    await user.click(within(region).getByRole("button", { name: "Remove leftover entries…" }));
    const dialog = screen.getByRole("dialog", { name: "Remove the leftover keychain entries?" });
    expect(dialog).toHaveTextContent("cie/••••NT99/refresh-token");
    expect(commands(calls)).not.toContain("remove_leftovers");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(commands(calls)).not.toContain("remove_leftovers");
    await user.click(within(region).getByRole("button", { name: "Remove leftover entries…" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Remove entries" }));
    expect(await screen.findByText("2 leftover keychain entries were removed.")).toBeVisible();
    expect(commands(calls)).toContain("remove_leftovers");
    expect(screen.queryByRole("region", { name: /keychain entr/ })).toBeNull();
  });

  it("says it all in the admin's language, with the locale's plurals and date", async () => {
    await setLanguage("de-DE");
    const { user } = setup({
      get_recovery: () => [event({ source: "keychain", connections: 1, rebuilt: ["c1"] })],
      list_leftovers: () => ["cie/••••NT99/client-secret"],
    });
    const b = await screen.findByRole("region", { name: "Die Verbindungsdatei war beschädigt" });
    expect(b).toHaveTextContent(/war am 02\.06\.2025, 11:45 beschädigt, und es gab keine fehlerfreie Kopie\./);
    expect(b).toHaveTextContent("1 Verbindung wurde aus dem Schlüsselbund des Systems wiederaufgebaut.");
    expect(within(b).getByRole("button", { name: "Ich habe sie geprüft" })).toBeVisible();
    const region = screen.getByRole("region", { name: "1 Schlüsselbund-Eintrag gehört zu keiner Verbindung" });
    await user.click(within(region).getByRole("button", { name: "Übrige Einträge entfernen…" }));
    expect(screen.getByRole("dialog", { name: "Die übrigen Schlüsselbund-Einträge entfernen?" })).toBeVisible();
  });
});
