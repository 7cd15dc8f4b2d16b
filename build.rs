//! Minifies the page's inline loader (src/prerender/loader.js) for the prerenderer, which
//! inlines it into every page and allows it in the CSP by its hash (`prerender::LOADER`).
//! The readable source stays in git; esbuild (npm, pinned in package-lock.json, installed
//! by `make`) minifies it, as it does the wasm-bindgen glue after Trunk (tools/minify-glue.mjs).
//! Only the `ssr` build needs it: the browser's build skips this.

use std::path::Path;
use std::process::Command;

const LOADER: &str = "src/prerender/loader.js";

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
    let esbuild = Path::new(&root).join("node_modules/.bin/esbuild");
    // Printed for every build: without them cargo reruns this on any change in the package.
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={LOADER}");
    println!("cargo::rerun-if-changed={}", esbuild.display());
    if std::env::var_os("CARGO_FEATURE_SSR").is_none() {
        return;
    }
    // A classic script (document.currentScript), so no module format; no syntax lowering.
    let output = Command::new(&esbuild)
        .args(["--minify", "--log-level=warning", LOADER])
        .current_dir(&root)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {}: {e} (run `npm ci`, or any make target)",
                esbuild.display()
            )
        });
    assert!(
        output.status.success(),
        "esbuild {LOADER}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let minified = String::from_utf8(output.stdout).expect("esbuild writes UTF-8");
    let out = Path::new(&std::env::var("OUT_DIR").expect("set by cargo")).join("loader.min.js");
    std::fs::write(out, minified.trim_end()).expect("OUT_DIR is writable");
}
