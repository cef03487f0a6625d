//! The subscription form as a browser posts it, read into an [`ApplicationInput`].
//!
//! The form's inputs carry the API's field names (`applicant.address.city`,
//! `applicant.representative.email`), so one reading serves the public form and the back
//! office, and every problem [`crate::application::validate`] reports names an input. A field
//! that is missing reads as empty: the validation then says what is required.

use crate::application::{
    AddressInput, ApplicantInput, ApplicationInput, EntityInput, PersonInput, QuantityInput,
    RepresentativeInput,
};
use crate::contact::ContactKind;

/// The checkbox "the representative lives at the entity's address".
pub const SAME_ADDRESS: &str = "representative_same_address";

/// Every field of a posted form by name, in the order sent (`consents` comes once per ticked
/// box).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormFields(Vec<(String, String)>);

impl FormFields {
    pub fn new(pairs: Vec<(String, String)>) -> FormFields {
        FormFields(pairs)
    }

    /// Every field as sent.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// The first value of `name`, or empty.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .collect()
    }

    /// Whether the representative's address is the entity's.
    pub fn same_address(&self) -> bool {
        !self.get(SAME_ADDRESS).is_empty()
    }

    fn address(&self, prefix: &str) -> AddressInput {
        AddressInput {
            street: self.get(&format!("{prefix}.street")).to_owned(),
            postal_code: self.get(&format!("{prefix}.postal_code")).to_owned(),
            city: self.get(&format!("{prefix}.city")).to_owned(),
            country: self.get(&format!("{prefix}.country")).to_owned(),
        }
    }

    fn person(&self, prefix: &str) -> PersonInput {
        PersonInput {
            first_name: self.get(&format!("{prefix}.first_name")).to_owned(),
            last_name: self.get(&format!("{prefix}.last_name")).to_owned(),
            email: self.get(&format!("{prefix}.email")).to_owned(),
            birth_date: self.get(&format!("{prefix}.birth_date")).to_owned(),
            phone: self.get(&format!("{prefix}.phone")).to_owned(),
            language: self.get(&format!("{prefix}.language")).to_owned(),
            iban: self.get(&format!("{prefix}.iban")).to_owned(),
            address: self.address(&format!("{prefix}.address")),
            national_id: self.get(&format!("{prefix}.national_id")).to_owned(),
        }
    }

    /// The application the intake rules check, for a holder of `kind`.
    pub fn application(&self, kind: ContactKind) -> ApplicationInput {
        let applicant = match kind {
            ContactKind::Person => ApplicantInput::Person(self.person("applicant")),
            ContactKind::Entity => {
                let address = self.address("applicant.address");
                let language = self.get("applicant.language").to_owned();
                let prefix = "applicant.representative";
                let representative = PersonInput {
                    // One language of correspondence for the entity and its representative;
                    // the form asks neither a birth date nor an IBAN of the representative.
                    language: language.clone(),
                    address: if self.same_address() {
                        address.clone()
                    } else {
                        self.address(&format!("{prefix}.address"))
                    },
                    birth_date: String::new(),
                    iban: String::new(),
                    ..self.person(prefix)
                };
                ApplicantInput::Entity(EntityInput {
                    name: self.get("applicant.name").to_owned(),
                    legal_form: self.get("applicant.legal_form").to_owned(),
                    registration_number: self.get("applicant.registration_number").to_owned(),
                    email: self.get("applicant.email").to_owned(),
                    iban: self.get("applicant.iban").to_owned(),
                    language,
                    address,
                    representative: RepresentativeInput {
                        person: representative,
                        function: self.get(&format!("{prefix}.function")).to_owned(),
                    },
                })
            }
        };
        ApplicationInput {
            applicant,
            share_type: self.get("share_type").to_owned(),
            quantity: QuantityInput::Text(self.get("quantity").to_owned()),
            consents: self.all("consents"),
            email_confirmation: Some(self.get("email_confirmation").to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> FormFields {
        FormFields::new(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn a_representative_takes_the_entity_address_only_when_asked() {
        let mut pairs = vec![
            ("applicant.address.city", "Antwerpen"),
            ("applicant.representative.address.city", "Gent"),
            ("applicant.representative.birth_date", "1980-01-01"),
            ("applicant.language", "nl"),
            ("consents", "data_policy"),
            ("consents", "statutes"),
        ];
        let representative =
            |form: &FormFields| match form.application(ContactKind::Entity).applicant {
                ApplicantInput::Entity(entity) => entity.representative.person,
                ApplicantInput::Person(_) => panic!("an entity"),
            };
        let own = representative(&fields(&pairs));
        assert_eq!(
            (own.address.city.as_str(), own.language.as_str()),
            ("Gent", "nl")
        );
        assert_eq!(
            own.birth_date, "",
            "the form asks no birth date of a representative"
        );
        pairs.push((SAME_ADDRESS, "on"));
        let form = fields(&pairs);
        assert_eq!(representative(&form).address.city, "Antwerpen");
        assert_eq!(
            form.application(ContactKind::Entity).consents,
            ["data_policy", "statutes"]
        );
    }

    #[test]
    fn a_missing_field_reads_empty_and_the_first_of_a_repeated_one_wins() {
        let form = fields(&[
            ("applicant.email", "a@example.org"),
            ("applicant.email", "b@example.org"),
        ]);
        assert_eq!(form.get("applicant.email"), "a@example.org");
        assert_eq!(form.get("applicant.iban"), "");
        let ApplicantInput::Person(person) = form.application(ContactKind::Person).applicant else {
            panic!("a person");
        };
        assert_eq!(person.email, "a@example.org");
        assert_eq!(person.first_name, "");
    }
}
