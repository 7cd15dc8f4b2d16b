//! Broken content must stop the build with `file:line: what is wrong`, every error at
//! once. The cases are files in `tests/fixtures/broken-content/`, one broken thing each.
#![cfg(feature = "ssr")]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use rehab_blog::compile::{Library, Options};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn errors(dir: &Path) -> Vec<String> {
    match Library::load(dir, Options::default()) {
        Ok(_) => vec![],
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

/// A copy of the valid fixture folder, for cases that break the site settings; removed
/// when dropped.
struct TempContent(tempfile::TempDir);

impl TempContent {
    fn new() -> TempContent {
        let dir = tempfile::tempdir().unwrap();
        common::copy_dir(&fixture("content"), dir.path());
        TempContent(dir)
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn replace(&self, file: &str, from: &str, to: &str) -> &Self {
        let path = self.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} in {file}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }

    fn write(&self, file: &str, text: &str) -> &Self {
        std::fs::write(self.path().join(file), text).unwrap();
        self
    }
}

fn assert_reports(errors: &[String], expected: &str) {
    assert!(
        errors.iter().any(|e| e.contains(expected)),
        "expected an error containing {expected:?}, got {errors:#?}"
    );
}

#[test]
fn the_valid_fixture_is_valid() {
    assert_eq!(errors(&fixture("content")), Vec::<String>::new());
}

#[test]
fn every_broken_file_is_reported_with_file_and_line_at_once() {
    let errors = errors(&fixture("broken-content"));
    for expected in [
        "posts/raw-html.md:10: raw HTML is not allowed",
        "posts/raw-html.md:12: raw HTML is not allowed",
        "posts/dead-link.md:10: in-page link to #no-such-heading, but no heading has that id",
        "posts/dead-link.md:12: link target \"/blog/not-written-yet/\" is not a page of this site",
        "posts/duplicate-heading.md:12: duplicate heading id \"getting-started\": already used by the heading on line 8",
        "posts/missing-cell.md:13: row \"Housing\" has no cell for \"IOP\"",
        "posts/bad-date.md:6: front matter: invalid date",
    ] {
        assert_reports(&errors, expected);
    }
    assert!(
        errors.iter().all(|e| e.contains("broken-content/posts/")),
        "{errors:#?}"
    );
}

#[test]
fn front_matter_errors_name_their_line() {
    let f = TempContent::new();
    f.replace(
        "posts/an-older-post.md",
        "reviewer = \"Dr. Kate Smith\"\n",
        "",
    );
    f.replace(
        "posts/what-to-bring-to-your-first-iop-session.md",
        "reviewed = 2025-02-20",
        "reviewed = \"2025-02-20\"",
    );
    f.write("posts/no-front-matter.md", "# Just a title\n");
    f.write("posts/Bad_Name.md", "+++\n+++\n");
    let errors = errors(f.path());
    assert_reports(
        &errors,
        "posts/an-older-post.md:2: front matter: missing field `reviewer`",
    );
    assert_reports(
        &errors,
        "posts/what-to-bring-to-your-first-iop-session.md:8: front matter: invalid type: string",
    );
    assert_reports(
        &errors,
        "posts/no-front-matter.md:1: a post starts with front matter",
    );
    assert_reports(
        &errors,
        "posts/Bad_Name.md:1: the file name \"Bad_Name\" is not a slug",
    );
    assert_reports(
        &errors,
        "posts/Bad_Name.md:2: front matter: missing field `title`",
    );
}

#[test]
fn markdown_rules_are_checked() {
    let f = TempContent::new();
    let post = "posts/an-older-post.md";
    f.replace(
        post,
        "An older sample post, linking [home](/).",
        "# A second title\n\n[bad](javascript:alert(1)) [plain](http://example.org) ![x](/a.png)\n\n## Main",
    );
    let errors = errors(f.path());
    assert_reports(
        &errors,
        "posts/an-older-post.md:9: the title comes from the front matter",
    );
    assert_reports(
        &errors,
        "posts/an-older-post.md:11: link target \"javascript:alert(1)\" must be",
    );
    assert_reports(
        &errors,
        "posts/an-older-post.md:11: link target \"http://example.org\" must be",
    );
    assert_reports(
        &errors,
        "posts/an-older-post.md:11: image \"/a.png\": give the file's path relative to the post",
    );
    assert_reports(
        &errors,
        "posts/an-older-post.md:13: duplicate heading id \"main\": already used by the page itself",
    );
}

#[test]
fn comparison_and_faq_rules_are_checked() {
    let f = TempContent::new();
    f.replace(
        "posts/an-older-post.md",
        "An older sample post, linking [home](/).",
        "## Compare\n\n| Feature | A {#a .optional} | B {#Bad} |\n| --- | --- | --- |\n| x | 1 | 2 |\n\n## Questions {.faq}\n\n### Empty?\n\n### Empty?\n\nYes.",
    );
    let errors = errors(f.path());
    let file = "posts/an-older-post.md";
    assert_reports(
        &errors,
        &format!("{file}:11: a comparison table needs a caption"),
    );
    assert_reports(
        &errors,
        &format!("{file}:11: column id \"Bad\" must be lower-case"),
    );
    assert_reports(&errors, &format!("{file}:11: at least two program columns"));
    assert_reports(
        &errors,
        &format!("{file}:17: this FAQ question has no answer"),
    );
    assert_reports(
        &errors,
        &format!("{file}:19: duplicate heading id \"faq-empty\""),
    );
}

#[test]
fn site_settings_are_checked() {
    let f = TempContent::new();
    f.replace("site.json", "\"+18779206583\"", "\"877-920-6583\"");
    f.replace("site.json", "[988](tel:988)", "[988](javascript:alert(1))");
    f.replace("site.json", " on {date}.", ".");
    let found = errors(f.path());
    assert!(
        found
            .iter()
            .any(|e| e.contains("site.json:") && e.contains(": offline.saved_copy: must say when")),
        "{found:#?}"
    );
    assert!(found.iter().any(|e| e.contains("site.json:") && e.contains(": phone.tel: must be an E.164 number")), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|e| e.contains("site.json:") && e.contains("link target \"javascript:alert(1)\"")),
        "{found:#?}"
    );

    let f = TempContent::new();
    f.write("site.json", "{\n  \"name\": 1\n}\n");
    assert_reports(&errors(f.path()), "site.json:2: name: invalid type");
}

