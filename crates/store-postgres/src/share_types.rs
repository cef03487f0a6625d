//! Share types on PostgreSQL.

use async_trait::async_trait;
use coopshares_app::ports::{ShareTypeRecord, ShareTypes, StoreError};
use coopshares_domain::ids::ShareTypeId;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::share_type::{LocalizedNames, ShareType, ShareTypeCode, ShareTypeSpec};
use coopshares_domain::text::Name;
use sqlx::Row;
use sqlx::postgres::PgRow;
use time::OffsetDateTime;

use crate::error::{corrupt, map};
use crate::tx::PgTx;

/// The columns of a share type, and whether any request names it. That is asked as "the
/// first share type at or after this one in the index of requests is this one": one descent
/// of `subscription_requests_share_type` whatever the statistics say. Written as `EXISTS (…
/// WHERE r.share_type_id = s.id)`, the planner expects half the requests to match each share
/// type once the table is analysed, and scans the table instead; for a share type nobody has
/// subscribed it then reads every request (8 ms at 100,000 requests). The intake reads this
/// list every second, so under load the intake slowed as the table grew.
const SHARE_TYPE_COLUMNS: &str = "s.id, s.code, s.name_fr, s.name_nl, s.name_en, s.name_de, \
     s.nominal_value_minor, s.currency, s.for_persons, s.for_entities, s.min_quantity, \
     s.max_quantity, s.on_public_form, s.retired, s.version, \
     COALESCE((SELECT r.share_type_id FROM subscription_requests r \
               WHERE r.share_type_id >= s.id ORDER BY r.share_type_id LIMIT 1) = s.id, \
              FALSE) AS subscribed";

fn name(row: &PgRow, column: &str) -> Result<Option<Name>, StoreError> {
    let text: Option<String> = row.try_get(column).map_err(map)?;
    text.map(|text| Name::parse(&text).map_err(|_| corrupt(column, &text)))
        .transpose()
}

pub(crate) fn quantity(value: i64, column: &str) -> Result<ShareQuantity, StoreError> {
    u32::try_from(value)
        .ok()
        .and_then(|value| ShareQuantity::new(value).ok())
        .ok_or_else(|| corrupt(column, &value.to_string()))
}

pub(crate) fn money(minor: i64, currency: &str) -> Result<Money, StoreError> {
    let currency = Currency::parse(currency).map_err(|_| corrupt("currency", currency))?;
    Ok(Money::from_minor(minor, currency))
}

fn share_type_from_row(row: &PgRow) -> Result<ShareTypeRecord, StoreError> {
    let code: String = row.try_get("code").map_err(map)?;
    let currency: String = row.try_get("currency").map_err(map)?;
    let min_quantity: i64 = row.try_get("min_quantity").map_err(map)?;
    let max_quantity: Option<i64> = row.try_get("max_quantity").map_err(map)?;
    let spec = ShareTypeSpec {
        code: ShareTypeCode::parse(&code).map_err(|_| corrupt("share type code", &code))?,
        names: LocalizedNames {
            fr: name(row, "name_fr")?,
            nl: name(row, "name_nl")?,
            en: name(row, "name_en")?,
            de: name(row, "name_de")?,
        },
        nominal_value: money(row.try_get("nominal_value_minor").map_err(map)?, &currency)?,
        for_persons: row.try_get("for_persons").map_err(map)?,
        for_entities: row.try_get("for_entities").map_err(map)?,
        min_quantity: quantity(min_quantity, "min_quantity")?,
        max_quantity: max_quantity
            .map(|max| quantity(max, "max_quantity"))
            .transpose()?,
        on_public_form: row.try_get("on_public_form").map_err(map)?,
        retired: row.try_get("retired").map_err(map)?,
    };
    Ok(ShareTypeRecord {
        id: ShareTypeId::new(row.try_get("id").map_err(map)?),
        share_type: ShareType::new(spec).map_err(|_| corrupt("share type", &code))?,
        subscribed: row.try_get("subscribed").map_err(map)?,
        version: row.try_get("version").map_err(map)?,
    })
}

fn conflict(id: ShareTypeId) -> StoreError {
    StoreError::Conflict {
        entity: "share type",
        id: id.to_string(),
    }
}

