//! Capital calls and the ledger on SQLite.

use std::slice;

use async_trait::async_trait;
use coopshares_app::ports::{
    AccountBalance, CapitalCallRecord, CapitalCalls, EntryKind, JournalEntryRecord, Ledger,
    NewCapitalCall, NewJournalEntry, StateChange, StoreError,
};
use coopshares_domain::capital_call::{CapitalCallNumber, CapitalCallState};
use coopshares_domain::ids::{
    CapitalCallId, ContactId, JournalEntryId, ShareTypeId, SubscriptionRequestId,
};
use coopshares_domain::ledger::{AccountCode, EntryLine, JournalCode, JournalEntry};
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::reference::PaymentReference;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use time::{Date, OffsetDateTime};

use crate::columns::Columns;
use crate::error::{corrupt, map};
use crate::share_types::{money, quantity};
use crate::time::{day, parse_day, ts};
use crate::tx::{SqliteTx, only, rows_per_statement};

/// The columns of a call, with what has been paid on it computed from the ledger in the same
/// query: the debit lines of its payment entries minus those of their reversals (a payment
/// debits the bank, its reversal debits the receivable), in the call's currency.
pub(crate) const CALL_COLUMNS: &str = "c.id, c.year, c.sequence, c.request_id, c.contact_id, \
     c.share_type_id, c.quantity, c.amount_minor, c.currency, c.payment_reference, \
     c.issue_date, c.due_date, c.state, c.cancel_reason, c.version, c.created_at, \
     c.updated_at, \
     COALESCE((SELECT SUM(CASE e.kind WHEN 'payment' THEN l.amount_minor \
                                      ELSE -l.amount_minor END) \
               FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id \
               WHERE e.capital_call_id = c.id AND e.currency = c.currency \
                   AND e.kind IN ('payment', 'payment_reversal') AND l.side = 'debit'), \
              0) AS amount_paid_minor";

pub(crate) fn keyword<T: std::str::FromStr>(
    row: &(impl Columns + ?Sized),
    column: &str,
) -> Result<T, StoreError> {
    let text = row.text(column)?;
    text.parse().map_err(|_| corrupt(column, text))
}

pub(crate) fn date(row: &(impl Columns + ?Sized), column: &str) -> Result<Date, StoreError> {
    parse_day(column, row.text(column)?)
}

pub(crate) fn call_from_row(
    row: &(impl Columns + ?Sized),
) -> Result<CapitalCallRecord, StoreError> {
    let year = row.integer("year")?;
    let sequence = row.integer("sequence")?;
    let number = i32::try_from(year)
        .ok()
        .zip(u32::try_from(sequence).ok())
        .and_then(|(year, sequence)| CapitalCallNumber::new(year, sequence).ok())
        .ok_or_else(|| corrupt("capital call number", &format!("{year}/{sequence}")))?;
    let reference = row.text("payment_reference")?;
    let currency = row.text("currency")?;
    Ok(CapitalCallRecord {
        id: CapitalCallId::new(row.integer("id")?),
        call: NewCapitalCall {
            number,
            request: SubscriptionRequestId::new(row.integer("request_id")?),
            contact: ContactId::new(row.integer("contact_id")?),
            share_type: ShareTypeId::new(row.integer("share_type_id")?),
            quantity: quantity(row.integer("quantity")?, "quantity")?,
            amount: money(row.integer("amount_minor")?, currency)?,
            reference: PaymentReference::parse(reference)
                .map_err(|_| corrupt("payment reference", reference))?,
            issue_date: date(row, "issue_date")?,
            due_date: date(row, "due_date")?,
            created_at: row.timestamp("created_at")?,
        },
        state: keyword(row, "state")?,
        cancel_reason: row.opt_text("cancel_reason")?.map(str::to_owned),
        amount_paid: money(row.integer("amount_paid_minor")?, currency)?,
        updated_at: row.timestamp("updated_at")?,
        version: row.integer("version")?,
    })
}