/// A crisis line in another language names a language `lang` can take, and its links are
/// checked as the other lines' are, at the line's own line.
#[test]
fn crisis_lines_in_other_languages_are_checked() {
    let f = TempContent::new();
    f.replace("site.json", "\"lang\": \"es\"", "\"lang\": \"Spanish\"");
    f.replace("site.json", "(sms:988)", "(http://988.example)");
    let found = errors(f.path());
    let line = std::fs::read_to_string(f.path().join("site.json"))
        .unwrap()
        .lines()
        .position(|l| l.contains("En español"))
        .unwrap()
        + 1;
    assert_reports(
        &found,
        &format!("site.json:{line}: crisis.other_languages: \"Spanish\" is not a language code"),
    );
    assert_reports(
        &found,
        &format!("site.json:{line}: link target \"http://988.example\""),
    );
}

/// The line of `tests/fixtures/content/<file>` (in the copy) holding `text`.
fn line_of(f: &TempContent, file: &str, text: &str) -> usize {
    std::fs::read_to_string(f.path().join(file))
        .unwrap()
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} in {file}"))
        + 1
}

const SPANISH: &str = "languages/es.json";
const TRANSLATION: &str = "posts/programa-ambulatorio-intensivo-en-vez-de-rehabilitacion.md";
const SPANISH_ONLY: &str = "posts/que-llevar-a-su-primera-sesion.md";

