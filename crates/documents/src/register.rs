//! The member and share register as a spreadsheet ([`RegisterXlsx`]) and as a printed list
//! ([`RegisterPdf`]), written as `coopshares_app::register::RegisterReader` reads it: a page
//! of rows at a time, so neither writer needs the whole register at once.
//!
//! Both writers turn each [`RegisterRow`] into the same [`Entry`] first — what every column
//! shows, the transfers and withdrawals already worded — and add it to the same [`Totals`], so
//! the two formats never disagree on a figure.

mod pdf;
mod xlsx;

use std::io::Write;

use coopshares_app::documents::DocumentError;
use coopshares_app::format;
use coopshares_app::register::RegisterRow;
use coopshares_domain::contact::ContactKind;
use coopshares_domain::ids::ShareTypeId;
use coopshares_domain::language::Language;
use coopshares_domain::money::{Currency, Money};
use time::Date;

use crate::labels::{RegisterLabels, register_labels};
use crate::layout::one_line;

pub use pdf::RegisterPdf;
pub use xlsx::RegisterXlsx;

pub use coopshares_app::documents::RegisterHeading;

/// One share type column: the id rows refer to it by, and how its heading reads.
#[derive(Debug, Clone)]
struct ShareColumn {
    id: ShareTypeId,
    code: String,
    name: String,
}

/// What both writers need from the heading, checked once.
#[derive(Debug)]
struct Columns {
    cooperative: String,
    as_of: Date,
    language: Language,
    labels: &'static RegisterLabels,
    share_types: Vec<ShareColumn>,
    /// The currency of every amount in the register: the share types' (a cooperative's share
    /// types have one currency).
    currency: Currency,
}

impl Columns {
    fn new(heading: &RegisterHeading) -> Result<Self, DocumentError> {
        let language = heading.language;
        let share_types: Vec<ShareColumn> = heading
            .share_types
            .iter()
            .map(|record| ShareColumn {
                id: record.id,
                code: one_line(record.share_type.code().as_str()),
                name: one_line(record.share_type.name(language)),
            })
            .collect();
        let mut currencies = heading
            .share_types
            .iter()
            .map(|record| record.share_type.nominal_value().currency());
        // A register without share types has no shares, so its amounts are all zero and the
        // currency they are counted in does not show.
        let currency = currencies.next().unwrap_or(Currency::EUR);
        if let Some(other) = currencies.find(|other| *other != currency) {
            return Err(DocumentError(format!(
                "register: the share types mix currencies ({currency} and {other})"
            )));
        }
        Ok(Self {
            cooperative: one_line(&heading.cooperative.name),
            as_of: heading.as_of,
            language,
            labels: register_labels(heading.language),
            share_types,
            currency,
        })
    }

    /// "Register of members on 31 March 2026".
    fn register_on(&self) -> String {
        self.labels
            .register_on
            .replace("{date}", &format::date(self.as_of, self.language))
    }

    /// The code of a share type a movement names; its id if it is no column (which the reader
    /// never gives, the columns being every share type).
    fn code(&self, id: ShareTypeId) -> String {
        self.share_types
            .iter()
            .find(|column| column.id == id)
            .map_or_else(|| format!("#{id}"), |column| column.code.clone())
    }

