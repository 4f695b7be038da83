// The UI's script starts: a User Timing mark the scale bench measures from.
performance.mark("ui-start");

import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");

export default mount(App, { target });
