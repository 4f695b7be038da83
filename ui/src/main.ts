// The page's first script: it asks the first screen's questions at once, then
// loads the rest of the UI while the answers travel (see lib/early.ts).
import "./app.css";
import { askFirstQuestions } from "./lib/early";

// The UI's script starts: a User Timing mark the benches measure from.
performance.mark("ui-start");
askFirstQuestions();

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");

// The language first (its catalog is a chunk of its own), so the first screen
// is drawn in it.
const [{ mount }, { default: App }, { startLanguage }, { tauriBackend }] = await Promise.all([
  import("svelte"),
  import("./App.svelte"),
  import("./lib/i18n.svelte"),
  import("./lib/backend"),
]);
await startLanguage("__TAURI_INTERNALS__" in window ? tauriBackend.getLocale : null);
mount(App, { target });
