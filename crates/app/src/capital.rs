//! Step 2 of the workflow: a manager validates a request, which calls the capital.
//!
//! [`validate`] does, in one transaction: the request becomes `validated`; a capital release
//! request (capital call) is created with the next gapless number of the year, a new payment
//! reference in the cooperative's scheme, the amount (quantity × nominal value) and the due
//! date; a ledger entry debits the member's receivable and credits subscribed capital; the
//! holder becomes a candidate; when the cooperative creates user accounts, the person (for an
//! entity, its representative) gets a member account and an invitation; and the payment
//! instructions are emailed with the capital release request as a PDF. A request has at most
//! one call, ever (the store enforces it), so two simultaneous validations produce one call and
//! one conflict.
//!
//! Cancelling goes both ways and stays consistent: cancelling a validated request cancels its
//! open call with a reversing entry ([`cancel_request_call_in`], used by the intake's cancel),
//! and cancelling an open call cancels its request ([`cancel_call`]).

use coopshares_banking::epc::{self, CreditTransfer};
use coopshares_domain::capital_call::{self, CapitalCallNumber, CapitalCallState};
use coopshares_domain::contact::ContactDetails;
use coopshares_domain::iban::Iban;
use coopshares_domain::ids::{CapitalCallId, SubscriptionRequestId};
use coopshares_domain::language::Language;
use coopshares_domain::ledger::{EntryLine, JournalCode, JournalEntry};
use coopshares_domain::membership::{MemberNumber, Membership, MembershipStatus};
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::subscription::{Reason, RequestEffect, RequestState};
use coopshares_domain::user::Role;
use serde_json::json;
use time::{Date, Duration};

use crate::audit;
use crate::clock::Clock;
use crate::documents::{CapitalCallDocument, CooperativeIdentity, DocumentRenderer, Holder};
use crate::email::{self as mail, Mailer};
use crate::error::AppError;
use crate::format::{self, amount as format_amount};
use crate::intake::{coop_name, holder_and_representative, request_status};
use crate::ports::{
    Actor, CapitalCallRecord, ContactRecord, EmailAttachment, EntryKind, LinkPurpose,
    NewCapitalCall, NewJournalEntry, NewOneTimeLink, NewUser, RequestRecord, Sequence,
    ShareTypeRecord, Store, StoreError, StoreTx,
};
use crate::secrets::{hash_token, random_token};
use crate::settings::{self, CooperativeSettings};

/// How long an invitation link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(14);

/// A validated request and the capital call it produced.
#[derive(Debug, Clone)]
pub struct Validated {
    pub request: RequestRecord,
    pub call: CapitalCallRecord,
    /// Whether a member account was created (and an invitation sent) by this validation.
    pub account_created: bool,
}

/// What validation needs besides the store: where emails go and how documents are drawn.
#[derive(Debug, Clone, Copy)]
pub struct Services<'a> {
    pub mailer: &'a Mailer,
    pub documents: &'a dyn DocumentRenderer,
    pub clock: &'a dyn Clock,
}

fn already_validated(id: SubscriptionRequestId) -> AppError {
    AppError::Conflict {
        code: "already_validated",
        detail: format!("subscription request {id} was validated meanwhile"),
    }
}

fn changed(id: SubscriptionRequestId) -> AppError {
    AppError::Conflict {
        code: "request_changed",
        detail: format!("subscription request {id} was changed meanwhile; reload it and try again"),
    }
}

/// What the cooperative must have set before it can ask for money: its name (the
/// beneficiary) and its IBAN (where to pay).
fn check_ready(settings: &CooperativeSettings) -> Result<(), AppError> {
    let mut missing = Vec::new();
    if settings.name.is_none() {
        missing.push("name");
    }
    if settings.iban.is_none() {
        missing.push("iban");
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(AppError::Conflict {
            code: "cooperative_not_ready",
            detail: format!(
                "set the cooperative's {} in the settings before validating: the payment \
                 instructions need them",
                missing.join(" and ")
            ),
        })
    }
}

