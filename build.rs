//! Minifies the page's inline loader (src/prerender/loader.js) for the prerenderer, which
//! inlines it into every page and allows it in the CSP by its hash (`prerender::LOADER`),
//! and the service workers it writes (service_worker.js, retire_worker.js).
//! The readable source stays in git; esbuild (npm, pinned in package-lock.json, installed
//! by `make`) minifies it, as it does the wasm-bindgen glue after Trunk (tools/minify-glue.mjs).
//! Only the `ssr` build needs it: the browser's build skips this.

use std::path::Path;
use std::process::Command;

/// Each script and the file in OUT_DIR its minified text goes to.
const SCRIPTS: [(&str, &str); 3] = [
    ("src/prerender/loader.js", "loader.min.js"),
    ("src/prerender/service_worker.js", "service_worker.min.js"),
    ("src/prerender/retire_worker.js", "retire_worker.min.js"),
];

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
    let esbuild = Path::new(&root).join("node_modules/.bin/esbuild");
    // Printed for every build: without them cargo reruns this on any change in the package.
    println!("cargo::rerun-if-changed=build.rs");
    for (script, _) in SCRIPTS {
        println!("cargo::rerun-if-changed={script}");
    }
    println!("cargo::rerun-if-changed={}", esbuild.display());
    if std::env::var_os("CARGO_FEATURE_SSR").is_none() {
        return;
    }
    for (script, minified) in SCRIPTS {
        minify(&esbuild, &root, script, minified);
    }
}

fn minify(esbuild: &Path, root: &str, script: &str, minified: &str) {
    // Classic scripts (the loader reads document.currentScript; the workers are registered
    // as classic scripts), so no module format; no syntax lowering.
    let output = Command::new(esbuild)
        .args(["--minify", "--log-level=warning", script])
        .current_dir(root)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {}: {e} (run `npm ci`, or any make target)",
                esbuild.display()
            )
        });
    assert!(
        output.status.success(),
        "esbuild {script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("esbuild writes UTF-8");
    let out = Path::new(&std::env::var("OUT_DIR").expect("set by cargo")).join(minified);
    std::fs::write(out, text.trim_end()).expect("OUT_DIR is writable");
}
