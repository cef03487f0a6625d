//! Step 1 of the workflow: a subscription request is recorded, on any channel, and the future
//! member is told it arrived.
//!
//! Every channel goes through [`submit`]: the domain's one set of rules
//! ([`coopshares_domain::application::validate`]), then contacts are matched so that nobody is
//! recorded twice — a person by email, an entity by registration number, an entity's
//! representative as a person (even one who is already a member in their own name) — then the
//! request is stored with the data exactly as submitted, and the confirmation emails are queued,
//! all in one transaction. Nothing is stored for a rejected submission. The web channels go
//! through [`IntakeWriter`], the same code with submissions that arrive together written in one
//! transaction.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use coopshares_domain::application::{
    self, Applicant, ApplicationInput, FieldProblem, IntakeRules, ValidApplication,
};
use coopshares_domain::contact::{ContactDetails, ContactKind, Person};
use coopshares_domain::email::Email;
use coopshares_domain::ids::{ContactId, ShareTypeId, SubscriptionRequestId};
use coopshares_domain::language::Language;
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::register::RegisterMovement;
use coopshares_domain::share_type::{QuantityError, ShareType};
use coopshares_domain::subscription::{Channel, Reason, RequestEffect, RequestStatus};
use serde_json::json;
use tokio::sync::{mpsc, oneshot};

use crate::audit;
use crate::clock::Clock;
use crate::email::{self as mail, Mailer};
use crate::error::{AppError, FieldError};
use crate::format::amount as format_amount;
use crate::ports::{
    Actor, AuditEntry, ContactRecord, NewEmail, NewRequest, RepresentationRecord, RequestFilter,
    RequestRecord, RequestSummary, ShareTypeRecord, Store, StoreError, StoreTx,
};
use crate::settings::{self, CooperativeSettings};

/// What every submission is checked against: the cooperative's settings and share types. They
/// change rarely, so a caller may read them once and pass them to [`submit`] for a short
/// while (the web layer keeps them a second), keeping them out of the write transaction.
#[derive(Debug, Clone)]
pub struct IntakeCatalog {
    pub settings: CooperativeSettings,
    pub share_types: Vec<ShareTypeRecord>,
}

/// Reads the catalog.
pub async fn catalog(store: &dyn Store) -> Result<IntakeCatalog, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(IntakeCatalog {
        settings: settings::load_in(tx.as_mut()).await?.value,
        share_types: tx.list_share_types().await?,
    })
}

/// A request as recorded, and whether this call recorded it (`false`: the same idempotency
/// key had already recorded it).
#[derive(Debug, Clone)]
pub struct Submitted {
    pub request: RequestRecord,
    /// The code of the share type asked for.
    pub share_type_code: String,
    pub created: bool,
}

fn to_field_errors(problems: Vec<FieldProblem>) -> AppError {
    AppError::Validation(
        problems
            .into_iter()
            .map(|p| FieldError::new(p.field, p.code, p.detail))
            .collect(),
    )
}

/// The share types an applicant may choose on `channel`: all live ones in the back office and
/// the API, only those shown on the form on the public form.
fn offered_on(channel: Channel, types: &[ShareTypeRecord]) -> Vec<ShareType> {
    types
        .iter()
        .filter(|t| !t.share_type.retired())
        .filter(|t| channel != Channel::OnlineForm || t.share_type.on_public_form())
        .map(|t| t.share_type.clone())
        .collect()
}

fn rules(settings: &CooperativeSettings, clock: &dyn Clock, language: Language) -> IntakeRules {
    IntakeRules {
        iban_required: settings.iban_required,
        collect_national_id: settings.collect_national_id,
        minimum_age: settings.minimum_age,
        consents: settings.consents.clone(),
        today: clock.today(),
        fallback_language: language,
    }
}

/// The person this is, or a new contact for them (then `true`). With a national register
/// number (collected by the cooperative), the person who has it; else the person with this
/// email, unless their own number says they are someone else (two people may share an email).
/// Never a second person for one email otherwise, nor for one number.
async fn person_contact(
    tx: &mut dyn StoreTx,
    person: &Person,
    clock: &dyn Clock,
) -> Result<(ContactId, bool), AppError> {
    tx.lock_email(&person.email).await?;
    if let Some(national_id) = &person.national_id {
        tx.lock_national_id(national_id).await?;
        if let Some(existing) = tx.find_persons_by_national_id(national_id).await?.first() {
            return Ok((existing.id, false));
        }
    }
    let same_email = tx.find_persons_by_email(&person.email).await?;
    let same_person = same_email.iter().find(|existing| {
        person.national_id.is_none()
            || matches!(&existing.details, ContactDetails::Person(p) if p.national_id.is_none())
    });
    match same_person {
        Some(existing) => Ok((existing.id, false)),
        None => Ok((
            tx.insert_contact(&ContactDetails::Person(person.clone()), clock.now())
                .await?,
            true,
        )),
    }
}

/// The holder, the representative, and whether the holder was created just now.
type Matched = (ContactId, Option<ContactId>, bool);

