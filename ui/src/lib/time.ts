// Times arrive as RFC 3339 strings in UTC and are shown in the admin's language and zone.

import { activeLocale } from "./i18n.svelte";

/** Milliseconds from `now` until `iso` (negative when past; null when absent or unparsable). */
export function msUntil(iso: string | null, now: number): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t - now;
}

const two = (n: number) => String(n).padStart(2, "0");

/** "mm:ss" under an hour, "h:mm:ss" from an hour; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

// Formatters of the active language (lib/i18n.svelte.ts), made once per language.
const formatters = new Map<string, { dateTime: Intl.DateTimeFormat; dateOnly: Intl.DateTimeFormat }>();
function formattersOf(locale: string) {
  let f = formatters.get(locale);
  if (!f) {
    f = {
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }),
      dateOnly: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }),
    };
    formatters.set(locale, f);
  }
  return f;
}

export function formatDateTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : formattersOf(activeLocale()).dateTime.format(t);
}

export function formatDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : formattersOf(activeLocale()).dateOnly.format(t);
}
