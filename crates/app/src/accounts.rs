//! Manager (and later member) accounts: passwords, sessions, the first-manager setup link.
//!
//! Passwords are hashed with Argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane, the
//! OWASP recommendation). Session cookies and one-time links carry 256-bit random tokens; the
//! database keeps only their SHA-256. A login with an unknown email costs the same time as one
//! with a wrong password, so the response does not reveal which accounts exist.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use coopshares_domain::email::Email;
use coopshares_domain::ids::UserAccountId;
use coopshares_domain::language::Language;
use coopshares_domain::user::Role;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::audit;
use crate::clock::Clock;
use crate::error::{AppError, FieldError};
use crate::ports::{
    Actor, LinkPurpose, NewOneTimeLink, NewSession, NewUser, SessionRecord, Store, StoreError,
    StoreTx, UserRecord,
};
use crate::secrets::{hash_token, random_token};

/// How long a session lasts after login.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);
/// How long the first-manager setup link printed by `serve` stays valid.
pub const SETUP_LINK_LIFETIME: Duration = Duration::hours(24);
pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 200;

/// A session just opened: the cookie value exists only here.
#[derive(Debug)]
pub struct Login {
    pub session_token: String,
    pub csrf_token: String,
    pub user: UserRecord,
    pub expires_at: OffsetDateTime,
}

/// Hashes a password with Argon2id and a random salt, as a PHC string.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Unexpected(e.to_string().into()))
}

fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash of nothing in particular, verified when the email is unknown so that both failures
/// take the same time.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a password of anyone").unwrap_or_default())
}

/// The rules for a new password, with the form's field names.
fn check_new_password(
    password: &str,
    again: &str,
    email: Option<&Email>,
    field: &str,
    again_field: &str,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        errors.push(FieldError::new(
            field,
            "password_too_short",
            format!("use at least {MIN_PASSWORD_CHARS} characters"),
        ));
    } else if chars > MAX_PASSWORD_CHARS {
        errors.push(FieldError::new(
            field,
            "password_too_long",
            format!("use at most {MAX_PASSWORD_CHARS} characters"),
        ));
    } else if email.is_some_and(|email| password.eq_ignore_ascii_case(email.as_str())) {
        errors.push(FieldError::new(
            field,
            "password_is_email",
            "the password must not be the email address",
        ));
    }
    if password != again {
        errors.push(FieldError::new(
            again_field,
            "passwords_differ",
            "the two passwords are not the same",
        ));
    }
    errors
}

fn parse_email(field: &str, input: &str) -> Result<Email, FieldError> {
    Email::parse(input).map_err(|e| FieldError::new(field, "invalid_email", e.to_string()))
}

async fn open_session(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    user: UserRecord,
) -> Result<Login, AppError> {
    let session_token = random_token()?;
    let csrf_token = random_token()?;
    let now = clock.now();
    let expires_at = now + SESSION_LIFETIME;
    tx.insert_session(&NewSession {
        token_hash: hash_token(&session_token),
        user: user.id,
        csrf_token: csrf_token.clone(),
        created_at: now,
        expires_at,
    })
    .await?;
    tx.append_audit(&audit::entry(
        now,
        &Actor::User(user.id),
        "logged_in",
        "user_account",
        user.id,
        json!({}),
    ))
    .await?;
    Ok(Login {
        session_token,
        csrf_token,
        user,
        expires_at,
    })
}

/// Checks an email and password; opens a session. Any mismatch is the same `Unauthorized`.
pub async fn log_in(
    store: &dyn Store,
    clock: &dyn Clock,
    email: &str,
    password: &str,
) -> Result<Login, AppError> {
    let mut tx = store.begin().await?;
    let user = match Email::parse(email) {
        Ok(email) => tx.find_user_by_email(&email).await?,
        Err(_) => None,
    };
    let Some(user) = user else {
        let _ = verify_password(password, dummy_hash());
        return Err(AppError::Unauthorized);
    };
    if !verify_password(password, &user.password_hash) {
        return Err(AppError::Unauthorized);
    }
    let login = open_session(tx.as_mut(), clock, user).await?;
    tx.commit().await?;
    Ok(login)
}

/// The live session behind a cookie value, if any.
pub async fn session(
    store: &dyn Store,
    clock: &dyn Clock,
    session_token: &str,
) -> Result<Option<SessionRecord>, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx
        .find_session(&hash_token(session_token), clock.now())
        .await?)
}

