//! The intake back office: share types, the request list and page, decisions, contacts.

use axum::http::StatusCode;
use coopshares_app::intake;
use coopshares_app::ports::{Actor, Store};
use coopshares_app::share_types::{self, ShareTypeInput};
use coopshares_domain::application::{
    AddressInput, ApplicantInput, ApplicationInput, PersonInput, QuantityInput,
};
use coopshares_domain::language::Language;
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::subscription::{Channel, RequestState};

use crate::support::TestApp;

async fn share_type_a(app: &TestApp) {
    share_types::create(
        app.store(),
        app.clock.as_ref(),
        &Actor::Operator,
        &ShareTypeInput {
            code: "A".into(),
            name_fr: "Part A".into(),
            name_en: "Share A".into(),
            nominal_value: "250".into(),
            for_persons: true,
            min_quantity: "1".into(),
            on_public_form: true,
            ..ShareTypeInput::default()
        },
    )
    .await
    .unwrap();
}

fn application(first_name: &str, email: &str, quantity: i64) -> ApplicationInput {
    ApplicationInput {
        applicant: ApplicantInput::Person(PersonInput {
            first_name: first_name.into(),
            last_name: "Peeters".into(),
            email: email.into(),
            birth_date: "1980-02-02".into(),
            iban: "BE71096123456769".into(),
            address: AddressInput {
                street: "Kerkstraat 1".into(),
                postal_code: "9000".into(),
                city: "Gent".into(),
                country: "BE".into(),
            },
            ..PersonInput::default()
        }),
        share_type: "A".into(),
        quantity: QuantityInput::Number(quantity),
        consents: vec![
            "data_policy".into(),
            "statutes".into(),
            "financial_risk".into(),
        ],
        email_confirmation: None,
    }
}

async fn submit(app: &TestApp, first_name: &str, email: &str, quantity: i64) -> String {
    intake::submit(
        app.store(),
        &app.state.mailer,
        app.clock.as_ref(),
        &intake::Submission::new(
            &Actor::Operator,
            Channel::Api,
            &application(first_name, email, quantity),
            Language::Nl,
        ),
        None,
    )
    .await
    .unwrap()
    .request
    .id
    .to_string()
}

