// A small W3C WebDriver client over fetch (Node 20), enough for tauri-driver
// and WebKitWebDriver: sessions, finding elements, clicks, keys, text,
// scripts and screenshots. No dependencies.

export const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

/** A WebDriver error answer (`{value:{error,message}}`) or a transport failure. */
export class WebDriverError extends Error {
  constructor(method, path, status, error, message) {
    super(`${method} ${path} -> ${status} ${error}: ${message}`);
    this.status = status;
    this.error = error;
  }
}

async function request(base, method, path, body, timeoutMs = 60_000) {
  const init = { method, headers: {}, signal: AbortSignal.timeout(Math.min(timeoutMs, +(process.env.E2E_WD_TIMEOUT || 60000))) };
  if (body !== undefined) {
    init.headers["content-type"] = "application/json; charset=utf-8";
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(base + path, init);
  } catch (e) {
    throw new WebDriverError(method, path, 0, "transport", e.cause?.message ?? e.message);
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(method, path, res.status, "bad json", text.slice(0, 300));
  }
  const value = json.value;
  if (!res.ok || (value && typeof value === "object" && typeof value.error === "string")) {
    throw new WebDriverError(method, path, res.status, value?.error ?? "unknown", value?.message ?? text.slice(0, 300));
  }
  return value;
}

/** An element reference as the wire wants it. */
export function elementRef(id) {
  return { [ELEMENT_KEY]: id };
}

function idOf(el) {
  if (typeof el === "string") return el;
  if (el && typeof el === "object" && el[ELEMENT_KEY]) return el[ELEMENT_KEY];
  throw new TypeError(`not an element: ${JSON.stringify(el)}`);
}

export class Session {
  /** @param {string} base e.g. http://127.0.0.1:4444  @param {string} id */
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  /** POST /session with `capabilities` (the object under `capabilities`). */
  static async create(base, capabilities, timeoutMs = 90_000) {
    const value = await request(base, "POST", "/session", { capabilities }, timeoutMs);
    return new Session(base, value.sessionId, value.capabilities);
  }

  cmd(method, path, body, timeoutMs) {
    return request(this.base, method, `/session/${this.id}${path}`, body, timeoutMs);
  }

  async delete() {
    await this.cmd("DELETE", "");
  }

  setTimeouts(t) {
    return this.cmd("POST", "/timeouts", t);
  }

  /** The first match; throws `no such element`. `using`: "css selector" | "xpath" | … */
  async find(using, value, from = null) {
    const path = from ? `/element/${idOf(from)}/element` : "/element";
    return idOf(await this.cmd("POST", path, { using, value }));
  }

  async findAll(using, value, from = null) {
    const path = from ? `/element/${idOf(from)}/elements` : "/elements";
    return (await this.cmd("POST", path, { using, value })).map(idOf);
  }

  css(selector, from) {
    return this.find("css selector", selector, from);
  }

  xpath(expr, from) {
    return this.find("xpath", expr, from);
  }

  click(el) {
    return this.cmd("POST", `/element/${idOf(el)}/click`, {});
  }

  clear(el) {
    return this.cmd("POST", `/element/${idOf(el)}/clear`, {});
  }

  sendKeys(el, text) {
    return this.cmd("POST", `/element/${idOf(el)}/value`, { text: String(text) });
  }

  text(el) {
    return this.cmd("GET", `/element/${idOf(el)}/text`);
  }

  attribute(el, name) {
    return this.cmd("GET", `/element/${idOf(el)}/attribute/${encodeURIComponent(name)}`);
  }

  property(el, name) {
    return this.cmd("GET", `/element/${idOf(el)}/property/${encodeURIComponent(name)}`);
  }

  isSelected(el) {
    return this.cmd("GET", `/element/${idOf(el)}/selected`);
  }

  isEnabled(el) {
    return this.cmd("GET", `/element/${idOf(el)}/enabled`);
  }

  isDisplayed(el) {
    return this.cmd("GET", `/element/${idOf(el)}/displayed`);
  }

  /** Runs `script` (a function body) with `args`; element refs in and out are converted. */
  async execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args: args.map(wrapArg) });
  }

  async executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args: args.map(wrapArg) });
  }

  /** PNG bytes of the viewport. */
  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  source() {
    return this.cmd("GET", "/source");
  }

  title() {
    return this.cmd("GET", "/title");
  }

  url() {
    return this.cmd("GET", "/url");
  }

  refresh() {
    return this.cmd("POST", "/refresh", {});
  }
}

function wrapArg(a) {
  // Element ids passed as { el: id } become references.
  if (a && typeof a === "object" && "el" in a && Object.keys(a).length === 1) return elementRef(a.el);
  return a;
}

/** The driver's /status, or null when it does not answer. */
export async function status(base) {
  try {
    return await request(base, "GET", "/status", undefined, 2_000);
  } catch {
    return null;
  }
}
