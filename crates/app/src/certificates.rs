//! Membership certificates: issued whenever a cooperator's holdings change, numbered from one
//! gapless sequence, stored exactly as sent (PDF bytes and what they state), emailed to the
//! member in their language, and resent or downloaded as stored, never redrawn.
//!
//! The cooperative shapes the certificate without a rebuild: its look ([`CertificateDesign`]:
//! orientation, colour, wording per language with placeholders, the board's signatory) lives
//! in the settings, and its logo and signature image are stored pictures. A certificate already
//! issued keeps the look it was issued with.

use coopshares_domain::contact::ContactDetails;
use coopshares_domain::email::Email;
use coopshares_domain::ids::{CertificateId, ContactId};
use coopshares_domain::language::Language;
use coopshares_domain::money::Money;
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::representation::active_on;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use time::Date;

use crate::audit;
use crate::capital::Services;
use crate::clock::Clock;
use crate::contacts::holdings_in;
use crate::documents::{
    CertificateDocument, CertificateDocumentLine, CertificateLook, DocumentRenderer, Holder,
    Orientation, Picture, PictureFormat, Signatory,
};
use crate::email::{self as mail, Mailer};
use crate::error::{AppError, FieldError};
use crate::intake::coop_name;
use crate::ports::{
    Actor, CertificateRecord, ContactRecord, EmailAttachment, NewCertificate, PictureKind,
    PictureRecord, ROWS_PER_BATCH, Sequence, Store, StoreTx,
};
use crate::secrets::hex;
use crate::settings::{self, CooperativeSettings};

/// The wording that replaces the built-in texts in one language; blank keeps the built-in one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CertificateTexts {
    pub title: Option<String>,
    pub intro: Option<String>,
    pub closing: Option<String>,
}

/// The wording, per language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LocalizedTexts {
    pub fr: CertificateTexts,
    pub nl: CertificateTexts,
    pub en: CertificateTexts,
    pub de: CertificateTexts,
}

impl LocalizedTexts {
    pub fn of(&self, language: Language) -> &CertificateTexts {
        match language {
            Language::Fr => &self.fr,
            Language::Nl => &self.nl,
            Language::En => &self.en,
            Language::De => &self.de,
        }
    }

    pub fn of_mut(&mut self, language: Language) -> &mut CertificateTexts {
        match language {
            Language::Fr => &mut self.fr,
            Language::Nl => &mut self.nl,
            Language::En => &mut self.en,
            Language::De => &mut self.de,
        }
    }
}

/// How the cooperative's certificates look and who signs them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CertificateDesign {
    /// The board member who signs (`Marie Dupont`).
    pub signatory_name: Option<String>,
    /// Their function (`Présidente du conseil d'administration`).
    pub signatory_function: Option<String>,
    pub orientation: Orientation,
    /// `#RRGGBB`; none: the built-in dark blue.
    pub accent: Option<String>,
    pub texts: LocalizedTexts,
}

/// The placeholders the wording may use, filled in for each certificate.
pub const PLACEHOLDERS: &[&str] = &[
    "holder",
    "member_number",
    "cooperative",
    "date",
    "total_shares",
];

const MAX_NAME_CHARS: usize = 120;
const MAX_TITLE_CHARS: usize = 120;
const MAX_INTRO_CHARS: usize = 600;
const MAX_CLOSING_CHARS: usize = 1200;
/// The largest logo or signature accepted.
pub const MAX_PICTURE_BYTES: usize = 2 * 1024 * 1024;

/// `#1f4e79` as RGB.
fn parse_accent(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The `{name}` placeholders in `text` that are not in [`PLACEHOLDERS`].
fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !PLACEHOLDERS.contains(&name) {
            unknown.push(name.to_owned());
        }
        rest = &after[end + 1..];
    }
    unknown
}

