# The audit log: who did what, when, to which record.

nav-register = Register
nav-audit = Audit log

admin-audit-title = Audit log
admin-audit-intro = Every change made in Coopshares, by whom and when, newest first. Lines are only ever added: none can be changed or removed.
admin-audit-action = Action
admin-audit-any = Any
admin-audit-who = Who
admin-audit-actor-hint = An account's email address, or operator, system, user:12, token:3.
admin-audit-record-type = Kind of record
admin-audit-record-type-hint = For example contact, subscription_request, capital_call, bank_statement.
admin-audit-record-id = Record number
admin-audit-from = From
admin-audit-to = To
admin-audit-filter = Filter
admin-audit-count = { $count ->
    [one] One line
   *[other] { $count } lines
}
admin-audit-when = When (UTC)
admin-audit-record = Record
admin-audit-details = Details
admin-audit-previous = Previous
admin-audit-next = Next
admin-audit-page = Page { $page } of { $pages }
admin-audit-empty = No line of the audit log matches.

audit-actor-operator = Server operator (command line)
audit-actor-system = Coopshares (automatic)
audit-actor-token = API token “{ $name }”
audit-actor-deleted-user = Account { $id } (no longer exists)
audit-actor-deleted-token = API token { $id } (no longer exists)

audit-record-contact = Contact
audit-record-subscription-request = Subscription request
audit-record-capital-call = Capital release request
audit-record-bank-statement = Bank statement
audit-record-statement-line = Statement line
audit-record-share-type = Share type
audit-record-settings = Settings
audit-record-user-account = Account
audit-record-api-token = API token
audit-record-email = Email
audit-record-email-template = Email template

audit-action-logged-in = Logged in
audit-action-password-changed = Password changed
audit-action-password-reset-requested = Password reset asked for
audit-action-password-reset = Password reset
audit-action-invitation-accepted = Invitation accepted
audit-action-manager-created = Manager account created
audit-action-member-account-created = Member account created
audit-action-user-account-linked = Account linked to a person
audit-action-email-change-requested = Change of login email asked for
audit-action-email-changed = Login email changed
audit-action-api-token-created = API token created
audit-action-api-token-revoked = API token revoked
audit-action-settings-changed = Settings changed
audit-action-csv-mapping-saved = CSV format of a bank account saved
audit-action-certificate-design-saved = Certificate design saved
audit-action-certificate-picture-saved = Certificate picture saved
audit-action-certificate-picture-removed = Certificate picture removed
audit-action-share-type-created = Share type created
audit-action-share-type-changed = Share type changed
audit-action-subscription-request-submitted = Subscription request received
audit-action-subscription-request-put-on-hold = Subscription request put on hold
audit-action-subscription-request-released = Subscription request released from hold
audit-action-subscription-request-cancelled = Subscription request cancelled
audit-action-subscription-request-validated = Subscription request validated
audit-action-capital-call-created = Capital release request issued
audit-action-capital-call-cancelled = Capital release request cancelled
audit-action-membership-changed = Membership changed
audit-action-member-admitted = Member admitted
audit-action-payment-recorded = Payment recorded
audit-action-payment-undone = Payment undone
audit-action-bank-statement-imported = Bank statement imported
audit-action-statement-line-typed = Statement line typed in
audit-action-statement-line-ignored = Statement line ignored
audit-action-certificate-issued = Membership certificate issued
audit-action-certificate-resent = Membership certificate sent again
audit-action-contact-change-proposed = Change of personal data proposed
audit-action-contact-change-approved = Change of personal data approved
audit-action-contact-change-rejected = Change of personal data rejected
audit-action-representation-ended = Representation ended
audit-action-test-email-queued = Test email queued
audit-action-email-retried = Email sent again
audit-action-email-template-saved = Email template saved
audit-action-email-template-reset = Email template reset
