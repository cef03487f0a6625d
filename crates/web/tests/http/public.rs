//! The public subscription form: a person or an entity subscribes, mistakes are shown next to
//! their fields, and abuse (robots, floods, double submissions) records nothing extra.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, Request, StatusCode};
use coopshares_app::ports::{
    Actor, ContactSummary, EmailRecord, RequestFilter, RequestSummary, Store,
};
use coopshares_app::share_types::{self, ShareTypeInput};
use coopshares_domain::contact::{ContactDetails, ContactKind};
use coopshares_domain::language::Language;
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::subscription::{Channel, RequestState};
use coopshares_domain::user::ApiRole;
use coopshares_web::public::FORM_SUBMISSIONS;

use crate::support::{TestApp, TestResponse};

struct TypeSpec {
    code: &'static str,
    nominal: &'static str,
    for_persons: bool,
    for_entities: bool,
    on_public_form: bool,
    max: &'static str,
}

const FOR_EVERYONE: TypeSpec = TypeSpec {
    code: "A",
    nominal: "250",
    for_persons: true,
    for_entities: true,
    on_public_form: true,
    max: "40",
};

async fn share_type(app: &TestApp, spec: TypeSpec) {
    share_types::create(
        app.store(),
        app.clock.as_ref(),
        &Actor::Operator,
        &ShareTypeInput {
            code: spec.code.into(),
            name_fr: format!("Part {}", spec.code),
            name_nl: format!("Aandeel {}", spec.code),
            name_en: format!("Share {}", spec.code),
            nominal_value: spec.nominal.into(),
            for_persons: spec.for_persons,
            for_entities: spec.for_entities,
            min_quantity: "1".into(),
            max_quantity: spec.max.into(),
            on_public_form: spec.on_public_form,
            ..ShareTypeInput::default()
        },
    )
    .await
    .unwrap();
}

/// The value of the hidden field `name` of a page.
fn hidden(page: &TestResponse, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in {}", page.body))
        + marker.len();
    let end = start + page.body[start..].find('"').unwrap();
    page.body[start..end].to_owned()
}

const CONSENTS: [(&str, &str); 3] = [
    ("consents", "data_policy"),
    ("consents", "statutes"),
    ("consents", "financial_risk"),
];

fn person() -> Vec<(&'static str, &'static str)> {
    let mut fields = vec![
        ("kind", "person"),
        ("applicant.first_name", "Anaïs"),
        ("applicant.last_name", "Dubois-Léger"),
        ("applicant.birth_date", "1985-04-23"),
        ("applicant.email", "anais@example.be"),
        ("email_confirmation", "Anais@Example.be"),
        ("applicant.phone", "+32 470 12 34 56"),
        ("applicant.language", "fr"),
        ("applicant.address.street", "Rue de la Loi 16"),
        ("applicant.address.postal_code", "1000"),
        ("applicant.address.city", "Bruxelles"),
        ("applicant.address.country", "BE"),
        ("applicant.iban", "BE71 0961 2345 6769"),
        ("share_type", "A"),
        ("quantity", "4"),
        ("website", ""),
    ];
    fields.extend(CONSENTS);
    fields
}

fn entity() -> Vec<(&'static str, &'static str)> {
    let mut fields = vec![
        ("kind", "entity"),
        ("applicant.name", "Bakkerij Leonard BV"),
        ("applicant.legal_form", "BV"),
        ("applicant.registration_number", "0123.456.749"),
        ("applicant.email", "info@bakkerij.be"),
        ("email_confirmation", "info@bakkerij.be"),
        ("applicant.language", "nl"),
        ("applicant.address.street", "Grote Markt 1"),
        ("applicant.address.postal_code", "2000"),
        ("applicant.address.city", "Antwerpen"),
        ("applicant.address.country", "BE"),
        ("applicant.iban", "BE71096123456769"),
        ("applicant.representative.first_name", "Pieter"),
        ("applicant.representative.last_name", "Leonard"),
        ("applicant.representative.function", "zaakvoerder"),
        ("applicant.representative.email", "pieter@example.be"),
        ("representative_same_address", "on"),
        ("share_type", "A"),
        ("quantity", "10"),
        ("website", ""),
    ];
    fields.extend(CONSENTS);
    fields
}

