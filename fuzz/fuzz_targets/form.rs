//! Reading a posted subscription form and checking it never panics, whatever the bytes; what
//! passes keeps within the share type's limits and the consents asked for.
#![no_main]

use coopshares_domain::application::{Applicant, ConsentSpec, IntakeRules, validate};
use coopshares_domain::contact::ContactKind;
use coopshares_domain::form::FormFields;
use coopshares_domain::language::Language;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::share_type::{LocalizedNames, ShareType, ShareTypeCode, ShareTypeSpec};
use coopshares_domain::text::Name;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let form = FormFields::new(form_urlencoded::parse(data).into_owned().collect());
    let offered = offered();
    let rules = IntakeRules {
        iban_required: true,
        // On, so that the national register number is parsed too.
        collect_national_id: true,
        minimum_age: Some(18),
        consents: vec![ConsentSpec {
            code: "data_policy".to_owned(),
            version: "2026-1".to_owned(),
            required: true,
        }],
        today: time::macros::date!(2026 - 11 - 28),
        fallback_language: Language::Fr,
    };
    for kind in [ContactKind::Person, ContactKind::Entity] {
        if let Ok(valid) = validate(&form.application(kind), &offered, &rules) {
            let share_type = &valid.share_type;
            assert!(valid.quantity >= share_type.min_quantity());
            assert!(share_type.max_quantity().is_none_or(|max| valid.quantity <= max));
            assert!(valid.consents.iter().any(|c| c.code == "data_policy"));
            assert_eq!(valid.applicant.kind(), kind);
            if let Applicant::Person(person) = &valid.applicant
                && let Some(national_id) = &person.national_id
            {
                assert_eq!(national_id.as_str().len(), 11);
                assert!(national_id.as_str().bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }
});

fn offered() -> Vec<ShareType> {
    [("A", true, false, Some(40)), ("B", false, true, None)]
        .into_iter()
        .map(|(code, for_persons, for_entities, max)| {
            ShareType::new(ShareTypeSpec {
                code: ShareTypeCode::parse(code).expect("a valid code"),
                names: LocalizedNames {
                    fr: Some(Name::parse("Part").expect("a valid name")),
                    ..LocalizedNames::default()
                },
                nominal_value: Money::from_minor(25_000, Currency::EUR),
                for_persons,
                for_entities,
                min_quantity: ShareQuantity::new(1).expect("one"),
                max_quantity: max.map(|m| ShareQuantity::new(m).expect("a quantity")),
                on_public_form: true,
                retired: false,
            })
            .expect("a valid share type")
        })
        .collect()
}