#[async_trait]
impl CapitalCalls for SqliteTx {
    async fn insert_capital_call(
        &mut self,
        call: &NewCapitalCall,
    ) -> Result<CapitalCallId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO capital_calls (year, sequence, request_id, contact_id, share_type_id,
                 quantity, amount_minor, currency, payment_reference, issue_date, due_date,
                 state, version, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'open', 1, ?12, ?12)
             RETURNING id",
        )
        .bind(call.number.year())
        .bind(call.number.sequence())
        .bind(call.request.get())
        .bind(call.contact.get())
        .bind(call.share_type.get())
        .bind(call.quantity.get())
        .bind(call.amount.minor())
        .bind(call.amount.currency().code())
        .bind(call.reference.as_compact())
        .bind(day(call.issue_date))
        .bind(day(call.due_date))
        .bind(ts(call.created_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(CapitalCallId::new(id))
    }

    async fn get_capital_call(
        &mut self,
        id: CapitalCallId,
    ) -> Result<Option<CapitalCallRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CALL_COLUMNS} FROM capital_calls c WHERE c.id = ?1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(call_from_row)
        .transpose()
    }

    async fn find_capital_call_by_request(
        &mut self,
        request: SubscriptionRequestId,
    ) -> Result<Option<CapitalCallRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CALL_COLUMNS} FROM capital_calls c WHERE c.request_id = ?1"
        ))
        .bind(request.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(call_from_row)
        .transpose()
    }

    async fn find_capital_call_by_reference(
        &mut self,
        reference: &PaymentReference,
    ) -> Result<Option<CapitalCallRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CALL_COLUMNS} FROM capital_calls c WHERE c.payment_reference = ?1"
        ))
        .bind(reference.as_compact())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(call_from_row)
        .transpose()
    }

    async fn capital_calls_of_contact(
        &mut self,
        contact: ContactId,
    ) -> Result<Vec<CapitalCallRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CALL_COLUMNS} FROM capital_calls c
             WHERE c.contact_id = ?1 ORDER BY c.created_at DESC, c.id DESC"
        ))
        .bind(contact.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(call_from_row)
        .collect()
    }

    async fn update_capital_call_states(
        &mut self,
        changes: &[StateChange<CapitalCallId, CapitalCallState>],
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_states(
            "capital call",
            "UPDATE capital_calls SET state = c.new_state, cancel_reason = NULL,
                 version = capital_calls.version + 1, updated_at = ?1
             FROM (SELECT value ->> 0 AS call_id, value ->> 1 AS expected_version,
                       value ->> 2 AS new_state
                   FROM json_each(?2)) AS c
             WHERE capital_calls.id = c.call_id AND capital_calls.version = c.expected_version
             RETURNING id",
            changes.iter().map(|change| {
                (
                    change.id.get(),
                    change.expected_version,
                    change.state.as_str(),
                )
            }),
            at,
        )
        .await
    }

    async fn update_capital_call_state(
        &mut self,
        id: CapitalCallId,
        expected_version: i64,
        state: CapitalCallState,
        cancel_reason: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        // A reason belongs to a cancellation only; any other state clears it.
        let cancel_reason = cancel_reason.filter(|_| state == CapitalCallState::Cancelled);
        let version: Option<i64> = sqlx::query_scalar(
            "UPDATE capital_calls SET state = ?3, cancel_reason = ?4, version = version + 1,
                 updated_at = ?5
             WHERE id = ?1 AND version = ?2 RETURNING version",
        )
        .bind(id.get())
        .bind(expected_version)
        .bind(state.as_str())
        .bind(cancel_reason)
        .bind(ts(at))
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?;
        match version {
            Some(version) => Ok(version),
            None => match self.get_capital_call(id).await? {
                None => Err(StoreError::NotFound {
                    entity: "capital call",
                }),
                Some(_) => Err(StoreError::Conflict {
                    entity: "capital call",
                    id: id.to_string(),
                }),
            },
        }
    }
}

/// Parameters of a journal entry and of one of its lines written.
const ENTRY_PARAMETERS: usize = 8;
const LINE_PARAMETERS: usize = 6;

/// One row per line, entries in posting order and lines in their order.
const ENTRY_LINE_COLUMNS: &str = "e.id, e.journal, e.entry_date, e.currency, e.kind, \
     e.capital_call_id, e.contact_id, e.reverses_id, e.created_at, l.account, l.side, \
     l.amount_minor, l.label";

fn line_from_row(row: &SqliteRow) -> Result<EntryLine, StoreError> {
    let currency: Currency = keyword(row, "currency")?;
    Ok(EntryLine {
        account: keyword(row, "account")?,
        side: keyword(row, "side")?,
        amount: Money::from_minor(row.try_get("amount_minor").map_err(map)?, currency),
        label: row.try_get("label").map_err(map)?,
    })
}

/// An entry from its first row and all its lines; the domain checks it is still balanced.
fn entry_from_rows(
    id: i64,
    head: &SqliteRow,
    lines: Vec<EntryLine>,
) -> Result<JournalEntryRecord, StoreError> {
    let kind: String = head.try_get("kind").map_err(map)?;
    let capital_call: Option<i64> = head.try_get("capital_call_id").map_err(map)?;
    let contact: Option<i64> = head.try_get("contact_id").map_err(map)?;
    let reverses: Option<i64> = head.try_get("reverses_id").map_err(map)?;
    let entry = JournalEntry::new(
        date(head, "entry_date")?,
        keyword::<JournalCode>(head, "journal")?,
        lines,
    )
    .map_err(|error| StoreError::Other(Box::new(error)))?;
    Ok(JournalEntryRecord {
        id: JournalEntryId::new(id),
        posted: NewJournalEntry {
            entry,
            kind: EntryKind::parse(&kind).ok_or_else(|| corrupt("entry kind", &kind))?,
            capital_call: capital_call.map(CapitalCallId::new),
            contact: contact.map(ContactId::new),
            reverses: reverses.map(JournalEntryId::new),
            created_at: head.try_get("created_at").map_err(map)?,
        },
    })
}

