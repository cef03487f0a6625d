//! Bank statements: importing a file, reconciling its lines with capital calls (lettrage),
//! and what a manager does with the lines left over.
//!
//! [`import`] reads a camt.053, CODA or CSV file (recognised from its content), refuses it
//! whole if it is malformed or its balances do not add up, and stores each movement once: the
//! same file again returns the first import, and a movement that an earlier file already
//! brought is not stored twice. In the same transaction, money received whose reference names
//! exactly one open call is reconciled, in the order of the value dates (so that member
//! numbers follow the order of payment, not the order of the file). Debits and reversals are
//! set aside as not about capital. Everything else waits for a manager, who sees ranked
//! suggestions ([`view_statement`]), then confirms one or splits the line ([`match_line`]) or
//! marks it as not about capital ([`ignore_line`]).

use std::collections::HashMap;

pub use coopshares_banking::csv::CsvMapping;
use coopshares_banking::statement::{ParsedFile, StatementLine};
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::ids::{BankStatementId, CapitalCallId, ContactId, StatementLineId};
use coopshares_domain::money::Money;
use coopshares_domain::reconciliation::{self, AutoMatch, CallFacts, Clue, LineFacts, LineState};
use coopshares_domain::reference::PaymentReference;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit;
use crate::capital::Services;
use crate::certificates;
use crate::clock::Clock;
use crate::error::{AppError, FieldError};
use crate::payments::{AppliedPayment, PaymentBatch};
use crate::ports::{
    Actor, BankStatementRecord, CapitalCallRecord, NewBankStatement, NewStatementLine,
    PaymentRecord, ROWS_PER_BATCH, Store, StoreError, StoreTx,
};
use crate::settings::{self, CooperativeSettings};

/// The largest statement file accepted (a year of a busy account in camt.053 is a few MB; a
/// file of 100,000 movements is about 100 MB).
pub const MAX_STATEMENT_BYTES: usize = 256 * 1024 * 1024;

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub statement: BankStatementRecord,
    /// The same file had been imported before: nothing was stored, this is the first import.
    pub already_imported: bool,
    /// Movements of the file that earlier files had already brought (not stored again).
    pub known_lines: usize,
    /// Holders admitted or given more shares by this import whose certificate is left to
    /// [`certificates::issue_due`] (an import that changes more than
    /// [`CERTIFICATES_IN_IMPORT`] holders); zero when every certificate was issued with it.
    pub certificates_owed: usize,
}

/// The most holders an import issues certificates for inside its own transaction. Beyond,
/// rendering one PDF per holder would hold the database's writer for minutes: the import then
/// notes them as owed and the server's worker issues them after it commits.
pub const CERTIFICATES_IN_IMPORT: usize = 50;

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn malformed(detail: String) -> AppError {
    AppError::Validation(vec![FieldError::new("file", "statement_malformed", detail)])
}

/// The identity of a movement across files: the account and the bank's reference when the
/// bank gives one; otherwise the whole content and how many identical movements came before
/// it in the same file (two identical transfers on one day are two movements).
fn fingerprint(account: Option<&str>, line: &StatementLine, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    let mut field = |value: &str| {
        hasher.update(value.len().to_le_bytes());
        hasher.update(value.as_bytes());
    };
    field(account.unwrap_or_default());
    if let Some(reference) = line.bank_reference.as_deref().filter(|r| !r.is_empty()) {
        field("bank-reference");
        field(reference);
    } else {
        field("content");
        field(&line.booking_date.to_string());
        field(&line.value_date.to_string());
        field(&line.amount.minor().to_string());
        field(line.amount.currency().code());
        field(if line.reversal { "reversal" } else { "" });
        field(line.counterparty_account.as_deref().unwrap_or_default());
        field(line.counterparty_name.as_deref().unwrap_or_default());
        field(line.structured_reference.as_deref().unwrap_or_default());
        field(&line.free_text);
        field(&occurrence.to_string());
    }
    hex(&hasher.finalize())
}

/// A new line received that may be a payment, for the matching.
struct Candidate {
    id: StatementLineId,
    position: i64,
    line: NewStatementLine,
    references: Vec<PaymentReference>,
}

