//! Subscription requests on PostgreSQL.

use async_trait::async_trait;
use coopshares_app::ports::{
    NewRequest, RequestFilter, RequestRecord, RequestSummary, Requests, StateChange, StoreError,
};
use coopshares_domain::email::Email;
use coopshares_domain::ids::{ContactId, ShareTypeId, SubscriptionRequestId};
use coopshares_domain::subscription::{Channel, Reason, RequestState, RequestStatus};
use sqlx::Row;
use sqlx::postgres::PgRow;
use time::OffsetDateTime;

use crate::contacts::contains_pattern;
use crate::error::{corrupt, map};
use crate::share_types::{money, quantity};
use crate::tx::PgTx;

const REQUEST_COLUMNS: &str = "id, channel, state, version, contact_id, representative_id, \
     share_type_id, quantity, amount_minor, currency, language, submitted, consents, \
     idempotency_key, hold_reason, cancel_reason, created_at, updated_at";

/// The states whose quantity still counts against the holder's maximum.
const LIVE_STATES: &str = "'submitted', 'on_hold', 'validated'";

/// The back-office list's joins and filter; a NULL parameter switches its filter off.
const LIST_FROM_WHERE: &str = "FROM subscription_requests r
     JOIN contacts c ON c.id = r.contact_id
     JOIN share_types s ON s.id = r.share_type_id
     WHERE ($1::text IS NULL OR r.state = $1)
         AND ($2::text IS NULL OR r.channel = $2)
         AND ($3::bigint IS NULL OR r.share_type_id = $3)
         AND ($4::timestamptz IS NULL OR r.created_at >= $4)
         AND ($5::timestamptz IS NULL OR r.created_at < $5)
         AND ($6::text IS NULL OR c.search_name LIKE $6 ESCAPE '\\' OR c.email LIKE $6 ESCAPE '\\')
         AND ($7::bigint IS NULL OR r.contact_id = $7)";

fn keyword<T: std::str::FromStr>(row: &PgRow, column: &str) -> Result<T, StoreError> {
    let text: String = row.try_get(column).map_err(map)?;
    text.parse().map_err(|_| corrupt(column, &text))
}

/// The reasons must fit the state, as the domain rebuilds it; they are returned as stored.
fn check_status(
    state: RequestState,
    hold_reason: Option<&str>,
    cancel_reason: Option<&str>,
) -> Result<(), StoreError> {
    let reason = |text: Option<&str>| {
        text.map(|text| Reason::parse(text).map_err(|_| corrupt("reason", text)))
            .transpose()
    };
    RequestStatus::restore(state, reason(hold_reason)?, reason(cancel_reason)?)
        .map(|_| ())
        .map_err(|_| corrupt("request state", state.as_str()))
}

fn request_from_row(row: &PgRow) -> Result<RequestRecord, StoreError> {
    let state: RequestState = keyword(row, "state")?;
    let hold_reason: Option<String> = row.try_get("hold_reason").map_err(map)?;
    let cancel_reason: Option<String> = row.try_get("cancel_reason").map_err(map)?;
    check_status(state, hold_reason.as_deref(), cancel_reason.as_deref())?;
    let representative: Option<i64> = row.try_get("representative_id").map_err(map)?;
    let currency: String = row.try_get("currency").map_err(map)?;
    Ok(RequestRecord {
        id: SubscriptionRequestId::new(row.try_get("id").map_err(map)?),
        request: NewRequest {
            channel: keyword(row, "channel")?,
            contact: ContactId::new(row.try_get("contact_id").map_err(map)?),
            representative: representative.map(ContactId::new),
            share_type: ShareTypeId::new(row.try_get("share_type_id").map_err(map)?),
            quantity: quantity(row.try_get("quantity").map_err(map)?, "quantity")?,
            amount: money(row.try_get("amount_minor").map_err(map)?, &currency)?,
            language: keyword(row, "language")?,
            submitted: row.try_get("submitted").map_err(map)?,
            consents: row.try_get("consents").map_err(map)?,
            idempotency_key: row.try_get("idempotency_key").map_err(map)?,
            created_at: row.try_get("created_at").map_err(map)?,
        },
        state,
        hold_reason,
        cancel_reason,
        updated_at: row.try_get("updated_at").map_err(map)?,
        version: row.try_get("version").map_err(map)?,
    })
}

