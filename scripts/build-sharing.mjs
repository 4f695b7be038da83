#!/usr/bin/env node
// Checks that the release builds share one compiled copy of every dependency.
//
// e2e/run.sh, `make deb` and the bench build, in this order and one cargo
// invocation each: the CLI, the app as bundled, ups-sandbox and the demo
// variant. Cargo resolves features per invocation, so a dependency that gets
// other features in one of them (the sandbox's axum turning on `hyper/server`,
// tauri turning on `serde/rc`, a build script wanting `proc-macro2/span-locations`)
// is compiled again, with every crate above it: on a fresh 2-core machine the
// demo variant alone took 8.5 min. `crates/workspace-hack` pins one feature set
// (the cargo-hakari pattern, kept by hand); this script proves it complete.
//
// It asks cargo for each invocation's unit graph (`--unit-graph`, which needs
// RUSTC_BOOTSTRAP=1 on a stable toolchain: it reads the plan, it compiles
// nothing), identifies every unit the way cargo does (package, target, profile,
// host or target, features, and the same for its dependencies), and lists the
// units a later invocation would compile again for a crate an earlier one
// already compiled. Exit 1 with that list; add the union of the features shown
// to crates/workspace-hack/Cargo.toml ([build-dependencies] for host units).
//
//   node scripts/build-sharing.mjs            (run by `make lint`)
//   node scripts/build-sharing.mjs --verbose  (every invocation's new units)

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const verbose = process.argv.includes("--verbose");

// What the build scripts pass to cargo (scripts/bundle.sh, e2e/run.sh; tauri
// build adds `--bins --features custom-protocol`).
// e2e/run.sh's test tools, the sandbox and the demo variant, compile their own
// crates unoptimized (see there); their dependencies stay the shared ones.
const SANDBOX_O0 = ["--config", "profile.release.package.ups-sandbox.opt-level=0"];
const INVOCATIONS = [
  ["the CLI", ["-p", "optin-cli", "--bin", "ups-optin"]],
  ["the app as bundled", ["-p", "ups-optin-wizard", "--bins", "--features", "custom-protocol"]],
  ["ups-sandbox", ["-p", "ups-sandbox", "--bin", "ups-sandbox", ...SANDBOX_O0]],
  [
    "the demo variant",
    [
      "-p",
      "ups-optin-wizard",
      "--bins",
      "--features",
      "custom-protocol,demo",
      "--config",
      "profile.release.package.ups-optin-wizard.opt-level=0",
      "--config",
      "profile.release.package.ups-optin-wizard.codegen-units=16",
      ...SANDBOX_O0,
    ],
  ],
];

function unitGraph(args) {
  const out = execFileSync("cargo", ["build", "--release", "--locked", "-q", ...args, "--unit-graph", "-Z", "unstable-options"], {
    cwd: ROOT,
    env: { ...process.env, RUSTC_BOOTSTRAP: "1" },
    maxBuffer: 256 << 20,
    encoding: "utf8",
  });
  return JSON.parse(out);
}

const crateOf = (pkgId) => {
  // "registry+https://…#name@1.2.3" or "path+file:///…/dir#name@0.1.0" or "…#0.1.0" (name = dir)
  const m = /#(?:([^@]+)@)?(.+)$/.exec(pkgId);
  const name = m?.[1] ?? pkgId.replace(/#.*$/, "").split("/").pop();
  return `${name} ${m?.[2] ?? ""}`;
};
/**
 * A crate's place in a build: which target of it, in which mode, with which
 * profile (build scripts and proc macros get the release profile's
 * build-override, opt-level 0: a crate the CLI compiles for the binary and the
 * app's build scripts compile for themselves are two units by design).
 */
const slotOf = (u) => JSON.stringify([crateOf(u.pkg_id), u.target.kind, u.mode, u.profile]);
const isLocal = (pkgId) => pkgId.startsWith("path+");

/** Each unit's identity, from its own fields and its dependencies' identities (cargo's metadata hash, roughly). */
function identities(graph) {
  const ids = new Array(graph.units.length);
  const visit = (i) => {
    if (ids[i]) return ids[i];
    const u = graph.units[i];
    const deps = u.dependencies.map((d) => `${d.extern_crate_name}=${visit(d.index)}`).sort();
    const own = JSON.stringify([u.pkg_id, u.target.name, u.target.kind, u.profile, u.platform, u.mode, [...u.features].sort()]);
    ids[i] = createHash("sha256").update(own).update(deps.join(",")).digest("hex").slice(0, 16);
    return ids[i];
  };
  graph.units.forEach((_, i) => visit(i));
  return ids;
}

const featuresOf = (u) => [...u.features].sort().join(",") || "no features";
const built = new Set(); // unit identities compiled so far
const slots = new Map(); // slot → { by: the invocation that first compiled it, features: the sets compiled so far }
let problems = 0;
for (const [name, args] of INVOCATIONS) {
  const graph = unitGraph(args);
  const ids = identities(graph);
  const fresh = graph.units
    .filter((_, i) => !built.has(ids[i]))
    .map((u) => ({ u, crate: crateOf(u.pkg_id), slot: slots.get(slotOf(u)), local: isLocal(u.pkg_id) }));
  const again = fresh.filter((f) => !f.local && f.slot);
  if (verbose || again.length) {
    const crates = [...new Set(fresh.map((f) => f.crate))];
    console.log(`build-sharing: ${name}: ${fresh.length} units to compile (${crates.length} crates)`);
    if (verbose) console.log(`  ${crates.join(", ")}`);
  }
  // The causes: a crate compiled before with other features. The rest are
  // compiled again only because one of their dependencies was.
  problems += again.length;
  const [causes, knockOn] = [again.filter((f) => !f.slot.features.has(featuresOf(f.u))), again.filter((f) => f.slot.features.has(featuresOf(f.u)))];
  for (const { u, crate, slot } of causes) {
    const where = `${u.target.kind.join("/")}${u.mode === "build" ? "" : `, ${u.mode}`}`;
    console.log(`  ${crate} (${where}): [${featuresOf(u)}] here, [${[...slot.features].join("] or [")}] in ${slot.by}`);
  }
  if (knockOn.length) console.log(`  …and ${knockOn.length} units above them: ${[...new Set(knockOn.map((f) => f.crate.split(" ")[0]))].join(", ")}`);
  graph.units.forEach((u, i) => {
    built.add(ids[i]);
    const key = slotOf(u);
    if (!slots.has(key)) slots.set(key, { by: name, features: new Set() });
    slots.get(key).features.add(featuresOf(u));
  });
}

if (problems) {
  console.log(
    "build-sharing: these dependencies are compiled more than once across the release builds: add the union of their\n" +
      "features (and of their dependencies' features) to crates/workspace-hack/Cargo.toml",
  );
  process.exit(1);
}
console.log(`build-sharing: ${INVOCATIONS.map(([n]) => n).join(", ")} compile each dependency once`);
