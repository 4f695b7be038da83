import { FluentBundle, FluentResource } from "@fluent/bundle";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { readFile } from "node:fs/promises";
import type { Plugin, Rollup } from "vite";
import { defineConfig } from "vitest/config";

/**
 * main.ts sends the first screen's questions, then imports the UI (svelte and
 * App) dynamically so those answers travel while the rest loads. This plugin
 * lists the chunks and CSS of those dynamic imports in index.html
 * (`modulepreload` and `stylesheet`), so the browser fetches them alongside the
 * entry instead of after it has run.
 */
function preloadFirstScreen(): Plugin {
  return {
    name: "preload-first-screen",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        const entry = ctx.chunk;
        if (!bundle || !entry) return [];
        const chunks = new Set<Rollup.OutputChunk>();
        const add = (file: string) => {
          const c = bundle[file];
          if (c?.type !== "chunk" || chunks.has(c) || c === entry || entry.imports.includes(file)) return;
          chunks.add(c);
          c.imports.forEach(add);
        };
        entry.dynamicImports.forEach(add);
        const css = [...chunks].flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]);
        return [
          ...[...chunks].map((c) => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `/${c.fileName}` },
            injectTo: "head" as const,
          })),
          ...css.map((file) => ({
            tag: "link",
            attrs: { rel: "stylesheet", crossorigin: true, href: `/${file}` },
            injectTo: "head" as const,
          })),
        ];
      },
    },
  };
}

/**
 * The Fluent catalogs (locales/<locale>/wizard.ftl, shared with the Rust side)
 * compiled when the UI is built, so the app never runs Fluent's parser:
 *
 * - `wizard.ftl?compiled`: the parsed messages (`FluentResource.body`) as JSON,
 *   for `FluentBundle.addResource`. The page neither parses the catalog nor
 *   carries the parser, and only the active locale's module is fetched.
 * - `wizard.ftl?endonym`: the catalog's `language-endonym` (the language's
 *   name in itself, "Français (Canada)"), for the language menu, which lists
 *   every locale without loading their catalogs (nor ICU's display names).
 *
 * A catalog that Fluent cannot read in full fails the build.
 */
function fluentCatalogs(): Plugin {
  const parse = (code: string, id: string): FluentResource => {
    const resource = new FluentResource(code);
    // FluentResource skips what it cannot parse; a message lost that way would
    // show its ID on screen. Every entry of the file must come back.
    const entries = code.match(/^-?[a-zA-Z][\w-]*\s*=/gm)?.length ?? 0;
    if (resource.body.length !== entries) {
      throw new Error(`${id}: ${entries - resource.body.length} Fluent entries could not be parsed`);
    }
    return resource;
  };
  return {
    name: "fluent-catalogs",
    enforce: "pre",
    async load(id) {
      const [file, query] = id.split("?");
      if (!file?.endsWith(".ftl") || (query !== "compiled" && query !== "endonym")) return null;
      const code = await readFile(file, "utf8");
      const resource = parse(code, file);
      if (query === "compiled") {
        // JSON.parse of a string literal: faster to load than the same object literal.
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(resource.body))});`;
      }
      const bundle = new FluentBundle("und", { useIsolating: false });
      bundle.addResource(resource);
      const message = bundle.getMessage("language-endonym");
      if (!message?.value) throw new Error(`${file}: no language-endonym message`);
      return `export default ${JSON.stringify(bundle.formatPattern(message.value))};`;
    },
  };
}

// The repository root is the Tauri app root; the web UI lives in ui/.
// tauri.conf.json: devUrl http://localhost:5173, frontendDist "ui/dist".
export default defineConfig({
  root: import.meta.dirname,
  // Keep Vite's and Vitest's caches in the root node_modules (ignored by git), not ui/node_modules.
  cacheDir: "../node_modules/.vite",
  plugins: [fluentCatalogs(), svelte(), svelteTesting(), preloadFirstScreen()],
  clearScreen: false,
  envPrefix: ["VITE_", "TAURI_ENV_"],
  server: {
    port: 5173,
    strictPort: true,
    // The Fluent catalogs are in ../locales (shared with the Rust side).
    fs: { allow: [".."] },
    watch: { ignored: ["**/src-tauri/**", "**/target/**", "**/crates/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // No inline <script>/<style> or data: URLs in the output: the app runs under a strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
    env: { TZ: "UTC" },
    restoreMocks: true,
  },
});
