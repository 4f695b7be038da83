import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";

// The repository root is the Tauri app root; the web UI lives in ui/.
// tauri.conf.json: devUrl http://localhost:5173, frontendDist "ui/dist".
export default defineConfig({
  root: import.meta.dirname,
  // Keep Vite's and Vitest's caches in the root node_modules (ignored by git), not ui/node_modules.
  cacheDir: "../node_modules/.vite",
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  envPrefix: ["VITE_", "TAURI_ENV_"],
  server: {
    port: 5173,
    strictPort: true,
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