/// Opens the form at `path` and sends it with `fields`, as a browser would.
async fn fill_in(app: &mut TestApp, path: &str, fields: &[(&str, &str)]) -> TestResponse {
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let (csrf, token) = (page.csrf_token(), hidden(&page, "form_token"));
    let mut all = vec![
        ("csrf_token", csrf.as_str()),
        ("form_token", token.as_str()),
    ];
    all.extend_from_slice(fields);
    app.post_form("/subscribe", &all).await
}

fn with(
    fields: &[(&'static str, &'static str)],
    name: &str,
    value: &'static str,
) -> Vec<(&'static str, &'static str)> {
    fields
        .iter()
        .map(|(k, v)| if *k == name { (*k, value) } else { (*k, *v) })
        .collect()
}

fn without(
    fields: &[(&'static str, &'static str)],
    name: &str,
) -> Vec<(&'static str, &'static str)> {
    fields.iter().filter(|(k, _)| *k != name).copied().collect()
}

async fn requests(app: &TestApp) -> Vec<RequestSummary> {
    let mut tx = app.store.begin_read().await.unwrap();
    tx.list_requests(&RequestFilter::default(), 100, 0)
        .await
        .unwrap()
        .0
}

async fn contacts(app: &TestApp) -> Vec<ContactSummary> {
    let mut tx = app.store.begin_read().await.unwrap();
    tx.search_contacts("", 100, 0).await.unwrap()
}

async fn emails(app: &TestApp) -> Vec<EmailRecord> {
    let mut tx = app.store.begin_read().await.unwrap();
    tx.list_emails(None, 100, 0).await.unwrap()
}

async fn nothing_is_stored(app: &TestApp) {
    assert!(requests(app).await.is_empty(), "no request");
    assert!(contacts(app).await.is_empty(), "no contact");
    assert!(emails(app).await.is_empty(), "no email");
}

fn goes_to_thanks(response: &TestResponse) {
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert!(
        response
            .location()
            .unwrap()
            .starts_with("/subscribe/thanks"),
        "{:?}",
        response.location()
    );
}

#[tokio::test]
async fn a_person_subscribes_in_french_and_gets_a_confirmation_in_french() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;

    let page = app
        .get_with("/subscribe", &[("accept-language", "fr-BE")])
        .await;
    assert!(page.body.contains("<h1>Souscrire des parts</h1>"));
    assert!(page.body.contains("Part A"));
    assert!(page.body.contains("250,00 EUR par part"), "{}", page.body);
    assert!(page.body.contains("src=\"/static/subscribe.js\""));
    assert!(
        page.body
            .contains("aria-live=\"polite\">250,00 EUR</output>"),
        "the only share type is chosen, one share, and its total shown without JavaScript"
    );
    assert!(
        page.body.contains("name=\"website\""),
        "the honeypot is there"
    );

    let response = fill_in(&mut app, "/subscribe", &person()).await;
    goes_to_thanks(&response);
    let stored = requests(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(
        response.location(),
        Some(format!("/subscribe/thanks?request={}&lang=fr", stored[0].id).as_str())
    );
    let mut tx = app.store.begin_read().await.unwrap();
    let request = tx.get_request(stored[0].id).await.unwrap().unwrap();
    drop(tx);
    assert_eq!(request.state, RequestState::Submitted);
    assert_eq!(request.request.channel, Channel::OnlineForm);
    assert_eq!(request.request.quantity.get(), 4);
    assert_eq!(
        request.request.amount.to_string(),
        "1000.00",
        "4 × 250, computed on the server"
    );
    assert_eq!(request.request.language, Language::Fr);

    let people = contacts(&app).await;
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].kind, ContactKind::Person);
    assert_eq!(people[0].email.as_str(), "anais@example.be");

    let sent = emails(&app).await;
    assert_eq!(sent.len(), 1);
    let email = &sent[0].email;
    assert_eq!(email.kind, EmailKind::RequestConfirmation);
    assert_eq!(email.language, Language::Fr);
    assert_eq!(email.to, ["anais@example.be"]);
    assert!(
        email.subject.contains("demande de souscription"),
        "{}",
        email.subject
    );

    let thanks = app.get(response.location().unwrap()).await;
    assert_eq!(thanks.status, StatusCode::OK);
    assert!(
        thanks
            .body
            .contains("Merci pour votre demande de souscription")
    );
    assert!(
        thanks
            .body
            .contains("Un e-mail de confirmation est en route.")
    );
}

