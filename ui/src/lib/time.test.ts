import { describe, expect, it } from "vitest";
import { formatCountdown, formatDate, formatDateTime, msUntil } from "./time";

describe("time", () => {
  it("formats countdowns as mm:ss, and h:mm:ss from an hour", () => {
    expect(formatCountdown(10 * 60_000)).toBe("10:00");
    expect(formatCountdown(61_000)).toBe("01:01");
    expect(formatCountdown(500)).toBe("00:01");
    expect(formatCountdown(-5)).toBe("00:00");
    expect(formatCountdown(3 * 3600_000 + 59 * 60_000 + 30_000)).toBe("3:59:30");
  });
  it("computes the time left and tolerates bad input", () => {
    expect(msUntil("2025-01-01T00:00:10Z", Date.parse("2025-01-01T00:00:00Z"))).toBe(10_000);
    expect(msUntil(null, 0)).toBeNull();
    expect(msUntil("nonsense", 0)).toBeNull();
    expect(formatDate("nonsense")).toBe("nonsense");
    expect(formatDateTime("2025-06-02T11:00:00Z")).toMatch(/2025/);
  });
});
