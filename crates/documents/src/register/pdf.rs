//! The register printed: landscape A4 pages, each headed by the cooperative's name, the date
//! of the register, its page number and the column headings, then as many members as fit.
//!
//! Rows are laid out (every text wrapped or cut to its column) as they are pushed and wait
//! until a page is full; the page is then drawn, written into the file (compressed) and the
//! rows dropped. The file itself grows in memory until the document is finished — the font is
//! subset only once every glyph used is known — so a printed register costs memory in
//! proportion to its length (about the size of the PDF). That is acceptable for a document meant to be printed; the
//! spreadsheet is the export for registers of any size.
//!
//! Pages carry their own number only ("Page 3"): the count of pages is known when the last
//! row is in, after the first pages are drawn.

use coopshares_app::documents::DocumentError;
use coopshares_app::format;
use coopshares_app::register::RegisterRow;
use coopshares_domain::money::Money;
use time::Date;
use time::macros::date;

use super::{Columns, Entry, Movement, RegisterHeading, Totals};
use crate::fonts::{self, Fonts};
use crate::layout::{A4_HEIGHT, A4_WIDTH, Align, MM, Sheet, Style, fitting_size};
use crate::pdf::{Metadata, PageStreams, PdfFile};

const PAGE_WIDTH: f32 = A4_HEIGHT;
const PAGE_HEIGHT: f32 = A4_WIDTH;
/// A table this wide needs the room: narrower margins than the letters'.
const MARGIN: f32 = 12.0 * MM;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Between two columns.
const GAP: f32 = 1.5 * MM;
/// Above and below the lines of a row.
const ROW_PADDING: f32 = 0.8 * MM;

const CELL: f32 = 6.5;
const HEADING: f32 = 6.0;
/// A number too wide for its column shrinks down to this size before it is cut.
const SMALLEST: f32 = 5.0;

/// Lines a text may take in its cell; the rest is cut with an ellipsis.
const NAME_LINES: usize = 2;
const ADDRESS_LINES: usize = 2;
const KIND_LINES: usize = 2;
const DATE_LINES: usize = 2;
/// Lines of transfers or withdrawals in a row; past them a last line counts the others.
const MOVEMENT_LINES: usize = 6;
const HEADING_LINES: usize = 2;

/// The widths of the columns that do not share the rest of the page.
const MEMBER_NUMBER_WIDTH: f32 = 11.0 * MM;
const MEMBER_WIDTH: f32 = 48.0 * MM;
const KIND_WIDTH: f32 = 20.0 * MM;
/// The narrowest date column; one as wide as the language's longest date when that is wider.
const DATE_WIDTH: f32 = 15.0 * MM;
const QUANTITY_WIDTH: f32 = 12.0 * MM;
const AMOUNT_WIDTH: f32 = 22.0 * MM;
/// The least a share type column narrows to when there are many types, and the least the
/// transfers and withdrawals keep between them.
const NARROWEST_SHARE_TYPE: f32 = 7.0 * MM;
const MOVEMENTS_WIDTH: f32 = 44.0 * MM;

/// How a line of a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Regular,
    Bold,
    Grey,
}

/// One line of a cell, ready to draw.
#[derive(Debug)]
struct Line {
    text: String,
    tone: Tone,
    /// Smaller than the cell's size for a number shrunk to fit.
    size: f32,
}

/// One row of the table, laid out: the lines of each cell, in the order of the columns.
#[derive(Debug)]
struct Row {
    cells: Vec<Vec<Line>>,
    height: f32,
}

/// A column: where it starts, how wide it is, which side its text keeps to.
#[derive(Debug, Clone, Copy)]
struct Column {
    left: f32,
    width: f32,
    align: Align,
}

impl Column {
    fn x(self) -> f32 {
        match self.align {
            Align::Left => self.left,
            Align::Right => self.left + self.width,
            Align::Center => self.left + self.width / 2.0,
        }
    }
}

