//! Images in posts (`![alt](path)`) and a post's sharing picture (`image` in its front
//! matter): where they may be, what is checked (here, reading only each file's header),
//! the files each becomes and the `<img>` that shows them. The pixels are resized and
//! re-encoded by the prerenderer (`crate::prerender::image_files`), never in the wasm.

use std::path::{Path, PathBuf};

use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, ImageReader};
use sha2::{Digest, Sha256};

use super::links::escape;
use crate::content_hash::short_hash;
use crate::route::Base;

/// Where the image files go, below the bundle's root.
pub const IMAGES_DIR: &str = "images";
/// The widths an image in a post is offered at (`srcset`), never wider than its source.
pub const BODY_WIDTHS: [u32; 3] = [480, 960, 1440];
/// The sharing picture's width, as Open Graph and Twitter's large card want it.
pub const SHARING_WIDTH: u32 = 1200;
/// The largest source file accepted: a photo straight from a phone is 2–6 MB.
pub const MAX_BYTES: u64 = 12 * 1024 * 1024;
/// The largest source side accepted (decoding a bigger one takes memory, not quality).
pub const MAX_SIDE: u32 = 10_000;
/// JPEG quality of the resized copies.
pub const JPEG_QUALITY: u8 = 82;
/// How wide the image is shown: the article's column (`--measure`, about 42rem at most),
/// or the screen less the page's padding below that.
const SIZES: &str = "(min-width: 46rem) 42rem, calc(100vw - 2rem)";
/// Written right after an image with an empty alt text: the image says nothing.
pub const DECORATIVE: &str = "{.decorative}";
/// Part of every file name's hash: a change to how copies are made renames them all,
/// so an immutable cached copy is never stale (in a browser, or in the build's own cache
/// of copies, `crate::prerender::image_files`). Change it with the filter or the quality.
const ENCODING: &str = "lanczos3-q82";

/// Where a post's images are looked up: relative to the post file's folder, and never
/// outside the content folder.
#[derive(Clone, Copy, Debug)]
pub struct Folder<'a> {
    pub content: &'a Path,
    pub post: &'a Path,
}

/// One source image and the files made from it, narrowest first.
#[derive(Clone, Debug)]
pub struct Image {
    pub source: PathBuf,
    pub format: ImageFormat,
    /// The EXIF rotation the copies get (they carry no EXIF themselves).
    pub orientation: Orientation,
    pub variants: Vec<Variant>,
}

/// One file made from an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Below the bundle's root: `images/<name>-<width>-<hash>.<ext>`.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

impl Image {
    /// The widest copy (what `src`, `width` and `height` name).
    pub fn largest(&self) -> &Variant {
        self.variants
            .last()
            .expect("an image has at least one copy")
    }

    pub fn mime_type(&self) -> &'static str {
        self.format.to_mime_type()
    }

    /// The `<img>` of an image in a post: every copy in `srcset`, the widest one's size
    /// (so the page does not move when it arrives), decoded off the main thread,
    /// fetched lazily unless `eager` (the first image, at the top of the post).
    pub fn img_tag(&self, alt: &str, eager: bool, base: &Base) -> String {
        let largest = self.largest();
        let srcset: Vec<String> = self
            .variants
            .iter()
            .map(|v| format!("{} {}w", base.href(&v.path), v.width))
            .collect();
        let loading = if eager {
            "loading=\"eager\" fetchpriority=\"high\""
        } else {
            "loading=\"lazy\""
        };
        format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\" decoding=\"async\" {loading}>",
            escape(&base.href(&largest.path)),
            escape(&srcset.join(", ")),
            largest.width,
            largest.height,
            escape(alt),
        )
    }
}

