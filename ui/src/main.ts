// The page's first script: it asks the first screen's questions at once, then
// loads the rest of the UI while the answers travel (see lib/early.ts).
import "./app.css";
import { askFirstQuestions } from "./lib/early";

// The UI's script starts: a User Timing mark the benches measure from.
performance.mark("ui-start");
askFirstQuestions();

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");

const [{ mount }, { default: App }] = await Promise.all([import("svelte"), import("./App.svelte")]);
mount(App, { target });