/// Who the request is for and who signed for it, matching existing contacts.
async fn match_contacts(
    tx: &mut dyn StoreTx,
    applicant: &Applicant,
    for_contact: Option<ContactId>,
    clock: &dyn Clock,
) -> Result<Matched, AppError> {
    if let Some(contact) = for_contact {
        let record = tx
            .get_contact(contact)
            .await?
            .ok_or(AppError::NotFound { what: "contact" })?;
        if record.details.kind() != applicant.kind() {
            return Err(AppError::field(
                "applicant.kind",
                "invalid",
                format!("this contact is a {}", record.details.kind().as_str()),
            ));
        }
    }
    match applicant {
        Applicant::Person(person) => match for_contact {
            Some(contact) => Ok((contact, None, false)),
            None => {
                let (id, created) = person_contact(tx, person, clock).await?;
                Ok((id, None, created))
            }
        },
        Applicant::Entity {
            entity,
            representative,
            function,
        } => {
            let (entity_id, entity_created) = match for_contact {
                Some(contact) => (contact, false),
                None => match tx
                    .find_entity_by_registration(&entity.registration_number)
                    .await?
                {
                    Some(existing) => (existing.id, false),
                    None => (
                        tx.insert_contact(&ContactDetails::Entity(entity.clone()), clock.now())
                            .await?,
                        true,
                    ),
                },
            };
            let (person_id, _) = person_contact(tx, representative, clock).await?;
            let today = clock.today();
            let already = tx
                .representatives_of_entity(entity_id)
                .await?
                .iter()
                .any(|r| r.person == person_id && r.until.is_none_or(|until| until > today));
            if !already {
                tx.insert_representation(person_id, entity_id, function.as_str(), today)
                    .await?;
            }
            Ok((entity_id, Some(person_id), entity_created))
        }
    }
}

/// Records a subscription request from any channel. With an idempotency key already used, the
/// request it recorded is returned and nothing new is stored. Without a `catalog`, it is read
/// first.
pub async fn submit(
    store: &dyn Store,
    mailer: &Mailer,
    clock: &dyn Clock,
    submission: &Submission<'_>,
    catalog: Option<&IntakeCatalog>,
) -> Result<Submitted, AppError> {
    let loaded;
    let catalog = match catalog {
        Some(catalog) => catalog,
        None => {
            loaded = self::catalog(store).await?;
            &loaded
        }
    };
    let result = match prepare(catalog, clock, submission) {
        Ok(prepared) => record(store, mailer, clock, &catalog.settings, &prepared).await,
        Err(error) => Err(error),
    };
    replayed_if_refused(store, result, submission.idempotency_key).await
}

/// A replay that no longer passes the rules (its first copy now counts against the maximum,
/// say) still answers with what the first copy recorded.
async fn replayed_if_refused(
    store: &dyn Store,
    result: Result<Submitted, AppError>,
    idempotency_key: Option<&str>,
) -> Result<Submitted, AppError> {
    match (result, idempotency_key) {
        (Err(AppError::Validation(problems)), Some(key)) => {
            match recorded_with_key(store, key).await? {
                Some(existing) => Ok(existing),
                None => Err(AppError::Validation(problems)),
            }
        }
        (result, _) => result,
    }
}

/// What the request recorded under `key` was, if one was.
async fn recorded_with_key(store: &dyn Store, key: &str) -> Result<Option<Submitted>, AppError> {
    let mut tx = store.begin_read().await?;
    let Some(existing) = tx.find_request_by_idempotency_key(key).await? else {
        return Ok(None);
    };
    let code = share_type_code(tx.as_mut(), &existing).await?;
    Ok(Some(Submitted {
        request: existing,
        share_type_code: code,
        created: false,
    }))
}

/// One submission, as a channel hands it over.
#[derive(Debug, Clone, Copy)]
pub struct Submission<'a> {
    /// Who submits: the system for the public form, the manager or the API token otherwise.
    pub actor: &'a Actor,
    pub channel: Channel,
    pub input: &'a ApplicationInput,
    /// The language of the page or API call, used when the applicant chose none.
    pub language: Language,
    /// The existing contact the request is for (the "subscribe shares" button of a contact's
    /// page).
    pub for_contact: Option<ContactId>,
    /// A key the channel gives each distinct submission, so that sending it again records
    /// nothing new (the form's token, the API's `Idempotency-Key`).
    pub idempotency_key: Option<&'a str>,
}

impl<'a> Submission<'a> {
    /// A submission for no particular contact and without an idempotency key.
    pub fn new(
        actor: &'a Actor,
        channel: Channel,
        input: &'a ApplicationInput,
        language: Language,
    ) -> Self {
        Self {
            actor,
            channel,
            input,
            language,
            for_contact: None,
            idempotency_key: None,
        }
    }
}

/// A submission that passed every rule that needs no database: what is left to write.
#[derive(Debug)]
struct Prepared {
    actor: Actor,
    channel: Channel,
    for_contact: Option<ContactId>,
    valid: ValidApplication,
    share_type: ShareTypeId,
    /// The submission exactly as received, as JSON: the request's evidence.
    submitted: String,
    idempotency_key: Option<String>,
}

