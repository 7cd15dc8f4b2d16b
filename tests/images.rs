//! Images in posts and a post's sharing picture, on the fixture post that has both:
//! resized, content-hashed copies (never upscaled), the `<img>` that offers them, the
//! sharing picture in the head, the JSON-LD and the feed, and every refusal reported as
//! `file:line`, all at once.
#![cfg(feature = "ssr")]

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, root, selector, written};
use image::{ImageEncoder, RgbImage};
use rehab_blog::compile::images::{BODY_WIDTHS, IMAGES_DIR, Image, MAX_BYTES, SHARING_WIDTH};
use rehab_blog::compile::{Library, Options};
use rehab_blog::prerender::{
    ImageFile, OutputFile, Scripts, build_site, headers_file, image_files,
};
use rehab_blog::route::Base;
use scraper::Html;

const POST: &str = "what-to-bring-to-your-first-iop-session";
const OTHER: &str = "an-older-post";
const ORIGIN: &str = "https://blog.example";

fn fixture() -> PathBuf {
    root().join("tests/fixtures/content")
}

fn load(dir: &Path) -> Library {
    Library::load(dir, Options::default()).unwrap_or_else(|e| panic!("{e:#?}"))
}

fn build(library: &Library) -> Vec<OutputFile> {
    let shell = std::fs::read_to_string(root().join("tests/fixtures/trunk-shell.html")).unwrap();
    build_site(&shell, &Scripts::readable(), library, ORIGIN).expect("builds")
}

/// `(alt, path)` of every `![alt](path)` in the fixture post's Markdown, in order.
fn images_written() -> Vec<(String, String)> {
    let markdown = std::fs::read_to_string(fixture().join(format!("posts/{POST}.md"))).unwrap();
    let mut found = Vec::new();
    for (at, _) in markdown.match_indices("![") {
        let rest = &markdown[at + 2..];
        let (alt, rest) = rest.split_once("](").unwrap();
        let (path, _) = rest.split_once(')').unwrap();
        found.push((alt.to_string(), path.to_string()));
    }
    assert!(found.len() >= 2, "the fixture post shows images");
    found
}

fn file<'a>(files: &'a [ImageFile], path: &str) -> &'a ImageFile {
    files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not made"))
}

/// Every image copy of `library`, made afresh (an empty cache).
fn made(library: &Library) -> Vec<ImageFile> {
    let cache = tempfile::tempdir().unwrap();
    image_files(library, cache.path()).expect("the images are made")
}

/// The image made from `source` (below the post's folder).
fn image_of<'a>(library: &'a Library, source: &str) -> &'a Image {
    let path = fixture().join("posts").join(source).canonicalize().unwrap();
    library
        .images
        .iter()
        .find(|i| i.source == path)
        .unwrap_or_else(|| panic!("no image from {source}"))
}

#[test]
fn images_become_resized_content_hashed_copies_never_upscaled() {
    let library = load(&fixture());
    let files = made(&library);
    for (_, source) in images_written() {
        let image = image_of(&library, &source);
        let (width, _) = image::image_dimensions(&image.source).unwrap();
        let widths: Vec<u32> = image.variants.iter().map(|v| v.width).collect();
        let mut expected: Vec<u32> = BODY_WIDTHS.into_iter().filter(|w| *w < width).collect();
        expected.push(width.min(*BODY_WIDTHS.last().unwrap()));
        assert_eq!(widths, expected, "{source}: never wider than the source");
        let extension = image.format.extensions_str()[0];
        for variant in &image.variants {
            let name = variant
                .path
                .strip_prefix(&format!("{IMAGES_DIR}/"))
                .and_then(|n| n.strip_suffix(&format!(".{extension}")))
                .unwrap_or_else(|| panic!("{}", variant.path));
            let (rest, hash) = name.rsplit_once('-').unwrap();
            assert_eq!(hash.len(), 16, "{name}");
            assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{name}");
            assert!(rest.ends_with(&format!("-{}", variant.width)), "{name}");
            let made = image::load_from_memory(&file(&files, &variant.path).bytes).unwrap();
            assert_eq!(
                (made.width(), made.height()),
                (variant.width, variant.height),
                "{}",
                variant.path
            );
        }
    }
    // The bundle's headers cache every copy for a year.
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let headers = headers_file(&paths, &Base::default(), &Scripts::readable());
    for path in &paths {
        assert!(
            headers.contains(&format!(
                "\n/{path}\n  Cache-Control: public, max-age=31536000, immutable\n"
            )),
            "{path}"
        );
    }
}