/// The page's fixed parts, computed once: the title lines, the columns and their headings.
#[derive(Debug)]
struct Layout {
    fonts: &'static Fonts,
    columns: Columns,
    register_on: String,
    table: Vec<Column>,
    /// The headings' lines, per column.
    headings: Vec<Vec<String>>,
    /// Where the first row starts on every page.
    table_top: f32,
}

/// The indices of the columns: seven fixed ones, then one per share type.
const MEMBER_NUMBER: usize = 0;
const MEMBER: usize = 1;
const KIND: usize = 2;
const ENTRY_DATE: usize = 3;
const EXIT_DATE: usize = 4;
const FIRST_SHARE_TYPE: usize = 5;

impl Layout {
    fn new(columns: Columns) -> Result<Self, DocumentError> {
        let fonts = fonts::fonts()?;
        let labels = columns.labels;
        let regular = Style::new(&fonts.regular, CELL);
        let longest_date = format::date(date!(2026 - 09 - 30), columns.language);
        let date_width = DATE_WIDTH.max(regular.face.width(&longest_date, CELL) + 0.5 * MM);
        let table = table(columns.share_types.len(), date_width);

        let heading = Style::new(&fonts.bold, HEADING);
        let mut texts: Vec<Vec<String>> = vec![
            vec![labels.member_number.to_owned()],
            vec![labels.name.to_owned(), labels.address.to_owned()],
            vec![labels.kind.to_owned(), labels.enterprise_number.to_owned()],
            vec![labels.entry_date.to_owned()],
            vec![labels.exit_date.to_owned()],
        ];
        texts.extend(
            columns
                .share_types
                .iter()
                .map(|column| vec![column.code.clone(), column.name.clone()]),
        );
        texts.extend([
            vec![labels.total_shares.to_owned()],
            vec![labels.paid.to_owned()],
            vec![labels.transfers.to_owned()],
            vec![labels.withdrawals.to_owned()],
            vec![labels.paid_out.to_owned()],
        ]);
        let headings: Vec<Vec<String>> = texts
            .iter()
            .zip(&table)
            .map(|(parts, column)| {
                parts
                    .iter()
                    .filter(|part| !part.is_empty())
                    .flat_map(|part| heading.wrap(part, column.width, HEADING_LINES))
                    .collect()
            })
            .collect();
        let heading_lines = headings.iter().map(Vec::len).max().unwrap_or(1);
        let table_top = MARGIN
            + title_height()
            + 4.0 * MM
            + heading.leading() * count(heading_lines)
            + 1.5 * MM;

        Ok(Self {
            fonts,
            register_on: columns.register_on(),
            columns,
            table,
            headings,
            table_top,
        })
    }

    fn bottom(&self) -> f32 {
        PAGE_HEIGHT - MARGIN
    }

