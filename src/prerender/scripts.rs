//! The scripts the prerenderer writes: the page's loader (`loader.js`, inline in every
//! page and allowed in the CSP by its hash), the service worker (`service_worker.js`) and
//! the worker that retires it (`retire_worker.js`).
//!
//! Their readable text is compiled in. The build ships them minified by esbuild (npm,
//! pinned in package-lock.json, as for the glue in tools/minify-glue.mjs), run when the
//! site is built rather than when the crate is compiled, so compiling and testing the
//! crate needs only cargo. The tests build with the readable text: the same code.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The text of each script, as written or minified.
#[derive(Clone, Debug)]
pub struct Scripts {
    /// The page's loader: it fetches the app only after the page has loaded, or when the
    /// reader reaches for a control. Every page carries it, so it is sent once per page view.
    pub loader: String,
    /// The service worker; the prerenderer puts the deployment's `DEPLOYMENT` before it.
    pub worker: String,
    /// The worker that unregisters itself and deletes its caches.
    pub retire_worker: String,
}

impl Scripts {
    /// As written in `src/prerender/`.
    pub fn readable() -> Scripts {
        Scripts {
            loader: include_str!("loader.js").into(),
            worker: include_str!("service_worker.js").into(),
            retire_worker: include_str!("retire_worker.js").into(),
        }
    }

    /// Minified by `esbuild` (the `node_modules/.bin/esbuild` that `make` installs).
    pub fn minified(esbuild: &Path) -> Result<Scripts, String> {
        let readable = Scripts::readable();
        Ok(Scripts {
            loader: minify(esbuild, "loader.js", &readable.loader)?,
            worker: minify(esbuild, "service_worker.js", &readable.worker)?,
            retire_worker: minify(esbuild, "retire_worker.js", &readable.retire_worker)?,
        })
    }
}

/// `source` minified. Classic scripts (the loader reads `document.currentScript`; the
/// workers are registered as classic scripts), so no module format; no syntax lowering.
fn minify(esbuild: &Path, name: &str, source: &str) -> Result<String, String> {
    let cannot = |e: std::io::Error| {
        format!(
            "cannot run {} for {name}: {e} (run `npm ci`, or any make target)",
            esbuild.display()
        )
    };
    let mut child = Command::new(esbuild)
        .args(["--minify", "--log-level=warning"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(cannot)?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(source.as_bytes())
        .map_err(cannot)?;
    let output = child.wait_with_output().map_err(cannot)?;
    if !output.status.success() {
        return Err(format!(
            "esbuild {name}: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text =
        String::from_utf8(output.stdout).map_err(|_| format!("esbuild {name}: not UTF-8"))?;
    Ok(text.trim_end().to_string())
}