/// Validates a submitted request (see the module documentation). `expected_version`, when
/// given, is the version the manager saw: a request changed since is a conflict.
pub async fn validate(
    store: &dyn Store,
    services: Services<'_>,
    actor: &Actor,
    id: SubscriptionRequestId,
    expected_version: Option<i64>,
) -> Result<Validated, AppError> {
    let Services {
        mailer,
        documents,
        clock,
    } = services;
    let mut tx = store.begin().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let record = tx.get_request(id).await?.ok_or(AppError::NotFound {
        what: "subscription request",
    })?;
    if expected_version.is_some_and(|v| v != record.version) {
        return Err(changed(id));
    }
    if record.state == RequestState::Validated || record.state == RequestState::Paid {
        return Err(already_validated(id));
    }
    let (next, effects) = request_status(&record)?
        .validate()
        .map_err(|e| AppError::Conflict {
            code: "invalid_transition",
            detail: e.to_string(),
        })?;
    check_ready(&settings)?;
    let Parties {
        share_type,
        holder,
        representative,
    } = parties(tx.as_mut(), &record).await?;
    let amount = share_type
        .share_type
        .amount_for(record.request.quantity)
        .map_err(AppError::unexpected)?;
    if amount != record.request.amount {
        // The amount was computed on the server at intake from the same nominal value, which
        // never changes once subscribed; a difference means the data is corrupt.
        return Err(AppError::invariant(format!(
            "request {id}: stored amount {} differs from quantity × nominal value {amount}",
            record.request.amount
        )));
    }

    let version = match tx
        .update_request_state(id, record.version, next.state(), None, None, clock.now())
        .await
    {
        Err(StoreError::Conflict { .. }) => return Err(already_validated(id)),
        other => other?,
    };

    let today = clock.today();
    let mut call: Option<CapitalCallRecord> = None;
    let mut account_created = false;
    for effect in &effects {
        match effect {
            RequestEffect::CreateCapitalCall => {
                call =
                    Some(create_call(tx.as_mut(), clock, actor, &settings, &record, today).await?);
            }
            RequestEffect::EnsureCandidate => {
                become_candidate(tx.as_mut(), clock, actor, &holder).await?;
            }
            RequestEffect::CreateUserAccountIfEnabled if settings.create_user_accounts => {
                let person = representative.as_ref().unwrap_or(&holder);
                account_created = ensure_member_account(
                    tx.as_mut(),
                    mailer,
                    clock,
                    actor,
                    &settings,
                    person,
                    record.request.language,
                )
                .await?;
            }
            RequestEffect::SendPaymentInstructions => {
                let call = call.as_ref().ok_or_else(|| {
                    AppError::invariant("payment instructions before the capital call")
                })?;
                send_payment_instructions(
                    tx.as_mut(),
                    mailer,
                    documents,
                    clock,
                    &settings,
                    PaymentFacts {
                        call,
                        share_type: &share_type,
                        holder: &holder,
                        representative: representative.as_ref(),
                        language: record.request.language,
                    },
                )
                .await?;
            }
            _ => {}
        }
    }
    let call = call.ok_or_else(|| AppError::invariant("validation created no capital call"))?;
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "subscription_request_validated",
        "subscription_request",
        id,
        json!({ "version": version, "capital_call": call.id.get(), "number": call.call.number.to_string() }),
    ))
    .await?;
    tx.commit().await?;
    let request = RequestRecord {
        state: next.state(),
        hold_reason: None,
        cancel_reason: None,
        updated_at: call.updated_at,
        version,
        ..record
    };
    Ok(Validated {
        request,
        call,
        account_created,
    })
}

/// What a request names besides itself: its share type, its holder and, for an entity, the
/// person who signed for it.
struct Parties {
    share_type: ShareTypeRecord,
    holder: ContactRecord,
    representative: Option<ContactRecord>,
}

async fn parties(tx: &mut dyn StoreTx, request: &RequestRecord) -> Result<Parties, AppError> {
    let share_type = tx
        .get_share_type(request.request.share_type)
        .await?
        .ok_or(AppError::NotFound { what: "share type" })?;
    let holder = tx
        .get_contact(request.request.contact)
        .await?
        .ok_or(AppError::NotFound { what: "contact" })?;
    let representative = match request.request.representative {
        Some(person) => Some(
            tx.get_contact(person)
                .await?
                .ok_or(AppError::NotFound { what: "contact" })?,
        ),
        None => None,
    };
    Ok(Parties {
        share_type,
        holder,
        representative,
    })
}