    fn cell(&self) -> Style<'static> {
        Style::new(&self.fonts.regular, CELL)
    }

    fn column(&self, index: usize) -> Column {
        self.table.get(index).copied().unwrap_or(Column {
            left: MARGIN,
            width: 0.0,
            align: Align::Left,
        })
    }

    /// Lays out one member's row.
    fn row(&self, entry: &Entry) -> Row {
        let cell = self.cell();
        let bold = Style::new(&self.fonts.bold, CELL);
        let language = self.columns.language;
        let width = |index| self.column(index).width;
        let types = self.columns.share_types.len();

        let mut member = lines(
            bold.wrap(&entry.name, width(MEMBER), NAME_LINES),
            Tone::Bold,
        );
        member.extend(lines(
            cell.wrap(&entry.address, width(MEMBER), ADDRESS_LINES),
            Tone::Grey,
        ));
        let mut kind = lines(
            cell.wrap(self.columns.kind(entry.kind), width(KIND), KIND_LINES),
            Tone::Regular,
        );
        if let Some(number) = &entry.enterprise_number {
            kind.push(self.number(number, width(KIND), Tone::Grey));
        }
        let date = |date: Option<Date>, index| {
            date.map_or_else(Vec::new, |date| {
                lines(
                    cell.wrap(&format::date(date, language), width(index), DATE_LINES),
                    Tone::Regular,
                )
            })
        };

        let mut cells = vec![
            entry
                .member_number
                .map(|number| {
                    vec![self.number(&number.to_string(), width(MEMBER_NUMBER), Tone::Regular)]
                })
                .unwrap_or_default(),
            member,
            kind,
            date(entry.entry_date, ENTRY_DATE),
            date(entry.exit_date, EXIT_DATE),
        ];
        cells.extend(entry.quantities.iter().enumerate().map(|(i, quantity)| {
            if *quantity == 0 {
                Vec::new()
            } else {
                vec![self.number(
                    &quantity.to_string(),
                    width(FIRST_SHARE_TYPE + i),
                    Tone::Regular,
                )]
            }
        }));
        let first_after_types = FIRST_SHARE_TYPE + types;
        cells.extend([
            vec![self.number(
                &entry.total_quantity.to_string(),
                width(first_after_types),
                Tone::Bold,
            )],
            vec![self.number(
                &format::money(entry.paid, language),
                width(first_after_types + 1),
                Tone::Regular,
            )],
            self.movements(&entry.transfers, width(first_after_types + 2)),
            self.movements(&entry.withdrawals, width(first_after_types + 3)),
            entry
                .paid_out
                .map(|paid_out| {
                    vec![self.number(
                        &format::money(paid_out, language),
                        width(first_after_types + 4),
                        Tone::Regular,
                    )]
                })
                .unwrap_or_default(),
        ]);
        self.sized(cells)
    }

    /// The totals row: the label under the names, the sums under their columns.
    fn totals(&self, totals: &Totals) -> Row {
        let language = self.columns.language;
        let bold = Style::new(&self.fonts.bold, CELL);
        let width = |index| self.column(index).width;
        let types = self.columns.share_types.len();
        let money = |money: Money, index| {
            vec![self.number(&format::money(money, language), width(index), Tone::Bold)]
        };
        let mut cells = vec![
            Vec::new(),
            lines(
                vec![bold.truncate(self.columns.labels.total, width(MEMBER))],
                Tone::Bold,
            ),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        ];
        cells.extend(totals.quantities.iter().enumerate().map(|(i, quantity)| {
            vec![self.number(
                &quantity.to_string(),
                width(FIRST_SHARE_TYPE + i),
                Tone::Bold,
            )]
        }));
        let first_after_types = FIRST_SHARE_TYPE + types;
        cells.extend([
            vec![self.number(
                &totals.quantity.to_string(),
                width(first_after_types),
                Tone::Bold,
            )],
            money(totals.paid, first_after_types + 1),
            Vec::new(),
            Vec::new(),
            money(totals.paid_out, first_after_types + 4),
        ]);
        self.sized(cells)
    }

    fn sized(&self, cells: Vec<Vec<Line>>) -> Row {
        let most = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        Row {
            height: self.cell().leading() * count(most) + 2.0 * ROW_PADDING,
            cells,
        }
    }

    /// A number (or a short code) on one line, shrunk to fit `width` and cut only if it still
    /// does not.
    fn number(&self, text: &str, width: f32, tone: Tone) -> Line {
        let style = self.style(tone);
        let size = fitting_size(style.face, text, CELL, SMALLEST, width);
        Line {
            text: style.sized(size).truncate(text, width),
            tone,
            size,
        }
    }

    /// Transfers or withdrawals, each on its own line, or on two (the date, then what moved)
    /// when the column is too narrow; when they take more lines than a row allows, the last
    /// line says how many more there are.
    fn movements(&self, movements: &[Movement], width: f32) -> Vec<Line> {
        let cell = self.cell();
        let mut shown: Vec<String> = Vec::new();
        for (i, movement) in movements.iter().enumerate() {
            let whole = movement.to_string();
            let lines = if cell.face.width(&whole, CELL) <= width {
                vec![whole]
            } else {
                vec![
                    cell.truncate(&movement.date, width),
                    cell.truncate(&movement.what, width),
                ]
            };
            // The last line is kept for the count while more movements follow.
            let room = if i + 1 < movements.len() {
                MOVEMENT_LINES - 1
            } else {
                MOVEMENT_LINES
            };
            if shown.len() + lines.len() > room {
                let more = movements.len() - i;
                shown.push(cell.truncate(&format!("… (+{more})"), width));
                break;
            }
            shown.extend(lines);
        }
        lines(shown, Tone::Regular)
    }

    fn style(&self, tone: Tone) -> Style<'static> {
        match tone {
            Tone::Regular => Style::new(&self.fonts.regular, CELL),
            Tone::Bold => Style::new(&self.fonts.bold, CELL),
            Tone::Grey => Style::new(&self.fonts.regular, CELL).grey(),
        }
    }

    /// Draws one page: its head, the rows, and the totals when it is the last page.
    fn draw(&self, sheet: &mut Sheet<'_, '_>, page: u32, rows: &[Row], totals: Option<&Row>) {
        let right = PAGE_WIDTH - MARGIN;
        let name = Style::new(&self.fonts.bold, 11.0);
        let subtitle = Style::new(&self.fonts.regular, 9.0);
        let page_style = Style::new(&self.fonts.regular, 8.0).grey();

        let page_label = self
            .columns
            .labels
            .page
            .replace("{page}", &page.to_string());
        let mut y = MARGIN + name.size;
        let page_width = sheet.text(page_style, right, y, Align::Right, &page_label);
        sheet.text(
            name,
            MARGIN,
            y,
            Align::Left,
            &name.truncate(
                &self.columns.cooperative,
                CONTENT_WIDTH - page_width - 10.0 * MM,
            ),
        );
        y += subtitle.leading() + 1.0 * MM;
        sheet.text(
            subtitle,
            MARGIN,
            y,
            Align::Left,
            &subtitle.truncate(&self.register_on, CONTENT_WIDTH),
        );

        // Headings stand on a common last line, above the rule.
        let heading = Style::new(&self.fonts.bold, HEADING).grey();
        let rule = self.table_top - 1.0 * MM;
        for (column, lines) in self.table.iter().zip(&self.headings) {
            let last = rule - 1.0 * MM - heading.size * 0.25;
            let mut baseline = last - heading.leading() * count(lines.len().saturating_sub(1));
            for line in lines {
                sheet.text(heading, column.x(), baseline, column.align, line);
                baseline += heading.leading();
            }
        }
        sheet.rule(MARGIN, right, rule, 0.6);

        let mut top = self.table_top;
        for row in rows {
            self.draw_row(sheet, row, top);
            top += row.height;
            sheet.rule(MARGIN, right, top, 0.1);
        }
        if let Some(totals) = totals {
            sheet.rule(MARGIN, right, top, 0.8);
            self.draw_row(sheet, totals, top + 0.5 * MM);
        }
    }

    fn draw_row(&self, sheet: &mut Sheet<'_, '_>, row: &Row, top: f32) {
        let leading = self.cell().leading();
        for (column, lines) in self.table.iter().zip(&row.cells) {
            let mut baseline = top + ROW_PADDING + CELL;
            for line in lines {
                let style = self.style(line.tone).sized(line.size);
                sheet.text(style, column.x(), baseline, column.align, &line.text);
                baseline += leading;
            }
        }
    }
}

