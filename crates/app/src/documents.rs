//! The documents Coopshares prints (the capital release request and the membership
//! certificate), as a port: use cases gather the facts, an adapter (`coopshares-documents`) lays them out as PDF.
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

/// One holding stated on a certificate, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateDocumentLine {
    /// The share type's name in the document's language, and its code.
    pub share_type_name: String,
    pub share_type_code: String,
    pub quantity: u64,
    pub unit_value: Money,
    /// quantity × unit value.
    pub value: Money,
    /// Since when the holder has held shares of this type.
    pub since: Date,
}

/// A picture the cooperative uploaded (its logo, the signature), checked on upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub format: PictureFormat,
    pub bytes: std::sync::Arc<[u8]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PictureFormat {
    Png,
    Jpeg,
}

impl PictureFormat {
    /// The format of `bytes`, from their signature; `None` for anything but PNG or JPEG.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else {
            None
        }
    }

    pub const fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }
}

/// How the page is turned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// The parts of the certificate the cooperative chooses, beyond its identity: page, colour,
/// pictures and the texts that replace the built-in wording (already filled in for this
/// holder; `None` keeps the built-in text of the document's language).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertificateLook {
    pub orientation: Orientation,
    /// The colour of the title and rules, as RGB.
    pub accent: Option<[u8; 3]>,
    pub logo: Option<Picture>,
    pub title: Option<String>,
    /// The sentence above the holdings.
    pub intro: Option<String>,
    /// A paragraph below the holdings (statutes, transfer rules…).
    pub closing: Option<String>,
}

/// Who signs for the board, under the holdings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signatory {
    pub name: String,
    /// `Président du conseil d'administration`.
    pub function: Option<String>,
    pub signature: Option<Picture>,
}

/// The facts of one membership certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateDocument {
    pub language: Language,
    pub cooperative: CooperativeIdentity,
    /// The member (for an entity: its name, registered seat, and no representative line).
    pub holder: Holder,
    /// An entity's enterprise number as printed, if any.
    pub holder_registration_number: Option<String>,
    pub number: u32,
    pub member_number: u32,
    /// The date the certificate states the holdings on.
    pub date: Date,
    /// At least one line, all in one currency.
    pub lines: Vec<CertificateDocumentLine>,
    pub total_quantity: u64,
    pub total_value: Money,
    pub signatory: Option<Signatory>,
    pub look: CertificateLook,
}

/// What heads the register: whose it is, on which date, in which language, and its share
/// types (one column each, in the order given).
#[derive(Debug, Clone)]
pub struct RegisterHeading {
    pub cooperative: CooperativeIdentity,
    /// The date the register is drawn up on (the reader's `as_of`).
    pub as_of: Date,
    pub language: Language,
    /// The register's columns of shares, as `RegisterReader::share_types` gives them.
    pub share_types: Vec<crate::ports::ShareTypeRecord>,
}

/// The file formats the register is written in by the documents adapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    Xlsx,
    Pdf,
}

/// A register file being written: rows pushed a page at a time, then the file.
pub trait RegisterWriter: Send {
    fn push(&mut self, rows: &[crate::register::RegisterRow]) -> Result<(), DocumentError>;
    /// Ends the file (with a totals row when asked) and writes it to `out` as it is
    /// compressed, so the whole file is never held in memory. Blocking: call it from a
    /// blocking thread.
    fn finish_into(
        self: Box<Self>,
        totals_row: bool,
        out: Box<dyn std::io::Write + Send>,
    ) -> Result<(), DocumentError>;
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

    /// A membership certificate as a PDF file. A picture the PDF library cannot read is an
    /// error, never a certificate without it.
    fn certificate_pdf(&self, document: &CertificateDocument) -> Result<Vec<u8>, DocumentError>;

    /// Starts a register file in `format`.
    fn register_writer(
        &self,
        format: RegisterFormat,
        heading: RegisterHeading,
    ) -> Result<Box<dyn RegisterWriter>, DocumentError>;
}
