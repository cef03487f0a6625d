//! Bank statements, payments and the share register on SQLite.

use std::collections::{HashMap, HashSet};
use std::slice;

use async_trait::async_trait;
use coopshares_app::ports::{
    BankStatementRecord, BankStatements, CapitalCallRecord, NewBankStatement, NewPayment,
    NewRegisterMovement, NewStatementLine, OpenCall, PaymentRecord, Payments, Register,
    RegisterMovementRecord, StatementLineRecord, StoreError,
};
use coopshares_domain::ids::{
    BankStatementId, CapitalCallId, ContactId, JournalEntryId, PaymentId, RegisterMovementId,
    ShareTypeId, StatementLineId,
};
use coopshares_domain::reconciliation::LineState;
use coopshares_domain::reference::PaymentReference;
use coopshares_domain::register::{ConversionSource, MovementParts, RegisterMovement};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use time::{Date, OffsetDateTime};

use crate::capital::{CALL_COLUMNS, call_from_row, date, keyword};
use crate::columns::{self, Columns};
use crate::error::{corrupt, json_array, map};
use crate::share_types::{money, quantity};
use crate::time::{day, ts};
use crate::tx::{SqliteTx, only, rows_per_statement};

/// Parameters of a statement line, a payment and a register movement written.
const LINE_PARAMETERS: usize = 17;
const PAYMENT_PARAMETERS: usize = 10;
const MOVEMENT_PARAMETERS: usize = 12;

const STATEMENT_COLUMNS: &str = "s.id, s.file_hash, s.format, s.filename, s.size_bytes, \
     s.imported_by, s.imported_at, \
     (SELECT COUNT(*) FROM statement_lines l WHERE l.statement_id = s.id) AS line_count, \
     (SELECT COUNT(*) FROM statement_lines l WHERE l.statement_id = s.id \
         AND l.state = 'matched') AS matched_count, \
     (SELECT COUNT(*) FROM statement_lines l WHERE l.statement_id = s.id \
         AND l.state = 'unmatched') AS unmatched_count, \
     (SELECT COUNT(*) FROM statement_lines l WHERE l.statement_id = s.id \
         AND l.state = 'ignored') AS ignored_count";

fn statement_from_row(row: &SqliteRow) -> Result<BankStatementRecord, StoreError> {
    Ok(BankStatementRecord {
        id: BankStatementId::new(row.try_get("id").map_err(map)?),
        statement: NewBankStatement {
            file_hash: row.try_get("file_hash").map_err(map)?,
            format: row.try_get("format").map_err(map)?,
            filename: row.try_get("filename").map_err(map)?,
            size_bytes: row.try_get("size_bytes").map_err(map)?,
            imported_by: row.try_get("imported_by").map_err(map)?,
            imported_at: row.try_get("imported_at").map_err(map)?,
        },
        lines: row.try_get("line_count").map_err(map)?,
        matched: row.try_get("matched_count").map_err(map)?,
        unmatched: row.try_get("unmatched_count").map_err(map)?,
        ignored: row.try_get("ignored_count").map_err(map)?,
    })
}

const LINE_COLUMNS: &str = "id, statement_id, fingerprint, position, account, booking_date, \
     value_date, amount_minor, currency, reversal, counterparty_name, counterparty_account, \
     structured_reference, free_text, bank_reference, transaction_code, state, note, version";

fn line_from_row(row: &SqliteRow) -> Result<StatementLineRecord, StoreError> {
    let currency: String = row.try_get("currency").map_err(map)?;
    let reversal: i64 = row.try_get("reversal").map_err(map)?;
    Ok(StatementLineRecord {
        id: StatementLineId::new(row.try_get("id").map_err(map)?),
        line: NewStatementLine {
            statement: BankStatementId::new(row.try_get("statement_id").map_err(map)?),
            fingerprint: row.try_get("fingerprint").map_err(map)?,
            position: row.try_get("position").map_err(map)?,
            account: row.try_get("account").map_err(map)?,
            booking_date: date(row, "booking_date")?,
            value_date: date(row, "value_date")?,
            amount: money(row.try_get("amount_minor").map_err(map)?, &currency)?,
            reversal: reversal != 0,
            counterparty_name: row.try_get("counterparty_name").map_err(map)?,
            counterparty_account: row.try_get("counterparty_account").map_err(map)?,
            structured_reference: row.try_get("structured_reference").map_err(map)?,
            free_text: row.try_get("free_text").map_err(map)?,
            bank_reference: row.try_get("bank_reference").map_err(map)?,
            transaction_code: row.try_get("transaction_code").map_err(map)?,
            state: keyword::<LineState>(row, "state")?,
            note: row.try_get("note").map_err(map)?,
        },
        version: row.try_get("version").map_err(map)?,
    })
}

