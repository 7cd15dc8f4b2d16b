# Rehab Blog — every step installs what it needs and skips what is already there.
#
#   make serve   build the site, serve it at http://127.0.0.1:8080, rebuild on changes
#   make new-post SLUG=my-post   write content/posts/my-post.md (a draft) to start from
#   make test    run every test (native, wasm in Chromium, end-to-end in Chromium, Firefox and WebKit)
#   make dist    build the release bundle into dist/  (PUBLIC_URL=/sub/path/ for a sub-path)
#   make dist-subpath   the bundle for /rehab-blog/ in target/dist-subpath (tested by test-e2e)
#   make dist-fixture   the fixture blog (tests/fixtures/content: a post with photos) in
#                target/dist-fixture (tested by test-dist and test-e2e)
#   make serve-nginx    serve dist/ through deploy/nginx.conf (needs nginx; `make nginx`)
#   make bench   load performance against the script-free limit and the Leptos floor, and a
#                blog of 300 posts (BENCH_RUNS=5); results in target/bench/; bench/README.md
#   make bench-floor   build only the floor app (bench/floor/) and print its JS+wasm sizes
#   DRAFTS=1     with dist/serve: also build `draft = true` posts (never listed)
#   STRICT=1     with dist/check-content: fail while a placeholder address is left (the
#                publisher's pre-deploy check; without it they are warnings)
#   RETIRE_WORKER=1   with dist: ship the service worker that unregisters itself and deletes
#                its caches, and register none (turns offline support off; README, Offline)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PUBLIC_URL ?= /
PORT ?= 8080
# The end-to-end servers listen on E2E_PORT (serve.mjs, dist/), +1 (serve.mjs, the
# sub-path bundle under /rehab-blog/) and +2 (nginx with deploy/nginx.conf, dist/).
E2E_PORT ?= 4321
SUBPATH_URL := /rehab-blog/
SUBPATH_DIST := target/dist-subpath
FIXTURE_CONTENT := tests/fixtures/content
FIXTURE_DIST := target/dist-fixture
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130

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
# Panic locations in the wasm name source files: without the machine's own folders, the
# wasm is the same byte for byte wherever it is built (and a little smaller).
CARGO_HOME ?= $(HOME)/.cargo
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := --remap-path-prefix=$(CARGO_HOME)/registry/src= --remap-path-prefix=$(CURDIR)=

.PHONY: help tools browsers java nginx dist dist-subpath dist-fixture serve serve-nginx test test-unit test-dist test-wasm test-e2e lint check-content new-post fmt clean screenshots images bench bench-floor

help:
	@echo "make serve | make test | make dist [PUBLIC_URL=/sub/] [SITE_URL=https://host] [DRAFTS=1] [STRICT=1] [RETIRE_WORKER=1] | make dist-subpath | make dist-fixture | make serve-nginx | make new-post SLUG=… | make check-content | make screenshots | make images | make bench [BENCH_RUNS=5] | make bench-floor | make lint | make clean"

# ---------------------------------------------------------------- tools
tools: $(CARGO_BIN)/trunk $(CARGO_BIN)/wasm-bindgen node_modules/.installed
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# The cargo-installed tools are checked by version on every run (`<tool> --version` names
# it), and the pinned version is installed when another one, or none, is there.
.PHONY: $(CARGO_BIN)/trunk $(CARGO_BIN)/wasm-bindgen node_modules/.installed
define cargo_tool
	@$(CARGO_BIN)/$(1) --version 2>/dev/null | grep -qxF '$(1) $(3)' || \
	  cargo install $(2) --version $(3) $(4)
endef

$(CARGO_BIN)/trunk:
	$(call cargo_tool,trunk,trunk,$(TRUNK_VERSION),--locked)

# Not --locked: its lock file pins a webpki-roots the registry no longer has.
$(CARGO_BIN)/wasm-bindgen:
	$(call cargo_tool,wasm-bindgen,wasm-bindgen-cli,$(WASM_BINDGEN_VERSION),)

# npm ci when the lock file is newer than the last install, or an installed package is
# not the version package.json pins (`npm ls` fails).
node_modules/.installed:
	@[ $@ -nt package-lock.json ] && [ $@ -nt package.json ] && npm ls --depth=0 >/dev/null 2>&1 || \
	  { npm ci --no-audit --no-fund && touch $@; }

# Installs the Debian packages $(1) that are missing: with apt when running as root,
# otherwise says what to run.
define apt_install
	@installed=$$(dpkg-query -W -f='$${Status}\n' $(1) 2>/dev/null | grep -c '^install ok installed$$' || true); \
	if [ "$$installed" != "$(words $(1))" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1); \
	  else \
	    echo "Missing: run 'sudo apt-get install $(1)' and retry." >&2; exit 1; \
	  fi; \
	fi
endef

# Debian's browsers and drivers; tests never download a browser. Chromium and ChromeDriver;
# Firefox ESR (driven by Playwright over WebDriver BiDi); WebKitGTK's WebKitWebDriver, run
# in Xvfb with tools/webkit-launcher.py (python3-gi and WebKit2 4.1's introspection data).
BROWSER_PACKAGES := chromium chromium-driver firefox-esr webkit2gtk-driver xvfb python3-gi gir1.2-webkit2-4.1
browsers:
	$(call apt_install,$(BROWSER_PACKAGES))

# Java for the W3C Nu HTML Checker (npm vnu-jar), which tests/dist.rs runs on every page.
java:
	$(call apt_install,default-jre-headless)