#[tokio::test]
async fn a_manager_creates_a_share_type_and_cannot_reprice_it_once_subscribed_but_can_retire_it() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    let created = app
        .submit(
            "/admin/share-types/new",
            "/admin/share-types/new",
            &[
                ("code", "A"),
                ("name_fr", "Part A"),
                ("nominal_value", "250,00"),
                ("for_persons", "on"),
                ("min_quantity", "1"),
                ("on_public_form", "on"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(
        created.location(),
        Some("/admin/share-types"),
        "{}",
        created.body
    );
    let list = app.get("/admin/share-types").await;
    assert!(list.body.contains("250.00 EUR"), "{}", list.body);

    submit(&app, "Jan", "jan@example.be", 2).await;
    let id = share_types::list(app.store()).await.unwrap()[0]
        .id
        .to_string();
    let page = format!("/admin/share-types/{id}");
    let repriced = app
        .submit(
            &page,
            &page,
            &[
                ("code", "A"),
                ("name_fr", "Part A"),
                ("nominal_value", "300"),
                ("for_persons", "on"),
                ("min_quantity", "1"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(repriced.status, StatusCode::UNPROCESSABLE_ENTITY);
    let retired = app
        .submit(
            &page,
            &page,
            &[
                ("code", "A"),
                ("name_fr", "Part A"),
                ("nominal_value", "250.00"),
                ("for_persons", "on"),
                ("min_quantity", "1"),
                ("retired", "on"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(
        retired.location(),
        Some("/admin/share-types"),
        "{}",
        retired.body
    );
    let record = share_types::list(app.store()).await.unwrap().remove(0);
    assert!(record.share_type.retired());
    assert_eq!(record.share_type.nominal_value().to_string(), "250.00");
}

#[tokio::test]
async fn the_request_list_filters_searches_and_links_to_each_request() {
    let mut app = TestApp::new().await;
    share_type_a(&app).await;
    let jan = submit(&app, "Jan", "jan@example.be", 2).await;
    let els = submit(&app, "Els", "els@example.be", 3).await;
    app.log_in_as_manager().await;

    let all = app.get("/admin/requests").await;
    assert!(
        all.body
            .contains(&format!("href=\"/admin/requests/{jan}\""))
    );
    assert!(
        all.body
            .contains(&format!("href=\"/admin/requests/{els}\""))
    );
    let searched = app.get("/admin/requests?q=ELS%40").await;
    assert!(
        searched.body.contains("els@example.be") && !searched.body.contains("jan@example.be"),
        "{}",
        searched.body
    );
    let none = app.get("/admin/requests?state=on_hold").await;
    assert!(!none.body.contains("els@example.be"));
    let by_channel = app
        .get("/admin/requests?channel=api&from=2026-11-28&to=2026-11-28")
        .await;
    assert!(
        by_channel.body.contains("els@example.be") && by_channel.body.contains("jan@example.be")
    );
}

#[tokio::test]
async fn a_request_page_shows_the_data_as_submitted_and_a_manager_puts_it_on_hold_then_cancels_it()
{
    let mut app = TestApp::new().await;
    share_type_a(&app).await;
    let id = submit(&app, "Jan", "jan@example.be", 2).await;
    app.log_in_as_manager().await;
    let page = format!("/admin/requests/{id}");
    let shown = app.get(&page).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown.body.contains("Kerkstraat 1") && shown.body.contains("500.00 EUR"),
        "{}",
        shown.body
    );

    let no_reason = app
        .submit(
            &page,
            &format!("{page}/hold"),
            &[("reason", ""), ("version", "1")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let held = app
        .submit(
            &page,
            &format!("{page}/hold"),
            &[("reason", "Pièce d'identité manquante"), ("version", "1")],
        )
        .await;
    assert_eq!(held.location(), Some(page.as_str()));
    let stale = app
        .submit(
            &page,
            &format!("{page}/cancel"),
            &[("reason", "x"), ("version", "1")],
        )
        .await;
    assert_eq!(
        stale.status,
        StatusCode::CONFLICT,
        "a decision from an old page is refused"
    );
    let cancelled = app
        .submit(
            &page,
            &format!("{page}/cancel"),
            &[("reason", "Doublon"), ("version", "2")],
        )
        .await;
    assert_eq!(cancelled.location(), Some(page.as_str()));

    let mut tx = app.store.begin_read().await.unwrap();
    let record = tx.get_request(id.parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(record.state, RequestState::Cancelled);
    assert_eq!(record.cancel_reason.as_deref(), Some("Doublon"));
    assert_eq!(
        record.hold_reason, None,
        "a cancelled request is no longer on hold"
    );
    let kinds: Vec<EmailKind> = tx
        .list_emails(None, 10, 0)
        .await
        .unwrap()
        .iter()
        .map(|e| e.email.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            EmailKind::RequestCancelled,
            EmailKind::RequestOnHold,
            EmailKind::RequestConfirmation
        ]
    );
    let audit = tx.recent_audit(10).await.unwrap();
    let hold = audit
        .iter()
        .find(|a| a.action == "subscription_request_put_on_hold")
        .expect("the hold is audited");
    assert!(
        hold.details.contains("Pièce d'identité manquante"),
        "the audit log keeps the hold reason: {}",
        hold.details
    );
    assert!(
        audit
            .iter()
            .any(|a| a.action == "subscription_request_cancelled")
    );
}

/// A member applies again from a new address: the request page shows what differs from their
/// contact and offers to update it; the manager does, the request keeps its evidence, and an
/// update from a page shown before that is refused.
#[tokio::test]
async fn a_manager_updates_a_contact_from_what_a_request_submitted_only_when_asked() {
    let mut app = TestApp::new().await;
    share_type_a(&app).await;
    let first = submit(&app, "Jan", "jan@example.be", 2).await;
    let mut moved = application("Jan", "jan@example.be", 1);
    if let ApplicantInput::Person(person) = &mut moved.applicant {
        person.address.street = "Veldstraat 80".into();
        person.phone = "+32 470 99 88 77".into();
    }
    let second = intake::submit(
        app.store(),
        &app.state.mailer,
        app.clock.as_ref(),
        &intake::Submission::new(&Actor::Operator, Channel::Api, &moved, Language::Nl),
        None,
    )
    .await
    .unwrap();
    let contact = second.request.request.contact;
    let second = second.request.id.to_string();
    let contact_now = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            let mut tx = store.begin_read().await.unwrap();
            tx.get_contact(contact).await.unwrap().unwrap()
        }
    };
    let before = contact_now(&app).await;
    assert!(
        before
            .details
            .address()
            .to_string()
            .contains("Kerkstraat 1")
    );

    app.log_in_as_manager().await;
    let first_page = format!("/admin/requests/{first}");
    let second_page = format!("/admin/requests/{second}");
    let same = app.get(&first_page).await;
    assert!(
        !same.body.contains("update-contact"),
        "nothing differs: nothing offered"
    );
    let shown = app.get(&second_page).await;
    assert!(shown.body.contains("update-contact"), "{}", shown.body);
    assert!(shown.body.contains("Veldstraat 80") && shown.body.contains("+32 470 99 88 77"));

    let version = before.version.to_string();
    let updated = app
        .submit(
            &second_page,
            &format!("{second_page}/update-contact"),
            &[("version", version.as_str())],
        )
        .await;
    assert_eq!(updated.location(), Some(second_page.as_str()));
    let after = contact_now(&app).await;
    assert!(
        after
            .details
            .address()
            .to_string()
            .contains("Veldstraat 80")
    );
    assert_eq!(after.version, before.version + 1);
    assert!(!app.get(&second_page).await.body.contains("update-contact"));

    // The first request still shows what it was submitted with, and now differs; an update
    // from a page shown before the contact changed is refused.
    let mut tx = app.store.begin_read().await.unwrap();
    let evidence = tx
        .get_request(first.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(evidence.request.submitted.contains("Kerkstraat 1"));
    let audit = tx.recent_audit(5).await.unwrap();
    drop(tx);
    assert!(
        audit
            .iter()
            .any(|a| a.action == "contact_updated_from_request"
                && a.record_id == contact.to_string())
    );
    let stale = app
        .submit(
            &first_page,
            &format!("{first_page}/update-contact"),
            &[("version", version.as_str())],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(
        contact_now(&app)
            .await
            .details
            .address()
            .to_string()
            .contains("Veldstraat 80")
    );
}

#[tokio::test]
async fn a_contact_page_shows_who_a_person_represents_and_offers_to_subscribe() {
    let mut app = TestApp::new().await;
    share_type_a(&app).await;
    submit(&app, "Jan", "jan@example.be", 1).await;
    app.log_in_as_manager().await;
    let list = app.get("/admin/contacts?q=jan").await;
    let marker = "href=\"/admin/contacts/";
    let start = list.body.find(marker).expect("a contact link") + marker.len();
    let id: String = list.body[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let page = app.get(&format!("/admin/contacts/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("jan@example.be"));
    assert!(
        page.body
            .contains(&format!("/admin/requests/new?contact={id}"))
    );
}

/// Option 2.1: a manager types in a paper form; a share type kept off the public form can be
/// chosen here.
#[tokio::test]
async fn a_manager_records_a_request_from_the_back_office() {
    let mut app = TestApp::new().await;
    share_types::create(
        app.store(),
        app.clock.as_ref(),
        &Actor::Operator,
        &ShareTypeInput {
            code: "F".into(),
            name_fr: "Part fondateur".into(),
            nominal_value: "100".into(),
            for_persons: true,
            min_quantity: "1".into(),
            on_public_form: false,
            ..ShareTypeInput::default()
        },
    )
    .await
    .unwrap();
    app.log_in_as_manager().await;
    let form = app.get("/admin/requests/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("value=\"F\""),
        "the back office offers every live share type"
    );
    assert!(
        !form.body.contains("name=\"website\""),
        "no honeypot for managers"
    );
    let token = form
        .body
        .split("name=\"form_token\" value=\"")
        .nth(1)
        .unwrap()[..64]
        .to_owned();
    let csrf = form.csrf_token();
    let recorded = app
        .post_form(
            "/admin/requests/new",
            &[
                ("csrf_token", &csrf),
                ("form_token", &token),
                ("kind", "person"),
                ("applicant.first_name", "Marc"),
                ("applicant.last_name", "Lambert"),
                ("applicant.email", "marc@example.be"),
                ("email_confirmation", "marc@example.be"),
                ("applicant.birth_date", "1970-01-01"),
                ("applicant.iban", "BE71096123456769"),
                ("applicant.address.street", "Rue Haute 5"),
                ("applicant.address.postal_code", "5000"),
                ("applicant.address.city", "Namur"),
                ("applicant.address.country", "BE"),
                ("applicant.language", "fr"),
                ("share_type", "F"),
                ("quantity", "3"),
                ("consents", "data_policy"),
                ("consents", "statutes"),
                ("consents", "financial_risk"),
            ],
        )
        .await;
    let location = recorded
        .location()
        .unwrap_or_else(|| panic!("{}", recorded.body))
        .to_owned();
    assert!(location.starts_with("/admin/requests/"), "{location}");
    let id = location.trim_start_matches("/admin/requests/");
    let mut tx = app.store.begin_read().await.unwrap();
    let record = tx.get_request(id.parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(record.request.channel, Channel::BackOffice);
    assert_eq!(record.request.amount.to_string(), "300.00");
    let audit = tx.recent_audit(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "subscription_request_submitted" && a.actor.starts_with("user:")),
        "the manager is the actor"
    );
}

/// Option 2.2: "subscribe shares" on a contact's page opens the form pre-filled and links the
/// request to that contact, without creating another.
#[tokio::test]
async fn subscribing_from_a_contact_page_prefills_the_form_and_links_the_request_to_that_contact() {
    let mut app = TestApp::new().await;
    share_type_a(&app).await;
    submit(&app, "Jan", "jan@example.be", 1).await;
    let mut tx = app.store.begin_read().await.unwrap();
    let jan = tx.search_contacts("jan@", 1, 0).await.unwrap().remove(0).id;
    drop(tx);
    app.log_in_as_manager().await;
    let page = format!("/admin/requests/new?contact={jan}");
    let form = app.get(&page).await;
    assert!(
        form.body.contains("value=\"Kerkstraat 1\""),
        "pre-filled from the contact"
    );
    assert!(
        form.body
            .contains(&format!("name=\"contact\" value=\"{jan}\""))
    );
    let token = form
        .body
        .split("name=\"form_token\" value=\"")
        .nth(1)
        .unwrap()[..64]
        .to_owned();
    let csrf = form.csrf_token();
    let recorded = app
        .post_form(
            "/admin/requests/new",
            &[
                ("csrf_token", &csrf),
                ("form_token", &token),
                ("kind", "person"),
                ("contact", &jan.to_string()),
                ("applicant.first_name", "Jan"),
                ("applicant.last_name", "Peeters"),
                ("applicant.email", "jan.new-address@example.be"),
                ("email_confirmation", "jan.new-address@example.be"),
                ("applicant.birth_date", "1980-02-02"),
                ("applicant.iban", "BE71096123456769"),
                ("applicant.address.street", "Kerkstraat 1"),
                ("applicant.address.postal_code", "9000"),
                ("applicant.address.city", "Gent"),
                ("applicant.address.country", "BE"),
                ("applicant.language", "nl"),
                ("share_type", "A"),
                ("quantity", "2"),
                ("consents", "data_policy"),
                ("consents", "statutes"),
                ("consents", "financial_risk"),
            ],
        )
        .await;
    let location = recorded
        .location()
        .unwrap_or_else(|| panic!("{}", recorded.body))
        .to_owned();
    let id = location.trim_start_matches("/admin/requests/");
    let mut tx = app.store.begin_read().await.unwrap();
    let record = tx.get_request(id.parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(record.request.channel, Channel::Contact);
    assert_eq!(
        record.request.contact, jan,
        "linked to the contact, even with another email typed"
    );
    assert!(
        tx.search_contacts("new-address", 10, 0)
            .await
            .unwrap()
            .is_empty(),
        "no second person"
    );
    let contact = tx.get_contact(jan).await.unwrap().unwrap();
    assert_eq!(
        contact.details.email().as_str(),
        "jan@example.be",
        "the contact is not changed by a request"
    );
}
