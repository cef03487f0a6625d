//! Login accounts, sessions and one-time links on PostgreSQL.

use async_trait::async_trait;
use coopshares_app::ports::{
    LinkPurpose, NewOneTimeLink, NewSession, NewUser, OneTimeLink, OneTimeLinks, SessionRecord,
    Sessions, StoreError, UserRecord, Users,
};
use coopshares_domain::email::Email;
use coopshares_domain::ids::{ContactId, UserAccountId};
use coopshares_domain::language::Language;
use coopshares_domain::user::Role;
use sqlx::Row;
use sqlx::postgres::PgRow;
use time::OffsetDateTime;

use crate::error::{corrupt, map};
use crate::tx::PgTx;

const USER_COLUMNS: &str =
    "u.id, u.email, u.password_hash, u.role, u.language, u.contact_id, u.created_at";

fn user_from_row(row: &PgRow) -> Result<UserRecord, StoreError> {
    let email: String = row.try_get("email").map_err(map)?;
    let role: String = row.try_get("role").map_err(map)?;
    let language: Option<String> = row.try_get("language").map_err(map)?;
    let contact: Option<i64> = row.try_get("contact_id").map_err(map)?;
    Ok(UserRecord {
        id: UserAccountId::new(row.try_get("id").map_err(map)?),
        email: Email::parse(&email).map_err(|_| corrupt("email", &email))?,
        password_hash: row.try_get("password_hash").map_err(map)?,
        role: role.parse().map_err(|_| corrupt("role", &role))?,
        language: language
            .map(|code| code.parse().map_err(|_| corrupt("language", &code)))
            .transpose()?,
        contact: contact.map(ContactId::new),
        created_at: row.try_get("created_at").map_err(map)?,
    })
}

#[async_trait]
impl Users for PgTx {
    async fn insert_user(&mut self, user: &NewUser) -> Result<UserAccountId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, role, language, contact_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(user.email.as_str())
        .bind(&user.password_hash)
        .bind(user.role.as_str())
        .bind(user.language.map(Language::code))
        .bind(user.contact.map(ContactId::get))
        .bind(user.created_at)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(UserAccountId::new(id))
    }

    async fn find_user_by_email(
        &mut self,
        email: &Email,
    ) -> Result<Option<UserRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1"
        ))
        .bind(email.as_str())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(user_from_row)
        .transpose()
    }

    async fn get_user(&mut self, id: UserAccountId) -> Result<Option<UserRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(user_from_row)
        .transpose()
    }

    async fn set_password_hash(
        &mut self,
        id: UserAccountId,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
            .bind(id.get())
            .bind(password_hash)
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "user account",
            });
        }
        Ok(())
    }

    async fn set_user_language(
        &mut self,
        id: UserAccountId,
        language: Option<Language>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
            .bind(id.get())
            .bind(language.map(Language::code))
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "user account",
            });
        }
        Ok(())
    }

    async fn set_user_email(&mut self, id: UserAccountId, email: &Email) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE users SET email = $2 WHERE id = $1")
            .bind(id.get())
            .bind(email.as_str())
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "user account",
            });
        }
        Ok(())
    }

    async fn count_users_with_role(&mut self, role: Role) -> Result<u64, StoreError> {
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM users WHERE role = $1")
            .bind(role.as_str())
            .fetch_one(&mut *self.tx)
            .await
            .map_err(map)?;
        Ok(u64::try_from(count).unwrap_or_default())
    }

    async fn find_user_by_contact(
        &mut self,
        contact: ContactId,
    ) -> Result<Option<UserRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.contact_id = $1"
        ))
        .bind(contact.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(user_from_row)
        .transpose()
    }

    async fn link_user_to_contact(
        &mut self,
        id: UserAccountId,
        contact: ContactId,
    ) -> Result<(), StoreError> {
        // Another account of the person breaks the unique constraint: Duplicate("user_contact").
        let done =
            sqlx::query("UPDATE users SET contact_id = $2 WHERE id = $1 AND contact_id IS NULL")
                .bind(id.get())
                .bind(contact.get())
                .execute(&mut *self.tx)
                .await
                .map_err(map)?;
        if done.rows_affected() == 0 {
            return Err(match self.get_user(id).await? {
                None => StoreError::NotFound {
                    entity: "user account",
                },
                Some(_) => StoreError::Conflict {
                    entity: "user account",
                    id: id.to_string(),
                },
            });
        }
        Ok(())
    }
}

#[async_trait]
impl Sessions for PgTx {
    async fn insert_session(&mut self, session: &NewSession) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&session.token_hash)
        .bind(session.user.get())
        .bind(&session.csrf_token)
        .bind(session.created_at)
        .bind(session.expires_at)
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn find_session(
        &mut self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SessionRecord>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.created_at AS session_created_at, s.expires_at
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?;
        row.map(|row| {
            Ok(SessionRecord {
                user: user_from_row(&row)?,
                csrf_token: row.try_get("csrf_token").map_err(map)?,
                created_at: row.try_get("session_created_at").map_err(map)?,
                expires_at: row.try_get("expires_at").map_err(map)?,
            })
        })
        .transpose()
    }

    async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        Ok(())
    }

    async fn delete_user_sessions(
        &mut self,
        user: UserAccountId,
        keep_token_hash: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2")
            .bind(user.get())
            .bind(keep_token_hash)
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        Ok(())
    }

    async fn delete_expired_sessions(&mut self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        Ok(done.rows_affected())
    }
}

fn link_from_row(row: &PgRow) -> Result<OneTimeLink, StoreError> {
    let user: Option<i64> = row.try_get("user_id").map_err(map)?;
    Ok(OneTimeLink {
        user: user.map(UserAccountId::new),
        payload: row.try_get("payload").map_err(map)?,
        expires_at: row.try_get("expires_at").map_err(map)?,
    })
}

#[async_trait]
impl OneTimeLinks for PgTx {
    async fn insert_link(&mut self, link: &NewOneTimeLink) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO one_time_links (token_hash, purpose, user_id, created_at, expires_at,
                 payload)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&link.token_hash)
        .bind(link.purpose.as_str())
        .bind(link.user.map(UserAccountId::get))
        .bind(link.created_at)
        .bind(link.expires_at)
        .bind(link.payload.as_deref())
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn find_link(
        &mut self,
        token_hash: &str,
        purpose: LinkPurpose,
        now: OffsetDateTime,
    ) -> Result<Option<OneTimeLink>, StoreError> {
        sqlx::query(
            "SELECT user_id, payload, expires_at FROM one_time_links
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(link_from_row)
        .transpose()
    }

    async fn use_link(
        &mut self,
        token_hash: &str,
        purpose: LinkPurpose,
        now: OffsetDateTime,
    ) -> Result<OneTimeLink, StoreError> {
        let row = sqlx::query(
            "UPDATE one_time_links SET used_at = $3
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING user_id, payload, expires_at",
        )
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?;
        match row {
            Some(row) => link_from_row(&row),
            None => Err(StoreError::Conflict {
                entity: "link",
                id: purpose.as_str().to_owned(),
            }),
        }
    }
}
