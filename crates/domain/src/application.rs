//! One set of rules for every way a subscription request arrives — the public form, the back
//! office, a contact's page, the API: what the applicant typed, as text, becomes a
//! [`ValidApplication`] of checked types, or a list of problems naming each field.
//!
//! Field names are those of the API (`applicant.address.city`,
//! `applicant.representative.email`, `share_type`, `quantity`, `consents`), so a form can show
//! each problem next to its input. Everything is checked at once: the applicant sees all their
//! mistakes in one go.
//!
//! What needs storage — matching an existing contact, the shares a holder already has — is
//! not here: the use case does it and re-checks the quantity with [`ShareType::check_quantity`].

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;

use crate::address::Address;
use crate::contact::{ContactKind, Entity, Person, age_on};
use crate::country::Country;
use crate::email::Email;
use crate::iban::Iban;
use crate::language::Language;
use crate::national_id::NationalId;
use crate::quantity::ShareQuantity;
use crate::registration::RegistrationNumber;
use crate::share_type::ShareType;
use crate::text::{Name, Phone, PostalCode, TextError};

/// Nobody subscribing is older than this; an older birth date is a typing mistake.
pub const MAX_AGE: u32 = 120;

/// A problem with one field of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    /// Stable snake_case code (`required`, `invalid`, `too_young`, …).
    pub code: &'static str,
    pub detail: String,
}

impl FieldProblem {
    fn new(field: impl Into<String>, code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            detail: detail.into(),
        }
    }
}

/// A postal address as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressInput {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

/// A natural person as typed (the applicant, or an entity's representative).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    pub phone: String,
    /// `fr`, `nl`, `en` or `de`; empty: the language of the page or request.
    pub language: String,
    pub iban: String,
    pub address: AddressInput,
    /// Read only when the cooperative collects it.
    pub national_id: String,
}

/// A legal entity as typed, with the person who represents it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntityInput {
    pub name: String,
    pub legal_form: String,
    pub registration_number: String,
    pub email: String,
    pub iban: String,
    pub language: String,
    pub address: AddressInput,
    pub representative: RepresentativeInput,
}

/// The representative: a person, and their function in the entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepresentativeInput {
    #[serde(flatten)]
    pub person: PersonInput,
    pub function: String,
}

/// Who applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[expect(
    clippy::large_enum_variant,
    reason = "one value per submission; boxing would only add an indirection"
)]
pub enum ApplicantInput {
    Person(PersonInput),
    Entity(EntityInput),
}

impl Default for ApplicantInput {
    fn default() -> Self {
        ApplicantInput::Person(PersonInput::default())
    }
}

/// A quantity as sent: a JSON number or text from a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum QuantityInput {
    Number(i64),
    Text(String),
}

impl Default for QuantityInput {
    fn default() -> Self {
        QuantityInput::Text(String::new())
    }
}

/// A whole application as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationInput {
    pub applicant: ApplicantInput,
    /// The share type's code.
    pub share_type: String,
    pub quantity: QuantityInput,
    /// The codes of the consents given.
    pub consents: Vec<String>,
    /// The email typed a second time (the public form asks for it; the API does not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_confirmation: Option<String>,
}

/// A consent the cooperative asks for, in the version of its text currently shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentSpec {
    /// `data_policy`, `internal_rules`, `financial_risk`, …
    pub code: String,
    pub version: String,
    pub required: bool,
}

/// A consent given, with the version of the text accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenConsent {
    pub code: String,
    pub version: String,
}

/// The cooperative's rules for applications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeRules {
    pub iban_required: bool,
    /// Whether persons give their national register number (optional for them).
    pub collect_national_id: bool,
    /// Minimum age of a natural person applying in their own name.
    pub minimum_age: Option<u32>,
    pub consents: Vec<ConsentSpec>,
    pub today: Date,
    /// The language of the page or request, when the applicant chose none.
    pub fallback_language: Language,
}

/// Who applies, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(
    clippy::large_enum_variant,
    reason = "one value per submission; boxing would only add an indirection"
)]
pub enum Applicant {
    Person(Person),
    Entity {
        entity: Entity,
        representative: Person,
        function: Name,
    },
}