#[async_trait]
impl ShareTypes for PgTx {
    async fn insert_share_type(
        &mut self,
        share_type: &ShareType,
        at: OffsetDateTime,
    ) -> Result<ShareTypeId, StoreError> {
        let spec = share_type.spec();
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO share_types (code, name_fr, name_nl, name_en, name_de,
                 nominal_value_minor, currency, for_persons, for_entities, min_quantity,
                 max_quantity, on_public_form, retired, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)
             ON CONFLICT (code) DO NOTHING RETURNING id",
        )
        .bind(spec.code.as_str())
        .bind(spec.names.fr.as_ref().map(Name::as_str))
        .bind(spec.names.nl.as_ref().map(Name::as_str))
        .bind(spec.names.en.as_ref().map(Name::as_str))
        .bind(spec.names.de.as_ref().map(Name::as_str))
        .bind(spec.nominal_value.minor())
        .bind(spec.nominal_value.currency().code())
        .bind(spec.for_persons)
        .bind(spec.for_entities)
        .bind(i64::from(spec.min_quantity.get()))
        .bind(spec.max_quantity.map(|max| i64::from(max.get())))
        .bind(spec.on_public_form)
        .bind(spec.retired)
        .bind(at)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?;
        id.map(ShareTypeId::new)
            .ok_or_else(|| StoreError::Duplicate("share_type_code".to_owned()))
    }

    async fn list_share_types(&mut self) -> Result<Vec<ShareTypeRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {SHARE_TYPE_COLUMNS} FROM share_types s ORDER BY s.code"
        ))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(share_type_from_row)
        .collect()
    }

    async fn get_share_type(
        &mut self,
        id: ShareTypeId,
    ) -> Result<Option<ShareTypeRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {SHARE_TYPE_COLUMNS} FROM share_types s WHERE s.id = $1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(share_type_from_row)
        .transpose()
    }

    async fn find_share_type_by_code(
        &mut self,
        code: &str,
    ) -> Result<Option<ShareTypeRecord>, StoreError> {
        // Codes are stored upper-case; whatever cannot be a code names no share type.
        let Ok(code) = ShareTypeCode::parse(code) else {
            return Ok(None);
        };
        sqlx::query(&format!(
            "SELECT {SHARE_TYPE_COLUMNS} FROM share_types s WHERE s.code = $1"
        ))
        .bind(code.as_str())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(share_type_from_row)
        .transpose()
    }

    async fn update_share_type(
        &mut self,
        id: ShareTypeId,
        share_type: &ShareType,
        expected_version: i64,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        // Lock the row first: a request being recorded for this type holds a key-share lock
        // through its foreign key, so this waits for it, and the read that follows (a new
        // snapshot at READ COMMITTED) sees whether the type is subscribed.
        let locked: Option<i64> =
            sqlx::query_scalar("SELECT id FROM share_types WHERE id = $1 FOR UPDATE")
                .bind(id.get())
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(map)?;
        if locked.is_none() {
            return Err(StoreError::NotFound {
                entity: "share type",
            });
        }
        let current = self.get_share_type(id).await?.ok_or(StoreError::NotFound {
            entity: "share type",
        })?;
        let (before, after) = (current.share_type.spec(), share_type.spec());
        let repriced = before.nominal_value != after.nominal_value;
        if current.version != expected_version
            || before.code != after.code
            || (current.subscribed && repriced)
        {
            return Err(conflict(id));
        }
        let version: Option<i64> = sqlx::query_scalar(
            "UPDATE share_types SET name_fr = $3, name_nl = $4, name_en = $5, name_de = $6,
                 nominal_value_minor = $7, currency = $8, for_persons = $9, for_entities = $10,
                 min_quantity = $11, max_quantity = $12, on_public_form = $13, retired = $14,
                 version = version + 1, updated_at = $15
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id.get())
        .bind(expected_version)
        .bind(after.names.fr.as_ref().map(Name::as_str))
        .bind(after.names.nl.as_ref().map(Name::as_str))
        .bind(after.names.en.as_ref().map(Name::as_str))
        .bind(after.names.de.as_ref().map(Name::as_str))
        .bind(after.nominal_value.minor())
        .bind(after.nominal_value.currency().code())
        .bind(after.for_persons)
        .bind(after.for_entities)
        .bind(i64::from(after.min_quantity.get()))
        .bind(after.max_quantity.map(|max| i64::from(max.get())))
        .bind(after.on_public_form)
        .bind(after.retired)
        .bind(at)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?;
        version.ok_or_else(|| conflict(id))
    }
}
