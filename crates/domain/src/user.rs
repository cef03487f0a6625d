//! User accounts and API token roles.

use crate::email::Email;
use crate::ids::ContactId;
use crate::keyword::keyword_enum;

keyword_enum! {
    /// What a logged-in user may do.
    pub enum Role("role") {
        /// The cooperative's back office: everything.
        Manager => "manager",
        /// A member: sees and acts for their own person and the entities they represent.
        Member => "member",
    }
}

keyword_enum! {
    /// What an API token may do.
    pub enum ApiRole("API role") {
        /// Everything a manager can do through the API.
        Manager => "manager",
        /// Only submit subscription requests (a website's own form, a partner system).
        Intake => "intake",
    }
}

impl ApiRole {
    /// Both roles may submit subscription requests.
    pub fn can_submit_requests(self) -> bool {
        match self {
            ApiRole::Manager | ApiRole::Intake => true,
        }
    }

    /// Only a manager token may read and change the cooperative's data.
    pub fn can_manage(self) -> bool {
        match self {
            ApiRole::Manager => true,
            ApiRole::Intake => false,
        }
    }
}

/// A login account. It always belongs to a person; a member account acts for that person and
/// for every entity the person represents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserAccount {
    pub person: ContactId,
    /// The login, which may differ from the person's contact email.
    pub email: Email,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_use_their_stored_keywords() {
        assert_eq!(Role::Manager.as_str(), "manager");
        assert_eq!("member".parse(), Ok(Role::Member));
        assert!("admin".parse::<Role>().is_err());
        assert_eq!("intake".parse(), Ok(ApiRole::Intake));
        assert_eq!(ApiRole::Manager.to_string(), "manager");
    }

    #[test]
    fn both_api_roles_may_submit_requests() {
        assert!(ApiRole::Manager.can_submit_requests());
        assert!(ApiRole::Intake.can_submit_requests());
    }

    #[test]
    fn only_a_manager_token_may_manage() {
        assert!(ApiRole::Manager.can_manage());
        assert!(!ApiRole::Intake.can_manage());
    }

    #[test]
    fn a_user_account_belongs_to_a_person() {
        let account = UserAccount {
            person: ContactId::new(3),
            email: Email::parse("Ann@Example.org").unwrap(),
            role: Role::Member,
        };
        assert_eq!(account.email.as_str(), "ann@example.org");
        assert_eq!(account.person.get(), 3);
    }
}
