//! Capital calls and the ledger on PostgreSQL.

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
use sqlx::Row;
use sqlx::postgres::PgRow;
use time::{Date, OffsetDateTime};

use crate::error::{corrupt, map};
use crate::share_types::{money, quantity};
use crate::tx::{PgTx, ids_in_order};

/// The columns of a call, with what has been paid on it computed from the ledger in the same
/// query: the debit lines of its payment entries minus those of their reversals (a payment
/// debits the bank, its reversal debits the receivable), in the call's currency.
pub(crate) const CALL_COLUMNS: &str = "c.id, c.year, c.sequence, c.request_id, c.contact_id, \
     c.share_type_id, c.quantity, c.amount_minor, c.currency, c.payment_reference, \
     c.issue_date, c.due_date, c.state, c.cancel_reason, c.version, c.created_at, \
     c.updated_at, \
     COALESCE((SELECT SUM(CASE e.kind WHEN 'payment' THEN l.amount_minor \
                                      ELSE -l.amount_minor END)::BIGINT \
               FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id \
               WHERE e.capital_call_id = c.id AND e.currency = c.currency \
                   AND e.kind IN ('payment', 'payment_reversal') AND l.side = 'debit'), \
              0) AS amount_paid_minor";

pub(crate) fn keyword<T: std::str::FromStr>(row: &PgRow, column: &str) -> Result<T, StoreError> {
    let text: String = row.try_get(column).map_err(map)?;
    text.parse().map_err(|_| corrupt(column, &text))
}

pub(crate) fn call_from_row(row: &PgRow) -> Result<CapitalCallRecord, StoreError> {
    let year: i32 = row.try_get("year").map_err(map)?;
    let sequence: i64 = row.try_get("sequence").map_err(map)?;
    let number = u32::try_from(sequence)
        .ok()
        .and_then(|sequence| CapitalCallNumber::new(year, sequence).ok())
        .ok_or_else(|| corrupt("capital call number", &format!("{year}/{sequence}")))?;
    let reference: String = row.try_get("payment_reference").map_err(map)?;
    let currency: String = row.try_get("currency").map_err(map)?;
    Ok(CapitalCallRecord {
        id: CapitalCallId::new(row.try_get("id").map_err(map)?),
        call: NewCapitalCall {
            number,
            request: SubscriptionRequestId::new(row.try_get("request_id").map_err(map)?),
            contact: ContactId::new(row.try_get("contact_id").map_err(map)?),
            share_type: ShareTypeId::new(row.try_get("share_type_id").map_err(map)?),
            quantity: quantity(row.try_get("quantity").map_err(map)?, "quantity")?,
            amount: money(row.try_get("amount_minor").map_err(map)?, &currency)?,
            reference: PaymentReference::parse(&reference)
                .map_err(|_| corrupt("payment reference", &reference))?,
            issue_date: row.try_get("issue_date").map_err(map)?,
            due_date: row.try_get("due_date").map_err(map)?,
            created_at: row.try_get("created_at").map_err(map)?,
        },
        state: keyword(row, "state")?,
        cancel_reason: row.try_get("cancel_reason").map_err(map)?,
        amount_paid: money(row.try_get("amount_paid_minor").map_err(map)?, &currency)?,
        updated_at: row.try_get("updated_at").map_err(map)?,
        version: row.try_get("version").map_err(map)?,
    })
}

#[async_trait]
impl CapitalCalls for PgTx {
    async fn insert_capital_call(
        &mut self,
        call: &NewCapitalCall,
    ) -> Result<CapitalCallId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO capital_calls (year, sequence, request_id, contact_id, share_type_id,
                 quantity, amount_minor, currency, payment_reference, issue_date, due_date,
                 state, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', 1, $12, $12)
             RETURNING id",
        )
        .bind(call.number.year())
        .bind(i64::from(call.number.sequence()))
        .bind(call.request.get())
        .bind(call.contact.get())
        .bind(call.share_type.get())
        .bind(i64::from(call.quantity.get()))
        .bind(call.amount.minor())
        .bind(call.amount.currency().code())
        .bind(call.reference.as_compact())
        .bind(call.issue_date)
        .bind(call.due_date)
        .bind(call.created_at)
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
            "SELECT {CALL_COLUMNS} FROM capital_calls c WHERE c.id = $1"
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
            "SELECT {CALL_COLUMNS} FROM capital_calls c WHERE c.request_id = $1"
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
            "SELECT {CALL_COLUMNS} FROM capital_calls c WHERE c.payment_reference = $1"
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
             WHERE c.contact_id = $1 ORDER BY c.created_at DESC, c.id DESC"
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
            "UPDATE capital_calls c SET state = u.state, cancel_reason = NULL,
                 version = c.version + 1, updated_at = $4
             FROM UNNEST($1::bigint[], $2::bigint[], $3::text[]) AS u (id, version, state)
             WHERE c.id = u.id AND c.version = u.version
             RETURNING c.id",
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
            "UPDATE capital_calls SET state = $3, cancel_reason = $4, version = version + 1,
                 updated_at = $5
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id.get())
        .bind(expected_version)
        .bind(state.as_str())
        .bind(cancel_reason)
        .bind(at)
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

/// One row per line, entries in posting order and lines in their order.
const ENTRY_LINE_COLUMNS: &str = "e.id, e.journal, e.entry_date, e.currency, e.kind, \
     e.capital_call_id, e.contact_id, e.reverses_id, e.created_at, l.account, l.side, \
     l.amount_minor, l.label";