/// Checks a submission against the rules (no database needed, so no transaction is held
/// while they run).
fn prepare(
    catalog: &IntakeCatalog,
    clock: &dyn Clock,
    submission: &Submission<'_>,
) -> Result<Prepared, AppError> {
    let types = &catalog.share_types;
    let valid = application::validate(
        submission.input,
        &offered_on(submission.channel, types),
        &rules(&catalog.settings, clock, submission.language),
    )
    .map_err(to_field_errors)?;
    let share_type = types
        .iter()
        .find(|t| t.share_type.code() == valid.share_type.code())
        .map(|t| t.id)
        .ok_or(AppError::NotFound { what: "share type" })?;
    Ok(Prepared {
        actor: submission.actor.clone(),
        channel: submission.channel,
        for_contact: submission.for_contact,
        valid,
        share_type,
        submitted: serde_json::to_string(submission.input).map_err(AppError::unexpected)?,
        idempotency_key: submission.idempotency_key.map(str::to_owned),
    })
}

/// Writes one prepared submission in its own transaction.
async fn record(
    store: &dyn Store,
    mailer: &Mailer,
    clock: &dyn Clock,
    settings: &CooperativeSettings,
    prepared: &Prepared,
) -> Result<Submitted, AppError> {
    let mut tx = store.begin().await?;
    let mut overrides = mail::Overrides::default();
    match write_in(
        tx.as_mut(),
        &mut overrides,
        mailer,
        clock,
        settings,
        prepared,
    )
    .await?
    {
        Written::Recorded(submitted) => {
            tx.commit().await?;
            Ok(*submitted)
        }
        Written::KeyTaken => {
            // The same key, recorded by a concurrent call: return what it recorded.
            drop(tx);
            recorded_with_key(
                store,
                prepared.idempotency_key.as_deref().unwrap_or_default(),
            )
            .await?
            .ok_or(AppError::NotFound {
                what: "subscription request",
            })
        }
    }
}

/// What [`write_in`] did.
#[derive(Debug)]
enum Written {
    Recorded(Box<Submitted>),
    /// The idempotency key was already used; the transaction must be dropped.
    KeyTaken,
}

/// Matches the contacts, checks the holder's maximum, stores the request, queues the
/// confirmation emails and the audit row, in `tx` (not committed). `overrides` keeps the
/// email templates read in `tx`.
async fn write_in(
    tx: &mut dyn StoreTx,
    overrides: &mut mail::Overrides,
    mailer: &Mailer,
    clock: &dyn Clock,
    settings: &CooperativeSettings,
    prepared: &Prepared,
) -> Result<Written, AppError> {
    // A replayed idempotency key is caught by the insert's unique key below (the whole
    // transaction, contacts included, is then dropped): no look-up on the common path.
    let valid = &prepared.valid;
    let (contact, representative, new_holder) =
        match_contacts(tx, &valid.applicant, prepared.for_contact, clock).await?;
    // What the holder already asked for and already holds counts against the share type's
    // maximum; a holder created just now has nothing yet.
    let already = if new_holder {
        0
    } else {
        already_counted(tx, &[(contact, prepared.share_type)])
            .await?
            .first()
            .copied()
            .ok_or_else(|| AppError::invariant("no count for the holder's maximum"))?
    };
    let new = new_request(prepared, contact, representative, already, clock)?;
    let id = match tx.insert_request(&new).await {
        Err(StoreError::Duplicate(_)) if prepared.idempotency_key.is_some() => {
            return Ok(Written::KeyTaken);
        }
        other => other?,
    };
    tx.append_audit(&submitted_audit(prepared, id, &new))
        .await?;
    let emails = confirmations(tx, overrides, mailer, clock, settings, prepared, id, &new).await?;
    tx.enqueue_emails(&emails).await?;
    Ok(Written::Recorded(Box::new(recorded(prepared, id, new))))
}

/// For each (holder, share type) pair: the shares the holder asked for in requests still alive
/// and the shares the register says they hold, which together count against the share type's
/// maximum per holder. Two statements, whatever the number of pairs.
async fn already_counted(
    tx: &mut dyn StoreTx,
    pairs: &[(ContactId, ShareTypeId)],
) -> Result<Vec<u32>, AppError> {
    let requested = tx.open_requested_quantities(pairs).await?;
    let mut holders: Vec<ContactId> = pairs.iter().map(|&(contact, _)| contact).collect();
    holders.sort_unstable();
    holders.dedup();
    let movements = tx
        .register_movements_of_contacts(&holders, time::Date::MAX)
        .await?;
    pairs
        .iter()
        .zip(requested)
        .map(|(&(contact, share_type), requested)| {
            let held = RegisterMovement::held_by(
                movements.iter().map(|record| &record.movement.movement),
                contact,
                share_type,
            );
            u32::try_from(held)
                .ok()
                .and_then(|held| held.checked_add(requested))
                .ok_or_else(|| AppError::invariant("a holder's shares overflow"))
        })
        .collect()
}

