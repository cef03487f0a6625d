//! Certificates and members' changes in the back office and the API: the certificate's design,
//! logo and signature; issued certificates downloaded and sent again as stored; the latest
//! certificate through the API; representations ended; changes of personal data approved or
//! rejected.

use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, Request, StatusCode};
use coopshares_app::portal::{self, ProfileInput};
use coopshares_app::ports::{EmailRecord, UserRecord};
use coopshares_domain::ids::ContactId;
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::user::ApiRole;
use serde_json::{Value, json};

use crate::intake_api::person_body;
use crate::support::{TestApp, TestResponse, pdf_text, pdf_tools_available};
use crate::validation::{ready, submit, validate};

const DESIGN_PAGE: &str = "/admin/settings/certificate?lang=en";
const DESIGN_ACTION: &str = "/admin/settings/certificate";

/// Validates request `id` and pays its call in full through the API (which admits the holder
/// and issues a certificate); returns the holder's id.
async fn validate_and_pay(app: &mut TestApp, token: &str, id: &str) -> String {
    let (status, validated) = validate(app, token, id).await;
    assert_eq!(status, StatusCode::OK, "{validated}");
    let call = validated["capital_call"]["id"].as_str().unwrap().to_owned();
    let amount = validated["capital_call"]["amount"]
        .as_str()
        .unwrap()
        .to_owned();
    let paid = app
        .api(
            Method::POST,
            &format!("/api/v1/capital-calls/{call}/payments"),
            Some(token),
            Some(&json!({"amount": amount, "date": "2026-11-27"}).to_string()),
        )
        .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    validated["contact_id"].as_str().unwrap().to_owned()
}

/// A ready cooperative where Anaïs Dubois paid 4 shares in full; returns (manager token,
/// Anaïs's contact id).
async fn anais_paid(app: &mut TestApp) -> (String, String) {
    let token = ready(app).await;
    let request = submit(app, &token, &person_body("anais@example.be", 4)).await;
    let holder = validate_and_pay(app, &token, &request).await;
    (token, holder)
}

async fn certificate_emails(app: &TestApp) -> Vec<EmailRecord> {
    let mut tx = app.store().begin_read().await.unwrap();
    let mut all = tx.list_emails(None, 500, 0).await.unwrap();
    all.retain(|e| e.email.kind == EmailKind::Certificate);
    all.reverse();
    all
}

/// The id in the first `…/{id}/<suffix>` of `body` after `prefix`.
fn id_after(body: &str, prefix: &str) -> String {
    let start = body
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {body}"))
        + prefix.len();
    body[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

#[tokio::test]
async fn a_certificate_issued_on_full_payment_is_listed_downloaded_as_stored_and_sent_again() {
    let mut app = TestApp::new().await;
    let (token, holder) = anais_paid(&mut app).await;
    app.log_in_as_manager().await;
    let contact_page = format!("/admin/contacts/{holder}?lang=en");

    let page = app.get(&contact_page).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Certificate no. 1"), "{}", page.body);
    assert!(page.body.contains("1,000.00 EUR"), "{}", page.body);
    let id = id_after(&page.body, "href=\"/admin/certificates/");
    assert!(
        page.body
            .contains(&format!("action=\"/admin/certificates/{id}/resend\""))
    );

    let download = app
        .get(&format!("/admin/certificates/{id}/certificate.pdf"))
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers["content-type"], "application/pdf");
    assert_eq!(
        download.headers["content-disposition"],
        "attachment; filename=\"membership-certificate-1.pdf\""
    );
    assert!(download.bytes.starts_with(b"%PDF-"));
    let api = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{holder}/certificate.pdf"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    assert_eq!(api.headers["content-type"], "application/pdf");
    assert_eq!(api.bytes, download.bytes, "the API gives the stored PDF");

    let sent = certificate_emails(&app).await;
    assert_eq!(sent.len(), 1, "issuing queued one email");
    assert_eq!(sent[0].email.attachments[0].content, download.bytes);

    let resent = app
        .submit(
            &contact_page,
            &format!("/admin/certificates/{id}/resend"),
            &[],
        )
        .await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER, "{}", resent.body);
    assert_eq!(
        resent.location(),
        Some(format!("/admin/contacts/{holder}").as_str())
    );
    let page = app.get(&contact_page).await;
    assert!(
        page.body.contains("The certificate will be sent again"),
        "{}",
        page.body
    );
    let sent = certificate_emails(&app).await;
    assert_eq!(sent.len(), 2, "one more email");
    assert_eq!(sent[1].email.to, sent[0].email.to);
    assert_eq!(
        sent[1].email.attachments[0].filename,
        "membership-certificate-1.pdf"
    );
    assert_eq!(
        sent[1].email.attachments[0].content, download.bytes,
        "the same PDF, not redrawn"
    );

    // An unknown certificate: 404, nothing sent.
    assert_eq!(
        app.get("/admin/certificates/999/certificate.pdf")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let unknown = app
        .submit(&contact_page, "/admin/certificates/999/resend", &[])
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(certificate_emails(&app).await.len(), 2);
}

#[tokio::test]
async fn the_api_answers_404_in_the_error_shape_without_a_certificate_or_a_contact() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let request = submit(&mut app, &token, &person_body("lea@example.be", 2)).await;
    let (status, validated) = validate(&mut app, &token, &request).await;
    assert_eq!(status, StatusCode::OK);
    let unpaid = validated["contact_id"].as_str().unwrap();

    for path in [
        format!("/api/v1/contacts/{unpaid}/certificate.pdf"),
        "/api/v1/contacts/9999/certificate.pdf".to_owned(),
        "/api/v1/contacts/not-a-number/certificate.pdf".to_owned(),
    ] {
        let response = app.api(Method::GET, &path, Some(&token), None).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.json()["errors"][0]["code"], "not_found", "{path}");
    }

    let intake = app.api_token(ApiRole::Intake).await;
    let refused = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{unpaid}/certificate.pdf"),
            Some(&intake),
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let anonymous = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{unpaid}/certificate.pdf"),
            None,
            None,
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