/// The columns for `types` share types. Everything but the share types and the movements has
/// a set width; the share types take what they need of the rest, narrowing when there are
/// many, and the transfers and withdrawals share what is left. When even that is too wide
/// (a dozen share types), every column narrows alike: their texts are fitted to the widths,
/// so a cramped table is still legible and never runs past the margin.
fn table(types: usize, date_width: f32) -> Vec<Column> {
    let fixed = MEMBER_NUMBER_WIDTH
        + MEMBER_WIDTH
        + KIND_WIDTH
        + 2.0 * date_width
        + QUANTITY_WIDTH
        + 2.0 * AMOUNT_WIDTH;
    let columns = FIRST_SHARE_TYPE + types + 5;
    let gaps = GAP * count(columns - 1);
    let room = CONTENT_WIDTH - fixed - gaps;
    let share_type_width = if types == 0 {
        0.0
    } else {
        ((room - MOVEMENTS_WIDTH) / count(types)).clamp(NARROWEST_SHARE_TYPE, QUANTITY_WIDTH)
    };
    let movements = (room - share_type_width * count(types)).max(MOVEMENTS_WIDTH);

    let mut widths = vec![
        (MEMBER_NUMBER_WIDTH, Align::Right),
        (MEMBER_WIDTH, Align::Left),
        (KIND_WIDTH, Align::Left),
        (date_width, Align::Left),
        (date_width, Align::Left),
    ];
    widths.extend((0..types).map(|_| (share_type_width, Align::Right)));
    widths.extend([
        (QUANTITY_WIDTH, Align::Right),
        (AMOUNT_WIDTH, Align::Right),
        (movements * 0.6, Align::Left),
        (movements * 0.4, Align::Left),
        (AMOUNT_WIDTH, Align::Right),
    ]);
    let total: f32 = widths.iter().map(|(width, _)| width).sum();
    let scale = ((CONTENT_WIDTH - gaps) / total).min(1.0);
    let mut left = MARGIN;
    widths
        .into_iter()
        .map(|(width, align)| {
            let column = Column {
                left,
                width: width * scale,
                align,
            };
            left += column.width + GAP;
            column
        })
        .collect()
}