/// The request `prepared` makes for `contact`, once its quantity is within the share type's
/// maximum counting what the holder `already` asked for; the amount computed here, never
/// taken from the submission.
fn new_request(
    prepared: &Prepared,
    contact: ContactId,
    representative: Option<ContactId>,
    already: u32,
    clock: &dyn Clock,
) -> Result<NewRequest, AppError> {
    let valid = &prepared.valid;
    valid
        .share_type
        .check_quantity(valid.quantity, already)
        .map_err(|e| {
            // Over the maximum only because of what the holder already has: say so, or the
            // member sees a number within the share type's limits refused.
            let code = match e {
                QuantityError::AboveMaximum { already_held, .. } if already_held > 0 => {
                    "above_holder_maximum"
                }
                _ => "out_of_range",
            };
            AppError::field("quantity", code, e.to_string())
        })?;
    let amount = valid
        .share_type
        .amount_for(valid.quantity)
        .map_err(|e| AppError::field("quantity", "out_of_range", e.to_string()))?;
    Ok(NewRequest {
        channel: prepared.channel,
        contact,
        representative,
        share_type: prepared.share_type,
        quantity: valid.quantity,
        amount,
        language: valid.applicant.language(),
        submitted: prepared.submitted.clone(),
        consents: serde_json::to_string(&valid.consents).map_err(AppError::unexpected)?,
        idempotency_key: prepared.idempotency_key.clone(),
        created_at: clock.now(),
    })
}

fn submitted_audit(prepared: &Prepared, id: SubscriptionRequestId, new: &NewRequest) -> AuditEntry {
    audit::entry(
        new.created_at,
        &prepared.actor,
        "subscription_request_submitted",
        "subscription_request",
        id,
        json!({
            "channel": prepared.channel.as_str(),
            "contact": new.contact.get(),
            "quantity": new.quantity.get(),
        }),
    )
}

/// The confirmation emails of a request just stored, rendered (templates read in `tx` once
/// through `overrides`) and not queued yet.
#[expect(
    clippy::too_many_arguments,
    reason = "the transaction, its template memo, the services and the request"
)]
async fn confirmations(
    tx: &mut dyn StoreTx,
    overrides: &mut mail::Overrides,
    mailer: &Mailer,
    clock: &dyn Clock,
    settings: &CooperativeSettings,
    prepared: &Prepared,
    id: SubscriptionRequestId,
    new: &NewRequest,
) -> Result<Vec<NewEmail>, AppError> {
    let (_status, effects) = RequestStatus::submit();
    if !effects.contains(&RequestEffect::SendRequestConfirmation) {
        return Ok(Vec::new());
    }
    let valid = &prepared.valid;
    let language = new.language;
    let context = json!({
        "coop_name": coop_name(settings),
        "recipient_name": "",
        "base_url": mailer.base_url,
        "request_id": id.to_string(),
        "share_type": valid.share_type.name(language),
        "quantity": valid.quantity.get(),
        "amount": format_amount(new.amount, language),
        "currency": new.amount.currency().code(),
    });
    let mut emails = Vec::new();
    for (email, name) in recipients(&valid.applicant) {
        let mut context = context.clone();
        context["recipient_name"] = json!(name);
        let email = mail::Outgoing {
            kind: EmailKind::RequestConfirmation,
            language,
            to: &[email],
            context: &context,
            about: Some(format!("subscription_request:{id}")),
            attachments: Vec::new(),
        };
        emails.push(mail::compose_outgoing(tx, overrides, mailer, clock, email).await?);
    }
    Ok(emails)
}

/// What was just written, without reading it back.
fn recorded(prepared: &Prepared, id: SubscriptionRequestId, new: NewRequest) -> Submitted {
    let created_at = new.created_at;
    Submitted {
        request: RequestRecord {
            id,
            request: new,
            state: coopshares_domain::subscription::RequestState::Submitted,
            hold_reason: None,
            cancel_reason: None,
            updated_at: created_at,
            version: 1,
        },
        share_type_code: prepared.valid.share_type.code().as_str().to_owned(),
        created: true,
    }
}

/// The persons of a batch in which every submission is a person subscribing in their own name
/// (not for a contact chosen in the back office), each with an email of their own and no
/// national register number (matched by [`person_contact`] alone); `None` otherwise.
fn plain_persons(jobs: &[Job]) -> Option<Vec<&Person>> {
    let mut persons = Vec::with_capacity(jobs.len());
    let mut emails = HashSet::with_capacity(jobs.len());
    for job in jobs {
        match &job.prepared.valid.applicant {
            Applicant::Person(person)
                if job.prepared.for_contact.is_none()
                    && person.national_id.is_none()
                    && emails.insert(person.email.as_str()) =>
            {
                persons.push(person);
            }
            _ => return None,
        }
    }
    Some(persons)
}