#[async_trait]
impl BankStatements for SqliteTx {
    async fn insert_bank_statement(
        &mut self,
        statement: &NewBankStatement,
    ) -> Result<BankStatementId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO bank_statements (file_hash, format, filename, size_bytes, imported_by,
                 imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        )
        .bind(&statement.file_hash)
        .bind(&statement.format)
        .bind(&statement.filename)
        .bind(statement.size_bytes)
        .bind(&statement.imported_by)
        .bind(ts(statement.imported_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(BankStatementId::new(id))
    }

    async fn get_bank_statement(
        &mut self,
        id: BankStatementId,
    ) -> Result<Option<BankStatementRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {STATEMENT_COLUMNS} FROM bank_statements s WHERE s.id = ?1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(statement_from_row)
        .transpose()
    }

    async fn find_bank_statement_by_hash(
        &mut self,
        file_hash: &str,
    ) -> Result<Option<BankStatementRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {STATEMENT_COLUMNS} FROM bank_statements s WHERE s.file_hash = ?1"
        ))
        .bind(file_hash)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(statement_from_row)
        .transpose()
    }

    async fn list_bank_statements(
        &mut self,
        limit: u32,
    ) -> Result<Vec<BankStatementRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {STATEMENT_COLUMNS} FROM bank_statements s ORDER BY s.id DESC LIMIT ?1"
        ))
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(statement_from_row)
        .collect()
    }

    async fn insert_statement_line(
        &mut self,
        line: &NewStatementLine,
    ) -> Result<Option<StatementLineId>, StoreError> {
        only(self.insert_statement_lines(slice::from_ref(line)).await?)
    }

    async fn insert_statement_lines(
        &mut self,
        lines: &[NewStatementLine],
    ) -> Result<Vec<Option<StatementLineId>>, StoreError> {
        // Each fingerprint is sent once, by the first line that has it: a later one is a line
        // already stored, and a statement must not conflict with its own rows.
        let mut seen = HashSet::with_capacity(lines.len());
        let first: Vec<bool> = lines
            .iter()
            .map(|line| seen.insert(line.fingerprint.as_str()))
            .collect();
        let to_store: Vec<&NewStatementLine> = lines
            .iter()
            .zip(&first)
            .filter_map(|(line, first)| first.then_some(line))
            .collect();
        let mut stored: HashMap<String, i64> = HashMap::with_capacity(to_store.len());
        for chunk in to_store.chunks(rows_per_statement(LINE_PARAMETERS)) {
            let mut insert = QueryBuilder::<Sqlite>::new(
                "INSERT INTO statement_lines (statement_id, fingerprint, position, account,
                     booking_date, value_date, amount_minor, currency, reversal,
                     counterparty_name, counterparty_account, structured_reference, free_text,
                     bank_reference, transaction_code, state, note, version) ",
            );
            insert.push_values(chunk, |mut values, line| {
                values
                    .push_bind(line.statement.get())
                    .push_bind(&line.fingerprint)
                    .push_bind(line.position)
                    .push_bind(&line.account)
                    .push_bind(day(line.booking_date))
                    .push_bind(day(line.value_date))
                    .push_bind(line.amount.minor())
                    .push_bind(line.amount.currency().code().to_owned())
                    .push_bind(i64::from(line.reversal))
                    .push_bind(&line.counterparty_name)
                    .push_bind(&line.counterparty_account)
                    .push_bind(&line.structured_reference)
                    .push_bind(&line.free_text)
                    .push_bind(&line.bank_reference)
                    .push_bind(&line.transaction_code)
                    .push_bind(line.state.as_str())
                    .push_bind(&line.note)
                    .push("1");
            });
            // A fingerprint stored before returns no row: the line is known.
            insert.push(" ON CONFLICT (fingerprint) DO NOTHING RETURNING id, fingerprint");
            let rows: Vec<(i64, String)> = insert
                .build_query_as()
                .fetch_all(&mut *self.tx)
                .await
                .map_err(map)?;
            stored.extend(rows.into_iter().map(|(id, fingerprint)| (fingerprint, id)));
        }
        Ok(lines
            .iter()
            .zip(first)
            .map(|(line, first)| {
                stored
                    .get(&line.fingerprint)
                    .filter(|_| first)
                    .map(|id| StatementLineId::new(*id))
            })
            .collect())
    }

    async fn get_statement_line(
        &mut self,
        id: StatementLineId,
    ) -> Result<Option<StatementLineRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {LINE_COLUMNS} FROM statement_lines WHERE id = ?1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(line_from_row)
        .transpose()
    }

    async fn lines_of_statement(
        &mut self,
        statement: BankStatementId,
    ) -> Result<Vec<StatementLineRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {LINE_COLUMNS} FROM statement_lines WHERE statement_id = ?1
             ORDER BY position"
        ))
        .bind(statement.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(line_from_row)
        .collect()
    }

    async fn unmatched_lines(
        &mut self,
        limit: u32,
    ) -> Result<Vec<StatementLineRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {LINE_COLUMNS} FROM statement_lines WHERE state = 'unmatched'
             ORDER BY value_date, id LIMIT ?1"
        ))
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(line_from_row)
        .collect()
    }

    async fn set_statement_line_state(
        &mut self,
        id: StatementLineId,
        expected_version: i64,
        state: LineState,
        note: Option<&str>,
    ) -> Result<i64, StoreError> {
        sqlx::query_scalar(
            "UPDATE statement_lines SET state = ?1, note = ?2, version = version + 1
             WHERE id = ?3 AND version = ?4 RETURNING version",
        )
        .bind(state.as_str())
        .bind(note)
        .bind(id.get())
        .bind(expected_version)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .ok_or_else(|| StoreError::Conflict {
            entity: "statement line",
            id: id.to_string(),
        })
    }

    async fn mark_new_lines_matched(&mut self, ids: &[StatementLineId]) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        let done = sqlx::query(
            "UPDATE statement_lines SET state = 'matched', note = NULL, version = 2
             WHERE id IN (SELECT value FROM json_each(?1)) AND version = 1
                 AND state = 'unmatched'",
        )
        .bind(json_array(ids.iter().map(|id| id.get())))
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        if done.rows_affected() == ids.len() as u64 {
            Ok(())
        } else {
            Err(StoreError::Conflict {
                entity: "statement line",
                id: format!("{} lines from {}", ids.len(), ids[0]),
            })
        }
    }
}

