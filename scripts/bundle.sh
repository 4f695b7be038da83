#!/usr/bin/env bash
# Builds the installers with `ups-optin` inside: builds the CLI, places it where
# Tauri's bundler expects a sidecar (src-tauri/binaries/ups-optin-<target
# triple>[.exe], see src-tauri/packaging/bundle.conf.json: `externalBin`), then
# runs `tauri build` with that configuration merged in.
#
#   scripts/bundle.sh [--debug] [--target <triple>] [--bundles deb,msi,…]
#   scripts/bundle.sh --no-bundle [--features demo]   # the app as bundled, no installer (e2e/run.sh)
#
# Built without the `demo` feature unless asked: the installers carry no sandbox.
#
# Where the CLI lands: .deb/.rpm /usr/bin/ups-optin; AppImage usr/bin/ups-optin;
# msi/nsis next to ups-optin-wizard.exe in the install folder; .app/.dmg
# "UPS Opt-In Wizard.app/Contents/MacOS/ups-optin".
#
# The sidecar is not in tauri.conf.json itself: tauri-build copies external
# binaries next to the app at every cargo build, which would need the CLI built
# first for every `cargo build`/`cargo test` of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
target=""
tauri_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug; tauri_args+=(--debug) ;;
    --target) target=$2; tauri_args+=(--target "$2"); shift ;;
    --target=*) target=${1#--target=}; tauri_args+=(--target "$target") ;;
    *) tauri_args+=("$1") ;;
  esac
  shift
done

triple=${target:-$(rustc -vV | sed -n 's/^host: //p')}
exe=""
case "$triple" in *windows*) exe=.exe ;; esac

cargo_args=(-p optin-cli --bin ups-optin)
[ "$profile" = release ] && cargo_args+=(--release)
[ -n "$target" ] && cargo_args+=(--target "$target")
echo "bundle: building ups-optin ($profile, $triple)"
cargo build "${cargo_args[@]}"

target_dir=${CARGO_TARGET_DIR:-target}
built="$target_dir${target:+/$target}/$profile/ups-optin$exe"
mkdir -p src-tauri/binaries
sidecar="src-tauri/binaries/ups-optin-$triple$exe"
# Copied only when it differs: tauri-build watches the sidecar, and a new mtime
# would make cargo rebuild the app (minutes in release) at every bundle.sh run.
if cmp -s "$built" "$sidecar"; then
  echo "bundle: $sidecar (unchanged)"
else
  cp -f "$built" "$sidecar.tmp"
  mv -f "$sidecar.tmp" "$sidecar"
  echo "bundle: $sidecar"
fi

# The UI is built by the caller (make's `ui` target, e2e/run.sh): rebuilding it
# here would touch ui/dist and make cargo rebuild the app, so the e2e build,
# the .deb and the demo variant would not share one build.
[ -f ui/dist/index.html ] || { echo "bundle: ui/dist is missing: run 'npm run build' first" >&2; exit 2; }
npm run tauri -- build --config src-tauri/packaging/bundle.conf.json \
  --config '{"build":{"beforeBuildCommand":null}}' "${tauri_args[@]}"