    fn kind(&self, kind: ContactKind) -> &'static str {
        match kind {
            ContactKind::Person => self.labels.person,
            ContactKind::Entity => self.labels.entity,
        }
    }

    /// What `row` shows in every column.
    fn entry(&self, row: &RegisterRow) -> Result<Entry, DocumentError> {
        let contact = row.contact.id;
        let mut quantities = vec![0_u64; self.share_types.len()];
        for holding in &row.holdings {
            let index = self
                .share_types
                .iter()
                .position(|column| column.id == holding.share_type)
                .ok_or_else(|| {
                    DocumentError(format!(
                        "register: contact {contact} holds shares of type {}, which is not \
                         among the register's share types",
                        holding.share_type
                    ))
                })?;
            if let Some(quantity) = quantities.get_mut(index) {
                *quantity = add(*quantity, holding.quantity)?;
            }
        }
        let paid = row.total_paid(self.currency).ok_or_else(|| {
            DocumentError(format!(
                "register: the payments of contact {contact} are not all in {}",
                self.currency
            ))
        })?;
        let paid_out = Money::checked_sum(
            self.currency,
            row.withdrawals.iter().map(|withdrawal| withdrawal.paid_out),
        )
        .map_err(|error| {
            DocumentError(format!(
                "register: the amounts paid out to contact {contact}: {error}"
            ))
        })?;
        let date = |date| format::date(date, self.language);
        let transfers = row
            .transfers
            .iter()
            .map(|transfer| {
                let (sign, direction) = if transfer.received {
                    ('+', self.labels.from)
                } else {
                    ('-', self.labels.to)
                };
                Movement {
                    date: date(transfer.date),
                    what: format!(
                        "{sign}{} {} {direction} #{}",
                        transfer.quantity,
                        self.code(transfer.share_type),
                        transfer.other
                    ),
                }
            })
            .collect();
        let withdrawals = row
            .withdrawals
            .iter()
            .map(|withdrawal| Movement {
                date: date(withdrawal.date),
                what: format!(
                    "{} {}",
                    withdrawal.quantity,
                    self.code(withdrawal.share_type)
                ),
            })
            .collect();
        Ok(Entry {
            member_number: row.contact.member_number,
            name: one_line(&row.contact.details.display_name()),
            kind: row.contact.details.kind(),
            address: one_line(&row.address()),
            enterprise_number: row.registration_number().map(|number| one_line(&number)),
            entry_date: row.entry_date,
            exit_date: row.exit_date(),
            total_quantity: quantities.iter().try_fold(0, |sum, q| add(sum, *q))?,
            quantities,
            paid,
            transfers,
            withdrawals,
            paid_out: (!row.withdrawals.is_empty()).then_some(paid_out),
        })
    }
}

/// One member's line of the register, as both writers show it.
#[derive(Debug)]
struct Entry {
    member_number: Option<u32>,
    name: String,
    kind: ContactKind,
    address: String,
    enterprise_number: Option<String>,
    entry_date: Option<Date>,
    exit_date: Option<Date>,
    /// Shares held per share type, in the order of the columns.
    quantities: Vec<u64>,
    total_quantity: u64,
    /// The payments made on the shares held.
    paid: Money,
    /// `15/03/2026` `+5 A from #12`, one per transfer, in register order.
    transfers: Vec<Movement>,
    /// `15/03/2026` `3 A`, one per withdrawal, in register order.
    withdrawals: Vec<Movement>,
    /// What was paid out for the withdrawals; `None` when there were none.
    paid_out: Option<Money>,
}

/// A transfer or a withdrawal as the register words it: its date, then what moved. Kept
/// apart so that a narrow column breaks the line after the date.
#[derive(Debug)]
struct Movement {
    date: String,
    what: String,
}

impl std::fmt::Display for Movement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.date, self.what)
    }
}

/// The sums of the register's figures, over every entry written so far.
#[derive(Debug)]
struct Totals {
    quantities: Vec<u64>,
    quantity: u64,
    paid: Money,
    paid_out: Money,
}

impl Totals {
    fn new(columns: &Columns) -> Self {
        Self {
            quantities: vec![0; columns.share_types.len()],
            quantity: 0,
            paid: Money::zero(columns.currency),
            paid_out: Money::zero(columns.currency),
        }
    }

    fn add(&mut self, entry: &Entry) -> Result<(), DocumentError> {
        for (total, quantity) in self.quantities.iter_mut().zip(&entry.quantities) {
            *total = add(*total, *quantity)?;
        }
        self.quantity = add(self.quantity, entry.total_quantity)?;
        let overflow = |error| DocumentError(format!("register: the totals: {error}"));
        self.paid = self.paid.checked_add(entry.paid).map_err(overflow)?;
        if let Some(paid_out) = entry.paid_out {
            self.paid_out = self.paid_out.checked_add(paid_out).map_err(overflow)?;
        }
        Ok(())
    }
}

fn add(a: u64, b: u64) -> Result<u64, DocumentError> {
    a.checked_add(b)
        .ok_or_else(|| DocumentError("register: a number of shares overflows".to_owned()))
}