const PAYMENT_COLUMNS: &str = "id, capital_call_id, statement_line_id, amount_minor, currency, \
     value_date, note, entry_id, excess_minor, recorded_by, recorded_at, reversal_entry_id, \
     undone_at";

fn payment_from_row(row: &SqliteRow) -> Result<PaymentRecord, StoreError> {
    let currency: String = row.try_get("currency").map_err(map)?;
    let line: Option<i64> = row.try_get("statement_line_id").map_err(map)?;
    let reversal: Option<i64> = row.try_get("reversal_entry_id").map_err(map)?;
    Ok(PaymentRecord {
        id: PaymentId::new(row.try_get("id").map_err(map)?),
        payment: NewPayment {
            capital_call: CapitalCallId::new(row.try_get("capital_call_id").map_err(map)?),
            line: line.map(StatementLineId::new),
            amount: money(row.try_get("amount_minor").map_err(map)?, &currency)?,
            value_date: date(row, "value_date")?,
            note: row.try_get("note").map_err(map)?,
            entry: JournalEntryId::new(row.try_get("entry_id").map_err(map)?),
            excess: money(row.try_get("excess_minor").map_err(map)?, &currency)?,
            recorded_by: row.try_get("recorded_by").map_err(map)?,
            recorded_at: row.try_get("recorded_at").map_err(map)?,
        },
        reversal_entry: reversal.map(JournalEntryId::new),
        undone_at: row.try_get("undone_at").map_err(map)?,
    })
}