async fn create_call(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    actor: &Actor,
    settings: &CooperativeSettings,
    record: &RequestRecord,
    today: Date,
) -> Result<CapitalCallRecord, AppError> {
    let year = today.year();
    let sequence = tx.next_number(Sequence::CapitalCall, year).await?;
    let number = CapitalCallNumber::new(year, sequence).map_err(AppError::unexpected)?;
    let reference_base = tx.next_number(Sequence::PaymentReference, 0).await?;
    let reference = settings
        .reference_scheme
        .generate(u64::from(reference_base))
        .map_err(AppError::unexpected)?;
    let now = clock.now();
    let new = NewCapitalCall {
        number,
        request: record.id,
        contact: record.request.contact,
        share_type: record.request.share_type,
        quantity: record.request.quantity,
        amount: record.request.amount,
        reference,
        issue_date: today,
        due_date: capital_call::due_date(today, settings.due_days),
        created_at: now,
    };
    let id = match tx.insert_capital_call(&new).await {
        Err(StoreError::Duplicate(rule)) if rule == "capital_call_request" => {
            return Err(already_validated(record.id));
        }
        other => other?,
    };
    let chart = settings.chart();
    let label = format!("Capital release request {number}");
    let entry = JournalEntry::new(
        today,
        JournalCode::subscriptions(),
        vec![
            EntryLine::debit(chart.member_receivable, new.amount, label.clone()),
            EntryLine::credit(chart.subscribed_capital, new.amount, label),
        ],
    )
    .map_err(AppError::unexpected)?;
    tx.post_journal_entry(&NewJournalEntry {
        entry,
        kind: EntryKind::CapitalCall,
        capital_call: Some(id),
        contact: Some(new.contact),
        reverses: None,
        created_at: now,
    })
    .await?;
    tx.append_audit(&audit::entry(
        now,
        actor,
        "capital_call_created",
        "capital_call",
        id,
        json!({
            "number": number.to_string(),
            "request": record.id.get(),
            "amount": new.amount.to_string(),
            "currency": new.amount.currency().code(),
            "reference": new.reference.as_compact(),
        }),
    ))
    .await?;
    Ok(CapitalCallRecord {
        id,
        amount_paid: coopshares_domain::money::Money::zero(new.amount.currency()),
        call: new,
        state: CapitalCallState::Open,
        cancel_reason: None,
        updated_at: now,
        version: 1,
    })
}

pub(crate) fn membership_of(contact: &ContactRecord) -> Result<Membership, AppError> {
    let number = contact
        .member_number
        .map(MemberNumber::new)
        .transpose()
        .map_err(AppError::unexpected)?;
    Membership::restore(contact.membership, number, contact.member_since)
        .map_err(AppError::unexpected)
}

pub(crate) async fn save_membership(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    actor: &Actor,
    contact: &ContactRecord,
    next: Membership,
) -> Result<(), AppError> {
    if next.status() == contact.membership {
        return Ok(());
    }
    match tx
        .set_membership(
            contact.id,
            contact.version,
            next.status(),
            next.member_number().map(MemberNumber::get),
            next.since(),
            clock.now(),
        )
        .await
    {
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::Conflict {
                code: "contact_changed",
                detail: format!("contact {} was changed meanwhile; try again", contact.id),
            });
        }
        other => other?,
    };
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "membership_changed",
        "contact",
        contact.id,
        json!({ "from": contact.membership.as_str(), "to": next.status().as_str() }),
    ))
    .await?;
    Ok(())
}

async fn become_candidate(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    actor: &Actor,
    holder: &ContactRecord,
) -> Result<(), AppError> {
    let next = membership_of(holder)?
        .become_candidate()
        .map_err(AppError::unexpected)?
        .membership;
    save_membership(tx, clock, actor, holder, next).await
}

