//! The documents Coopshares prints (the capital release request; later the certificate), as a
//! port: use cases gather the facts, an adapter (`coopshares-documents`) lays them out as PDF.
//!
//! Everything a document shows is computed here from stored facts; the renderer only formats
//! (dates and amounts in the document's language) and draws.

use std::fmt;

use coopshares_domain::iban::{Bic, Iban};
use coopshares_domain::language::Language;
use coopshares_domain::money::Money;
use coopshares_domain::reference::PaymentReference;
use time::Date;

/// Who the cooperative is, as printed at the top of its documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CooperativeIdentity {
    pub name: String,
    /// Street, postal code and city, country: one entry per printed line.
    pub address_lines: Vec<String>,
    /// The enterprise number as usually printed (`BE 0123.456.789`), if set.
    pub registration_number: Option<String>,
}

/// The future member the document is addressed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// A person's full name, or an entity's name with its legal form.
    pub name: String,
    pub address_lines: Vec<String>,
    /// For an entity, the person who signed for it and their function (`Marie Dupont, gérante`).
    pub representative: Option<String>,
}

/// The facts of one capital release request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapitalCallDocument {
    pub language: Language,
    pub cooperative: CooperativeIdentity,
    pub holder: Holder,
    /// `2026/0001`.
    pub number: String,
    pub issue_date: Date,
    pub due_date: Date,
    /// The share type's name in the document's language, and its code.
    pub share_type_name: String,
    pub share_type_code: String,
    pub quantity: u32,
    pub unit_value: Money,
    /// quantity × unit value.
    pub amount: Money,
    pub iban: Iban,
    pub bic: Option<Bic>,
    pub reference: PaymentReference,
    /// The EPC069-12 payload to draw as a QR code; `None` when the currency is not the euro
    /// (the standard covers SEPA credit transfers in euro only).
    pub epc_payload: Option<String>,
}

/// A document could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError(pub String);

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "document rendering failed: {}", self.0)
    }
}

impl std::error::Error for DocumentError {}

/// Lays documents out. Rendering is CPU work without IO; callers on an async runtime may call
/// it directly for one document (a few milliseconds).
pub trait DocumentRenderer: Send + Sync + fmt::Debug {
    /// A capital release request as a PDF file.
    fn capital_call_pdf(&self, document: &CapitalCallDocument) -> Result<Vec<u8>, DocumentError>;
}