/// The height of the page's head above the headings: the name, then the date line.
fn title_height() -> f32 {
    11.0 + 9.0 * 1.3 + 1.0 * MM
}

fn lines(texts: Vec<String>, tone: Tone) -> Vec<Line> {
    texts
        .into_iter()
        .map(|text| Line {
            text,
            tone,
            size: CELL,
        })
        .collect()
}

/// A number of lines or columns as a multiplier.
fn count(n: usize) -> f32 {
    u16::try_from(n).map_or(f32::from(u16::MAX), f32::from)
}

/// Writes the register as a PDF, a page of rows at a time.
///
/// Rows wait until a page is full and are then drawn; the file grows in memory until
/// [`RegisterPdf::finish`] (the font is written only then): a
/// register of a few thousand members is a few megabytes. For registers of any size, the
/// spreadsheet ([`super::RegisterXlsx`]) streams to a temporary file instead.
pub struct RegisterPdf {
    document: PdfFile,
    layout: Layout,
    /// Rows laid out and not drawn yet: at most one page's worth.
    pending: Vec<Row>,
    /// Where the next row would start on the current page.
    cursor: f32,
    /// Pages drawn so far.
    pages: u32,
    totals: Totals,
}

impl std::fmt::Debug for RegisterPdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterPdf")
            .field("pages", &self.pages)
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

impl RegisterPdf {
    /// Starts the document; nothing is drawn until a page is full or the register finished.
    pub fn new(heading: RegisterHeading) -> Result<Self, DocumentError> {
        let columns = Columns::new(&heading)?;
        let totals = Totals::new(&columns);
        let layout = Layout::new(columns)?;
        let document = PdfFile::new(
            PageStreams::Compressed,
            Metadata {
                title: format!("{} — {}", layout.columns.cooperative, layout.register_on),
                language: layout.columns.language.code().to_owned(),
            },
        );
        Ok(Self {
            document,
            cursor: layout.table_top,
            layout,
            pending: Vec::new(),
            pages: 0,
            totals,
        })
    }

    /// Lays out one page of rows, drawing each page of the register as it fills.
    pub fn push(&mut self, rows: &[RegisterRow]) -> Result<(), DocumentError> {
        for row in rows {
            let entry = self.layout.columns.entry(row)?;
            self.totals.add(&entry)?;
            let row = self.layout.row(&entry);
            if !self.pending.is_empty() && self.cursor + row.height > self.layout.bottom() {
                self.draw_page(None);
            }
            self.cursor += row.height;
            self.pending.push(row);
        }
        Ok(())
    }

