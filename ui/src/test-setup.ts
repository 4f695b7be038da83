import "@testing-library/jest-dom/vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/svelte";
import { afterEach } from "vitest";

afterEach(() => {
  // Unmount first: components stop their event subscriptions through the still-mocked IPC.
  cleanup();
  clearMocks();
});