/// [`write_in`] for a batch of persons, a statement per step for the whole batch rather than
/// per submission: the emails locked, the persons those emails already have, what those
/// persons already asked for (counted against the share type's maximum), the new persons,
/// the requests, the audit rows, the confirmations. Someone already known (an
/// additional-shares request) is linked to their person, the oldest one, as [`write_in`]
/// links them. The emails of a batch are distinct, so no submission's outcome depends on
/// another's. A submission refused here fails the batch, as in [`write_together`]. Returns
/// what each job recorded, in job order.
async fn write_persons(
    tx: &mut dyn StoreTx,
    overrides: &mut mail::Overrides,
    mailer: &Mailer,
    clock: &dyn Clock,
    jobs: &[Job],
    persons: &[&Person],
) -> Result<Vec<Submitted>, AppError> {
    let emails: Vec<Email> = persons.iter().map(|person| person.email.clone()).collect();
    tx.lock_emails(&emails).await?;
    let known: HashMap<Email, ContactId> =
        tx.persons_of_emails(&emails).await?.into_iter().collect();
    let (returning, newcomers): (Vec<usize>, Vec<usize>) =
        (0..jobs.len()).partition(|&index| known.contains_key(&persons[index].email));
    let mut contacts: Vec<Option<ContactId>> = persons
        .iter()
        .map(|person| known.get(&person.email).copied())
        .collect();
    if !newcomers.is_empty() {
        let details: Vec<ContactDetails> = newcomers
            .iter()
            .map(|&index| ContactDetails::Person(persons[index].clone()))
            .collect();
        let ids = tx.insert_persons(&details, clock.now()).await?;
        for (&index, id) in newcomers.iter().zip(ids) {
            contacts[index] = Some(id);
        }
    }
    let contacts = contacts
        .into_iter()
        .map(|contact| {
            contact.ok_or_else(|| AppError::invariant("a person of the batch was not stored"))
        })
        .collect::<Result<Vec<ContactId>, _>>()?;
    // What the known persons already asked for and hold; a person created just now has
    // nothing yet.
    let mut already = vec![0; jobs.len()];
    if !returning.is_empty() {
        let pairs: Vec<(ContactId, ShareTypeId)> = returning
            .iter()
            .map(|&index| (contacts[index], jobs[index].prepared.share_type))
            .collect();
        for (&index, quantity) in returning.iter().zip(already_counted(tx, &pairs).await?) {
            already[index] = quantity;
        }
    }
    let requests = jobs
        .iter()
        .zip(&contacts)
        .zip(&already)
        .map(|((job, &contact), &already)| {
            new_request(&job.prepared, contact, None, already, clock)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let ids = tx.insert_requests(&requests).await?;
    let mut outgoing = Vec::with_capacity(jobs.len());
    let mut all = Vec::with_capacity(jobs.len());
    for ((job, new), id) in jobs.iter().zip(requests).zip(ids) {
        let prepared = &job.prepared;
        tx.append_audit(&submitted_audit(prepared, id, &new))
            .await?;
        outgoing.extend(
            confirmations(
                tx,
                overrides,
                mailer,
                clock,
                &job.settings,
                prepared,
                id,
                &new,
            )
            .await?,
        );
        all.push(recorded(prepared, id, new));
    }
    tx.enqueue_emails(&outgoing).await?;
    Ok(all)
}

/// The most submissions written in one transaction by the [`IntakeWriter`].
pub const SUBMISSIONS_PER_TRANSACTION: usize = 64;

/// Writes submissions that arrive at the same moment in one transaction (group commit).
///
/// Every submission is checked by the caller first, so a rejected one never waits for the
/// writer. The checked ones go to a queue; each writer task takes what is queued (at most
/// [`SUBMISSIONS_PER_TRANSACTION`]), writes it with the same code as [`submit`] in one
/// transaction, and answers each caller only once that transaction has committed. What the
/// database decides (a holder's maximum counting what they already asked for, an idempotency
/// key already used) sees the submissions before it in the batch, exactly as if they had been
/// written one after the other. If any submission of a batch fails there, the transaction is
/// rolled back and every submission of the batch is written again on its own, so one bad
/// submission never costs another its answer.
///
/// A commit, and on SQLite the one writer connection, is the cost of a submission that the
/// load shares this way: a busy form costs a fraction of a commit per submission.
#[derive(Clone)]
pub struct IntakeWriter {
    shared: Arc<Shared>,
}

struct Shared {
    store: Arc<dyn Store>,
    mailer: Arc<Mailer>,
    clock: Arc<dyn Clock>,
    /// Started on first use, from inside the runtime that serves the requests.
    queue: OnceLock<mpsc::Sender<Job>>,
}

impl std::fmt::Debug for IntakeWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IntakeWriter")
            .field("backend", &self.shared.store.backend())
            .finish_non_exhaustive()
    }
}

/// A checked submission waiting for a writer task, and where its answer goes.
struct Job {
    prepared: Prepared,
    settings: CooperativeSettings,
    answer: oneshot::Sender<Result<Submitted, AppError>>,
}

impl IntakeWriter {
    pub fn new(store: Arc<dyn Store>, mailer: Arc<Mailer>, clock: Arc<dyn Clock>) -> Self {
        Self {
            shared: Arc::new(Shared {
                store,
                mailer,
                clock,
                queue: OnceLock::new(),
            }),
        }
    }

    /// [`submit`], written together with the submissions that arrive at the same moment.
    /// Without a catalog (it could not be read), the submission is written on its own.
    pub async fn submit(
        &self,
        submission: &Submission<'_>,
        catalog: Option<&IntakeCatalog>,
    ) -> Result<Submitted, AppError> {
        let shared = &self.shared;
        let store = shared.store.as_ref();
        let Some(catalog) = catalog else {
            return self::submit(
                store,
                &shared.mailer,
                shared.clock.as_ref(),
                submission,
                None,
            )
            .await;
        };
        let result = match prepare(catalog, shared.clock.as_ref(), submission) {
            Ok(prepared) => self.write(prepared, &catalog.settings).await,
            Err(error) => Err(error),
        };
        replayed_if_refused(store, result, submission.idempotency_key).await
    }