    /// Draws the last page (with the totals if `totals_row`, on a page of their own when they
    /// do not fit under the last rows) and returns the PDF.
    pub fn finish(mut self, totals_row: bool) -> Result<Vec<u8>, DocumentError> {
        if totals_row {
            let totals = self.layout.totals(&self.totals);
            if !self.pending.is_empty()
                && self.cursor + 0.5 * MM + totals.height > self.layout.bottom()
            {
                self.draw_page(None);
            }
            self.draw_page(Some(&totals));
        } else if !self.pending.is_empty() || self.pages == 0 {
            self.draw_page(None);
        }
        self.document.finish()
    }

    fn draw_page(&mut self, totals: Option<&Row>) {
        self.pages += 1;
        let mut page = self.document.page(PAGE_WIDTH, PAGE_HEIGHT);
        self.layout.draw(
            &mut Sheet::new(&mut page),
            self.pages,
            &self.pending,
            totals,
        );
        page.finish();
        self.pending.clear();
        self.cursor = self.layout.table_top;
    }
}

#[cfg(test)]
mod tests {
    use coopshares_domain::language::Language;
    use coopshares_domain::money::Currency;

    use super::*;
    use crate::labels::register_labels;

    fn layout() -> Layout {
        Layout::new(Columns {
            cooperative: "Énergie Coopérative SC".to_owned(),
            as_of: date!(2026 - 03 - 31),
            language: Language::En,
            labels: register_labels(Language::En),
            share_types: Vec::new(),
            currency: Currency::EUR,
        })
        .unwrap()
    }

    fn movement(date: &str, what: &str) -> Movement {
        Movement {
            date: date.to_owned(),
            what: what.to_owned(),
        }
    }

    #[test]
    fn a_movement_too_wide_for_its_column_breaks_after_its_date() {
        let layout = layout();
        let wide = [movement("20 November 2025", "+2 A from #12")];
        let one = layout.movements(&wide, 200.0);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].text, "20 November 2025 +2 A from #12");
        let two = layout.movements(&wide, 80.0);
        let texts: Vec<&str> = two.iter().map(|line| line.text.as_str()).collect();
        assert_eq!(texts, ["20 November 2025", "+2 A from #12"]);
    }

    #[test]
    fn movements_past_the_lines_of_a_row_are_counted_on_its_last_line() {
        let layout = layout();
        let many: Vec<Movement> = (1..=10)
            .map(|day| movement(&format!("{day} May 2025"), "+1 A from #3"))
            .collect();
        let lines = layout.movements(&many, 200.0);
        assert_eq!(lines.len(), MOVEMENT_LINES);
        assert_eq!(lines[MOVEMENT_LINES - 2].text, "5 May 2025 +1 A from #3");
        assert_eq!(lines[MOVEMENT_LINES - 1].text, "… (+5)");
        // As many as fit are shown whole, with no count.
        let fitting = layout.movements(&many[..MOVEMENT_LINES], 200.0);
        assert_eq!(fitting.len(), MOVEMENT_LINES);
        assert!(fitting.iter().all(|line| !line.text.contains('…')));
    }

    #[test]
    fn the_table_ends_at_the_right_margin_however_many_share_types() {
        for types in 0..40 {
            let table = table(types, 22.0 * MM);
            assert_eq!(table.len(), FIRST_SHARE_TYPE + types + 5);
            let last = table.last().unwrap();
            assert!(
                last.left + last.width <= PAGE_WIDTH - MARGIN + 0.01,
                "{types} types end at {} mm",
                (last.left + last.width) / MM
            );
            for pair in table.windows(2) {
                assert!(
                    pair[0].left + pair[0].width < pair[1].left,
                    "{types} types overlap"
                );
            }
        }
    }

    #[test]
    fn two_share_types_keep_their_full_width_and_room_for_the_movements() {
        let table = table(2, 22.0 * MM);
        assert_eq!(table[FIRST_SHARE_TYPE].width, QUANTITY_WIDTH);
        let movements = table[FIRST_SHARE_TYPE + 4].width + table[FIRST_SHARE_TYPE + 5].width;
        assert!(movements >= MOVEMENTS_WIDTH - 0.01, "{} mm", movements / MM);
    }
}
