//! Trunk `post_build` hook: validates the content, then writes every route's static
//! HTML into Trunk's staging dir. `prerender --check` only validates.
//!
//! Environment (read here only, and passed on): `TRUNK_STAGING_DIR` (set by Trunk),
//! `REHAB_CONTENT_DIR` (default `content/`), `DRAFTS=1` (build `draft = true` posts
//! too), `REHAB_PUBLIC_URL`, else `TRUNK_PUBLIC_URL` (the base path, default `/`; when
//! both are set they must be equal), `SITE_URL` (public origin; default: `url` in
//! site.json), `RETIRE_WORKER=1` (ship the service worker that unregisters itself).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rehab_blog::compile::{Library, Options, PlaceholderKind, is_origin, is_placeholder};
use rehab_blog::prerender::{
    Scripts, WORKER_FILE, build_site, headers_file, image_files, service_worker_js,
};
use rehab_blog::route::Base;

/// Where the resized image copies are kept between builds (see `prerender::image_files`).
const IMAGE_CACHE: &str = "target/image-cache";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("prerender: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let dir = std::env::var_os("REHAB_CONTENT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/content")));
    let options = Options {
        base: base()?,
        drafts: std::env::var("DRAFTS").is_ok_and(|v| v == "1"),
        retire_worker: std::env::var("RETIRE_WORKER").is_ok_and(|v| v == "1"),
    };
    // Everything is checked before anything is written.
    let library = Library::load(&dir, options).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!(
            "{} error(s) in the content, nothing was built:\n{}",
            errors.len(),
            lines.join("\n")
        )
    })?;
    let site_url = std::env::var("SITE_URL").ok().filter(|url| !url.is_empty());
    report_placeholders(&library, site_url.as_deref())?;
    if std::env::args().any(|a| a == "--check") {
        println!(
            "content ok: {} post(s) in {}",
            library.posts.len(),
            dir.display()
        );
        return Ok(());
    }

    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("TRUNK_STAGING_DIR is not set (run me from `trunk build`)")?;
    let shell_path = staging.join("index.html");
    let shell = std::fs::read_to_string(&shell_path)
        .map_err(|e| format!("cannot read {}: {e}", shell_path.display()))?;
    let origin = match site_url {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => library.default_language().site.url.clone(),
    };
    if !is_origin(&origin) {
        return Err(format!(
            "SITE_URL {origin:?} must be an origin such as https://example.org"
        ));
    }
    let esbuild = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/esbuild");
    let scripts = Scripts::minified(&esbuild)?;
    // Made before anything is written: an image that cannot be decoded stops the build.
    let images = image_files(
        &library,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(IMAGE_CACHE),
    )?;
    for file in build_site(&shell, &scripts, &library, &origin)? {
        write(&staging.join(&file.path), file.contents)?;
    }
    for image in images {
        write(&staging.join(&image.path), image.bytes)?;
    }
    let mut files = Vec::new();
    list_files(&staging, &staging, &mut files)?;
    // The worker names the files it precaches and carries a hash of them: it comes last.
    let mut built = Vec::new();
    for file in &files {
        let path = staging.join(file);
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        built.push((file.clone(), bytes));
    }
    write(
        &staging.join(WORKER_FILE),
        service_worker_js(&library, &scripts, &built),
    )?;
    files.push(WORKER_FILE.to_string());
    write(
        &staging.join("_headers"),
        headers_file(&files, &library.base, &scripts),
    )
}

/// Warns of every placeholder address the build would ship (`SITE_URL`, when given,
/// replaces `site.json`'s `url`); with `STRICT=1`, the publisher's pre-deploy check,
/// refuses to build while any is left.
fn report_placeholders(library: &Library, site_url: Option<&str>) -> Result<(), String> {
    let mut found: Vec<String> = library
        .placeholders
        .iter()
        .filter(|p| site_url.is_none() || p.kind != PlaceholderKind::SiteUrl)
        .map(ToString::to_string)
        .collect();
    if let Some(url) = site_url.filter(|url| is_placeholder(url)) {
        found.push(format!(
            "SITE_URL {url:?}: its domain is reserved for examples; put the real address"
        ));
    }
    for placeholder in &found {
        eprintln!("prerender: warning: {placeholder}");
    }
    if !found.is_empty() && std::env::var("STRICT").is_ok_and(|v| v == "1") {
        return Err(format!(
            "STRICT=1: {} placeholder address(es) left, nothing was built",
            found.len()
        ));
    }
    Ok(())
}

/// The base path the site is built for: `REHAB_PUBLIC_URL`, else Trunk's
/// `TRUNK_PUBLIC_URL` (`make dist PUBLIC_URL=…` sets both), else `/`.
fn base() -> Result<Base, String> {
    let rehab = std::env::var("REHAB_PUBLIC_URL").ok();
    let trunk = std::env::var("TRUNK_PUBLIC_URL").ok();
    if let (Some(rehab), Some(trunk)) = (&rehab, &trunk)
        && rehab != trunk
    {
        return Err(format!(
            "Trunk's public URL is {trunk:?} but REHAB_PUBLIC_URL is {rehab:?}; \
             build with `make dist PUBLIC_URL={trunk}`"
        ));
    }
    let base = rehab.or(trunk).unwrap_or_else(|| "/".to_string());
    Base::new(&base).ok_or(format!(
        "REHAB_PUBLIC_URL {base:?} must be a path that starts and ends with /"
    ))
}

/// Paths of every file below `dir`, relative to `root`, with `/` separators.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            list_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            let parts: Vec<_> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
