//! The EPC QR code ("scan to pay") drawn as vector squares, so it stays sharp at any zoom and
//! on any printer, and adds no image to the file.

use std::sync::OnceLock;

use coopshares_app::documents::DocumentError;
use qrcode::canvas::{Canvas, MaskPattern, Module};
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
    let (version, rows) = symbol(payload)?;
    let width = usize::try_from(version.width()).unwrap_or_default();
    let module = size / modules(width + 2 * QUIET_ZONE);
    // In module units: every corner is a whole number.
    sheet.fill_grid(x, y, module, rectangles(&rows));
    Ok(())
}

/// The dark modules of `rows` (bit `x` of row `y` set when module (`x`, `y`) is dark) as
/// rectangles (column, row, columns, rows), quiet zone included in the coordinates: one per
/// run of dark modules in a row, stretched down over the rows below that have the same run.
/// Fewer path segments to write and to fill, and no seam a rasteriser could show between
/// neighbouring squares.
fn rectangles(rows: &[u128]) -> Vec<(u16, u16, u16, u16)> {
    let mut done = Vec::new();
    // Rectangles still open at the row above, by column: (column, columns, first row, rows).
    let mut open: Vec<(u16, u16, u16, u16)> = Vec::new();
    let mut next = Vec::new();
    for (y, &row) in (0_u16..).zip(rows) {
        let mut above = open.iter().peekable();
        for (x, run) in runs(row) {
            // Rectangles above that end before this run start are closed.
            while let Some(&&rect) = above.peek() {
                if rect.0 >= x {
                    break;
                }
                done.push(rect);
                above.next();
            }
            match above.peek() {
                Some(&&(column, columns, top, height)) if column == x && columns == run => {
                    next.push((column, columns, top, height + 1));
                    above.next();
                }
                _ => next.push((x, run, y, 1)),
            }
        }
        done.extend(above.copied());
        std::mem::swap(&mut open, &mut next);
        next.clear();
    }
    done.extend(open);
    let quiet = grid(QUIET_ZONE);
    done.into_iter()
        .map(|(x, width, y, height)| (x + quiet, y + quiet, width, height))
        .collect()
}

/// The runs of set bits of `line`: (first bit, length).
fn runs(mut line: u128) -> impl Iterator<Item = (u16, u16)> {
    let mut offset = 0_u32;
    std::iter::from_fn(move || {
        if line == 0 {
            return None;
        }
        let skip = line.trailing_zeros();
        line >>= skip;
        let length = (!line).trailing_zeros();
        line = line.checked_shr(length).unwrap_or(0);
        let run = (offset + skip, length);
        offset += skip + length;
        Some((
            u16::try_from(run.0).unwrap_or(u16::MAX),
            u16::try_from(run.1).unwrap_or(u16::MAX),
        ))
    })
}

