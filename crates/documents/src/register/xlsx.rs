//! The register as one worksheet: a title row, a header row, one row per member and, when
//! asked, a totals row.
//!
//! The worksheet is in `rust_xlsxwriter`'s constant memory mode: each row is written to a
//! temporary file as soon as the next one starts, with its strings inline, so memory does
//! not grow with the register. What that costs: rows go in order, never back (which is how
//! the register is read anyway), and the temporary file lives in the system's temporary
//! directory until the workbook is saved.

use std::io::Write;

use coopshares_app::documents::DocumentError;
use coopshares_app::register::RegisterRow;
use coopshares_domain::language::Language;
use coopshares_domain::money::Money;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, RowNum, Workbook,
    Worksheet, XlsxError,
};
use time::Date;

use super::{Columns, Entry, RegisterHeading, Totals};

/// The row of the title, of the column headings, and the first member's.
const TITLE_ROW: RowNum = 0;
const HEADER_ROW: RowNum = 1;
const FIRST_ROW: RowNum = 2;

/// Deflate's level for the file. Compressing is most of what saving a large register costs;
/// on 200,000 members level 3 saves in 1.7 s a file of 9.8 MB, where the default (6) takes
/// 2.35 s for 8.3 MB and level 1 takes 1.5 s for 14.3 MB (held in memory until it is sent).
const ZIP_LEVEL: u8 = 3;

/// A4 in Excel's list of paper sizes.
const A4: u8 = 9;

/// Where each column stands: seven fixed ones, then one per share type, then six more.
#[derive(Debug, Clone, Copy)]
struct Layout {
    share_types: ColNum,
}

impl Layout {
    const MEMBER_NUMBER: ColNum = 0;
    const NAME: ColNum = 1;
    const KIND: ColNum = 2;
    const ADDRESS: ColNum = 3;
    const ENTERPRISE_NUMBER: ColNum = 4;
    const ENTRY_DATE: ColNum = 5;
    const EXIT_DATE: ColNum = 6;
    const FIRST_SHARE_TYPE: ColNum = 7;

    fn share_type(self, index: usize) -> ColNum {
        // `new` checked that every share type's column fits a `ColNum`.
        Self::FIRST_SHARE_TYPE + ColNum::try_from(index).unwrap_or(ColNum::MAX)
    }

    fn total_shares(self) -> ColNum {
        Self::FIRST_SHARE_TYPE + self.share_types
    }

    fn paid(self) -> ColNum {
        self.total_shares() + 1
    }

    fn currency(self) -> ColNum {
        self.total_shares() + 2
    }

    fn transfers(self) -> ColNum {
        self.total_shares() + 3
    }

    fn withdrawals(self) -> ColNum {
        self.total_shares() + 4
    }

    fn paid_out(self) -> ColNum {
        self.total_shares() + 5
    }
}

/// The cell formats, registered once with the workbook.
#[derive(Debug)]
struct Formats {
    title: Format,
    header: Format,
    header_number: Format,
    text: Format,
    quantity: Format,
    money: Format,
    date: Format,
    total_label: Format,
    total_quantity: Format,
    total_money: Format,
    total_text: Format,
}

impl Formats {
    fn new(columns: &Columns) -> Self {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border_bottom(FormatBorder::Thin);
        let quantity = "#,##0";
        let money = money_format(columns.currency.minor_units());
        let total = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        Self {
            title: Format::new().set_bold().set_font_size(14),
            header_number: header.clone().set_align(FormatAlign::Right),
            header,
            text: Format::new().set_align(FormatAlign::Top),
            quantity: Format::new()
                .set_num_format(quantity)
                .set_align(FormatAlign::Top),
            money: Format::new()
                .set_num_format(&money)
                .set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format(date_format(columns.language))
                .set_align(FormatAlign::Top),
            total_label: total.clone(),
            total_quantity: total.clone().set_num_format(quantity),
            total_money: total.clone().set_num_format(&money),
            total_text: total,
        }
    }
}