#[tokio::test]
async fn the_home_page_is_the_form_too() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    let home = app.get_with("/", &[("accept-language", "en")]).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("<h1>Subscribe for shares</h1>"));
    assert!(home.body.contains("action=\"/subscribe?lang=en\""));
}

#[tokio::test]
async fn an_entity_subscribes_in_dutch_with_its_representative_as_a_linked_contact() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;

    let page = app
        .get_with("/subscribe?kind=entity", &[("accept-language", "nl-BE")])
        .await;
    assert!(page.body.contains("name=\"kind\" value=\"entity\""));
    assert!(page.body.contains("Wettelijk vertegenwoordiger"));
    assert!(
        page.body
            .contains("href=\"/subscribe?kind=entity&amp;lang=nl\" aria-current=\"page\"")
    );

    let response = fill_in(&mut app, "/subscribe?kind=entity", &entity()).await;
    goes_to_thanks(&response);

    let stored = requests(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].amount.to_string(), "2500.00");
    let all = contacts(&app).await;
    assert_eq!(all.len(), 2, "the entity and its representative");
    let bakery = all.iter().find(|c| c.kind == ContactKind::Entity).unwrap();
    let pieter = all.iter().find(|c| c.kind == ContactKind::Person).unwrap();
    assert_eq!(stored[0].contact, bakery.id);
    let mut tx = app.store.begin_read().await.unwrap();
    let links = tx.representatives_of_entity(bakery.id).await.unwrap();
    let holder = tx.get_contact(pieter.id).await.unwrap().unwrap();
    drop(tx);
    assert_eq!(links.len(), 1);
    assert_eq!(
        (links[0].person, links[0].role.as_str()),
        (pieter.id, "zaakvoerder")
    );
    assert_eq!(
        holder.details.address().city.as_str(),
        "Antwerpen",
        "the entity's address, as ticked"
    );

    let sent = emails(&app).await;
    assert_eq!(sent.len(), 2);
    let mut to: Vec<&str> = sent.iter().map(|e| e.email.to[0].as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, ["info@bakkerij.be", "pieter@example.be"]);
    for email in &sent {
        assert_eq!(email.email.kind, EmailKind::RequestConfirmation);
        assert_eq!(email.email.language, Language::Nl);
        assert!(
            email.email.subject.contains("inschrijvingsaanvraag"),
            "{}",
            email.email.subject
        );
    }
}

