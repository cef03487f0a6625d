//! The EPC QR code ("scan to pay") drawn as vector squares, so it stays sharp at any zoom and
//! on any printer, and adds no image to the file.

use coopshares_app::documents::DocumentError;
use krilla::geom::Rect;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, Version};

use crate::layout::Sheet;

/// Light modules around the symbol, as the QR code standard asks for; scanners find the
/// symbol by this margin.
pub(crate) const QUIET_ZONE: usize = 4;
/// EPC069-12 caps the symbol at version 13 (69 × 69 modules) so phones read it from paper.
const MAX_VERSION: i16 = 13;

/// Draws `payload` as a QR code in the `size` × `size` square at (`x`, `y`), quiet zone
/// included. Error correction is level M, as EPC069-12 requires.
pub(crate) fn draw(
    sheet: &mut Sheet<'_, '_>,
    payload: &str,
    x: f32,
    y: f32,
    size: f32,
) -> Result<(), DocumentError> {
    let (version, colors) = symbol(payload)?;
    match version {
        Version::Normal(number) if number <= MAX_VERSION => {}
        other => {
            return Err(DocumentError(format!(
                "the EPC payload needs a QR code of version {other:?}; the standard allows up \
                 to {MAX_VERSION}"
            )));
        }
    }
    let width = usize::try_from(version.width()).unwrap_or_default();
    let module = size / modules(width + 2 * QUIET_ZONE);
    let mut squares = Vec::new();
    for (row, line) in colors.chunks(width).enumerate() {
        // One rectangle per run of dark modules: fewer path segments, and no seam a
        // rasteriser could show between neighbouring squares.
        let mut column = 0;
        while column < line.len() {
            let run = line
                .iter()
                .skip(column)
                .take_while(|&&color| color == Color::Dark)
                .count();
            if run > 0 {
                squares.push(Rect::from_xywh(
                    x + modules(QUIET_ZONE + column) * module,
                    y + modules(QUIET_ZONE + row) * module,
                    modules(run) * module,
                    module,
                ));
            }
            column += run.max(1);
        }
    }
    sheet.fill_rects(squares.into_iter().flatten());
    Ok(())
}

/// The symbol of `payload` at error correction level M: its version and its modules, row by
/// row. The mask is chosen as ISO/IEC 18004 §7.8.3 says (the lowest penalty of the eight),
/// with [`penalty`] below: the `qrcode` crate's own evaluation took most of a document's
/// rendering time.
fn symbol(payload: &str) -> Result<(Version, Vec<Color>), DocumentError> {
    let problem = |e: qrcode::types::QrError| DocumentError(format!("EPC QR code: {e}"));
    let bits = qrcode::bits::encode_auto(payload.as_bytes(), EcLevel::M).map_err(problem)?;
    let version = bits.version();
    let data = bits.into_bytes();
    let (encoded, ec) =
        qrcode::ec::construct_codewords(&data, version, EcLevel::M).map_err(problem)?;
    let mut unmasked = Canvas::new(version, EcLevel::M);
    unmasked.draw_all_functional_patterns();
    unmasked.draw_data(&encoded, &ec);
    let width = usize::try_from(version.width()).unwrap_or_default();
    let best = MASKS
        .iter()
        .map(|&mask| {
            let mut canvas = unmasked.clone();
            canvas.apply_mask(mask);
            let colors = canvas.into_colors();
            (penalty(width, &colors), colors)
        })
        .min_by_key(|(score, _)| *score)
        .map(|(_, colors)| colors)
        .unwrap_or_default();
    Ok((version, best))
}

const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The penalty of a masked symbol (ISO/IEC 18004 §7.8.3.1): runs of five or more modules of
/// one colour in a row or column (3 + the length beyond 5), 2 × 2 blocks of one colour (3
/// each), finder-like 1:1:3:1:1 patterns with four light modules on one side (40 each), and
/// the distance of the dark share from 50 % (10 per 5 %).
fn penalty(width: usize, colors: &[Color]) -> u32 {
    // Rows of the symbol, then its columns as rows, so that each rule reads plain slices.
    let rows: Vec<bool> = colors.iter().map(|&c| c == Color::Dark).collect();
    let mut columns = vec![false; rows.len()];
    for y in 0..width {
        for x in 0..width {
            columns[x * width + y] = rows[y * width + x];
        }
    }
    let mut score = 0_u32;
    for grid in [&rows, &columns] {
        for line in grid.chunks_exact(width) {
            score += line_penalty(line);
        }
    }
    for y in 1..width {
        let (above, here) = (
            &rows[(y - 1) * width..y * width],
            &rows[y * width..(y + 1) * width],
        );
        for x in 1..width {
            let c = here[x];
            if c == here[x - 1] && c == above[x] && c == above[x - 1] {
                score += 3;
            }
        }
    }
    let total = rows.len().max(1);
    let dark_count = rows.iter().filter(|&&dark| dark).count();
    let percent = dark_count * 100 / total;
    let steps = percent.abs_diff(50) / 5;
    score + 10 * u32::try_from(steps).unwrap_or(u32::MAX / 20)
}

/// The penalties of one row or column (`true` is dark): long runs and finder-like patterns.
fn line_penalty(line: &[bool]) -> u32 {
    let width = line.len();
    let mut score = 0_u32;
    let mut run = 1_u32;
    for i in 1..width {
        if line[i] == line[i - 1] {
            run += 1;
        } else {
            if run >= 5 {
                score += run - 2;
            }
            run = 1;
        }
    }
    if run >= 5 {
        score += run - 2;
    }
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    for i in 0..width.saturating_sub(6) {
        if line[i..i + 7] != FINDER {
            continue;
        }
        let light = |range: std::ops::Range<usize>| line[range].iter().all(|&dark| !dark);
        let before = i >= 4 && light(i - 4..i);
        let after = i + 11 <= width && light(i + 7..i + 11);
        if before || after {
            score += 40;
        }
    }
    score
}

/// A count of modules (at most 177 + 8) as a length factor.
fn modules(count: usize) -> f32 {
    u16::try_from(count).map_or(f32::from(u16::MAX), f32::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_penalty_counts_each_rule_of_the_standard() {
        let d = Color::Dark;
        let l = Color::Light;
        // 7 × 7, all light: runs of 7 in 14 lines (5 each), 36 blocks (3 each), 50 % away
        // from half dark (100).
        assert_eq!(penalty(7, &[l; 49]), 14 * 5 + 36 * 3 + 100);
        // A checkerboard has no run, no block, no finder pattern, and is about half dark
        // (25 of 49, 51 %: no step of 5 %).
        let checker: Vec<Color> = (0..49)
            .map(|i| if (i / 7 + i % 7) % 2 == 0 { d } else { l })
            .collect();
        assert_eq!(penalty(7, &checker), 0);
    }

    #[test]
    fn a_symbol_keeps_its_version_and_size() {
        let (version, colors) = symbol("BCD\n002\n1\nSCT\n").unwrap();
        let width = usize::try_from(version.width()).unwrap();
        assert_eq!(colors.len(), width * width);
    }
}
