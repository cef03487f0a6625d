//! The pictures a cooperative prints on its certificates (its logo, a signature) as images
//! krilla embeds.
//!
//! A picture that cannot be read is an error naming it, never a certificate without it: a
//! certificate missing its signature would look issued and be worth less. krilla 0.5 reads a
//! PNG by unwrapping the decoder's results (a corrupt file would panic), so every PNG is
//! decoded once here first, with the same decoder and settings, and refused if that fails.
//! That check also bounds the pixels: a PNG of a few kilobytes can claim, and inflate to,
//! gigabytes.
//!
//! Reading a PNG (decoding it, then compressing its pixels as the PDF stores them) costs
//! several times the rest of a certificate, and every certificate of a cooperative carries the
//! same logo and signature: the last few pictures read are kept, ready to draw.

use std::io::Cursor;
use std::sync::{Arc, Mutex};

use coopshares_app::documents::{DocumentError, Picture, PictureFormat};
use krilla::Data;
use krilla::image::Image;

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

/// Reads `picture` with krilla; returns the image and, for a PNG, its size once decoded.
fn read(picture: &Picture, role: Role) -> Result<(Image, usize), DocumentError> {
    let (readable, decoded_bytes) = match picture.format {
        PictureFormat::Png => png_decodes(&picture.bytes).map_err(|problem| match problem {
            PngProblem::Unreadable => unreadable(role, picture.format),
            PngProblem::TooLarge => DocumentError(format!(
                "the {} is too large: more than {} MiB once decoded",
                role.name(),
                MAX_DECODED_BYTES / (1024 * 1024)
            )),
        })?,
        // krilla reads a JPEG's headers itself, without panicking, and embeds the file as it
        // is (viewers decode it): what is kept is the file.
        PictureFormat::Jpeg => (true, 0),
    };
    let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(Arc::clone(&picture.bytes));
    // No interpolation: PDF/A forbids it, and viewers smooth a scaled picture anyway.
    let image = readable
        .then(|| match picture.format {
            PictureFormat::Png => Image::from_png(Data::from(bytes), false),
            PictureFormat::Jpeg => Image::from_jpeg(Data::from(bytes), false),
        })
        .flatten();
    image
        .map(|image| (image, decoded_bytes))
        .ok_or_else(|| unreadable(role, picture.format))
}

/// The error for a picture that cannot be read.
pub(crate) fn unreadable(role: Role, format: PictureFormat) -> DocumentError {
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

/// Whether `bytes` decode as krilla decodes a PNG: the same `png` version (krilla's own
/// dependency), the same transformation, the whole first frame; and their size decoded.
fn png_decodes(bytes: &[u8]) -> Result<(bool, usize), PngProblem> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(|_| PngProblem::Unreadable)?;
    let size = reader.output_buffer_size();
    if size > MAX_DECODED_BYTES {
        return Err(PngProblem::TooLarge);
    }
    let mut frame = vec![0; size];
    Ok((reader.next_frame(&mut frame).is_ok(), size))
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