/// A movement typed in by hand (from a paper statement, or a bank without exports).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct ManualLineInput {
    /// `YYYY-MM-DD`: the value date.
    pub date: String,
    /// Signed decimal: money received is positive.
    pub amount: String,
    #[serde(default)]
    pub counterparty_name: Option<String>,
    #[serde(default)]
    pub counterparty_account: Option<String>,
    /// The communication, structured (`+++…+++`, `RF…`) or free.
    #[serde(default)]
    pub communication: Option<String>,
}

fn optional_text(value: Option<&str>, max: usize) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| v.chars().take(max).collect())
}

/// Records one movement typed in by hand as a statement of its own (format `manual`), then
/// reconciles it like an imported line. Each call records a new movement.
pub async fn add_manual_line(
    store: &dyn Store,
    services: Services<'_>,
    actor: &Actor,
    input: &ManualLineInput,
) -> Result<ImportOutcome, AppError> {
    let clock = services.clock;
    let settings = settings::load(store).await?.value;
    let mut errors = Vec::new();
    let date = crate::payments::past_date("date", &input.date, clock.today())
        .map_err(|error| errors.push(error))
        .ok();
    let amount = match Money::parse(&input.amount, settings.currency) {
        Ok(amount) if amount.is_zero() => {
            errors.push(FieldError::new(
                "amount",
                "amount_zero",
                "the amount cannot be zero",
            ));
            None
        }
        Ok(amount) => Some(amount),
        Err(error) => {
            errors.push(FieldError::new(
                "amount",
                "invalid_amount",
                error.to_string(),
            ));
            None
        }
    };
    let counterparty_account = match optional_text(input.counterparty_account.as_deref(), 34) {
        Some(account) => match coopshares_domain::iban::Iban::parse(&account) {
            Ok(iban) => Some(iban.as_compact().to_owned()),
            Err(error) => {
                errors.push(FieldError::new(
                    "counterparty_account",
                    "invalid_iban",
                    error.to_string(),
                ));
                None
            }
        },
        None => None,
    };
    let (Some(date), Some(amount), true) = (date, amount, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let communication = optional_text(input.communication.as_deref(), 280).unwrap_or_default();
    let structured = PaymentReference::parse(&communication)
        .ok()
        .map(|reference| reference.as_compact().to_owned());
    let line = StatementLine {
        booking_date: date,
        value_date: date,
        amount,
        reversal: false,
        counterparty_name: optional_text(input.counterparty_name.as_deref(), 140),
        counterparty_account,
        free_text: if structured.is_some() {
            String::new()
        } else {
            communication
        },
        structured_reference: structured,
        bank_reference: None,
        transaction_code: None,
    };
    let parsed = ParsedFile {
        format: coopshares_banking::statement::StatementFormat::Csv,
        statements: vec![coopshares_banking::statement::Statement {
            account: settings
                .iban
                .as_ref()
                .map(|iban| iban.as_compact().to_owned()),
            currency: settings.currency,
            identification: None,
            opening_balance: None,
            closing_balance: None,
            lines: vec![line],
        }],
    };
    // Unique per entry: a manager typing the same movement twice means two movements.
    let mut tx = store.begin().await?;
    let now = clock.now();
    let token = crate::secrets::random_token()?;
    let statement_id = tx
        .insert_bank_statement(&NewBankStatement {
            file_hash: hex(&Sha256::digest(format!("manual:{token}").as_bytes())),
            format: "manual".to_owned(),
            filename: None,
            size_bytes: 0,
            imported_by: actor.to_storage(),
            imported_at: now,
        })
        .await?;
    let (candidates, known_lines) =
        store_lines(tx.as_mut(), statement_id, &parsed, Some(&token)).await?;
    let changed = reconcile_automatically(tx.as_mut(), clock, &settings, candidates).await?;
    certificates::issue_for_changed(tx.as_mut(), services, &Actor::System, &settings, changed)
        .await?;
    let statement = tx
        .get_bank_statement(statement_id)
        .await?
        .ok_or_else(|| AppError::invariant("the statement just stored vanished"))?;
    tx.append_audit(&audit::entry(
        now,
        actor,
        "statement_line_typed",
        "bank_statement",
        statement_id,
        json!({ "amount": amount.to_string(), "date": date.to_string(), "matched": statement.matched }),
    ))
    .await?;
    tx.commit().await?;
    Ok(ImportOutcome {
        statement,
        already_imported: false,
        known_lines,
        certificates_owed: 0,
    })
}

/// Imports a statement file; see the module documentation. `filename` is only recorded.
pub async fn import(
    store: &dyn Store,
    services: Services<'_>,
    actor: &Actor,
    file: &[u8],
    filename: Option<&str>,
    csv_mapping: Option<&CsvMapping>,
) -> Result<ImportOutcome, AppError> {
    if file.len() > MAX_STATEMENT_BYTES {
        return Err(AppError::field(
            "file",
            "file_too_large",
            format!(
                "the file has {} bytes; the limit is {MAX_STATEMENT_BYTES}",
                file.len()
            ),
        ));
    }
    let file_hash = hex(&Sha256::digest(file));
    {
        let mut tx = store.begin_read().await?;
        if let Some(statement) = tx.find_bank_statement_by_hash(&file_hash).await? {
            return Ok(ImportOutcome {
                statement,
                already_imported: true,
                known_lines: 0,
                certificates_owed: 0,
            });
        }
    }
    let parsed = coopshares_banking::parse(file, csv_mapping)
        .map_err(|error| malformed(error.to_string()))?;
    check_balances(&parsed)?;

    // Two imports sharing movements can deadlock on PostgreSQL, and a payment typed in at the
    // same moment can change a call under the import: the transaction then rolls back whole,
    // and the import starts again, a few times, before the conflict is the manager's.
    let mut attempt = 1;
    loop {
        let outcome =
            import_once(store, services, actor, file, filename, &file_hash, &parsed).await;
        match outcome {
            Err(AppError::Conflict { code, detail }) if attempt < IMPORT_ATTEMPTS => {
                tracing::info!(
                    attempt,
                    code,
                    detail,
                    "statement import conflicted; starting again"
                );
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// How many times an import whose transaction conflicted is tried in all.
const IMPORT_ATTEMPTS: u32 = 3;

/// The part of [`import`] that writes, in one transaction.
async fn import_once(
    store: &dyn Store,
    services: Services<'_>,
    actor: &Actor,
    file: &[u8],
    filename: Option<&str>,
    file_hash: &str,
    parsed: &ParsedFile,
) -> Result<ImportOutcome, AppError> {
    let clock = services.clock;
    let mut tx = store.begin().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let statement_id = match tx
        .insert_bank_statement(&NewBankStatement {
            file_hash: file_hash.to_owned(),
            format: parsed.format.as_str().to_owned(),
            // A label only, never a path; without control characters (PostgreSQL refuses NUL,
            // and a line break has no place in a name shown on one line).
            filename: filename
                .map(|name| {
                    name.chars()
                        .filter(|c| !c.is_control())
                        .take(255)
                        .collect::<String>()
                })
                .filter(|name| !name.is_empty()),
            size_bytes: i64::try_from(file.len()).unwrap_or(i64::MAX),
            imported_by: actor.to_storage(),
            imported_at: clock.now(),
        })
        .await
    {
        // The same file, imported at the same moment by someone else.
        Err(StoreError::Duplicate(rule)) if rule == "bank_statement_file" => {
            drop(tx);
            let mut tx = store.begin_read().await?;
            let statement = tx
                .find_bank_statement_by_hash(file_hash)
                .await?
                .ok_or_else(|| AppError::invariant("a duplicate statement vanished"))?;
            return Ok(ImportOutcome {
                statement,
                already_imported: true,
                known_lines: 0,
                certificates_owed: 0,
            });
        }
        other => other?,
    };
    let (candidates, known_lines) = store_lines(tx.as_mut(), statement_id, parsed, None).await?;
    let changed = reconcile_automatically(tx.as_mut(), clock, &settings, candidates).await?;
    let holders = changed
        .iter()
        .collect::<std::collections::HashSet<_>>()
        .len();
    let certificates_owed = if holders <= CERTIFICATES_IN_IMPORT {
        certificates::issue_for_changed(tx.as_mut(), services, &Actor::System, &settings, changed)
            .await?;
        0
    } else {
        certificates::mark_due(tx.as_mut(), clock, changed).await?
    };
    let statement = tx
        .get_bank_statement(statement_id)
        .await?
        .ok_or_else(|| AppError::invariant("the statement just stored vanished"))?;
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "bank_statement_imported",
        "bank_statement",
        statement_id,
        json!({
            "format": parsed.format.as_str(),
            "lines": statement.lines,
            "known_lines": known_lines,
            "matched": statement.matched,
            "unmatched": statement.unmatched,
            "certificates_owed": certificates_owed,
        }),
    ))
    .await?;
    tx.commit().await?;
    Ok(ImportOutcome {
        statement,
        already_imported: false,
        known_lines,
        certificates_owed,
    })
}

fn check_balances(parsed: &ParsedFile) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for (index, statement) in parsed.statements.iter().enumerate() {
        if let Err(error) = statement.check_balances() {
            let name = statement
                .identification
                .clone()
                .unwrap_or_else(|| (index + 1).to_string());
            let account = statement.account.as_deref().unwrap_or("?");
            errors.push(FieldError::new(
                "file",
                "statement_unbalanced",
                format!("statement {name} of account {account}: {error}"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Stores the movements not seen before; returns those that may be payments, and how many
/// were already known. `salt` makes every fingerprint new (lines typed by hand).
async fn store_lines(
    tx: &mut dyn StoreTx,
    statement: BankStatementId,
    parsed: &ParsedFile,
    salt: Option<&str>,
) -> Result<(Vec<Candidate>, usize), AppError> {
    let mut candidates = Vec::new();
    let mut lines = Vec::new();
    let mut known = 0;
    let mut position: i64 = 0;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for part in &parsed.statements {
        let account = part.account.as_deref();
        for line in &part.lines {
            position += 1;
            let occurrence = if line.bank_reference.is_some() {
                0
            } else {
                let key = fingerprint(account, line, 0);
                let count = seen.entry(key).or_insert(0);
                *count += 1;
                *count
            };
            let (state, note) = match reconciliation::payment_kind(line.amount, line.reversal) {
                Ok(()) => (LineState::Unmatched, None),
                Err(not_a_payment) => (LineState::Ignored, Some(not_a_payment.as_str().to_owned())),
            };
            lines.push(NewStatementLine {
                statement,
                fingerprint: match salt {
                    Some(salt) => format!("{salt}:{position}"),
                    None => fingerprint(account, line, occurrence),
                },
                position,
                account: account.map(str::to_owned),
                booking_date: line.booking_date,
                value_date: line.value_date,
                amount: line.amount,
                reversal: line.reversal,
                counterparty_name: line.counterparty_name.clone(),
                counterparty_account: line.counterparty_account.clone(),
                structured_reference: line.structured_reference.clone(),
                free_text: line.free_text.clone(),
                bank_reference: line.bank_reference.clone(),
                transaction_code: line.transaction_code.clone(),
                state,
                note,
            });
        }
    }
    let mut lines = lines.into_iter().peekable();
    while lines.peek().is_some() {
        let batch: Vec<NewStatementLine> = lines.by_ref().take(ROWS_PER_BATCH).collect();
        let ids = tx.insert_statement_lines(&batch).await?;
        for (new, id) in batch.into_iter().zip(ids) {
            match id {
                None => known += 1,
                Some(id) if new.state == LineState::Unmatched => {
                    let references = reconciliation::references_of(
                        new.structured_reference.as_deref(),
                        &new.free_text,
                    );
                    if !references.is_empty() {
                        candidates.push(Candidate {
                            id,
                            position: new.position,
                            line: new,
                            references,
                        });
                    }
                }
                Some(_) => {}
            }
        }
    }
    Ok((candidates, known))
}

/// Reconciles the lines whose reference names exactly one open call, in value-date order.
async fn reconcile_automatically(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    settings: &CooperativeSettings,
    mut candidates: Vec<Candidate>,
) -> Result<Vec<ContactId>, AppError> {
    let mut changed = Vec::new();
    let mut matched = Vec::new();
    candidates.sort_by_key(|candidate| (candidate.line.value_date, candidate.position));
    // Every open call a line names, looked up a batch at a time, then kept up to date below.
    let mut wanted: Vec<PaymentReference> = candidates
        .iter()
        .flat_map(|candidate| candidate.references.iter().cloned())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut open: HashMap<PaymentReference, CapitalCallRecord> = HashMap::new();
    for batch in wanted.chunks(ROWS_PER_BATCH) {
        for call in tx.open_calls_by_references(batch).await? {
            open.insert(call.call.reference.clone(), call);
        }
    }
    // A batch of payments at a time; each keeps `open` as its calls will be.
    let now = clock.now();
    let mut batch = PaymentBatch::new(&Actor::System, now);
    for candidate in candidates {
        let AutoMatch::Reconcile(reference) =
            reconciliation::auto_match(&candidate.references, |r| open.contains_key(r))
        else {
            continue;
        };
        let Some(call) = open.get_mut(&reference) else {
            continue;
        };
        if call.call.amount.currency() != candidate.line.amount.currency() {
            continue;
        }
        batch.add(
            call,
            candidate.line.amount,
            candidate.line.value_date,
            Some(candidate.id),
            None,
        )?;
        // A call paid in full is open no more.
        if call.state != CapitalCallState::Open {
            open.remove(&reference);
        }
        matched.push(candidate.id);
        if batch.len() == ROWS_PER_BATCH {
            let full = std::mem::replace(&mut batch, PaymentBatch::new(&Actor::System, now));
            write_batch(tx, settings, full, &mut matched, &mut changed).await?;
        }
    }
    write_batch(tx, settings, batch, &mut matched, &mut changed).await?;
    Ok(changed)
}

/// Writes the payments of a batch and marks their lines matched; notes the holders whose
/// holdings changed.
async fn write_batch(
    tx: &mut dyn StoreTx,
    settings: &CooperativeSettings,
    batch: PaymentBatch<'_>,
    matched: &mut Vec<StatementLineId>,
    changed: &mut Vec<ContactId>,
) -> Result<(), AppError> {
    for applied in batch.write(tx, settings).await? {
        if applied.holdings_changed {
            changed.push(applied.holder);
        }
    }
    tx.mark_new_lines_matched(matched).await?;
    matched.clear();
    Ok(())
}

/// A share of a line for one call. Without an amount: the whole line (only when it goes to a
/// single call).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Allocation {
    pub capital_call_id: CapitalCallId,
    #[serde(default)]
    pub amount: Option<String>,
}

fn line_not_found() -> AppError {
    AppError::NotFound {
        what: "statement line",
    }
}

/// A manager reconciles a line with one call, or splits it over several (the amounts must
/// add up to the line). One transaction: all allocations or none.
pub async fn match_line(
    store: &dyn Store,
    services: Services<'_>,
    actor: &Actor,
    id: StatementLineId,
    allocations: &[Allocation],
) -> Result<Vec<AppliedPayment>, AppError> {
    let clock = services.clock;
    let mut tx = store.begin().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let line = tx
        .get_statement_line(id)
        .await?
        .ok_or_else(line_not_found)?;
    if let Err(not_a_payment) = reconciliation::payment_kind(line.line.amount, line.line.reversal) {
        return Err(AppError::Conflict {
            code: "not_a_payment",
            detail: format!(
                "statement line {id} is a {}: it cannot pay a capital call",
                not_a_payment.as_str()
            ),
        });
    }
    if line.line.state != LineState::Unmatched {
        return Err(AppError::Conflict {
            code: "line_not_unmatched",
            detail: format!(
                "statement line {id} is {}; undo its payments first",
                line.line.state.as_str()
            ),
        });
    }
    let amounts = allocation_amounts(&line.line.amount, allocations)?;
    let mut batch = PaymentBatch::new(actor, clock.now());
    let mut calls: HashMap<CapitalCallId, CapitalCallRecord> = HashMap::new();
    for (allocation, amount) in allocations.iter().zip(amounts) {
        let call = match calls.entry(allocation.capital_call_id) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(new) => new.insert(
                tx.get_capital_call(allocation.capital_call_id)
                    .await?
                    .ok_or(AppError::NotFound {
                        what: "capital release request",
                    })?,
            ),
        };
        if call.call.amount.currency() != amount.currency() {
            return Err(AppError::field(
                "capital_call_id",
                "currency_mismatch",
                format!(
                    "the line is in {} and capital release request {} in {}",
                    amount.currency().code(),
                    call.call.number,
                    call.call.amount.currency().code()
                ),
            ));
        }
        batch.add(call, amount, line.line.value_date, Some(id), None)?;
    }
    let applied = batch.write(tx.as_mut(), &settings).await?;
    tx.set_statement_line_state(id, line.version, LineState::Matched, None)
        .await?;
    let mut changed = Vec::new();
    for payment in &applied {
        if payment.holdings_changed {
            changed.push(payment.holder);
        }
    }
    certificates::issue_for_changed(tx.as_mut(), services, actor, &settings, changed).await?;
    tx.commit().await?;
    Ok(applied)
}

fn allocation_amounts(line: &Money, allocations: &[Allocation]) -> Result<Vec<Money>, AppError> {
    match allocations {
        [] => Err(AppError::field(
            "capital_call_id",
            "required",
            "name the capital release request the line pays",
        )),
        [single] if single.amount.as_deref().is_none_or(|a| a.trim().is_empty()) => Ok(vec![*line]),
        _ => {
            let mut errors = Vec::new();
            let mut amounts = Vec::new();
            for (index, allocation) in allocations.iter().enumerate() {
                let field = format!("allocations[{index}].amount");
                match allocation
                    .amount
                    .as_deref()
                    .map(|a| Money::parse(a, line.currency()))
                {
                    Some(Ok(amount)) if amount.is_positive() => amounts.push(amount),
                    Some(Ok(_)) => errors.push(FieldError::new(
                        field,
                        "amount_not_positive",
                        "each share of the line must be more than zero",
                    )),
                    Some(Err(error)) => {
                        errors.push(FieldError::new(field, "invalid_amount", error.to_string()));
                    }
                    None => errors.push(FieldError::new(
                        field,
                        "required",
                        "when a line is split, give the amount of each share",
                    )),
                }
            }
            if errors.is_empty() {
                let total = Money::checked_sum(line.currency(), amounts.iter().copied())
                    .map_err(AppError::unexpected)?;
                if total != *line {
                    errors.push(FieldError::new(
                        "allocations",
                        "split_does_not_add_up",
                        format!("the shares add up to {total}, and the line is {line}"),
                    ));
                }
            }
            if errors.is_empty() {
                Ok(amounts)
            } else {
                Err(AppError::Validation(errors))
            }
        }
    }
}

/// A manager marks an unmatched line as not about capital, with an optional note.
pub async fn ignore_line(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: StatementLineId,
    note: Option<&str>,
) -> Result<(), AppError> {
    let mut tx = store.begin().await?;
    let line = tx
        .get_statement_line(id)
        .await?
        .ok_or_else(line_not_found)?;
    if line.line.state != LineState::Unmatched {
        return Err(AppError::Conflict {
            code: "line_not_unmatched",
            detail: format!("statement line {id} is {}", line.line.state.as_str()),
        });
    }
    let note = note
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(500).collect::<String>());
    tx.set_statement_line_state(id, line.version, LineState::Ignored, note.as_deref())
        .await?;
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "statement_line_ignored",
        "statement_line",
        id,
        json!({ "note": note }),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An open call proposed for a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestionView {
    pub call: CapitalCallRecord,
    pub holder_name: String,
    pub amount_due: Money,
    pub score: u32,
    pub clues: Vec<Clue>,
}

/// A line with its payments, and suggestions when it waits for a manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineView {
    pub line: crate::ports::StatementLineRecord,
    pub payments: Vec<PaymentRecord>,
    pub suggestions: Vec<SuggestionView>,
}

/// An open call a manager may give a line (or a share of it) to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCallView {
    pub call: CapitalCallRecord,
    pub holder_name: String,
    pub amount_due: Money,
}

/// A statement with its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementView {
    pub statement: BankStatementRecord,
    pub lines: Vec<LineView>,
    /// The calls its payments went to, by id.
    pub paid_calls: std::collections::BTreeMap<CapitalCallId, CapitalCallRecord>,
    /// When a line waits for a manager: every open call, oldest first.
    pub open_calls: Vec<OpenCallView>,
}

/// The statement a line was first seen in.
pub async fn statement_of_line(
    store: &dyn Store,
    id: StatementLineId,
) -> Result<BankStatementId, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx
        .get_statement_line(id)
        .await?
        .ok_or_else(line_not_found)?
        .line
        .statement)
}

/// How many lines wait for a manager (counted up to `bound`) and how many overpayments are
/// flagged.
pub async fn waiting_counts(store: &dyn Store, bound: u32) -> Result<(usize, usize), AppError> {
    let mut tx = store.begin_read().await?;
    let lines = tx.unmatched_lines(bound).await?.len();
    let overpayments = tx.overpayments().await?.len();
    Ok((lines, overpayments))
}

pub async fn list_statements(
    store: &dyn Store,
    limit: u32,
) -> Result<Vec<BankStatementRecord>, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx.list_bank_statements(limit).await?)
}

