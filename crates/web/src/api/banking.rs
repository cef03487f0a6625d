//! Step 3 in the API: payments registered by hand, bank statements imported, lines reconciled.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coopshares_app::AppError;
use coopshares_app::capital;
use coopshares_app::payments::{self, AppliedPayment, PaymentInput};
use coopshares_app::ports::{BankStatementRecord, PaymentRecord};
use coopshares_app::statements::{self, Allocation, ImportOutcome, LineView};
use coopshares_domain::ids::{CapitalCallId, PaymentId, StatementLineId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::capital::CapitalCallDoc;
use super::{ApiCaller, ApiError, ApiJson, ApiQuery, ErrorEnvelope};
use crate::AppState;

fn not_found(what: &'static str) -> ApiError {
    AppError::NotFound { what }.into()
}

/// A payment on a capital release request.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PaymentDoc {
    pub id: String,
    pub capital_call_id: String,
    /// The statement line it comes from; none when registered by hand.
    pub statement_line_id: Option<String>,
    pub amount: String,
    pub currency: String,
    pub value_date: String,
    pub note: Option<String>,
    /// Paid beyond what the call awaited: flagged for a manager.
    pub excess: String,
    /// Whether a manager undid it (a reversing entry was posted).
    pub undone: bool,
}

impl PaymentDoc {
    pub fn from_record(record: &PaymentRecord) -> Self {
        let payment = &record.payment;
        Self {
            id: record.id.to_string(),
            capital_call_id: payment.capital_call.to_string(),
            statement_line_id: payment.line.map(|l| l.to_string()),
            amount: payment.amount.to_string(),
            currency: payment.amount.currency().code().to_owned(),
            value_date: payment.value_date.to_string(),
            note: payment.note.clone(),
            excess: payment.excess.to_string(),
            undone: !record.is_active(),
        }
    }
}

/// The result of a payment registered on a call.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PaymentResultDoc {
    pub payment_id: String,
    pub amount: String,
    /// Paid beyond what the call awaited (`"0.00"` unless overpaid).
    pub excess: String,
    /// The member number this payment gave (first admission only).
    pub member_number: Option<u32>,
    pub capital_call: CapitalCallDoc,
}

async fn result_doc(
    state: &AppState,
    applied: &AppliedPayment,
) -> Result<PaymentResultDoc, ApiError> {
    let view = capital::view_call(state.store.as_ref(), applied.call).await?;
    Ok(PaymentResultDoc {
        payment_id: applied.payment.to_string(),
        amount: applied.amount.to_string(),
        excess: applied.excess.to_string(),
        member_number: applied.member_number,
        capital_call: CapitalCallDoc::from_record(&view.call)?,
    })
}

/// Registers a payment received on an open capital release request (manager token), for a
/// cooperative whose accounting is kept elsewhere. Paid in full, the request becomes paid and
/// the holder a cooperator.
#[utoipa::path(
    post,
    path = "/api/v1/capital-calls/{id}/payments",
    tag = "payments",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body(content = inline(PaymentBody)),
    responses(
        (status = 201, body = PaymentResultDoc),
        (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope, description = "the call is not open (`capital_call_not_open`)"),
        (status = 422, body = ErrorEnvelope, description = "bad amount (more decimals than the currency has…) or date"),
    )
)]
pub async fn register_payment(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PaymentInput>,
) -> Result<(StatusCode, Json<PaymentResultDoc>), ApiError> {
    caller.require_manager()?;
    let id: CapitalCallId = id
        .parse()
        .map_err(|_| not_found("capital release request"))?;
    let applied = payments::register_payment(
        state.store.as_ref(),
        state.services(),
        &caller.actor(),
        id,
        &body,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(result_doc(&state, &applied).await?),
    ))
}

/// The body of a manual payment.
#[derive(Debug, Deserialize, ToSchema)]
#[expect(dead_code, reason = "documents the body of PaymentInput for OpenAPI")]
pub struct PaymentBody {
    /// Decimal string, `"250.00"`.
    amount: String,
    /// `YYYY-MM-DD`, not later than today.
    date: String,
    note: Option<String>,
}

