//! The member and share register in the back office: the legal view on any date, a page of
//! members at a time, with the totals and the exports.

use axum::extract::{Query, State};
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::format;
use coopshares_app::register::{self, RegisterReader};
use coopshares_domain::ids::ContactId;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use crate::register_export::{ExportFormat, export};
use crate::session::Visitor;
use crate::{AppState, page};

/// Members per page of the back-office view.
const PAGE_SIZE: u32 = 100;

#[derive(Debug, Deserialize)]
pub struct RegisterQuery {
    as_of: Option<String>,
    /// The last contact of the previous page.
    after: Option<String>,
    format: Option<String>,
}

#[derive(Debug, Serialize)]
struct Row {
    contact_id: String,
    member_number: Option<u32>,
    name: String,
    address: String,
    registration_number: Option<String>,
    entry_date: Option<String>,
    exit_date: Option<String>,
    /// Quantities in the order of the share-type columns.
    quantities: Vec<u64>,
    paid: String,
    transfers: Vec<String>,
    withdrawals: Vec<String>,
}

pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<RegisterQuery>,
) -> Response {
    let as_of = match register::parse_as_of(query.as_of.as_deref(), state.clock.today()) {
        Ok(as_of) => as_of,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let after = query
        .after
        .as_deref()
        .and_then(|a| a.parse::<ContactId>().ok());
    let loaded = async {
        let totals = register::totals(state.store.as_ref(), as_of).await?;
        let mut reader = RegisterReader::open(state.store.as_ref(), as_of, after).await?;
        let rows = reader.next_page(PAGE_SIZE).await?.unwrap_or_default();
        Ok::<_, AppError>((totals, reader, rows))
    }
    .await;
    let (totals, reader, rows) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let lang = visitor.lang;
    let share_types = reader.share_types();
    let code_of = |id| register::share_type_code(share_types, id);
    let view: Vec<Row> = rows
        .iter()
        .map(|row| {
            let currency = row
                .currency(share_types)
                .unwrap_or(coopshares_domain::money::Currency::EUR);
            Row {
                contact_id: row.contact.id.to_string(),
                member_number: row.contact.member_number,
                name: row.contact.details.display_name(),
                address: row.address(),
                registration_number: row.registration_number(),
                entry_date: row.entry_date.map(|d| format::date(d, lang)),
                exit_date: row.exit_date().map(|d| format::date(d, lang)),
                quantities: share_types
                    .iter()
                    .map(|t| {
                        row.holdings
                            .iter()
                            .find(|h| h.share_type == t.id)
                            .map_or(0, |h| h.quantity)
                    })
                    .collect(),
                paid: row
                    .total_paid(currency)
                    .map(|m| format::money(m, lang))
                    .unwrap_or_default(),
                transfers: row
                    .transfers
                    .iter()
                    .map(|t| {
                        format!(
                            "{} {}{} {} (#{})",
                            format::date(t.date, lang),
                            if t.received { "+" } else { "−" },
                            t.quantity,
                            code_of(t.share_type),
                            t.other
                        )
                    })
                    .collect(),
                withdrawals: row
                    .withdrawals
                    .iter()
                    .map(|w| {
                        format!(
                            "{} {} {} ({})",
                            format::date(w.date, lang),
                            w.quantity,
                            code_of(w.share_type),
                            format::money(w.paid_out, lang)
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let columns: Vec<String> = share_types
        .iter()
        .map(|t| t.share_type.code().as_str().to_owned())
        .collect();
    let per_type: Vec<Value> = totals
        .per_type
        .iter()
        .map(|(t, quantity, value)| {
            context! {
                code => t.share_type.code().as_str(),
                name => t.share_type.name(lang),
                quantity => *quantity,
                value => format::money(*value, lang),
            }
        })
        .collect();
    page::render(
        &state,
        &visitor,
        "admin/register.html",
        context! {
            as_of => as_of.to_string(),
            as_of_label => format::date(as_of, lang),
            columns,
            rows => Value::from(minijinja::value::Serde(&view)),
            next => reader.cursor().map(|c| c.to_string()),
            first_page => after.is_none(),
            totals => per_type,
            total_quantity => totals.quantity,
            total_value => totals.value.map(|v| format::money(v, lang)),
        },
    )
    .await
}

/// `GET /admin/register/export?format=csv&as_of=…`: the download.
pub async fn download(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<RegisterQuery>,
) -> Response {
    let result = async {
        let format = ExportFormat::parse(query.format.as_deref())?;
        let as_of = register::parse_as_of(query.as_of.as_deref(), state.clock.today())?;
        export(&state, as_of, format, visitor.lang).await
    }
    .await;
    match result {
        Ok(response) => response,
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
