// The first screen's questions (its language, then two), sent by main.ts before the rest of the UI
// has loaded: their answers travel while the page fetches, parses and runs the
// UI's code instead of after it (docs/performance.md, "Start-up"). Each answer
// is taken once, by `tauriBackend` (backend.ts); later calls, a retry of the
// first load and the tests ask afresh. This module stays tiny on purpose: it is
// the whole of the first script the page runs.

import { invoke } from "@tauri-apps/api/core";
// Types only: the generated client stays out of this first script.
import type { commands } from "../bindings/ipc";

type CommandName = keyof typeof commands;

/** The commands the first screen needs, in the order App's load() asks them. */
export const FIRST_QUESTIONS: readonly CommandName[] = ["get_locale", "get_app_info", "list_connections"];

const asked = new Map<CommandName, Promise<unknown>>();

/** Sends the first screen's questions now (only inside the app's web view). */
export function askFirstQuestions(): void {
  if (!("__TAURI_INTERNALS__" in window)) return;
  for (const command of FIRST_QUESTIONS) {
    const answer = invoke(command);
    // Whoever takes it sees the rejection; an answer never taken is not an unhandled one.
    answer.catch(() => undefined);
    asked.set(command, answer);
  }
}

/** The answer to `command` if it was asked early and not taken yet; it is taken now. */
export function takeEarlyAnswer<T>(command: CommandName): Promise<T> | undefined {
  const answer = asked.get(command);
  asked.delete(command);
  return answer as Promise<T> | undefined;
}
