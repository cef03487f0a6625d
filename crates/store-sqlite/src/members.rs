//! Certificates as issued, the cooperative's pictures, and proposed changes of personal data.

use std::slice;

use async_trait::async_trait;
use coopshares_app::documents::PictureFormat;
use coopshares_app::ports::{
    CertificateRecord, Certificates, ChangeState, ContactChangeRecord, ContactChanges,
    NewCertificate, NewContactChange, PictureKind, PictureRecord, Pictures, StoreError,
};
use coopshares_domain::ids::{CertificateId, ContactChangeId, ContactId, UserAccountId};
use coopshares_domain::language::Language;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use time::OffsetDateTime;

use crate::capital::date;
use crate::error::{corrupt, map};
use crate::share_types::money;
use crate::time::{day, ts};
use crate::tx::{SqliteTx, rows_per_statement};

/// Parameters of a holder noted as owed a certificate.
const DUE_PARAMETERS: usize = 2;

const CERTIFICATE_COLUMNS: &str = "id, number, holder_id, member_number, issued_on, language, \
     statement, total_quantity, total_value_minor, currency, sha256, length(pdf) AS size_bytes, \
     issued_by, created_at";

fn unsigned<T: TryFrom<i64>>(row: &SqliteRow, column: &str) -> Result<T, StoreError> {
    let value: i64 = row.try_get(column).map_err(map)?;
    T::try_from(value).map_err(|_| corrupt(column, &value.to_string()))
}

fn certificate_from_row(row: &SqliteRow) -> Result<CertificateRecord, StoreError> {
    let language: String = row.try_get("language").map_err(map)?;
    let currency: String = row.try_get("currency").map_err(map)?;
    Ok(CertificateRecord {
        id: CertificateId::new(row.try_get("id").map_err(map)?),
        number: unsigned(row, "number")?,
        holder: ContactId::new(row.try_get("holder_id").map_err(map)?),
        member_number: unsigned(row, "member_number")?,
        issued_on: date(row, "issued_on")?,
        language: language
            .parse::<Language>()
            .map_err(|_| corrupt("language", &language))?,
        statement: row.try_get("statement").map_err(map)?,
        total_quantity: unsigned(row, "total_quantity")?,
        total_value: money(row.try_get("total_value_minor").map_err(map)?, &currency)?,
        sha256: row.try_get("sha256").map_err(map)?,
        size_bytes: unsigned(row, "size_bytes")?,
        issued_by: row.try_get("issued_by").map_err(map)?,
        created_at: row.try_get("created_at").map_err(map)?,
    })
}

#[async_trait]
impl Certificates for SqliteTx {
    async fn insert_certificate(
        &mut self,
        certificate: &NewCertificate,
    ) -> Result<CertificateId, StoreError> {
        let total_quantity = i64::try_from(certificate.total_quantity)
            .map_err(|_| corrupt("total_quantity", &certificate.total_quantity.to_string()))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO certificates (number, holder_id, member_number, issued_on, language,
                 statement, total_quantity, total_value_minor, currency, pdf, sha256, issued_by,
                 created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
        )
        .bind(certificate.number)
        .bind(certificate.holder.get())
        .bind(certificate.member_number)
        .bind(day(certificate.issued_on))
        .bind(certificate.language.code())
        .bind(&certificate.statement)
        .bind(total_quantity)
        .bind(certificate.total_value.minor())
        .bind(certificate.total_value.currency().code())
        .bind(&certificate.pdf)
        .bind(&certificate.sha256)
        .bind(&certificate.issued_by)
        .bind(ts(certificate.created_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(CertificateId::new(id))
    }

    async fn get_certificate(
        &mut self,
        id: CertificateId,
    ) -> Result<Option<CertificateRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE id = ?1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(certificate_from_row)
        .transpose()
    }

    async fn certificate_pdf(&mut self, id: CertificateId) -> Result<Option<Vec<u8>>, StoreError> {
        sqlx::query_scalar("SELECT pdf FROM certificates WHERE id = ?1")
            .bind(id.get())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(map)
    }

    async fn certificates_of_contact(
        &mut self,
        holder: ContactId,
    ) -> Result<Vec<CertificateRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE holder_id = ?1 ORDER BY id DESC"
        ))
        .bind(holder.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(certificate_from_row)
        .collect()
    }

    async fn mark_certificate_due(
        &mut self,
        holder: ContactId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.mark_certificates_due(slice::from_ref(&holder), at)
            .await
    }

    async fn mark_certificates_due(
        &mut self,
        holders: &[ContactId],
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let since = ts(at);
        // A holder already noted (before, or earlier in the slice) keeps the earlier time.
        for chunk in holders.chunks(rows_per_statement(DUE_PARAMETERS)) {
            let mut insert =
                QueryBuilder::<Sqlite>::new("INSERT INTO certificates_due (holder_id, due_since) ");
            insert.push_values(chunk, |mut values, holder| {
                values.push_bind(holder.get()).push_bind(since.as_str());
            });
            insert.push(" ON CONFLICT (holder_id) DO NOTHING");
            insert.build().execute(&mut *self.tx).await.map_err(map)?;
        }
        Ok(())
    }

    async fn certificates_due(&mut self, limit: u32) -> Result<Vec<ContactId>, StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT holder_id FROM certificates_due ORDER BY due_since, holder_id LIMIT ?1",
        )
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(ids.into_iter().map(ContactId::new).collect())
    }

    async fn take_certificate_due(&mut self, holder: ContactId) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM certificates_due WHERE holder_id = ?1")
            .bind(holder.get())
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        Ok(done.rows_affected() == 1)
    }
}