#[test]
fn a_changed_photo_gets_new_names() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let (_, source) = &images_written()[0];
    let before = image_of(&load(&fixture()), source).largest().clone();
    let copy = dir.path().join("posts").join(source);
    let mut bytes = std::fs::read(&copy).unwrap();
    bytes.push(0); // after the JPEG's end: the same picture, other bytes
    std::fs::write(&copy, bytes).unwrap();
    let library = load(dir.path());
    let path = copy.canonicalize().unwrap();
    let after = library.images.iter().find(|i| i.source == path).unwrap();
    assert_ne!(after.largest().path, before.path);
    assert_eq!(after.largest().width, before.width);
}

#[test]
fn the_img_offers_every_copy_with_its_size_and_alt() {
    let library = load(&fixture());
    let files = build(&library);
    let page = Html::parse_document(written(&files, &format!("blog/{POST}/index.html")));
    let imgs: Vec<_> = page.select(&selector("main .prose img")).collect();
    let expected = images_written();
    assert_eq!(imgs.len(), expected.len());
    let json = written(&files, &format!("content/posts/{POST}.json"));
    for (i, (img, (alt, source))) in imgs.iter().zip(&expected).enumerate() {
        let image = image_of(&library, source);
        let attr = |name: &str| img.value().attr(name).unwrap_or_else(|| panic!("{name}"));
        let largest = image.largest();
        assert_eq!(attr("src"), format!("/{}", largest.path));
        let srcset: Vec<String> = image
            .variants
            .iter()
            .map(|v| format!("/{} {}w", v.path, v.width))
            .collect();
        assert_eq!(attr("srcset"), srcset.join(", "));
        assert!(!attr("sizes").is_empty());
        assert_eq!(attr("width"), largest.width.to_string());
        assert_eq!(attr("height"), largest.height.to_string());
        assert_eq!(attr("alt"), alt.as_str(), "decorative images have alt=\"\"");
        assert_eq!(attr("decoding"), "async");
        // The first image, at the top of the post, is fetched at once; the others lazily.
        if i == 0 {
            assert_eq!(attr("loading"), "eager");
            assert_eq!(attr("fetchpriority"), "high");
        } else {
            assert_eq!(attr("loading"), "lazy");
            assert_eq!(img.value().attr("fetchpriority"), None);
        }
        // Client-side navigation inserts the same prose from the post's JSON.
        assert!(json.contains(&format!("src=\\\"/{}\\\"", largest.path)));
    }
    assert!(!written(&files, &format!("blog/{POST}/index.html")).contains("{.decorative}"));
}

/// The `content` of the head's `<meta>` whose `attribute` is `name`.
fn meta(page: &Html, attribute: &str, name: &str) -> Option<String> {
    page.select(&selector(&format!("meta[{attribute}=\"{name}\"]")))
        .next()
        .map(|m| m.value().attr("content").unwrap().to_string())
}

