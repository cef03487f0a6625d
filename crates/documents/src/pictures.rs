//! The pictures a cooperative prints on its certificates (its logo, a signature), read into
//! the image objects a PDF embeds.
//!
//! A picture that cannot be read is an error naming it, never a certificate without it: a
//! certificate missing its signature would look issued and be worth less. A PNG is decoded
//! here (refused if that fails, and bounded: a PNG of a few kilobytes can claim, and inflate
//! to, gigabytes), its colours and its transparency compressed apart as PDF keeps them. A JPEG
//! is embedded as it is (viewers decode it): only its frame header is read, for its size and
//! colours.
//!
//! Reading a PNG (decoding it, then compressing its pixels as the PDF stores them) costs
//! several times the rest of a certificate, and every certificate of a cooperative carries the
//! same logo and signature: the last few pictures read are kept, ready to draw.

use std::io::Cursor;
use std::sync::{Arc, Mutex};

use coopshares_app::documents::{DocumentError, Picture, PictureFormat};

use crate::pdf::deflate;

/// A picture ready to embed; clones share it.
#[derive(Debug, Clone)]
pub(crate) struct Image(Arc<Embedded>);

impl PartialEq for Image {
    /// The same picture read once: what a document embeds once however often it is drawn.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Debug)]
struct Embedded {
    width: u32,
    height: u32,
    data: ImageData,
}

/// The colours of a picture's pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageColors {
    Gray,
    Rgb,
    /// `inverted` for the JPEGs Adobe's software writes, whose inks are stored inverted.
    Cmyk {
        inverted: bool,
    },
}

/// A picture's data as the PDF stores it.
#[derive(Debug)]
pub(crate) enum ImageData {
    /// Pixels of 8 bits per channel, compressed; the transparency, if any, apart.
    Flate {
        colors: ImageColors,
        pixels: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
    /// The JPEG file as it is.
    Jpeg {
        colors: ImageColors,
        bytes: Arc<[u8]>,
    },
}

impl Image {
    /// Width and height in pixels.
    pub(crate) fn size(&self) -> (u32, u32) {
        (self.0.width, self.0.height)
    }

    pub(crate) fn data(&self) -> &ImageData {
        &self.0.data
    }
}

/// Which picture, as an error message names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Logo,
    Signature,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Logo => "logo",
            Role::Signature => "signature",
        }
    }
}

/// The most a PNG may take once decoded: 4,096 × 4,096 pixels in colour with transparency,
/// far more than a logo or a signature needs.
const MAX_DECODED_BYTES: usize = 64 * 1024 * 1024;

/// How many pictures read are kept: the logo and the signature, and a candidate for either
/// while an administrator tries one.
const KEPT: usize = 4;
/// A PNG larger than this once decoded is read again each time rather than kept, so the
/// pictures kept stay within a few tens of megabytes.
const MAX_KEPT_DECODED_BYTES: usize = 8 * 1024 * 1024;

/// The pictures read last, most recent first.
static KEPT_IMAGES: Mutex<Vec<(Picture, Image)>> = Mutex::new(Vec::new());

/// `picture` ready to draw, or an error saying which picture could not be read.
pub(crate) fn image(picture: &Picture, role: Role) -> Result<Image, DocumentError> {
    // A poisoned lock only means another render panicked: do without the kept pictures.
    if let Ok(mut kept) = KEPT_IMAGES.lock()
        && let Some(position) = kept.iter().position(|(read, _)| read == picture)
    {
        let entry = kept.remove(position);
        let image = entry.1.clone();
        kept.insert(0, entry);
        return Ok(image);
    }
    let (image, decoded_bytes) = read(picture, role)?;
    if decoded_bytes <= MAX_KEPT_DECODED_BYTES
        && let Ok(mut kept) = KEPT_IMAGES.lock()
    {
        kept.insert(0, (picture.clone(), image.clone()));
        kept.truncate(KEPT);
    }
    Ok(image)
}

