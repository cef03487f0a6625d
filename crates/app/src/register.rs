//! The member and share register, as the law asks for it, on any date: read from the
//! append-only movements, never from a stored state.
//!
//! [`RegisterReader`] walks the register a page of contacts at a time inside one read
//! transaction (one snapshot), so an export of any size runs in constant memory: each page
//! loads its contacts' movements, replays them up to the date, and yields one [`RegisterRow`]
//! per contact who ever appeared in the register by then — members who left included, with
//! their exit. [`totals`] counts the shares per type with one query, for the page header.

use std::collections::BTreeMap;

use coopshares_domain::contact::ContactDetails;
use coopshares_domain::ids::{ContactId, ShareTypeId};
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::register::MovementKind;
use time::Date;

use crate::error::AppError;
use crate::ports::{ContactRecord, RegisterMovementRecord, ShareTypeRecord, Store, StoreTx};

/// The date a register is asked for: `YYYY-MM-DD` (field `as_of`), or `today` when absent or
/// blank.
pub fn parse_as_of(text: Option<&str>, today: Date) -> Result<Date, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(today),
        Some(text) => {
            crate::format::parse_date("as_of", text).map_err(|e| AppError::Validation(vec![e]))
        }
    }
}

/// Contacts per page of the register exports (each page is three queries: the page's contacts,
/// their movements, their details). Larger pages were tried: no faster on SQLite, about 20 %
/// faster on PostgreSQL at 200,000 contacts but within the noise at 1,000,000, and an XLSX
/// export then held close to 100 MB.
pub const PAGE_CONTACTS: u32 = 500;

/// Shares of one type a member holds on the date, and what was paid on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterHolding {
    pub share_type: ShareTypeId,
    pub quantity: u64,
    /// The payments made on these shares: the unit value of each share held (shares are
    /// entered in the register once paid in full).
    pub paid: Money,
}

/// Shares that moved between two members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterTransfer {
    pub date: Date,
    pub share_type: ShareTypeId,
    pub quantity: u32,
    /// Received (`true`) or given (`false`).
    pub received: bool,
    pub other: ContactId,
    pub value: Money,
}

/// Shares taken back by the cooperative (a resignation or an exclusion), with what was paid
/// out for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterWithdrawal {
    pub date: Date,
    pub share_type: ShareTypeId,
    pub quantity: u32,
    pub paid_out: Money,
}

/// One member's line of the register on a date.
#[derive(Debug, Clone)]
pub struct RegisterRow {
    pub contact: ContactRecord,
    /// The date of entry: the first movement that gave the member shares.
    pub entry_date: Option<Date>,
    /// Per share type held on the date, by share type id (none when all left).
    pub holdings: Vec<RegisterHolding>,
    pub transfers: Vec<RegisterTransfer>,
    pub withdrawals: Vec<RegisterWithdrawal>,
}

impl RegisterRow {
    pub fn total_quantity(&self) -> u64 {
        self.holdings.iter().map(|h| h.quantity).sum()
    }

    /// The payments made on the shares held, all types together (`None` if the types mix
    /// currencies, which the share types forbid within one cooperative).
    pub fn total_paid(&self, currency: Currency) -> Option<Money> {
        self.holdings
            .iter()
            .try_fold(Money::zero(currency), |total, h| {
                total.checked_add(h.paid).ok()
            })
    }

    /// The date the member left: the date of the withdrawal that took their last shares.
    pub fn exit_date(&self) -> Option<Date> {
        if self.holdings.is_empty() {
            self.withdrawals
                .iter()
                .map(|w| w.date)
                .chain(
                    self.transfers
                        .iter()
                        .filter(|t| !t.received)
                        .map(|t| t.date),
                )
                .max()
        } else {
            None
        }
    }

    /// The registered seat of an entity or the address of a person, on one line.
    pub fn address(&self) -> String {
        self.contact.details.address().to_string()
    }

    /// An entity's enterprise number.
    pub fn registration_number(&self) -> Option<String> {
        match &self.contact.details {
            ContactDetails::Entity(entity) => Some(entity.registration_number.to_string()),
            ContactDetails::Person(_) => None,
        }
    }
}