/// Gives `person` a member account unless they have one, and emails the invitation. An
/// existing account with the same email (a manager who subscribes, say) is linked to the
/// person and kept as it is. Returns whether an account was created.
async fn ensure_member_account(
    tx: &mut dyn StoreTx,
    mailer: &Mailer,
    clock: &dyn Clock,
    actor: &Actor,
    settings: &CooperativeSettings,
    person: &ContactRecord,
    language: Language,
) -> Result<bool, AppError> {
    if tx.find_user_by_contact(person.id).await?.is_some() {
        return Ok(false);
    }
    let email = person.details.email().clone();
    if let Some(existing) = tx.find_user_by_email(&email).await? {
        if existing.contact.is_none() {
            tx.link_user_to_contact(existing.id, person.id).await?;
            tx.append_audit(&audit::entry(
                clock.now(),
                actor,
                "user_account_linked",
                "user_account",
                existing.id,
                json!({ "contact": person.id.get() }),
            ))
            .await?;
        }
        return Ok(false);
    }
    let now = clock.now();
    let user = tx
        .insert_user(&NewUser {
            email: email.clone(),
            // Not a PHC string: no password verifies until the invitation sets one.
            password_hash: "!".to_owned(),
            role: Role::Member,
            language: Some(language),
            contact: Some(person.id),
            created_at: now,
        })
        .await?;
    let token = random_token()?;
    let expires_at = now + INVITATION_LIFETIME;
    tx.insert_link(&NewOneTimeLink {
        token_hash: hash_token(&token),
        purpose: LinkPurpose::Invitation,
        user: Some(user),
        payload: None,
        created_at: now,
        expires_at,
    })
    .await?;
    let context = json!({
        "coop_name": coop_name(settings),
        "recipient_name": person.details.display_name(),
        "base_url": mailer.base_url,
        "link": format!("{}/invitation/{token}", mailer.base_url),
        "expires_at": format::date(expires_at.date(), language),
    });
    mail::queue(
        tx,
        mailer,
        clock,
        EmailKind::Invitation,
        language,
        &[email],
        &context,
        Some(format!("user_account:{user}")),
    )
    .await?;
    tx.append_audit(&audit::entry(
        now,
        actor,
        "member_account_created",
        "user_account",
        user,
        json!({ "contact": person.id.get() }),
    ))
    .await?;
    Ok(true)
}

struct PaymentFacts<'a> {
    call: &'a CapitalCallRecord,
    share_type: &'a ShareTypeRecord,
    holder: &'a ContactRecord,
    representative: Option<&'a ContactRecord>,
    language: Language,
}

/// The EPC069-12 payload that pays `amount` on `call` to the cooperative's account, for a
/// banking app to scan; `None` outside the euro (the standard covers SEPA credit transfers in
/// euro only). Names are cut to the standard's 70 characters.
pub(crate) fn epc_payload(
    settings: &CooperativeSettings,
    iban: &Iban,
    call: &crate::ports::NewCapitalCall,
    holder_name: &str,
    amount: Money,
) -> Result<Option<String>, AppError> {
    if amount.currency() != Currency::EUR {
        return Ok(None);
    }
    let information: String = format!("{} {holder_name}", call.number)
        .chars()
        .take(70)
        .collect();
    let beneficiary: String = coop_name(settings).chars().take(70).collect();
    epc::payload(&CreditTransfer {
        beneficiary_name: &beneficiary,
        iban,
        bic: settings.bic.as_ref(),
        amount,
        reference: &call.reference,
        information: Some(&information),
    })
    .map(Some)
    .map_err(AppError::unexpected)
}

/// Who the cooperative is, as its documents print it.
pub(crate) fn cooperative_identity(settings: &CooperativeSettings) -> CooperativeIdentity {
    CooperativeIdentity {
        name: coop_name(settings),
        address_lines: settings
            .address
            .as_ref()
            .map(|a| {
                vec![
                    a.street.as_str().to_owned(),
                    format!("{} {}", a.postal_code.as_str(), a.city.as_str()),
                ]
            })
            .unwrap_or_default(),
        registration_number: settings
            .registration_number
            .as_ref()
            .map(ToString::to_string),
    }
}

/// A contact's postal address as printed: street, postal code and city, country.
pub(crate) fn address_lines(details: &ContactDetails) -> Vec<String> {
    let address = details.address();
    vec![
        address.street.as_str().to_owned(),
        format!("{} {}", address.postal_code.as_str(), address.city.as_str()),
        address.country.to_string(),
    ]
}

/// The facts printed on a capital release request.
fn document(
    settings: &CooperativeSettings,
    facts: &PaymentFacts<'_>,
) -> Result<CapitalCallDocument, AppError> {
    let iban = settings
        .iban
        .ok_or_else(|| AppError::invariant("the cooperative's IBAN disappeared"))?;
    let call = &facts.call.call;
    let epc_payload = epc_payload(
        settings,
        &iban,
        call,
        &facts.holder.details.display_name(),
        call.amount,
    )?;
    Ok(CapitalCallDocument {
        language: facts.language,
        cooperative: cooperative_identity(settings),
        holder: Holder {
            name: facts.holder.details.display_name(),
            address_lines: address_lines(&facts.holder.details),
            representative: facts.representative.map(|r| r.details.display_name()),
        },
        number: call.number.to_string(),
        issue_date: call.issue_date,
        due_date: call.due_date,
        share_type_name: facts.share_type.share_type.name(facts.language).to_owned(),
        share_type_code: facts.share_type.share_type.code().as_str().to_owned(),
        quantity: call.quantity.get(),
        unit_value: facts.share_type.share_type.nominal_value(),
        amount: call.amount,
        iban,
        bic: settings.bic.clone(),
        reference: call.reference.clone(),
        epc_payload,
    })
}

