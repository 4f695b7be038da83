// Render cost of the status screen (bench/app.sh, not `npm test`):
//   npx vitest bench --run --config ui/vite.config.ts
// "large": 20 connections holding 500 shipper accounts between them;
// "baseline": 1 connection with 1 account. Each iteration mounts the screen
// (Svelte flushes synchronously inside `render`) and unmounts it, in jsdom.

import { cleanup, render } from "@testing-library/svelte";
import { bench, describe } from "vitest";
import type { AccountView, ConnectionCard } from "../lib/backend";
import { card, fakeShell } from "../test/fixtures";
import StatusScreen from "./StatusScreen.svelte";

const STATES: ConnectionCard["state"][] = ["connected", "expiring", "unreachable", "connected", "reopt_needed"];

function accounts(conn: number, n: number): AccountView[] {
  return Array.from({ length: n }, (_, i) => ({
    number: `${String.fromCharCode(65 + (conn % 26))}${String(i).padStart(5, "0")}`,
    verified: i % 7 === 0 ? false : true,
    message: i % 7 === 0 ? "Not associated with this UPS.com user." : null,
    checked_at: "2025-06-02T11:00:00Z",
  }));
}

function connections(count: number, totalAccounts: number): ConnectionCard[] {
  const per = Math.floor(totalAccounts / count);
  return Array.from({ length: count }, (_, i) =>
    card({
      id: `c${i}`,
      label: `Shop ${i + 1}`,
      state: count === 1 ? "connected" : STATES[i % STATES.length],
      accounts: accounts(i, i === count - 1 ? totalAccounts - per * (count - 1) : per),
    }),
  );
}

const large = connections(20, 500);
const small = connections(1, 1);

function renderOnce(list: ConnectionCard[]) {
  render(StatusScreen, { connections: list, notice: null, onAdd: () => {}, onReopt: () => {} });
  cleanup();
}

const opts = {
  time: 3_000,
  iterations: 15,
  warmupTime: 500,
  setup: () => {
    fakeShell({ list_connections: () => [] });
  },
};

describe("StatusScreen render", () => {
  bench("status_render_20x500", () => renderOnce(large), opts);
  bench("status_render_1x1", () => renderOnce(small), opts);
});