    async fn write(
        &self,
        prepared: Prepared,
        settings: &CooperativeSettings,
    ) -> Result<Submitted, AppError> {
        let (answer, answered) = oneshot::channel();
        let job = Job {
            prepared,
            settings: settings.clone(),
            answer,
        };
        let queue = self.shared.queue.get_or_init(|| self.start());
        if let Err(mpsc::error::SendError(job)) = queue.send(job).await {
            // No writer task left (the runtime is shutting down): write it here.
            let shared = &self.shared;
            return record(
                shared.store.as_ref(),
                &shared.mailer,
                shared.clock.as_ref(),
                &job.settings,
                &job.prepared,
            )
            .await;
        }
        answered.await.unwrap_or_else(|_| {
            Err(AppError::Unexpected(
                "the intake writer stopped before answering".into(),
            ))
        })
    }

    /// Starts the writer tasks: as many as the store writes well at once.
    fn start(&self) -> mpsc::Sender<Job> {
        let (sender, receiver) = mpsc::channel(SUBMISSIONS_PER_TRANSACTION * 16);
        let receiver = Arc::new(tokio::sync::Mutex::new(receiver));
        for _ in 0..self.shared.store.concurrent_writers().max(1) {
            let shared = Arc::clone(&self.shared);
            let receiver = Arc::clone(&receiver);
            tokio::spawn(async move {
                while let Some(jobs) = next_batch(&receiver).await {
                    // A batch runs as its own task: should it panic, its callers get an
                    // error and this loop goes on.
                    let shared = Arc::clone(&shared);
                    if let Err(error) = tokio::spawn(write_batch(shared, jobs)).await {
                        tracing::error!(%error, "intake writer: a batch failed");
                    }
                }
            });
        }
        sender
    }
}

/// Waits for one submission, then takes what else is queued, up to a transaction's worth.
/// `None` once every sender is gone.
async fn next_batch(receiver: &tokio::sync::Mutex<mpsc::Receiver<Job>>) -> Option<Vec<Job>> {
    let mut receiver = receiver.lock().await;
    let first = receiver.recv().await?;
    let mut jobs = vec![first];
    while jobs.len() < SUBMISSIONS_PER_TRANSACTION {
        match receiver.try_recv() {
            Ok(job) => jobs.push(job),
            Err(_) => break,
        }
    }
    Some(jobs)
}

async fn write_batch(shared: Arc<Shared>, jobs: Vec<Job>) {
    let store = shared.store.as_ref();
    let (mailer, clock) = (&shared.mailer, shared.clock.as_ref());
    if jobs.len() > 1 {
        match write_together(&shared, &jobs).await {
            Together::Committed(all) => {
                for (job, submitted) in jobs.into_iter().zip(all) {
                    let _gone = job.answer.send(Ok(submitted));
                }
                return;
            }
            Together::Failed(error) => {
                // The commit itself failed: whether it took effect is not known for sure on
                // every backend, so nothing is written again behind the callers' backs.
                for job in jobs {
                    let _gone = job
                        .answer
                        .send(Err(AppError::Unexpected(error.to_string().into())));
                }
                return;
            }
            Together::RolledBack => {
                tracing::debug!(
                    submissions = jobs.len(),
                    "intake writer: a submission of the batch failed; writing each on its own"
                );
            }
        }
    }
    for job in jobs {
        let result = record(store, mailer, clock, &job.settings, &job.prepared).await;
        let _gone = job.answer.send(result);
    }
}

/// What writing a batch in one transaction came to.
enum Together {
    Committed(Vec<Submitted>),
    /// One submission failed (or the transaction could not start): nothing was written.
    RolledBack,
    /// Every submission was written but the commit failed.
    Failed(StoreError),
}

async fn write_together(shared: &Shared, jobs: &[Job]) -> Together {
    let Ok(mut tx) = shared.store.begin().await else {
        return Together::RolledBack;
    };
    let mut overrides = mail::Overrides::default();
    if let Some(persons) = plain_persons(jobs) {
        return match write_persons(
            tx.as_mut(),
            &mut overrides,
            &shared.mailer,
            shared.clock.as_ref(),
            jobs,
            &persons,
        )
        .await
        {
            Ok(all) => match tx.commit().await {
                Ok(()) => Together::Committed(all),
                Err(error) => Together::Failed(error),
            },
            Err(_) => Together::RolledBack,
        };
    }
    let mut all = Vec::with_capacity(jobs.len());
    for job in jobs {
        match write_in(
            tx.as_mut(),
            &mut overrides,
            &shared.mailer,
            shared.clock.as_ref(),
            &job.settings,
            &job.prepared,
        )
        .await
        {
            Ok(Written::Recorded(submitted)) => all.push(*submitted),
            Ok(Written::KeyTaken) | Err(_) => return Together::RolledBack,
        }
    }
    match tx.commit().await {
        Ok(()) => Together::Committed(all),
        Err(error) => Together::Failed(error),
    }
}