/// Posts the design form from its page: every text blank but those given.
async fn submit_design(app: &mut TestApp, given: &[(&str, &str)]) -> TestResponse {
    let mut fields: Vec<(String, String)> = [
        ("signatory_name", ""),
        ("signatory_function", ""),
        ("orientation", "portrait"),
        ("accent", ""),
    ]
    .iter()
    .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
    .collect();
    for code in ["fr", "nl", "en", "de"] {
        for part in ["title", "intro", "closing"] {
            fields.push((format!("{part}_{code}"), String::new()));
        }
    }
    for (name, value) in given {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    app.submit(DESIGN_PAGE, DESIGN_ACTION, &fields).await
}

#[tokio::test]
async fn a_wrong_design_is_shown_with_its_errors_and_a_good_one_shapes_the_next_certificates() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    app.log_in_as_manager().await;

    // Linked from the settings page; the placeholders are listed.
    let settings = app.get("/admin/settings?lang=en").await;
    assert!(
        settings
            .body
            .contains("href=\"/admin/settings/certificate\"")
    );
    let page = app.get(DESIGN_PAGE).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for placeholder in [
        "{holder}",
        "{member_number}",
        "{cooperative}",
        "{date}",
        "{total_shares}",
    ] {
        assert!(page.body.contains(placeholder), "{placeholder} listed");
    }
    assert!(
        page.body
            .contains("/admin/settings/certificate/preview.pdf?language=de")
    );

    let refused = submit_design(
        &mut app,
        &[
            ("signatory_name", "Marie Dupont"),
            ("orientation", "landscape"),
            ("accent", "blue"),
            ("title_en", "Shares of {holder} ({shares})"),
        ],
    )
    .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("id=\"field-accent-error\""));
    assert!(refused.body.contains("id=\"field-title_en-error\""));
    assert!(refused.body.contains("a placeholder that does not exist"));
    assert!(refused.body.contains("value=\"blue\""), "typed colour kept");
    assert!(refused.body.contains("value=\"Marie Dupont\""));
    assert!(
        refused
            .body
            .contains("Shares of {holder} ({shares})</textarea>")
    );
    assert!(
        refused.body.contains("value=\"landscape\" checked"),
        "{}",
        refused.body
    );
    let stored = coopshares_app::settings::load(app.store()).await.unwrap();
    assert_eq!(
        stored.value.certificate,
        Default::default(),
        "nothing saved"
    );

    let saved = submit_design(
        &mut app,
        &[
            ("signatory_name", "Marie Dupont"),
            ("signatory_function", "Présidente"),
            ("orientation", "landscape"),
            ("accent", "#1F4E79"),
            ("title_fr", "Registre des parts {member_number}"),
            ("intro_fr", "{holder} détient {total_shares} parts."),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), Some(DESIGN_ACTION));
    let page = app.get(DESIGN_PAGE).await;
    assert!(page.body.contains("The certificate design is saved."));
    assert!(page.body.contains("value=\"#1f4e79\""), "{}", page.body);
    assert!(
        page.body
            .contains("Registre des parts {member_number}</textarea>")
    );
    let design = coopshares_app::settings::load(app.store())
        .await
        .unwrap()
        .value
        .certificate;
    assert_eq!(design.accent.as_deref(), Some("#1f4e79"));
    assert_eq!(design.signatory_name.as_deref(), Some("Marie Dupont"));
    assert_eq!(
        design.orientation,
        coopshares_app::documents::Orientation::Landscape
    );
    assert_eq!(
        design.texts.fr.title.as_deref(),
        Some("Registre des parts {member_number}")
    );
    assert_eq!(design.texts.en.title, None, "blank keeps the built-in");

    let preview = app
        .get("/admin/settings/certificate/preview.pdf?language=fr")
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.headers["content-type"], "application/pdf");
    assert!(
        preview.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    assert!(preview.bytes.starts_with(b"%PDF-"));

    // The next certificate issued (Anaïs writes in French) uses the new title.
    let request = submit(&mut app, &token, &person_body("anais@example.be", 4)).await;
    let holder = validate_and_pay(&mut app, &token, &request).await;
    let issued = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{holder}/certificate.pdf"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(issued.status, StatusCode::OK);
    if pdf_tools_available() {
        let text = pdf_text(&preview.bytes);
        assert!(text.contains("Registre des parts 1"), "{text}");
        let text = pdf_text(&issued.bytes);
        assert!(text.contains("Registre des parts 1"), "{text}");
        assert!(text.contains("Marie Dupont"), "{text}");
    }
}