#[tokio::test]
async fn a_failed_submission_shows_each_error_next_to_its_field_keeps_everything_typed_and_stores_nothing()
 {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    app.get_with("/subscribe?lang=fr", &[]).await;

    let mut fields = with(&person(), "email_confirmation", "anais@exemple.be");
    fields = with(&fields, "applicant.address.city", "");
    fields = with(&fields, "applicant.birth_date", "2015-06-01");
    fields = with(&fields, "quantity", "41");
    fields = without(&fields, "consents");
    fields.push(("consents", "data_policy"));
    let response = fill_in(&mut app, "/subscribe", &fields).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &response.body;
    for (id, message) in [
        ("field-applicant.address.city", "Ce champ est obligatoire."),
        (
            "field-email_confirmation",
            "Les deux adresses e-mail ne sont pas identiques.",
        ),
        (
            "field-applicant.birth_date",
            "Vous n&#39;avez pas l&#39;âge requis",
        ),
        ("field-quantity", "Ce nombre de parts sort des limites"),
        (
            "field-consents.statutes",
            "Votre accord est nécessaire pour souscrire.",
        ),
        (
            "field-consents.financial_risk",
            "Votre accord est nécessaire pour souscrire.",
        ),
    ] {
        let error = format!("<p class=\"field__error\" id=\"{id}-error\">");
        let at = body
            .find(&error)
            .unwrap_or_else(|| panic!("no error for {id} in {body}"));
        assert!(body[at..].contains(message), "{id}: {message}");
        assert!(
            body.contains(&format!("<a href=\"#{id}\">")),
            "{id} is in the summary"
        );
        // The message sits right before its input.
        let input = body[at..].find(&format!("id=\"{id}\"")).unwrap();
        assert!(input < 400, "{id}: the message is next to its input");
    }
    assert!(
        body.contains("Le formulaire contient 6\u{a0}erreurs")
            || body.contains("Le formulaire contient 6 erreurs"),
        "{body}"
    );
    for kept in [
        "value=\"Anaïs\"",
        "value=\"Dubois-Léger\"",
        "value=\"2015-06-01\"",
        "value=\"anais@example.be\"",
        "value=\"anais@exemple.be\"",
        "value=\"+32 470 12 34 56\"",
        "value=\"Rue de la Loi 16\"",
        "value=\"BE71 0961 2345 6769\"",
        "value=\"41\"",
        "value=\"BE\" selected",
        "value=\"fr\" selected",
        "data-currency=\"EUR\" checked",
    ] {
        assert!(body.contains(kept), "{kept} is kept");
    }
    assert!(
        body.contains("value=\"data_policy\" checked"),
        "a ticked consent stays ticked"
    );
    assert!(!body.contains("value=\"statutes\" checked"));
    assert!(
        body.contains("10\u{202f}250,00 EUR"),
        "the server's total: 41 × 250"
    );
    nothing_is_stored(&app).await;

    // The same form, corrected, goes through with its token.
    let token = hidden(&response, "form_token");
    let csrf = response.csrf_token();
    let mut fixed = vec![
        ("csrf_token", csrf.as_str()),
        ("form_token", token.as_str()),
    ];
    fixed.extend(person());
    goes_to_thanks(&app.post_form("/subscribe", &fixed).await);
    assert_eq!(requests(&app).await.len(), 1);
}

#[tokio::test]
async fn errors_of_an_entity_are_shown_in_its_own_and_its_representative_fields() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    app.get("/subscribe?lang=en").await;
    let mut fields = with(&entity(), "applicant.registration_number", "0123.456.700");
    fields = with(&fields, "applicant.representative.email", "pieter@");
    fields = with(&fields, "applicant.address.city", "");
    let response = fill_in(&mut app, "/subscribe?kind=entity", &fields).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &response.body;
    for id in [
        "field-applicant.registration_number",
        "field-applicant.representative.email",
        "field-applicant.address.city",
    ] {
        assert!(
            body.contains(&format!("id=\"{id}-error\"")),
            "{id} in {body}"
        );
    }
    assert!(
        !body.contains("field-applicant.representative.address.city-error"),
        "the entity's address is used: its problem is shown once"
    );
    assert!(
        body.contains("Its legal representative – Email address: "),
        "{body}"
    );
    assert!(body.contains("value=\"Bakkerij Leonard BV\""));
    assert!(body.contains("value=\"zaakvoerder\""));
    assert!(body.contains("name=\"representative_same_address\" value=\"on\" checked"));
    nothing_is_stored(&app).await;
}

/// Someone who already asked for 30 shares (at most 40 per holder) asks for 11 more: the form
/// says, next to the quantity and in their language, that what they already hold or asked for
/// counts, rather than that 11 is outside the share type's limits; nothing is stored.
#[tokio::test]
async fn a_holder_over_the_maximum_with_what_they_already_asked_for_is_told_why() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    app.get_with("/subscribe?lang=fr", &[]).await;
    goes_to_thanks(&fill_in(&mut app, "/subscribe", &with(&person(), "quantity", "30")).await);

    let response = fill_in(&mut app, "/subscribe", &with(&person(), "quantity", "11")).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &response.body;
    let error = "<p class=\"field__error\" id=\"field-quantity-error\">";
    let at = body
        .find(error)
        .unwrap_or_else(|| panic!("no error for the quantity in {body}"));
    assert!(
        body[at..].contains("Avec les parts que vous détenez déjà ou avez déjà demandées"),
        "{}",
        &body[at..]
    );
    assert_eq!(requests(&app).await.len(), 1);
}