#[test]
fn the_sharing_picture_is_the_posts_own_in_head_json_ld_and_feed() {
    let library = load(&fixture());
    let files = build(&library);
    let entry = library.entry(POST).unwrap();
    let shared = entry
        .image
        .as_ref()
        .expect("the fixture post has its own picture");
    let copy = shared.image.largest();
    assert_eq!(copy.width, SHARING_WIDTH);
    let (width, height) = image::image_dimensions(&shared.image.source).unwrap();
    assert_eq!(
        copy.height,
        (height * SHARING_WIDTH + width / 2) / width,
        "fitted"
    );
    let url = format!("{ORIGIN}/{}", copy.path);
    let page = Html::parse_document(written(&files, &format!("blog/{POST}/index.html")));
    assert_eq!(meta(&page, "property", "og:image"), Some(url.clone()));
    assert_eq!(
        meta(&page, "property", "og:image:width"),
        Some(copy.width.to_string())
    );
    assert_eq!(
        meta(&page, "property", "og:image:height"),
        Some(copy.height.to_string())
    );
    assert_eq!(
        meta(&page, "property", "og:image:alt"),
        Some(shared.alt.clone())
    );
    assert_eq!(meta(&page, "name", "twitter:image"), Some(url.clone()));
    assert_eq!(
        meta(&page, "name", "twitter:image:alt"),
        Some(shared.alt.clone())
    );
    let json_ld: serde_json::Value = serde_json::from_str(
        &page
            .select(&selector("script[type=\"application/ld+json\"]"))
            .next()
            .unwrap()
            .inner_html(),
    )
    .unwrap();
    assert_eq!(json_ld["mainEntity"]["image"], url.as_str());
    assert!(made(&library).iter().any(|f| f.path == copy.path));

    // A post without one keeps the site-wide picture.
    let other = Html::parse_document(written(&files, &format!("blog/{OTHER}/index.html")));
    let site_wide = format!("{ORIGIN}/og-image.png");
    assert_eq!(
        meta(&other, "property", "og:image"),
        Some(site_wide.clone())
    );
    assert_eq!(meta(&other, "name", "twitter:image"), Some(site_wide));
    assert_eq!(meta(&other, "property", "og:image:alt"), None);

    // The feed: the picture as the entry's enclosure, the post's images absolute.
    let feed = feed_rs::parser::parse(written(&files, "feed.xml").as_bytes()).unwrap();
    let post_url = format!("{ORIGIN}/blog/{POST}/");
    let item = feed
        .entries
        .iter()
        .find(|e| e.links[0].href == post_url)
        .unwrap();
    let enclosure = item
        .links
        .iter()
        .find(|l| l.rel.as_deref() == Some("enclosure"))
        .expect("the picture");
    assert_eq!(enclosure.href, url);
    assert_eq!(enclosure.media_type.as_deref(), Some("image/jpeg"));
    let content = item.content.as_ref().unwrap().body.as_deref().unwrap();
    let html = Html::parse_fragment(content);
    let imgs: Vec<_> = html.select(&selector("img")).collect();
    assert_eq!(imgs.len(), images_written().len());
    for img in imgs {
        assert!(img.value().attr("src").unwrap().starts_with(ORIGIN));
        for candidate in img.value().attr("srcset").unwrap().split(", ") {
            assert!(candidate.starts_with(ORIGIN), "{candidate}");
        }
    }
}

