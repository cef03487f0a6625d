//! What the member side needs stored: certificates as issued, the pictures printed on them,
//! and changes of personal data a member proposes for a manager to approve.

use async_trait::async_trait;
use coopshares_domain::contact::ContactDetails;
use coopshares_domain::ids::{CertificateId, ContactChangeId, ContactId, UserAccountId};
use coopshares_domain::language::Language;
use coopshares_domain::money::Money;
use time::{Date, OffsetDateTime};

use super::StoreError;
use crate::documents::PictureFormat;

/// A certificate to store, PDF included, exactly as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCertificate {
    pub number: u32,
    pub holder: ContactId,
    pub member_number: u32,
    /// The date the certificate states the holdings on.
    pub issued_on: Date,
    pub language: Language,
    /// What it states, as JSON (share types, quantities, values, dates), for reading without
    /// opening the PDF.
    pub statement: String,
    pub total_quantity: u64,
    pub total_value: Money,
    pub pdf: Vec<u8>,
    /// Hex SHA-256 of the PDF.
    pub sha256: String,
    pub issued_by: String,
    pub created_at: OffsetDateTime,
}

/// A stored certificate, without its PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRecord {
    pub id: CertificateId,
    pub number: u32,
    pub holder: ContactId,
    pub member_number: u32,
    pub issued_on: Date,
    pub language: Language,
    pub statement: String,
    pub total_quantity: u64,
    pub total_value: Money,
    pub sha256: String,
    pub size_bytes: u64,
    pub issued_by: String,
    pub created_at: OffsetDateTime,
}

#[async_trait]
pub trait Certificates {
    /// `Duplicate("certificate_number")` if the number is taken.
    async fn insert_certificate(
        &mut self,
        certificate: &NewCertificate,
    ) -> Result<CertificateId, StoreError>;
    async fn get_certificate(
        &mut self,
        id: CertificateId,
    ) -> Result<Option<CertificateRecord>, StoreError>;
    /// The PDF exactly as it was issued.
    async fn certificate_pdf(&mut self, id: CertificateId) -> Result<Option<Vec<u8>>, StoreError>;
    /// A holder's certificates, newest first.
    async fn certificates_of_contact(
        &mut self,
        holder: ContactId,
    ) -> Result<Vec<CertificateRecord>, StoreError>;
    /// Notes that `holder` is owed a certificate (once: a holder already noted keeps the
    /// earlier time).
    async fn mark_certificate_due(
        &mut self,
        holder: ContactId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;
    /// [`Certificates::mark_certificate_due`] for several holders (at most
    /// `ROWS_PER_BATCH`) in one go.
    async fn mark_certificates_due(
        &mut self,
        holders: &[ContactId],
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;
    /// Holders owed a certificate, longest waiting first.
    async fn certificates_due(&mut self, limit: u32) -> Result<Vec<ContactId>, StoreError>;
    /// Takes `holder` off the list; whether they were on it (a transaction that finds them
    /// gone lets the one that took them issue the certificate).
    async fn take_certificate_due(&mut self, holder: ContactId) -> Result<bool, StoreError>;
}

/// Which picture of the cooperative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PictureKind {
    /// Printed at the top of the certificate.
    Logo,
    /// Printed above the signatory's name.
    Signature,
}

impl PictureKind {
    pub const ALL: [PictureKind; 2] = [PictureKind::Logo, PictureKind::Signature];

    pub const fn as_str(self) -> &'static str {
        match self {
            PictureKind::Logo => "logo",
            PictureKind::Signature => "signature",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == input)
    }
}

/// A stored picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureRecord {
    pub kind: PictureKind,
    pub format: PictureFormat,
    pub bytes: Vec<u8>,
    pub updated_at: OffsetDateTime,
}

#[async_trait]
pub trait Pictures {
    /// Stores the picture of `kind`, replacing the one before.
    async fn save_picture(&mut self, picture: &PictureRecord) -> Result<(), StoreError>;
    async fn get_picture(&mut self, kind: PictureKind)
    -> Result<Option<PictureRecord>, StoreError>;
    async fn delete_picture(&mut self, kind: PictureKind) -> Result<(), StoreError>;
}

/// Where a proposed change of personal data stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeState {
    Pending,
    Approved,
    Rejected,
}

impl ChangeState {
    pub const fn as_str(self) -> &'static str {
        match self {
            ChangeState::Pending => "pending",
            ChangeState::Approved => "approved",
            ChangeState::Rejected => "rejected",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|state| state.as_str() == input)
    }
}

/// A change of name or address a member asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContactChange {
    pub contact: ContactId,
    /// The contact's version the member saw: approving a change made on an older version is
    /// refused, so a manager never overwrites an edit they did not see.
    pub base_version: i64,
    pub proposed: ContactDetails,
    pub requested_by: UserAccountId,
    pub requested_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactChangeRecord {
    pub id: ContactChangeId,
    pub contact: ContactId,
    pub base_version: i64,
    pub proposed: ContactDetails,
    pub requested_by: UserAccountId,
    pub requested_at: OffsetDateTime,
    pub state: ChangeState,
    pub decided_by: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
}

#[async_trait]
pub trait ContactChanges {
    async fn insert_contact_change(
        &mut self,
        change: &NewContactChange,
    ) -> Result<ContactChangeId, StoreError>;
    async fn get_contact_change(
        &mut self,
        id: ContactChangeId,
    ) -> Result<Option<ContactChangeRecord>, StoreError>;
    /// Pending changes, oldest first.
    async fn pending_contact_changes(
        &mut self,
        limit: u32,
    ) -> Result<Vec<ContactChangeRecord>, StoreError>;
    /// A contact's changes, newest first.
    async fn contact_changes_of_contact(
        &mut self,
        contact: ContactId,
    ) -> Result<Vec<ContactChangeRecord>, StoreError>;
    /// Approves or rejects a pending change; `Conflict` when it is no longer pending (of two
    /// managers deciding at once, one wins).
    async fn decide_contact_change(
        &mut self,
        id: ContactChangeId,
        state: ChangeState,
        decided_by: &str,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;
}
