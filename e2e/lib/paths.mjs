// Where things are. The runner (e2e/run.sh) builds the app as bundled (release,
// no demo), a demo build and the sandbox, and copies them to target/e2e/bin so
// that concurrent `cargo build`s in the shared target directory cannot swap a
// binary under a running suite.

import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const E2E_DIR = path.join(ROOT, "e2e");
export const BIN_DIR = process.env.E2E_BIN_DIR || path.join(ROOT, "target/e2e/bin");
// E2E_APP_BIN: another copy of the app, e.g. the installed /usr/bin/ups-optin-wizard
// (scripts/test-deb.sh runs e2e/installed-deb.test.mjs with it).
export const APP_BIN = process.env.E2E_APP_BIN || path.join(BIN_DIR, "ups-optin-wizard");
// The demo build (`--features demo`) for the one `--demo` scenario.
export const DEMO_APP_BIN = path.join(BIN_DIR, "ups-optin-wizard-demo");
export const SANDBOX_BIN = path.join(BIN_DIR, "ups-sandbox");
export const TAURI_DRIVER = process.env.E2E_TAURI_DRIVER || path.join(ROOT, "target/e2e-tools/bin/tauri-driver");
export const FAKE_BROWSER = path.join(E2E_DIR, "bin/fake-browser.sh");
export const ARTIFACTS = path.join(ROOT, "target/e2e-artifacts");
export const SCREENS = path.join(ARTIFACTS, "screens");