/// A JPEG of `width`×`height`, with an EXIF orientation when given.
fn jpeg(width: u32, height: u32, orientation: Option<u16>) -> Vec<u8> {
    let pixels = RgbImage::from_fn(width, height, |x, _| image::Rgb([(x % 256) as u8, 90, 160]));
    let mut bytes = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new(&mut bytes);
    if let Some(orientation) = orientation {
        // A TIFF header and one IFD entry: Orientation (0x0112), a SHORT.
        let mut exif = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
        exif.extend(orientation.to_be_bytes());
        exif.extend([0, 0, 0, 0, 0, 0]);
        encoder.set_exif_metadata(exif).unwrap();
    }
    encoder
        .write_image(
            pixels.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    bytes
}

/// A content folder (`content/` in a scratch folder) with the fixture's settings and
/// one post, `posts/pictures.md`, with its folder `posts/pictures/`.
struct Pictures(tempfile::TempDir);

impl Pictures {
    fn content(&self) -> PathBuf {
        self.0.path().join("content")
    }

    fn folder(&self) -> PathBuf {
        self.content().join("posts/pictures")
    }
}

fn pictures_post(front_matter: &str, body: &str) -> Pictures {
    let dir = Pictures(tempfile::tempdir().unwrap());
    std::fs::create_dir_all(dir.folder()).unwrap();
    std::fs::copy(fixture().join("site.json"), dir.content().join("site.json")).unwrap();
    std::fs::write(
        dir.content().join("posts/pictures.md"),
        format!(
            "+++\ntitle = \"Pictures\"\nsummary = \"S.\"\nreviewer = \"R\"\ndisclaimer = \"D.\"\n{front_matter}+++\n\n{body}"
        ),
    )
    .unwrap();
    dir
}

#[test]
fn a_turned_photo_is_made_upright() {
    let dir = pictures_post("", "![A portrait](pictures/turned.jpg)\n");
    std::fs::write(dir.folder().join("turned.jpg"), jpeg(300, 200, Some(6))).unwrap();
    let library = load(&dir.content());
    let copy = library.images[0].largest().clone();
    assert_eq!((copy.width, copy.height), (200, 300));
    let made = image::load_from_memory(&made(&library)[0].bytes).unwrap();
    assert_eq!((made.width(), made.height()), (200, 300));
}

/// A rebuild with the same pictures takes every copy from the cache and decodes none; a
/// changed picture misses the cache and is made again.
#[test]
fn a_rebuild_takes_unchanged_copies_from_the_cache() {
    let dir = pictures_post("", "![A photo](pictures/photo.jpg)\n");
    let photo = dir.folder().join("photo.jpg");
    std::fs::write(&photo, jpeg(1000, 600, None)).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let library = load(&dir.content());
    let first = image_files(&library, cache.path()).unwrap();
    let mut kept: Vec<PathBuf> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    kept.sort();
    assert_eq!(kept.len(), first.len(), "{kept:?}");
    // Marked, so the next build shows where its copies came from; and with the source
    // gone, any decoding would fail.
    for path in &kept {
        std::fs::write(path, b"from the cache").unwrap();
    }
    std::fs::remove_file(&photo).unwrap();
    let second = image_files(&library, cache.path()).expect("no source read");
    let paths = |files: &[ImageFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&second), paths(&first));
    assert!(second.iter().all(|f| f.bytes == b"from the cache"));

    std::fs::write(&photo, jpeg(1000, 601, None)).unwrap();
    let changed = load(&dir.content());
    let third = image_files(&changed, cache.path()).unwrap();
    assert_eq!(third.len(), first.len());
    for (file, variant) in third.iter().zip(&changed.images[0].variants) {
        assert!(!paths(&first).contains(&file.path), "{}", file.path);
        let made = image::load_from_memory(&file.bytes).expect("made again");
        assert_eq!(
            (made.width(), made.height()),
            (variant.width, variant.height)
        );
    }
}