#[tokio::test]
async fn a_filled_honeypot_looks_like_success_but_records_nothing() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    let fields = with(&person(), "website", "https://spam.example");
    let response = fill_in(&mut app, "/subscribe", &fields).await;
    goes_to_thanks(&response);
    nothing_is_stored(&app).await;
}

#[tokio::test]
async fn the_same_form_sent_twice_records_one_request() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    let page = app.get("/subscribe").await;
    let (csrf, token) = (page.csrf_token(), hidden(&page, "form_token"));
    let mut fields = vec![
        ("csrf_token", csrf.as_str()),
        ("form_token", token.as_str()),
    ];
    fields.extend(person());
    let first = app.post_form("/subscribe", &fields).await;
    let second = app.post_form("/subscribe", &fields).await;
    goes_to_thanks(&first);
    assert_eq!(first.location(), second.location());
    assert_eq!(requests(&app).await.len(), 1);
    assert_eq!(emails(&app).await.len(), 1, "one confirmation");

    // A new page has a new token: a second request is a new one.
    let again = fill_in(&mut app, "/subscribe", &with(&person(), "quantity", "2")).await;
    goes_to_thanks(&again);
    assert_eq!(requests(&app).await.len(), 2);
    assert_ne!(
        hidden(&page, "form_token"),
        hidden(&app.get("/subscribe").await, "form_token")
    );
}

/// The value of the attribute `name` of the first `tag` element of a page, `&amp;` decoded.
fn attribute(page: &TestResponse, tag: &str, name: &str) -> String {
    let start = page.body.find(&format!("<{tag} ")).unwrap();
    let marker = format!("{name}=\"");
    let from = start + page.body[start..].find(&marker).unwrap() + marker.len();
    let end = from + page.body[from..].find('"').unwrap();
    page.body[from..end].replace("&amp;", "&")
}

fn in_dutch(page: &TestResponse) {
    assert!(page.body.contains("<html lang=\"nl\">"), "{}", page.body);
}

/// Shown in a frame on a site of another domain, the form comes back with no cookie at all:
/// browsers neither keep nor send a `SameSite=Lax` cookie there. It is recorded (once, even
/// sent twice), and the language the frame asked for (`?lang=nl`) is kept without the
/// language cookie, on the form shown again and on the thank-you page; a post that does carry
/// the visitor cookie must still match it.
#[tokio::test]
async fn a_form_sent_from_a_frame_on_another_site_without_any_cookie_is_recorded() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    let english = [("accept-language", "en")];
    let page = app.get_with("/subscribe?lang=nl", &english).await;
    let action = attribute(&page, "form", "action");
    assert_eq!(action, "/subscribe?lang=nl");
    let (csrf, token) = (page.csrf_token(), hidden(&page, "form_token"));
    let mut fields = vec![
        ("csrf_token", csrf.as_str()),
        ("form_token", token.as_str()),
    ];

    // A mistake first: the form comes back in Dutch, still without any cookie.
    fields.extend(with(&person(), "applicant.iban", "BE00 0000 0000 0000"));
    app.forget_cookies();
    let mistaken = app.post_form(&action, &fields).await;
    assert_eq!(mistaken.status, StatusCode::UNPROCESSABLE_ENTITY);
    in_dutch(&mistaken);
    assert_eq!(attribute(&mistaken, "form", "action"), "/subscribe?lang=nl");
    assert!(requests(&app).await.is_empty());

    fields.truncate(2);
    fields.extend(person());
    let mut thanks = String::new();
    for _ in 0..2 {
        app.forget_cookies();
        let sent = app.post_form(&action, &fields).await;
        goes_to_thanks(&sent);
        thanks = sent.location().unwrap().to_owned();
        assert!(thanks.ends_with("&lang=nl"), "{thanks}");
    }
    app.forget_cookies();
    let thanks = app.get_with(&thanks, &english).await;
    assert_eq!(thanks.status, StatusCode::OK);
    in_dutch(&thanks);
    let recorded = requests(&app).await;
    assert_eq!(recorded.len(), 1, "{recorded:?}");
    assert_eq!(recorded[0].channel, Channel::OnlineForm);
    assert_eq!(emails(&app).await.len(), 1, "one confirmation");

    // With the visitor cookie, a token that is not its own is refused, as on every form.
    app.forget_cookies();
    let other = app.get("/subscribe").await;
    let wrong = "0".repeat(64);
    let other_token = hidden(&other, "form_token");
    let mut forged = vec![
        ("csrf_token", wrong.as_str()),
        ("form_token", other_token.as_str()),
    ];
    forged.extend(with(&person(), "applicant.email", "autre@example.be"));
    assert!(app.cookie("coopshares_csrf").is_some());
    let refused = app.post_form("/subscribe", &forged).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

    // So is a signed-in visitor's post without their token.
    app.forget_cookies();
    app.log_in_as_manager().await;
    let signed_in = app.post_form("/subscribe", &forged).await;
    assert_eq!(
        signed_in.status,
        StatusCode::FORBIDDEN,
        "{}",
        signed_in.body
    );
    assert_eq!(requests(&app).await.len(), 1);
}

