import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { WizardDraft } from "../lib/draft.svelte";
import { commands, fakeShell } from "../test/fixtures";
import WelcomeScreen from "./WelcomeScreen.svelte";

describe("WelcomeScreen", () => {
  it("shows the three UPS steps as a checklist and continues once all are ticked", async () => {
    const user = userEvent.setup();
    const onNext = vi.fn();
    render(WelcomeScreen, { draft: new WizardDraft(false), onNext });

    const heading = screen.getByRole("heading", { level: 1 });
    await vi.waitFor(() => expect(heading).toHaveFocus());

    const boxes = screen.getAllByRole("checkbox");
    expect(boxes).toHaveLength(3);
    expect(screen.getByLabelText(/not a UPS.com account used for CampusShip/)).toBe(boxes[0]);
    expect(screen.getByLabelText(/recent invoice or by a PIN.*account executive/s)).toBe(boxes[1]);
    expect(screen.getByLabelText(/opt in again whenever the password/)).toBe(boxes[2]);

    await user.click(boxes[0]!);
    await user.click(screen.getByRole("button", { name: "Start" }));
    expect(onNext).not.toHaveBeenCalled();
    expect(screen.getByRole("alert")).toHaveTextContent(/Tick all three steps/);

    await user.click(boxes[1]!);
    await user.click(boxes[2]!);
    expect(screen.queryByRole("alert")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Start" }));
    expect(onNext).toHaveBeenCalledTimes(1);
  });

  it("opens UPS.com links in the system browser, never in the app window", async () => {
    const user = userEvent.setup();
    const calls = fakeShell({ "plugin:opener|open_url": () => null });
    render(WelcomeScreen, { draft: new WizardDraft(false), onNext: vi.fn() });

    const ups = screen.getByRole("link", { name: /^UPS\.com/ });
    expect(ups).toHaveAttribute("href", "https://www.ups.com");
    const clicked = new MouseEvent("click", { bubbles: true, cancelable: true });
    ups.dispatchEvent(clicked);
    expect(clicked.defaultPrevented).toBe(true);

    await user.click(screen.getByRole("link", { name: /Developer Portal/ }));
    await vi.waitFor(() => expect(commands(calls)).toHaveLength(2));
    expect(calls.map((c) => c.args?.url)).toEqual(["https://www.ups.com", "https://developer.ups.com"]);
  });

  it("says so when the browser cannot be opened", async () => {
    const user = userEvent.setup();
    fakeShell({
      "plugin:opener|open_url": () => {
        throw "No browser found";
      },
    });
    render(WelcomeScreen, { draft: new WizardDraft(false), onNext: vi.fn() });
    await user.click(screen.getByRole("link", { name: /^UPS\.com/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("No browser found");
  });

  it("offers a way back to the connections when some exist", async () => {
    const user = userEvent.setup();
    const onExit = vi.fn();
    render(WelcomeScreen, { draft: new WizardDraft(false), onNext: vi.fn(), onExit });
    await user.click(screen.getByRole("button", { name: "Back to connections" }));
    expect(onExit).toHaveBeenCalled();
  });
});