/// Undoes a payment on a call that is still open (manager token): a reversing entry is
/// posted and its statement line is unmatched again.
#[utoipa::path(
    post,
    path = "/api/v1/payments/{id}/undo",
    tag = "payments",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = PaymentDoc), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope, description = "already undone, or its call is paid (`payment_admitted`)"))
)]
pub async fn undo_payment(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<PaymentDoc>, ApiError> {
    caller.require_manager()?;
    let id: PaymentId = id.parse().map_err(|_| not_found("payment"))?;
    let undone = payments::undo_payment(
        state.store.as_ref(),
        state.clock.as_ref(),
        &caller.actor(),
        id,
    )
    .await?;
    Ok(Json(PaymentDoc::from_record(&undone)))
}

/// An imported statement file.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct BankStatementDoc {
    pub id: String,
    /// `camt053`, `coda`, `csv` or `manual`.
    pub format: String,
    pub filename: Option<String>,
    pub imported_at: String,
    /// Movements first seen in this file.
    pub lines: i64,
    pub matched: i64,
    pub unmatched: i64,
    /// Debits, reversals and lines a manager set aside.
    pub ignored: i64,
}

impl BankStatementDoc {
    pub fn from_record(record: &BankStatementRecord) -> Self {
        Self {
            id: record.id.to_string(),
            format: record.statement.format.clone(),
            filename: record.statement.filename.clone(),
            imported_at: record
                .statement
                .imported_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            lines: record.lines,
            matched: record.matched,
            unmatched: record.unmatched,
            ignored: record.ignored,
        }
    }
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ImportDoc {
    #[serde(flatten)]
    pub statement: BankStatementDoc,
    /// The same file was imported before: this is that import, nothing was added.
    pub already_imported: bool,
    /// Movements of this file that earlier files had already brought.
    pub known_lines: usize,
    /// Members admitted by this import whose certificate the server issues after the import
    /// (an import admitting many members); zero when they were issued with it.
    pub certificates_owed: usize,
}

fn import_doc(outcome: &ImportOutcome) -> ImportDoc {
    ImportDoc {
        statement: BankStatementDoc::from_record(&outcome.statement),
        already_imported: outcome.already_imported,
        known_lines: outcome.known_lines,
        certificates_owed: outcome.certificates_owed,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportQuery {
    /// The file's name, recorded with the import.
    filename: Option<String>,
    /// For a CSV file: the bank account (IBAN) whose saved column mapping reads it; may be
    /// left out when a single mapping is saved.
    account: Option<String>,
}

/// Imports a bank statement (manager token): the raw file as the body, camt.053, CODA or CSV,
/// recognised from the content. Malformed files and files whose balances do not add up are
/// refused whole (422, with the line or element and the reason). The same file again returns
/// the first import (200) and adds nothing.
#[utoipa::path(
    post,
    path = "/api/v1/bank-statements",
    tag = "bank statements",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 201, body = ImportDoc),
        (status = 200, body = ImportDoc, description = "the same file was imported before"),
        (status = 413, description = "over the size limit"),
        (status = 422, body = ErrorEnvelope, description = "`statement_malformed`, `statement_unbalanced`, `file_too_large`"),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(query): ApiQuery<ImportQuery>,
    body: Bytes,
) -> Result<(StatusCode, Json<ImportDoc>), ApiError> {
    caller.require_manager()?;
    let mapping = csv_mapping(&state, query.account.as_deref()).await?;
    let outcome = statements::import(
        state.store.as_ref(),
        state.services(),
        &caller.actor(),
        &body,
        query.filename.as_deref(),
        mapping.as_ref(),
    )
    .await?;
    let status = if outcome.already_imported {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(import_doc(&outcome))))
}

/// The CSV mapping saved for `account`, or the only one saved when no account is named.
pub async fn csv_mapping(
    state: &AppState,
    account: Option<&str>,
) -> Result<Option<coopshares_app::statements::CsvMapping>, ApiError> {
    let settings = coopshares_app::settings::load(state.store.as_ref())
        .await?
        .value;
    Ok(settings.csv_mapping_for(account)?)
}

/// An open call proposed for a line.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SuggestionDoc {
    pub capital_call_id: String,
    pub number: String,
    pub holder_name: String,
    pub amount_due: String,
    pub score: u32,
    /// `same_amount`, `known_account`, `similar_name`, `reference_typo`.
    pub clues: Vec<String>,
}

/// A movement of a statement.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct StatementLineDoc {
    pub id: String,
    pub position: i64,
    pub booking_date: String,
    pub value_date: String,
    /// Signed: money received is positive.
    pub amount: String,
    pub currency: String,
    pub reversal: bool,
    pub counterparty_name: Option<String>,
    pub counterparty_account: Option<String>,
    pub structured_reference: Option<String>,
    pub free_text: String,
    pub bank_reference: Option<String>,
    /// `unmatched`, `matched` or `ignored`.
    pub state: String,
    pub note: Option<String>,
    /// The payments this line made.
    pub matches: Vec<PaymentDoc>,
    /// For an unmatched line received: open calls it may pay, best first.
    pub suggestions: Vec<SuggestionDoc>,
}