/// `fields` with a national register number typed in.
fn numbered(
    fields: &[(&'static str, &'static str)],
    national_id: &'static str,
) -> Vec<(&'static str, &'static str)> {
    let mut fields = fields.to_vec();
    fields.push(("applicant.national_id", national_id));
    fields
}

/// A cooperative that collects national register numbers asks for one on the form (optional),
/// tells a mistyped one next to its field, and keeps a right one on the contact; one that
/// does not collect them shows no such field and keeps nothing sent in it.
#[tokio::test]
async fn the_national_register_number_is_asked_checked_and_kept_only_when_collected() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    let french = [("accept-language", "fr-BE")];
    let page = app.get_with("/subscribe", &french).await;
    assert!(
        !page.body.contains("applicant.national_id"),
        "not collected: not asked"
    );
    let not_collected = fill_in(
        &mut app,
        "/subscribe",
        &numbered(&person(), "85.07.30-033.28"),
    )
    .await;
    goes_to_thanks(&not_collected);
    let mut tx = app.store.begin_read().await.unwrap();
    let holder = tx
        .get_contact(requests(&app).await[0].contact)
        .await
        .unwrap()
        .unwrap();
    drop(tx);
    let ContactDetails::Person(holder) = holder.details else {
        panic!("a person")
    };
    assert_eq!(holder.national_id, None);

    let token = app.api_token(ApiRole::Manager).await;
    let changed = app
        .api(
            Method::PUT,
            "/api/v1/settings",
            Some(&token),
            Some(r#"{"collect_national_id":true}"#),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.json()["collect_national_id"], true);
    let page = app.get_with("/subscribe", &french).await;
    assert!(
        page.body.contains("Numéro de registre national"),
        "{}",
        page.body
    );
    let bart = with(
        &with(&person(), "applicant.email", "bart@example.be"),
        "email_confirmation",
        "bart@example.be",
    );
    let mistyped = fill_in(&mut app, "/subscribe", &numbered(&bart, "85.07.30-033.29")).await;
    assert_eq!(mistyped.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        mistyped
            .body
            .contains("id=\"field-applicant.national_id-error\""),
        "{}",
        mistyped.body
    );
    assert!(
        mistyped.body.contains("value=\"85.07.30-033.29\""),
        "kept as typed"
    );
    assert_eq!(requests(&app).await.len(), 1, "nothing more stored");

    let right = fill_in(&mut app, "/subscribe", &numbered(&bart, "85 07 30 033 28")).await;
    goes_to_thanks(&right);
    let stored = requests(&app).await;
    let mut tx = app.store.begin_read().await.unwrap();
    let bart = tx.get_contact(stored[0].contact).await.unwrap().unwrap();
    drop(tx);
    let ContactDetails::Person(bart) = bart.details else {
        panic!("a person")
    };
    assert_eq!(bart.email.as_str(), "bart@example.be");
    assert_eq!(
        bart.national_id.map(|id| id.to_string()).as_deref(),
        Some("85.07.30-033.28")
    );
}

#[tokio::test]
async fn a_form_without_its_token_is_refused() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    let csrf = app.get("/subscribe").await.csrf_token();
    let mut fields = vec![("csrf_token", csrf.as_str()), ("form_token", "not-a-token")];
    fields.extend(person());
    assert_eq!(
        app.post_form("/subscribe", &fields).await.status,
        StatusCode::BAD_REQUEST
    );
    nothing_is_stored(&app).await;
}