async fn send_payment_instructions(
    tx: &mut dyn StoreTx,
    mailer: &Mailer,
    documents: &dyn DocumentRenderer,
    clock: &dyn Clock,
    settings: &CooperativeSettings,
    facts: PaymentFacts<'_>,
) -> Result<(), AppError> {
    let document = document(settings, &facts)?;
    let pdf = documents
        .capital_call_pdf(&document)
        .map_err(AppError::unexpected)?;
    let call = &facts.call.call;
    let language = facts.language;
    let filename = pdf_filename(call.number);
    let context = json!({
        "coop_name": coop_name(settings),
        "recipient_name": "",
        "base_url": mailer.base_url,
        "capital_call_number": call.number.to_string(),
        "amount": format_amount(call.amount, language),
        "currency": call.amount.currency().code(),
        "iban": document.iban.to_string(),
        "bic": document.bic.as_ref().map(ToString::to_string).unwrap_or_default(),
        "reference": call.reference.to_string(),
        "due_date": format::date(call.due_date, language),
    });
    let recipients = holder_and_representative(
        (
            facts.holder.details.email(),
            facts.holder.details.display_name(),
        ),
        facts
            .representative
            .map(|person| (person.details.email(), person.details.display_name())),
    );
    for (email, name) in recipients {
        let mut context = context.clone();
        context["recipient_name"] = json!(name);
        mail::queue_with_attachments(
            tx,
            mailer,
            clock,
            EmailKind::PaymentInstructions,
            language,
            &[email],
            &context,
            Some(format!("capital_call:{}", facts.call.id)),
            vec![EmailAttachment {
                filename: filename.clone(),
                content_type: "application/pdf".to_owned(),
                content: pdf.clone(),
            }],
        )
        .await?;
    }
    Ok(())
}

/// The file name of a capital release request's PDF: `capital-release-request-2026-0001.pdf`.
pub fn pdf_filename(number: CapitalCallNumber) -> String {
    format!(
        "capital-release-request-{}-{:04}.pdf",
        number.year(),
        number.sequence()
    )
}

/// The capital release request as a PDF, drawn again from the stored facts (what the email
/// carried, for the back office and the member).
pub async fn capital_call_pdf(
    store: &dyn Store,
    documents: &dyn DocumentRenderer,
    id: CapitalCallId,
) -> Result<(CapitalCallRecord, Vec<u8>), AppError> {
    let mut tx = store.begin_read().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let call = tx.get_capital_call(id).await?.ok_or(AppError::NotFound {
        what: "capital release request",
    })?;
    let request = tx
        .get_request(call.call.request)
        .await?
        .ok_or(AppError::NotFound {
            what: "subscription request",
        })?;
    let Parties {
        share_type,
        holder,
        representative,
    } = parties(tx.as_mut(), &request).await?;
    let document = document(
        &settings,
        &PaymentFacts {
            call: &call,
            share_type: &share_type,
            holder: &holder,
            representative: representative.as_ref(),
            language: request.request.language,
        },
    )?;
    let pdf = documents
        .capital_call_pdf(&document)
        .map_err(AppError::unexpected)?;
    Ok((call, pdf))
}

/// A capital call with what its page and the API show.
#[derive(Debug, Clone)]
pub struct CallView {
    pub call: CapitalCallRecord,
    pub holder: ContactRecord,
    pub share_type: ShareTypeRecord,
    pub entries: Vec<crate::ports::JournalEntryRecord>,
    /// Its payments in the order they were recorded, each with the statement its line came
    /// from (none when registered by hand).
    pub payments: Vec<(
        crate::ports::PaymentRecord,
        Option<coopshares_domain::ids::BankStatementId>,
    )>,
}

pub async fn view_call(store: &dyn Store, id: CapitalCallId) -> Result<CallView, AppError> {
    let mut tx = store.begin_read().await?;
    let missing = || AppError::NotFound {
        what: "capital release request",
    };
    let call = tx.get_capital_call(id).await?.ok_or_else(missing)?;
    let holder = tx
        .get_contact(call.call.contact)
        .await?
        .ok_or_else(missing)?;
    let share_type = tx
        .get_share_type(call.call.share_type)
        .await?
        .ok_or_else(missing)?;
    let entries = tx.journal_entries_of_capital_call(id).await?;
    let mut payments = Vec::new();
    for payment in tx.payments_of_capital_call(id).await? {
        let statement = match payment.payment.line {
            Some(line) => tx
                .get_statement_line(line)
                .await?
                .map(|line| line.line.statement),
            None => None,
        };
        payments.push((payment, statement));
    }
    Ok(CallView {
        call,
        holder,
        share_type,
        entries,
        payments,
    })
}