async fn share_type_code(
    tx: &mut dyn StoreTx,
    request: &RequestRecord,
) -> Result<String, AppError> {
    Ok(tx
        .get_share_type(request.request.share_type)
        .await?
        .map(|t| t.share_type.code().as_str().to_owned())
        .unwrap_or_default())
}

/// Who is told a request arrived: the person; for an entity, the entity and its
/// representative (once when they share an address).
fn recipients(applicant: &Applicant) -> Vec<(Email, String)> {
    match applicant {
        Applicant::Person(person) => vec![(person.email.clone(), person.full_name())],
        Applicant::Entity {
            entity,
            representative,
            ..
        } => holder_and_representative(
            (&entity.email, entity.name.as_str().to_owned()),
            Some((&representative.email, representative.full_name())),
        ),
    }
}

/// The holder's address and name, then the representative's unless it is the same address:
/// who is written to about a request (confirmation, payment instructions).
pub(crate) fn holder_and_representative(
    holder: (&Email, String),
    representative: Option<(&Email, String)>,
) -> Vec<(Email, String)> {
    let mut list = vec![(holder.0.clone(), holder.1)];
    if let Some((email, name)) = representative
        && email != holder.0
    {
        list.push((email.clone(), name));
    }
    list
}

pub(crate) fn coop_name(settings: &CooperativeSettings) -> String {
    settings
        .name
        .as_ref()
        .map_or_else(|| "Coopshares".to_owned(), |n| n.as_str().to_owned())
}

/// A request with everything its page shows.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub request: RequestRecord,
    pub holder: ContactRecord,
    pub representative: Option<ContactRecord>,
    pub share_type: ShareTypeRecord,
    /// The links between the representative and the entity.
    pub representations: Vec<RepresentationRecord>,
    /// The capital release request, once validated.
    pub capital_call: Option<crate::ports::CapitalCallRecord>,
}

pub async fn view(store: &dyn Store, id: SubscriptionRequestId) -> Result<RequestView, AppError> {
    let mut tx = store.begin_read().await?;
    let missing = || AppError::NotFound {
        what: "subscription request",
    };
    let request = tx.get_request(id).await?.ok_or_else(missing)?;
    let holder = tx
        .get_contact(request.request.contact)
        .await?
        .ok_or_else(missing)?;
    let representative = match request.request.representative {
        Some(person) => tx.get_contact(person).await?,
        None => None,
    };
    let share_type = tx
        .get_share_type(request.request.share_type)
        .await?
        .ok_or_else(missing)?;
    let representations = if holder.details.kind() == ContactKind::Entity {
        tx.representatives_of_entity(holder.id).await?
    } else {
        Vec::new()
    };
    let capital_call = tx.find_capital_call_by_request(id).await?;
    Ok(RequestView {
        request,
        holder,
        representative,
        share_type,
        representations,
        capital_call,
    })
}

/// A page of requests for the back office or the API.
pub async fn list(
    store: &dyn Store,
    filter: &RequestFilter,
    limit: u32,
    offset: u32,
) -> Result<(Vec<RequestSummary>, u64), AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx.list_requests(filter, limit, offset).await?)
}

/// What a manager does to a request at this step.
#[derive(Debug, Clone)]
pub enum Decision {
    PutOnHold(String),
    ReleaseHold,
    Cancel(String),
}