/// `#,##0.00` for a currency with cents; Excel shows the separators of the reader's locale.
fn money_format(minor_units: u32) -> String {
    match minor_units {
        0 => "#,##0".to_owned(),
        units => format!("#,##0.{}", "0".repeat(usize::try_from(units).unwrap_or(2))),
    }
}

/// Dates as `coopshares_app::format::date` writes them in each language.
fn date_format(language: Language) -> &'static str {
    match language {
        Language::Fr => "dd/mm/yyyy",
        Language::Nl => "dd-mm-yyyy",
        Language::En => "d mmmm yyyy",
        Language::De => "dd.mm.yyyy",
    }
}

/// Writes the register as an XLSX workbook, a page of rows at a time, in constant memory.
pub struct RegisterXlsx {
    workbook: Workbook,
    columns: Columns,
    layout: Layout,
    formats: Formats,
    /// The next row to write.
    row: RowNum,
    totals: Totals,
}

impl std::fmt::Debug for RegisterXlsx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterXlsx")
            .field("columns", &self.columns)
            .field("row", &self.row)
            .finish_non_exhaustive()
    }
}

impl RegisterXlsx {
    /// Starts the workbook: its worksheet (and the temporary file behind it), the title row and
    /// the header row.
    pub fn new(heading: RegisterHeading) -> Result<Self, DocumentError> {
        let columns = Columns::new(&heading)?;
        let layout = Layout {
            share_types: ColNum::try_from(columns.share_types.len())
                .ok()
                .filter(|count| *count <= 16_000)
                .ok_or_else(|| {
                    DocumentError(format!(
                        "register: {} share types do not fit a worksheet",
                        columns.share_types.len()
                    ))
                })?,
        };
        let formats = Formats::new(&columns);
        let labels = columns.labels;
        let title = format!("{} — {}", columns.cooperative, columns.register_on());

        let mut workbook = Workbook::new();
        workbook.set_zip_compression_level(ZIP_LEVEL);
        // Created "on" the register's date rather than now: the same register gives the same
        // file, byte for byte, so an auditor can compare checksums of two exports.
        workbook.set_properties(
            &DocProperties::new()
                .set_title(&title)
                .set_author("Coopshares")
                .set_creation_datetime(&excel_date(heading.as_of).map_err(xlsx_error)?),
        );
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        sheet.set_name(labels.sheet).map_err(xlsx_error)?;
        // Printed as the law's register would be: landscape A4, one page wide, the headings
        // on every page.
        sheet
            .set_landscape()
            .set_paper_size(A4)
            .set_print_fit_to_pages(1, 0);
        sheet
            .set_repeat_rows(HEADER_ROW, HEADER_ROW)
            .map_err(xlsx_error)?;
        sheet
            .set_freeze_panes(FIRST_ROW, Layout::KIND)
            .map_err(xlsx_error)?;

        let mut widths: Vec<(ColNum, f64)> = vec![
            (Layout::MEMBER_NUMBER, 12.0),
            (Layout::NAME, 32.0),
            (Layout::KIND, 18.0),
            (Layout::ADDRESS, 45.0),
            (Layout::ENTERPRISE_NUMBER, 18.0),
            (Layout::ENTRY_DATE, 16.0),
            (Layout::EXIT_DATE, 16.0),
        ];
        widths.extend((0..columns.share_types.len()).map(|i| (layout.share_type(i), 14.0)));
        widths.extend([
            (layout.total_shares(), 12.0),
            (layout.paid(), 16.0),
            (layout.currency(), 9.0),
            (layout.transfers(), 50.0),
            (layout.withdrawals(), 36.0),
            (layout.paid_out(), 16.0),
        ]);
        for (column, width) in widths {
            sheet.set_column_width(column, width).map_err(xlsx_error)?;
        }

        sheet.set_row_height(TITLE_ROW, 21).map_err(xlsx_error)?;
        sheet
            .write_string_with_format(TITLE_ROW, 0, &title, &formats.title)
            .map_err(xlsx_error)?;
        sheet.set_row_height(HEADER_ROW, 45).map_err(xlsx_error)?;
        let mut headings: Vec<(ColNum, String, &Format)> = vec![
            (
                Layout::MEMBER_NUMBER,
                labels.member_number.to_owned(),
                &formats.header_number,
            ),
            (Layout::NAME, labels.name.to_owned(), &formats.header),
            (Layout::KIND, labels.kind.to_owned(), &formats.header),
            (Layout::ADDRESS, labels.address.to_owned(), &formats.header),
            (
                Layout::ENTERPRISE_NUMBER,
                labels.enterprise_number.to_owned(),
                &formats.header,
            ),
            (
                Layout::ENTRY_DATE,
                labels.entry_date.to_owned(),
                &formats.header_number,
            ),
            (
                Layout::EXIT_DATE,
                labels.exit_date.to_owned(),
                &formats.header_number,
            ),
        ];
        headings.extend(columns.share_types.iter().enumerate().map(|(i, column)| {
            (
                layout.share_type(i),
                share_type_heading(&column.code, &column.name),
                &formats.header_number,
            )
        }));
        headings.extend([
            (
                layout.total_shares(),
                labels.total_shares.to_owned(),
                &formats.header_number,
            ),
            (
                layout.paid(),
                labels.paid.to_owned(),
                &formats.header_number,
            ),
            (
                layout.currency(),
                labels.currency.to_owned(),
                &formats.header,
            ),
            (
                layout.transfers(),
                labels.transfers.to_owned(),
                &formats.header,
            ),
            (
                layout.withdrawals(),
                labels.withdrawals.to_owned(),
                &formats.header,
            ),
            (
                layout.paid_out(),
                labels.paid_out.to_owned(),
                &formats.header_number,
            ),
        ]);
        for (column, text, format) in headings {
            sheet
                .write_string_with_format(HEADER_ROW, column, text, format)
                .map_err(xlsx_error)?;
        }

        let totals = Totals::new(&columns);
        Ok(Self {
            workbook,
            columns,
            layout,
            formats,
            row: FIRST_ROW,
            totals,
        })
    }

