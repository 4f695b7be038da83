// The core's input checks, shown inline before any IPC. The limits come from
// the core (INPUT_RULES in the generated bindings); a shared table of inputs
// (crates/optin-core/tests/data/input_rules.json) runs through these checks
// and the core's, so they agree.

import { INPUT_RULES } from "../bindings/ipc";
import { MAX_CREDENTIAL_CHARS, MAX_LABEL_CHARS, S } from "./strings";

export interface Trimmed {
  value: string;
  /** True when leading or trailing whitespace was removed. */
  trimmed: boolean;
}

/** Trims pasted whitespace (spaces, tabs, line breaks, no-break spaces). */
export function trimPasted(raw: string): Trimmed {
  const value = raw.trim();
  return { value, trimmed: value !== raw };
}

/** A space, a control character or anything outside ASCII (what UPS values never hold). */
function hasSpaceControlOrNonAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x20 || c > 0x7e) return true;
  }
  return false;
}

/** Client ID or secret: non-empty, at most 256 characters, printable ASCII without spaces. */
export function credentialError(value: string, field: string): string | null {
  if (value.length === 0) return S.validation.empty(field);
  if (value.length > MAX_CREDENTIAL_CHARS) return S.validation.tooLong(field, MAX_CREDENTIAL_CHARS);
  if (hasSpaceControlOrNonAscii(value)) return S.validation.badChars(field);
  return null;
}

export function labelError(value: string): string | null {
  const v = value.trim();
  if (v.length === 0) return S.validation.labelEmpty;
  // Counted in characters, as the core counts them (not UTF-16 units).
  if ([...v].length > MAX_LABEL_CHARS) return S.validation.labelTooLong;
  // Control characters only: labels may use any language.
  if (/\p{Cc}/u.test(v)) return S.validation.labelBadChars;
  return null;
}

/** Upper-cases and trims a shipper account number. */
export function normalizeAccount(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isAccountNumber(value: string): boolean {
  return value.length === INPUT_RULES.account_chars && /^[A-Z0-9]+$/.test(value);
}

/** Per-row errors for the account list (rows are already normalized; empty rows are ignored). */
export function accountErrors(rows: readonly string[]): Array<string | null> {
  const seen = new Set<string>();
  return rows.map((value, i) => {
    if (value === "") return null;
    if (!isAccountNumber(value)) return S.validation.accountInvalid(i + 1);
    if (seen.has(value)) return S.validation.accountDuplicate(i + 1);
    seen.add(value);
    return null;
  });
}

function parseUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.host === "" ? null : url;
  } catch {
    return null;
  }
}

/** An https URL (the bounce page). */
export function httpsUrlError(value: string): string | null {
  if (value.trim() === "") return S.validation.urlEmpty;
  const url = parseUrl(value.trim());
  if (url === null) return S.validation.urlInvalid;
  if (url.protocol !== "https:") return S.validation.urlNotHttps;
  return null;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** A base URL: https, or plain http to this computer only (like the core's insecure_url rule). */
export function baseUrlError(value: string): string | null {
  if (value.trim() === "") return S.validation.urlEmpty;
  const url = parseUrl(value.trim());
  if (url === null) return S.validation.urlInvalid;
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  if (url.protocol === "http:") return S.validation.urlInsecure;
  return S.validation.urlInvalid;
}