#[test]
fn every_broken_image_is_reported_with_its_line_at_once() {
    let dir = pictures_post(
        "image = \"pictures/narrow.jpg\"\nimage_alt = \"A narrow one\"\n",
        "![A lobby](pictures/missing.jpg)\n\n\
         ![](pictures/photo.jpg)\n\n\
         ![A view](https://example.org/view.jpg)\n\n\
         ![Notes](pictures/notes.jpg)\n\n\
         ![An animation](pictures/animation.gif)\n\n\
         ![A scan](pictures/huge.jpg)\n\n\
         ![Outside](../../outside.jpg)\n\n\
         ![A line](pictures/photo.jpg){.decorative}\n\n\
         ![A path](/images/photo.jpg)\n\n\
         ![](pictures/also-missing.jpg)\n\n\
         ![A fine one](pictures/photo.jpg) and ![](pictures/photo.jpg){.decorative} are fine.\n",
    );
    let folder = dir.folder();
    std::fs::write(folder.join("photo.jpg"), jpeg(64, 48, None)).unwrap();
    std::fs::write(
        folder.join("narrow.jpg"),
        jpeg(SHARING_WIDTH - 1, 100, None),
    )
    .unwrap();
    std::fs::write(folder.join("notes.jpg"), "not a picture").unwrap();
    std::fs::write(folder.join("animation.gif"), b"GIF89a\x01\0\x01\0\0\0\0;").unwrap();
    let mut huge = jpeg(8, 8, None);
    huge.resize(MAX_BYTES as usize + 1, 0);
    std::fs::write(folder.join("huge.jpg"), huge).unwrap();
    std::fs::write(dir.0.path().join("outside.jpg"), jpeg(8, 8, None)).unwrap();
    let errors: Vec<String> = match Library::load(&dir.content(), Options::default()) {
        Ok(_) => panic!("broken images must be refused"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    };
    let file = dir
        .content()
        .join("posts/pictures.md")
        .display()
        .to_string();
    let expected = [
        (10, "image \"pictures/missing.jpg\" not found"),
        (12, "an image needs its alt text"),
        (14, "remote image \"https://example.org/view.jpg\""),
        (
            16,
            "\"pictures/notes.jpg\" is not a JPEG, PNG or WebP image",
        ),
        (
            18,
            "\"pictures/animation.gif\" is not a JPEG, PNG or WebP image",
        ),
        (
            20,
            "image \"pictures/huge.jpg\" is 12.0 MB; the limit is 12 MB",
        ),
        (
            22,
            "image \"../../outside.jpg\" is outside the content folder",
        ),
        (24, "a {.decorative} image has no alt text"),
        (
            26,
            "image \"/images/photo.jpg\": give the file's path relative to the post",
        ),
        (28, "an image needs its alt text"),
        (28, "image \"pictures/also-missing.jpg\" not found"),
        (
            6,
            "front matter: the sharing picture \"pictures/narrow.jpg\" is 1199 px wide",
        ),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for ((line, message), error) in expected.iter().zip(&errors) {
        assert!(
            error.starts_with(&format!("{file}:{line}: {message}")),
            "expected {file}:{line}: {message}…, got {error}"
        );
    }
}

#[test]
fn the_sharing_picture_needs_its_alt_text() {
    let dir = pictures_post("image = \"pictures/wide.jpg\"\n", "Text.\n");
    std::fs::write(
        dir.folder().join("wide.jpg"),
        jpeg(SHARING_WIDTH, 630, None),
    )
    .unwrap();
    let errors = Library::load(&dir.content(), Options::default()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].line, 6);
    assert!(errors[0].message.contains("image_alt"), "{}", errors[0]);
}

#[test]
fn images_and_the_sharing_picture_follow_the_base_path() {
    let options = Options {
        base: Base::new("/rehab-blog/").unwrap(),
        ..Options::default()
    };
    let library = Library::load(&fixture(), options).unwrap();
    let files = build(&library);
    let page = Html::parse_document(written(&files, &format!("blog/{POST}/index.html")));
    for img in page.select(&selector("main .prose img")) {
        assert!(
            img.value()
                .attr("src")
                .unwrap()
                .starts_with("/rehab-blog/images/")
        );
        for candidate in img.value().attr("srcset").unwrap().split(", ") {
            assert!(candidate.starts_with("/rehab-blog/images/"), "{candidate}");
        }
    }
    let shared = meta(&page, "property", "og:image").unwrap();
    assert!(
        shared.starts_with(&format!("{ORIGIN}/rehab-blog/images/")),
        "{shared}"
    );
}

#[test]
fn images_are_refused_outside_posts() {
    let dir = pictures_post("", "Text.\n");
    std::fs::write(dir.folder().join("photo.jpg"), jpeg(64, 48, None)).unwrap();
    let site = dir.content().join("site.json");
    let settings = std::fs::read_to_string(&site).unwrap();
    let line = "Call or text [988](tel:988)";
    assert!(settings.contains(line), "a crisis line to change");
    std::fs::write(
        &site,
        settings.replacen(
            line,
            &format!("![A sign](posts/pictures/photo.jpg) {line}"),
            1,
        ),
    )
    .unwrap();
    let errors = Library::load(&dir.content(), Options::default()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].file.ends_with("site.json"), "{}", errors[0]);
    assert!(
        errors[0]
            .message
            .contains("images are allowed only in a post"),
        "{}",
        errors[0]
    );
}