/// The symbol of `payload` at error correction level M, as rows of bits (bit `x` of row `y`
/// set when module (`x`, `y`) is dark); and its version, at most [`MAX_VERSION`]. The mask
/// is chosen as ISO/IEC 18004 §7.8.3 says (the lowest penalty of the eight, the first of
/// equals), with [`penalty_below`]: the `qrcode` crate's own evaluation took most of a
/// document's rendering time. The eight candidates are scored as lines of bits
/// ([`MaskTables`]), each only until it is no better than the best so far.
fn symbol(payload: &str) -> Result<(Version, Vec<u128>), DocumentError> {
    let problem = |e: qrcode::types::QrError| DocumentError(format!("EPC QR code: {e}"));
    let bits = qrcode::bits::encode_auto(payload.as_bytes(), EcLevel::M).map_err(problem)?;
    let version = bits.version();
    let tables = match version {
        Version::Normal(number) if number <= MAX_VERSION => MaskTables::of(version),
        _ => None,
    }
    .ok_or_else(|| {
        DocumentError(format!(
            "the EPC payload needs a QR code of version {version:?}; the standard allows up \
             to {MAX_VERSION}"
        ))
    })?;
    let data = bits.into_bytes();
    let (encoded, ec) =
        qrcode::ec::construct_codewords(&data, version, EcLevel::M).map_err(problem)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    let dark = DataBits::read(&canvas, tables.width);
    let mut best: Option<(u32, Vec<u128>)> = None;
    for index in 0..MASKS.len() {
        let bound = best.as_ref().map_or(u32::MAX, |(score, _)| *score);
        let rows = tables.masked_rows(index, &dark);
        let columns = || tables.masked_columns(index, &dark);
        if let Some(score) = penalty_below(tables.width, &rows, columns, bound) {
            best = Some((score, rows));
        }
    }
    best.map(|(_, rows)| (version, rows))
        .ok_or_else(|| DocumentError("EPC QR code: no mask could be scored".to_owned()))
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

/// What each mask does to a symbol of one version, as lines of bits (bit `x` of a row, bit
/// `y` of a column), read once from the `qrcode` crate's own masking of an empty symbol: the
/// data area (every module that is not a pattern or format information), the modules a mask
/// turns dark there, and the dark modules outside it, format information of that mask
/// included. A symbol with data bits `d` is then, under mask `m`,
/// `outside[m] | ((d ^ flips[m]) & area)` line by line.
struct MaskTables {
    width: usize,
    area: Lines,
    flips: [Lines; 8],
    outside: [Lines; 8],
}

/// The rows and the columns of a square of modules.
#[derive(Default)]
struct Lines {
    rows: Vec<u128>,
    columns: Vec<u128>,
}

impl Lines {
    fn new(width: usize) -> Self {
        Self {
            rows: vec![0; width],
            columns: vec![0; width],
        }
    }

    fn set(&mut self, x: usize, y: usize) {
        self.rows[y] |= 1 << x;
        self.columns[x] |= 1 << y;
    }
}

/// The dark data modules of a symbol before masking.
struct DataBits(Lines);

impl DataBits {
    fn read(canvas: &Canvas, width: usize) -> Self {
        let mut dark = Lines::new(width);
        for_each_module(width, |x, y, at| {
            if canvas.get(x, y) == Module::Unmasked(Color::Dark) {
                dark.set(at.0, at.1);
            }
        });
        Self(dark)
    }
}

/// Calls `f` with each module's coordinates, as `qrcode` takes them and as indices.
fn for_each_module(width: usize, mut f: impl FnMut(i16, i16, (usize, usize))) {
    let Ok(size) = i16::try_from(width) else {
        return;
    };
    for y in 0..size {
        for x in 0..size {
            f(
                x,
                y,
                (usize::from(x.unsigned_abs()), usize::from(y.unsigned_abs())),
            );
        }
    }
}

/// The tables of each normal version, made on first use.
static TABLES: [OnceLock<Option<MaskTables>>; 40] = [const { OnceLock::new() }; 40];

impl MaskTables {
    /// The tables of `version`; `None` for a symbol wider than a line of bits (version 28 and
    /// up, far above what EPC069-12 allows) or a Micro QR code.
    fn of(version: Version) -> Option<&'static Self> {
        let Version::Normal(number) = version else {
            return None;
        };
        let slot = TABLES.get(usize::try_from(number).ok()?.checked_sub(1)?)?;
        slot.get_or_init(|| Self::read(version)).as_ref()
    }

    fn read(version: Version) -> Option<Self> {
        let width = usize::try_from(version.width()).ok()?;
        if width > 128 {
            return None;
        }
        let mut empty = Canvas::new(version, EcLevel::M);
        empty.draw_all_functional_patterns();
        let mut area = Lines::new(width);
        for_each_module(width, |x, y, at| {
            if empty.get(x, y) == Module::Empty {
                area.set(at.0, at.1);
            }
        });
        let mut flips: [Lines; 8] = Default::default();
        let mut outside: [Lines; 8] = Default::default();
        for ((mask, flip), out) in MASKS.iter().zip(&mut flips).zip(&mut outside) {
            let mut masked = empty.clone();
            masked.apply_mask(*mask);
            *flip = Lines::new(width);
            *out = Lines::new(width);
            for_each_module(width, |x, y, at| {
                if masked.get(x, y).is_dark() {
                    let in_area = empty.get(x, y) == Module::Empty;
                    if in_area { &mut *flip } else { &mut *out }.set(at.0, at.1);
                }
            });
        }
        Some(Self {
            width,
            area,
            flips,
            outside,
        })
    }

    /// The rows of the symbol with data bits `dark` under mask number `index`.
    fn masked_rows(&self, index: usize, dark: &DataBits) -> Vec<u128> {
        self.masked_lines(index, dark, |lines| &lines.rows)
    }

    /// The columns of the symbol with data bits `dark` under mask number `index`.
    fn masked_columns(&self, index: usize, dark: &DataBits) -> Vec<u128> {
        self.masked_lines(index, dark, |lines| &lines.columns)
    }

    /// One side's lines (rows or columns, as `side` picks them) of the masked symbol: outside
    /// the data area as drawn, inside it the data bits flipped where the mask flips them.
    fn masked_lines(
        &self,
        index: usize,
        dark: &DataBits,
        side: fn(&Lines) -> &Vec<u128>,
    ) -> Vec<u128> {
        side(&self.outside[index])
            .iter()
            .zip(side(&dark.0))
            .zip(side(&self.flips[index]))
            .zip(side(&self.area))
            .map(|(((o, d), f), a)| o | ((d ^ f) & a))
            .collect()
    }

    #[cfg(test)]
    fn masked(&self, index: usize, dark: &DataBits) -> (Vec<u128>, Vec<u128>) {
        (
            self.masked_rows(index, dark),
            self.masked_columns(index, dark),
        )
    }
}

