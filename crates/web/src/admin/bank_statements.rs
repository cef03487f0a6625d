//! Bank statements in the back office: the imports and the upload form, one statement's lines
//! with what a manager does with those left over (confirm a suggestion, split a line, set it
//! aside), and undoing a payment.
//!
//! The upload is `multipart/form-data`: the CSRF check cannot read such a body, so the form's
//! action carries the token as a query parameter (and `static/upload.js` sends it as the
//! `X-CSRF-Token` header too).

use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::format;
use coopshares_app::ports::{CapitalCallRecord, NewStatementLine, PaymentRecord};
use coopshares_app::statements::{self, Allocation, CsvMapping, StatementView};
use coopshares_domain::ids::{BankStatementId, CapitalCallId, PaymentId, StatementLineId};
use coopshares_domain::language::Language;
use coopshares_domain::reconciliation;
use minijinja::{Value, context};
use serde::Serialize;

use super::{field_error_key, when};
use crate::session::Visitor;
use crate::{AppState, page};

/// How many imports the list shows.
const LIST_SIZE: u32 = 100;
/// How many rows the split form offers.
pub(crate) const SPLIT_ROWS: usize = 3;

fn statement_not_found() -> AppError {
    AppError::NotFound {
        what: "bank statement",
    }
}

fn parse<T: std::str::FromStr>(id: &str, what: &'static str) -> Result<T, AppError> {
    id.parse().map_err(|_| AppError::NotFound { what })
}

/// A message for the manager: a translation key, and the app's explanation when it says
/// something the key cannot (the line or element of a refused file).
#[derive(Debug, Clone, Serialize)]
struct Problem {
    key: String,
    detail: Option<String>,
    /// The statement line it is about, if any.
    line: Option<String>,
}

/// The message key for a conflict code of step 3.
pub(crate) fn conflict_key(code: &str) -> &'static str {
    match code {
        "not_a_payment" => "admin-bank-conflict-not-a-payment",
        "line_not_unmatched" => "admin-bank-conflict-line-not-unmatched",
        "capital_call_not_open" => "admin-bank-conflict-call-not-open",
        "capital_call_changed" => "admin-bank-conflict-call-changed",
        "payment_admitted" => "admin-bank-conflict-payment-admitted",
        "payment_already_undone" => "admin-bank-conflict-payment-undone",
        _ => "admin-request-conflict",
    }
}

// ---------------------------------------------------------------------------------------
// The list and the upload

#[derive(Debug, Serialize)]
struct StatementRow {
    id: String,
    imported_at: String,
    filename: Option<String>,
    format: String,
    lines: i64,
    matched: i64,
    unmatched: i64,
    ignored: i64,
}

#[derive(Debug, Serialize)]
struct OverpaymentRow {
    call_id: String,
    call_number: String,
    date: String,
    amount: String,
    excess: String,
}

async fn list_page(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    error: Option<Problem>,
) -> Response {
    let loaded = async {
        let statements = statements::list_statements(state.store.as_ref(), LIST_SIZE).await?;
        let overpayments = coopshares_app::payments::overpayments(state.store.as_ref()).await?;
        Ok::<_, AppError>((statements, overpayments))
    }
    .await;
    let (records, overpayments) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return page::error_page(state, visitor, error),
    };
    let settings = match state.settings().await {
        Ok(settings) => settings,
        Err(error) => return page::error_page(state, visitor, error),
    };
    let lang = visitor.lang;
    let rows: Vec<StatementRow> = records
        .iter()
        .map(|r| StatementRow {
            id: r.id.to_string(),
            imported_at: when(r.statement.imported_at),
            filename: r.statement.filename.clone(),
            format: r.statement.format.clone(),
            lines: r.lines,
            matched: r.matched,
            unmatched: r.unmatched,
            ignored: r.ignored,
        })
        .collect();
    let overpayments: Vec<OverpaymentRow> = overpayments
        .iter()
        .map(|(payment, call)| OverpaymentRow {
            call_id: payment.payment.capital_call.to_string(),
            call_number: call.call.number.to_string(),
            date: payment.payment.value_date.to_string(),
            amount: format::money(payment.payment.amount, lang),
            excess: format::money(payment.payment.excess, lang),
        })
        .collect();
    let to_reconcile: i64 = records.iter().map(|r| r.unmatched).sum();
    // The account select is only useful when more than one CSV mapping could apply.
    let accounts: Vec<String> = if settings.csv_mappings.len() > 1 {
        settings.csv_mappings.keys().cloned().collect()
    } else {
        Vec::new()
    };
    let mappings = super::csv_mappings::mapping_rows(&settings);
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/bank_statements.html",
        context! {
            rows => Value::from(minijinja::value::Serde(&rows)),
            to_reconcile,
            overpayments => Value::from(minijinja::value::Serde(&overpayments)),
            accounts,
            mappings => Value::from(minijinja::value::Serde(&mappings)),
            max_megabytes => statements::MAX_STATEMENT_BYTES / (1024 * 1024),
            error => error.map(|e| Value::from(minijinja::value::Serde(e))),
        },
    )
    .await
}

