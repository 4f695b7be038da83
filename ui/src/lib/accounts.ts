import type { AccountView } from "./backend";

/** How many of a connection's shipper accounts UPS verified, refused, or has not checked. */
export function countAccounts(accounts: AccountView[]): { verified: number; refused: number; unchecked: number } {
  let verified = 0;
  let refused = 0;
  let unchecked = 0;
  for (const a of accounts) {
    if (a.verified === true) verified += 1;
    else if (a.verified === false) refused += 1;
    else unchecked += 1;
  }
  return { verified, refused, unchecked };
}