fn line_from_row(row: &PgRow) -> Result<EntryLine, StoreError> {
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
    head: &PgRow,
    lines: Vec<EntryLine>,
) -> Result<JournalEntryRecord, StoreError> {
    let kind: String = head.try_get("kind").map_err(map)?;
    let capital_call: Option<i64> = head.try_get("capital_call_id").map_err(map)?;
    let contact: Option<i64> = head.try_get("contact_id").map_err(map)?;
    let reverses: Option<i64> = head.try_get("reverses_id").map_err(map)?;
    let entry = JournalEntry::new(
        head.try_get("entry_date").map_err(map)?,
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
fn entries_from_rows(rows: &[PgRow]) -> Result<Vec<JournalEntryRecord>, StoreError> {
    let mut grouped: Vec<(i64, &PgRow, Vec<EntryLine>)> = Vec::new();
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
impl Ledger for PgTx {
    async fn post_journal_entry(
        &mut self,
        posted: &NewJournalEntry,
    ) -> Result<JournalEntryId, StoreError> {
        let ids = self
            .post_journal_entries(std::slice::from_ref(posted))
            .await?;
        ids.into_iter()
            .next()
            .ok_or_else(|| StoreError::Other("no journal entry posted".into()))
    }

    async fn post_journal_entries(
        &mut self,
        entries: &[NewJournalEntry],
    ) -> Result<Vec<JournalEntryId>, StoreError> {
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        // The lines of every entry, with the entry's ordinal (from 1, as `WITH ORDINALITY`
        // numbers the entries) and their own number within it (from 1, in their order).
        let mut line_entries: Vec<i64> = Vec::new();
        let mut line_numbers: Vec<i32> = Vec::new();
        let mut accounts: Vec<&str> = Vec::new();
        let mut sides: Vec<&str> = Vec::new();
        let mut amounts: Vec<i64> = Vec::new();
        let mut labels: Vec<&str> = Vec::new();
        for (ordinal, posted) in (1_i64..).zip(entries) {
            for (number, line) in (1_i32..).zip(posted.entry.lines()) {
                line_entries.push(ordinal);
                line_numbers.push(number);
                accounts.push(line.account.as_str());
                sides.push(line.side.as_str());
                amounts.push(line.amount.minor());
                labels.push(line.label.as_str());
            }
        }
        // One round trip: the entries inserted in the order given, so that their ids rise in
        // that order and the n-th smallest id is the n-th entry's; then the lines of each.
        let ids: Vec<i64> = sqlx::query_scalar(
            "WITH entries AS (
                 INSERT INTO journal_entries (journal, entry_date, currency, kind,
                     capital_call_id, contact_id, reverses_id, created_at)
                 SELECT journal, entry_date, currency, kind, capital_call_id, contact_id,
                     reverses_id, created_at
                 FROM UNNEST($1::text[], $2::date[], $3::text[], $4::text[], $5::bigint[],
                         $6::bigint[], $7::bigint[], $8::timestamptz[])
                     WITH ORDINALITY AS entry (journal, entry_date, currency, kind,
                         capital_call_id, contact_id, reverses_id, created_at, ordinal)
                 ORDER BY ordinal
                 RETURNING id
             ), numbered AS (
                 SELECT id, row_number() OVER (ORDER BY id) AS ordinal FROM entries
             ), lines AS (
                 INSERT INTO journal_lines (entry_id, line_no, account, side, amount_minor, label)
                 SELECT numbered.id, line.line_no, line.account, line.side, line.amount_minor,
                     line.label
                 FROM UNNEST($9::bigint[], $10::integer[], $11::text[], $12::text[],
                         $13::bigint[], $14::text[])
                         AS line (ordinal, line_no, account, side, amount_minor, label)
                     JOIN numbered ON numbered.ordinal = line.ordinal
             )
             SELECT id FROM numbered ORDER BY ordinal",
        )
        .bind(
            entries
                .iter()
                .map(|posted| posted.entry.journal().as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|posted| posted.entry.date())
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|posted| posted.entry.currency().code().to_owned())
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|posted| posted.kind.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|posted| posted.capital_call.map(CapitalCallId::get))
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|posted| posted.contact.map(ContactId::get))
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|posted| posted.reverses.map(JournalEntryId::get))
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|posted| posted.created_at)
                .collect::<Vec<_>>(),
        )
        .bind(line_entries)
        .bind(line_numbers)
        .bind(accounts)
        .bind(sides)
        .bind(amounts)
        .bind(labels)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        let ids = ids_in_order(ids, entries.len(), "journal entries")?;
        Ok(ids.into_iter().map(JournalEntryId::new).collect())
    }

    async fn journal_entries_of_capital_call(
        &mut self,
        call: CapitalCallId,
    ) -> Result<Vec<JournalEntryRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {ENTRY_LINE_COLUMNS}
             FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
             WHERE e.capital_call_id = $1 ORDER BY e.id, l.line_no"
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
        // COLLATE "C": codes in byte order, as `AccountCode` sorts them (and SQLite does),
        // whatever the database's locale.
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT l.account, e.currency,
                 SUM(CASE l.side WHEN 'debit' THEN l.amount_minor
                                 ELSE -l.amount_minor END)::BIGINT
             FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
             WHERE $1::date IS NULL OR e.entry_date <= $1
             GROUP BY l.account, e.currency
             ORDER BY l.account COLLATE \"C\", e.currency COLLATE \"C\"",
        )
        .bind(as_of)
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