/// The first instant of `date` in UTC.
pub(crate) fn start_of(date: time::Date) -> OffsetDateTime {
    date.midnight().assume_utc()
}

fn summary_from_row(row: &PgRow) -> Result<RequestSummary, StoreError> {
    let email: String = row.try_get("email").map_err(map)?;
    let currency: String = row.try_get("currency").map_err(map)?;
    Ok(RequestSummary {
        id: SubscriptionRequestId::new(row.try_get("id").map_err(map)?),
        state: keyword(row, "state")?,
        channel: keyword(row, "channel")?,
        contact: ContactId::new(row.try_get("contact_id").map_err(map)?),
        holder_name: row.try_get("display_name").map_err(map)?,
        holder_email: Email::parse(&email).map_err(|_| corrupt("email", &email))?,
        share_type_code: row.try_get("code").map_err(map)?,
        quantity: quantity(row.try_get("quantity").map_err(map)?, "quantity")?,
        amount: money(row.try_get("amount_minor").map_err(map)?, &currency)?,
        created_at: row.try_get("created_at").map_err(map)?,
    })
}

#[async_trait]
impl Requests for PgTx {
    async fn insert_request(
        &mut self,
        request: &NewRequest,
    ) -> Result<SubscriptionRequestId, StoreError> {
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO subscription_requests (channel, state, version, contact_id,
                 representative_id, share_type_id, quantity, amount_minor, currency, language,
                 submitted, consents, idempotency_key, created_at, updated_at)
             VALUES ($1, 'submitted', 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
             ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
        )
        .bind(request.channel.as_str())
        .bind(request.contact.get())
        .bind(request.representative.map(ContactId::get))
        .bind(request.share_type.get())
        .bind(i64::from(request.quantity.get()))
        .bind(request.amount.minor())
        .bind(request.amount.currency().code())
        .bind(request.language.code())
        .bind(&request.submitted)
        .bind(&request.consents)
        .bind(&request.idempotency_key)
        .bind(request.created_at)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?;
        // DO NOTHING rather than an error: the transaction stays usable, so the caller can
        // look up the request already recorded under the key and answer with it.
        id.map(SubscriptionRequestId::new)
            .ok_or_else(|| StoreError::Duplicate("idempotency_key".to_owned()))
    }

