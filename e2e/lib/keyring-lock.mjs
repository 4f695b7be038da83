// Locking and unlocking the session's real gnome-keyring over D-Bus: a real
// keychain fault for the shipped build (no test-only feature), as when the
// desktop locks the keyring while the wizard works.
// (Part of the e2e harness.)
//
// Lock: Secret Service `Lock([default collection])`, which needs no prompt.
// Unlock: gnome-keyring's `UnlockWithMasterPassword` with the throwaway
// password e2e/run.sh unlocked it with, so later scenarios find it open
// (a Secret Service `Unlock` would ask through a prompt nobody can answer).

import { createRequire } from "node:module";
import path from "node:path";

import { ROOT } from "./paths.mjs";

const require = createRequire(path.join(ROOT, "package.json"));
const dbus = require("@jellybrick/dbus-next");
const { Message, MessageType, Variant } = dbus;

const SECRETS = "org.freedesktop.secrets";
const SERVICE_PATH = "/org/freedesktop/secrets";
const SERVICE = "org.freedesktop.Secret.Service";
/** The password e2e/run.sh gives gnome-keyring-daemon --unlock. */
export const E2E_KEYRING_PASSWORD = "e2e-keyring";

async function withBus(env, body) {
  const bus = dbus.sessionBus({ busAddress: env.DBUS_SESSION_BUS_ADDRESS });
  const call = async (iface, member, signature, args, objectPath = SERVICE_PATH) => {
    const reply = await bus.call(new Message({ destination: SECRETS, path: objectPath, interface: iface, member, signature, body: args }));
    if (reply.type === MessageType.ERROR) throw new Error(`${member}: ${reply.errorName} ${reply.body?.[0] ?? ""}`);
    return reply.body;
  };
  try {
    return await body(call);
  } finally {
    bus.disconnect();
  }
}

async function defaultCollection(call) {
  const [collection] = await call(SERVICE, "ReadAlias", "s", ["default"]);
  if (!collection || collection === "/") throw new Error("the Secret Service has no default collection");
  return collection;
}

/** Locks the default collection of `env`'s Secret Service; returns its path. */
export function lockKeychain(env) {
  return withBus(env, async (call) => {
    const collection = await defaultCollection(call);
    const [locked, prompt] = await call(SERVICE, "Lock", "ao", [[collection]]);
    if (!locked.includes(collection) || prompt !== "/") throw new Error(`Lock(${collection}) answered ${JSON.stringify({ locked, prompt })}`);
    return collection;
  });
}

/** Unlocks the default collection again with the suite's password. */
export function unlockKeychain(env, password = E2E_KEYRING_PASSWORD) {
  return withBus(env, async (call) => {
    const collection = await defaultCollection(call);
    const [, session] = await call(SERVICE, "OpenSession", "sv", ["plain", new Variant("s", "")]);
    await call("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface", "UnlockWithMasterPassword", "o(oayays)", [
      collection,
      [session, Buffer.alloc(0), Buffer.from(password), "text/plain"],
    ]);
    if (await locked(call, collection)) throw new Error(`${collection} is still locked after UnlockWithMasterPassword`);
    return collection;
  });
}

async function locked(call, collection) {
  const [v] = await call("org.freedesktop.DBus.Properties", "Get", "ss", ["org.freedesktop.Secret.Collection", "Locked"], collection);
  return v.value;
}

/** Whether the default collection is locked. */
export function keychainLocked(env) {
  return withBus(env, async (call) => locked(call, await defaultCollection(call)));
}