/// Where a finished register file goes.
type Output = Box<dyn Write + Send>;

/// A register file written on a thread of its own: laying pages out and compressing them is
/// CPU work that should not hold up the async runtime, and the use case pushes pages between
/// awaits. Pages travel through a channel of two, so at most two
/// pages wait in memory; `finish_into` hands the thread the output and waits until the file
/// is written.
pub(crate) struct ThreadedWriter {
    pages: Option<std::sync::mpsc::SyncSender<Vec<RegisterRow>>>,
    done: std::sync::mpsc::Receiver<Result<(), DocumentError>>,
    end: std::sync::mpsc::SyncSender<(bool, Output)>,
}

/// What the writing thread drives.
trait LocalWriter {
    fn push(&mut self, rows: &[RegisterRow]) -> Result<(), DocumentError>;
    fn finish_into(self: Box<Self>, totals_row: bool, out: Output) -> Result<(), DocumentError>;
}

impl LocalWriter for RegisterXlsx {
    fn push(&mut self, rows: &[RegisterRow]) -> Result<(), DocumentError> {
        RegisterXlsx::push(self, rows)
    }

    fn finish_into(
        self: Box<Self>,
        totals_row: bool,
        mut out: Output,
    ) -> Result<(), DocumentError> {
        RegisterXlsx::finish_into(*self, totals_row, &mut out)?;
        out.flush()
            .map_err(|e| DocumentError(format!("register XLSX: {e}")))
    }
}

impl LocalWriter for RegisterPdf {
    fn push(&mut self, rows: &[RegisterRow]) -> Result<(), DocumentError> {
        RegisterPdf::push(self, rows)
    }

    /// The PDF library holds the whole document until it is done (hence `MAX_PDF_MEMBERS`).
    fn finish_into(
        self: Box<Self>,
        totals_row: bool,
        mut out: Output,
    ) -> Result<(), DocumentError> {
        let bytes = RegisterPdf::finish(*self, totals_row)?;
        out.write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(|e| DocumentError(format!("register PDF: {e}")))
    }
}

impl ThreadedWriter {
    pub(crate) fn start(
        format: coopshares_app::documents::RegisterFormat,
        heading: RegisterHeading,
    ) -> Result<Self, DocumentError> {
        use coopshares_app::documents::RegisterFormat;
        let (pages, incoming) = std::sync::mpsc::sync_channel::<Vec<RegisterRow>>(2);
        let (end, end_asked) = std::sync::mpsc::sync_channel::<(bool, Output)>(1);
        let (result, done) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("register-file".to_owned())
            .spawn(move || {
                let outcome = (|| {
                    let mut writer: Box<dyn LocalWriter> = match format {
                        RegisterFormat::Xlsx => Box::new(RegisterXlsx::new(heading)?),
                        RegisterFormat::Pdf => Box::new(RegisterPdf::new(heading)?),
                    };
                    // Until the sender is dropped: every page, in order.
                    for rows in incoming {
                        writer.push(&rows)?;
                    }
                    let (totals_row, out) = end_asked.recv().map_err(|_| {
                        DocumentError("the register file was never finished".to_owned())
                    })?;
                    writer.finish_into(totals_row, out)
                })();
                let _ignored = result.send(outcome);
            })
            .map_err(|e| DocumentError(format!("cannot start the register writer: {e}")))?;
        Ok(Self {
            pages: Some(pages),
            done,
            end,
        })
    }
}

impl coopshares_app::documents::RegisterWriter for ThreadedWriter {
    fn push(&mut self, rows: &[RegisterRow]) -> Result<(), DocumentError> {
        let sent = self
            .pages
            .as_ref()
            .is_some_and(|pages| pages.send(rows.to_vec()).is_ok());
        if sent {
            Ok(())
        } else {
            // The thread stopped on an error: `finish` reports it.
            self.pages = None;
            Ok(())
        }
    }

    fn finish_into(
        mut self: Box<Self>,
        totals_row: bool,
        out: Output,
    ) -> Result<(), DocumentError> {
        self.pages = None;
        let _ignored = self.end.send((totals_row, out));
        self.done
            .recv()
            .map_err(|_| DocumentError("the register writer stopped".to_owned()))?
    }
}
