import { describe, expect, it } from "vitest";
import { card, fakeShell } from "../test/fixtures";
import { tauriBackend } from "./backend";
import { askFirstQuestions, FIRST_QUESTIONS } from "./early";

describe("the first questions, asked before the UI has loaded", () => {
  it("are answered once from the early call, then asked afresh", async () => {
    let lists = 0;
    const calls = fakeShell({
      get_locale: () => ({ locale: "fr-CA", system: "fr-CA", chosen: null, available: ["en-US", "fr-CA"] }),
      get_app_info: () => ({ version: "9.9.9" }),
      list_connections: () => [card({ label: `List ${++lists}` })],
    });
    askFirstQuestions();
    expect(calls.map((c) => c.cmd)).toEqual([...FIRST_QUESTIONS]);

    // App's load() takes the early answers: nothing more is sent.
    expect((await tauriBackend.getAppInfo()).version).toBe("9.9.9");
    expect((await tauriBackend.listConnections())[0]?.label).toBe("List 1");
    // So does main.ts's question for the language.
    expect((await tauriBackend.getLocale()).locale).toBe("fr-CA");
    expect(calls).toHaveLength(3);

    // Later calls (showStatus, a retry) ask again and see fresh answers.
    expect((await tauriBackend.listConnections())[0]?.label).toBe("List 2");
    expect(calls.map((c) => c.cmd)).toEqual([...FIRST_QUESTIONS, "list_connections"]);
  });

  it("hand their failure to whoever takes them, as an ErrorView", async () => {
    const calls = fakeShell({
      get_locale: () => ({ locale: "en-US", system: "en-US", chosen: null, available: ["en-US"] }),
      get_app_info: () => {
        throw { code: "config_error", message: "The configuration could not be read." };
      },
      list_connections: () => [],
    });
    askFirstQuestions();
    await expect(tauriBackend.getAppInfo()).rejects.toEqual({
      code: "config_error",
      message: "The configuration could not be read.",
    });
    // The other early answer is still taken from the early call.
    expect(await tauriBackend.listConnections()).toEqual([]);
    expect(calls.map((c) => c.cmd)).toEqual([...FIRST_QUESTIONS]);
  });
});
