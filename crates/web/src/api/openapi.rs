//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    ErrorEnvelope, ErrorItem, banking, capital, certificates, register, requests, settings,
    share_types,
};

#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Coopshares API",
        description = "Members and share capital of a cooperative. Amounts are decimal strings, dates YYYY-MM-DD, ids strings. Authenticate with `Authorization: Bearer <token>` (see `coopshares token create`)."
    ),
    paths(
        settings::get_settings,
        settings::put_settings,
        share_types::list,
        share_types::create,
        requests::submit,
        requests::list,
        requests::get,
        requests::cancel,
        capital::validate,
        capital::get_call,
        capital::call_pdf,
        capital::get_contact,
        capital::find_contact,
        certificates::latest_pdf,
        register::get_register,
        banking::register_payment,
        banking::undo_payment,
        banking::import,
        banking::lines,
        banking::match_line,
        banking::ignore_line,
        banking::add_line,
        banking::get_csv_mapping,
        banking::put_csv_mapping,
        crate::healthz
    ),
    components(schemas(
        ErrorEnvelope,
        ErrorItem,
        settings::SettingsDoc,
        settings::SettingsBody,
        settings::AddressDoc,
        settings::ChartDoc,
        share_types::ShareTypeDoc,
        share_types::ShareTypeBody,
        share_types::NamesDoc,
        requests::RequestDoc,
        requests::RequestPage,
        requests::RequestSummaryDoc,
        requests::CancelBody,
        capital::CapitalCallDoc,
        capital::ContactDoc,
        capital::MembershipDoc,
        capital::HoldingDoc,
        banking::PaymentDoc,
        banking::PaymentResultDoc,
        banking::PaymentBody,
        banking::BankStatementDoc,
        banking::ImportDoc,
        banking::SuggestionDoc,
        banking::StatementLineDoc,
        banking::StatementLinesDoc,
        banking::MatchBody,
        banking::AllocationBody,
        banking::IgnoreBody,
        banking::ManualLineBody
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
