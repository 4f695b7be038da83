import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { NetworkView } from "../lib/backend";
import { setLanguage } from "../lib/i18n.svelte";
import { errorView, fakeShell } from "../test/fixtures";
import ProxySettings from "./ProxySettings.svelte";

function network(overrides: Partial<NetworkView["report"]> = {}, has_login = false): NetworkView {
  return {
    report: {
      setting: { mode: "automatic" },
      variables: ["HTTPS_PROXY=http://proxy.example.com:3128"],
      routes: [
        {
          environment: "Test (CIE)",
          base_url: "https://wwwcie.ups.com",
          route: "proxy http://proxy.example.com:3128 (from HTTPS_PROXY), no proxy login",
          environment_id: "cie",
          route_params: { case: "proxy", proxy: "http://proxy.example.com:3128", proxy_source: "HTTPS_PROXY", login: "none" },
        },
      ],
      certificates: "the system certificate store and Mozilla's roots",
      ...overrides,
    },
    has_login,
  };
}

describe("ProxySettings", () => {
  it("shows the proxy in use for each environment and where it comes from", async () => {
    fakeShell({ get_network: () => network() });
    render(ProxySettings);
    expect(await screen.findByText(/from HTTPS_PROXY/)).toBeVisible();
    expect(screen.getByLabelText("Automatic")).toBeChecked();
  });

  it("says the panel and each route in the admin's language", async () => {
    await setLanguage("fr-CA");
    fakeShell({ get_network: () => network() });
    render(ProxySettings);
    expect(
      await screen.findByText(/— Par le serveur mandataire http:\/\/proxy\.example\.com:3128 \(selon la variable HTTPS_PROXY\), sans identifiants$/),
    ).toBeVisible();
    expect(screen.getByText("Essai (CIE)")).toBeVisible();
    expect(screen.getByLabelText("Automatique")).toBeChecked();
    expect(screen.getByRole("button", { name: "Enregistrer les identifiants du serveur mandataire" })).toBeVisible();
  });

  it("saves a manual proxy, then the login, which goes to the keychain and is cleared from the form", async () => {
    const calls = fakeShell({
      get_network: () => network(),
      set_proxy: (a) =>
        network({
          setting: a?.setting as NetworkView["report"]["setting"],
          routes: [
            {
              environment: "Test (CIE)",
              base_url: "https://wwwcie.ups.com",
              route: "proxy http://proxy.corp.example:8080 (from the proxy setting), no proxy login",
              environment_id: "cie",
              route_params: { case: "proxy", proxy: "http://proxy.corp.example:8080", proxy_source: "setting", login: "none" },
            },
          ],
        }),
      set_proxy_login: () => network({}, true),
    });
    const user = userEvent.setup();
    render(ProxySettings);
    await screen.findByText(/from HTTPS_PROXY/);
    await user.click(screen.getByLabelText("This proxy"));
    await user.type(screen.getByLabelText("Proxy address"), " http://proxy.corp.example:8080 ");
    await user.click(screen.getByRole("button", { name: "Save proxy setting" }));
    expect(await screen.findByText(/from the proxy setting/)).toBeVisible();
    expect(calls.find((c) => c.cmd === "set_proxy")?.args).toEqual({
      setting: { mode: "manual", url: "http://proxy.corp.example:8080" },
    });

    await user.type(screen.getByLabelText("Proxy user name"), "alice");
    await user.type(screen.getByLabelText("Proxy password"), "Secret-1");
    await user.click(screen.getByRole("button", { name: "Save proxy login" }));
    expect(await screen.findByText("A login for the proxy in use is stored in the keychain.")).toBeVisible();
    expect(calls.find((c) => c.cmd === "set_proxy_login")?.args).toEqual({
      login: { user: "alice", password: "Secret-1" },
    });
    expect(screen.getByLabelText("Proxy password")).toHaveValue("");
    expect(screen.getByRole("button", { name: "Remove proxy login" })).toBeVisible();
  });

  it("says why a proxy address is refused", async () => {
    fakeShell({
      get_network: () => network(),
      set_proxy: () => {
        throw errorView("invalid_input", "proxy: the proxy address must not contain a user name or password.");
      },
    });
    const user = userEvent.setup();
    render(ProxySettings);
    await screen.findByText(/from HTTPS_PROXY/);
    await user.click(screen.getByLabelText("This proxy"));
    await user.type(screen.getByLabelText("Proxy address"), "http://a:b@proxy.example.com:3128");
    await user.click(screen.getByRole("button", { name: "Save proxy setting" }));
    await waitFor(() => expect(screen.getByText(/must not contain a user name or password/)).toBeVisible());
  });
});