#[tokio::test]
async fn a_share_type_off_the_form_or_only_for_entities_cannot_be_chosen_by_a_person() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    share_type(
        &app,
        TypeSpec {
            code: "HIDDEN",
            on_public_form: false,
            ..FOR_EVERYONE
        },
    )
    .await;
    share_type(
        &app,
        TypeSpec {
            code: "PRO",
            for_persons: false,
            ..FOR_EVERYONE
        },
    )
    .await;

    let person_page = app.get("/subscribe?lang=en").await;
    assert!(person_page.body.contains("value=\"A\""));
    assert!(
        !person_page.body.contains("value=\"HIDDEN\""),
        "not on the form"
    );
    assert!(
        !person_page.body.contains("value=\"PRO\""),
        "not for persons"
    );
    let entity_page = app.get("/subscribe?kind=entity").await;
    assert!(entity_page.body.contains("value=\"PRO\""));
    assert!(!entity_page.body.contains("value=\"HIDDEN\""));

    for (code, message) in [
        ("HIDDEN", "This value is not valid."),
        ("PRO", "This share type is not offered to you."),
    ] {
        let response = fill_in(&mut app, "/subscribe", &with(&person(), "share_type", code)).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{code}");
        let at = response
            .body
            .find("id=\"field-share_type-error\"")
            .unwrap_or_else(|| panic!("{code}: {}", response.body));
        assert!(response.body[at..].contains(message), "{code}");
    }
    nothing_is_stored(&app).await;
}

#[tokio::test]
async fn more_submissions_than_the_limit_from_one_address_are_refused() {
    let mut app = TestApp::new().await;
    share_type(&app, FOR_EVERYONE).await;
    let page = app.get("/subscribe").await;
    let (csrf, token) = (page.csrf_token(), hidden(&page, "form_token"));
    let from = |ip: [u8; 4]| {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("csrf_token", csrf.as_str()),
                ("form_token", token.as_str()),
                ("kind", "person"),
            ])
            .finish();
        Request::post("/subscribe")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .extension(ConnectInfo(SocketAddr::from((ip, 40_000))))
            .body(Body::from(body))
            .unwrap()
    };
    for _ in 0..FORM_SUBMISSIONS {
        let response = app.request(from([203, 0, 113, 7])).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let refused = app.request(from([203, 0, 113, 7])).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        app.request(from([198, 51, 100, 1])).await.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another address is not affected"
    );
}

#[tokio::test]
async fn without_a_share_type_on_the_form_the_page_says_subscriptions_are_not_open() {
    let mut app = TestApp::new().await;
    share_type(
        &app,
        TypeSpec {
            on_public_form: false,
            ..FOR_EVERYONE
        },
    )
    .await;
    let page = app
        .get_with("/subscribe", &[("accept-language", "en")])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Subscriptions are not open yet."));
    assert!(
        !page.body.contains("<form class=\"form subscribe-form\""),
        "no form"
    );
    assert!(!page.body.contains("name=\"form_token\""));
}

#[tokio::test]
async fn the_live_total_script_is_served() {
    let mut app = TestApp::new().await;
    let script = app.get("/static/subscribe.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        script.headers.get(CONTENT_TYPE).unwrap(),
        "text/javascript; charset=utf-8"
    );
    assert!(script.body.contains("subscribe-total"));
}