/// The code of share type `id` among `share_types` (its id when unknown).
pub fn share_type_code(share_types: &[ShareTypeRecord], id: ShareTypeId) -> String {
    share_types.iter().find(|t| t.id == id).map_or_else(
        || id.to_string(),
        |t| t.share_type.code().as_str().to_owned(),
    )
}

impl RegisterRow {
    /// The currency of the row's amounts: its holdings', else its withdrawals', else the first
    /// share type's.
    pub fn currency(&self, share_types: &[ShareTypeRecord]) -> Option<Currency> {
        self.holdings
            .first()
            .map(|h| h.paid.currency())
            .or_else(|| self.withdrawals.first().map(|w| w.paid_out.currency()))
            .or_else(|| {
                share_types
                    .first()
                    .map(|t| t.share_type.nominal_value().currency())
            })
    }
}

/// Replays one contact's movements (in register order, up to the date) into their row.
fn row_of(
    contact: ContactRecord,
    movements: &[&RegisterMovementRecord],
) -> Result<RegisterRow, AppError> {
    let me = contact.id;
    let mut held: BTreeMap<ShareTypeId, (i128, Money)> = BTreeMap::new();
    let mut entry_date = None;
    let mut transfers = Vec::new();
    let mut withdrawals = Vec::new();
    let value_of =
        |quantity: u32, unit: Money| unit.checked_mul(quantity).map_err(AppError::unexpected);
    for record in movements {
        let m = &record.movement.movement;
        let quantity = m.quantity().get();
        let unit = m.unit_value();
        let mut add = |share_type: ShareTypeId, delta: i128, unit: Money| {
            let entry = held
                .entry(share_type)
                .or_insert((0, Money::zero(unit.currency())));
            entry.0 += delta;
            entry.1 = unit;
        };
        let receives = m.holder() == me;
        match m.kind() {
            MovementKind::Issue => add(m.share_type(), i128::from(quantity), unit),
            MovementKind::Redemption => {
                add(m.share_type(), -i128::from(quantity), unit);
                withdrawals.push(RegisterWithdrawal {
                    date: m.date(),
                    share_type: m.share_type(),
                    quantity,
                    paid_out: value_of(quantity, unit)?,
                });
            }
            MovementKind::Transfer => {
                let delta = if receives {
                    i128::from(quantity)
                } else {
                    -i128::from(quantity)
                };
                add(m.share_type(), delta, unit);
                transfers.push(RegisterTransfer {
                    date: m.date(),
                    share_type: m.share_type(),
                    quantity,
                    received: receives,
                    other: if receives {
                        m.counterparty().unwrap_or(me)
                    } else {
                        m.holder()
                    },
                    value: value_of(quantity, unit)?,
                });
            }
            MovementKind::Conversion => {
                add(m.share_type(), i128::from(quantity), unit);
                if let Some(source) = m.converted_from() {
                    add(source.share_type, -i128::from(source.quantity.get()), unit);
                }
            }
        }
        if receives && m.kind() != MovementKind::Redemption {
            entry_date.get_or_insert(m.date());
        }
    }
    let mut holdings = Vec::new();
    for (share_type, (quantity, unit)) in held {
        if quantity < 0 {
            return Err(AppError::invariant(format!(
                "contact {me} holds {quantity} shares of type {share_type}"
            )));
        }
        if quantity == 0 {
            continue;
        }
        let quantity = u64::try_from(quantity).map_err(AppError::unexpected)?;
        let paid = u32::try_from(quantity)
            .ok()
            .and_then(|q| unit.checked_mul(q).ok())
            .ok_or_else(|| AppError::invariant("a holding's value overflows"))?;
        holdings.push(RegisterHolding {
            share_type,
            quantity,
            paid,
        });
    }
    Ok(RegisterRow {
        contact,
        entry_date,
        holdings,
        transfers,
        withdrawals,
    })
}

/// Reads the register as it stood on `as_of`, page by page, in one snapshot.
pub struct RegisterReader {
    tx: Box<dyn StoreTx>,
    as_of: Date,
    after: Option<ContactId>,
    share_types: Vec<ShareTypeRecord>,
    done: bool,
}

impl std::fmt::Debug for RegisterReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterReader")
            .field("as_of", &self.as_of)
            .field("after", &self.after)
            .finish_non_exhaustive()
    }
}