/// Every interface string the default language has, each language needs: all the
/// missing ones at once, where they belong.
#[test]
fn a_language_missing_interface_strings_names_each() {
    let f = TempContent::new();
    f.replace(SPANISH, "\"retry\": \"Intentar de nuevo\",", "");
    f.replace(
        SPANISH,
        "\"expand_all\": \"Mostrar todas las respuestas\",",
        "",
    );
    let found = errors(f.path());
    let text = line_of(&f, SPANISH, "\"text\"");
    let faq = line_of(&f, SPANISH, "\"faq\"");
    assert_reports(&found, &format!("{SPANISH}:{text}: text.retry: missing"));
    assert_reports(
        &found,
        &format!("{SPANISH}:{faq}: text.faq.expand_all: missing"),
    );
    assert_eq!(found.len(), 2, "{found:#?}");
}

/// A language's own rules: a code (that its file is named for), a locale, a date format.
#[test]
fn a_languages_wording_is_checked() {
    let f = TempContent::new();
    f.replace(SPANISH, "\"locale\": \"es_US\"", "\"locale\": \"Spanish\"");
    f.replace(
        SPANISH,
        "\"{day} de {month} de {year}\"",
        "\"{day} de {month}\"",
    );
    let found = errors(f.path());
    let code = line_of(&f, SPANISH, "\"code\"");
    assert_reports(
        &found,
        &format!("{SPANISH}:{code}: language.locale: \"Spanish\" is not a locale"),
    );
    let date = line_of(&f, SPANISH, "\"format\"");
    assert_reports(
        &found,
        &format!("{SPANISH}:{date}: dates.format: must place"),
    );

    let f = TempContent::new();
    f.replace(SPANISH, "\"code\": \"es\"", "\"code\": \"pt\"");
    assert_reports(
        &errors(f.path()),
        &format!("{SPANISH}:{code}: language.code: \"pt\", but the file is named for another"),
    );
}

/// A post's language must be one of the site's; a translation names a post that exists,
/// in another language, that translates nothing itself, and is its only translation into
/// its language. All at once, each at its line.
#[test]
fn languages_and_translations_are_checked() {
    let f = TempContent::new();
    f.replace(SPANISH_ONLY, "language = \"es\"", "language = \"fr\"");
    f.replace(
        TRANSLATION,
        "translation_of = \"iop-instead-of-rehab\"",
        "translation_of = \"no-such-post\"",
    );
    let found = errors(f.path());
    let at = |file, text| line_of(&f, file, text);
    assert_reports(
        &found,
        &format!(
            "{SPANISH_ONLY}:{}: front matter: language \"fr\" is not a language of the site",
            at(SPANISH_ONLY, "language =")
        ),
    );
    assert_reports(
        &found,
        &format!(
            "{TRANSLATION}:{}: front matter: translation_of: there is no post \"no-such-post\"",
            at(TRANSLATION, "translation_of =")
        ),
    );

    // Two Spanish translations of the article; a translation of a translation; one in
    // the article's own language.
    let f = TempContent::new();
    f.replace(
        SPANISH_ONLY,
        "language = \"es\"",
        "language = \"es\"\ntranslation_of = \"iop-instead-of-rehab\"",
    );
    f.replace(
        "posts/coming-soon.md",
        "draft = true",
        "draft = true\nlanguage = \"es\"\ntranslation_of = \"programa-ambulatorio-intensivo-en-vez-de-rehabilitacion\"",
    );
    f.replace(
        "posts/what-to-bring-to-your-first-iop-session.md",
        "published = 2025-03-01",
        "published = 2025-03-01\ntranslation_of = \"iop-instead-of-rehab\"",
    );
    let found = errors(f.path());
    let at = |file, text| line_of(&f, file, text);
    assert_reports(
        &found,
        &format!(
            "{SPANISH_ONLY}:{}: front matter: translation_of: \"iop-instead-of-rehab\" already has a translation into es",
            at(SPANISH_ONLY, "translation_of =")
        ),
    );
    assert_reports(
        &found,
        &format!(
            "posts/coming-soon.md:{}: front matter: translation_of: \"programa-ambulatorio-intensivo-en-vez-de-rehabilitacion\" is itself a translation, of \"iop-instead-of-rehab\"",
            at("posts/coming-soon.md", "translation_of =")
        ),
    );
    assert_reports(
        &found,
        "front matter: translation_of: \"iop-instead-of-rehab\" is in the same language (en)",
    );
    assert_eq!(found.len(), 3, "{found:#?}");
}