/// The penalty of a masked symbol (ISO/IEC 18004 §7.8.3.1), from its modules; see
/// [`penalty_below`]. A symbol wider than 128 modules scores `u32::MAX`.
#[cfg(test)]
fn penalty(width: usize, colors: &[Color]) -> u32 {
    if width == 0 || width > 128 || colors.len() != width * width {
        return u32::MAX;
    }
    let mut lines = Lines::new(width);
    for (y, line) in colors.chunks_exact(width).enumerate() {
        for (x, color) in line.iter().enumerate() {
            if *color == Color::Dark {
                lines.set(x, y);
            }
        }
    }
    penalty_of_lines(width, &lines.rows, &lines.columns)
}

/// The penalty of a masked symbol of `width` modules, given its rows and columns.
#[cfg(test)]
fn penalty_of_lines(width: usize, rows: &[u128], columns: &[u128]) -> u32 {
    penalty_below(width, rows, || columns.to_vec(), u32::MAX).unwrap_or(u32::MAX)
}

/// The penalty of a masked symbol (ISO/IEC 18004 §7.8.3.1), if it is below `bound`: runs of
/// five or more modules of one colour in a row or column (3 + the length beyond 5), 2 × 2
/// blocks of one colour (3 each), finder-like 1:1:3:1:1 patterns with four light modules on
/// one side (40 each), and the distance of the dark share from 50 % (10 per 5 %). `None` as
/// soon as the score reaches `bound`: the columns are then not even made.
///
/// Each row and column is one `u128` (bit `x` of a row is module `x`, set when dark), so every
/// rule is a few shifts and bit counts per line.
fn penalty_below(
    width: usize,
    rows: &[u128],
    columns: impl FnOnce() -> Vec<u128>,
    bound: u32,
) -> Option<u32> {
    if width == 0 || width > 128 {
        return None;
    }
    let dark_count: u32 = rows.iter().map(|row| row.count_ones()).sum();
    let total = u32::try_from(width * width).unwrap_or(u32::MAX);
    let percent = dark_count * 100 / total;
    let mut score = 10 * (percent.abs_diff(50) / 5);
    // A block at x covers modules x and x + 1 of two neighbouring rows.
    let pairs = low_bits(width - 1);
    for pair in rows.windows(2) {
        let (above, here) = (pair[0], pair[1]);
        let same = !(above ^ here) & !(above ^ (above >> 1)) & !(here ^ (here >> 1)) & pairs;
        score += 3 * same.count_ones();
    }
    for &line in rows {
        score += line_penalty(width, line);
        if score >= bound {
            return None;
        }
    }
    for line in columns() {
        score += line_penalty(width, line);
        if score >= bound {
            return None;
        }
    }
    Some(score)
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
    f32::from(grid(count))
}