#[async_trait]
impl Payments for SqliteTx {
    async fn insert_payment(&mut self, payment: &NewPayment) -> Result<PaymentId, StoreError> {
        only(self.insert_payments(slice::from_ref(payment)).await?)
    }

    async fn insert_payments(
        &mut self,
        payments: &[NewPayment],
    ) -> Result<Vec<PaymentId>, StoreError> {
        // Each payment has its own entry (`payment_entry` is unique): the entry tells which
        // payment a returned id is.
        let mut ids: HashMap<i64, i64> = HashMap::with_capacity(payments.len());
        for chunk in payments.chunks(rows_per_statement(PAYMENT_PARAMETERS)) {
            let mut insert = QueryBuilder::<Sqlite>::new(
                "INSERT INTO payments (capital_call_id, statement_line_id, amount_minor, currency,
                     value_date, note, entry_id, excess_minor, recorded_by, recorded_at) ",
            );
            insert.push_values(chunk, |mut values, payment| {
                values
                    .push_bind(payment.capital_call.get())
                    .push_bind(payment.line.map(StatementLineId::get))
                    .push_bind(payment.amount.minor())
                    .push_bind(payment.amount.currency().code().to_owned())
                    .push_bind(day(payment.value_date))
                    .push_bind(&payment.note)
                    .push_bind(payment.entry.get())
                    .push_bind(payment.excess.minor())
                    .push_bind(&payment.recorded_by)
                    .push_bind(ts(payment.recorded_at));
            });
            insert.push(" RETURNING id, entry_id");
            let rows: Vec<(i64, i64)> = insert
                .build_query_as()
                .fetch_all(&mut *self.tx)
                .await
                .map_err(map)?;
            ids.extend(rows.into_iter().map(|(id, entry)| (entry, id)));
        }
        payments
            .iter()
            .map(|payment| {
                ids.get(&payment.entry.get())
                    .map(|id| PaymentId::new(*id))
                    .ok_or_else(|| {
                        StoreError::Other(
                            format!("no id returned for the payment of entry {}", payment.entry)
                                .into(),
                        )
                    })
            })
            .collect()
    }

    async fn get_payment(&mut self, id: PaymentId) -> Result<Option<PaymentRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE id = ?1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(payment_from_row)
        .transpose()
    }

    async fn payments_of_capital_call(
        &mut self,
        call: CapitalCallId,
    ) -> Result<Vec<PaymentRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE capital_call_id = ?1 ORDER BY id"
        ))
        .bind(call.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(payment_from_row)
        .collect()
    }

    async fn payments_of_statement_line(
        &mut self,
        line: StatementLineId,
    ) -> Result<Vec<PaymentRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE statement_line_id = ?1 ORDER BY id"
        ))
        .bind(line.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(payment_from_row)
        .collect()
    }

    async fn overpayments(&mut self) -> Result<Vec<PaymentRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments
             WHERE excess_minor > 0 AND undone_at IS NULL ORDER BY id"
        ))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(payment_from_row)
        .collect()
    }

    async fn mark_payment_undone(
        &mut self,
        id: PaymentId,
        reversal_entry: JournalEntryId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let updated = sqlx::query(
            "UPDATE payments SET reversal_entry_id = ?1, undone_at = ?2
             WHERE id = ?3 AND undone_at IS NULL",
        )
        .bind(reversal_entry.get())
        .bind(ts(at))
        .bind(id.get())
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        if updated.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Conflict {
                entity: "payment",
                id: id.to_string(),
            })
        }
    }

    async fn open_calls(&mut self) -> Result<Vec<OpenCall>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CALL_COLUMNS}, h.display_name AS holder_name, h.iban AS holder_iban
             FROM capital_calls c JOIN contacts h ON h.id = c.contact_id
             WHERE c.state = 'open' ORDER BY c.id"
        ))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(|row| {
            Ok(OpenCall {
                call: call_from_row(row)?,
                holder_name: row.try_get("holder_name").map_err(map)?,
                holder_account: row.try_get("holder_iban").map_err(map)?,
            })
        })
        .collect()
    }

    async fn open_calls_by_references(
        &mut self,
        references: &[PaymentReference],
    ) -> Result<Vec<CapitalCallRecord>, StoreError> {
        if references.is_empty() {
            return Ok(Vec::new());
        }
        // Packed into one value (see `columns`): the import reads a batch at a time.
        let json: String = sqlx::query_scalar(&format!(
            "SELECT {} FROM capital_calls c
             WHERE c.payment_reference IN (SELECT value FROM json_each(?1)) AND c.state = 'open'",
            columns::packed(CALL_COLUMNS, "c.id")
        ))
        .bind(json_array(
            references.iter().map(|r| r.as_compact().to_owned()),
        ))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        columns::unpack(CALL_COLUMNS, &json, |row| call_from_row(row))
    }
}

