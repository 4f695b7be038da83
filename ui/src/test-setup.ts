import "@testing-library/jest-dom/vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/svelte";
import { afterEach } from "vitest";
import { setLanguage, SOURCE_LOCALE } from "./lib/i18n.svelte";

// Tests read the screens in the source language unless they switch.
await setLanguage(SOURCE_LOCALE);

afterEach(() => {
  // Unmount first: components stop their event subscriptions through the still-mocked IPC.
  cleanup();
  clearMocks();
});

afterEach(async () => {
  await setLanguage(SOURCE_LOCALE, null);
});