impl Folder<'_> {
    /// An image in a post: copies at [`BODY_WIDTHS`] below its own width, and one at its
    /// own width (at most the widest of them).
    pub fn body_image(&self, reference: &str) -> Result<Image, String> {
        let source = self.find(reference)?;
        let widest = *BODY_WIDTHS.last().expect("widths");
        let mut widths: Vec<u32> = BODY_WIDTHS
            .into_iter()
            .filter(|w| *w < source.width)
            .collect();
        widths.push(source.width.min(widest));
        Ok(source.image(&widths))
    }

    /// A sharing picture: one copy [`SHARING_WIDTH`] wide, its height kept in proportion
    /// (fitted, never cropped). A narrower source is refused: it would be upscaled.
    pub fn sharing_image(&self, reference: &str) -> Result<Image, String> {
        let source = self.find(reference)?;
        if source.width < SHARING_WIDTH {
            return Err(format!(
                "the sharing picture {reference:?} is {} px wide; it must be at least {SHARING_WIDTH} px (it is never upscaled)",
                source.width
            ));
        }
        Ok(source.image(&[SHARING_WIDTH]))
    }

    /// Resolves and checks `reference`: a local file, inside the content folder, a
    /// JPEG, PNG or WebP no bigger than the limits.
    fn find(&self, reference: &str) -> Result<Source, String> {
        if reference.contains("://") || reference.starts_with("//") {
            return Err(format!(
                "remote image {reference:?}: the reader's browser would ask another site for it; copy the file into content/ and give its path"
            ));
        }
        if reference.is_empty() || reference.starts_with('/') || reference.contains(':') {
            return Err(format!(
                "image {reference:?}: give the file's path relative to the post, e.g. <slug>/photo.jpg"
            ));
        }
        let missing = |e: std::io::Error| format!("image {reference:?} not found: {e}");
        let path = self.post.join(reference).canonicalize().map_err(missing)?;
        let content = self.content.canonicalize().map_err(missing)?;
        if !path.starts_with(&content) {
            return Err(format!("image {reference:?} is outside the content folder"));
        }
        let bytes = std::fs::read(&path).map_err(missing)?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(format!(
                "image {reference:?} is {:.1} MB; the limit is {} MB (export a smaller copy)",
                bytes.len() as f64 / 1_048_576.0,
                MAX_BYTES / 1_048_576
            ));
        }
        let not_image = || format!("{reference:?} is not a JPEG, PNG or WebP image");
        let reader = ImageReader::new(std::io::Cursor::new(&bytes))
            .with_guessed_format()
            .map_err(|_| not_image())?;
        let format = reader
            .format()
            .filter(|f| matches!(f, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP))
            .ok_or_else(not_image)?;
        let unreadable = |e: image::ImageError| format!("image {reference:?} cannot be read: {e}");
        let mut decoder = reader.into_decoder().map_err(unreadable)?;
        let (width, height) = decoder.dimensions();
        let orientation = decoder.orientation().map_err(unreadable)?;
        if width.max(height) > MAX_SIDE || width == 0 || height == 0 {
            return Err(format!(
                "image {reference:?} is {width}×{height} px; each side must be 1 to {MAX_SIDE} px"
            ));
        }
        // The size the reader sees: a quarter turn swaps the sides.
        let (width, height) = match orientation {
            Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH => (height, width),
            _ => (width, height),
        };
        let mut hash = Sha256::new();
        hash.update(ENCODING);
        hash.update(&bytes);
        Ok(Source {
            name: file_name(&path),
            hash: short_hash(hash),
            path,
            format,
            orientation,
            width,
            height,
        })
    }
}

/// A checked source file, upright size.
struct Source {
    path: PathBuf,
    name: String,
    hash: String,
    format: ImageFormat,
    orientation: Orientation,
    width: u32,
    height: u32,
}

impl Source {
    fn image(self, widths: &[u32]) -> Image {
        let extension = self.format.extensions_str()[0];
        let variants = widths
            .iter()
            .map(|&width| Variant {
                path: format!(
                    "{IMAGES_DIR}/{}-{width}-{}.{extension}",
                    self.name, self.hash
                ),
                width,
                // In proportion, to the nearest pixel.
                height: ((u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
                    / u64::from(self.width))
                .max(1) as u32,
            })
            .collect();
        Image {
            source: self.path,
            format: self.format,
            orientation: self.orientation,
            variants,
        }
    }
}

/// The file's name as lower-case words joined by dashes (`Our Lobby.JPG` → `our-lobby`).
fn file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "image".to_string()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoding_names_the_quality() {
        assert!(
            ENCODING.ends_with(&format!("-q{JPEG_QUALITY}")),
            "{ENCODING}"
        );
    }

    #[test]
    fn file_names_are_words_joined_by_dashes() {
        assert_eq!(file_name(Path::new("a/Our Lobby.JPG")), "our-lobby");
        assert_eq!(file_name(Path::new("a/été.png")), "t");
        assert_eq!(file_name(Path::new("a/___.png")), "image");
    }
}