const MOVEMENT_COLUMNS: &str = "id, movement_date, kind, share_type_id, quantity, \
     unit_value_minor, currency, holder_id, counterparty_id, converted_from_share_type_id, \
     converted_from_quantity, capital_call_id, recorded_at";

fn movement_from_row(row: &(impl Columns + ?Sized)) -> Result<RegisterMovementRecord, StoreError> {
    let currency = row.text("currency")?;
    let counterparty = row.opt_integer("counterparty_id")?;
    let from_type = row.opt_integer("converted_from_share_type_id")?;
    let from_quantity = row.opt_integer("converted_from_quantity")?;
    let converted_from = match (from_type, from_quantity) {
        (Some(share_type), Some(amount)) => Some(ConversionSource {
            share_type: ShareTypeId::new(share_type),
            quantity: quantity(amount, "converted_from_quantity")?,
        }),
        _ => None,
    };
    let call = row.opt_integer("capital_call_id")?;
    let movement = RegisterMovement::new(MovementParts {
        date: date(row, "movement_date")?,
        kind: keyword(row, "kind")?,
        share_type: ShareTypeId::new(row.integer("share_type_id")?),
        quantity: quantity(row.integer("quantity")?, "quantity")?,
        unit_value: money(row.integer("unit_value_minor")?, currency)?,
        holder: ContactId::new(row.integer("holder_id")?),
        counterparty: counterparty.map(ContactId::new),
        converted_from,
    })
    .map_err(|error| corrupt("register movement", &error.to_string()))?;
    Ok(RegisterMovementRecord {
        id: RegisterMovementId::new(row.integer("id")?),
        movement: NewRegisterMovement {
            movement,
            capital_call: call.map(CapitalCallId::new),
            recorded_at: row.timestamp("recorded_at")?,
        },
    })
}

#[async_trait]
impl Register for SqliteTx {
    async fn append_register_movement(
        &mut self,
        movement: &NewRegisterMovement,
    ) -> Result<RegisterMovementId, StoreError> {
        only(
            self.append_register_movements(slice::from_ref(movement))
                .await?,
        )
    }