const BOUNDARY: &str = "----coopsharesPictureBoundary5Xk2";

/// Uploads `bytes` as the `kind` picture through the page's form (the CSRF token in the
/// action's query, as the page writes it).
async fn upload_picture(
    app: &mut TestApp,
    kind: &str,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> TestResponse {
    let page = app.get(DESIGN_PAGE).await;
    let token = page.csrf_token();
    let action = format!("/admin/settings/certificate/pictures/{kind}?csrf_token={token}");
    assert!(
        page.body.contains(&format!("action=\"{action}\"")),
        "the form posts to {action}"
    );
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
             --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
             Content-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    app.request(
        Request::post(action)
            .header(
                CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// A small PNG: a dark blue square.
fn tiny_png() -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(8, 8, image::Rgb([0x1f, 0x4e, 0x79]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

#[tokio::test]
async fn a_png_logo_is_stored_and_shown_a_text_file_is_refused_and_removing_it_works() {
    let mut app = TestApp::new().await;
    ready(&mut app).await;
    app.log_in_as_manager().await;
    let page = app.get(DESIGN_PAGE).await;
    assert_eq!(page.body.matches("None yet.").count(), 2, "{}", page.body);
    assert_eq!(
        app.get("/admin/settings/certificate/pictures/logo")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let png = tiny_png();
    let stored = upload_picture(&mut app, "logo", "logo.png", "image/png", &png).await;
    assert_eq!(stored.status, StatusCode::SEE_OTHER, "{}", stored.body);
    assert_eq!(stored.location(), Some(DESIGN_ACTION));
    let page = app.get(DESIGN_PAGE).await;
    assert!(page.body.contains("The picture is saved."));
    assert!(
        page.body
            .contains("<img src=\"/admin/settings/certificate/pictures/logo\"")
    );
    assert_eq!(page.body.matches("None yet.").count(), 1, "the signature");
    let shown = app.get("/admin/settings/certificate/pictures/logo").await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.headers["content-type"], "image/png");
    assert_eq!(shown.bytes, png);
    // The preview draws with it.
    let preview = app
        .get("/admin/settings/certificate/preview.pdf?language=nl")
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.bytes.starts_with(b"%PDF-"));

    let refused = upload_picture(
        &mut app,
        "logo",
        "notes.txt",
        "text/plain",
        b"not a picture at all",
    )
    .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("id=\"field-logo-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Choose a PNG or JPEG picture."));
    // Over 2 MiB: refused by the app just past it, by the body limit far beyond it.
    let mut large = png.clone();
    large.resize(2 * 1024 * 1024 + 1, 0);
    let too_large = upload_picture(&mut app, "signature", "big.png", "image/png", &large).await;
    assert_eq!(too_large.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_large.body.contains("id=\"field-signature-error\""));
    assert!(too_large.body.contains("This file is too large."));
    large.resize(3 * 1024 * 1024, 0);
    let far_too_large = upload_picture(&mut app, "signature", "big.png", "image/png", &large).await;
    assert_eq!(far_too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        far_too_large.body.contains("This file is too large."),
        "{}",
        far_too_large.body
    );
    let shown = app.get("/admin/settings/certificate/pictures/logo").await;
    assert_eq!(shown.bytes, png, "the stored logo is kept");
    assert_eq!(
        app.get("/admin/settings/certificate/pictures/signature")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let no_such_kind = app
        .submit(
            DESIGN_PAGE,
            "/admin/settings/certificate/pictures/banner/delete",
            &[],
        )
        .await;
    assert_eq!(no_such_kind.status, StatusCode::NOT_FOUND);

    let removed = app
        .submit(
            DESIGN_PAGE,
            "/admin/settings/certificate/pictures/logo/delete",
            &[],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    let page = app.get(DESIGN_PAGE).await;
    assert!(page.body.contains("The picture is removed."));
    assert_eq!(page.body.matches("None yet.").count(), 2);
    assert_eq!(
        app.get("/admin/settings/certificate/pictures/logo")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn user_of_contact(app: &TestApp, contact: &str) -> UserRecord {
    let contact: ContactId = contact.parse().unwrap();
    let mut tx = app.store().begin_read().await.unwrap();
    tx.find_user_by_contact(contact)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account for contact {contact}"))
}

/// Anaïs moves: her member account proposes a new last name and address.
async fn propose(app: &TestApp, holder: &str, last_name: &str, street: &str) -> String {
    let user = user_of_contact(app, holder).await;
    let input = ProfileInput {
        first_name: "Anaïs".to_owned(),
        last_name: last_name.to_owned(),
        street: street.to_owned(),
        postal_code: "5000".to_owned(),
        city: "Namur".to_owned(),
        country: "BE".to_owned(),
        ..ProfileInput::default()
    };
    portal::propose_change(
        app.store(),
        app.clock.as_ref(),
        &user,
        holder.parse().unwrap(),
        &input,
    )
    .await
    .unwrap()
    .to_string()
}

async fn display_name(app: &mut TestApp, token: &str, contact: &str) -> String {
    let response = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{contact}"),
            Some(token),
            None,
        )
        .await;
    response.json()["display_name"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_manager_approves_or_rejects_changes_of_personal_data_once() {
    let mut app = TestApp::new().await;
    let (token, holder) = anais_paid(&mut app).await;
    app.log_in_as_manager().await;
    let dashboard = app.get("/admin?lang=en").await;
    assert!(
        dashboard
            .body
            .contains("No change of personal data waits for approval."),
        "{}",
        dashboard.body
    );

    let first = propose(&app, &holder, "Dubois-Léger", "Rue des Éoliennes 12").await;
    let dashboard = app.get("/admin?lang=en").await;
    assert!(
        dashboard
            .body
            .contains("One change of personal data waits for approval."),
        "{}",
        dashboard.body
    );
    assert!(dashboard.body.contains("href=\"/admin/changes\""));
    let contact_page = app.get(&format!("/admin/contacts/{holder}?lang=en")).await;
    assert!(contact_page.body.contains("Changes waiting for approval"));
    assert!(contact_page.body.contains("Anaïs Dubois-Léger"));
    assert!(contact_page.body.contains("href=\"/admin/changes\""));

    let list = app.get("/admin/changes?lang=en").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(
        list.body
            .contains(&format!("href=\"/admin/contacts/{holder}\""))
    );
    assert!(list.body.contains("Rue de la Loi 16"), "current address");
    assert!(
        list.body.contains("Rue des Éoliennes 12"),
        "proposed address"
    );
    assert!(
        list.body
            .contains(&format!("action=\"/admin/changes/{first}/approve\""))
    );

    let approved = app
        .submit(
            "/admin/changes?lang=en",
            &format!("/admin/changes/{first}/approve"),
            &[],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    assert_eq!(approved.location(), Some("/admin/changes"));
    let list = app.get("/admin/changes?lang=en").await;
    assert!(
        list.body.contains("The change is approved"),
        "{}",
        list.body
    );
    assert!(list.body.contains("No change waits for approval."));
    assert_eq!(
        display_name(&mut app, &token, &holder).await,
        "Anaïs Dubois-Léger"
    );
    let contact_page = app.get(&format!("/admin/contacts/{holder}?lang=en")).await;
    assert!(contact_page.body.contains("Rue des Éoliennes 12"));
    assert!(!contact_page.body.contains("Changes waiting for approval"));

    // Deciding it again: a conflict, said in a message.
    let twice = app
        .submit(
            "/admin/changes?lang=en",
            &format!("/admin/changes/{first}/reject"),
            &[],
        )
        .await;
    assert_eq!(twice.location(), Some("/admin/changes"));
    let list = app.get("/admin/changes?lang=en").await;
    assert!(
        list.body
            .contains("This change had already been approved or rejected"),
        "{}",
        list.body
    );
    assert_eq!(
        display_name(&mut app, &token, &holder).await,
        "Anaïs Dubois-Léger"
    );

    // Two proposals from the same details: once one is applied, the other is stale.
    let second = propose(&app, &holder, "Martin", "Rue Haute 3").await;
    let third = propose(&app, &holder, "Lambert", "Rue Basse 4").await;
    let list = app.get("/admin/changes?lang=en").await;
    let second_at = list.body.find(&format!("id=\"change-{second}\"")).unwrap();
    let third_at = list.body.find(&format!("id=\"change-{third}\"")).unwrap();
    assert!(second_at < third_at, "oldest first");
    let dashboard = app.get("/admin?lang=en").await;
    assert!(dashboard.body.contains("2 changes of personal data wait"));

    let rejected = app
        .submit(
            "/admin/changes?lang=en",
            &format!("/admin/changes/{second}/reject"),
            &[],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::SEE_OTHER);
    let list = app.get("/admin/changes?lang=en").await;
    assert!(
        list.body.contains("The change is rejected"),
        "{}",
        list.body
    );
    assert_eq!(
        display_name(&mut app, &token, &holder).await,
        "Anaïs Dubois-Léger",
        "rejecting leaves the contact as it was"
    );
    app.submit(
        "/admin/changes?lang=en",
        &format!("/admin/changes/{third}/approve"),
        &[],
    )
    .await;
    assert_eq!(
        display_name(&mut app, &token, &holder).await,
        "Anaïs Lambert"
    );

    let fourth = propose(&app, &holder, "Renard", "Rue Neuve 5").await;
    let fifth = propose(&app, &holder, "Colin", "Rue Verte 6").await;
    app.submit(
        "/admin/changes?lang=en",
        &format!("/admin/changes/{fourth}/approve"),
        &[],
    )
    .await;
    let list = app.get("/admin/changes?lang=en").await;
    assert!(
        list.body.contains("Edited since the proposal"),
        "{}",
        list.body
    );
    let stale = app
        .submit(
            "/admin/changes?lang=en",
            &format!("/admin/changes/{fifth}/approve"),
            &[],
        )
        .await;
    assert_eq!(stale.location(), Some("/admin/changes"));
    let list = app.get("/admin/changes?lang=en").await;
    assert!(
        list.body
            .contains("Reject it and ask the member to propose it again"),
        "{}",
        list.body
    );
    assert_eq!(
        display_name(&mut app, &token, &holder).await,
        "Anaïs Renard"
    );

    assert_eq!(
        app.submit("/admin/changes", "/admin/changes/9999/approve", &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

fn entity_body() -> String {
    json!({
        "applicant": {
            "kind": "entity", "name": "Boulangerie Léonard", "legal_form": "SRL",
            "registration_number": "0403.170.008", "email": "info@boulangerie.be",
            "iban": "BE71096123456769", "language": "fr",
            "address": {"street": "Grote Markt 1", "postal_code": "2000", "city": "Antwerpen", "country": "BE"},
            "representative": {"first_name": "Anaïs", "last_name": "Dubois", "email": "anais@example.be",
                               "address": {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles", "country": "BE"},
                               "function": "gérante"}
        },
        "share_type": "A", "quantity": 2,
        "consents": ["data_policy", "statutes", "financial_risk"]
    })
    .to_string()
}

fn ids(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn ending_a_representation_sets_its_end_date_once() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let request = submit(&mut app, &token, &entity_body()).await;
    let (status, validated) = validate(&mut app, &token, &request).await;
    assert_eq!(status, StatusCode::OK, "{validated}");
    let entity = validated["contact_id"].as_str().unwrap().to_owned();
    let found = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{entity}"),
            Some(&token),
            None,
        )
        .await
        .json();
    let person = ids(&found["representatives"]);
    assert_eq!(person.len(), 1, "{found}");
    let person = person[0].clone();
    app.log_in_as_manager().await;

    // The person's page lists the entity they represent.
    let person_page = app.get(&format!("/admin/contacts/{person}?lang=en")).await;
    assert!(
        person_page
            .body
            .contains(&format!("href=\"/admin/contacts/{entity}\""))
    );
    assert!(person_page.body.contains("Boulangerie Léonard"));

    let entity_page = format!("/admin/contacts/{entity}?lang=en");
    let page = app.get(&entity_page).await;
    assert!(
        page.body
            .contains(&format!("href=\"/admin/contacts/{person}\""))
    );
    let id = id_after(&page.body, "action=\"/admin/representations/");
    let action = format!("/admin/representations/{id}/end");
    assert!(
        page.body.contains("value=\"2026-11-28\""),
        "today by default"
    );

    let bad = app
        .submit(
            &entity_page,
            &action,
            &[("until", "28/11/2026"), ("contact", &entity)],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains(&format!("id=\"field-until-{id}-error\"")));
    assert!(bad.body.contains("value=\"28/11/2026\""), "typed date kept");
    let early = app
        .submit(
            &entity_page,
            &action,
            &[("until", "2001-01-01"), ("contact", &entity)],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early.body.contains("earlier than the start"),
        "{}",
        early.body
    );

    let ended = app
        .submit(
            &entity_page,
            &action,
            &[("until", "2026-11-28"), ("contact", &entity)],
        )
        .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.body);
    assert_eq!(
        ended.location(),
        Some(format!("/admin/contacts/{entity}").as_str())
    );
    let page = app.get(&entity_page).await;
    assert!(page.body.contains("The representation is ended."));
    assert!(page.body.contains("until 2026-11-28"), "{}", page.body);
    assert!(!page.body.contains(&action), "no form once ended");
    let found = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{entity}"),
            Some(&token),
            None,
        )
        .await
        .json();
    assert!(
        ids(&found["representatives"]).is_empty(),
        "only representations in force today: {found}"
    );
    let found = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{person}"),
            Some(&token),
            None,
        )
        .await
        .json();
    assert!(ids(&found["represents"]).is_empty(), "{found}");

    let twice = app
        .submit(
            &entity_page,
            &action,
            &[("until", "2026-11-28"), ("contact", &entity)],
        )
        .await;
    assert_eq!(twice.status, StatusCode::SEE_OTHER);
    let page = app.get(&entity_page).await;
    assert!(
        page.body.contains("This representation had already ended"),
        "{}",
        page.body
    );
    assert!(page.body.contains("until 2026-11-28"));
}

#[tokio::test]
async fn a_manager_issues_a_new_certificate_of_todays_holdings_but_not_for_a_contact_without_shares()
 {
    let mut app = TestApp::new().await;
    let (token, holder) = anais_paid(&mut app).await;
    app.log_in_as_manager().await;
    let page = format!("/admin/contacts/{holder}");
    let issued = app
        .submit(
            &page,
            &format!("/admin/contacts/{holder}/certificates"),
            &[],
        )
        .await;
    assert_eq!(issued.status, StatusCode::SEE_OTHER, "{}", issued.body);
    assert_eq!(issued.location(), Some(page.as_str()));
    let emails = certificate_emails(&app).await;
    assert_eq!(emails.len(), 2, "the first certificate and the new one");
    let listed = app.get(&page).await;
    assert!(listed.body.contains("certificate-2"), "{}", listed.body);

    // A candidate who has not paid holds nothing: nothing is issued.
    let other = submit(&mut app, &token, &person_body("tom@example.be", 1)).await;
    let (_, validated) = validate(&mut app, &token, &other).await;
    let candidate = validated["contact_id"].as_str().unwrap().to_owned();
    let refused = app
        .submit(
            &format!("/admin/contacts/{candidate}"),
            &format!("/admin/contacts/{candidate}/certificates"),
            &[],
        )
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert_eq!(certificate_emails(&app).await.len(), 2);
    let mut tx = app.store().begin_read().await.unwrap();
    let id: ContactId = candidate.parse().unwrap();
    assert!(tx.certificates_of_contact(id).await.unwrap().is_empty());
}