impl RegisterReader {
    /// Starts reading the register of `as_of` (after the contact `after`, to resume a list).
    pub async fn open(
        store: &dyn Store,
        as_of: Date,
        after: Option<ContactId>,
    ) -> Result<Self, AppError> {
        let mut tx = store.begin_read().await?;
        let mut share_types = tx.list_share_types().await?;
        share_types.sort_by(|a, b| {
            a.share_type
                .code()
                .as_str()
                .cmp(b.share_type.code().as_str())
        });
        Ok(Self {
            tx,
            as_of,
            after,
            share_types,
            done: false,
        })
    }

    /// The cooperative's share types, by code: the register's columns.
    pub fn share_types(&self) -> &[ShareTypeRecord] {
        &self.share_types
    }

    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The next rows (at most `limit` contacts), in contact order; `None` at the end.
    pub async fn next_page(&mut self, limit: u32) -> Result<Option<Vec<RegisterRow>>, AppError> {
        if self.done {
            return Ok(None);
        }
        let ids = self
            .tx
            .register_contacts_after(self.after, self.as_of, limit)
            .await?;
        let Some(last) = ids.last().copied() else {
            self.done = true;
            return Ok(None);
        };
        self.after = Some(last);
        if ids.len() < usize::try_from(limit).unwrap_or(usize::MAX) {
            self.done = true;
        }
        let movements = self
            .tx
            .register_movements_of_contacts(&ids, self.as_of)
            .await?;
        let contacts = self.tx.get_contacts(&ids).await?;
        // Each movement to its holder's and its counterparty's lists, in register order: one
        // pass over the page's movements, whatever the page size.
        let mut by_contact: std::collections::HashMap<ContactId, Vec<&RegisterMovementRecord>> =
            std::collections::HashMap::with_capacity(contacts.len());
        for record in &movements {
            let movement = &record.movement.movement;
            by_contact
                .entry(movement.holder())
                .or_default()
                .push(record);
            if let Some(counterparty) = movement.counterparty() {
                by_contact.entry(counterparty).or_default().push(record);
            }
        }
        let mut rows = Vec::with_capacity(contacts.len());
        for contact in contacts {
            let own = by_contact.remove(&contact.id).unwrap_or_default();
            rows.push(row_of(contact, &own)?);
        }
        Ok(Some(rows))
    }

    /// Where the next page starts (for a "next page" link).
    pub fn cursor(&self) -> Option<ContactId> {
        if self.done { None } else { self.after }
    }

    /// Reads the pages of `limit` contacts on a task of its own, one page ahead of the caller:
    /// an export writes a page while the next is read (the two take about as long), and holds
    /// at most three pages. The reading stops when the caller drops the pages.
    pub fn read_ahead(mut self, limit: u32) -> RegisterPages {
        let share_types = self.share_types.clone();
        let (sender, pages) = tokio::sync::mpsc::channel(1);
        tokio::spawn(async move {
            loop {
                let page = match self.next_page(limit).await {
                    Ok(Some(rows)) => Ok(rows),
                    Ok(None) => break,
                    Err(error) => Err(error),
                };
                let failed = page.is_err();
                if sender.send(page).await.is_err() || failed {
                    break;
                }
            }
        });
        RegisterPages { share_types, pages }
    }
}

/// The pages of a [`RegisterReader`] read ahead (see [`RegisterReader::read_ahead`]).
#[derive(Debug)]
pub struct RegisterPages {
    share_types: Vec<ShareTypeRecord>,
    pages: tokio::sync::mpsc::Receiver<Result<Vec<RegisterRow>, AppError>>,
}

impl RegisterPages {
    /// The cooperative's share types, by code: the register's columns.
    pub fn share_types(&self) -> &[ShareTypeRecord] {
        &self.share_types
    }

    /// The next page; `None` at the end.
    pub async fn next_page(&mut self) -> Result<Option<Vec<RegisterRow>>, AppError> {
        self.pages.recv().await.transpose()
    }
}

/// The register's totals on `as_of`: shares and their nominal value per share type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterTotals {
    pub per_type: Vec<(ShareTypeRecord, u64, Money)>,
    pub quantity: u64,
    /// `None` if the types mix currencies.
    pub value: Option<Money>,
}

