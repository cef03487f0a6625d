//! The member portal: what a member account may see and do, for whom.
//!
//! A member account is one person's. It acts for that person and, on a given date, for every
//! entity the person represents on that date (the representation's `since` and `until` decide).
//! Every function here takes the account and the holder asked for, and checks the pair first
//! through [`authorize_in`]; a holder the account may not act for is reported as not found, so
//! a member never learns whether another member's id exists.
//!
//! Changes of name or address wait for a manager ([`propose_change`], [`decide_change`]); a
//! change of email is confirmed through a link sent to the new address
//! ([`request_email_change`], [`confirm_email_change`]).

use coopshares_domain::address::Address;
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::contact::{ContactDetails, ContactKind};
use coopshares_domain::country::Country;
use coopshares_domain::email::Email;
use coopshares_domain::ids::{CapitalCallId, CertificateId, ContactChangeId, ContactId};
use coopshares_domain::money::Money;
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::representation::active_on;
use coopshares_domain::text::{Name, PostalCode, TextError};
use serde_json::json;
use time::{Date, Duration};

use crate::audit;
use crate::capital::{self, CallView, Services};
use crate::certificates;
use crate::clock::Clock;
use crate::contacts::{self, ContactView};
use crate::documents::DocumentRenderer;
use crate::email::{self as mail, Mailer};
use crate::error::{AppError, FieldError};
use crate::intake::coop_name;
use crate::ports::{
    Actor, CapitalCallRecord, CertificateRecord, ChangeState, ContactChangeRecord, ContactRecord,
    LinkPurpose, NewContactChange, NewOneTimeLink, Store, StoreError, StoreTx, UserRecord,
};
use crate::secrets::{hash_token, random_token};
use crate::settings;

/// How long the link confirming a new email address stays valid.
pub const EMAIL_CHANGE_LIFETIME: Duration = Duration::hours(24);

/// A holder the account may act for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderChoice {
    pub contact: ContactId,
    pub name: String,
    pub kind: ContactKind,
    /// The account's own person (not an entity it represents).
    pub own: bool,
    /// For an entity: the person's role in it (`gérant`).
    pub role: Option<String>,
}

fn not_found() -> AppError {
    AppError::NotFound { what: "holder" }
}

/// The account's person, then the entities it represents on `date`, by name.
pub(crate) async fn holders_in(
    tx: &mut dyn StoreTx,
    user: &UserRecord,
    date: Date,
) -> Result<Vec<HolderChoice>, AppError> {
    let Some(person) = user.contact else {
        return Ok(Vec::new());
    };
    let Some(contact) = tx.get_contact(person).await? else {
        return Ok(Vec::new());
    };
    let mut entities = Vec::new();
    for link in tx.representations_of_person(person).await? {
        if !active_on(link.since, link.until, date) {
            continue;
        }
        if entities
            .iter()
            .any(|e: &HolderChoice| e.contact == link.entity)
        {
            continue;
        }
        if let Some(entity) = tx.get_contact(link.entity).await? {
            entities.push(HolderChoice {
                contact: entity.id,
                name: entity.details.display_name(),
                kind: entity.details.kind(),
                own: false,
                role: Some(link.role),
            });
        }
    }
    entities.sort_by_key(|entity| entity.name.to_lowercase());
    let mut holders = vec![HolderChoice {
        contact: contact.id,
        name: contact.details.display_name(),
        kind: contact.details.kind(),
        own: true,
        role: None,
    }];
    holders.extend(entities);
    Ok(holders)
}

/// The holders `user` may act for today.
pub async fn holders(
    store: &dyn Store,
    clock: &dyn Clock,
    user: &UserRecord,
) -> Result<Vec<HolderChoice>, AppError> {
    let mut tx = store.begin_read().await?;
    holders_in(tx.as_mut(), user, clock.today()).await
}

/// `holder`, if `user` may act for it on `date`; not found otherwise.
pub(crate) async fn authorize_in(
    tx: &mut dyn StoreTx,
    user: &UserRecord,
    holder: ContactId,
    date: Date,
) -> Result<ContactRecord, AppError> {
    let allowed = holders_in(tx, user, date)
        .await?
        .iter()
        .any(|choice| choice.contact == holder);
    if !allowed {
        return Err(not_found());
    }
    tx.get_contact(holder).await?.ok_or_else(not_found)
}