impl Applicant {
    pub fn kind(&self) -> ContactKind {
        match self {
            Applicant::Person(_) => ContactKind::Person,
            Applicant::Entity { .. } => ContactKind::Entity,
        }
    }

    pub fn language(&self) -> Language {
        match self {
            Applicant::Person(person) => person.language,
            Applicant::Entity { entity, .. } => entity.language,
        }
    }
}

/// An application that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidApplication {
    pub applicant: Applicant,
    pub share_type: ShareType,
    pub quantity: ShareQuantity,
    pub consents: Vec<GivenConsent>,
}

/// Collects problems while fields are parsed one by one.
struct Checker {
    problems: Vec<FieldProblem>,
}

impl Checker {
    fn required(&mut self, field: &str, value: &str) -> bool {
        if value.trim().is_empty() {
            self.problems.push(FieldProblem::new(
                field,
                "required",
                "this field is required",
            ));
            false
        } else {
            true
        }
    }

    /// Parses a required field.
    fn parse<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        value: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        if !self.required(field, value) {
            return None;
        }
        match parse(value) {
            Ok(parsed) => Some(parsed),
            Err(error) => {
                self.problems
                    .push(FieldProblem::new(field, "invalid", error.to_string()));
                None
            }
        }
    }

    /// Parses a required free text: too long is `too_long`, so the applicant is told what to
    /// change rather than only that the value is not valid.
    fn text<T>(
        &mut self,
        field: &str,
        value: &str,
        parse: impl FnOnce(&str) -> Result<T, TextError>,
    ) -> Option<T> {
        if !self.required(field, value) {
            return None;
        }
        self.text_result(field, parse(value))
    }

    /// Parses an optional free text: blank is `Some(None)`.
    fn optional_text<T>(
        &mut self,
        field: &str,
        value: &str,
        parse: impl FnOnce(&str) -> Result<T, TextError>,
    ) -> Option<Option<T>> {
        if value.trim().is_empty() {
            return Some(None);
        }
        self.text_result(field, parse(value)).map(Some)
    }

    fn text_result<T>(&mut self, field: &str, parsed: Result<T, TextError>) -> Option<T> {
        match parsed {
            Ok(parsed) => Some(parsed),
            Err(error) => {
                let code = match error {
                    TextError::TooLong { .. } => "too_long",
                    _ => "invalid",
                };
                self.problems
                    .push(FieldProblem::new(field, code, error.to_string()));
                None
            }
        }
    }

    /// Parses an optional field: blank is `Some(None)`.
    fn optional<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        value: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        if value.trim().is_empty() {
            return Some(None);
        }
        match parse(value) {
            Ok(parsed) => Some(Some(parsed)),
            Err(error) => {
                self.problems
                    .push(FieldProblem::new(field, "invalid", error.to_string()));
                None
            }
        }
    }

    fn address(&mut self, prefix: &str, input: &AddressInput) -> Option<Address> {
        let street = self.text(&format!("{prefix}.street"), &input.street, Name::parse);
        let postal_code = self.text(
            &format!("{prefix}.postal_code"),
            &input.postal_code,
            PostalCode::parse,
        );
        let city = self.text(&format!("{prefix}.city"), &input.city, Name::parse);
        let country = self.parse(&format!("{prefix}.country"), &input.country, Country::parse);
        Some(Address {
            street: street?,
            postal_code: postal_code?,
            city: city?,
            country: country?,
        })
    }

    fn language(&mut self, field: &str, value: &str, fallback: Language) -> Option<Language> {
        self.optional(field, value, str::parse::<Language>)
            .map(|language| language.unwrap_or(fallback))
    }

    fn iban(&mut self, field: &str, value: &str, required: bool) -> Option<Option<Iban>> {
        if required {
            self.parse(field, value, Iban::parse).map(Some)
        } else {
            self.optional(field, value, Iban::parse)
        }
    }

    fn birth_date(
        &mut self,
        field: &str,
        value: &str,
        rules: &IntakeRules,
        own_name: bool,
    ) -> Option<Option<Date>> {
        let format = format_description!("[year]-[month]-[day]");
        let date = if own_name {
            self.parse(field, value, |v| {
                Date::parse(v.trim(), &format).map_err(|_| "expected a date like 1985-04-23")
            })
            .map(Some)
        } else {
            self.optional(field, value, |v| {
                Date::parse(v.trim(), &format).map_err(|_| "expected a date like 1985-04-23")
            })
        }?;
        let Some(date) = date else { return Some(None) };
        if date > rules.today {
            self.problems.push(FieldProblem::new(
                field,
                "invalid",
                "the birth date is in the future",
            ));
            return None;
        }
        let age = age_on(date, rules.today);
        if age > MAX_AGE {
            self.problems.push(FieldProblem::new(
                field,
                "invalid",
                format!("a birth date more than {MAX_AGE} years ago is not plausible"),
            ));
            return None;
        }
        if let Some(minimum) = rules.minimum_age.filter(|_| own_name)
            && age < minimum
        {
            self.problems.push(FieldProblem::new(
                field,
                "too_young",
                format!("an applicant must be at least {minimum} years old"),
            ));
            return None;
        }
        Some(Some(date))
    }

    /// The applicant: a person in their own name, or an entity with its representative.
    fn applicant(&mut self, input: &ApplicationInput, rules: &IntakeRules) -> Option<Applicant> {
        match &input.applicant {
            ApplicantInput::Person(person) => self
                .person("applicant", person, rules, true)
                .map(Applicant::Person),
            ApplicantInput::Entity(entity) => {
                self.entity(entity, rules)
                    .map(|(entity, representative, function)| Applicant::Entity {
                        entity,
                        representative,
                        function,
                    })
            }
        }
    }

    /// A person: the applicant in their own name (`own_name`) or a representative.
    fn person(
        &mut self,
        prefix: &str,
        input: &PersonInput,
        rules: &IntakeRules,
        own_name: bool,
    ) -> Option<Person> {
        let first_name = self.text(
            &format!("{prefix}.first_name"),
            &input.first_name,
            Name::parse,
        );
        let last_name = self.text(
            &format!("{prefix}.last_name"),
            &input.last_name,
            Name::parse,
        );
        let email = self.parse(&format!("{prefix}.email"), &input.email, Email::parse);
        let birth_date = self.birth_date(
            &format!("{prefix}.birth_date"),
            &input.birth_date,
            rules,
            own_name,
        );
        let phone = self.optional_text(&format!("{prefix}.phone"), &input.phone, Phone::parse);
        let language = self.language(
            &format!("{prefix}.language"),
            &input.language,
            rules.fallback_language,
        );
        let iban = self.iban(
            &format!("{prefix}.iban"),
            &input.iban,
            own_name && rules.iban_required,
        );
        let address = self.address(&format!("{prefix}.address"), &input.address);
        let national_id = if rules.collect_national_id {
            self.optional(
                &format!("{prefix}.national_id"),
                &input.national_id,
                NationalId::parse,
            )
        } else {
            // Not asked for: not kept either.
            Some(None)
        };
        Some(Person {
            first_name: first_name?,
            last_name: last_name?,
            birth_date: birth_date?,
            email: email?,
            phone: phone?,
            address: address?,
            language: language?,
            iban: iban?,
            national_id: national_id?,
        })
    }

    fn entity(
        &mut self,
        input: &EntityInput,
        rules: &IntakeRules,
    ) -> Option<(Entity, Person, Name)> {
        let name = self.text("applicant.name", &input.name, Name::parse);
        let legal_form = self.text("applicant.legal_form", &input.legal_form, Name::parse);
        let email = self.parse("applicant.email", &input.email, Email::parse);
        let iban = self.iban("applicant.iban", &input.iban, rules.iban_required);
        let language = self.language(
            "applicant.language",
            &input.language,
            rules.fallback_language,
        );
        let address = self.address("applicant.address", &input.address);
        // The number is checked by the rules of the seat's country (Belgium when unknown).
        let country = address.as_ref().map_or(Country::BE, |a| a.country);
        let registration_number = self.parse(
            "applicant.registration_number",
            &input.registration_number,
            |v| RegistrationNumber::parse(country, v),
        );
        let representative = self.person(
            "applicant.representative",
            &input.representative.person,
            rules,
            false,
        );
        let function = self.text(
            "applicant.representative.function",
            &input.representative.function,
            Name::parse,
        );
        Some((
            Entity {
                name: name?,
                legal_form: legal_form?,
                registration_number: registration_number?,
                email: email?,
                address: address?,
                language: language?,
                iban: iban?,
            },
            representative?,
            function?,
        ))
    }
}

