// The GUI end-to-end harness: an X display (Xvfb), tauri-driver with a fresh
// environment per scenario (HOME, XDG dirs, UPS_OPTIN_CONFIG_DIR, $BROWSER =
// the sandbox's stand-in browser), the app under WebDriver, and read-back of
// what the app stored (keychain via secret-tool, connections.json).
//
// The D-Bus session bus with an unlocked gnome-keyring is the one the runner
// (e2e/run.sh) enters; a scenario may instead ask for a private bus without any
// Secret Service (`keychain: "none"`).
//
// On failure a scenario keeps a screenshot, the page text, the app log, the
// driver log and the stand-in browser's output under target/e2e-artifacts/<scenario>/.
//
// One module per concern, re-exported here (tests and benches import this file):
// wait.mjs, processes.mjs, display.mjs, bus.mjs, keychain.mjs, ui.mjs,
// scenario.mjs, wizard.mjs.

export { S } from "./strings.mjs";
export { waitFor, freePort } from "./wait.mjs";
export { appPids } from "./processes.mjs";
export { ensureDisplay, stopDisplay } from "./display.mjs";
export { readKeychain } from "./keychain.mjs";
export { Ui } from "./ui.mjs";
export { Scenario, withScenario, timing } from "./scenario.mjs";
export { walkWizard, waitConnected } from "./wizard.mjs";
