// The UI's language. The words are in the Fluent catalogs of locales/<locale>/
// (one per language, the same files the Rust side reads for the tray and the
// notifications), compiled when the UI is built (vite.config.ts,
// `fluentCatalogs`); each is its own lazy chunk, so the app fetches only the
// active one and never runs Fluent's parser. The shell says which locale is active (the one chosen
// in the language menu, else the OS's: see optin-core's i18n); outside the
// app (tests, a plain browser) the browser's languages are negotiated here.
//
// `t` reads reactive state, so every text of strings.ts that a component shows
// follows a switch of language live.

import { FluentBundle, type FluentResource, type FluentVariable } from "@fluent/bundle";
import { negotiateLanguages } from "@fluent/langneg";
import type { LocaleView } from "../bindings/ipc";
import { pseudo, useTranslator } from "./strings";

export { pseudo };

/** The catalogs' parsed messages, each loaded on demand. */
const catalogs = import.meta.glob<FluentResource["body"]>("../../../locales/*/wizard.ftl", {
  query: "?compiled",
  import: "default",
});
/** Each language's name in itself ("Français (Canada)"): its catalog's `language-endonym`. */
const endonyms = import.meta.glob<string>("../../../locales/*/wizard.ftl", {
  query: "?endonym",
  import: "default",
  eager: true,
});
const pathOf = (locale: string) => `../../../locales/${locale}/wizard.ftl`;

/** The source locale: the fallback. */
export const SOURCE_LOCALE = "en-US";
/**
 * The pseudo-locale: en-US accented and about 40 % longer, to find clipped or
 * overflowing text (`UPS_OPTIN_PSEUDO_LOCALE=1` makes the shell answer it).
 */
export const PSEUDO_LOCALE = "en-XA";
/** Every locale of locales/, the source first. */
export const LOCALES: readonly string[] = Object.keys(catalogs)
  .map((p) => p.split("/").at(-2) ?? "")
  // A plain comparison: the tags are ASCII, and a collator would load ICU's tables.
  .sort((a, b) => (a === SOURCE_LOCALE ? -1 : b === SOURCE_LOCALE ? 1 : a < b ? -1 : a > b ? 1 : 0));

/** `locale`'s name in that language, for the language menu; the tag when it is not one of ours. */
export function endonym(locale: string): string {
  return endonyms[pathOf(locale)] ?? locale;
}

const current = $state<{ locale: string; bundle: FluentBundle | null; view: LocaleView | null }>({
  locale: SOURCE_LOCALE,
  bundle: null,
  view: null,
});

/** The best of our locales for `requested` (most preferred first). */
export function negotiate(requested: readonly string[]): string {
  const [best] = negotiateLanguages([...requested], [...LOCALES], {
    defaultLocale: SOURCE_LOCALE,
    strategy: "lookup",
  });
  return best ?? SOURCE_LOCALE;
}

async function bundleFor(locale: string): Promise<FluentBundle> {
  const isPseudo = locale === PSEUDO_LOCALE;
  const file = isPseudo ? SOURCE_LOCALE : locale;
  const load = catalogs[pathOf(file)] ?? catalogs[pathOf(SOURCE_LOCALE)];
  const body = load ? await load() : [];
  // No Unicode isolation marks: the texts are plain and tests compare them.
  const bundle = new FluentBundle(isPseudo ? SOURCE_LOCALE : file, {
    useIsolating: false,
    transform: isPseudo ? pseudo : undefined,
  });
  // What `new FluentResource(text)` would hold, parsed at build time.
  bundle.addResource({ body } as FluentResource);
  return bundle;
}

/** Formats message `id` of the active catalog; the ID itself when it is missing. */
export function t(id: string, args?: Record<string, FluentVariable>): string {
  const bundle = current.bundle;
  const message = bundle?.getMessage(id);
  if (!bundle || !message?.value) return id;
  return bundle.formatPattern(message.value, args, []);
}

/** The active locale (for `Intl` formatters). */
export function activeLocale(): string {
  return current.locale === PSEUDO_LOCALE ? SOURCE_LOCALE : current.locale;
}

/** What the shell said about languages (null outside the app). */
export function localeView(): LocaleView | null {
  return current.view;
}

/** Loads `locale`'s catalog and makes it active; `<html lang>` follows. */
export async function setLanguage(locale: string, view: LocaleView | null = current.view): Promise<void> {
  const wanted = locale === PSEUDO_LOCALE || LOCALES.includes(locale) ? locale : negotiate([locale]);
  const bundle = await bundleFor(wanted);
  current.bundle = bundle;
  current.locale = wanted;
  current.view = view;
  useTranslator(t, activeLocale());
  if (typeof document !== "undefined") document.documentElement.lang = wanted;
}

/** At start-up: the shell's locale (asked early by main.ts), else the browser's. */
export async function startLanguage(ask: (() => Promise<LocaleView>) | null): Promise<void> {
  let view: LocaleView | null = null;
  if (ask) {
    try {
      view = await ask();
    } catch {
      view = null;
    }
  }
  await setLanguage(view?.locale ?? negotiate(navigator.languages ?? [navigator.language]), view);
}

useTranslator(t, SOURCE_LOCALE);