    /// The daily totals follow by themselves: a trigger adds each row to them (migration
    /// 0011).
    async fn append_register_movements(
        &mut self,
        movements: &[NewRegisterMovement],
    ) -> Result<Vec<RegisterMovementId>, StoreError> {
        let mut ids = Vec::with_capacity(movements.len());
        for chunk in movements.chunks(rows_per_statement(MOVEMENT_PARAMETERS)) {
            let mut insert = QueryBuilder::<Sqlite>::new(
                "INSERT INTO register_movements (movement_date, kind, share_type_id, quantity,
                     unit_value_minor, currency, holder_id, counterparty_id,
                     converted_from_share_type_id, converted_from_quantity, capital_call_id,
                     recorded_at) ",
            );
            insert.push_values(chunk, |mut values, movement| {
                let parts = movement.movement.parts();
                values
                    .push_bind(day(parts.date))
                    .push_bind(parts.kind.as_str())
                    .push_bind(parts.share_type.get())
                    .push_bind(parts.quantity.get())
                    .push_bind(parts.unit_value.minor())
                    .push_bind(parts.unit_value.currency().code().to_owned())
                    .push_bind(parts.holder.get())
                    .push_bind(parts.counterparty.map(ContactId::get))
                    .push_bind(parts.converted_from.map(|source| source.share_type.get()))
                    .push_bind(parts.converted_from.map(|source| source.quantity.get()))
                    .push_bind(movement.capital_call.map(CapitalCallId::get))
                    .push_bind(ts(movement.recorded_at));
            });
            ids.extend(
                self.insert_returning_ids(insert, chunk.len())
                    .await?
                    .into_iter()
                    .map(RegisterMovementId::new),
            );
        }
        Ok(ids)
    }

    async fn register_movements_of_contact(
        &mut self,
        contact: ContactId,
    ) -> Result<Vec<RegisterMovementRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {MOVEMENT_COLUMNS} FROM register_movements
             WHERE holder_id = ?1 OR counterparty_id = ?1 ORDER BY movement_date, id"
        ))
        .bind(contact.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(movement_from_row)
        .collect()
    }

    async fn register_contacts_after(
        &mut self,
        after: Option<ContactId>,
        until: Date,
        limit: u32,
    ) -> Result<Vec<ContactId>, StoreError> {
        // Each half walks its own index (holder, counterparty) from the cursor and stops after
        // `limit` contacts: SQLite does not push the outer LIMIT into a compound select, and
        // without the inner ones every page would read the rest of the register.
        // The page's ids come packed in one JSON array (see `columns`).
        let ids: String = sqlx::query_scalar(
            "SELECT json_group_array(contact ORDER BY contact) FROM (
                 SELECT contact FROM (
                     SELECT contact FROM (
                         SELECT holder_id AS contact FROM register_movements
                         WHERE holder_id > ?1 AND movement_date <= ?2
                         GROUP BY holder_id ORDER BY holder_id LIMIT ?3)
                     UNION
                     SELECT contact FROM (
                         SELECT counterparty_id AS contact FROM register_movements
                         WHERE counterparty_id > ?1 AND movement_date <= ?2
                         GROUP BY counterparty_id ORDER BY counterparty_id LIMIT ?3))
                 ORDER BY contact LIMIT ?3)",
        )
        .bind(after.map_or(0, ContactId::get))
        .bind(day(until))
        .bind(limit)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        let ids: Vec<i64> = serde_json::from_str(&ids)
            .map_err(|error| corrupt("packed contact ids", &error.to_string()))?;
        Ok(ids.into_iter().map(ContactId::new).collect())
    }

    async fn register_movements_of_contacts(
        &mut self,
        contacts: &[ContactId],
        until: Date,
    ) -> Result<Vec<RegisterMovementRecord>, StoreError> {
        let ids = json_array(contacts.iter().map(|c| c.get()));
        // Two indexed lookups rather than one OR, which SQLite answers with a full scan; a
        // transfer between two contacts of the page comes once, from the holder's side. The
        // page's movements come packed in one value (see `columns`).
        let json: String = sqlx::query_scalar(&format!(
            "SELECT {} FROM (
                 SELECT {MOVEMENT_COLUMNS} FROM register_movements
                 WHERE holder_id IN (SELECT value FROM json_each(?1)) AND movement_date <= ?2
                 UNION ALL
                 SELECT {MOVEMENT_COLUMNS} FROM register_movements
                 WHERE counterparty_id IN (SELECT value FROM json_each(?1))
                   AND holder_id NOT IN (SELECT value FROM json_each(?1))
                   AND movement_date <= ?2)",
            columns::packed(MOVEMENT_COLUMNS, "movement_date, id")
        ))
        .bind(ids)
        .bind(day(until))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        columns::unpack(MOVEMENT_COLUMNS, &json, |row| movement_from_row(row))
    }

    async fn register_totals(
        &mut self,
        until: Date,
    ) -> Result<Vec<(ShareTypeId, i64)>, StoreError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            // Per day, kept by a trigger on every movement (migration 0011).
            "SELECT share_type_id, SUM(quantity_change) FROM register_daily_totals
             WHERE movement_date <= ?1
             GROUP BY share_type_id HAVING SUM(quantity_change) <> 0 ORDER BY share_type_id",
        )
        .bind(day(until))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(rows
            .into_iter()
            .map(|(share_type, quantity)| (ShareTypeId::new(share_type), quantity))
            .collect())
    }
}
