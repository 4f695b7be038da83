# One task runner. The README's two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: ## install system packages and npm dependencies (idempotent)
	@scripts/setup.sh

ui: setup ## build the web UI into ui/dist
	npm run build

run: ui ## run the wizard (the offline demo sandbox when no connection is configured)
	$(CARGO) run -p ups-optin-wizard --features custom-protocol,demo -- --demo-if-unconfigured

demo: ui ## run the wizard in demo mode (a build with the `demo` feature; the installers have none)
	$(CARGO) run -p ups-optin-wizard --features custom-protocol,demo -- --demo

dev: setup ## tauri dev (hot reload of the UI)
	npm run tauri -- dev --features demo -- -- --demo

deb: ui ## build the .deb bundle (release, no demo sandbox), with ups-optin inside
	scripts/bundle.sh --bundles deb

fmt: ## format Rust code
	$(CARGO) fmt --all

lint: setup ## rustfmt check, clippy (deny warnings), the IPC client is current, dependency bans and advisories, UI type check
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(MAKE) --no-print-directory bindings-check
	python3 scripts/module-cycles.py crates/optin-core/src crates/optin-cli/src crates/link-handler/src crates/ups-sandbox/src src-tauri/src
	node scripts/build-sharing.mjs
	@# Banned crates (deny.toml): cargo-deny where installed, else the same
	@# list checked with cargo tree (scripts/dependency-bans.sh).
	@if command -v cargo-deny >/dev/null 2>&1; then $(CARGO) deny check bans; else scripts/dependency-bans.sh; fi
	@# RustSec advisories (deny.toml's named ignores) where a local copy of the
	@# database is named by RUSTSEC_ADVISORY_DB; says SKIPPED otherwise.
	@scripts/advisories.sh
	npm run check

test-ui: setup ## UI component tests (Vitest)
	npm test

test-rust: ui ## Rust unit + integration tests, with a real Secret Service in a private D-Bus session
	scripts/with-session.sh env UPS_OPTIN_TEST_KEYCHAIN=1 $(CARGO) test --workspace
	scripts/with-session.sh env UPS_OPTIN_TEST_KEYCHAIN=1 $(CARGO) test --workspace --features optin-cli/demo --test cli demo_

bindings-check: ## fails when the committed IPC client (ui/src/bindings/ipc.ts) differs from what tauri-specta generates
	@$(CARGO) test -q -p ups-optin-wizard --lib contract:: || { \
	  echo "ui/src/bindings/ipc.ts was stale (now rewritten) or docs/ipc.md disagrees with the code: check and commit"; exit 1; }
	@if [ -n "$$(git status --porcelain -- ui/src/bindings)" ]; then \
	  echo "ui/src/bindings differs from what is committed: commit it"; \
	  git status --porcelain -- ui/src/bindings; exit 1; \
	else echo "bindings: up to date"; fi

e2e: ui ## the real app under Xvfb, driven by WebDriver, real keychain and real deep links
	e2e/run.sh

cross-check: ## cargo check for Windows (and macOS when possible): cfg-gated code must compile
	scripts/cross-check.sh

test-deb: ui ## build, check, install the debug .deb; deep links via gio open and xdg-open, warm and cold
	scripts/test-deb.sh

test-windows: ## Windows builds under Wine: ups-optin.exe and optin-core's tests against the sandbox
	scripts/test-windows.sh

bench: ui ## benchmarks (prints tables with ratios)
	bench/run.sh

test: lint test-ui test-rust bindings-check e2e cross-check test-deb test-windows ## everything CI runs

.PHONY: help setup ui run demo dev deb fmt lint test-ui test-rust bindings-check e2e cross-check test-deb test-windows bench test
