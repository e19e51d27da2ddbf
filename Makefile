# Runway: the few commands a person types. `make help` lists them.
#
# Cargo's target dir is $CARGO_TARGET_DIR when set (CI keeps it outside the clone), else ./target;
# every binary path below is computed from it.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))
APP_DEBUG := $(TARGET_DIR)/debug/runway-app
APP_RELEASE := $(TARGET_DIR)/release/runway-app
CLI_DEBUG := $(TARGET_DIR)/debug/runway
CLI_RELEASE := $(TARGET_DIR)/release/runway
DEMO_PLAN := $(TARGET_DIR)/runway-demo-5000.runway
PY := .venv/bin/python
PHASE := scripts/phase.sh

# Everything the UI build reads; ui/dist is rebuilt only when one of these changed.
UI_SOURCES = $(shell find ui -path ui/node_modules -prune -o -path ui/dist -prune -o -type f -print)

# Arguments passed through: `make run ARGS=plan.runway`, `make e2e PYTEST_ARGS='-k garbage -x'`,
# `make bench BENCH_RUNS=10`, `make fuzz FUZZ_CASES=20000`.
ARGS ?=
PYTEST_ARGS ?=
BENCH_RUNS ?= 5
FUZZ_CASES ?= 1000000
SOAK_CYCLES ?= 1000

.PHONY: help run test check e2e bench fuzz soak bindings demo deb package-test
.PHONY: deps-run deps-test fmt-check clippy cargo-test ui-test ui-build app-debug e2e-run

help: ## list the commands
	@echo "Runway: make <command>"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Cargo target dir: $(TARGET_DIR)  (set CARGO_TARGET_DIR to move it)"

run: ## build the release app (UI first) and start it; first start opens a demo plan
	@$(MAKE) deps-run
	@$(MAKE) ui-build
	cargo build --release -p runway-app
	$(APP_RELEASE) $(ARGS)

test: ## everything CI runs: deps, fmt, UI tests+build, clippy, cargo test, debug app, end-to-end
	@$(PHASE) deps $(MAKE) deps-test
	@$(PHASE) fmt $(MAKE) fmt-check
	@$(PHASE) ui-test $(MAKE) ui-test
	@$(PHASE) ui-build $(MAKE) ui-build
	@$(PHASE) clippy $(MAKE) clippy
	@$(PHASE) cargo-test $(MAKE) cargo-test
	@$(PHASE) app-debug $(MAKE) app-debug
	@$(PHASE) e2e $(MAKE) e2e-run

check: ## cargo fmt --check and clippy -D warnings (src-tauri needs ui/dist, built if stale)
	@$(MAKE) deps-run
	@$(MAKE) fmt-check
	@$(MAKE) ui-build
	@$(MAKE) clippy

e2e: ## the end-to-end tests only: the debug app under Xvfb over WebDriver (screenshots: tests/e2e/artifacts)
	@$(MAKE) deps-test
	@$(MAKE) app-debug
	@$(MAKE) e2e-run

bench: ## criterion benches, then whole-process CLI and app benches (scripts/bench-*)
	@$(MAKE) deps-test
	@$(MAKE) ui-build
	cargo bench --workspace --bench '*'
	cargo build --release -p runway-cli -p runway-app
	RUNWAY_CLI=$(CLI_RELEASE) scripts/bench-cli.sh
	RUNWAY_CLI=$(CLI_RELEASE) scripts/bench-reports.sh
	$(PY) scripts/bench-app.py --app $(APP_RELEASE) --cli $(CLI_RELEASE) --runs $(BENCH_RUNS)

# `make test` runs the same harnesses with 256 cases each (RUNWAY_FUZZ_CASES unset).
fuzz: ## every importer fuzzed: FUZZ_CASES mutated files and arbitrary bytes each, release build
	RUNWAY_FUZZ_CASES=$(FUZZ_CASES) cargo test --release -p runway-domain --test fuzz -- --nocapture
	RUNWAY_FUZZ_CASES=$(FUZZ_CASES) cargo test --release -p runway-core --test fuzz_json -- --nocapture

soak: ## crash soak: a writer killed with SIGKILL SOAK_CYCLES times (default 1,000), the plan checked after each
	RUNWAY_SOAK_CYCLES=$(SOAK_CYCLES) cargo test -p runway-scenarios --test soak -- --nocapture --test-threads 1

bindings: ## regenerate what crosses to the UI: ui/src/lib/ipc/{bindings,commands}.ts, src-tauri/capabilities
	UPDATE_BINDINGS=1 cargo test -p runway-core --lib bindings
	@test -f ui/dist/index.html || $(MAKE) ui-build
	UPDATE_BINDINGS=1 cargo test -p runway-app --lib ipc::

demo: ## build the CLI and make a 5,000-release plan under the target dir
	cargo build -p runway-cli
	$(CLI_DEBUG) demo --db $(DEMO_PLAN) --releases 5000 --force
	@echo "demo plan: $(DEMO_PLAN)  (open it: make run ARGS=$(DEMO_PLAN))"

deb: ## the .deb (app + `runway` CLI, man pages, completions, file type): $CARGO_TARGET_DIR/runway_*.deb
	@$(MAKE) deps-run
	@$(MAKE) ui-build
	scripts/package-deb.sh

# Installs the package on this machine (CI runs as root), then removes it: see docs/packaging.md.
package-test: ## build the .deb, check it (lintian, validators) and install, run and remove it here
	@$(MAKE) deps-test
	@$(MAKE) ui-build
	scripts/package-deb.sh
	tests/package/test-deb.sh

# --- the steps (not in `make help`) --------------------------------------------------------------

deps-run:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test

fmt-check:
	cargo fmt --all --check

clippy: ui/dist/index.html
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --all-targets --features runway-app/e2e -- -D warnings

cargo-test: ui/dist/index.html
	cargo test --workspace

ui-test:
	cd ui && npm test

# `npm run build` type-checks (svelte-check) before vite builds.
ui-build: ui/dist/index.html

ui/dist/index.html: $(UI_SOURCES)
	cd ui && npm run build
	@touch $@

# The debug app is built with the feature set `cargo test --workspace` resolves (dev-dependencies
# unified), so it reuses that build; `cargo build -p runway-app` alone would recompile tauri and the
# GTK stack with other features (about 1.5 min on 2 cores, cold). Only runway-app itself is built
# again, with the `e2e` feature: the test-only commands the end-to-end tests call (src-tauri/src/e2e.rs).
app-debug: ui/dist/index.html
	cargo build --workspace --all-targets --features runway-app/e2e

e2e-run:
	@test -x $(APP_DEBUG) || { echo "e2e: $(APP_DEBUG) not built (make app-debug)" >&2; exit 1; }
	RUNWAY_APP=$(APP_DEBUG) $(PY) -m pytest tests/e2e $(PYTEST_ARGS)
	RUNWAY_APP=$(APP_DEBUG) $(PY) -m pytest -p no:cacheprovider -ra --tb=short tests/ics tests/mail tests/sheets
