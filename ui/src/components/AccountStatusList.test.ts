import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { AccountView } from "../lib/backend";
import { setLanguage } from "../lib/i18n.svelte";
import { S } from "../lib/strings";
import AccountStatusList from "./AccountStatusList.svelte";

const account = (k: number, verified: boolean | null): AccountView => ({
  number: `A${String(k).padStart(5, "0")}`,
  verified,
  message: verified === false ? "Not associated with this UPS.com user." : null,
  checked_at: null,
});

describe("AccountStatusList", () => {
  it("says why an account could not be checked in the admin's language, and quotes UPS's refusal as sent", async () => {
    await setLanguage("fr-CA");
    render(AccountStatusList, {
      accounts: [
        {
          number: "A00001",
          verified: null,
          message: "UPS could not be reached (the request failed). …",
          checked_at: null,
          error: { code: "ups_unreachable", message: "UPS could not be reached (the request failed). …", params: { reason: "request-failed", status: "none", detail: "x" } },
        },
        { number: "A00002", verified: false, message: "Not associated with this UPS.com user.", checked_at: null },
      ],
    });
    const rows = within(screen.getByRole("list")).getAllByRole("listitem");
    const checked = rows.find((r) => r.textContent?.includes("A00001"));
    expect(checked?.textContent).toContain("UPS n'a pas pu être joint (la requête a échoué)");
    expect(checked?.textContent).not.toContain("could not be reached");
    expect(rows.find((r) => r.textContent?.includes("A00002"))?.textContent).toContain("Not associated with this UPS.com user.");
    await setLanguage("en-US");
  });

  it("lists a short list whole, without a summary or a button", () => {
    render(AccountStatusList, { accounts: Array.from({ length: 12 }, (_, k) => account(k, true)) });
    expect(within(screen.getByRole("list")).getAllByRole("listitem")).toHaveLength(12);
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("collapses a long list to 10 rows, refused ones first, and shows all from the keyboard", async () => {
    // 25 accounts; the refused ones are at the end, where a plain cut would hide them.
    const accounts = Array.from({ length: 25 }, (_, k) => account(k, k >= 23 ? false : k % 2 === 0 ? true : null));
    render(AccountStatusList, { accounts, id: "acct-c1" });
    expect(screen.getByText(S.card.accountsSummary(25, 12, 2, 11))).toBeTruthy();
    const list = screen.getByRole("list");
    let rows = within(list).getAllByRole("listitem");
    expect(rows).toHaveLength(10);
    expect(rows[0]?.textContent).toContain("A00023");
    expect(rows[1]?.textContent).toContain("A00024");
    expect(rows[0]?.textContent).toContain(S.card.refused);

    const button = screen.getByRole("button", { name: S.card.showAllAccounts(25) });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(button.getAttribute("aria-controls")).toBe(list.id);
    const user = userEvent.setup();
    button.focus();
    await user.keyboard("{Enter}");
    rows = within(list).getAllByRole("listitem");
    expect(rows).toHaveLength(25);
    expect(rows[0]?.textContent).toContain("A00000");
    const fewer = screen.getByRole("button", { name: S.card.showFewerAccounts });
    expect(fewer.getAttribute("aria-expanded")).toBe("true");
    expect(document.activeElement).toBe(fewer);
    await user.keyboard(" ");
    expect(within(list).getAllByRole("listitem")).toHaveLength(10);
  });
});