fn line_doc(view: &LineView) -> StatementLineDoc {
    let line = &view.line.line;
    StatementLineDoc {
        id: view.line.id.to_string(),
        position: line.position,
        booking_date: line.booking_date.to_string(),
        value_date: line.value_date.to_string(),
        amount: line.amount.to_string(),
        currency: line.amount.currency().code().to_owned(),
        reversal: line.reversal,
        counterparty_name: line.counterparty_name.clone(),
        counterparty_account: line.counterparty_account.clone(),
        structured_reference: line.structured_reference.clone(),
        free_text: line.free_text.clone(),
        bank_reference: line.bank_reference.clone(),
        state: line.state.as_str().to_owned(),
        note: line.note.clone(),
        matches: view.payments.iter().map(PaymentDoc::from_record).collect(),
        suggestions: view
            .suggestions
            .iter()
            .map(|s| SuggestionDoc {
                capital_call_id: s.call.id.to_string(),
                number: s.call.call.number.to_string(),
                holder_name: s.holder_name.clone(),
                amount_due: s.amount_due.to_string(),
                score: s.score,
                clues: s.clues.iter().map(|c| c.as_str().to_owned()).collect(),
            })
            .collect(),
    }
}

/// A statement's lines.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct StatementLinesDoc {
    pub statement: BankStatementDoc,
    pub lines: Vec<StatementLineDoc>,
}

/// The lines first seen in a statement, with their state, their payments and suggestions
/// (manager token).
#[utoipa::path(
    get,
    path = "/api/v1/bank-statements/{id}/lines",
    tag = "bank statements",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = StatementLinesDoc), (status = 404, body = ErrorEnvelope))
)]
pub async fn lines(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<StatementLinesDoc>, ApiError> {
    caller.require_manager()?;
    let id = id.parse().map_err(|_| not_found("bank statement"))?;
    let view = statements::view_statement(state.store.as_ref(), id).await?;
    Ok(Json(StatementLinesDoc {
        statement: BankStatementDoc::from_record(&view.statement),
        lines: view.lines.iter().map(line_doc).collect(),
    }))
}

/// An id as the API writes it (`"12"`); a bare number is accepted too.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum IdInput {
    Text(String),
    Number(i64),
}

impl IdInput {
    fn parse(&self, field: &str) -> Result<CapitalCallId, ApiError> {
        let text = match self {
            IdInput::Text(text) => text.trim().to_owned(),
            IdInput::Number(number) => number.to_string(),
        };
        text.parse().map_err(|_| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                Some(field.to_owned()),
                format!("{text:?} is not a capital release request id"),
            )
        })
    }
}

/// One share of a split line.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AllocationBody {
    #[schema(value_type = String)]
    capital_call_id: IdInput,
    /// Decimal string; may be left out when the whole line goes to one call.
    amount: Option<String>,
}

/// A manual reconciliation: the whole line to one call, or split over several.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MatchBody {
    /// The call the whole line pays.
    #[schema(value_type = Option<String>)]
    capital_call_id: Option<IdInput>,
    /// Or the shares of a split line; their amounts add up to the line.
    #[serde(default)]
    allocations: Vec<AllocationBody>,
}

async fn line_after(state: &AppState, id: StatementLineId) -> Result<StatementLineDoc, ApiError> {
    let statement = statements::statement_of_line(state.store.as_ref(), id).await?;
    let view = statements::view_statement(state.store.as_ref(), statement).await?;
    view.lines
        .iter()
        .find(|line| line.line.id == id)
        .map(line_doc)
        .ok_or_else(|| not_found("statement line"))
}

