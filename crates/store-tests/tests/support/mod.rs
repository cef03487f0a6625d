//! What the workflow tests share: a cooperative ready to call capital, on any backend.

#![allow(dead_code, reason = "each test binary uses part of it")]

use std::sync::Arc;

use coopshares_app::AppError;
use coopshares_app::capital::{self, Services};
use coopshares_app::clock::FixedClock;
use coopshares_app::email::Mailer;
use coopshares_app::intake;
use coopshares_app::ports::{Actor, CapitalCallRecord, Store};
use coopshares_app::settings::{self, SettingsPatch};
use coopshares_app::share_types::{self, ShareTypeInput};
use coopshares_app::statements::{self, ImportOutcome};
use coopshares_documents::PdfRenderer;
use coopshares_domain::application::ApplicationInput;
use coopshares_domain::ids::{CapitalCallId, SubscriptionRequestId};
use coopshares_domain::language::Language;
use coopshares_domain::subscription::Channel;
use coopshares_store_tests::backends::TestStore;
use time::macros::datetime;

pub struct World {
    pub store: Arc<dyn Store>,
    pub mailer: Mailer,
    pub clock: FixedClock,
    pub documents: PdfRenderer,
}

impl World {
    pub async fn new(test: &TestStore) -> World {
        let world = World {
            store: Arc::clone(&test.store),
            mailer: Mailer {
                renderer: Arc::new(coopshares_mail::Templates::new().unwrap()),
                message_id_domain: "coop.example".to_owned(),
                base_url: "http://localhost:8080".to_owned(),
            },
            clock: FixedClock::new(datetime!(2026-03-02 10:00:00 UTC)),
            documents: PdfRenderer,
        };
        let patch: SettingsPatch = serde_json::from_value(serde_json::json!({
            "name": "Énergie Citoyenne SC",
            "iban": "BE71 0961 2345 6769",
        }))
        .unwrap();
        settings::update(
            world.store.as_ref(),
            &world.clock,
            &Actor::Operator,
            &patch,
            None,
        )
        .await
        .unwrap();
        share_types::create(
            world.store.as_ref(),
            &world.clock,
            &Actor::Operator,
            &ShareTypeInput {
                code: "A".to_owned(),
                name_fr: "Part A".to_owned(),
                nominal_value: "125.50".to_owned(),
                for_persons: true,
                for_entities: true,
                min_quantity: "1".to_owned(),
                max_quantity: String::new(),
                on_public_form: true,
                ..ShareTypeInput::default()
            },
        )
        .await
        .unwrap();
        world
    }

    pub fn services(&self) -> Services<'_> {
        Services {
            mailer: &self.mailer,
            documents: &self.documents,
            clock: &self.clock,
        }
    }

    /// Records a request from `input` (the API's JSON shape).
    pub async fn submit_json(&self, input: serde_json::Value) -> SubscriptionRequestId {
        let input: ApplicationInput = serde_json::from_value(input).unwrap();
        intake::submit(
            self.store.as_ref(),
            &self.mailer,
            &self.clock,
            &intake::Submission::new(&Actor::Operator, Channel::Api, &input, Language::Fr),
            None,
        )
        .await
        .unwrap()
        .request
        .id
    }

    pub async fn submit(&self, n: u32, quantity: u32) -> SubscriptionRequestId {
        let input: ApplicationInput = serde_json::from_value(serde_json::json!({
            "applicant": {
                "kind": "person", "first_name": "Zoë", "last_name": format!("Member {n}"),
                "email": format!("member{n}@example.be"), "birth_date": "1980-01-01",
                "language": "fr", "iban": "BE71 0961 2345 6769",
                "address": {"street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
            },
            "share_type": "A", "quantity": quantity,
            "consents": ["data_policy", "statutes", "financial_risk"]
        }))
        .unwrap();
        intake::submit(
            self.store.as_ref(),
            &self.mailer,
            &self.clock,
            &intake::Submission::new(&Actor::Operator, Channel::Api, &input, Language::Fr),
            None,
        )
        .await
        .unwrap()
        .request
        .id
    }

    /// Submits and validates a request of member `n` for `quantity` shares of 125.50.
    pub async fn called(&self, n: u32, quantity: u32) -> CapitalCallRecord {
        let id = self.submit(n, quantity).await;
        capital::validate(
            self.store.as_ref(),
            self.services(),
            &Actor::Operator,
            id,
            None,
        )
        .await
        .unwrap()
        .call
    }

    /// The capital call as stored now.
    pub async fn current_call(&self, id: CapitalCallId) -> CapitalCallRecord {
        let mut tx = self.store.begin_read().await.unwrap();
        tx.get_capital_call(id).await.unwrap().unwrap()
    }

    /// Imports a statement file as the operator.
    pub async fn import(&self, file: &str) -> Result<ImportOutcome, AppError> {
        statements::import(
            self.store.as_ref(),
            self.services(),
            &Actor::Operator,
            file.as_bytes(),
            Some("statement.xml"),
            None,
        )
        .await
    }
}
