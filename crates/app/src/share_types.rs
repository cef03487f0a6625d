//! The cooperative's share types: created and changed by a manager, retired but never deleted,
//! and never repriced once subscribed (the register must keep saying what a share cost).

use coopshares_domain::ids::ShareTypeId;
use coopshares_domain::money::Money;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::share_type::{LocalizedNames, ShareType, ShareTypeCode, ShareTypeSpec};
use coopshares_domain::text::Name;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::audit;
use crate::clock::Clock;
use crate::error::{AppError, FieldError};
use crate::ports::{Actor, ShareTypeRecord, Store, StoreError};
use crate::settings;

/// A share type as typed in the back office or sent to the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShareTypeInput {
    pub code: String,
    pub name_fr: String,
    pub name_nl: String,
    pub name_en: String,
    pub name_de: String,
    /// A decimal amount in the cooperative's currency (`250`, `250.00`, `250,00`).
    pub nominal_value: String,
    pub for_persons: bool,
    pub for_entities: bool,
    pub min_quantity: String,
    /// Blank: no maximum.
    pub max_quantity: String,
    pub on_public_form: bool,
    pub retired: bool,
    /// When given, it must be the cooperative's currency: share types are never in another.
    pub currency: Option<String>,
}

fn parse(
    input: &ShareTypeInput,
    currency: coopshares_domain::money::Currency,
) -> Result<ShareType, AppError> {
    let mut errors = Vec::new();
    let mut field = |name: &str, result: Result<(), String>| {
        if let Err(detail) = result {
            errors.push(FieldError::new(name, "invalid", detail));
        }
    };
    let code = ShareTypeCode::parse(&input.code);
    field(
        "code",
        code.as_ref().map(|_| ()).map_err(ToString::to_string),
    );
    let mut names = LocalizedNames::default();
    for (name, text, slot) in [
        ("name_fr", &input.name_fr, &mut names.fr),
        ("name_nl", &input.name_nl, &mut names.nl),
        ("name_en", &input.name_en, &mut names.en),
        ("name_de", &input.name_de, &mut names.de),
    ] {
        if !text.trim().is_empty() {
            match Name::parse(text) {
                Ok(parsed) => *slot = Some(parsed),
                Err(e) => field(name, Err(e.to_string())),
            }
        }
    }
    if names.is_empty() {
        field(
            "name_fr",
            Err("give the share type a name in at least one language".to_owned()),
        );
    }
    if let Some(given) = &input.currency
        && !given.trim().eq_ignore_ascii_case(currency.code())
    {
        field(
            "currency",
            Err(format!(
                "share types are in the cooperative's currency, {}",
                currency.code()
            )),
        );
    }
    let nominal = Money::parse(&input.nominal_value, currency);
    field(
        "nominal_value",
        nominal.as_ref().map(|_| ()).map_err(ToString::to_string),
    );
    let min = if input.min_quantity.trim().is_empty() {
        Ok(ShareQuantity::ONE)
    } else {
        ShareQuantity::parse(&input.min_quantity)
    };
    field(
        "min_quantity",
        min.as_ref().map(|_| ()).map_err(ToString::to_string),
    );
    let max = if input.max_quantity.trim().is_empty() {
        Ok(None)
    } else {
        ShareQuantity::parse(&input.max_quantity).map(Some)
    };
    field(
        "max_quantity",
        max.as_ref().map(|_| ()).map_err(ToString::to_string),
    );
    if !input.for_persons && !input.for_entities {
        field(
            "for_persons",
            Err("choose who may hold these shares".to_owned()),
        );
    }
    let (Ok(code), Ok(nominal), Ok(min), Ok(max)) = (code, nominal, min, max) else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    ShareType::new(ShareTypeSpec {
        code,
        names,
        nominal_value: nominal,
        for_persons: input.for_persons,
        for_entities: input.for_entities,
        min_quantity: min,
        max_quantity: max,
        on_public_form: input.on_public_form,
        retired: input.retired,
    })
    .map_err(|e| AppError::field("nominal_value", "invalid", e.to_string()))
}

pub async fn list(store: &dyn Store) -> Result<Vec<ShareTypeRecord>, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx.list_share_types().await?)
}

pub async fn get(store: &dyn Store, id: ShareTypeId) -> Result<ShareTypeRecord, AppError> {
    let mut tx = store.begin_read().await?;
    tx.get_share_type(id)
        .await?
        .ok_or(AppError::NotFound { what: "share type" })
}

pub async fn create(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    input: &ShareTypeInput,
) -> Result<ShareTypeRecord, AppError> {
    let mut tx = store.begin().await?;
    let currency = settings::load_in(tx.as_mut()).await?.value.currency;
    let share_type = parse(input, currency)?;
    let id = match tx.insert_share_type(&share_type, clock.now()).await {
        Err(StoreError::Duplicate(_)) => {
            return Err(AppError::field(
                "code",
                "code_taken",
                "another share type has this code",
            ));
        }
        other => other?,
    };
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "share_type_created",
        "share_type",
        id,
        json!({ "code": share_type.code().as_str(), "nominal_value": share_type.nominal_value().to_string() }),
    ))
    .await?;
    let record = tx
        .get_share_type(id)
        .await?
        .ok_or(AppError::NotFound { what: "share type" })?;
    tx.commit().await?;
    Ok(record)
}

/// Changes a share type. Its code never changes; its price never changes once subscribed.
pub async fn update(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: ShareTypeId,
    input: &ShareTypeInput,
    expected_version: i64,
) -> Result<ShareTypeRecord, AppError> {
    let mut tx = store.begin().await?;
    let current = tx
        .get_share_type(id)
        .await?
        .ok_or(AppError::NotFound { what: "share type" })?;
    let currency = current.share_type.nominal_value().currency();
    let next = parse(input, currency)?;
    if next.code() != current.share_type.code() {
        return Err(AppError::field(
            "code",
            "immutable",
            "the code of a share type cannot change",
        ));
    }
    if current.subscribed && next.nominal_value() != current.share_type.nominal_value() {
        return Err(AppError::field(
            "nominal_value",
            "immutable",
            "shares of this type have been subscribed: its nominal value cannot change (retire it and create a new type)",
        ));
    }
    let version = match tx
        .update_share_type(id, &next, expected_version, clock.now())
        .await
    {
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::Conflict {
                code: "share_type_changed",
                detail: "the share type was changed meanwhile; reload it and try again".to_owned(),
            });
        }
        other => other?,
    };
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "share_type_changed",
        "share_type",
        id,
        json!({ "version": version, "retired": next.retired(), "on_public_form": next.on_public_form() }),
    ))
    .await?;
    let record = tx
        .get_share_type(id)
        .await?
        .ok_or(AppError::NotFound { what: "share type" })?;
    tx.commit().await?;
    Ok(record)
}