/// The applicant of an application, checked by the same rules as [`validate`] and nothing
/// else: what a manager updates a contact from, long after the share type or the consents
/// may have changed.
pub fn applicant(
    input: &ApplicationInput,
    rules: &IntakeRules,
) -> Result<Applicant, Vec<FieldProblem>> {
    let mut check = Checker {
        problems: Vec::new(),
    };
    match check.applicant(input, rules) {
        Some(applicant) if check.problems.is_empty() => Ok(applicant),
        _ => Err(check.problems),
    }
}

/// Checks an application against the share types offered on this channel and the
/// cooperative's rules.
pub fn validate(
    input: &ApplicationInput,
    offered: &[ShareType],
    rules: &IntakeRules,
) -> Result<ValidApplication, Vec<FieldProblem>> {
    let mut check = Checker {
        problems: Vec::new(),
    };

    let applicant = check.applicant(input, rules);

    if let Some(confirmation) = &input.email_confirmation {
        let typed = match &input.applicant {
            ApplicantInput::Person(person) => &person.email,
            ApplicantInput::Entity(entity) => &entity.email,
        };
        // An invalid first email is already reported; comparing it would only add noise.
        let differs = match (Email::parse(typed), Email::parse(confirmation)) {
            (Ok(a), Ok(b)) => a != b,
            (Ok(_), Err(_)) => true,
            (Err(_), _) => false,
        };
        if differs {
            check.problems.push(FieldProblem::new(
                "email_confirmation",
                "emails_differ",
                "the two email addresses are not the same",
            ));
        }
    }

    let kind = match &input.applicant {
        ApplicantInput::Person(_) => ContactKind::Person,
        ApplicantInput::Entity(_) => ContactKind::Entity,
    };
    let share_type = if check.required("share_type", &input.share_type) {
        match offered.iter().find(|t| {
            t.code()
                .as_str()
                .eq_ignore_ascii_case(input.share_type.trim())
        }) {
            None => {
                check.problems.push(FieldProblem::new(
                    "share_type",
                    "invalid",
                    "this share type is not offered",
                ));
                None
            }
            Some(t) if t.retired() => {
                check.problems.push(FieldProblem::new(
                    "share_type",
                    "invalid",
                    "this share type is no longer offered",
                ));
                None
            }
            Some(t) if !t.allows(kind) => {
                let who = match kind {
                    ContactKind::Person => "natural persons",
                    ContactKind::Entity => "legal entities",
                };
                check.problems.push(FieldProblem::new(
                    "share_type",
                    "not_for_holder",
                    format!("this share type cannot be held by {who}"),
                ));
                None
            }
            Some(t) => Some(t.clone()),
        }
    } else {
        None
    };

    let quantity = match &input.quantity {
        QuantityInput::Number(n) => u32::try_from(*n)
            .ok()
            .and_then(|n| ShareQuantity::new(n).ok())
            .ok_or_else(|| "the quantity must be a whole number of shares, at least 1".to_owned()),
        QuantityInput::Text(text) if text.trim().is_empty() => Err(String::new()),
        QuantityInput::Text(text) => ShareQuantity::parse(text).map_err(|e| e.to_string()),
    };
    let quantity = match quantity {
        Ok(quantity) => Some(quantity),
        Err(detail) if detail.is_empty() => {
            check.required("quantity", "");
            None
        }
        Err(detail) => {
            check
                .problems
                .push(FieldProblem::new("quantity", "invalid", detail));
            None
        }
    };
    if let (Some(share_type), Some(quantity)) = (&share_type, quantity)
        && let Err(error) = share_type.check_quantity(quantity, 0)
    {
        check.problems.push(FieldProblem::new(
            "quantity",
            "out_of_range",
            error.to_string(),
        ));
    }

    let mut consents = Vec::new();
    for given in &input.consents {
        if !rules.consents.iter().any(|spec| spec.code == *given) {
            check.problems.push(FieldProblem::new(
                "consents",
                "invalid",
                format!("unknown consent {given:?}"),
            ));
        }
    }
    for spec in &rules.consents {
        if input.consents.contains(&spec.code) {
            consents.push(GivenConsent {
                code: spec.code.clone(),
                version: spec.version.clone(),
            });
        } else if spec.required {
            check.problems.push(FieldProblem::new(
                format!("consents.{}", spec.code),
                "consent_required",
                "this consent is required to subscribe",
            ));
        }
    }

    match (applicant, share_type, quantity) {
        (Some(applicant), Some(share_type), Some(quantity)) if check.problems.is_empty() => {
            Ok(ValidApplication {
                applicant,
                share_type,
                quantity,
                consents,
            })
        }
        _ => Err(check.problems),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::money::{Currency, Money};
    use crate::share_type::{LocalizedNames, ShareTypeCode, ShareTypeSpec};

    fn share_type(
        code: &str,
        for_persons: bool,
        for_entities: bool,
        max: Option<u32>,
    ) -> ShareType {
        ShareType::new(ShareTypeSpec {
            code: ShareTypeCode::parse(code).unwrap(),
            names: LocalizedNames {
                fr: Some(Name::parse("Part A").unwrap()),
                ..LocalizedNames::default()
            },
            nominal_value: Money::from_minor(25_000, Currency::EUR),
            for_persons,
            for_entities,
            min_quantity: ShareQuantity::new(1).unwrap(),
            max_quantity: max.map(|m| ShareQuantity::new(m).unwrap()),
            on_public_form: true,
            retired: false,
        })
        .unwrap()
    }

    fn offered() -> Vec<ShareType> {
        vec![
            share_type("A", true, false, Some(40)),
            share_type("B", false, true, None),
        ]
    }

    fn rules() -> IntakeRules {
        IntakeRules {
            iban_required: true,
            collect_national_id: false,
            minimum_age: Some(18),
            consents: vec![
                ConsentSpec {
                    code: "data_policy".into(),
                    version: "2026-1".into(),
                    required: true,
                },
                ConsentSpec {
                    code: "newsletter".into(),
                    version: "1".into(),
                    required: false,
                },
            ],
            today: date!(2026 - 11 - 28),
            fallback_language: Language::Fr,
        }
    }

    fn person() -> PersonInput {
        PersonInput {
            first_name: "Anaïs".into(),
            last_name: "Dubois-Léger".into(),
            email: "Anais@Example.be".into(),
            birth_date: "1985-04-23".into(),
            phone: "+32 470 12 34 56".into(),
            language: String::new(),
            iban: "BE71 0961 2345 6769".into(),
            address: AddressInput {
                street: "Rue de la Loi 16".into(),
                postal_code: "1000".into(),
                city: "Bruxelles".into(),
                country: "BE".into(),
            },
            national_id: String::new(),
        }
    }

    fn person_application() -> ApplicationInput {
        ApplicationInput {
            applicant: ApplicantInput::Person(person()),
            share_type: "A".into(),
            quantity: QuantityInput::Text("4".into()),
            consents: vec!["data_policy".into()],
            email_confirmation: Some("anais@example.be".into()),
        }
    }

    fn entity_application() -> ApplicationInput {
        let mut representative = person();
        representative.iban = String::new();
        representative.birth_date = String::new();
        ApplicationInput {
            applicant: ApplicantInput::Entity(EntityInput {
                name: "Boulangerie Léonard SRL".into(),
                legal_form: "SRL".into(),
                registration_number: "0123.456.749".into(),
                email: "info@boulangerie.be".into(),
                iban: "BE71096123456769".into(),
                language: "nl".into(),
                address: AddressInput {
                    street: "Grote Markt 1".into(),
                    postal_code: "2000".into(),
                    city: "Antwerpen".into(),
                    country: "BE".into(),
                },
                representative: RepresentativeInput {
                    person: representative,
                    function: "zaakvoerder".into(),
                },
            }),
            share_type: "B".into(),
            quantity: QuantityInput::Number(10),
            consents: vec!["data_policy".into(), "newsletter".into()],
            email_confirmation: None,
        }
    }

    fn problems(input: &ApplicationInput) -> Vec<(String, &'static str)> {
        match validate(input, &offered(), &rules()) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(|p| (p.field, p.code)).collect(),
        }
    }

    fn with_person(change: impl FnOnce(&mut PersonInput)) -> ApplicationInput {
        let mut input = person_application();
        if let ApplicantInput::Person(person) = &mut input.applicant {
            change(person);
        }
        input
    }

    #[test]
    fn a_text_over_its_limit_is_too_long_not_merely_invalid() {
        let input = with_person(|p| {
            p.first_name = "a".repeat(Name::MAX_LENGTH + 1);
            p.address.city = "b".repeat(100 * 1024);
            p.address.postal_code = "1".repeat(PostalCode::MAX_LENGTH + 1);
            p.phone = "1".repeat(61);
        });
        assert_eq!(
            problems(&input),
            [
                ("applicant.first_name".to_owned(), "too_long"),
                ("applicant.phone".to_owned(), "too_long"),
                ("applicant.address.postal_code".to_owned(), "too_long"),
                ("applicant.address.city".to_owned(), "too_long"),
            ]
        );
        let at_the_limit = with_person(|p| p.first_name = "a".repeat(Name::MAX_LENGTH));
        assert_eq!(problems(&at_the_limit), []);
    }

    #[test]
    fn the_applicant_alone_is_checked_whatever_became_of_the_share_type() {
        let mut input = person_application();
        input.share_type = "RETIRED".into();
        assert!(validate(&input, &offered(), &rules()).is_err());
        let Ok(Applicant::Person(person)) = applicant(&input, &rules()) else {
            panic!("the applicant is valid")
        };
        assert_eq!(person.email.as_str(), "anais@example.be");
        let broken = with_person(|p| p.email = "not an email".into());
        let problems = applicant(&broken, &rules()).unwrap_err();
        assert_eq!(
            problems
                .iter()
                .map(|p| p.field.as_str())
                .collect::<Vec<_>>(),
            ["applicant.email"]
        );
    }

    #[test]
    fn a_national_id_is_kept_and_checked_only_when_the_cooperative_collects_it() {
        let collecting = IntakeRules {
            collect_national_id: true,
            ..rules()
        };
        let national_id_of = |input: &ApplicationInput, rules: &IntakeRules| match validate(
            input,
            &offered(),
            rules,
        )
        .map(|valid| valid.applicant)
        {
            Ok(Applicant::Person(person)) => Ok(person.national_id),
            Ok(Applicant::Entity { representative, .. }) => Ok(representative.national_id),
            Err(problems) => Err(problems
                .into_iter()
                .map(|p| (p.field, p.code))
                .collect::<Vec<_>>()),
        };
        let given = with_person(|p| p.national_id = "85.07.30-033.28".into());
        assert_eq!(
            national_id_of(&given, &collecting),
            Ok(Some(NationalId::parse("85073003328").unwrap()))
        );
        assert_eq!(
            national_id_of(&given, &rules()),
            Ok(None),
            "not asked: not kept"
        );
        assert_eq!(national_id_of(&person_application(), &collecting), Ok(None));

        let wrong = with_person(|p| p.national_id = "85.07.30-033.29".into());
        assert_eq!(
            national_id_of(&wrong, &collecting),
            Err(vec![("applicant.national_id".to_owned(), "invalid")])
        );
        assert_eq!(national_id_of(&wrong, &rules()), Ok(None));

        let mut entity = entity_application();
        if let ApplicantInput::Entity(entity) = &mut entity.applicant {
            entity.representative.person.national_id = "00010100105".into();
        }
        assert_eq!(
            national_id_of(&entity, &collecting),
            Ok(Some(NationalId::parse("00.01.01-001.05").unwrap()))
        );
    }

    #[test]
    fn a_complete_person_application_is_valid_and_normalised() {
        let valid = validate(&person_application(), &offered(), &rules()).unwrap();
        let Applicant::Person(person) = &valid.applicant else {
            panic!("a person")
        };
        assert_eq!(person.email.as_str(), "anais@example.be");
        assert_eq!(
            person.language,
            Language::Fr,
            "the page language when none is chosen"
        );
        assert_eq!(
            person.iban.as_ref().unwrap().as_compact(),
            "BE71096123456769"
        );
        assert_eq!(valid.quantity.get(), 4);
        assert_eq!(valid.share_type.code().as_str(), "A");
        assert_eq!(
            valid.consents,
            [GivenConsent {
                code: "data_policy".into(),
                version: "2026-1".into()
            }]
        );
    }

    #[test]
    fn a_complete_entity_application_is_valid_with_its_representative() {
        let valid = validate(&entity_application(), &offered(), &rules()).unwrap();
        let Applicant::Entity {
            entity,
            representative,
            function,
        } = &valid.applicant
        else {
            panic!("an entity")
        };
        assert_eq!(entity.registration_number.to_string(), "0123.456.749");
        assert_eq!(entity.language, Language::Nl);
        assert_eq!(representative.email.as_str(), "anais@example.be");
        assert_eq!(
            representative.iban, None,
            "a representative needs no IBAN of their own"
        );
        assert_eq!(function.as_str(), "zaakvoerder");
        assert_eq!(valid.consents.len(), 2);
    }

    /// Each row changes one thing of a valid person application and names the problem.
    #[test]
    fn each_bad_field_is_reported_with_its_name_and_code() {
        let table: Vec<(ApplicationInput, &str, &str)> = vec![
            (
                with_person(|p| p.first_name = " ".into()),
                "applicant.first_name",
                "required",
            ),
            (
                with_person(|p| p.email = "anais@".into()),
                "applicant.email",
                "invalid",
            ),
            (
                with_person(|p| p.birth_date = "23/04/1985".into()),
                "applicant.birth_date",
                "invalid",
            ),
            (
                with_person(|p| p.birth_date = "2027-01-01".into()),
                "applicant.birth_date",
                "invalid",
            ),
            (
                with_person(|p| p.birth_date = "1890-01-01".into()),
                "applicant.birth_date",
                "invalid",
            ),
            (
                with_person(|p| p.birth_date = "2010-01-01".into()),
                "applicant.birth_date",
                "too_young",
            ),
            (
                with_person(|p| p.iban = String::new()),
                "applicant.iban",
                "required",
            ),
            (
                with_person(|p| p.iban = "BE71 0961 2345 6760".into()),
                "applicant.iban",
                "invalid",
            ),
            (
                with_person(|p| p.phone = "call me".into()),
                "applicant.phone",
                "invalid",
            ),
            (
                with_person(|p| p.language = "es".into()),
                "applicant.language",
                "invalid",
            ),
            (
                with_person(|p| p.address.country = "XX".into()),
                "applicant.address.country",
                "invalid",
            ),
            (
                with_person(|p| p.address.city = String::new()),
                "applicant.address.city",
                "required",
            ),
            (
                ApplicationInput {
                    email_confirmation: Some("other@example.be".into()),
                    ..person_application()
                },
                "email_confirmation",
                "emails_differ",
            ),
            (
                ApplicationInput {
                    share_type: String::new(),
                    ..person_application()
                },
                "share_type",
                "required",
            ),
            (
                ApplicationInput {
                    share_type: "Z".into(),
                    ..person_application()
                },
                "share_type",
                "invalid",
            ),
            (
                ApplicationInput {
                    share_type: "B".into(),
                    ..person_application()
                },
                "share_type",
                "not_for_holder",
            ),
            (
                ApplicationInput {
                    quantity: QuantityInput::Text("0".into()),
                    ..person_application()
                },
                "quantity",
                "invalid",
            ),
            (
                ApplicationInput {
                    quantity: QuantityInput::Text("2.5".into()),
                    ..person_application()
                },
                "quantity",
                "invalid",
            ),
            (
                ApplicationInput {
                    quantity: QuantityInput::Number(-3),
                    ..person_application()
                },
                "quantity",
                "invalid",
            ),
            (
                ApplicationInput {
                    quantity: QuantityInput::Text(String::new()),
                    ..person_application()
                },
                "quantity",
                "required",
            ),
            (
                ApplicationInput {
                    quantity: QuantityInput::Number(41),
                    ..person_application()
                },
                "quantity",
                "out_of_range",
            ),
            (
                ApplicationInput {
                    consents: vec![],
                    ..person_application()
                },
                "consents.data_policy",
                "consent_required",
            ),
            (
                ApplicationInput {
                    consents: vec!["data_policy".into(), "lottery".into()],
                    ..person_application()
                },
                "consents",
                "invalid",
            ),
        ];
        for (input, field, code) in table {
            assert_eq!(
                problems(&input),
                [(field.to_owned(), code)],
                "{field} {code}"
            );
        }
    }

    #[test]
    fn entity_fields_and_the_representative_are_named_by_their_path() {
        let mut input = entity_application();
        if let ApplicantInput::Entity(entity) = &mut input.applicant {
            entity.registration_number = "0123.456.700".into();
            entity.representative.person.email = "nope".into();
            entity.representative.function = String::new();
        }
        assert_eq!(
            problems(&input),
            [
                ("applicant.registration_number".to_owned(), "invalid"),
                ("applicant.representative.email".to_owned(), "invalid"),
                ("applicant.representative.function".to_owned(), "required"),
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let input = ApplicationInput {
            applicant: ApplicantInput::Person(PersonInput::default()),
            ..ApplicationInput::default()
        };
        let fields: Vec<String> = problems(&input).into_iter().map(|(f, _)| f).collect();
        for expected in [
            "applicant.first_name",
            "applicant.last_name",
            "applicant.email",
            "applicant.birth_date",
            "applicant.iban",
            "applicant.address.street",
            "share_type",
            "quantity",
            "consents.data_policy",
        ] {
            assert!(
                fields.iter().any(|f| f == expected),
                "{expected} missing from {fields:?}"
            );
        }
    }

    #[test]
    fn without_a_minimum_age_or_iban_rule_those_fields_may_be_left_out_or_be_young() {
        let relaxed = IntakeRules {
            iban_required: false,
            minimum_age: None,
            ..rules()
        };
        let input = with_person(|p| {
            p.iban = String::new();
            p.birth_date = "2015-06-01".into();
        });
        assert!(validate(&input, &offered(), &relaxed).is_ok());
    }

    #[test]
    fn a_retired_share_type_is_not_offered() {
        let mut types = offered();
        let retired = ShareType::new(ShareTypeSpec {
            retired: true,
            ..types[0].spec().clone()
        })
        .unwrap();
        types[0] = retired;
        let result = validate(&person_application(), &types, &rules());
        assert_eq!(result.unwrap_err()[0].field, "share_type");
    }

    #[test]
    fn the_api_json_shape_deserialises_into_the_input() {
        let json = r#"{"applicant":{"kind":"entity","name":"Coop","legal_form":"SC","registration_number":"0123456749",
            "email":"a@b.be","iban":"","language":"fr","address":{"street":"s","postal_code":"1000","city":"c","country":"BE"},
            "representative":{"first_name":"An","last_name":"B","email":"an@b.be","function":"administratrice"}},
            "share_type":"B","quantity":3,"consents":["data_policy"]}"#;
        let input: ApplicationInput = serde_json::from_str(json).unwrap();
        let ApplicantInput::Entity(entity) = &input.applicant else {
            panic!("entity")
        };
        assert_eq!(entity.representative.function, "administratrice");
        assert_eq!(entity.representative.person.first_name, "An");
        assert_eq!(input.quantity, QuantityInput::Number(3));
    }
}