pub async fn list(State(state): State<AppState>, visitor: Visitor) -> Response {
    list_page(&state, &visitor, StatusCode::OK, None).await
}

fn upload_problem(key: &str, detail: Option<String>) -> Option<Problem> {
    Some(Problem {
        key: key.to_owned(),
        detail,
        line: None,
    })
}

/// The CSV mapping for the account chosen in the form, or the only one saved.
fn mapping_for(
    mappings: &BTreeMap<String, CsvMapping>,
    account: Option<&str>,
) -> Option<CsvMapping> {
    match account.map(str::trim).filter(|a| !a.is_empty()) {
        Some(account) => {
            let compact: String = account
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_uppercase)
                .collect();
            mappings.get(&compact).cloned()
        }
        None if mappings.len() == 1 => mappings.values().next().cloned(),
        None => None,
    }
}

/// `POST /admin/bank-statements` (multipart: `file`, optional `account`): imports the file
/// and goes to its page; a refused file shows the list again with the reason (422).
pub async fn upload(
    State(state): State<AppState>,
    visitor: Visitor,
    mut multipart: Multipart,
) -> Response {
    let mut file: Option<(Vec<u8>, Option<String>)> = None;
    let mut account: Option<String> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                let status = error.status();
                tracing::info!(error = %error.body_text(), "statement upload refused");
                let key = if status == StatusCode::PAYLOAD_TOO_LARGE {
                    "admin-statements-error-too-large"
                } else {
                    "admin-statements-error-upload"
                };
                return list_page(&state, &visitor, status, upload_problem(key, None)).await;
            }
        };
        let name = field.name().map(str::to_owned);
        match name.as_deref() {
            Some("file") => {
                let filename = field
                    .file_name()
                    .map(str::to_owned)
                    .filter(|n| !n.is_empty());
                match field.bytes().await {
                    Ok(bytes) => file = Some((bytes.to_vec(), filename)),
                    Err(error) => {
                        let status = error.status();
                        let key = if status == StatusCode::PAYLOAD_TOO_LARGE {
                            "admin-statements-error-too-large"
                        } else {
                            "admin-statements-error-upload"
                        };
                        return list_page(&state, &visitor, status, upload_problem(key, None))
                            .await;
                    }
                }
            }
            Some("account") => account = field.text().await.ok(),
            _ => {}
        }
    }
    let Some((bytes, filename)) = file.filter(|(bytes, _)| !bytes.is_empty()) else {
        return list_page(
            &state,
            &visitor,
            StatusCode::UNPROCESSABLE_ENTITY,
            upload_problem("admin-statements-error-no-file", None),
        )
        .await;
    };
    let mapping = match state.settings().await {
        Ok(settings) => mapping_for(&settings.csv_mappings, account.as_deref()),
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let imported = statements::import(
        state.store.as_ref(),
        state.services(),
        &visitor.actor(),
        &bytes,
        filename.as_deref(),
        mapping.as_ref(),
    )
    .await;
    match imported {
        Ok(outcome) => page::redirect(
            &state,
            &format!("/admin/bank-statements/{}", outcome.statement.id),
            Some(if outcome.already_imported {
                "statement-already-imported"
            } else {
                "statement-imported"
            }),
        ),
        Err(AppError::Validation(errors)) => {
            let key = match errors.first().map(|e| e.code) {
                Some("statement_unbalanced") => "admin-statements-error-unbalanced",
                Some("file_too_large") => "admin-statements-error-too-large",
                _ => "admin-statements-error-malformed",
            };
            let detail = errors
                .iter()
                .map(|e| e.detail.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            list_page(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                upload_problem(key, Some(detail)),
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

// ---------------------------------------------------------------------------------------
// One statement

#[derive(Debug, Serialize)]
struct PaymentRow {
    id: String,
    call_id: String,
    call_number: String,
    amount: String,
    excess: Option<String>,
    undone: bool,
    can_undo: bool,
}

#[derive(Debug, Serialize)]
struct SuggestionRow {
    call_id: String,
    number: String,
    holder_name: String,
    amount_due: String,
    clues: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
struct LineRow {
    id: String,
    position: i64,
    value_date: String,
    amount: String,
    counterparty_name: Option<String>,
    counterparty_account: Option<String>,
    structured_reference: Option<String>,
    free_text: String,
    state: &'static str,
    /// A translated reason (`debit`, `reversal`) …
    note_key: Option<&'static str>,
    /// … or the note a manager typed.
    note: Option<String>,
    payments: Vec<PaymentRow>,
    suggestions: Vec<SuggestionRow>,
    /// Whether the manager can act on it (received and not reconciled).
    waiting: bool,
}

#[derive(Debug, Serialize)]
struct CallOption {
    id: String,
    label: String,
}

/// What a manager typed in a line's split form, shown again with its error.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct KeptSplit {
    line: String,
    calls: Vec<String>,
    amounts: Vec<String>,
}

/// Money received that no call has taken yet: a manager's to decide.
fn waits(line: &NewStatementLine) -> bool {
    reconciliation::awaits_manager(line.state, line.amount, line.reversal)
}

fn payment_row(
    payment: &PaymentRecord,
    call: Option<&CapitalCallRecord>,
    lang: Language,
) -> PaymentRow {
    let p = &payment.payment;
    PaymentRow {
        id: payment.id.to_string(),
        call_id: p.capital_call.to_string(),
        call_number: call.map_or_else(|| p.capital_call.to_string(), |c| c.call.number.to_string()),
        amount: format::money(p.amount, lang),
        excess: p
            .excess
            .is_positive()
            .then(|| format::money(p.excess, lang)),
        undone: !payment.is_active(),
        can_undo: call.is_some_and(|c| coopshares_app::payments::can_undo(payment, c)),
    }
}

async fn statement_page(
    state: &AppState,
    visitor: &Visitor,
    id: BankStatementId,
    status: StatusCode,
    error: Option<Problem>,
    kept: Option<KeptSplit>,
) -> Response {
    let view = match statements::view_statement(state.store.as_ref(), id).await {
        Ok(view) => view,
        Err(error) => return page::error_page(state, visitor, error),
    };
    let StatementView {
        statement,
        lines,
        paid_calls: calls,
        open_calls: open,
    } = view;
    // Certificates a large import left to the server's worker, so the manager knows they come.
    let certificates_owed =
        match coopshares_app::certificates::due_count(state.store.as_ref(), 100_000).await {
            Ok(count) => count,
            Err(error) => return page::error_page(state, visitor, error),
        };
    let lang = visitor.lang;
    let rows: Vec<LineRow> = lines
        .iter()
        .map(|view| {
            let line = &view.line.line;
            // The import notes why it set a line aside; a manager's note is shown as typed.
            let debit = reconciliation::NotAPayment::Debit.as_str();
            let reversal = reconciliation::NotAPayment::Reversal.as_str();
            let (note_key, note) = match line.note.as_deref() {
                Some(note) if note == debit => (Some("admin-line-note-debit"), None),
                Some(note) if note == reversal => (Some("admin-line-note-reversal"), None),
                other => (None, other.map(str::to_owned)),
            };
            LineRow {
                id: view.line.id.to_string(),
                position: line.position,
                value_date: line.value_date.to_string(),
                amount: format::money(line.amount, lang),
                counterparty_name: line.counterparty_name.clone(),
                counterparty_account: line.counterparty_account.clone(),
                structured_reference: line.structured_reference.clone(),
                free_text: line.free_text.clone(),
                state: line.state.as_str(),
                note_key,
                note,
                payments: view
                    .payments
                    .iter()
                    .map(|p| payment_row(p, calls.get(&p.payment.capital_call), lang))
                    .collect(),
                suggestions: view
                    .suggestions
                    .iter()
                    .map(|s| SuggestionRow {
                        call_id: s.call.id.to_string(),
                        number: s.call.call.number.to_string(),
                        holder_name: s.holder_name.clone(),
                        amount_due: format::money(s.amount_due, lang),
                        clues: s.clues.iter().map(|c| c.as_str()).collect(),
                    })
                    .collect(),
                waiting: waits(line),
            }
        })
        .collect();
    let waiting = rows.iter().filter(|r| r.waiting).count();
    let options: Vec<CallOption> = open
        .iter()
        .map(|o| CallOption {
            id: o.call.id.to_string(),
            label: format!(
                "{} — {} — {}",
                o.call.call.number,
                o.holder_name,
                format::money(o.amount_due, lang)
            ),
        })
        .collect();
    let kept = kept.unwrap_or_default();
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/bank_statement.html",
        context! {
            id => statement.id.to_string(),
            filename => statement.statement.filename.clone(),
            format => statement.statement.format.clone(),
            imported_at => when(statement.statement.imported_at),
            lines_count => statement.lines,
            matched => statement.matched,
            ignored => statement.ignored,
            waiting,
            lines => Value::from(minijinja::value::Serde(&rows)),
            open_calls => Value::from(minijinja::value::Serde(&options)),
            split_rows => (0..SPLIT_ROWS).collect::<Vec<_>>(),
            kept => Value::from(minijinja::value::Serde(&kept)),
            error => error.map(|e| Value::from(minijinja::value::Serde(e))),
            certificates_owed,
        },
    )
    .await
}

pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    match id.parse::<BankStatementId>() {
        Ok(id) => statement_page(&state, &visitor, id, StatusCode::OK, None, None).await,
        Err(_) => page::error_page(&state, &visitor, statement_not_found()),
    }
}

/// After an action on a line: back to its statement (PRG), or the statement again with the
/// message.
async fn after_line_action(
    state: &AppState,
    visitor: &Visitor,
    line: StatementLineId,
    result: Result<(), AppError>,
    flash: &str,
    kept: Option<KeptSplit>,
) -> Response {
    let statement = match statements::statement_of_line(state.store.as_ref(), line).await {
        Ok(statement) => statement,
        Err(error) => return page::error_page(state, visitor, error),
    };
    let (status, key, detail) = match result {
        Ok(()) => {
            return page::redirect(
                state,
                &format!("/admin/bank-statements/{statement}#line-{line}"),
                Some(flash),
            );
        }
        Err(AppError::Validation(errors)) => {
            let first = errors.first();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                first.map_or_else(
                    || "field-error-invalid".to_owned(),
                    |e| field_error_key(state, visitor.lang, e.code),
                ),
                first.map(|e| e.detail.clone()),
            )
        }
        Err(AppError::Conflict { code, detail }) => (
            StatusCode::CONFLICT,
            conflict_key(code).to_owned(),
            Some(detail),
        ),
        Err(error) => return page::error_page(state, visitor, error),
    };
    let problem = Problem {
        key,
        detail,
        line: Some(line.to_string()),
    };
    statement_page(state, visitor, statement, status, Some(problem), kept).await
}

/// `POST /admin/statement-lines/{id}/match`: `capital_call_id` for the whole line, or the
/// split rows `call_1`/`amount_1` … `call_3`/`amount_3`.
pub async fn match_line(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let line: StatementLineId = match parse(&id, "statement line") {
        Ok(line) => line,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let fields: BTreeMap<String, String> = form_urlencoded::parse(&body)
        .map(|(k, v)| (k.into_owned(), v.trim().to_owned()))
        .collect();
    let mut kept = KeptSplit {
        line: line.to_string(),
        ..KeptSplit::default()
    };
    let allocations: Result<Vec<Allocation>, AppError> =
        match fields.get("capital_call_id").filter(|v| !v.is_empty()) {
            Some(call) => parse::<CapitalCallId>(call, "capital release request").map(|call| {
                vec![Allocation {
                    capital_call_id: call,
                    amount: None,
                }]
            }),
            None => {
                let mut allocations = Vec::new();
                let mut problem = None;
                for row in 1..=SPLIT_ROWS {
                    let call = fields
                        .get(&format!("call_{row}"))
                        .cloned()
                        .unwrap_or_default();
                    let amount = fields
                        .get(&format!("amount_{row}"))
                        .cloned()
                        .unwrap_or_default();
                    kept.calls.push(call.clone());
                    kept.amounts.push(amount.clone());
                    if call.is_empty() {
                        if !amount.is_empty() {
                            problem = Some(AppError::field(
                                "capital_call_id",
                                "required",
                                "choose the capital release request of each amount",
                            ));
                        }
                        continue;
                    }
                    match call.parse::<CapitalCallId>() {
                        Ok(call) => allocations.push(Allocation {
                            capital_call_id: call,
                            amount: Some(amount).filter(|a| !a.is_empty()),
                        }),
                        Err(_) => {
                            problem = Some(AppError::NotFound {
                                what: "capital release request",
                            });
                        }
                    }
                }
                match problem {
                    Some(problem) => Err(problem),
                    None => Ok(allocations),
                }
            }
        };
    let result = match allocations {
        Ok(allocations) => statements::match_line(
            state.store.as_ref(),
            state.services(),
            &visitor.actor(),
            line,
            &allocations,
        )
        .await
        .map(|_| ()),
        Err(error) => Err(error),
    };
    let kept = (!kept.calls.is_empty()).then_some(kept);
    after_line_action(&state, &visitor, line, result, "line-matched", kept).await
}

/// `POST /admin/statement-lines/{id}/ignore` with an optional `note`.
pub async fn ignore_line(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let line: StatementLineId = match parse(&id, "statement line") {
        Ok(line) => line,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let note = form_urlencoded::parse(&body)
        .find(|(k, _)| k == "note")
        .map(|(_, v)| v.into_owned());
    let result = statements::ignore_line(
        state.store.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        line,
        note.as_deref(),
    )
    .await;
    after_line_action(&state, &visitor, line, result, "line-ignored", None).await
}

/// `POST /admin/payments/{id}/undo`. With a `statement_id` field (the button on a statement's
/// page) it goes back to that statement; otherwise to the payment's capital release request.
pub async fn undo_payment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let payment: PaymentId = match parse(&id, "payment") {
        Ok(payment) => payment,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let statement: Option<BankStatementId> = form_urlencoded::parse(&body)
        .find(|(k, _)| k == "statement_id")
        .and_then(|(_, v)| v.parse().ok());
    let call = match coopshares_app::payments::get(state.store.as_ref(), payment).await {
        Ok(found) => found.payment.capital_call,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let result = coopshares_app::payments::undo_payment(
        state.store.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        payment,
    )
    .await;
    let back = match statement {
        Some(statement) => format!("/admin/bank-statements/{statement}"),
        None => format!("/admin/capital-calls/{call}"),
    };
    let (status, key, detail) = match result {
        Ok(_) => return page::redirect(&state, &back, Some("payment-undone")),
        Err(AppError::Conflict { code, detail }) => (
            StatusCode::CONFLICT,
            conflict_key(code).to_owned(),
            Some(detail),
        ),
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    match statement {
        Some(statement) => {
            statement_page(
                &state,
                &visitor,
                statement,
                status,
                Some(Problem {
                    key,
                    detail,
                    line: None,
                }),
                None,
            )
            .await
        }
        None => super::capital_calls::show_with_error(&state, &visitor, call, status, &key).await,
    }
}