    /// Writes one page of rows, after those already written.
    pub fn push(&mut self, rows: &[RegisterRow]) -> Result<(), DocumentError> {
        let sheet = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
        for row in rows {
            let entry = self.columns.entry(row)?;
            self.totals.add(&entry)?;
            write_entry(
                sheet,
                &self.columns,
                self.layout,
                &self.formats,
                self.row,
                &entry,
            )
            .map_err(xlsx_error)?;
            self.row = self.row.checked_add(1).ok_or_else(too_many_rows)?;
        }
        Ok(())
    }

    /// Ends the worksheet (with the totals row if `totals_row`) and returns the XLSX file.
    pub fn finish(self, totals_row: bool) -> Result<Vec<u8>, DocumentError> {
        let mut bytes = Vec::new();
        self.finish_into(totals_row, &mut bytes)?;
        Ok(bytes)
    }

    /// Ends the worksheet (with the totals row if `totals_row`) and writes the XLSX file to
    /// `writer`, so a large register need not be held in memory as a whole file either.
    pub fn finish_into<W: Write + Send>(
        mut self,
        totals_row: bool,
        writer: W,
    ) -> Result<(), DocumentError> {
        if totals_row {
            let sheet = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
            write_totals(
                sheet,
                &self.columns,
                self.layout,
                &self.formats,
                self.row,
                &self.totals,
            )
            .map_err(xlsx_error)?;
        }
        self.workbook.save_to_writer(writer).map_err(xlsx_error)
    }
}

/// `Parts de coopérateur (A)`, or the code alone when the type has no name.
fn share_type_heading(code: &str, name: &str) -> String {
    if name.is_empty() {
        code.to_owned()
    } else {
        format!("{name} ({code})")
    }
}