# Debian's nginx, for the deploy test of deploy/nginx.conf: the tests run their own, in the
# foreground on a loopback port (tools/nginx.mjs).
nginx:
	@if [ ! -x /usr/sbin/nginx ] && ! command -v nginx >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx; \
	  else \
	    echo "nginx is missing: run 'sudo apt-get install nginx' and retry." >&2; exit 1; \
	  fi; \
	fi

# ---------------------------------------------------------------- build
dist: tools
	trunk build --release --public-url $(PUBLIC_URL)

# The same app for a sub-path, beside dist/. The base path is read at run time, so this
# reuses dist's wasm and prerenderer builds: the same wasm, pages rendered for the base.
dist-subpath: tools
	REHAB_PUBLIC_URL=$(SUBPATH_URL) trunk build --release --public-url $(SUBPATH_URL) --dist $(SUBPATH_DIST)

# The fixture blog (never published: its posts have photos and a sharing picture), beside
# dist/, from the same wasm and prerenderer builds.
dist-fixture: tools
	REHAB_CONTENT_DIR=$(CURDIR)/$(FIXTURE_CONTENT) trunk build --release --dist $(FIXTURE_DIST)

# Trunk rebuilds dist/ when the code, the style or content/ changes (a post, site.json);
# the server reads dist/ on every request.
serve: dist
	trunk watch --release --public-url $(PUBLIC_URL) & watch=$$!; \
	  trap 'kill $$watch' EXIT; \
	  node tools/serve.mjs --root dist --port $(PORT) --prefix $(PUBLIC_URL)

serve-nginx: dist nginx
	node tools/nginx.mjs --root dist --port $(PORT)

# First-screen PNGs of every route (390 and 1280 px, light and dark) in docs/screenshots/.
screenshots: dist browsers
	node tools/screenshots.mjs

# Regenerate the icons, favicon.ico and the sharing image in public/ (committed).
images: dist browsers
	node tools/make-images.mjs

# Load performance (bench/run.mjs): ours against the script-free limit and the floor, and a
# blog of 300 posts; every target as pass/MISS (never fails on a miss), everything measured
# in target/bench/results.json. BENCH_RUNS (default 5). See bench/README.md.
bench: dist browsers
	node bench/run.mjs

# Only the floor (bench/floor/, a workspace member: a bare Leptos app built like ours).
bench-floor: tools
	node bench/floor.mjs

# Compiles and checks content/ (drafts too), reporting every error as file:line.
check-content:
	$(NATIVE) cargo run --quiet --features ssr --bin prerender -- --check

# A new post from content/post-template.md, dated today and marked as a draft.
new-post:
	@[[ "$${SLUG:-}" =~ ^[a-z0-9]+(-[a-z0-9]+)*$$ ]] || { echo "usage: make new-post SLUG=lower-case-words-joined-by-dashes" >&2; exit 1; }
	@[ ! -e content/posts/$(SLUG).md ] || { echo "content/posts/$(SLUG).md already exists" >&2; exit 1; }
	sed "s/@TODAY@/$$(date +%F)/" content/post-template.md > content/posts/$(SLUG).md
	@echo "Wrote content/posts/$(SLUG).md: a draft, shown by 'make serve DRAFTS=1'; remove 'draft = true' to publish."

# ---------------------------------------------------------------- tests
test: tools browsers lint test-unit test-dist test-wasm test-e2e

# Rust: rustfmt and clippy on both targets. JavaScript and CSS: Biome (biome.jsonc), formatter
# and linter in one, checked as CI would (`make fmt` applies its formatting and safe fixes).
lint: node_modules/.installed
	biome ci
	cargo fmt --check
	$(NATIVE) cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features hydrate --all-targets -- -D warnings

# The crate's own tests: the content compiler, the model, the components rendered, the
# prerenderer on the real and the fixture content. Needs only cargo: no bundle, npm or Java.
test-unit:
	$(NATIVE) cargo test --features ssr

# The built bundles (tests/dist.rs, left out of a plain `cargo test`): headers, integrity,
# the byte budget, every page through the W3C Nu HTML Checker (Java); on dist/, the
# sub-path bundle and the fixture blog (pages with images).
test-dist: dist dist-subpath dist-fixture java
	$(NATIVE) cargo test --features ssr --test dist
	REHAB_PUBLIC_URL=$(SUBPATH_URL) REHAB_DIST_DIR=$(CURDIR)/$(SUBPATH_DIST) \
	  $(NATIVE) cargo test --features ssr --test dist
	REHAB_DIST_DIR=$(CURDIR)/$(FIXTURE_DIST) $(NATIVE) cargo test --features ssr --test dist

test-wasm: tools browsers
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --features hydrate --test wasm

# Projects: chromium, firefox and webkit (dist/ via serve.mjs; the images spec on
# target/dist-fixture), subpath (target/dist-subpath under /rehab-blog/), nginx (dist/ via
# deploy/nginx.conf). See playwright.config.mjs.
test-e2e: dist dist-subpath dist-fixture browsers nginx
	E2E_PORT=$(E2E_PORT) npx playwright test
	@node tools/e2e-summary.mjs test-results/e2e.json
	E2E_LANGUAGE=es E2E_PORT=$(E2E_PORT) npx playwright test --project chromium --project firefox --project webkit
	@node tools/e2e-summary.mjs test-results/e2e-es.json

fmt: node_modules/.installed
	cargo fmt
	biome check --write

clean:
	rm -rf dist target test-results screenshots
