// The app's real tray, read over D-Bus on the scenario's session bus.
// (Part of the e2e harness.)
//
// On Linux Tauri's tray is libayatana-appindicator: the app registers a
// StatusNotifierItem with whoever owns `org.kde.StatusNotifierWatcher` and
// exports its menu with `com.canonical.dbusmenu`. Xvfb has no panel, so the
// test is the panel: `startTray(sc)` owns the watcher name (before the app
// starts; an indicator that starts earlier registers as soon as the watcher
// appears), says a host is registered (without one appindicator falls back to
// an XEmbed icon nobody can read), and records each item that registers
// (its sender's bus name and object path). Then `menu()` reads the item's
// `Menu` property and calls dbusmenu `GetLayout` (labels with mnemonics
// decoded, enabled, visible), `waitMenu` re-reads on every `LayoutUpdated`
// signal until a condition holds, `properties()` reads Title / ToolTip, and
// `click(label)` sends `Event(id, "clicked", …)` as a panel does.

import { createRequire } from "node:module";
import path from "node:path";

import { ROOT } from "./paths.mjs";
import { waitFor } from "./wait.mjs";

const require = createRequire(path.join(ROOT, "package.json"));
const dbus = require("@jellybrick/dbus-next");
const { Message, MessageType, Variant } = dbus;

const WATCHER = "org.kde.StatusNotifierWatcher";
const WATCHER_PATH = "/StatusNotifierWatcher";
const ITEM = "org.kde.StatusNotifierItem";
const MENU = "com.canonical.dbusmenu";
const PROPS = "org.freedesktop.DBus.Properties";

const INTROSPECTION = `<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node>
  <interface name="${WATCHER}">
    <method name="RegisterStatusNotifierItem"><arg name="service" type="s" direction="in"/></method>
    <method name="RegisterStatusNotifierHost"><arg name="service" type="s" direction="in"/></method>
    <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
    <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
    <property name="ProtocolVersion" type="i" access="read"/>
    <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
    <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
    <signal name="StatusNotifierHostRegistered"/>
  </interface>
  <interface name="${PROPS}">
    <method name="Get"><arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="v" direction="out"/></method>
    <method name="GetAll"><arg type="s" direction="in"/><arg type="a{sv}" direction="out"/></method>
  </interface>
</node>`;

/** dbusmenu labels mark an access key with `_`; `__` is a literal underscore. */
export function plainLabel(label) {
  return String(label ?? "")
    .split("__")
    .map((part) => part.replace(/_/g, ""))
    .join("_");
}

function unvariant(v) {
  return v instanceof Variant ? v.value : v;
}

/** One dbusmenu node `(ia{sv}av)` as {id, type, label, enabled, visible, children}. */
function node([id, props, children]) {
  const p = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, unvariant(v)]));
  return {
    id,
    type: p.type ?? "standard",
    label: plainLabel(p.label),
    enabled: p.enabled ?? true,
    visible: p.visible ?? true,
    children: children.map((c) => node(unvariant(c))),
  };
}

class Tray {
  constructor(bus) {
    this.bus = bus;
    /** Items in the order they registered: {service, busName, path}. */
    this.items = [];
    this.hostProps = () => ({
      RegisteredStatusNotifierItems: new Variant(
        "as",
        this.items.map((i) => `${i.busName}${i.path}`),
      ),
      IsStatusNotifierHostRegistered: new Variant("b", true),
      ProtocolVersion: new Variant("i", 0),
    });
    /** LayoutUpdated / ItemsPropertiesUpdated signals seen (a re-read is due). */
    this.layoutUpdates = 0;
  }