    /// One statement for the whole batch (arrays unnested); two requests for one contact fall
    /// back to one insert each.
    async fn insert_requests(
        &mut self,
        requests: &[NewRequest],
    ) -> Result<Vec<SubscriptionRequestId>, StoreError> {
        let contacts: Vec<i64> = requests.iter().map(|r| r.contact.get()).collect();
        if contacts
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len()
            != contacts.len()
        {
            let mut ids = Vec::with_capacity(requests.len());
            for request in requests {
                ids.push(self.insert_request(request).await?);
            }
            return Ok(ids);
        }
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "INSERT INTO subscription_requests (channel, state, version, contact_id,
                 representative_id, share_type_id, quantity, amount_minor, currency, language,
                 submitted, consents, idempotency_key, created_at, updated_at)
             SELECT channel, 'submitted', 1, contact_id, representative_id, share_type_id,
                 quantity, amount_minor, currency, language, submitted, consents,
                 idempotency_key, created_at, created_at
             FROM UNNEST($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::int8[],
                 $6::int8[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                 $12::timestamptz[])
                 AS request (channel, contact_id, representative_id, share_type_id, quantity,
                     amount_minor, currency, language, submitted, consents, idempotency_key,
                     created_at)
             ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, contact_id",
        )
        .bind(
            requests
                .iter()
                .map(|r| r.channel.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(&contacts)
        .bind(
            requests
                .iter()
                .map(|r| r.representative.map(ContactId::get))
                .collect::<Vec<_>>(),
        )
        .bind(
            requests
                .iter()
                .map(|r| r.share_type.get())
                .collect::<Vec<_>>(),
        )
        .bind(
            requests
                .iter()
                .map(|r| i64::from(r.quantity.get()))
                .collect::<Vec<_>>(),
        )
        .bind(
            requests
                .iter()
                .map(|r| r.amount.minor())
                .collect::<Vec<_>>(),
        )
        .bind(
            requests
                .iter()
                .map(|r| r.amount.currency().code().to_owned())
                .collect::<Vec<_>>(),
        )
        .bind(
            requests
                .iter()
                .map(|r| r.language.code())
                .collect::<Vec<_>>(),
        )
        .bind(
            requests
                .iter()
                .map(|r| r.submitted.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            requests
                .iter()
                .map(|r| r.consents.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            requests
                .iter()
                .map(|r| r.idempotency_key.as_deref())
                .collect::<Vec<_>>(),
        )
        .bind(requests.iter().map(|r| r.created_at).collect::<Vec<_>>())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        if rows.len() != requests.len() {
            // DO NOTHING skipped a request whose key is taken (the others are in this
            // transaction, which the caller drops).
            return Err(StoreError::Duplicate("idempotency_key".to_owned()));
        }
        // RETURNING follows no promised order: each id is found again by its contact.
        let ids: std::collections::HashMap<i64, i64> = rows
            .into_iter()
            .map(|(id, contact)| (contact, id))
            .collect();
        contacts
            .iter()
            .map(|contact| {
                ids.get(contact)
                    .map(|&id| SubscriptionRequestId::new(id))
                    .ok_or_else(|| corrupt("inserted request", &contact.to_string()))
            })
            .collect()
    }

    async fn get_request(
        &mut self,
        id: SubscriptionRequestId,
    ) -> Result<Option<RequestRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS} FROM subscription_requests WHERE id = $1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(request_from_row)
        .transpose()
    }

    async fn get_requests(
        &mut self,
        ids: &[SubscriptionRequestId],
    ) -> Result<Vec<RequestRecord>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS} FROM subscription_requests WHERE id = ANY($1) ORDER BY id"
        ))
        .bind(ids.iter().map(|id| id.get()).collect::<Vec<_>>())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(request_from_row)
        .collect()
    }

    async fn find_request_by_idempotency_key(
        &mut self,
        key: &str,
    ) -> Result<Option<RequestRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS} FROM subscription_requests WHERE idempotency_key = $1"
        ))
        .bind(key)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(request_from_row)
        .transpose()
    }

    async fn list_requests(
        &mut self,
        filter: &RequestFilter,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<RequestSummary>, u64), StoreError> {
        let from = filter.from.map(start_of);
        // Inclusive of the whole `to` day: before the start of the next one.
        let before = filter.to.and_then(|to| to.next_day()).map(start_of);
        let search = filter.search.as_deref().map(contains_pattern);
        let rows = sqlx::query(&format!(
            "SELECT r.id, r.state, r.channel, r.contact_id, c.display_name, c.email, s.code,
                 r.quantity, r.amount_minor, r.currency, r.created_at
             {LIST_FROM_WHERE}
             ORDER BY r.created_at DESC, r.id DESC LIMIT $8 OFFSET $9"
        ))
        .bind(filter.state.map(RequestState::as_str))
        .bind(filter.channel.map(Channel::as_str))
        .bind(filter.share_type.map(ShareTypeId::get))
        .bind(from)
        .bind(before)
        .bind(&search)
        .bind(filter.contact.map(ContactId::get))
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        let count: i64 = sqlx::query_scalar(&format!("SELECT count(*) {LIST_FROM_WHERE}"))
            .bind(filter.state.map(RequestState::as_str))
            .bind(filter.channel.map(Channel::as_str))
            .bind(filter.share_type.map(ShareTypeId::get))
            .bind(from)
            .bind(before)
            .bind(&search)
            .bind(filter.contact.map(ContactId::get))
            .fetch_one(&mut *self.tx)
            .await
            .map_err(map)?;
        let summaries = rows
            .iter()
            .map(summary_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((summaries, u64::try_from(count).unwrap_or_default()))
    }

    async fn open_requested_quantity(
        &mut self,
        contact: ContactId,
        share_type: ShareTypeId,
    ) -> Result<u32, StoreError> {
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COALESCE(SUM(quantity), 0)::BIGINT FROM subscription_requests
             WHERE contact_id = $1 AND share_type_id = $2 AND state IN ({LIVE_STATES})"
        ))
        .bind(contact.get())
        .bind(share_type.get())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        u32::try_from(total).map_err(|_| corrupt("requested quantity", &total.to_string()))
    }

    /// One statement for every pair.
    async fn open_requested_quantities(
        &mut self,
        pairs: &[(ContactId, ShareTypeId)],
    ) -> Result<Vec<u32>, StoreError> {
        let contacts: Vec<i64> = pairs.iter().map(|(contact, _)| contact.get()).collect();
        let share_types: Vec<i64> = pairs
            .iter()
            .map(|(_, share_type)| share_type.get())
            .collect();
        let totals: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT (SELECT COALESCE(SUM(r.quantity), 0)::BIGINT FROM subscription_requests r
                     WHERE r.contact_id = pair.contact_id
                         AND r.share_type_id = pair.share_type_id
                         AND r.state IN ({LIVE_STATES}))
             FROM UNNEST($1::BIGINT[], $2::BIGINT[]) WITH ORDINALITY
                 AS pair (contact_id, share_type_id, position)
             ORDER BY pair.position"
        ))
        .bind(contacts)
        .bind(share_types)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        totals
            .into_iter()
            .map(|total| {
                u32::try_from(total).map_err(|_| corrupt("requested quantity", &total.to_string()))
            })
            .collect()
    }

    async fn update_request_state(
        &mut self,
        id: SubscriptionRequestId,
        expected_version: i64,
        state: RequestState,
        hold_reason: Option<&str>,
        cancel_reason: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let version: Option<i64> = sqlx::query_scalar(
            "UPDATE subscription_requests SET state = $3, hold_reason = $4, cancel_reason = $5,
                 version = version + 1, updated_at = $6
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id.get())
        .bind(expected_version)
        .bind(state.as_str())
        .bind(hold_reason)
        .bind(cancel_reason)
        .bind(at)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?;
        match version {
            Some(version) => Ok(version),
            None => match self.get_request(id).await? {
                None => Err(StoreError::NotFound {
                    entity: "subscription request",
                }),
                Some(_) => Err(StoreError::Conflict {
                    entity: "subscription request",
                    id: id.to_string(),
                }),
            },
        }
    }

    async fn update_request_states(
        &mut self,
        changes: &[StateChange<SubscriptionRequestId, RequestState>],
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_states(
            "subscription request",
            "UPDATE subscription_requests r SET state = u.state, hold_reason = NULL,
                 cancel_reason = NULL, version = r.version + 1, updated_at = $4
             FROM UNNEST($1::bigint[], $2::bigint[], $3::text[]) AS u (id, version, state)
             WHERE r.id = u.id AND r.version = u.version
             RETURNING r.id",
            changes.iter().map(|change| {
                (
                    change.id.get(),
                    change.expected_version,
                    change.state.as_str(),
                )
            }),
            at,
        )
        .await
    }
}
