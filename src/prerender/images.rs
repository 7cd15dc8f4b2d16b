//! The image files of the bundle: every copy the compiled posts name
//! ([`crate::compile::images`]), resized from its source (Lanczos3, never upscaled) and
//! re-encoded in the source's format, so no camera metadata (EXIF, GPS) reaches a
//! reader: JPEG at [`JPEG_QUALITY`], PNG, WebP (lossless: the only WebP the encoder
//! writes).
//!
//! Decoding and resizing a photo takes most of a build that has any, so each copy made is
//! also kept in a cache folder between builds, under its own name: that name holds its
//! width and a hash of the source file and of how copies are made, so a rebuild with the
//! same pictures decodes none, and a changed picture or a change to how copies are made
//! misses. Nothing is ever removed from it (`make clean` empties `target/`).

use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder, ImageFormat, ImageReader};

use crate::compile::Library;
use crate::compile::images::{Image, JPEG_QUALITY, Variant};

/// A binary file to write below the staging dir.
#[derive(Debug)]
pub struct ImageFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every image copy the library names, once each: read from `cache` when it was made
/// before, else made from its source and kept there.
pub fn image_files(library: &Library, cache: &Path) -> Result<Vec<ImageFile>, String> {
    let mut named = BTreeSet::new();
    let mut files = Vec::new();
    for image in &library.images {
        let mut missing = Vec::new();
        for variant in image.variants.iter().filter(|v| named.insert(&v.path)) {
            match std::fs::read(cached(cache, variant)) {
                Ok(bytes) => files.push(ImageFile {
                    path: variant.path.clone(),
                    bytes,
                }),
                Err(_) => missing.push(variant),
            }
        }
        if missing.is_empty() {
            continue;
        }
        let upright = decode(image)?;
        for variant in missing {
            let copy = if (upright.width(), upright.height()) == (variant.width, variant.height) {
                upright.clone()
            } else {
                upright.resize_exact(variant.width, variant.height, FilterType::Lanczos3)
            };
            let bytes = encode(&copy, image.format)
                .map_err(|e| format!("cannot write {}: {e}", variant.path))?;
            keep(&cached(cache, variant), &bytes)?;
            files.push(ImageFile {
                path: variant.path.clone(),
                bytes,
            });
        }
    }
    Ok(files)
}

/// Where `variant` is kept in `cache`: under its own file name.
fn cached(cache: &Path, variant: &Variant) -> PathBuf {
    let name = Path::new(&variant.path)
        .file_name()
        .expect("a copy's path ends in its file name");
    cache.join(name)
}

/// Writes a copy into the cache whole or not at all (a file of its own, then renamed), so
/// an interrupted build never leaves a truncated copy to be reused.
fn keep(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("cannot keep {} in the cache: {e}", path.display());
    std::fs::create_dir_all(path.parent().expect("in the cache folder")).map_err(cannot)?;
    let partial = path.with_extension(format!("{}.partial", std::process::id()));
    std::fs::write(&partial, bytes).map_err(cannot)?;
    std::fs::rename(&partial, path).map_err(cannot)
}

/// The source's pixels, turned as its EXIF orientation says.
fn decode(image: &Image) -> Result<DynamicImage, String> {
    let cannot = |e: &dyn std::fmt::Display| format!("cannot read {}: {e}", image.source.display());
    let reader = ImageReader::open(&image.source)
        .map_err(|e| cannot(&e))?
        .with_guessed_format()
        .map_err(|e| cannot(&e))?;
    let decoder = reader.into_decoder().map_err(|e| cannot(&e))?;
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(|e| cannot(&e))?;
    pixels.apply_orientation(image.orientation);
    Ok(pixels)
}

fn encode(pixels: &DynamicImage, format: ImageFormat) -> image::ImageResult<Vec<u8>> {
    let mut bytes = Cursor::new(Vec::new());
    let (width, height) = (pixels.width(), pixels.height());
    // 8 bits a channel, alpha kept where the source has it (JPEG has none).
    let pixels = if pixels.color().has_alpha() && format != ImageFormat::Jpeg {
        DynamicImage::ImageRgba8(pixels.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(pixels.to_rgb8())
    };
    let color = pixels.color().into();
    match format {
        ImageFormat::Jpeg => JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY).write_image(
            pixels.as_bytes(),
            width,
            height,
            color,
        )?,
        ImageFormat::Png => {
            PngEncoder::new_with_quality(&mut bytes, CompressionType::Best, PngFilter::Adaptive)
                .write_image(pixels.as_bytes(), width, height, color)?
        }
        _ => WebPEncoder::new_lossless(&mut bytes).write_image(
            pixels.as_bytes(),
            width,
            height,
            color,
        )?,
    }
    Ok(bytes.into_inner())
}