pub async fn totals(store: &dyn Store, as_of: Date) -> Result<RegisterTotals, AppError> {
    let mut tx = store.begin_read().await?;
    let mut per_type = Vec::new();
    for (share_type, quantity) in tx.register_totals(as_of).await? {
        let record = tx
            .get_share_type(share_type)
            .await?
            .ok_or_else(|| AppError::invariant(format!("share type {share_type} vanished")))?;
        let quantity = u64::try_from(quantity).map_err(|_| {
            AppError::invariant(format!(
                "{quantity} shares of type {share_type} in the register"
            ))
        })?;
        let value = u32::try_from(quantity)
            .ok()
            .and_then(|q| record.share_type.nominal_value().checked_mul(q).ok())
            .ok_or_else(|| AppError::invariant("the register's value overflows"))?;
        per_type.push((record, quantity, value));
    }
    per_type.sort_by(|a, b| {
        a.0.share_type
            .code()
            .as_str()
            .cmp(b.0.share_type.code().as_str())
    });
    let quantity = per_type.iter().map(|(_, q, _)| q).sum();
    let value = match per_type.first() {
        None => None,
        Some((_, _, first)) => per_type
            .iter()
            .try_fold(Money::zero(first.currency()), |total, (_, _, v)| {
                total.checked_add(*v).ok()
            }),
    };
    Ok(RegisterTotals {
        per_type,
        quantity,
        value,
    })
}

/// A contact's own lines of the register (the portal's "register entries").
pub async fn entries_of(
    store: &dyn Store,
    contact: ContactId,
    as_of: Date,
) -> Result<Vec<RegisterMovementRecord>, AppError> {
    let mut tx = store.begin_read().await?;
    let mut movements = tx.register_movements_of_contact(contact).await?;
    movements.retain(|m| m.movement.movement.date() <= as_of);
    Ok(movements)
}

/// The register as CSV (UTF-8, comma-separated, a header row, amounts as `1250.00`, dates as
/// `YYYY-MM-DD`), written a page at a time.
pub mod csv {
    use std::fmt::Write as _;

    use super::RegisterRow;
    use crate::ports::ShareTypeRecord;

    /// A field quoted when needed; a field a spreadsheet would take for a formula (`=`, `+`,
    /// `-`, `@` first) is prefixed with `'` so that opening the file runs nothing.
    fn field(text: &str) -> String {
        let text = match text.chars().next() {
            Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
            _ => text.to_owned(),
        };
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text
        }
    }

    /// The header row, with one `shares_<code>` column per share type.
    pub fn header(share_types: &[ShareTypeRecord]) -> String {
        let mut line = String::from(
            "member_number,name,kind,address,registration_number,entry_date,exit_date",
        );
        for share_type in share_types {
            let _ = write!(
                line,
                ",{}",
                field(&format!("shares_{}", share_type.share_type.code()))
            );
        }
        line.push_str(",total_shares,paid_up,currency,transfers,withdrawals,paid_out\n");
        line
    }

    /// The rows of one page.
    pub fn rows(share_types: &[ShareTypeRecord], rows: &[RegisterRow]) -> String {
        let mut out = String::with_capacity(rows.len() * 160);
        for row in rows {
            let code_of = |id| super::share_type_code(share_types, id);
            let currency = row.currency(share_types);
            let paid = currency.and_then(|c| row.total_paid(c));
            let paid_out = currency.and_then(|c| {
                row.withdrawals
                    .iter()
                    .try_fold(coopshares_domain::money::Money::zero(c), |total, w| {
                        total.checked_add(w.paid_out).ok()
                    })
            });
            let transfers: Vec<String> = row
                .transfers
                .iter()
                .map(|t| {
                    format!(
                        "{} {}{} {} {} {}",
                        t.date,
                        if t.received { "+" } else { "-" },
                        t.quantity,
                        code_of(t.share_type),
                        if t.received { "from" } else { "to" },
                        t.other
                    )
                })
                .collect();
            let withdrawals: Vec<String> = row
                .withdrawals
                .iter()
                .map(|w| format!("{} {} {}", w.date, w.quantity, code_of(w.share_type)))
                .collect();
            let _ = write!(
                out,
                "{},{},{},{},{},{},{}",
                row.contact
                    .member_number
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                field(&row.contact.details.display_name()),
                row.contact.details.kind().as_str(),
                field(&row.address()),
                field(&row.registration_number().unwrap_or_default()),
                row.entry_date.map(|d| d.to_string()).unwrap_or_default(),
                row.exit_date().map(|d| d.to_string()).unwrap_or_default(),
            );
            for share_type in share_types {
                let quantity = row
                    .holdings
                    .iter()
                    .find(|h| h.share_type == share_type.id)
                    .map_or(0, |h| h.quantity);
                let _ = write!(out, ",{quantity}");
            }
            let _ = writeln!(
                out,
                ",{},{},{},{},{},{}",
                row.total_quantity(),
                paid.map(|m| m.to_string()).unwrap_or_default(),
                currency.map(|c| c.code().to_owned()).unwrap_or_default(),
                field(&transfers.join("; ")),
                field(&withdrawals.join("; ")),
                paid_out.map(|m| m.to_string()).unwrap_or_default(),
            );
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::field;

        #[test]
        fn fields_are_quoted_and_formulas_defused() {
            assert_eq!(field("Dupont"), "Dupont");
            assert_eq!(field("Rue 1, Namur"), "\"Rue 1, Namur\"");
            assert_eq!(field("Le \"Coin\""), "\"Le \"\"Coin\"\"\"");
            assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
            assert_eq!(field("-1+1"), "'-1+1");
            assert_eq!(field("Élise"), "Élise");
        }
    }
}