/// Reads `picture`; returns the image and, for a PNG, its size once decoded.
fn read(picture: &Picture, role: Role) -> Result<(Image, usize), DocumentError> {
    let (embedded, decoded_bytes) = match picture.format {
        PictureFormat::Png => png_image(&picture.bytes).map_err(|problem| match problem {
            PngProblem::Unreadable => unreadable(role, picture.format),
            PngProblem::TooLarge => DocumentError(format!(
                "the {} is too large: more than {} MiB once decoded",
                role.name(),
                MAX_DECODED_BYTES / (1024 * 1024)
            )),
        })?,
        PictureFormat::Jpeg => {
            let (width, height, colors) =
                jpeg_frame(&picture.bytes).ok_or_else(|| unreadable(role, picture.format))?;
            let data = ImageData::Jpeg {
                colors,
                bytes: Arc::clone(&picture.bytes),
            };
            (
                Embedded {
                    width,
                    height,
                    data,
                },
                0,
            )
        }
    };
    Ok((Image(Arc::new(embedded)), decoded_bytes))
}

/// The error for a picture that cannot be read.
fn unreadable(role: Role, format: PictureFormat) -> DocumentError {
    let format = match format {
        PictureFormat::Png => "PNG",
        PictureFormat::Jpeg => "JPEG",
    };
    DocumentError(format!(
        "the {} could not be read as a {format} image",
        role.name()
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PngProblem {
    Unreadable,
    TooLarge,
}

/// A PNG decoded (palettes and small depths expanded to 8 bits a channel, 16 bits cut to
/// 8), its colours and its transparency compressed apart; and its size decoded.
fn png_image(bytes: &[u8]) -> Result<(Embedded, usize), PngProblem> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|_| PngProblem::Unreadable)?;
    let size = reader.output_buffer_size();
    if size > MAX_DECODED_BYTES {
        return Err(PngProblem::TooLarge);
    }
    let mut frame = vec![0; size];
    let info = reader
        .next_frame(&mut frame)
        .map_err(|_| PngProblem::Unreadable)?;
    let pixels = frame
        .get(..info.buffer_size())
        .ok_or(PngProblem::Unreadable)?;
    let (colors, channels, has_alpha) = match info.color_type {
        png::ColorType::Grayscale => (ImageColors::Gray, 1, false),
        png::ColorType::GrayscaleAlpha => (ImageColors::Gray, 2, true),
        png::ColorType::Rgb => (ImageColors::Rgb, 3, false),
        png::ColorType::Rgba => (ImageColors::Rgb, 4, true),
        // Expanded to RGB above.
        png::ColorType::Indexed => return Err(PngProblem::Unreadable),
    };
    if info.bit_depth != png::BitDepth::Eight || pixels.len() % channels != 0 {
        return Err(PngProblem::Unreadable);
    }
    let data = if has_alpha {
        let colour_channels = channels - 1;
        let mut colour = Vec::with_capacity(pixels.len() / channels * colour_channels);
        let mut alpha = Vec::with_capacity(pixels.len() / channels);
        for pixel in pixels.chunks_exact(channels) {
            let (colour_part, alpha_part) = pixel.split_at(colour_channels);
            colour.extend_from_slice(colour_part);
            alpha.extend_from_slice(alpha_part);
        }
        let opaque = alpha.iter().all(|&a| a == u8::MAX);
        ImageData::Flate {
            colors,
            pixels: deflate(&colour),
            alpha: (!opaque).then(|| deflate(&alpha)),
        }
    } else {
        ImageData::Flate {
            colors,
            pixels: deflate(pixels),
            alpha: None,
        }
    };
    Ok((
        Embedded {
            width: info.width,
            height: info.height,
            data,
        },
        size,
    ))
}

/// A JPEG's width, height and colours, from its frame header; `None` when the bytes are no
/// JPEG a PDF viewer can draw (not a JPEG, cut before its frame, or of other than 1, 3 or 4
/// components of 8 bits).
fn jpeg_frame(bytes: &[u8]) -> Option<(u32, u32, ImageColors)> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut adobe = false;
    let mut at = 2;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        at += 2;
        // Markers without a segment.
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            continue;
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
        let segment = bytes.get(at + 2..at + length)?;
        match marker {
            // Start of frame, any coding but the differential and arithmetic ones we leave to
            // the viewer alike: baseline, extended, progressive, lossless.
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                let precision = *segment.first()?;
                let height = u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]);
                let width = u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]);
                let components = *segment.get(5)?;
                let colors = match components {
                    1 => ImageColors::Gray,
                    3 => ImageColors::Rgb,
                    4 => ImageColors::Cmyk { inverted: adobe },
                    _ => return None,
                };
                if precision != 8 || width == 0 || height == 0 {
                    return None;
                }
                return Some((u32::from(width), u32::from(height), colors));
            }
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            // Start of scan or end of image before any frame.
            0xDA | 0xD9 => return None,
            _ => {}
        }
        at += length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(format: PictureFormat, bytes: &[u8]) -> Picture {
        Picture {
            format,
            bytes: Arc::from(bytes),
        }
    }

    #[test]
    fn bytes_that_are_no_png_are_an_error_naming_the_picture() {
        let error = image(&picture(PictureFormat::Png, b"not a picture"), Role::Logo).unwrap_err();
        assert!(error.0.contains("logo"), "{error}");
        let error = image(
            &picture(PictureFormat::Jpeg, b"not a picture"),
            Role::Signature,
        )
        .unwrap_err();
        assert!(error.0.contains("signature"), "{error}");
    }

    #[test]
    fn a_png_cut_short_is_an_error_not_a_panic() {
        let mut png = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut png, 64, 64);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().unwrap();
            let pixels: Vec<u8> = (0..64 * 64 * 3).map(|i| (i * 7 % 251) as u8).collect();
            writer.write_image_data(&pixels).unwrap();
        }
        assert!(image(&picture(PictureFormat::Png, &png), Role::Logo).is_ok());
        let cut = png.get(..png.len() / 2).unwrap();
        assert!(image(&picture(PictureFormat::Png, cut), Role::Logo).is_err());
    }

    #[test]
    fn a_picture_read_again_is_the_image_kept_from_the_first_time() {
        let mut png = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut png, 3, 2);
            encoder.set_color(png::ColorType::Grayscale);
            let mut writer = encoder.write_header().unwrap();
            writer
                .write_image_data(&[0, 50, 100, 150, 200, 250])
                .unwrap();
        }
        let first = image(&picture(PictureFormat::Png, &png), Role::Logo).unwrap();
        // The same bytes in another allocation, as each load from the store gives them.
        let again = picture(PictureFormat::Png, &png);
        assert!(
            KEPT_IMAGES
                .lock()
                .unwrap()
                .iter()
                .any(|(read, image)| *read == again && *image == first)
        );
        assert_eq!(image(&again, Role::Signature).unwrap(), first);
        assert!(KEPT_IMAGES.lock().unwrap().len() <= KEPT);
    }

    #[test]
    fn a_png_claiming_too_many_pixels_is_refused_before_it_is_inflated() {
        // A valid header for 20,000 × 20,000 grey pixels (400 MB decoded), and a few bytes of
        // pixel data: enough to reach the image data, where the check stands.
        let mut png = Vec::new();
        let encoder = png::Encoder::new(&mut png, 20_000, 20_000);
        let mut writer = encoder.write_header().unwrap();
        writer.write_chunk(png::chunk::IDAT, &[0; 16]).unwrap();
        drop(writer);
        let error = image(&picture(PictureFormat::Png, &png), Role::Signature).unwrap_err();
        assert!(error.0.contains("signature is too large"), "{error}");
    }
}