/// Puts a request on hold, releases it or cancels it, from the version the manager saw
/// (`expected_version`; `None`: the current one). The applicant is emailed about a hold or a
/// cancellation when the cooperative wants it.
pub async fn decide(
    store: &dyn Store,
    mailer: &Mailer,
    clock: &dyn Clock,
    actor: &Actor,
    id: SubscriptionRequestId,
    decision: Decision,
    expected_version: Option<i64>,
) -> Result<RequestRecord, AppError> {
    let mut tx = store.begin().await?;
    let record = tx.get_request(id).await?.ok_or(AppError::NotFound {
        what: "subscription request",
    })?;
    if expected_version.is_some_and(|v| v != record.version) {
        return Err(changed(id));
    }
    let status = request_status(&record)?;
    let reason = |text: &str| {
        Reason::parse(text).map_err(|e| AppError::field("reason", "required", e.to_string()))
    };
    let transition = match &decision {
        Decision::PutOnHold(text) => status.put_on_hold(reason(text)?),
        Decision::ReleaseHold => status.release_hold(),
        Decision::Cancel(text) => status.cancel(reason(text)?),
    };
    let (next, effects) = transition.map_err(|e| AppError::Conflict {
        code: "invalid_transition",
        detail: e.to_string(),
    })?;
    let version = match tx
        .update_request_state(
            id,
            record.version,
            next.state(),
            next.hold_reason().map(Reason::as_str),
            next.cancel_reason().map(Reason::as_str),
            clock.now(),
        )
        .await
    {
        Err(StoreError::Conflict { .. }) => return Err(changed(id)),
        other => other?,
    };
    if effects.contains(&RequestEffect::CancelOpenCapitalCall)
        && let Some(reason) = next.cancel_reason()
    {
        crate::capital::cancel_request_call_in(tx.as_mut(), clock, actor, &record, reason).await?;
    }
    let settings = settings::load_in(tx.as_mut()).await?.value;
    for effect in &effects {
        let (kind, reason) = match effect {
            RequestEffect::NotifyOnHold(reason) => (EmailKind::RequestOnHold, reason),
            RequestEffect::NotifyCancellation(reason) => (EmailKind::RequestCancelled, reason),
            _ => continue,
        };
        if !settings.notify_applicant_of_hold_and_cancel {
            continue;
        }
        let holder = tx
            .get_contact(record.request.contact)
            .await?
            .ok_or(AppError::NotFound { what: "contact" })?;
        let context = json!({
            "coop_name": coop_name(&settings),
            "recipient_name": holder.details.display_name(),
            "base_url": mailer.base_url,
            "reason": reason.as_str(),
        });
        mail::queue(
            tx.as_mut(),
            mailer,
            clock,
            kind,
            record.request.language,
            &[holder.details.email().clone()],
            &context,
            Some(format!("subscription_request:{id}")),
        )
        .await?;
    }
    let action = match decision {
        Decision::PutOnHold(_) => "subscription_request_put_on_hold",
        Decision::ReleaseHold => "subscription_request_released",
        Decision::Cancel(_) => "subscription_request_cancelled",
    };
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        action,
        "subscription_request",
        id,
        json!({ "version": version, "reason": next.hold_reason().or(next.cancel_reason()).map(Reason::as_str) }),
    ))
    .await?;
    let updated = tx.get_request(id).await?.ok_or(AppError::NotFound {
        what: "subscription request",
    })?;
    tx.commit().await?;
    Ok(updated)
}

/// The contact details a request's holder would take from what the request was submitted
/// with (checked by today's rules), and the holder as they are now. A national register number
/// the request did not carry is kept.
pub async fn holder_update(
    store: &dyn Store,
    clock: &dyn Clock,
    id: SubscriptionRequestId,
) -> Result<(ContactRecord, ContactDetails), AppError> {
    let mut tx = store.begin_read().await?;
    holder_update_in(tx.as_mut(), clock, id).await
}

async fn holder_update_in(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    id: SubscriptionRequestId,
) -> Result<(ContactRecord, ContactDetails), AppError> {
    let record = tx.get_request(id).await?.ok_or(AppError::NotFound {
        what: "subscription request",
    })?;
    let holder = tx
        .get_contact(record.request.contact)
        .await?
        .ok_or(AppError::NotFound { what: "contact" })?;
    let input: ApplicationInput =
        serde_json::from_str(&record.request.submitted).map_err(AppError::unexpected)?;
    let settings = settings::load_in(tx).await?.value;
    let applicant =
        application::applicant(&input, &rules(&settings, clock, record.request.language))
            .map_err(to_field_errors)?;
    let mut details = match applicant {
        Applicant::Person(person) => ContactDetails::Person(person),
        Applicant::Entity { entity, .. } => ContactDetails::Entity(entity),
    };
    if details.kind() != holder.details.kind() {
        return Err(AppError::invariant("a request's holder changed kind"));
    }
    if let (ContactDetails::Person(new), ContactDetails::Person(now)) =
        (&mut details, &holder.details)
        && new.national_id.is_none()
    {
        new.national_id.clone_from(&now.national_id);
    }
    Ok((holder, details))
}

/// The manager's explicit action of #4: the request's holder takes the details the request
/// was submitted with (name, email, address, phone, IBAN…; for an entity, the entity's own).
/// The request keeps its evidence unchanged. `contact_version` is the holder's version the
/// manager saw: a contact changed since is a conflict. Returns whether anything changed.
pub async fn update_holder_from_request(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: SubscriptionRequestId,
    contact_version: i64,
) -> Result<bool, AppError> {
    let mut tx = store.begin().await?;
    let (holder, details) = holder_update_in(tx.as_mut(), clock, id).await?;
    if details == holder.details {
        return Ok(false);
    }
    match tx
        .update_contact_details(holder.id, contact_version, &details, clock.now())
        .await
    {
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::Conflict {
                code: "contact_changed_since",
                detail: "the contact was changed after this page was shown; look at it again"
                    .to_owned(),
            });
        }
        other => other?,
    };
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "contact_updated_from_request",
        "contact",
        holder.id,
        json!({ "subscription_request": id.get() }),
    ))
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The domain status of a stored request.
pub(crate) fn request_status(record: &RequestRecord) -> Result<RequestStatus, AppError> {
    let reason = |text: &Option<String>| {
        text.as_deref()
            .map(Reason::parse)
            .transpose()
            .map_err(AppError::unexpected)
    };
    RequestStatus::restore(
        record.state,
        reason(&record.hold_reason)?,
        reason(&record.cancel_reason)?,
    )
    .map_err(AppError::unexpected)
}

fn changed(id: SubscriptionRequestId) -> AppError {
    AppError::Conflict {
        code: "request_changed",
        detail: format!("subscription request {id} was changed meanwhile; reload it and try again"),
    }
}
