import { fireEvent, render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Method } from "../lib/backend";
import { WizardDraft } from "../lib/draft.svelte";
import { appInfo, demoHint, errorView, fakeShell } from "../test/fixtures";
import CredentialsScreen from "./CredentialsScreen.svelte";

function setup(opts: { demo?: boolean; method?: Method } = {}) {
  const draft = new WizardDraft(opts.demo ?? false);
  draft.method = opts.method ?? "browser";
  draft.label = "Acme";
  const onNext = vi.fn();
  render(CredentialsScreen, {
    draft,
    info: appInfo({ demo: opts.demo ? demoHint : null }),
    onNext,
    onBack: vi.fn(),
  });
  return { draft, onNext, user: userEvent.setup() };
}

const idField = () => screen.getByLabelText("Client ID");
const secretField = () => screen.getByLabelText("Client secret");
const submit = () => screen.getByRole("button", { name: "Continue" });

describe("CredentialsScreen", () => {
  it("reports empty fields inline and focuses the first", async () => {
    const { user, onNext } = setup();
    await user.click(submit());
    expect(onNext).not.toHaveBeenCalled();
    expect(screen.getByText("Enter the client ID.")).toHaveAttribute("role", "alert");
    expect(screen.getByText("Enter the client secret.")).toBeInTheDocument();
    expect(idField()).toHaveFocus();
    expect(idField()).toHaveAccessibleDescription("Enter the client ID.");
  });

  it("rejects control, non-ASCII and over-long values like the core", async () => {
    const { user, onNext } = setup();
    await user.type(idField(), "abcé");
    await user.click(secretField());
    await user.paste("x".repeat(257));
    await user.click(submit());
    expect(onNext).not.toHaveBeenCalled();
    expect(screen.getByText(/client ID contains a space, a control character or a character outside plain ASCII/)).toBeVisible();
    expect(screen.getByText(/client secret is longer than 256 characters/)).toBeVisible();

    await user.clear(idField());
    await user.type(idField(), "abc");
    await fireEvent.input(idField(), { target: { value: "ab\u0007c" } });
    await user.click(submit());
    expect(screen.getByText(/client ID contains a space, a control character/)).toBeVisible();
  });

  it("trims pasted whitespace and shows a note", async () => {
    const { user, onNext, draft } = setup();
    await user.click(idField());
    await user.paste("  CLIENT123\n");
    expect(idField()).toHaveValue("CLIENT123");
    expect(screen.getByText(/start or end of the client ID were removed/)).toBeVisible();

    await user.type(secretField(), " s3cret ");
    expect(screen.queryByText(/client secret were removed/)).toBeNull();
    await user.tab();
    expect(secretField()).toHaveValue("s3cret");
    expect(screen.getByText(/start or end of the client secret were removed/)).toBeVisible();

    await user.click(submit());
    expect(onNext).toHaveBeenCalled();
    expect(draft.browserRequest()).toMatchObject({ client_id: "CLIENT123", client_secret: "s3cret" });
  });

  it("masks the secret with a show toggle", async () => {
    const { user } = setup();
    expect(secretField()).toHaveAttribute("type", "password");
    await user.click(screen.getByLabelText("Show secret"));
    expect(secretField()).toHaveAttribute("type", "text");
    await user.click(screen.getByLabelText("Show secret"));
    expect(secretField()).toHaveAttribute("type", "password");
  });

  it("shows the exact redirect URI for each route, with Copy", async () => {
    const { user, draft } = setup();
    expect(screen.getByLabelText("Deep link (recommended)")).toBeChecked();
    const uri = () => screen.getByText(/Register exactly this redirect URI/).parentElement!;
    expect(within(uri()).getByText("upsoptin://oauth/callback")).toBeVisible();

    await user.click(within(uri()).getByRole("button", { name: "Copy redirect URI" }));
    expect(await navigator.clipboard.readText()).toBe("upsoptin://oauth/callback");
    expect(within(uri()).getByRole("status")).toHaveTextContent("Copied.");

    await user.click(screen.getByLabelText("Loopback"));
    expect(within(uri()).getByText("http://127.0.0.1:8765/callback")).toBeVisible();

    await user.click(screen.getByLabelText("HTTPS bounce page"));
    expect(within(uri()).getByText(/Enter the bounce page URL/)).toBeVisible();
    await user.type(screen.getByLabelText("Bounce page URL"), "https://example.com/ups-return");
    expect(within(uri()).getByText("https://example.com/ups-return")).toBeVisible();
    expect(draft.browserRequest()).toMatchObject({ route: "bounce", bounce_url: "https://example.com/ups-return" });
  });

  it("requires an https bounce URL", async () => {
    const { user, onNext } = setup();
    await user.type(idField(), "id");
    await user.type(secretField(), "secret");
    await user.click(screen.getByLabelText("HTTPS bounce page"));
    await user.type(screen.getByLabelText("Bounce page URL"), "http://example.com/x");
    await user.click(submit());
    expect(onNext).not.toHaveBeenCalled();
    expect(screen.getByText("The URL must start with https://.")).toBeVisible();
    expect(screen.getByLabelText("Bounce page URL")).toHaveFocus();
  });

  it("has the PKCE body mode under Advanced", async () => {
    const { user, draft } = setup();
    await user.click(screen.getByText("Advanced"));
    await user.click(screen.getByLabelText(/PKCE body mode/));
    expect(draft.pkceBody).toBe(true);
  });

  it("hides the redirect options for the client credentials method", () => {
    setup({ method: "client_credentials" });
    expect(screen.queryByText(/redirect URI/)).toBeNull();
    expect(screen.queryByLabelText(/PKCE/)).toBeNull();
  });

  it("edits shipper account numbers: add, upper-case, validate, remove", async () => {
    const { user, onNext, draft } = setup();
    await user.type(idField(), "id");
    await user.type(secretField(), "secret");
    const add = screen.getByRole("button", { name: "Add account number" });
    await user.click(add);
    const first = screen.getByLabelText("Shipper account 1");
    expect(first).toHaveFocus();
    await user.type(first, "a1b2c3");
    expect(first).toHaveValue("A1B2C3");
    await user.click(add);
    await user.type(screen.getByLabelText("Shipper account 2"), "xyz");
    await user.click(submit());
    expect(onNext).not.toHaveBeenCalled();
    expect(screen.getByText("Shipper account 2 must be exactly 6 letters or digits.")).toBeVisible();
    expect(screen.getByLabelText("Shipper account 2")).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Remove shipper account 2" }));
    expect(screen.queryByLabelText("Shipper account 2")).toBeNull();
    await user.click(submit());
    expect(onNext).toHaveBeenCalled();
    expect(draft.browserRequest().accounts).toEqual(["A1B2C3"]);
  });

  it("shows the demo credentials and fills them in", async () => {
    const { user, draft } = setup({ demo: true });
    const hint = screen.getByRole("complementary", { name: "Offline demo credentials" });
    expect(within(hint).getByText("demo-admin")).toBeVisible();
    expect(within(hint).getByText("demo-password")).toBeVisible();
    await user.click(within(hint).getByRole("button", { name: "Fill in" }));
    expect(idField()).toHaveValue(demoHint.client_id);
    expect(secretField()).toHaveValue(demoHint.client_secret);
    expect(draft.clientSecret).toBe(demoHint.client_secret);
    expect(within(hint).getByRole("status")).toHaveTextContent("filled in");
  });

  it("checks the redirect URI with UPS and shows UPS's answer", async () => {
    const calls = fakeShell({
      check_client: (a) => {
        const r = (a as { request: { client_id: string } }).request;
        if (r.client_id === "good-id") {
          return { accepted: true, redirect_uri: "upsoptin://oauth/callback", status: null, answer: null };
        }
        if (r.client_id === "no-check-id") {
          return { accepted: false, redirect_uri: "upsoptin://oauth/callback", status: 404, answer: "html" };
        }
        throw errorView("client_refused", "UPS refused this client ID and redirect URI before sign-in (validate-client, HTTP 401, code 10401: ClientId is Invalid).");
      },
    });
    const { user } = setup();
    const check = screen.getByRole("button", { name: "Check with UPS" });
    await user.click(check);
    expect(screen.getByText("Enter the client ID first.")).toBeVisible();
    await user.type(idField(), "good-id");
    await user.click(check);
    expect(await screen.findByText("UPS accepts this redirect URI for this client ID.")).toBeVisible();
    await user.clear(idField());
    await user.type(idField(), "bad-id");
    expect(screen.queryByText("UPS accepts this redirect URI for this client ID.")).toBeNull();
    await user.click(check);
    expect(await screen.findByRole("alert")).toHaveTextContent(/ClientId is Invalid/);
    expect(calls.map((c) => c.cmd)).toEqual(["check_client", "check_client"]);
    expect(calls[0]?.args).toMatchObject({ request: { client_id: "good-id", route: "deep_link", bounce_url: null } });
    // An environment without the check: said in the admin's words, from the status and the kind of answer.
    await user.clear(idField());
    await user.type(idField(), "no-check-id");
    await user.click(check);
    expect(
      await screen.findByText(
        "This environment cannot check redirect URIs (it answered HTTP 404 with an HTML page). Make sure the redirect URI is registered exactly as shown, then opt in.",
      ),
    ).toBeVisible();
  });
});