fn picture_format(text: &str) -> Result<PictureFormat, StoreError> {
    match text {
        "png" => Ok(PictureFormat::Png),
        "jpeg" => Ok(PictureFormat::Jpeg),
        other => Err(corrupt("picture format", other)),
    }
}

const fn format_name(format: PictureFormat) -> &'static str {
    match format {
        PictureFormat::Png => "png",
        PictureFormat::Jpeg => "jpeg",
    }
}

#[async_trait]
impl Pictures for SqliteTx {
    async fn save_picture(&mut self, picture: &PictureRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO pictures (kind, format, content, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (kind) DO UPDATE SET format = excluded.format,
                 content = excluded.content, updated_at = excluded.updated_at",
        )
        .bind(picture.kind.as_str())
        .bind(format_name(picture.format))
        .bind(&picture.bytes)
        .bind(ts(picture.updated_at))
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn get_picture(
        &mut self,
        kind: PictureKind,
    ) -> Result<Option<PictureRecord>, StoreError> {
        let Some(row) =
            sqlx::query("SELECT format, content, updated_at FROM pictures WHERE kind = ?1")
                .bind(kind.as_str())
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(map)?
        else {
            return Ok(None);
        };
        let format: String = row.try_get("format").map_err(map)?;
        Ok(Some(PictureRecord {
            kind,
            format: picture_format(&format)?,
            bytes: row.try_get("content").map_err(map)?,
            updated_at: row.try_get("updated_at").map_err(map)?,
        }))
    }

    async fn delete_picture(&mut self, kind: PictureKind) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM pictures WHERE kind = ?1")
            .bind(kind.as_str())
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        Ok(())
    }
}

const CHANGE_COLUMNS: &str = "id, contact_id, base_version, proposed, requested_by, \
     requested_at, state, decided_by, decided_at";

fn change_from_row(row: &SqliteRow) -> Result<ContactChangeRecord, StoreError> {
    let proposed: String = row.try_get("proposed").map_err(map)?;
    let state: String = row.try_get("state").map_err(map)?;
    Ok(ContactChangeRecord {
        id: ContactChangeId::new(row.try_get("id").map_err(map)?),
        contact: ContactId::new(row.try_get("contact_id").map_err(map)?),
        base_version: row.try_get("base_version").map_err(map)?,
        proposed: serde_json::from_str(&proposed)
            .map_err(|_| corrupt("proposed contact details", &proposed))?,
        requested_by: UserAccountId::new(row.try_get("requested_by").map_err(map)?),
        requested_at: row.try_get("requested_at").map_err(map)?,
        state: ChangeState::parse(&state).ok_or_else(|| corrupt("change state", &state))?,
        decided_by: row.try_get("decided_by").map_err(map)?,
        decided_at: row.try_get("decided_at").map_err(map)?,
    })
}

#[async_trait]
impl ContactChanges for SqliteTx {
    async fn insert_contact_change(
        &mut self,
        change: &NewContactChange,
    ) -> Result<ContactChangeId, StoreError> {
        let proposed =
            serde_json::to_string(&change.proposed).map_err(|e| StoreError::Other(Box::new(e)))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contact_changes (contact_id, base_version, proposed, requested_by,
                 requested_at, state)
             VALUES (?1, ?2, ?3, ?4, ?5, 'pending') RETURNING id",
        )
        .bind(change.contact.get())
        .bind(change.base_version)
        .bind(proposed)
        .bind(change.requested_by.get())
        .bind(ts(change.requested_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(ContactChangeId::new(id))
    }

    async fn get_contact_change(
        &mut self,
        id: ContactChangeId,
    ) -> Result<Option<ContactChangeRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CHANGE_COLUMNS} FROM contact_changes WHERE id = ?1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(change_from_row)
        .transpose()
    }

    async fn pending_contact_changes(
        &mut self,
        limit: u32,
    ) -> Result<Vec<ContactChangeRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CHANGE_COLUMNS} FROM contact_changes WHERE state = 'pending'
             ORDER BY id LIMIT ?1"
        ))
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(change_from_row)
        .collect()
    }

    async fn contact_changes_of_contact(
        &mut self,
        contact: ContactId,
    ) -> Result<Vec<ContactChangeRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CHANGE_COLUMNS} FROM contact_changes WHERE contact_id = ?1 ORDER BY id DESC"
        ))
        .bind(contact.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(change_from_row)
        .collect()
    }

    async fn decide_contact_change(
        &mut self,
        id: ContactChangeId,
        state: ChangeState,
        decided_by: &str,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE contact_changes SET state = ?2, decided_by = ?3, decided_at = ?4
             WHERE id = ?1 AND state = 'pending'",
        )
        .bind(id.get())
        .bind(state.as_str())
        .bind(decided_by)
        .bind(ts(at))
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        match self.get_contact_change(id).await? {
            None => Err(StoreError::NotFound {
                entity: "contact change",
            }),
            Some(_) => Err(StoreError::Conflict {
                entity: "contact change",
                id: id.to_string(),
            }),
        }
    }
}