/// What the portal shows of one holder.
#[derive(Debug, Clone)]
pub struct PortalView {
    /// Whom the account may switch to (the first is its own person).
    pub holders: Vec<HolderChoice>,
    pub holder: ContactView,
    pub certificates: Vec<CertificateRecord>,
    /// Changes of name or address waiting for a manager, newest first.
    pub pending_changes: Vec<ContactChangeRecord>,
    /// The holder's lines of the share register, in register order, with each line's share
    /// type code.
    pub register_entries: Vec<(crate::ports::RegisterMovementRecord, String)>,
}

pub async fn view(
    store: &dyn Store,
    clock: &dyn Clock,
    user: &UserRecord,
    holder: ContactId,
) -> Result<PortalView, AppError> {
    let mut tx = store.begin_read().await?;
    let today = clock.today();
    let holders = holders_in(tx.as_mut(), user, today).await?;
    authorize_in(tx.as_mut(), user, holder, today).await?;
    drop(tx);
    let view = contacts::view(store, holder).await?;
    let mut tx = store.begin_read().await?;
    let certificates = tx.certificates_of_contact(holder).await?;
    let pending_changes = tx
        .contact_changes_of_contact(holder)
        .await?
        .into_iter()
        .filter(|change| change.state == ChangeState::Pending)
        .collect();
    let share_types = tx.list_share_types().await?;
    let register_entries = tx
        .register_movements_of_contact(holder)
        .await?
        .into_iter()
        .map(|entry| {
            let share_type = entry.movement.movement.share_type();
            let code = crate::register::share_type_code(&share_types, share_type);
            (entry, code)
        })
        .collect();
    Ok(PortalView {
        holders,
        holder: view,
        certificates,
        pending_changes,
        register_entries,
    })
}