/// A text typed in a form: trimmed, blank means none.
fn blank_to_none(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Checks and tidies a design as typed: field errors name `signatory_name`, `accent`,
/// `title_fr`, `intro_nl`, … as the back-office form does.
pub fn check_design(design: CertificateDesign) -> Result<CertificateDesign, AppError> {
    let mut errors = Vec::new();
    let mut too_long = |field: String, text: &Option<String>, max: usize| {
        if text.as_ref().is_some_and(|t| t.chars().count() > max) {
            errors.push(FieldError::new(
                field,
                "too_long",
                format!("use at most {max} characters"),
            ));
        }
    };
    let mut tidy = CertificateDesign {
        signatory_name: blank_to_none(design.signatory_name),
        signatory_function: blank_to_none(design.signatory_function),
        orientation: design.orientation,
        accent: blank_to_none(design.accent),
        texts: LocalizedTexts::default(),
    };
    too_long(
        "signatory_name".to_owned(),
        &tidy.signatory_name,
        MAX_NAME_CHARS,
    );
    too_long(
        "signatory_function".to_owned(),
        &tidy.signatory_function,
        MAX_NAME_CHARS,
    );
    for language in Language::ALL {
        let typed = design.texts.of(language).clone();
        let texts = CertificateTexts {
            title: blank_to_none(typed.title),
            intro: blank_to_none(typed.intro),
            closing: blank_to_none(typed.closing),
        };
        let code = language.code();
        too_long(format!("title_{code}"), &texts.title, MAX_TITLE_CHARS);
        too_long(format!("intro_{code}"), &texts.intro, MAX_INTRO_CHARS);
        too_long(format!("closing_{code}"), &texts.closing, MAX_CLOSING_CHARS);
        *tidy.texts.of_mut(language) = texts;
    }
    for language in Language::ALL {
        let texts = tidy.texts.of(language);
        for (part, text) in [
            ("title", &texts.title),
            ("intro", &texts.intro),
            ("closing", &texts.closing),
        ] {
            let unknown = text
                .as_deref()
                .map(unknown_placeholders)
                .unwrap_or_default();
            if !unknown.is_empty() {
                errors.push(FieldError::new(
                    format!("{part}_{}", language.code()),
                    "unknown_placeholder",
                    format!(
                        "unknown placeholder {{{}}}; use {}",
                        unknown.join("}, {"),
                        PLACEHOLDERS
                            .iter()
                            .map(|p| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
    }
    if let Some(accent) = &tidy.accent {
        match parse_accent(accent) {
            Some(_) => tidy.accent = Some(accent.to_ascii_lowercase()),
            None => errors.push(FieldError::new(
                "accent",
                "invalid_colour",
                "write the colour as # and six hexadecimal digits, e.g. #1f4e79",
            )),
        }
    }
    if errors.is_empty() {
        Ok(tidy)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The values the placeholders take on one certificate.
struct Filling {
    holder: String,
    member_number: u32,
    cooperative: String,
    date: String,
    total_shares: u64,
}

fn fill(text: &str, filling: &Filling) -> String {
    text.replace("{holder}", &filling.holder)
        .replace("{member_number}", &filling.member_number.to_string())
        .replace("{cooperative}", &filling.cooperative)
        .replace("{date}", &filling.date)
        .replace("{total_shares}", &filling.total_shares.to_string())
}

fn picture(record: Option<PictureRecord>) -> Option<Picture> {
    record.map(|record| Picture {
        format: record.format,
        bytes: record.bytes.into(),
    })
}

fn holder_lines(details: &ContactDetails) -> (Holder, Option<String>) {
    let holder = Holder {
        name: details.display_name(),
        address_lines: crate::capital::address_lines(details),
        representative: None,
    };
    let registration = match details {
        ContactDetails::Entity(entity) => Some(entity.registration_number.to_string()),
        ContactDetails::Person(_) => None,
    };
    (holder, registration)
}

/// Everything the certificate shows except the pictures, from the settings.
#[expect(
    clippy::too_many_arguments,
    reason = "the facts of one certificate, each from a different record"
)]
fn document(
    settings: &CooperativeSettings,
    language: Language,
    details: &ContactDetails,
    number: u32,
    member_number: u32,
    date: Date,
    lines: Vec<CertificateDocumentLine>,
    pictures: (Option<Picture>, Option<Picture>),
) -> Result<CertificateDocument, AppError> {
    let currency = lines
        .first()
        .map_or(settings.currency, |line| line.unit_value.currency());
    let total_quantity: u64 = lines.iter().map(|line| line.quantity).sum();
    let total_value = lines
        .iter()
        .try_fold(Money::zero(currency), |total, line| {
            total.checked_add(line.value)
        })
        .map_err(AppError::unexpected)?;
    let design = &settings.certificate;
    let (holder, holder_registration_number) = holder_lines(details);
    let filling = Filling {
        holder: holder.name.clone(),
        member_number,
        cooperative: coop_name(settings),
        date: crate::format::date(date, language),
        total_shares: total_quantity,
    };
    let texts = design.texts.of(language);
    let (logo, signature) = pictures;
    Ok(CertificateDocument {
        language,
        cooperative: crate::capital::cooperative_identity(settings),
        holder,
        holder_registration_number,
        number,
        member_number,
        date,
        lines,
        total_quantity,
        total_value,
        signatory: design.signatory_name.as_ref().map(|name| Signatory {
            name: name.clone(),
            function: design.signatory_function.clone(),
            signature: signature.clone(),
        }),
        look: CertificateLook {
            orientation: design.orientation,
            accent: design.accent.as_deref().and_then(parse_accent),
            logo,
            title: texts.title.as_deref().map(|t| fill(t, &filling)),
            intro: texts.intro.as_deref().map(|t| fill(t, &filling)),
            closing: texts.closing.as_deref().map(|t| fill(t, &filling)),
        },
    })
}

async fn pictures_in(tx: &mut dyn StoreTx) -> Result<(Option<Picture>, Option<Picture>), AppError> {
    Ok((
        picture(tx.get_picture(PictureKind::Logo).await?),
        picture(tx.get_picture(PictureKind::Signature).await?),
    ))
}

/// The file name of a certificate: `membership-certificate-17.pdf`.
pub fn pdf_filename(number: u32) -> String {
    format!("membership-certificate-{number}.pdf")
}

/// Who receives a holder's certificate: the holder, and for an entity each person
/// representing it on `date` (once per address).
async fn recipients(
    tx: &mut dyn StoreTx,
    holder: &ContactRecord,
    date: Date,
) -> Result<Vec<(Email, String)>, AppError> {
    let mut list = vec![(
        holder.details.email().clone(),
        holder.details.display_name(),
    )];
    if matches!(holder.details, ContactDetails::Entity(_)) {
        for link in tx.representatives_of_entity(holder.id).await? {
            if !active_on(link.since, link.until, date) {
                continue;
            }
            if let Some(person) = tx.get_contact(link.person).await?
                && !list
                    .iter()
                    .any(|(email, _)| email == person.details.email())
            {
                list.push((
                    person.details.email().clone(),
                    person.details.display_name(),
                ));
            }
        }
    }
    Ok(list)
}

async fn queue_certificate_email(
    tx: &mut dyn StoreTx,
    mailer: &Mailer,
    clock: &dyn Clock,
    settings: &CooperativeSettings,
    holder: &ContactRecord,
    certificate: &CertificateRecord,
    pdf: Vec<u8>,
) -> Result<(), AppError> {
    let context = json!({
        "coop_name": coop_name(settings),
        "recipient_name": "",
        "base_url": mailer.base_url,
        "certificate_number": certificate.number.to_string(),
        "member_number": certificate.member_number.to_string(),
    });
    let today = clock.today();
    for (email, name) in recipients(tx, holder, today).await? {
        let mut context = context.clone();
        context["recipient_name"] = json!(name);
        mail::queue_with_attachments(
            tx,
            mailer,
            clock,
            EmailKind::Certificate,
            certificate.language,
            &[email],
            &context,
            Some(format!("certificate:{}", certificate.id)),
            vec![EmailAttachment {
                filename: pdf_filename(certificate.number),
                content_type: "application/pdf".to_owned(),
                content: pdf.clone(),
            }],
        )
        .await?;
    }
    Ok(())
}

/// Issues a certificate of what `holder` holds after this transaction's movements, dated
/// `date`, and queues the email that carries it, all inside the caller's transaction.
pub(crate) async fn issue_in(
    tx: &mut dyn StoreTx,
    services: Services<'_>,
    actor: &Actor,
    settings: &CooperativeSettings,
    holder: ContactId,
    date: Date,
) -> Result<CertificateId, AppError> {
    let contact = tx
        .get_contact(holder)
        .await?
        .ok_or(AppError::NotFound { what: "contact" })?;
    let member_number = contact.member_number.ok_or_else(|| {
        AppError::invariant(format!("contact {holder} holds shares without a number"))
    })?;
    let language = contact.details.language();
    // The number first: taking it waits for any other transaction issuing a certificate to
    // end, so the holdings read next include the movements it committed. Read before, they
    // could miss a concurrent payment of the same holder, and the certificate numbered last
    // would state less than the register holds.
    let number = tx.next_number(Sequence::Certificate, 0).await?;
    let lines: Vec<CertificateDocumentLine> = holdings_in(tx, holder)
        .await?
        .into_iter()
        .map(|holding| CertificateDocumentLine {
            share_type_name: holding.share_type.share_type.name(language).to_owned(),
            share_type_code: holding.share_type.share_type.code().as_str().to_owned(),
            quantity: holding.quantity,
            unit_value: holding.share_type.share_type.nominal_value(),
            value: holding.value,
            since: holding.since,
        })
        .collect();
    if lines.is_empty() {
        return Err(AppError::invariant(format!(
            "certificate for contact {holder}, who holds nothing"
        )));
    }
    let statement = json!(
        lines
            .iter()
            .map(|line| json!({
                "share_type": line.share_type_code,
                "quantity": line.quantity,
                "unit_value": line.unit_value.to_string(),
                "value": line.value.to_string(),
                "currency": line.value.currency().code(),
                "since": line.since.to_string(),
            }))
            .collect::<Vec<_>>()
    )
    .to_string();
    let pictures = pictures_in(tx).await?;
    let document = document(
        settings,
        language,
        &contact.details,
        number,
        member_number,
        date,
        lines,
        pictures,
    )?;
    let pdf = services
        .documents
        .certificate_pdf(&document)
        .map_err(AppError::unexpected)?;
    let now = services.clock.now();
    let new = NewCertificate {
        number,
        holder,
        member_number,
        issued_on: date,
        language,
        statement,
        total_quantity: document.total_quantity,
        total_value: document.total_value,
        sha256: hex(&Sha256::digest(&pdf)),
        pdf,
        issued_by: actor.to_storage(),
        created_at: now,
    };
    let id = tx.insert_certificate(&new).await?;
    tx.append_audit(&audit::entry(
        now,
        actor,
        "certificate_issued",
        "contact",
        holder,
        json!({
            "certificate": id.get(),
            "number": number,
            "total_shares": new.total_quantity,
            "total_value": new.total_value.to_string(),
            "sha256": new.sha256,
        }),
    ))
    .await?;
    let record = certificate_record(id, &new);
    queue_certificate_email(
        tx,
        services.mailer,
        services.clock,
        settings,
        &contact,
        &record,
        new.pdf,
    )
    .await?;
    Ok(id)
}

/// Issues one certificate, dated today, for each holder in `holders` (named once however many
/// of their calls this transaction paid).
pub(crate) async fn issue_for_changed(
    tx: &mut dyn StoreTx,
    services: Services<'_>,
    actor: &Actor,
    settings: &CooperativeSettings,
    holders: impl IntoIterator<Item = ContactId>,
) -> Result<Vec<CertificateId>, AppError> {
    let mut seen = std::collections::HashSet::new();
    let mut issued = Vec::new();
    let today = services.clock.today();
    for holder in holders {
        if seen.insert(holder) {
            issued.push(issue_in(tx, services, actor, settings, holder, today).await?);
        }
    }
    Ok(issued)
}

/// Notes each holder in `holders` as owed a certificate, inside the caller's transaction: a
/// large statement import admits its members in one transaction and leaves their certificates
/// to [`issue_due`], after it commits. The note commits with the admission, so no certificate
/// is lost to a crash in between.
pub(crate) async fn mark_due(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    holders: impl IntoIterator<Item = ContactId>,
) -> Result<usize, AppError> {
    let now = clock.now();
    let mut seen = std::collections::HashSet::new();
    let holders: Vec<ContactId> = holders
        .into_iter()
        .filter(|holder| seen.insert(*holder))
        .collect();
    for batch in holders.chunks(ROWS_PER_BATCH) {
        tx.mark_certificates_due(batch, now).await?;
    }
    Ok(holders.len())
}

/// How many owed certificates one transaction of [`issue_due`] issues.
const DUE_PER_TRANSACTION: u32 = 20;

/// Issues up to `limit` of the certificates owed (see [`mark_due`]), longest waiting first,
/// [`DUE_PER_TRANSACTION`] per transaction; each is dated the day it is issued and emailed
/// like any other. A holder taken off the list by someone else meanwhile is skipped, and a
/// holder who no longer holds anything (their shares redeemed since) gets no certificate.
/// Returns how many were issued. The server's worker calls this until nothing is owed.
pub async fn issue_due(
    store: &dyn Store,
    services: Services<'_>,
    limit: usize,
) -> Result<usize, AppError> {
    let mut issued = 0;
    let mut left = limit;
    while left > 0 {
        let batch = u32::try_from(left)
            .unwrap_or(u32::MAX)
            .min(DUE_PER_TRANSACTION);
        let mut tx = store.begin().await?;
        let holders = tx.certificates_due(batch).await?;
        if holders.is_empty() {
            break;
        }
        left = left.saturating_sub(holders.len());
        let settings = settings::load_in(tx.as_mut()).await?.value;
        let today = services.clock.today();
        for holder in holders {
            if !tx.take_certificate_due(holder).await? {
                continue;
            }
            if holdings_in(tx.as_mut(), holder).await?.is_empty() {
                tracing::info!(%holder, "a certificate was owed to a holder who no longer holds shares");
                continue;
            }
            issue_in(
                tx.as_mut(),
                services,
                &Actor::System,
                &settings,
                holder,
                today,
            )
            .await?;
            issued += 1;
        }
        tx.commit().await?;
    }
    Ok(issued)
}

/// How many certificates are owed, up to `limit` (for the statement page and the worker).
pub async fn due_count(store: &dyn Store, limit: u32) -> Result<usize, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx.certificates_due(limit).await?.len())
}

/// A manager issues a fresh certificate of what `holder` holds today (after an approved change
/// of name or address, say), emailed like the others. Refused for a contact who holds nothing.
pub async fn issue(
    store: &dyn Store,
    services: Services<'_>,
    actor: &Actor,
    holder: ContactId,
) -> Result<CertificateRecord, AppError> {
    let mut tx = store.begin().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let contact = tx
        .get_contact(holder)
        .await?
        .ok_or(AppError::NotFound { what: "contact" })?;
    if contact.member_number.is_none() || holdings_in(tx.as_mut(), holder).await?.is_empty() {
        return Err(AppError::Conflict {
            code: "no_holdings",
            detail: format!(
                "{} holds no shares: there is nothing to certify",
                contact.details.display_name()
            ),
        });
    }
    let today = services.clock.today();
    let id = issue_in(tx.as_mut(), services, actor, &settings, holder, today).await?;
    let record = tx
        .get_certificate(id)
        .await?
        .ok_or_else(|| AppError::invariant("a certificate just issued vanished"))?;
    tx.commit().await?;
    Ok(record)
}

fn certificate_record(id: CertificateId, new: &NewCertificate) -> CertificateRecord {
    CertificateRecord {
        id,
        number: new.number,
        holder: new.holder,
        member_number: new.member_number,
        issued_on: new.issued_on,
        language: new.language,
        statement: new.statement.clone(),
        total_quantity: new.total_quantity,
        total_value: new.total_value,
        sha256: new.sha256.clone(),
        size_bytes: new.pdf.len() as u64,
        issued_by: new.issued_by.clone(),
        created_at: new.created_at,
    }
}

/// A holder's certificates, newest first.
pub async fn of_contact(
    store: &dyn Store,
    holder: ContactId,
) -> Result<Vec<CertificateRecord>, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx.certificates_of_contact(holder).await?)
}

fn no_certificate() -> AppError {
    AppError::NotFound {
        what: "certificate",
    }
}

/// A certificate and its PDF exactly as issued.
pub async fn pdf(
    store: &dyn Store,
    id: CertificateId,
) -> Result<(CertificateRecord, Vec<u8>), AppError> {
    let mut tx = store.begin_read().await?;
    let record = tx.get_certificate(id).await?.ok_or_else(no_certificate)?;
    let pdf = tx.certificate_pdf(id).await?.ok_or_else(no_certificate)?;
    Ok((record, pdf))
}

/// The holder's latest certificate and its PDF.
pub async fn latest_pdf(
    store: &dyn Store,
    holder: ContactId,
) -> Result<(CertificateRecord, Vec<u8>), AppError> {
    let mut tx = store.begin_read().await?;
    if tx.get_contact(holder).await?.is_none() {
        return Err(AppError::NotFound { what: "contact" });
    }
    let record = tx
        .certificates_of_contact(holder)
        .await?
        .into_iter()
        .next()
        .ok_or_else(no_certificate)?;
    let pdf = tx
        .certificate_pdf(record.id)
        .await?
        .ok_or_else(no_certificate)?;
    Ok((record, pdf))
}

/// Sends a certificate again, with the PDF exactly as issued, to the holder (and an entity's
/// current representatives).
pub async fn resend(
    store: &dyn Store,
    mailer: &Mailer,
    clock: &dyn Clock,
    actor: &Actor,
    id: CertificateId,
) -> Result<CertificateRecord, AppError> {
    let mut tx = store.begin().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let record = tx.get_certificate(id).await?.ok_or_else(no_certificate)?;
    let pdf = tx.certificate_pdf(id).await?.ok_or_else(no_certificate)?;
    let holder = tx
        .get_contact(record.holder)
        .await?
        .ok_or(AppError::NotFound { what: "contact" })?;
    queue_certificate_email(tx.as_mut(), mailer, clock, &settings, &holder, &record, pdf).await?;
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "certificate_resent",
        "contact",
        record.holder,
        json!({ "certificate": id.get(), "number": record.number }),
    ))
    .await?;
    tx.commit().await?;
    Ok(record)
}

/// A sample certificate drawn with `settings` and `pictures`, numbered 0 and dated `date`:
/// what the next certificates will look like.
fn sample(
    settings: &CooperativeSettings,
    language: Language,
    date: Date,
    pictures: (Option<Picture>, Option<Picture>),
) -> Result<CertificateDocument, AppError> {
    use coopshares_domain::address::Address;
    use coopshares_domain::contact::Person;
    use coopshares_domain::country::Country;
    use coopshares_domain::text::{Name, PostalCode};

    let sample_name = |text: &str| Name::parse(text).map_err(AppError::unexpected);
    let person = ContactDetails::Person(Person {
        first_name: sample_name("Anaïs")?,
        last_name: sample_name("Dubois-Léger")?,
        birth_date: None,
        email: Email::parse("anais@example.org").map_err(AppError::unexpected)?,
        phone: None,
        language,
        address: Address {
            street: sample_name("Rue des Éoliennes 12")?,
            postal_code: PostalCode::parse("5000").map_err(AppError::unexpected)?,
            city: sample_name("Namur")?,
            country: Country::BE,
        },
        iban: None,
        national_id: None,
    });
    let unit = Money::from_minor(25_000, settings.currency);
    let lines = vec![CertificateDocumentLine {
        share_type_name: "A".to_owned(),
        share_type_code: "A".to_owned(),
        quantity: 4,
        unit_value: unit,
        value: unit.checked_mul(4).map_err(AppError::unexpected)?,
        since: date,
    }];
    document(settings, language, &person, 0, 1, date, lines, pictures)
}

/// The sample certificate in `language` as the current settings and pictures draw it.
pub async fn preview(
    store: &dyn Store,
    documents: &dyn DocumentRenderer,
    clock: &dyn Clock,
    language: Language,
) -> Result<Vec<u8>, AppError> {
    let mut tx = store.begin_read().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let pictures = pictures_in(tx.as_mut()).await?;
    let document = sample(&settings, language, clock.today(), pictures)?;
    documents
        .certificate_pdf(&document)
        .map_err(AppError::unexpected)
}

/// Saves the certificate's design after checking it and drawing a sample with it in every
/// language (a design that cannot be drawn is refused, not discovered at the next admission).
pub async fn save_design(
    store: &dyn Store,
    documents: &dyn DocumentRenderer,
    clock: &dyn Clock,
    actor: &Actor,
    design: CertificateDesign,
) -> Result<CooperativeSettings, AppError> {
    let design = check_design(design)?;
    let mut tx = store.begin().await?;
    let current = settings::load_in(tx.as_mut()).await?;
    let mut next = current.value.clone();
    next.certificate = design;
    let pictures = pictures_in(tx.as_mut()).await?;
    for language in Language::ALL {
        let document = sample(&next, language, clock.today(), pictures.clone())?;
        documents
            .certificate_pdf(&document)
            .map_err(|e| AppError::field("design", "cannot_draw", e.to_string()))?;
    }
    let saved = settings::save_in(
        tx,
        clock,
        actor,
        current.version,
        next,
        "certificate_design_saved",
        json!({}),
    )
    .await?;
    Ok(saved.value)
}

/// Stores the logo or the signature image, after checking it is a PNG or JPEG of at most
/// [`MAX_PICTURE_BYTES`] that the PDF library can draw.
pub async fn save_picture(
    store: &dyn Store,
    documents: &dyn DocumentRenderer,
    clock: &dyn Clock,
    actor: &Actor,
    kind: PictureKind,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    let field = kind.as_str();
    if bytes.is_empty() {
        return Err(AppError::field(
            field,
            "required",
            "choose a PNG or JPEG file",
        ));
    }
    if bytes.len() > MAX_PICTURE_BYTES {
        return Err(AppError::field(
            field,
            "file_too_large",
            format!(
                "the picture is larger than {} MiB",
                MAX_PICTURE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let format = PictureFormat::sniff(&bytes)
        .ok_or_else(|| AppError::field(field, "not_an_image", "choose a PNG or JPEG file"))?;
    let mut tx = store.begin().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let (mut logo, mut signature) = pictures_in(tx.as_mut()).await?;
    let candidate = Some(Picture {
        format,
        bytes: bytes.clone().into(),
    });
    match kind {
        PictureKind::Logo => logo = candidate,
        PictureKind::Signature => signature = candidate,
    }
    let mut probe = settings.clone();
    // The signature is only drawn for a named signatory: name one for the check.
    probe
        .certificate
        .signatory_name
        .get_or_insert_with(|| "—".to_owned());
    let document = sample(
        &probe,
        settings.default_language,
        clock.today(),
        (logo, signature),
    )?;
    documents.certificate_pdf(&document).map_err(|e| {
        AppError::field(
            field,
            "unreadable_image",
            format!("the picture cannot be read: {e}"),
        )
    })?;
    let now = clock.now();
    tx.save_picture(&PictureRecord {
        kind,
        format,
        bytes,
        updated_at: now,
    })
    .await?;
    tx.append_audit(&audit::entry(
        now,
        actor,
        "certificate_picture_saved",
        "settings",
        1,
        json!({ "picture": field, "format": format.content_type() }),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the logo or the signature image.
pub async fn delete_picture(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    kind: PictureKind,
) -> Result<(), AppError> {
    let mut tx = store.begin().await?;
    tx.delete_picture(kind).await?;
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "certificate_picture_removed",
        "settings",
        1,
        json!({ "picture": kind.as_str() }),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Which pictures are stored, for the settings page.
pub async fn pictures(store: &dyn Store) -> Result<Vec<PictureRecord>, AppError> {
    let mut tx = store.begin_read().await?;
    let mut found = Vec::new();
    for kind in PictureKind::ALL {
        if let Some(picture) = tx.get_picture(kind).await? {
            found.push(picture);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_are_six_hex_digits() {
        assert_eq!(parse_accent("#1f4E79"), Some([0x1f, 0x4e, 0x79]));
        assert_eq!(parse_accent("1f4e79"), None);
        assert_eq!(parse_accent("#1f4e7"), None);
        assert_eq!(parse_accent("#1f4e7g"), None);
        assert_eq!(parse_accent("#é1f4e7"), None);
    }

    #[test]
    fn unknown_placeholders_are_named() {
        assert_eq!(
            unknown_placeholders("{holder} has {shares} as of {date} {"),
            vec!["shares".to_owned()]
        );
        assert!(unknown_placeholders("no braces").is_empty());
    }

    #[test]
    fn placeholders_are_filled() {
        let filling = Filling {
            holder: "Anaïs".to_owned(),
            member_number: 12,
            cooperative: "Coop".to_owned(),
            date: "1 mars 2026".to_owned(),
            total_shares: 4,
        };
        assert_eq!(
            fill(
                "{cooperative}: {holder} n° {member_number}, {total_shares} parts, {date}",
                &filling
            ),
            "Coop: Anaïs n° 12, 4 parts, 1 mars 2026"
        );
    }

    #[test]
    fn a_design_is_tidied_and_checked_field_by_field() {
        let mut design = CertificateDesign {
            signatory_name: Some("  Marie Dupont ".to_owned()),
            signatory_function: Some("   ".to_owned()),
            accent: Some("#ABCDEF".to_owned()),
            ..CertificateDesign::default()
        };
        design.texts.nl.title = Some("Attest van {holder}".to_owned());
        let tidy = check_design(design.clone()).unwrap();
        assert_eq!(tidy.signatory_name.as_deref(), Some("Marie Dupont"));
        assert_eq!(tidy.signatory_function, None);
        assert_eq!(tidy.accent.as_deref(), Some("#abcdef"));

        design.accent = Some("blue".to_owned());
        design.texts.de.intro = Some("{inhaber}".to_owned());
        design.texts.fr.closing = Some("x".repeat(MAX_CLOSING_CHARS + 1));
        let AppError::Validation(errors) = check_design(design).unwrap_err() else {
            panic!("not a validation error");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["closing_fr", "intro_de", "accent"]);
    }
}