/// The most members a PDF register holds: the PDF library keeps the whole document in memory
/// (about 1 KiB per member), so a larger register is refused with a pointer to XLSX or CSV,
/// which stream.
pub const MAX_PDF_MEMBERS: usize = 50_000;

/// A register file whose rows have all been handed to the documents adapter: what is left is
/// to end it (the totals row) and write it out.
pub struct RegisterFile {
    writer: Box<dyn crate::documents::RegisterWriter>,
}

impl RegisterFile {
    /// Ends the file and writes it to `out` as it is compressed, a chunk at a time, so a
    /// register of any size is never held whole in memory. Blocking: call it on a blocking
    /// thread (`tokio::task::spawn_blocking`).
    pub fn write_to(self, out: Box<dyn std::io::Write + Send>) -> Result<(), AppError> {
        self.writer
            .finish_into(true, out)
            .map_err(AppError::unexpected)
    }
}

impl std::fmt::Debug for RegisterFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterFile").finish_non_exhaustive()
    }
}

/// The register of `as_of` as a file in `format` (XLSX or PDF), read a page at a time and
/// handed to the documents adapter page by page; headed with the cooperative's identity in
/// `language`. An error in the data (a PDF too large) comes out here, before a byte of the
/// file is written.
pub async fn file(
    store: &dyn Store,
    documents: &dyn crate::documents::DocumentRenderer,
    as_of: Date,
    language: coopshares_domain::language::Language,
    format: crate::documents::RegisterFormat,
) -> Result<RegisterFile, AppError> {
    let settings = crate::settings::load(store).await?.value;
    let mut reader = RegisterReader::open(store, as_of, None)
        .await?
        .read_ahead(PAGE_CONTACTS);
    let heading = crate::documents::RegisterHeading {
        cooperative: crate::capital::cooperative_identity(&settings),
        as_of,
        language,
        share_types: reader.share_types().to_vec(),
    };
    let mut writer = documents
        .register_writer(format, heading)
        .map_err(AppError::unexpected)?;
    let mut members = 0;
    while let Some(rows) = reader.next_page().await? {
        members += rows.len();
        if format == crate::documents::RegisterFormat::Pdf && members > MAX_PDF_MEMBERS {
            return Err(AppError::field(
                "format",
                "too_large_for_pdf",
                format!(
                    "the register has more than {MAX_PDF_MEMBERS} members: export it as xlsx or csv"
                ),
            ));
        }
        writer.push(&rows).map_err(AppError::unexpected)?;
    }
    Ok(RegisterFile { writer })
}
