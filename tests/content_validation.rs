//! Broken content must stop the build with `file: field: what is wrong`.
//! Each case copies the real content into a temporary folder and breaks one thing.
#![cfg(feature = "ssr")]

use std::path::{Path, PathBuf};
use std::process::Command;

use rehab_blog::validate::Library;
use serde_json::{Value, json};

const POST: &str = "posts/iop-instead-of-rehab.json";

struct Fixture {
    dir: PathBuf,
}

impl Fixture {
    fn new(name: &str) -> Fixture {
        let dir = std::env::temp_dir().join(format!("rehab-content-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("posts")).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content");
        for file in ["site.json", POST] {
            std::fs::copy(src.join(file), dir.join(file)).unwrap();
        }
        Fixture { dir }
    }

    fn edit(&self, file: &str, change: impl FnOnce(&mut Value)) -> &Self {
        let path = self.dir.join(file);
        let mut value: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        change(&mut value);
        std::fs::write(path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
        self
    }

    fn write(&self, file: &str, text: &str) -> &Self {
        std::fs::write(self.dir.join(file), text).unwrap();
        self
    }

    fn errors(&self) -> Vec<String> {
        match Library::load(&self.dir) {
            Ok(_) => vec![],
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn assert_reports(fixture: &Fixture, expected: &str) {
    let errors = fixture.errors();
    assert!(
        errors.iter().any(|e| e.starts_with(expected)),
        "expected an error starting {expected:?}, got {errors:#?}"
    );
}

#[test]
fn the_unbroken_copy_is_valid() {
    assert_eq!(Fixture::new("valid").errors(), Vec::<String>::new());
}

#[test]
fn missing_required_field_names_file_and_field() {
    let f = Fixture::new("missing-title");
    f.edit(POST, |v| {
        v.as_object_mut().unwrap().remove("title");
    });
    assert_reports(
        &f,
        "posts/iop-instead-of-rehab.json: title: missing field `title`",
    );
}

#[test]
fn missing_nested_field_names_its_path() {
    let f = Fixture::new("missing-text");
    f.edit(POST, |v| {
        v["sections"][1]["blocks"][0]
            .as_object_mut()
            .unwrap()
            .remove("text");
    });
    assert_reports(
        &f,
        "posts/iop-instead-of-rehab.json: sections[1].blocks[0].text: missing field `text`",
    );
}

#[test]
fn malformed_json_names_the_file() {
    let f = Fixture::new("malformed");
    f.write(POST, "{\"slug\": \"iop-instead-of-rehab\", \"title\": ");
    assert_reports(&f, "posts/iop-instead-of-rehab.json: ");
    let f = Fixture::new("malformed-site");
    f.write("site.json", "not json");
    assert_reports(&f, "site.json: ");
}

#[test]
fn wrong_type_and_unknown_block_are_reported() {
    let f = Fixture::new("wrong-type");
    f.edit("site.json", |v| v["phone"]["tel"] = json!(18779206583u64));
    assert_reports(&f, "site.json: phone.tel: invalid type");
    let f = Fixture::new("unknown-block");
    f.edit(POST, |v| {
        v["sections"][0]["blocks"][0]["type"] = json!("video")
    });
    assert_reports(
        &f,
        "posts/iop-instead-of-rehab.json: sections[0].blocks[0].type: unknown variant `video`",
    );
}

#[test]
fn semantic_errors_are_reported() {
    let f = Fixture::new("dead-link");
    f.edit(POST, |v| {
        v["sections"][0]["blocks"][0]["text"] = json!("See [this](#) now.")
    });
    assert_reports(
        &f,
        "posts/iop-instead-of-rehab.json: sections[0].blocks[0].text: link target \"#\"",
    );

    let f = Fixture::new("missing-cell");
    f.edit(POST, |v| {
        v["sections"][6]["blocks"][1]["rows"][0]["values"]
            .as_object_mut()
            .unwrap()
            .remove("php");
    });
    assert_reports(
        &f,
        "posts/iop-instead-of-rehab.json: sections[6].blocks[1].rows[0].values: must have exactly one value",
    );

    let f = Fixture::new("bad-tel");
    f.edit("site.json", |v| v["phone"]["tel"] = json!("877-920-6583"));
    assert_reports(&f, "site.json: phone.tel: must be an E.164 number");

    let f = Fixture::new("slug-mismatch");
    f.edit(POST, |v| v["slug"] = json!("other"));
    assert_reports(&f, "posts/iop-instead-of-rehab.json: slug: is \"other\"");
}

#[test]
fn crisis_lines_comparisons_and_ids_are_checked() {
    let f = Fixture::new("crisis-link");
    f.edit("site.json", |v| {
        v["crisis"]["lines"][0] = json!("Call [988](javascript:alert(1)).")
    });
    assert_reports(
        &f,
        "site.json: crisis.lines[0]: link target \"javascript:alert(1\"",
    );

    let f = Fixture::new("two-comparisons");
    f.edit(POST, |v| {
        let table = v["sections"][6]["blocks"][1].clone();
        v["sections"][5]["blocks"]
            .as_array_mut()
            .unwrap()
            .push(table);
    });
    assert_reports(
        &f,
        "posts/iop-instead-of-rehab.json: sections[6].blocks[1]: a post can have only one comparison",
    );

    let f = Fixture::new("reserved-id");
    f.edit(POST, |v| v["sections"][1]["heading"] = json!("Main"));
    assert_reports(
        &f,
        "posts/iop-instead-of-rehab.json: sections[1].heading: must be non-empty, unique",
    );

    let f = Fixture::new("empty-call");
    f.edit(POST, |v| {
        v["sections"][7]["blocks"][0]["items"][3]["call"] = json!(" ")
    });
    assert_reports(
        &f,
        "posts/iop-instead-of-rehab.json: sections[7].blocks[0].items[3].call: must not be empty",
    );

    let f = Fixture::new("bad-origin");
    f.edit("site.json", |v| {
        v["url"] = json!("https://evil.example\"><script>")
    });
    assert_reports(&f, "site.json: url: must be an origin");
}

#[test]
fn a_listed_post_without_a_file_is_reported() {
    let f = Fixture::new("no-file");
    f.edit("site.json", |v| {
        v["posts"] = json!(["iop-instead-of-rehab", "not-written-yet"])
    });
    assert_reports(&f, "posts/not-written-yet.json: (file): cannot read");
}

/// The build step itself (the Trunk hook) exits non-zero and names the problem.
#[test]
fn the_prerenderer_fails_the_build_on_broken_content() {
    let f = Fixture::new("build");
    f.edit(POST, |v| {
        v.as_object_mut().unwrap().remove("reviewer");
    });
    let output = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .arg("--check")
        .env("REHAB_CONTENT_DIR", &f.dir)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("posts/iop-instead-of-rehab.json: reviewer: missing field `reviewer`"),
        "{stderr}"
    );

    let ok = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .arg("--check")
        .env("REHAB_CONTENT_DIR", Fixture::new("build-ok").dir.clone())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}