/// Groups the joined rows (ordered by entry, then line) back into entries.
fn entries_from_rows(rows: &[SqliteRow]) -> Result<Vec<JournalEntryRecord>, StoreError> {
    let mut grouped: Vec<(i64, &SqliteRow, Vec<EntryLine>)> = Vec::new();
    for row in rows {
        let id: i64 = row.try_get("id").map_err(map)?;
        let line = line_from_row(row)?;
        match grouped.last_mut() {
            Some((last, _, lines)) if *last == id => lines.push(line),
            _ => grouped.push((id, row, vec![line])),
        }
    }
    grouped
        .into_iter()
        .map(|(id, head, lines)| entry_from_rows(id, head, lines))
        .collect()
}

#[async_trait]
impl Ledger for SqliteTx {
    async fn post_journal_entry(
        &mut self,
        posted: &NewJournalEntry,
    ) -> Result<JournalEntryId, StoreError> {
        only(self.post_journal_entries(slice::from_ref(posted)).await?)
    }

    async fn post_journal_entries(
        &mut self,
        entries: &[NewJournalEntry],
    ) -> Result<Vec<JournalEntryId>, StoreError> {
        let mut ids = Vec::with_capacity(entries.len());
        for chunk in entries.chunks(rows_per_statement(ENTRY_PARAMETERS)) {
            let mut insert = QueryBuilder::<Sqlite>::new(
                "INSERT INTO journal_entries (journal, entry_date, currency, kind,
                     capital_call_id, contact_id, reverses_id, created_at) ",
            );
            insert.push_values(chunk, |mut values, posted| {
                let entry = &posted.entry;
                values
                    .push_bind(entry.journal().as_str())
                    .push_bind(day(entry.date()))
                    .push_bind(entry.currency().code().to_owned())
                    .push_bind(posted.kind.as_str())
                    .push_bind(posted.capital_call.map(CapitalCallId::get))
                    .push_bind(posted.contact.map(ContactId::get))
                    .push_bind(posted.reverses.map(JournalEntryId::get))
                    .push_bind(ts(posted.created_at));
            });
            ids.extend(self.insert_returning_ids(insert, chunk.len()).await?);
        }

        // Every line of every entry, numbered from 1 within its entry, in as few statements
        // as the parameter bound allows (a balanced entry has at least two lines).
        let lines: Vec<(i64, i64, &EntryLine)> = ids
            .iter()
            .zip(entries)
            .flat_map(|(id, posted)| {
                (1_i64..)
                    .zip(posted.entry.lines())
                    .map(|(line_no, line)| (*id, line_no, line))
            })
            .collect();
        for chunk in lines.chunks(rows_per_statement(LINE_PARAMETERS)) {
            let mut insert = QueryBuilder::<Sqlite>::new(
                "INSERT INTO journal_lines (entry_id, line_no, account, side, amount_minor,
                     label) ",
            );
            insert.push_values(chunk, |mut values, (id, line_no, line)| {
                values
                    .push_bind(*id)
                    .push_bind(*line_no)
                    .push_bind(line.account.as_str())
                    .push_bind(line.side.as_str())
                    .push_bind(line.amount.minor())
                    .push_bind(line.label.as_str());
            });
            insert.build().execute(&mut *self.tx).await.map_err(map)?;
        }
        Ok(ids.into_iter().map(JournalEntryId::new).collect())
    }

    async fn journal_entries_of_capital_call(
        &mut self,
        call: CapitalCallId,
    ) -> Result<Vec<JournalEntryRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {ENTRY_LINE_COLUMNS}
             FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
             WHERE e.capital_call_id = ?1 ORDER BY e.id, l.line_no"
        ))
        .bind(call.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        entries_from_rows(&rows)
    }

    async fn account_balances(
        &mut self,
        as_of: Option<Date>,
    ) -> Result<Vec<AccountBalance>, StoreError> {
        // Dates are YYYY-MM-DD text, so `<=` compares them in time.
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT l.account, e.currency,
                 SUM(CASE l.side WHEN 'debit' THEN l.amount_minor ELSE -l.amount_minor END)
             FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
             WHERE ?1 IS NULL OR e.entry_date <= ?1
             GROUP BY l.account, e.currency ORDER BY l.account, e.currency",
        )
        .bind(as_of.map(day))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        rows.into_iter()
            .map(|(account, currency, balance)| {
                Ok(AccountBalance {
                    account: AccountCode::parse(&account)
                        .map_err(|_| corrupt("account", &account))?,
                    currency: Currency::parse(&currency)
                        .map_err(|_| corrupt("currency", &currency))?,
                    debit_minus_credit: balance,
                })
            })
            .collect()
    }
}