/// Ends the session behind a cookie value (nothing happens if there is none).
pub async fn log_out(store: &dyn Store, session_token: &str) -> Result<(), AppError> {
    let mut tx = store.begin().await?;
    tx.delete_session(&hash_token(session_token)).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the password of the signed-in user after checking the current one; every other
/// session of that user ends.
pub async fn change_password(
    store: &dyn Store,
    clock: &dyn Clock,
    session_token: &str,
    current: &str,
    new: &str,
    new_again: &str,
) -> Result<(), AppError> {
    let mut tx = store.begin().await?;
    let token_hash = hash_token(session_token);
    let session = tx
        .find_session(&token_hash, clock.now())
        .await?
        .ok_or(AppError::Unauthorized)?;
    let user = session.user;
    let mut errors = Vec::new();
    if !verify_password(current, &user.password_hash) {
        errors.push(FieldError::new(
            "current_password",
            "wrong_password",
            "the current password is not right",
        ));
    }
    errors.extend(check_new_password(
        new,
        new_again,
        Some(&user.email),
        "new_password",
        "new_password_confirm",
    ));
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    tx.set_password_hash(user.id, &hash_password(new)?).await?;
    tx.delete_user_sessions(user.id, Some(&token_hash)).await?;
    tx.append_audit(&audit::entry(
        clock.now(),
        &Actor::User(user.id),
        "password_changed",
        "user_account",
        user.id,
        json!({}),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Remembers the language a signed-in user chose.
pub async fn set_language(
    store: &dyn Store,
    user: UserAccountId,
    language: Language,
) -> Result<(), AppError> {
    let mut tx = store.begin().await?;
    tx.set_user_language(user, Some(language)).await?;
    tx.commit().await?;
    Ok(())
}

async fn insert_manager(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    actor: &Actor,
    email: Email,
    password: &str,
    language: Option<Language>,
) -> Result<UserRecord, AppError> {
    let user = NewUser {
        email,
        password_hash: hash_password(password)?,
        role: Role::Manager,
        language,
        contact: None,
        created_at: clock.now(),
    };
    let id = match tx.insert_user(&user).await {
        Err(StoreError::Duplicate(_)) => {
            return Err(AppError::field(
                "email",
                "email_taken",
                "an account with this email already exists",
            ));
        }
        other => other?,
    };
    tx.append_audit(&audit::entry(
        user.created_at,
        actor,
        "manager_created",
        "user_account",
        id,
        json!({ "email": user.email.as_str() }),
    ))
    .await?;
    Ok(UserRecord {
        id,
        email: user.email,
        password_hash: user.password_hash,
        role: user.role,
        language: user.language,
        contact: user.contact,
        created_at: user.created_at,
    })
}

/// `coopshares admin create`: a manager account from the command line.
pub async fn create_manager(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    email: &str,
    password: &str,
) -> Result<UserRecord, AppError> {
    let email = parse_email("email", email).map_err(|e| AppError::Validation(vec![e]))?;
    let errors = check_new_password(password, password, Some(&email), "password", "password");
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = store.begin().await?;
    let user = insert_manager(tx.as_mut(), clock, actor, email, password, None).await?;
    tx.commit().await?;
    Ok(user)
}

/// On a database with no manager, a one-time link to create the first one (the token to put
/// in `/setup/{token}`); `None` once a manager exists.
pub async fn setup_link(store: &dyn Store, clock: &dyn Clock) -> Result<Option<String>, AppError> {
    let mut tx = store.begin().await?;
    if tx.count_users_with_role(Role::Manager).await? > 0 {
        return Ok(None);
    }
    let token = random_token()?;
    let now = clock.now();
    tx.insert_link(&NewOneTimeLink {
        token_hash: hash_token(&token),
        purpose: LinkPurpose::ManagerSetup,
        user: None,
        payload: None,
        created_at: now,
        expires_at: now + SETUP_LINK_LIFETIME,
    })
    .await?;
    tx.commit().await?;
    Ok(Some(token))
}

/// Whether a setup link can still be used (to show the form or say it is spent).
pub async fn setup_link_is_valid(
    store: &dyn Store,
    clock: &dyn Clock,
    token: &str,
) -> Result<bool, AppError> {
    let mut tx = store.begin_read().await?;
    let link = tx
        .find_link(&hash_token(token), LinkPurpose::ManagerSetup, clock.now())
        .await?;
    Ok(link.is_some() && tx.count_users_with_role(Role::Manager).await? == 0)
}

/// Creates the first manager through a setup link and signs them in. The link works once, and
/// only while no manager exists.
pub async fn complete_setup(
    store: &dyn Store,
    clock: &dyn Clock,
    token: &str,
    email: &str,
    password: &str,
    password_again: &str,
    language: Language,
) -> Result<Login, AppError> {
    let email = parse_email("email", email);
    let mut errors = Vec::new();
    if let Err(error) = &email {
        errors.push(error.clone());
    }
    errors.extend(check_new_password(
        password,
        password_again,
        email.as_ref().ok(),
        "password",
        "password_confirm",
    ));
    let email = match email {
        Ok(email) if errors.is_empty() => email,
        _ => return Err(AppError::Validation(errors)),
    };
    let spent = || AppError::Conflict {
        code: "setup_link_used",
        detail: "this setup link was already used or has expired".to_owned(),
    };
    let mut tx = store.begin().await?;
    match tx
        .use_link(&hash_token(token), LinkPurpose::ManagerSetup, clock.now())
        .await
    {
        Err(StoreError::Conflict { .. }) => return Err(spent()),
        other => other?,
    };
    if tx.count_users_with_role(Role::Manager).await? > 0 {
        return Err(spent());
    }
    let user = insert_manager(
        tx.as_mut(),
        clock,
        &Actor::System,
        email,
        password,
        Some(language),
    )
    .await?;
    let login = open_session(tx.as_mut(), clock, user).await?;
    tx.commit().await?;
    Ok(login)
}

/// The account an invitation link is for, if the link can still be used (to show the form or
/// say it is spent).
pub async fn invitation(
    store: &dyn Store,
    clock: &dyn Clock,
    token: &str,
) -> Result<Option<UserRecord>, AppError> {
    let mut tx = store.begin_read().await?;
    let Some(link) = tx
        .find_link(&hash_token(token), LinkPurpose::Invitation, clock.now())
        .await?
    else {
        return Ok(None);
    };
    match link.user {
        Some(user) => Ok(tx.get_user(user).await?),
        None => Ok(None),
    }
}

/// A member sets the password of the account created at validation, through the invitation
/// link (single use, expires). Returns the account; the member then signs in.
pub async fn accept_invitation(
    store: &dyn Store,
    clock: &dyn Clock,
    token: &str,
    password: &str,
    password_again: &str,
) -> Result<UserRecord, AppError> {
    let spent = AppError::Conflict {
        code: "invitation_used",
        detail: "this invitation was already used or has expired".to_owned(),
    };
    let change = PasswordLink {
        purpose: LinkPurpose::Invitation,
        audit_action: "invitation_accepted",
        end_sessions: false,
    };
    set_password_through_link(store, clock, token, password, password_again, change, spent).await
}

/// What a one-time link that sets a password does besides setting it.
struct PasswordLink {
    purpose: LinkPurpose,
    audit_action: &'static str,
    /// Log the account out everywhere (a reset: someone else may know the old password).
    end_sessions: bool,
}

/// Sets a password through a one-time link of `change.purpose`: the link must be valid, the
/// password acceptable, and of two uses at once exactly one wins (the other gets `spent`).
async fn set_password_through_link(
    store: &dyn Store,
    clock: &dyn Clock,
    token: &str,
    password: &str,
    password_again: &str,
    change: PasswordLink,
    spent: AppError,
) -> Result<UserRecord, AppError> {
    let mut tx = store.begin().await?;
    let hash = hash_token(token);
    let Some(link) = tx.find_link(&hash, change.purpose, clock.now()).await? else {
        return Err(spent);
    };
    let user = match link.user {
        Some(id) => match tx.get_user(id).await? {
            Some(user) => user,
            None => return Err(spent),
        },
        None => return Err(spent),
    };
    let errors = check_new_password(
        password,
        password_again,
        Some(&user.email),
        "password",
        "password_confirm",
    );
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    match tx.use_link(&hash, change.purpose, clock.now()).await {
        Err(StoreError::Conflict { .. }) => return Err(spent),
        other => other?,
    };
    let password_hash = hash_password(password)?;
    tx.set_password_hash(user.id, &password_hash).await?;
    if change.end_sessions {
        tx.delete_user_sessions(user.id, None).await?;
    }
    tx.append_audit(&audit::entry(
        clock.now(),
        &Actor::User(user.id),
        change.audit_action,
        "user_account",
        user.id,
        json!({}),
    ))
    .await?;
    tx.commit().await?;
    Ok(UserRecord {
        password_hash,
        ..user
    })
}

/// How long a password-reset link stays valid.
pub const PASSWORD_RESET_LIFETIME: Duration = Duration::hours(1);

/// Someone asks to reset the password of `email`'s account. When an account has that address,
/// a one-time link is emailed to it; otherwise nothing happens. The caller answers the same
/// either way, so the form does not reveal which addresses have an account.
pub async fn request_password_reset(
    store: &dyn Store,
    mailer: &crate::email::Mailer,
    clock: &dyn Clock,
    email: &str,
) -> Result<(), AppError> {
    let Ok(email) = Email::parse(email) else {
        return Err(AppError::field(
            "email",
            "invalid_email",
            "this is not an email address",
        ));
    };
    let mut tx = store.begin().await?;
    let Some(user) = tx.find_user_by_email(&email).await? else {
        return Ok(());
    };
    let settings = crate::settings::load_in(tx.as_mut()).await?.value;
    let token = random_token()?;
    let now = clock.now();
    let expires_at = now + PASSWORD_RESET_LIFETIME;
    tx.insert_link(&NewOneTimeLink {
        token_hash: hash_token(&token),
        purpose: LinkPurpose::PasswordReset,
        user: Some(user.id),
        payload: None,
        created_at: now,
        expires_at,
    })
    .await?;
    let language = user.language.unwrap_or(settings.default_language);
    let mut recipient_name = String::new();
    if let Some(contact) = user.contact
        && let Some(contact) = tx.get_contact(contact).await?
    {
        recipient_name = contact.details.display_name();
    }
    crate::email::queue(
        tx.as_mut(),
        mailer,
        clock,
        coopshares_domain::outbox::EmailKind::PasswordReset,
        language,
        std::slice::from_ref(&user.email),
        &json!({
            "coop_name": crate::intake::coop_name(&settings),
            "recipient_name": recipient_name,
            "base_url": mailer.base_url,
            "link": format!("{}/password-reset/{token}", mailer.base_url),
            "expires_at": crate::format::timestamp(expires_at, language),
        }),
        Some(format!("user_account:{}", user.id)),
    )
    .await?;
    tx.append_audit(&audit::entry(
        now,
        &Actor::System,
        "password_reset_requested",
        "user_account",
        user.id,
        json!({}),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether a password-reset link can still be used (to show the form or say it is spent).
pub async fn password_reset_is_valid(
    store: &dyn Store,
    clock: &dyn Clock,
    token: &str,
) -> Result<bool, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx
        .find_link(&hash_token(token), LinkPurpose::PasswordReset, clock.now())
        .await?
        .is_some())
}

/// Sets a new password through a reset link (single use, expires) and ends every session of
/// the account.
pub async fn reset_password(
    store: &dyn Store,
    clock: &dyn Clock,
    token: &str,
    password: &str,
    password_again: &str,
) -> Result<UserRecord, AppError> {
    let spent = AppError::Conflict {
        code: "reset_link_used",
        detail: "this link was already used or has expired; ask for a new one".to_owned(),
    };
    let change = PasswordLink {
        purpose: LinkPurpose::PasswordReset,
        audit_action: "password_reset",
        end_sessions: true,
    };
    set_password_through_link(store, clock, token, password, password_again, change, spent).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn new_passwords_must_be_long_enough_match_and_differ_from_the_email() {
        let email = Email::parse("an@coop.example").unwrap();
        let codes = |p: &str, again: &str| -> Vec<&'static str> {
            check_new_password(p, again, Some(&email), "new", "again")
                .into_iter()
                .map(|e| e.code)
                .collect()
        };
        assert_eq!(codes("short", "short"), ["password_too_short"]);
        assert_eq!(
            codes("long enough pw", "long enough px"),
            ["passwords_differ"]
        );
        assert_eq!(
            codes("AN@coop.example", "AN@coop.example"),
            ["password_is_email"]
        );
        assert!(codes("long enough pw", "long enough pw").is_empty());
        let huge = "x".repeat(MAX_PASSWORD_CHARS + 1);
        assert_eq!(codes(&huge, &huge), ["password_too_long"]);
    }
}