/// A statement, its lines, their payments and, for lines received and not reconciled, the
/// open calls a manager may choose from.
pub async fn view_statement(
    store: &dyn Store,
    id: BankStatementId,
) -> Result<StatementView, AppError> {
    let mut tx = store.begin_read().await?;
    let statement = tx.get_bank_statement(id).await?.ok_or(AppError::NotFound {
        what: "bank statement",
    })?;
    let records = tx.lines_of_statement(id).await?;
    let awaits = |record: &crate::ports::StatementLineRecord| {
        reconciliation::awaits_manager(record.line.state, record.line.amount, record.line.reversal)
    };
    let waiting = records.iter().any(awaits);
    let open = if waiting {
        tx.open_calls().await?
    } else {
        Vec::new()
    };
    let dues: Vec<Money> = open
        .iter()
        .map(|open| capital_call_due(&open.call))
        .collect();
    let call_facts: Vec<CallFacts<'_>> = open
        .iter()
        .zip(&dues)
        .map(|(open, due)| CallFacts {
            amount_due: *due,
            reference: &open.call.call.reference,
            holder_name: &open.holder_name,
            holder_account: open.holder_account.as_deref(),
        })
        .collect();
    let mut paid_calls = std::collections::BTreeMap::new();
    let mut lines = Vec::with_capacity(records.len());
    for record in records {
        let payments = if record.line.state == LineState::Matched {
            tx.payments_of_statement_line(record.id).await?
        } else {
            Vec::new()
        };
        for payment in &payments {
            let call_id = payment.payment.capital_call;
            if !paid_calls.contains_key(&call_id)
                && let Some(call) = tx.get_capital_call(call_id).await?
            {
                paid_calls.insert(call_id, call);
            }
        }
        let suggestions = if awaits(&record) {
            let line = LineFacts {
                amount: record.line.amount,
                counterparty_name: record.line.counterparty_name.as_deref(),
                counterparty_account: record.line.counterparty_account.as_deref(),
                structured_reference: record.line.structured_reference.as_deref(),
                free_text: &record.line.free_text,
            };
            reconciliation::suggest(&line, &call_facts)
                .into_iter()
                .filter_map(|suggestion| {
                    let open = open.get(suggestion.candidate)?;
                    let due = dues.get(suggestion.candidate)?;
                    Some(SuggestionView {
                        call: open.call.clone(),
                        holder_name: open.holder_name.clone(),
                        amount_due: *due,
                        score: suggestion.score,
                        clues: suggestion.clues,
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        lines.push(LineView {
            line: record,
            payments,
            suggestions,
        });
    }
    let open_calls = open
        .into_iter()
        .zip(dues)
        .map(|(open, amount_due)| OpenCallView {
            call: open.call,
            holder_name: open.holder_name,
            amount_due,
        })
        .collect();
    Ok(StatementView {
        statement,
        lines,
        paid_calls,
        open_calls,
    })
}

fn capital_call_due(call: &CapitalCallRecord) -> Money {
    coopshares_domain::capital_call::settlement(call.call.amount, call.amount_paid)
        .map_or(call.call.amount, |settled| settled.amount_due)
}
