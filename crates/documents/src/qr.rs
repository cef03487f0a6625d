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
                    modules(QUIET_ZONE + column),
                    modules(QUIET_ZONE + row),
                    modules(run),
                    1.0,
                ));
            }
            column += run.max(1);
        }
    }
    // In module units: every corner is a whole number.
    sheet.fill_grid(x, y, module, squares.into_iter().flatten());
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
///
/// Each row and column is one `u128` (bit `x` is module `x`, set when dark), so every rule is
/// a few shifts and bit counts per line; eight masks are scored per document. A symbol wider
/// than 128 modules (version 28 and up, far above what EPC069-12 allows) scores `u32::MAX`.
fn penalty(width: usize, colors: &[Color]) -> u32 {
    if width == 0 || width > 128 || colors.len() != width * width {
        return u32::MAX;
    }
    let mut rows = vec![0_u128; width];
    let mut columns = vec![0_u128; width];
    for ((y, line), row) in colors.chunks_exact(width).enumerate().zip(&mut rows) {
        for ((x, color), column) in line.iter().enumerate().zip(&mut columns) {
            let dark = u128::from(*color == Color::Dark);
            *row |= dark << x;
            *column |= dark << y;
        }
    }
    let mut score = 0_u32;
    for &line in rows.iter().chain(&columns) {
        score += line_penalty(width, line);
    }
    // A block at x covers modules x and x + 1 of two neighbouring rows.
    let pairs = low_bits(width - 1);
    for pair in rows.windows(2) {
        let (above, here) = (pair[0], pair[1]);
        let same = !(above ^ here) & !(above ^ (above >> 1)) & !(here ^ (here >> 1)) & pairs;
        score += 3 * same.count_ones();
    }
    let dark_count: u32 = rows.iter().map(|row| row.count_ones()).sum();
    let total = u32::try_from(width * width).unwrap_or(u32::MAX);
    let percent = dark_count * 100 / total;
    score + 10 * (percent.abs_diff(50) / 5)
}

/// The `count` lowest bits set.
fn low_bits(count: usize) -> u128 {
    match count {
        0 => 0,
        128.. => u128::MAX,
        _ => (1 << count) - 1,
    }
}

/// The penalties of one row or column of `width` modules (bit `x` set when module `x` is
/// dark): long runs and finder-like patterns.
fn line_penalty(width: usize, line: u128) -> u32 {
    let within = low_bits(width);
    let mut score = long_runs(line & within) + long_runs(!line & within);
    // Dark, light, dark × 3, light, dark, from bit i up.
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    if width >= 7 {
        let mut found = low_bits(width - 6);
        for (k, dark) in FINDER.into_iter().enumerate() {
            let shifted = line >> k;
            found &= if dark { shifted } else { !shifted };
        }
        while found != 0 {
            let i = found.trailing_zeros() as usize;
            found &= found - 1;
            let light = |from: usize| (line >> from) & 0xF == 0;
            let before = i >= 4 && light(i - 4);
            let after = i + 11 <= width && light(i + 7);
            if before || after {
                score += 40;
            }
        }
    }
    score
}

/// The penalty of the runs of five or more set bits in `line`: 3 for each, and 1 for each bit
/// past the fifth. A run of `n` ≥ 5 starts a run of five at `n - 4` places, one of which is
/// its first bit: `n - 2` is those places plus 2 per first bit.
fn long_runs(line: u128) -> u32 {
    let fives = line & (line >> 1) & (line >> 2) & (line >> 3) & (line >> 4);
    let firsts = fives & !(fives << 1);
    fives.count_ones() + 2 * firsts.count_ones()
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

    /// The rules of [`penalty`] read module by module, as the standard states them.
    fn penalty_by_module(width: usize, colors: &[Color]) -> u32 {
        let dark = |x: usize, y: usize| colors[y * width + x] == Color::Dark;
        let mut score = 0;
        for transposed in [false, true] {
            for a in 0..width {
                let at = |b: usize| if transposed { dark(a, b) } else { dark(b, a) };
                let mut run = 1;
                for b in 1..=width {
                    if b < width && at(b) == at(b - 1) {
                        run += 1;
                    } else {
                        if run >= 5 {
                            score += run - 2;
                        }
                        run = 1;
                    }
                }
                for b in 0..width.saturating_sub(6) {
                    let pattern = [true, false, true, true, true, false, true];
                    if (0..7).any(|k| at(b + k) != pattern[k]) {
                        continue;
                    }
                    let before = b >= 4 && (b - 4..b).all(|k| !at(k));
                    let after = b + 11 <= width && (b + 7..b + 11).all(|k| !at(k));
                    if before || after {
                        score += 40;
                    }
                }
            }
        }
        for y in 1..width {
            for x in 1..width {
                let c = dark(x, y);
                if c == dark(x - 1, y) && c == dark(x, y - 1) && c == dark(x - 1, y - 1) {
                    score += 3;
                }
            }
        }
        let dark_count = colors.iter().filter(|&&c| c == Color::Dark).count();
        let percent = dark_count * 100 / colors.len();
        score + 10 * u32::try_from(percent.abs_diff(50) / 5).unwrap()
    }

    #[test]
    fn the_penalty_agrees_with_the_rules_read_module_by_module() {
        // Every mask of real EPC payloads (versions 5 to 13), and a few irregular grids.
        let mut checked = 0;
        for repeat in [1, 4, 9] {
            let payload = format!(
                "BCD\n002\n1\nSCT\nGEBABEBB\nCoopérative\nBE71096123456769\nEUR1000.00\n\n\
                 +++090/9337/55493+++\n{}",
                "Léa Dupont ".repeat(repeat)
            );
            let bits = qrcode::bits::encode_auto(payload.as_bytes(), EcLevel::M).unwrap();
            let version = bits.version();
            let data = bits.into_bytes();
            let (encoded, ec) =
                qrcode::ec::construct_codewords(&data, version, EcLevel::M).unwrap();
            let width = usize::try_from(version.width()).unwrap();
            for mask in MASKS {
                let mut canvas = Canvas::new(version, EcLevel::M);
                canvas.draw_all_functional_patterns();
                canvas.draw_data(&encoded, &ec);
                canvas.apply_mask(mask);
                let colors = canvas.into_colors();
                assert_eq!(penalty(width, &colors), penalty_by_module(width, &colors));
                checked += 1;
            }
        }
        for (width, seed) in [(7, 3_u64), (21, 11), (64, 5), (69, 1234), (128, 77)] {
            let mut state = seed;
            let colors: Vec<Color> = (0..width * width)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    if (state >> 33) % 3 == 0 {
                        Color::Light
                    } else {
                        Color::Dark
                    }
                })
                .collect();
            assert_eq!(penalty(width, &colors), penalty_by_module(width, &colors));
            checked += 1;
        }
        assert_eq!(checked, 29);
    }

    #[test]
    fn a_grid_too_wide_for_a_line_of_bits_is_never_chosen() {
        assert_eq!(penalty(129, &[Color::Light; 129 * 129]), u32::MAX);
    }

    #[test]
    fn a_symbol_keeps_its_version_and_size() {
        let (version, colors) = symbol("BCD\n002\n1\nSCT\n").unwrap();
        let width = usize::try_from(version.width()).unwrap();
        assert_eq!(colors.len(), width * width);
    }
}
