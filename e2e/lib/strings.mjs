// The UI's own strings (ui/src/lib/strings.ts), so the suite finds elements by
// exactly the text the admin sees and never drifts from it. The file is
// transpiled with the repository's TypeScript (a dev dependency) into a
// temporary module, and formats its messages from
// the same Fluent catalog as the app (locales/<locale>/wizard.ftl): en-US
// unless a scenario calls `useLocale`.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { ROOT } from "./paths.mjs";

const require = createRequire(path.join(ROOT, "package.json"));
const ts = require("typescript");
const { FluentBundle, FluentResource } = require("@fluent/bundle");

// strings.ts and the generated IPC client it takes the core's input limits
// from (INPUT_RULES), transpiled side by side under target/ (inside the
// repository, so the client's own imports resolve from node_modules).
function transpile(rel, out) {
  const source = fs.readFileSync(path.join(ROOT, rel), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Relative imports get the extension Node's ESM loader needs.
  fs.writeFileSync(out, outputText.replace(/(from\s+"\.{1,2}\/[^"]+?)"/g, '$1.mjs"'));
}
fs.mkdirSync(path.join(ROOT, "target"), { recursive: true });
const dir = fs.mkdtempSync(path.join(ROOT, "target", "e2e-strings-"));
transpile("ui/src/bindings/ipc.ts", path.join(dir, "bindings", "ipc.mjs"));
const file = path.join(dir, "lib", "strings.mjs");
transpile("ui/src/lib/strings.ts", file);
const mod = await import(pathToFileURL(file).href);
fs.rmSync(dir, { recursive: true, force: true });

/** The text of `locale`'s catalog, as the app formats it (no isolation marks). */
export function translator(locale) {
  // en-XA: the UI's pseudo-locale (en-US accented and longer).
  const pseudo = locale === "en-XA";
  const file = pseudo ? "en-US" : locale;
  const bundle = new FluentBundle(file, { useIsolating: false, transform: pseudo ? mod.pseudo : undefined });
  bundle.addResource(new FluentResource(fs.readFileSync(path.join(ROOT, "locales", file, "wizard.ftl"), "utf8")));
  return (id, args) => {
    const message = bundle.getMessage(id);
    if (!message?.value) throw new Error(`${locale} has no message ${id}`);
    return bundle.formatPattern(message.value, args, []);
  };
}

/** Makes `S` speak `locale` (one of locales/, or the pseudo-locale en-XA). */
export function useLocale(locale) {
  mod.useTranslator(translator(locale), locale);
}

useLocale("en-US");

/** `S` of ui/src/lib/strings.ts. */
export const S = mod.S;
