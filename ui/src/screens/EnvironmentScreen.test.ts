import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { WizardDraft } from "../lib/draft.svelte";
import { appInfo, demoHint } from "../test/fixtures";
import EnvironmentScreen from "./EnvironmentScreen.svelte";

function setup(demo: boolean) {
  const draft = new WizardDraft(demo);
  const onNext = vi.fn();
  const onBack = vi.fn();
  render(EnvironmentScreen, { draft, info: appInfo({ demo: demo ? demoHint : null }), onNext, onBack });
  return { draft, onNext, onBack, user: userEvent.setup() };
}

describe("EnvironmentScreen", () => {
  it("offers Test (CIE) and Production, CIE first, and the two methods", () => {
    const { draft } = setup(false);
    expect(screen.queryByLabelText("Sandbox (offline demo)")).toBeNull();
    expect(screen.getByLabelText("Test (CIE)")).toBeChecked();
    expect(screen.getByLabelText("Production")).not.toBeChecked();
    expect(screen.getByLabelText("Opt in with UPS.com")).toBeChecked();
    expect(screen.getByLabelText("Client ID and secret only")).not.toBeChecked();
    expect(draft.environment).toBe("cie");
  });

  it("pre-selects the offline sandbox in demo mode", () => {
    const { draft } = setup(true);
    expect(screen.getByLabelText("Sandbox (offline demo)")).toBeChecked();
    expect(draft.environmentInput()).toEqual({ kind: "sandbox", url: null });
  });

  it("requires a label, then continues with Enter", async () => {
    const { user, onNext, draft } = setup(false);
    await user.click(screen.getByLabelText("Production"));
    await user.click(screen.getByLabelText("Client ID and secret only"));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(onNext).not.toHaveBeenCalled();
    const label = screen.getByLabelText("Label");
    expect(screen.getByRole("alert")).toHaveTextContent(/Enter a label/);
    expect(label).toHaveFocus();
    expect(label).toHaveAttribute("aria-invalid", "true");

    await user.type(label, "  Shipping Pro {Enter}");
    expect(onNext).toHaveBeenCalledTimes(1);
    expect(draft.label).toBe("Shipping Pro");
    expect(draft.environment).toBe("production");
    expect(draft.method).toBe("client_credentials");
  });

  it("keeps the custom base URL under Advanced and checks it", async () => {
    const { user, onNext, draft } = setup(false);
    const advanced = screen.getByText("Advanced");
    expect(advanced.closest("details")).not.toHaveAttribute("open");
    await user.click(advanced);
    await user.type(screen.getByLabelText("Base URL"), "http://ups.example.com");
    expect(screen.getByLabelText("Custom base URL")).toBeChecked();
    await user.type(screen.getByLabelText("Label"), "Acme");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(onNext).not.toHaveBeenCalled();
    expect(screen.getByRole("alert")).toHaveTextContent(/must use https/);
    expect(screen.getByLabelText("Base URL")).toHaveFocus();

    await user.clear(screen.getByLabelText("Base URL"));
    await user.type(screen.getByLabelText("Base URL"), "https://ups.example.com ");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(onNext).toHaveBeenCalled();
    expect(draft.environmentInput()).toEqual({ kind: "custom", url: "https://ups.example.com" });
  });

  it("goes back", async () => {
    const { user, onBack } = setup(false);
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(onBack).toHaveBeenCalled();
  });
});
