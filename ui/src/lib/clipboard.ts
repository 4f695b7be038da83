/** Copies text with the async clipboard API; rejects when the webview refuses. */
export async function copyText(text: string): Promise<void> {
  if (typeof navigator === "undefined" || navigator.clipboard === undefined) {
    throw new Error("clipboard unavailable");
  }
  await navigator.clipboard.writeText(text);
}
