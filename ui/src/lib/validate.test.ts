import { describe, expect, it } from "vitest";
import inputTable from "../../../crates/optin-core/tests/data/input_rules.json";
import {
  accountErrors,
  baseUrlError,
  credentialError,
  httpsUrlError,
  isAccountNumber,
  labelError,
  normalizeAccount,
  trimPasted,
} from "./validate";

describe("credentials", () => {
  it("accepts printable ASCII up to 256 characters", () => {
    expect(credentialError("abc-DEF_123~.", "client ID")).toBeNull();
    expect(credentialError("x".repeat(256), "client ID")).toBeNull();
  });
  it("rejects empty, too long, control and non-ASCII", () => {
    expect(credentialError("", "client ID")).toMatch(/Enter the client ID/);
    expect(credentialError("x".repeat(257), "client ID")).toMatch(/longer than 256/);
    expect(credentialError("ab\tc", "client secret")).toMatch(/control character/);
    expect(credentialError("abc\u007f", "client secret")).toMatch(/control character/);
    expect(credentialError("abcé", "client secret")).toMatch(/plain ASCII/);
  });
  it("trims pasted whitespace and says so", () => {
    expect(trimPasted("  abc\n")).toEqual({ value: "abc", trimmed: true });
    expect(trimPasted("abc")).toEqual({ value: "abc", trimmed: false });
    expect(trimPasted("\u00a0abc")).toEqual({ value: "abc", trimmed: true });
  });
});

describe("accounts", () => {
  it("normalizes and checks 6 letters or digits", () => {
    expect(normalizeAccount(" a1b2c3 ")).toBe("A1B2C3");
    expect(isAccountNumber("A1B2C3")).toBe(true);
    expect(isAccountNumber("A1B2C")).toBe(false);
    expect(isAccountNumber("A1B2C3D")).toBe(false);
    expect(isAccountNumber("A1-2C3")).toBe(false);
  });
  it("reports invalid and duplicate rows, ignoring empty ones", () => {
    expect(accountErrors(["A1B2C3", "", "XYZ", "A1B2C3"])).toEqual([
      null,
      null,
      "Shipper account 3 must be exactly 6 letters or digits.",
      "Shipper account 4 is listed twice.",
    ]);
  });
});

describe("urls and labels", () => {
  it("requires https for the bounce page", () => {
    expect(httpsUrlError("https://example.com/bounce")).toBeNull();
    expect(httpsUrlError("http://example.com/bounce")).toMatch(/https/);
    expect(httpsUrlError("example.com")).toMatch(/complete URL/);
    expect(httpsUrlError("")).toMatch(/Enter the URL/);
  });
  it("allows plain http only to loopback for a base URL", () => {
    expect(baseUrlError("https://wwwcie.ups.com")).toBeNull();
    expect(baseUrlError("http://127.0.0.1:9911")).toBeNull();
    expect(baseUrlError("http://localhost:8080")).toBeNull();
    expect(baseUrlError("http://ups.example.com")).toMatch(/https/);
    expect(baseUrlError("ftp://x.example")).toMatch(/complete URL/);
  });
  it("needs a label", () => {
    expect(labelError("  ")).toMatch(/Enter a label/);
    expect(labelError("Shipping Pro")).toBeNull();
    expect(labelError("x".repeat(101))).toMatch(/longer/);
  });
});

/** `x{80}`: 80 times `x` (as in the Rust test that reads the same table). */
function expand(input: string): string {
  const m = /^(.+)\{(\d+)\}$/u.exec(input);
  return m ? m[1]!.repeat(Number(m[2])) : input;
}

describe("the core's input table (crates/optin-core/tests/data/input_rules.json)", () => {
  type Row = { field: string; input: string; ok: boolean; wizard?: boolean };
  const rows = (inputTable as { rows: Row[] }).rows;

  it.each(rows.filter((r) => r.field !== "connection_id"))(
    "$field $input: the wizard agrees with the core",
    (row) => {
      const raw = expand(row.input);
      let ok: boolean;
      switch (row.field) {
        case "client_id":
          ok = credentialError(trimPasted(raw).value, "client ID") === null;
          break;
        case "label":
          ok = labelError(raw) === null;
          break;
        case "account":
          ok = isAccountNumber(normalizeAccount(raw));
          break;
        default:
          throw new Error(`unknown field ${row.field}`);
      }
      expect(ok).toBe(row.wizard ?? row.ok);
    },
  );
});