fn write_entry(
    sheet: &mut Worksheet,
    columns: &Columns,
    layout: Layout,
    formats: &Formats,
    row: RowNum,
    entry: &Entry,
) -> Result<(), XlsxError> {
    if let Some(number) = entry.member_number {
        sheet.write_number_with_format(row, Layout::MEMBER_NUMBER, number, &formats.text)?;
    }
    sheet.write_string_with_format(row, Layout::NAME, &entry.name, &formats.text)?;
    sheet.write_string_with_format(row, Layout::KIND, columns.kind(entry.kind), &formats.text)?;
    sheet.write_string_with_format(row, Layout::ADDRESS, &entry.address, &formats.text)?;
    if let Some(number) = &entry.enterprise_number {
        sheet.write_string_with_format(row, Layout::ENTERPRISE_NUMBER, number, &formats.text)?;
    }
    for (column, date) in [
        (Layout::ENTRY_DATE, entry.entry_date),
        (Layout::EXIT_DATE, entry.exit_date),
    ] {
        if let Some(date) = date {
            sheet.write_datetime_with_format(row, column, excel_date(date)?, &formats.date)?;
        }
    }
    for (i, quantity) in entry.quantities.iter().enumerate() {
        // A type the member does not hold stays blank, so the columns read at a glance.
        if *quantity > 0 {
            sheet.write_number_with_format(
                row,
                layout.share_type(i),
                number(*quantity),
                &formats.quantity,
            )?;
        }
    }
    sheet.write_number_with_format(
        row,
        layout.total_shares(),
        number(entry.total_quantity),
        &formats.quantity,
    )?;
    sheet.write_number_with_format(row, layout.paid(), amount(entry.paid), &formats.money)?;
    sheet.write_string_with_format(
        row,
        layout.currency(),
        entry.paid.currency().code(),
        &formats.text,
    )?;
    for (column, lines) in [
        (layout.transfers(), &entry.transfers),
        (layout.withdrawals(), &entry.withdrawals),
    ] {
        if !lines.is_empty() {
            let text = lines
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ");
            sheet.write_string_with_format(row, column, text, &formats.text)?;
        }
    }
    if let Some(paid_out) = entry.paid_out {
        sheet.write_number_with_format(row, layout.paid_out(), amount(paid_out), &formats.money)?;
    }
    Ok(())
}

fn write_totals(
    sheet: &mut Worksheet,
    columns: &Columns,
    layout: Layout,
    formats: &Formats,
    row: RowNum,
    totals: &Totals,
) -> Result<(), XlsxError> {
    // The whole row is ruled, blank cells included, so the totals stand apart.
    for column in 0..=layout.paid_out() {
        sheet.write_blank(row, column, &formats.total_text)?;
    }
    sheet.write_string_with_format(
        row,
        Layout::NAME,
        columns.labels.total,
        &formats.total_label,
    )?;
    for (i, quantity) in totals.quantities.iter().enumerate() {
        sheet.write_number_with_format(
            row,
            layout.share_type(i),
            number(*quantity),
            &formats.total_quantity,
        )?;
    }
    sheet.write_number_with_format(
        row,
        layout.total_shares(),
        number(totals.quantity),
        &formats.total_quantity,
    )?;
    sheet.write_number_with_format(
        row,
        layout.paid(),
        amount(totals.paid),
        &formats.total_money,
    )?;
    sheet.write_string_with_format(
        row,
        layout.currency(),
        totals.paid.currency().code(),
        &formats.total_text,
    )?;
    sheet.write_number_with_format(
        row,
        layout.paid_out(),
        amount(totals.paid_out),
        &formats.total_money,
    )?;
    Ok(())
}

/// A count of shares as a spreadsheet number (exact up to 2⁵³, far past any register).
fn number(count: u64) -> f64 {
    u32::try_from(count).map_or_else(|_| count.to_string().parse().unwrap_or(f64::MAX), f64::from)
}

/// An amount in its currency's units as a spreadsheet number: `1250.5` for 1,250.50 EUR.
fn amount(money: Money) -> f64 {
    // `Money` displays as a plain decimal (`1250.50`), which reads back as the nearest f64.
    money.to_string().parse().unwrap_or(f64::NAN)
}

fn excel_date(date: Date) -> Result<ExcelDateTime, XlsxError> {
    let year =
        u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
    ExcelDateTime::from_ymd(year, u8::from(date.month()), date.day())
}

fn xlsx_error(error: XlsxError) -> DocumentError {
    DocumentError(format!("register spreadsheet: {error}"))
}

fn too_many_rows() -> DocumentError {
    DocumentError("register spreadsheet: more rows than a worksheet holds".to_owned())
}
