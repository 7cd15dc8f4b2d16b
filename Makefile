# Rehab Blog — every step installs what it needs and skips what is already there.
#
#   make serve   build the site and serve it at http://127.0.0.1:8080
#   make test    run every test (native, wasm in Chromium, end-to-end in Chromium)
#   make dist    build the release bundle into dist/  (PUBLIC_URL=/sub/path/ for a sub-path)
#   make bench   Lighthouse and bundle sizes, ours vs. the script-free limit (BENCH_RUNS=3)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PUBLIC_URL ?= /
PORT ?= 8080
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
TWIGGY_VERSION := 0.8.0

CARGO_BIN := $(HOME)/.cargo/bin
# npm's binaryen (wasm-opt 132) must come before any system wasm-opt: Debian's 108 breaks the bundle.
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
# Native builds (prerenderer, tests) keep their own target dir, apart from Trunk's wasm build.
NATIVE := CARGO_TARGET_DIR=$(CURDIR)/target/native
export REHAB_PUBLIC_URL := $(PUBLIC_URL)
export CHROMEDRIVER := /usr/bin/chromedriver
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT := 120
export WASM_BINDGEN_TEST_TIMEOUT := 120
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help tools browser dist serve bench test test-native test-wasm test-e2e lint check-content fmt clean

help:
	@echo "make serve | make test | make dist [PUBLIC_URL=/sub/] | make bench [BENCH_RUNS=3] | make check-content | make lint | make clean"

# ---------------------------------------------------------------- tools
tools: $(CARGO_BIN)/trunk $(CARGO_BIN)/wasm-bindgen node_modules/.installed
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

$(CARGO_BIN)/trunk:
	cargo install trunk --version $(TRUNK_VERSION) --locked

# Not --locked: its lock file pins a webpki-roots the registry no longer has.
$(CARGO_BIN)/wasm-bindgen:
	cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

# Wasm size profiler, for `make bench`.
$(CARGO_BIN)/twiggy:
	cargo install twiggy --version $(TWIGGY_VERSION) --locked

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium and ChromeDriver; tests never download a browser.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium chromium-driver' and retry." >&2; exit 1; \
	  fi; \
	fi

# ---------------------------------------------------------------- build
dist: tools
	trunk build --release --public-url $(PUBLIC_URL)

serve: dist
	node tools/serve.mjs --root dist --port $(PORT) --prefix $(PUBLIC_URL)

# Writes bench/results.json; reports targets, never fails on a miss.
bench: dist browser $(CARGO_BIN)/twiggy
	node tools/bench.mjs

check-content:
	$(NATIVE) cargo run --quiet --features ssr --bin prerender -- --check

# ---------------------------------------------------------------- tests
test: tools browser lint test-native test-wasm test-e2e

lint:
	cargo fmt --check
	$(NATIVE) cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features hydrate --all-targets -- -D warnings

# Includes tests/dist.rs, which checks the built bundle.
test-native: dist
	$(NATIVE) cargo test --features ssr

test-wasm: tools browser
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --features hydrate --test wasm

test-e2e: dist browser
	npx playwright test
	@node -e 'const s = require("./test-results/e2e.json").stats; console.log(`e2e: $${s.expected} passed, $${s.unexpected + s.flaky} failed, $${s.skipped} skipped`)'

fmt:
	cargo fmt

clean:
	rm -rf dist target test-results screenshots