/// Inside the transaction that cancels a validated request: cancels its open call, posts the
/// reversing entry, and withdraws the holder's candidacy when nothing else is pending.
pub(crate) async fn cancel_request_call_in(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    actor: &Actor,
    request: &RequestRecord,
    reason: &Reason,
) -> Result<(), AppError> {
    let call = tx
        .find_capital_call_by_request(request.id)
        .await?
        .ok_or_else(|| AppError::invariant("a validated request without its capital call"))?;
    cancel_call_in(tx, clock, actor, &call, reason).await
}

/// The state a cancellation leads to, or why the call cannot be cancelled: it is not open,
/// or payments are recorded on it (they are undone first).
fn cancelled_state(call: &CapitalCallRecord) -> Result<CapitalCallState, AppError> {
    let (state, _effects) = capital_call::cancel(call.state).map_err(|e| AppError::Conflict {
        code: "invalid_transition",
        detail: e.to_string(),
    })?;
    if call.amount_paid.is_positive() {
        return Err(AppError::Conflict {
            code: "capital_call_has_payments",
            detail: format!(
                "capital release request {} has payments recorded ({}); undo them before \
                 cancelling",
                call.call.number, call.amount_paid
            ),
        });
    }
    Ok(state)
}

/// Whether a manager may cancel the call now (to offer the action).
pub fn can_cancel(call: &CapitalCallRecord) -> bool {
    cancelled_state(call).is_ok()
}

async fn cancel_call_in(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    actor: &Actor,
    call: &CapitalCallRecord,
    reason: &Reason,
) -> Result<(), AppError> {
    let state = cancelled_state(call)?;
    match tx
        .update_capital_call_state(
            call.id,
            call.version,
            state,
            Some(reason.as_str()),
            clock.now(),
        )
        .await
    {
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::Conflict {
                code: "capital_call_changed",
                detail: format!(
                    "capital release request {} was changed meanwhile; reload it",
                    call.call.number
                ),
            });
        }
        other => other?,
    };
    let today = clock.today();
    for posted in tx.journal_entries_of_capital_call(call.id).await? {
        if posted.posted.kind != EntryKind::CapitalCall {
            continue;
        }
        tx.post_journal_entry(&NewJournalEntry {
            entry: posted.posted.entry.reversal(today),
            kind: EntryKind::CapitalCallCancellation,
            capital_call: Some(call.id),
            contact: Some(call.call.contact),
            reverses: Some(posted.id),
            created_at: clock.now(),
        })
        .await?;
    }
    let holder = tx
        .get_contact(call.call.contact)
        .await?
        .ok_or(AppError::NotFound { what: "contact" })?;
    if holder.membership == MembershipStatus::Candidate
        && !tx
            .capital_calls_of_contact(holder.id)
            .await?
            .iter()
            .any(|other| other.id != call.id && other.state == CapitalCallState::Open)
    {
        let next = membership_of(&holder)?.withdraw_candidacy(today).membership;
        save_membership(tx, clock, actor, &holder, next).await?;
    }
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "capital_call_cancelled",
        "capital_call",
        call.id,
        json!({ "reason": reason.as_str(), "number": call.call.number.to_string() }),
    ))
    .await?;
    Ok(())
}

/// Cancels an open capital call, and with it its request (which is told, like any
/// cancellation).
pub async fn cancel_call(
    store: &dyn Store,
    mailer: &Mailer,
    clock: &dyn Clock,
    actor: &Actor,
    id: CapitalCallId,
    reason: &str,
) -> Result<CapitalCallRecord, AppError> {
    let call = {
        let mut tx = store.begin_read().await?;
        tx.get_capital_call(id).await?.ok_or(AppError::NotFound {
            what: "capital release request",
        })?
    };
    crate::intake::decide(
        store,
        mailer,
        clock,
        actor,
        call.call.request,
        crate::intake::Decision::Cancel(reason.to_owned()),
        None,
    )
    .await?;
    let mut tx = store.begin_read().await?;
    tx.get_capital_call(id).await?.ok_or(AppError::NotFound {
        what: "capital release request",
    })
}