/// A count of modules as a grid coordinate; a symbol is at most 177 modules wide.
fn grid(count: usize) -> u16 {
    u16::try_from(count).unwrap_or(u16::MAX)
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

    /// An EPC payload whose remittance text names `repeat` people, and its symbol with the
    /// patterns and the data drawn, not masked yet.
    fn epc_symbol(repeat: usize) -> (String, Version, Canvas) {
        let payload = format!(
            "BCD\n002\n1\nSCT\nGEBABEBB\nCoopérative\nBE71096123456769\nEUR1000.00\n\n\
             +++090/9337/55493+++\n{}",
            "Léa Dupont ".repeat(repeat)
        );
        let bits = qrcode::bits::encode_auto(payload.as_bytes(), EcLevel::M).unwrap();
        let version = bits.version();
        let data = bits.into_bytes();
        let (encoded, ec) = qrcode::ec::construct_codewords(&data, version, EcLevel::M).unwrap();
        let mut canvas = Canvas::new(version, EcLevel::M);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&encoded, &ec);
        (payload, version, canvas)
    }

    #[test]
    fn the_penalty_agrees_with_the_rules_read_module_by_module() {
        // Every mask of real EPC payloads (from version 6 up), and a few irregular grids.
        let mut checked = 0;
        for repeat in [1, 4, 9] {
            let (_, version, unmasked) = epc_symbol(repeat);
            let width = usize::try_from(version.width()).unwrap();
            for mask in MASKS {
                let mut canvas = unmasked.clone();
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
    fn each_mask_scored_as_lines_of_bits_is_the_symbol_the_crate_draws() {
        // Versions 6 to 13; the chosen symbol is the one of lowest penalty, the first of
        // equals, as an evaluation of the eight drawn symbols finds it.
        let mut versions = Vec::new();
        for repeat in [1, 4, 9, 14, 20] {
            let (payload, version, canvas) = epc_symbol(repeat);
            let width = usize::try_from(version.width()).unwrap();
            let tables = MaskTables::of(version).unwrap();
            let dark = DataBits::read(&canvas, width);
            let mut lowest: Option<(u32, Vec<u128>)> = None;
            for (index, mask) in MASKS.iter().enumerate() {
                let mut drawn = canvas.clone();
                drawn.apply_mask(*mask);
                let colors = drawn.into_colors();
                let mut expected = Lines::new(width);
                for (y, line) in colors.chunks_exact(width).enumerate() {
                    for (x, _) in line.iter().enumerate().filter(|(_, c)| **c == Color::Dark) {
                        expected.set(x, y);
                    }
                }
                let (rows, columns) = tables.masked(index, &dark);
                assert_eq!(rows, expected.rows, "rows, mask {mask:?}");
                assert_eq!(columns, expected.columns, "columns, mask {mask:?}");
                let score = penalty(width, &colors);
                assert_eq!(score, penalty_of_lines(width, &rows, &columns));
                if lowest.as_ref().is_none_or(|(best, _)| score < *best) {
                    lowest = Some((score, expected.rows.clone()));
                }
            }
            assert_eq!(symbol(&payload).unwrap(), (version, lowest.unwrap().1));
            versions.push(version);
        }
        assert_eq!(versions.first(), Some(&Version::Normal(6)));
        assert_eq!(versions.last(), Some(&Version::Normal(13)));
    }

    #[test]
    fn a_grid_too_wide_for_a_line_of_bits_is_never_chosen() {
        assert_eq!(penalty(129, &[Color::Light; 129 * 129]), u32::MAX);
    }

    #[test]
    fn a_symbol_keeps_its_version_and_size() {
        let (version, rows) = symbol("BCD\n002\n1\nSCT\n").unwrap();
        let width = usize::try_from(version.width()).unwrap();
        assert_eq!(rows.len(), width);
        assert!(rows.iter().all(|row| row >> width == 0));
    }

    #[test]
    fn a_payload_beyond_version_13_is_refused() {
        let error = symbol(&"x".repeat(600)).unwrap_err();
        assert!(error.0.contains("allows up to 13"), "{error}");
    }

    #[test]
    fn the_rectangles_cover_each_dark_module_once_and_nothing_else() {
        for repeat in [1, 9, 20] {
            let (payload, _, _) = epc_symbol(repeat);
            let (_, rows) = symbol(&payload).unwrap();
            let rectangles = rectangles(&rows);
            let mut painted = vec![0_u128; rows.len()];
            for &(x, y, width, height) in &rectangles {
                let (x, y) = (usize::from(x) - QUIET_ZONE, usize::from(y) - QUIET_ZONE);
                let bits = low_bits(usize::from(width)) << x;
                for row in &mut painted[y..y + usize::from(height)] {
                    assert_eq!(*row & bits, 0, "painted twice");
                    *row |= bits;
                }
            }
            assert_eq!(painted, rows);
            // Runs repeated on the rows below are one rectangle: fewer than one per run.
            let row_runs: usize = rows.iter().map(|&row| runs(row).count()).sum();
            assert!(
                rectangles.len() < row_runs,
                "{} of {row_runs}",
                rectangles.len()
            );
        }
    }

    #[test]
    fn runs_are_read_from_either_end_of_a_line() {
        assert_eq!(runs(0).count(), 0);
        assert_eq!(
            runs(0b1011_0001).collect::<Vec<_>>(),
            [(0, 1), (4, 2), (7, 1)]
        );
        assert_eq!(runs(u128::MAX).collect::<Vec<_>>(), [(0, 128)]);
        assert_eq!(runs(1 << 127).collect::<Vec<_>>(), [(127, 1)]);
    }
}