/// A posts folder that cannot be read stops the build, and what is wrong with site.json
/// is still reported with it.
#[test]
fn an_unreadable_posts_folder_keeps_the_site_errors() {
    let f = TempContent::new();
    f.write("site.json", "{\n  \"name\": 1\n}\n");
    std::fs::remove_dir_all(f.path().join("posts")).unwrap();
    let found = errors(f.path());
    assert_reports(&found, "site.json:2: name: invalid type");
    assert_reports(&found, "cannot list the folder");
    assert_eq!(found.len(), 2, "{found:#?}");
}

/// The build step itself (the Trunk hook) exits non-zero, names every problem and
/// writes nothing.
#[test]
fn the_prerenderer_fails_the_build_on_broken_content() {
    let staging = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .env("REHAB_CONTENT_DIR", fixture("broken-content"))
        .env("TRUNK_STAGING_DIR", staging.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nothing was built"), "{stderr}");
    assert!(
        stderr.contains("posts/bad-date.md:6: ") && stderr.contains("posts/raw-html.md:10: "),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(staging.path()).unwrap().count(),
        0,
        "nothing written"
    );

    let ok = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .arg("--check")
        .env("REHAB_CONTENT_DIR", fixture("content"))
        .env_remove("STRICT")
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

/// `prerender --check` on `dir` (what `make check-content` runs), with `env` only.
fn check_content(dir: &Path, env: &[(&str, &str)]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .arg("--check")
        .env("REHAB_CONTENT_DIR", dir)
        .env_remove("STRICT")
        .env_remove("SITE_URL")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), stderr)
}

/// Addresses on domains reserved for examples are warnings naming their file and line;
/// `STRICT=1` refuses to build while any is left; `SITE_URL` replaces site.json's `url`.
#[test]
fn placeholder_addresses_are_reported_and_refused_when_strict() {
    const POST: &str = "posts/what-to-bring-to-your-first-iop-session.md";
    let library = Library::load(&fixture("content"), Options::default()).unwrap();
    let found: Vec<String> = library
        .placeholders
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_reports(
        &found,
        &format!("{POST}:26: placeholder link \"mailto:help@example.org\""),
    );
    assert_reports(
        &found,
        "site.json:3: placeholder site URL \"https://blog.greaterbostonaddictioncenters.example\"",
    );
    // The fixture's copy of the article and its translation link to the centre's
    // placeholder pages too: two each.
    assert_eq!(found.len(), 6, "{found:#?}");

    let (ok, stderr) = check_content(&fixture("content"), &[]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains(&format!("warning: {}", found[0])),
        "{stderr}"
    );
    let (ok, stderr) = check_content(&fixture("content"), &[("STRICT", "1")]);
    assert!(!ok);
    assert!(
        stderr.contains("STRICT=1: 6 placeholder address(es) left, nothing was built"),
        "{stderr}"
    );

    // The real addresses: the e-mail in the post, the site's origin from SITE_URL.
    let f = TempContent::new();
    f.replace(
        POST,
        "mailto:help@example.org",
        "mailto:help@greaterbostonaddictioncenters.com",
    );
    // The centre's pages the article and its translation link to, twice each.
    for post in ["posts/iop-instead-of-rehab.md", TRANSLATION] {
        for _ in 0..2 {
            f.replace(
                post,
                "https://example.org/",
                "https://greaterbostonaddictioncenters.com/",
            );
        }
    }
    let real = [
        ("STRICT", "1"),
        ("SITE_URL", "https://blog.greaterbostonaddictioncenters.com"),
    ];
    let (ok, stderr) = check_content(f.path(), &real);
    assert!(ok && !stderr.contains("placeholder"), "{stderr}");
    let (ok, stderr) = check_content(
        f.path(),
        &[("STRICT", "1"), ("SITE_URL", "https://staging.test")],
    );
    assert!(
        !ok && stderr.contains("SITE_URL \"https://staging.test\""),
        "{stderr}"
    );
}