  #reply(msg, signature = "", body = []) {
    this.bus.send(Message.newMethodReturn(msg, signature, body));
    return true;
  }

  /** The watcher's side: answers appindicator's calls on /StatusNotifierWatcher. */
  handle(msg) {
    if (msg.path !== WATCHER_PATH) return false;
    if (msg.interface === WATCHER && msg.member === "RegisterStatusNotifierItem") {
      const service = msg.body[0];
      // An object path: the item lives at that path of the caller's connection;
      // otherwise a bus name, at the specification's default path.
      const item = service.startsWith("/")
        ? { service, busName: msg.sender, path: service }
        : { service, busName: service, path: "/StatusNotifierItem" };
      this.items.push(item);
      this.#reply(msg);
      this.bus.send(
        Message.newSignal(WATCHER_PATH, WATCHER, "StatusNotifierItemRegistered", "s", [`${item.busName}${item.path}`]),
      );
      return true;
    }
    if (msg.interface === WATCHER && msg.member === "RegisterStatusNotifierHost") return this.#reply(msg);
    if (msg.interface === PROPS && msg.member === "GetAll") return this.#reply(msg, "a{sv}", [this.hostProps()]);
    if (msg.interface === PROPS && msg.member === "Get") {
      const v = this.hostProps()[msg.body[1]];
      if (!v) return false;
      return this.#reply(msg, "v", [v]);
    }
    if (msg.interface === "org.freedesktop.DBus.Introspectable" && msg.member === "Introspect") {
      return this.#reply(msg, "s", [INTROSPECTION]);
    }
    return false;
  }

  async #call(destination, objectPath, iface, member, signature = "", body = []) {
    const reply = await this.bus.call(new Message({ destination, path: objectPath, interface: iface, member, signature, body }));
    if (reply.type === MessageType.ERROR) throw new Error(`${iface}.${member}: ${reply.errorName} ${reply.body?.[0] ?? ""}`);
    return reply.body;
  }

  /** The latest registered item whose bus name still has an owner. */
  async item({ timeout = 20_000 } = {}) {
    return waitFor(
      async () => {
        for (const it of [...this.items].reverse()) {
          const [has] = await this.#call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", "s", [it.busName]);
          if (has) return it;
        }
        return null;
      },
      { timeout, interval: 200, what: "the app's StatusNotifierItem to register with the watcher" },
    );
  }

  /** The item's properties (Title, ToolTip, Status, Menu, …) as plain values. */
  async properties() {
    const it = await this.item();
    const [all] = await this.#call(it.busName, it.path, PROPS, "GetAll", "s", [ITEM]);
    return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, unvariant(v)]));
  }

  /** The tooltip as {title, text} (the SNI `ToolTip` is `(s icon, a(iiay) pixmaps, s title, s text)`); null when the item has none. */
  async tooltip() {
    const t = (await this.properties()).ToolTip;
    return Array.isArray(t) ? { title: t[2], text: t[3] } : null;
  }

  async #menuAddress() {
    const it = await this.item();
    const [menuPath] = await this.#call(it.busName, it.path, PROPS, "Get", "ss", [ITEM, "Menu"]);
    return { busName: it.busName, path: unvariant(menuPath) };
  }

  /** The whole menu tree: {id, type, label, enabled, visible, children}. */
  async layout() {
    const m = await this.#menuAddress();
    const [, root] = await this.#call(m.busName, m.path, MENU, "GetLayout", "iias", [0, -1, []]);
    return node(root);
  }

  /** The menu's entries as the panel shows them: visible, not separators, in order. */
  async menu() {
    const flat = [];
    const walk = (n) => {
      for (const c of n.children) {
        if (!c.visible || c.type === "separator") continue;
        flat.push({ id: c.id, label: c.label, enabled: c.enabled });
        walk(c);
      }
    };
    walk(await this.layout());
    return flat;
  }

  /** Re-reads the menu (after each LayoutUpdated, and at least every half second) until `pred(entries)` holds. */
  async waitMenu(pred, { timeout = 15_000, what = "the tray menu" } = {}) {
    let last = null;
    try {
      return await waitFor(
        async () => {
          last = await this.menu();
          return pred(last) ? last : null;
        },
        { timeout, interval: 250, what },
      );
    } catch (e) {
      throw new Error(`${e.message}; the menu reads ${JSON.stringify(last?.map((x) => x.label))}`);
    }
  }

  /** Clicks the entry labelled `label` as a panel does (dbusmenu `Event(id, "clicked", …)`). */
  async click(label) {
    const entry = (await this.menu()).find((e) => e.label === label);
    if (!entry) throw new Error(`the tray menu has no entry ${JSON.stringify(label)}`);
    if (!entry.enabled) throw new Error(`the tray entry ${JSON.stringify(label)} is disabled`);
    const m = await this.#menuAddress();
    const timestamp = Math.floor(Date.now() / 1000) >>> 0;
    await this.#call(m.busName, m.path, MENU, "Event", "isvu", [entry.id, "clicked", new Variant("i", 0), timestamp]);
  }

  async stop() {
    try {
      await this.bus.releaseName(WATCHER);
    } catch {
      // bus gone
    }
    this.bus.disconnect();
  }
}

/**
 * Hosts the StatusNotifierWatcher on `sc`'s session bus (call before
 * `sc.launch()`); returns the tray reader. Stop it with `tray.stop()`.
 */
export async function startTray(sc) {
  const bus = dbus.sessionBus({ busAddress: sc.env.DBUS_SESSION_BUS_ADDRESS });
  const tray = new Tray(bus);
  bus.addMethodHandler((msg) => tray.handle(msg));
  // LayoutUpdated / ItemsPropertiesUpdated from any menu: counted, so a test may tell a re-render happened.
  await bus.call(
    new Message({
      destination: "org.freedesktop.DBus",
      path: "/org/freedesktop/DBus",
      interface: "org.freedesktop.DBus",
      member: "AddMatch",
      signature: "s",
      body: [`type='signal',interface='${MENU}'`],
    }),
  );
  bus.on("message", (msg) => {
    if (msg.type === MessageType.SIGNAL && msg.interface === MENU) tray.layoutUpdates++;
  });
  // DO_NOT_QUEUE: another watcher on this bus (a real panel) is a setup error, not something to wait for.
  const reply = await bus.requestName(WATCHER, dbus.NameFlag.DO_NOT_QUEUE);
  if (reply !== dbus.RequestNameReply.PRIMARY_OWNER && reply !== dbus.RequestNameReply.ALREADY_OWNER) {
    bus.disconnect();
    throw new Error(`could not own ${WATCHER} on the session bus (reply ${reply}): is a panel running?`);
  }
  bus.send(Message.newSignal(WATCHER_PATH, WATCHER, "StatusNotifierHostRegistered", "", []));
  return tray;
}