/// Reconciles a line by hand (manager token): `{capital_call_id}` for the whole line, or
/// `{allocations:[{capital_call_id, amount}]}` to split it.
#[utoipa::path(
    post,
    path = "/api/v1/statement-lines/{id}/match",
    tag = "bank statements",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = MatchBody,
    responses((status = 200, body = StatementLineDoc), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope, description = "a debit or reversal (`not_a_payment`), the line is not unmatched, or the call is not open"), (status = 422, body = ErrorEnvelope))
)]
pub async fn match_line(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MatchBody>,
) -> Result<Json<StatementLineDoc>, ApiError> {
    caller.require_manager()?;
    let id: StatementLineId = id.parse().map_err(|_| not_found("statement line"))?;
    let allocations = match (body.capital_call_id, body.allocations) {
        (Some(call), allocations) if allocations.is_empty() => vec![Allocation {
            capital_call_id: call.parse("capital_call_id")?,
            amount: None,
        }],
        (None, allocations) => allocations
            .into_iter()
            .enumerate()
            .map(|(index, a)| {
                Ok(Allocation {
                    capital_call_id: a
                        .capital_call_id
                        .parse(&format!("allocations[{index}].capital_call_id"))?,
                    amount: a.amount,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?,
        (Some(_), _) => {
            return Err(AppError::field(
                "allocations",
                "ambiguous",
                "give either capital_call_id or allocations, not both",
            )
            .into());
        }
    };
    statements::match_line(
        state.store.as_ref(),
        state.services(),
        &caller.actor(),
        id,
        &allocations,
    )
    .await?;
    Ok(Json(line_after(&state, id).await?))
}

/// Why a line is not about capital.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct IgnoreBody {
    note: Option<String>,
}

/// Marks an unmatched line as not about capital (manager token). The body `{note}` is
/// optional.
#[utoipa::path(
    post,
    path = "/api/v1/statement-lines/{id}/ignore",
    tag = "bank statements",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = StatementLineDoc), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope))
)]
pub async fn ignore_line(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<StatementLineDoc>, ApiError> {
    caller.require_manager()?;
    let id: StatementLineId = id.parse().map_err(|_| not_found("statement line"))?;
    let body: IgnoreBody = if body.iter().all(u8::is_ascii_whitespace) {
        IgnoreBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                None,
                e.to_string(),
            )
        })?
    };
    statements::ignore_line(
        state.store.as_ref(),
        state.clock.as_ref(),
        &caller.actor(),
        id,
        body.note.as_deref(),
    )
    .await?;
    Ok(Json(line_after(&state, id).await?))
}

/// Records a movement typed in by hand (manager token) and reconciles it like an imported
/// line: `{date, amount, counterparty_name?, counterparty_account?, communication?}`.
#[utoipa::path(
    post,
    path = "/api/v1/statement-lines",
    tag = "bank statements",
    security(("bearer" = [])),
    request_body(content = inline(ManualLineBody)),
    responses((status = 201, body = ImportDoc), (status = 422, body = ErrorEnvelope))
)]
pub async fn add_line(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<statements::ManualLineInput>,
) -> Result<(StatusCode, Json<ImportDoc>), ApiError> {
    caller.require_manager()?;
    let outcome = statements::add_manual_line(
        state.store.as_ref(),
        state.services(),
        &caller.actor(),
        &body,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(import_doc(&outcome))))
}

/// A movement typed in by hand.
#[derive(Debug, Deserialize, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body of ManualLineInput for OpenAPI"
)]
pub struct ManualLineBody {
    /// `YYYY-MM-DD`.
    date: String,
    /// Signed decimal string; money received is positive.
    amount: String,
    counterparty_name: Option<String>,
    counterparty_account: Option<String>,
    /// Structured (`+++090/9337/55493+++`, `RF18…`) or free text.
    communication: Option<String>,
}

/// The CSV column mapping saved for a bank account (manager token); 404 when none.
#[utoipa::path(
    get,
    path = "/api/v1/bank-accounts/{iban}/csv-mapping",
    tag = "bank statements",
    security(("bearer" = [])),
    params(("iban" = String, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorEnvelope))
)]
pub async fn get_csv_mapping(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(iban): Path<String>,
) -> Result<Json<statements::CsvMapping>, ApiError> {
    caller.require_manager()?;
    csv_mapping(&state, Some(&iban))
        .await
        .map_err(|_| not_found("CSV column mapping"))?
        .map(Json)
        .ok_or_else(|| not_found("CSV column mapping"))
}

/// Saves how to read a bank account's CSV exports (manager token). The body is the mapping:
/// `{delimiter, decimal_separator, thousands_separator?, date_format, currency, columns:{...}}`.
#[utoipa::path(
    put,
    path = "/api/v1/bank-accounts/{iban}/csv-mapping",
    tag = "bank statements",
    security(("bearer" = [])),
    params(("iban" = String, Path)),
    request_body = Object,
    responses((status = 200, body = Object), (status = 422, body = ErrorEnvelope))
)]
pub async fn put_csv_mapping(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(iban): Path<String>,
    ApiJson(mapping): ApiJson<statements::CsvMapping>,
) -> Result<Json<statements::CsvMapping>, ApiError> {
    caller.require_manager()?;
    coopshares_app::settings::save_csv_mapping(
        state.store.as_ref(),
        state.clock.as_ref(),
        &caller.actor(),
        &iban,
        Some(mapping.clone()),
    )
    .await?;
    state.config_changed();
    Ok(Json(mapping))
}