/// How to pay what a capital release request still awaits.
#[derive(Debug, Clone)]
pub struct PaymentInstructions {
    pub iban: String,
    pub bic: Option<String>,
    pub beneficiary: String,
    pub reference: String,
    pub amount_due: Money,
    /// The EPC069-12 payload for the amount still due (euro only).
    pub epc_payload: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PortalCall {
    pub call: CallView,
    /// While the call is open and the cooperative's IBAN is known.
    pub instructions: Option<PaymentInstructions>,
}

async fn call_of_holder(
    tx: &mut dyn StoreTx,
    user: &UserRecord,
    holder: ContactId,
    id: CapitalCallId,
    date: Date,
) -> Result<CapitalCallRecord, AppError> {
    authorize_in(tx, user, holder, date).await?;
    let call = tx
        .get_capital_call(id)
        .await?
        .filter(|call| call.call.contact == holder)
        .ok_or(AppError::NotFound {
            what: "capital release request",
        })?;
    Ok(call)
}

/// One of the holder's capital release requests, with what to pay and how.
pub async fn call(
    store: &dyn Store,
    clock: &dyn Clock,
    user: &UserRecord,
    holder: ContactId,
    id: CapitalCallId,
) -> Result<PortalCall, AppError> {
    let mut tx = store.begin_read().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let record = call_of_holder(tx.as_mut(), user, holder, id, clock.today()).await?;
    drop(tx);
    let view = capital::view_call(store, id).await?;
    let amount_due = record
        .call
        .amount
        .checked_sub(record.amount_paid)
        .map_err(AppError::unexpected)?;
    let instructions = match (&settings.iban, record.state) {
        (Some(iban), CapitalCallState::Open) if amount_due.is_positive() => {
            let epc_payload = capital::epc_payload(
                &settings,
                iban,
                &record.call,
                &view.holder.details.display_name(),
                amount_due,
            )?;
            Some(PaymentInstructions {
                iban: iban.to_string(),
                bic: settings.bic.as_ref().map(ToString::to_string),
                beneficiary: coop_name(&settings),
                reference: record.call.reference.to_string(),
                amount_due,
                epc_payload,
            })
        }
        _ => None,
    };
    Ok(PortalCall {
        call: view,
        instructions,
    })
}

/// The PDF of one of the holder's capital release requests.
pub async fn call_pdf(
    store: &dyn Store,
    documents: &dyn DocumentRenderer,
    clock: &dyn Clock,
    user: &UserRecord,
    holder: ContactId,
    id: CapitalCallId,
) -> Result<(CapitalCallRecord, Vec<u8>), AppError> {
    let mut tx = store.begin_read().await?;
    call_of_holder(tx.as_mut(), user, holder, id, clock.today()).await?;
    drop(tx);
    capital::capital_call_pdf(store, documents, id).await
}

/// One of the holder's certificates, exactly as issued.
pub async fn certificate_pdf(
    store: &dyn Store,
    clock: &dyn Clock,
    user: &UserRecord,
    holder: ContactId,
    id: CertificateId,
) -> Result<(CertificateRecord, Vec<u8>), AppError> {
    let mut tx = store.begin_read().await?;
    authorize_in(tx.as_mut(), user, holder, clock.today()).await?;
    let record = tx
        .get_certificate(id)
        .await?
        .filter(|certificate| certificate.holder == holder)
        .ok_or(AppError::NotFound {
            what: "certificate",
        })?;
    drop(tx);
    certificates::pdf(store, record.id).await
}

/// A change of name or address as typed in the portal. An entity's legal form and enterprise
/// number are not the member's to change.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ProfileInput {
    /// A person's first and last name.
    pub first_name: String,
    pub last_name: String,
    /// An entity's name.
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

impl ProfileInput {
    /// The form filled with the contact's current details.
    pub fn of(details: &ContactDetails) -> Self {
        let address = details.address();
        let (first_name, last_name, name) = match details {
            ContactDetails::Person(p) => (
                p.first_name.as_str().to_owned(),
                p.last_name.as_str().to_owned(),
                String::new(),
            ),
            ContactDetails::Entity(e) => (String::new(), String::new(), e.name.as_str().to_owned()),
        };
        Self {
            first_name,
            last_name,
            name,
            street: address.street.as_str().to_owned(),
            postal_code: address.postal_code.as_str().to_owned(),
            city: address.city.as_str().to_owned(),
            country: address.country.code().to_owned(),
        }
    }
}

fn text_error(field: &str, error: &TextError) -> FieldError {
    let code = match error {
        TextError::Empty => "required",
        TextError::TooLong { .. } => "too_long",
        _ => "invalid",
    };
    FieldError::new(field, code, error.to_string())
}

fn name_field(field: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<Name> {
    Name::parse(text)
        .map_err(|e| errors.push(text_error(field, &e)))
        .ok()
}

/// The contact's details with the typed name and address in place.
fn proposed_details(
    current: &ContactDetails,
    input: &ProfileInput,
) -> Result<ContactDetails, AppError> {
    let mut errors = Vec::new();
    let street = name_field("street", &input.street, &mut errors);
    let city = name_field("city", &input.city, &mut errors);
    let postal_code = PostalCode::parse(&input.postal_code)
        .map_err(|e| errors.push(text_error("postal_code", &e)))
        .ok();
    let country = Country::parse(input.country.trim())
        .map_err(|e| errors.push(FieldError::new("country", "invalid", e.to_string())))
        .ok();
    let mut details = current.clone();
    match &mut details {
        ContactDetails::Person(person) => {
            let first = name_field("first_name", &input.first_name, &mut errors);
            let last = name_field("last_name", &input.last_name, &mut errors);
            if let (Some(first), Some(last)) = (first, last) {
                person.first_name = first;
                person.last_name = last;
            }
        }
        ContactDetails::Entity(entity) => {
            if let Some(name) = name_field("name", &input.name, &mut errors) {
                entity.name = name;
            }
        }
    }
    let (Some(street), Some(city), Some(postal_code), Some(country), true) =
        (street, city, postal_code, country, errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };
    let address = Address {
        street,
        postal_code,
        city,
        country,
    };
    match &mut details {
        ContactDetails::Person(person) => person.address = address,
        ContactDetails::Entity(entity) => entity.address = address,
    }
    Ok(details)
}

/// A member proposes a new name or address for `holder`; a manager approves or rejects it.
pub async fn propose_change(
    store: &dyn Store,
    clock: &dyn Clock,
    user: &UserRecord,
    holder: ContactId,
    input: &ProfileInput,
) -> Result<ContactChangeId, AppError> {
    let mut tx = store.begin().await?;
    let contact = authorize_in(tx.as_mut(), user, holder, clock.today()).await?;
    let proposed = proposed_details(&contact.details, input)?;
    if proposed == contact.details {
        return Err(AppError::field(
            "name",
            "nothing_changed",
            "the name and address are the same as the ones we have",
        ));
    }
    let now = clock.now();
    let id = tx
        .insert_contact_change(&NewContactChange {
            contact: holder,
            base_version: contact.version,
            proposed,
            requested_by: user.id,
            requested_at: now,
        })
        .await?;
    tx.append_audit(&audit::entry(
        now,
        &Actor::User(user.id),
        "contact_change_proposed",
        "contact",
        holder,
        json!({ "change": id.get() }),
    ))
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The changes waiting for a manager, oldest first, with the contact as it is now.
pub async fn pending_changes(
    store: &dyn Store,
    limit: u32,
) -> Result<Vec<(ContactChangeRecord, ContactRecord)>, AppError> {
    let mut tx = store.begin_read().await?;
    let mut list = Vec::new();
    for change in tx.pending_contact_changes(limit).await? {
        let contact = tx
            .get_contact(change.contact)
            .await?
            .ok_or_else(|| AppError::invariant("a change names a contact that vanished"))?;
        list.push((change, contact));
    }
    Ok(list)
}

/// A manager approves (the contact takes the proposed details) or rejects a proposed change.
/// A contact changed since the member proposed is a conflict: the manager reviews it again.
pub async fn decide_change(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: ContactChangeId,
    approve: bool,
) -> Result<ContactChangeRecord, AppError> {
    let mut tx = store.begin().await?;
    let change = tx.get_contact_change(id).await?.ok_or(AppError::NotFound {
        what: "change of personal data",
    })?;
    let decided = || AppError::Conflict {
        code: "change_already_decided",
        detail: format!("change {id} was already approved or rejected"),
    };
    if change.state != ChangeState::Pending {
        return Err(decided());
    }
    let now = clock.now();
    if approve {
        let stale = || AppError::Conflict {
            code: "contact_changed_since",
            detail: "the contact was changed after the member proposed this; reject it and \
                     ask the member to propose again"
                .to_owned(),
        };
        match tx
            .update_contact_details(change.contact, change.base_version, &change.proposed, now)
            .await
        {
            Err(StoreError::Conflict { .. }) => return Err(stale()),
            other => other?,
        };
    }
    let state = if approve {
        ChangeState::Approved
    } else {
        ChangeState::Rejected
    };
    match tx
        .decide_contact_change(id, state, &actor.to_storage(), now)
        .await
    {
        Err(StoreError::Conflict { .. }) => return Err(decided()),
        other => other?,
    };
    tx.append_audit(&audit::entry(
        now,
        actor,
        if approve {
            "contact_change_approved"
        } else {
            "contact_change_rejected"
        },
        "contact",
        change.contact,
        json!({ "change": id.get() }),
    ))
    .await?;
    tx.commit().await?;
    Ok(ContactChangeRecord {
        state,
        decided_by: Some(actor.to_storage()),
        decided_at: Some(now),
        ..change
    })
}

/// A member asks to use `new_email` for their account and their person: a link to confirm is
/// sent to that address. Whether another account has it is checked on confirmation, so this
/// form does not reveal which addresses have accounts.
pub async fn request_email_change(
    store: &dyn Store,
    services: Services<'_>,
    user: &UserRecord,
    new_email: &str,
) -> Result<(), AppError> {
    let email = Email::parse(new_email)
        .map_err(|e| AppError::field("email", "invalid_email", e.to_string()))?;
    if email == user.email {
        return Err(AppError::field(
            "email",
            "same_email",
            "this is already the address of your account",
        ));
    }
    let clock = services.clock;
    let mailer: &Mailer = services.mailer;
    let mut tx = store.begin().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let token = random_token()?;
    let now = clock.now();
    tx.insert_link(&NewOneTimeLink {
        token_hash: hash_token(&token),
        purpose: LinkPurpose::EmailChange,
        user: Some(user.id),
        payload: Some(email.as_str().to_owned()),
        created_at: now,
        expires_at: now + EMAIL_CHANGE_LIFETIME,
    })
    .await?;
    let mut name = String::new();
    if let Some(person) = user.contact
        && let Some(person) = tx.get_contact(person).await?
    {
        name = person.details.display_name();
    }
    let language = user.language.unwrap_or(settings.default_language);
    mail::queue(
        tx.as_mut(),
        mailer,
        clock,
        EmailKind::EmailChangeConfirmation,
        language,
        std::slice::from_ref(&email),
        &json!({
            "coop_name": coop_name(&settings),
            "recipient_name": name,
            "base_url": mailer.base_url,
            "link": format!("{}/email-confirmation/{token}", mailer.base_url),
        }),
        Some(format!("user_account:{}", user.id)),
    )
    .await?;
    tx.append_audit(&audit::entry(
        now,
        &Actor::User(user.id),
        "email_change_requested",
        "user_account",
        user.id,
        json!({}),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The new address is confirmed: the account and its person take it.
pub async fn confirm_email_change(
    store: &dyn Store,
    clock: &dyn Clock,
    token: &str,
) -> Result<Email, AppError> {
    let spent = || AppError::Conflict {
        code: "email_link_used",
        detail: "this link was already used or has expired; ask for a new one from the portal"
            .to_owned(),
    };
    let mut tx = store.begin().await?;
    let now = clock.now();
    let link = match tx
        .use_link(&hash_token(token), LinkPurpose::EmailChange, now)
        .await
    {
        Err(StoreError::Conflict { .. }) => return Err(spent()),
        other => other?,
    };
    let (Some(user), Some(payload)) = (link.user, link.payload) else {
        return Err(spent());
    };
    let email = Email::parse(&payload).map_err(AppError::unexpected)?;
    let user = tx.get_user(user).await?.ok_or_else(spent)?;
    match tx.set_user_email(user.id, &email).await {
        Err(StoreError::Duplicate(_)) => {
            return Err(AppError::Conflict {
                code: "email_taken",
                detail: "another account already uses this address".to_owned(),
            });
        }
        other => other?,
    }
    if let Some(person) = user.contact
        && let Some(contact) = tx.get_contact(person).await?
        && let ContactDetails::Person(mut details) = contact.details
    {
        details.email = email.clone();
        tx.update_contact_details(
            contact.id,
            contact.version,
            &ContactDetails::Person(details),
            now,
        )
        .await?;
    }
    tx.append_audit(&audit::entry(
        now,
        &Actor::User(user.id),
        "email_changed",
        "user_account",
        user.id,
        json!({ "contact": user.contact.map(ContactId::get) }),
    ))
    .await?;
    tx.commit().await?;
    Ok(email)
}

/// A manager ends a representation on `until` (the person no longer acts for the entity from
/// that date).
pub async fn end_representation(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: coopshares_domain::ids::RepresentationId,
    until: &str,
) -> Result<(), AppError> {
    let until =
        crate::format::parse_date("until", until).map_err(|e| AppError::Validation(vec![e]))?;
    let mut tx = store.begin().await?;
    let link = tx.get_representation(id).await?.ok_or(AppError::NotFound {
        what: "representation",
    })?;
    if until < link.since {
        return Err(AppError::field(
            "until",
            "ends_before_start",
            format!("the representation started on {}", link.since),
        ));
    }
    match tx.end_representation(id, until).await {
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::Conflict {
                code: "representation_ended",
                detail: "this representation has already ended".to_owned(),
            });
        }
        other => other?,
    }
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "representation_ended",
        "contact",
        link.entity,
        json!({ "representation": id.get(), "person": link.person.get(), "until": until.to_string() }),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}
