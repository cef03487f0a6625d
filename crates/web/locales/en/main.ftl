# Coopshares — English user interface.
# Key scheme: <area>-<page or part>-<element>, lower case with hyphens:
#   layout-*, nav-*, form-*, auth-login-*, auth-setup-*, auth-password-*, admin-dashboard-*,
#   error-<status>-title / error-<status>-message (error.html),
#   field-error-<code> (the app's FieldError code, `_` turned into `-`),
#   flash-<key> (one-time messages after a redirect), admin-next-* (dashboard next steps).
# Every key exists in fr, nl, en and de (a test checks it).
# No HTML in messages: templates escape everything they print.

## Layout
layout-skip-to-content = Skip to main content
layout-menu = Menu
layout-nav-label = Main navigation
layout-language-label = Language
layout-account = Account: { $email }
layout-footer = Share management with Coopshares, free software.

## Navigation
nav-dashboard = Dashboard
nav-requests = Subscription requests
nav-outbox = Outbox
nav-templates = Email templates
nav-settings = Settings
nav-password = Change password
nav-portal = My shares
nav-login = Log in
nav-logout = Log out

## Forms (shared)
form-required-note = Fields marked with * are required.
form-required-mark = required
form-password-hint = At least 10 characters. A few unrelated words are easy to remember and hard to guess.
form-error-prefix = Error:

## Field errors: `field-error-<code>`, the app's FieldError code with hyphens
field-error-required = This field is required.
field-error-invalid = This value is not valid. Check it and try again.
field-error-invalid-email = Enter an email address such as name@example.be.
field-error-passwords-differ = The two passwords are not the same.
field-error-password-too-short = This password is too short: use at least 10 characters.
field-error-password-too-long = This password is too long: use at most 200 characters.
field-error-password-is-email = The password must not be your email address.
field-error-wrong-password = The current password is not correct.
field-error-template-error = This template contains an error. Check the placeholders between {"{{"} and {"}}"}.

## One-time messages after an action: `flash-<key>`
flash-welcome = Your account is ready. Welcome!
flash-logged-out = You are logged out.
flash-password-changed = Your password has been changed.
flash-settings-saved = The settings have been saved.
flash-template-saved = The email template has been saved.
flash-template-reset = The email template is back to its original text.
flash-email-retried = The email will be sent again.
flash-test-email-queued = A test email is on its way.
flash-test-email-error = The test email could not be prepared. Check the address.

## Log in
auth-login-title = Log in
auth-login-intro = Log in with the email address and the password of your account.
auth-login-email = Email address
auth-login-password = Password
auth-login-submit = Log in
auth-login-error-invalid = The email address or the password is not correct.
auth-login-error-too-many = Too many attempts. Wait a few minutes, then try again.

## First manager
auth-setup-title = Create the first manager account
auth-setup-intro = Coopshares has no manager yet. The account you create here can manage the cooperative: its settings, the subscription requests and the members. This page is used only once.
auth-setup-email = Email address
auth-setup-password = Password
auth-setup-password-confirm = Password again
auth-setup-submit = Create the account

## Change password
auth-password-title = Change your password
auth-password-current = Current password
auth-password-new = New password
auth-password-new-confirm = New password again
auth-password-submit = Change the password

## Back office: dashboard
admin-dashboard-title = Dashboard
admin-dashboard-welcome = Welcome to the back office of { $name }.
admin-dashboard-next-steps = What to do next
admin-dashboard-nothing-to-do = Nothing is waiting for you right now.
admin-next-identity = Fill in the cooperative's name and address.
admin-next-iban = Add the cooperative's bank account (IBAN), needed for capital release requests.
admin-next-failed-emails = Some emails could not be sent. Check them and send them again.
admin-next-smtp = Emails are not sent yet: they are saved as files. Ask whoever installed Coopshares to set up sending.

## Error pages
error-status = Error { $status }
error-home = Back to the home page
error-400-title = Invalid request
error-400-message = The request could not be understood. Go back and try again.
error-403-title = Access denied
error-403-message = You do not have access to this page. If you think you should, log in with another account or ask a manager.
error-404-title = Page not found
error-404-message = This page does not exist or has moved. Check the address.
error-409-title = Changed at the same time
error-409-message = Someone else changed this record at the same time. Reload the page and try again.
error-429-title = Too many requests
error-429-message = Wait a few minutes, then try again.
error-500-title = Something went wrong
error-500-message = An unexpected error occurred and has been recorded. Try again later; if it persists, contact the person who runs this site.
error-csrf-title = Form expired
error-csrf-message = This form has expired. Reload the page and send it again.

## Back office: outbox, email templates, settings

admin-outbox-title = Outbox
admin-outbox-intro = Every email Coopshares sends waits here until it is delivered. An email that could not be delivered can be sent again.
admin-outbox-files = Emails are not sent: no mail server is set up (COOPSHARES_SMTP_URL), so each email is written as a file in the data folder.
admin-outbox-filter-label = Show emails
admin-outbox-filter-all = All
admin-outbox-filter-pending = Waiting ({ $count })
admin-outbox-filter-sent = Sent ({ $count })
admin-outbox-filter-failed = Failed ({ $count })
admin-outbox-created = Created
admin-outbox-to = To
admin-outbox-subject = Subject
admin-outbox-state = State
admin-outbox-attempts = Attempts
admin-outbox-newer = Newer emails
admin-outbox-older = Older emails
admin-outbox-empty = No email here yet.
admin-outbox-test-title = Send a test email
admin-outbox-test-intro = Check that emails from Coopshares reach their recipients.
admin-outbox-test-to = Send to
admin-outbox-test-submit = Send a test email
outbox-state-pending = Waiting
outbox-state-sent = Sent
outbox-state-failed = Failed
admin-email-back = Back to the outbox
admin-email-kind = Kind of email
admin-email-sent-at = Sent on
admin-email-next-attempt = Next attempt
admin-email-last-error = Last error
admin-email-about = About
admin-email-message-id = Message-ID
admin-email-retry = Send again
admin-email-text = Text version
admin-email-html = HTML version (source)
email-kind-request_confirmation = Subscription request received
email-kind-request_on_hold = Subscription request on hold
email-kind-request_cancelled = Subscription request cancelled
email-kind-payment_instructions = Capital release request and payment instructions
email-kind-invitation = Invitation to the member area
email-kind-certificate = Membership certificate
email-kind-password_reset = New password
email-kind-email_change_confirmation = Confirmation of a new email address
email-kind-test = Test email
admin-templates-title = Email templates
admin-templates-intro = These are the emails Coopshares sends. You can adapt each one in each language; until you do, the shipped text is used.
admin-templates-email = Email
admin-templates-custom = adapted
admin-templates-shipped = original
admin-template-back = Back to the email templates
admin-template-overridden = This template has been adapted for your cooperative.
admin-template-shipped = This is the original template. Change it and save to adapt it.
admin-template-variables = Facts you can put in the text (keep the double curly braces):
admin-template-problems = The template could not be used:
admin-template-subject = Subject
admin-template-text = Text version
admin-template-html = HTML version
admin-template-preview = Preview
admin-template-save = Save
admin-template-reset = Go back to the original text
admin-template-preview-title = Preview with example facts
admin-settings-title = Settings
admin-settings-intro = The cooperative's details appear on capital release requests, certificates and emails.
admin-settings-conflict = Someone else changed the settings while you were editing them. Reload the page to see their changes, then make yours again.
admin-settings-identity = The cooperative
admin-settings-name = Name
admin-settings-street = Street and number
admin-settings-postal-code = Postal code
admin-settings-city = City
admin-settings-country = Country
admin-settings-country-hint = Two letters: BE for Belgium, FR for France, NL, LU, DE…
admin-settings-registration-number = Enterprise number
admin-settings-bank = Bank account
admin-settings-iban = IBAN
admin-settings-bic = BIC
admin-settings-payments = Payments
admin-settings-currency = Currency
admin-settings-reference-scheme = Payment reference
admin-settings-scheme-ogm = Belgian structured communication (+++123/4567/89012+++)
admin-settings-scheme-rf = International creditor reference (RF…)
admin-settings-due-days = Days to pay
admin-settings-accounting-mode = Accounting
admin-settings-accounting-integrated = Kept in Coopshares: bank statements are imported here
admin-settings-accounting-external = Kept elsewhere: payments are registered by hand
admin-settings-members = Members
admin-settings-default-language = Default language
admin-settings-create-accounts = When a request is validated, create an account for the new member and send an invitation
admin-settings-save = Save the settings
language-fr = Français
language-nl = Nederlands
language-en = English
language-de = Deutsch

## Public subscription form
subscribe-title = Subscribe for shares
subscribe-intro = Become a member of the cooperative by subscribing for one or more shares. Fill in this form: you will receive an email confirming your subscription request, then, once it has been accepted, the payment instructions.
subscribe-closed = Subscriptions are not open yet. Come back later, or contact the cooperative.
subscribe-errors-title =
    { $count ->
        [one] The form contains one error. Correct it, then send the form again.
       *[other] The form contains { $count } errors. Correct them, then send the form again.
    }
subscribe-error-item = { $field }: { $error }
subscribe-kind-label = I subscribe
subscribe-kind-person = In my own name
subscribe-kind-entity = For a company or organisation
subscribe-honeypot = Leave this field empty
subscribe-you = About you
subscribe-first-name = First name
subscribe-last-name = Last name
subscribe-birth-date = Date of birth
subscribe-birth-date-hint = You must be at least { $age } years old to subscribe in your own name.
subscribe-email = Email address
subscribe-email-confirmation = Email address again
subscribe-email-confirmation-hint = Type it a second time, so that no typing mistake slips in.
subscribe-phone = Phone
subscribe-national-id = National register number
subscribe-national-id-hint = Optional. The 11 digits on the back of a Belgian identity card, for example 85.07.30-033.28.
subscribe-language = Language
subscribe-language-hint = The language of our emails and documents.
subscribe-address = Your address
subscribe-street = Street and number
subscribe-postal-code = Postal code
subscribe-city = City
subscribe-country = Country
subscribe-iban = Bank account (IBAN)
subscribe-iban-hint = Where dividends and the refund of your shares will be paid, for example BE71 0961 2345 6769.
subscribe-entity = The company or organisation
subscribe-entity-name = Name
subscribe-legal-form = Legal form
subscribe-legal-form-hint = For example SRL, SA, SC, ASBL (or BV, NV, CV, VZW).
subscribe-registration-number = Enterprise number
subscribe-registration-number-hint = In Belgium, the number in the Crossroads Bank for Enterprises (0123.456.789); in France, the SIREN number.
subscribe-entity-email = Email address of the company or organisation
subscribe-entity-iban-hint = The account of the company or organisation, where dividends and refunds will be paid.
subscribe-representative = Its legal representative
subscribe-representative-intro = The person who signs for the company or organisation (usually you).
subscribe-function = Function
subscribe-function-hint = For example director, manager, chair.
subscribe-representative-email-hint = The representative's own email address: a copy of the confirmation is sent there.
subscribe-same-address = The representative's address is that of the company or organisation
subscribe-shares = Your shares
subscribe-share-type = Share type
subscribe-share-price = { $amount } { $currency } per share
subscribe-share-limits = from { $min } to { $max } shares
subscribe-share-minimum =
    at least { $min } { $min ->
        [one] share
       *[other] shares
    }
subscribe-quantity = Number of shares
subscribe-total = Total:
subscribe-total-hint = Number of shares × value of one share. The amount to pay is confirmed in the email you will receive.
subscribe-consents = Your agreement
subscribe-submit = Send my subscription request
subscribe-thanks-title = Thank you for your subscription request
subscribe-thanks-received = Your subscription request has been received.
subscribe-thanks-email = A confirmation email is on its way. If it has not arrived within a few minutes, look in your spam folder.
subscribe-thanks-next = The cooperative will now examine your request. Once it is accepted, you will receive by email the capital release request with the payment instructions.
consent-data_policy = I have read how the cooperative processes my personal data (privacy policy) and I agree to it.
consent-statutes = I have read the statutes and the internal rules of the cooperative and I accept them.
consent-financial_risk = I understand that subscribing for shares is an investment with a risk: I may lose part or all of the money invested, and shares are refunded only under the conditions of the statutes.
consent-internal_rules = I have read the internal rules of the cooperative and I accept them.
consent-newsletter = I would like to receive the cooperative's news by email.
country-be = Belgium
country-fr = France
country-lu = Luxembourg
country-nl = Netherlands
country-de = Germany
country-at = Austria
country-ch = Switzerland
country-es = Spain
country-ie = Ireland
country-it = Italy
country-pt = Portugal
country-gb = United Kingdom
field-error-too-young = You are not old enough to subscribe in your own name.
field-error-emails-differ = The two email addresses are not the same.
field-error-not-for-holder = This share type is not offered to you. Choose another one.
field-error-out-of-range = This number of shares is outside the limits of this share type. Check the minimum and the maximum.
field-error-above-holder-maximum = With the shares you already hold or have asked for, this number goes over the most one member may hold of this share type. Ask for fewer shares.
field-error-consent-required = Your agreement is needed to subscribe.

## Back office: subscription requests, share types, contacts

nav-contacts = Contacts
nav-share-types = Share types
admin-requests-title = Subscription requests
admin-requests-search = Name or email
admin-requests-state = State
admin-requests-channel = Received through
admin-requests-share-type = Share type
admin-requests-from = From
admin-requests-to = To
admin-requests-any = All
admin-requests-filter = Filter
admin-requests-count = { $count ->
    [one] One request
   *[other] { $count } requests
}
admin-requests-number = No.
admin-requests-date = Date
admin-requests-holder = Holder
admin-requests-quantity = Shares
admin-requests-amount = Amount
admin-requests-previous = Previous page
admin-requests-next = Next page
admin-requests-page = Page { $page } of { $pages }
admin-requests-empty = No subscription request matches.
admin-requests-new = New subscription request
request-state-submitted = Received
request-state-validated = Validated
request-state-paid = Paid
request-state-cancelled = Cancelled
request-state-on_hold = On hold
request-channel-online_form = Online form
request-channel-back_office = Back office
request-channel-contact = Contact page
request-channel-api = API
membership-none = Not a member
membership-candidate = Candidate member
membership-cooperator = Member
membership-former = Former member
admin-request-title = Subscription request { $id }
admin-request-back = Back to the subscription requests
admin-request-conflict = Someone else changed this request meanwhile. Here it is as it is now; decide again if needed.
admin-request-hold-reason = Reason for putting it on hold
admin-request-cancel-reason = Reason for cancelling
admin-request-language = Language
admin-request-holder = Holder
admin-request-representative = Signed by the representative
admin-request-submitted = Data as submitted
admin-request-submitted-intro = Exactly what the applicant sent, kept unchanged as evidence.
admin-request-decide = Decide
admin-request-hold = Put on hold
admin-request-release = Take off hold
admin-request-cancel = Cancel the request
admin-share-types-title = Share types
admin-share-types-intro = The classes of shares the cooperative issues. A share type that was subscribed can be retired, never deleted or repriced.
admin-share-types-new = New share type
admin-share-types-back = Back to the share types
admin-share-types-holders = Who may hold them
admin-share-types-limits = Shares per holder
admin-share-types-status = Status
admin-share-types-persons = persons
admin-share-types-entities = companies and organisations
admin-share-types-retired = retired
admin-share-types-on-form = on the public form
admin-share-types-not-on-form = back office only
admin-share-types-empty = No share type yet. Create one to open subscriptions.
admin-share-type-code = Code
admin-share-type-code-hint = Short and permanent, for example A or B. It cannot be changed later.
admin-share-type-name = Name
admin-share-type-nominal-value = Nominal value
admin-share-type-for-persons = Natural persons may hold these shares
admin-share-type-for-entities = Companies and organisations may hold these shares
admin-share-type-min = Minimum per holder
admin-share-type-max = Maximum per holder
admin-share-type-max-hint = Leave empty for no maximum.
admin-share-type-on-form = Offer on the public form
admin-share-type-retired = Retired: no new subscriptions
admin-share-type-save = Save the share type
admin-share-type-subscribed = Shares of this type have been subscribed: its nominal value can no longer change.
admin-contacts-title = Contacts
admin-contacts-empty = No contact matches.
admin-contacts-back = Back to the contacts
admin-contact-name = Name
admin-contact-email = Email
admin-contact-membership = Membership
admin-contact-entity = organisation
admin-contact-subscribe = Subscribe shares
admin-contact-member-number = member no.
admin-contact-address = Address
admin-contact-legal-form = Legal form
admin-contact-registration-number = Enterprise number
admin-contact-birth-date = Date of birth
admin-contact-phone = Phone
admin-contact-represents = Represents
admin-contact-representatives = Representatives
admin-contact-since = since { $date }
admin-contact-until = until { $date }
admin-contact-no-links = None.
flash-request-on-hold = The request is on hold.
flash-request-released = The request is taken off hold.
flash-request-cancelled = The request is cancelled.
flash-share-type-saved = The share type has been saved.
flash-request-recorded = The subscription request has been recorded.
admin-request-new-intro = Type in a subscription request received on paper or by email. The same rules as on the public form apply.
admin-settings-iban-required = Applicants must give a bank account (IBAN)
admin-settings-collect-national-id = Ask persons for their national register number (optional for them; someone who gives it is recognised by it even with another email)
admin-settings-minimum-age = Minimum age to subscribe
admin-settings-minimum-age-hint = In years, for persons subscribing in their own name. Leave empty for no minimum.
admin-settings-notify-hold-cancel = Email the applicant when a request is put on hold or cancelled

## Validation and capital release requests (step 2)
admin-requests-select = Select
admin-requests-select-one = Select request { $id }
admin-requests-validate-selected = Validate the selected requests
admin-request-validate = Validate the request
admin-request-validate-intro = Validating creates the capital release request, makes the holder a candidate member and emails the payment instructions with the PDF.
admin-request-already-validated = This request was validated meanwhile (perhaps by someone else). Here it is as it is now.
admin-request-cooperative-not-ready = The payment instructions need the cooperative's name and IBAN. Fill them in the settings first.
admin-request-open-settings = Open the settings
admin-request-call-has-payments = Payments are recorded on this capital release request. Undo them before cancelling.
admin-request-cancel-call-too = Cancelling also cancels its open capital release request and reverses its accounting entry.
admin-validation-title = Validation of the selected requests
admin-validation-summary = { $validated ->
    [one] One request validated
   *[other] { $validated } requests validated
}, { $failed ->
    [0] none refused.
    [one] one not validated (see below).
   *[other] { $failed } not validated (see below).
}
admin-validation-result = Result
admin-validation-call = Capital release request
admin-validation-none = No request was selected. Tick the requests to validate in the list.
admin-validation-done = Validated
admin-validation-not-submitted = Not validated: it is not waiting for validation
admin-validation-not-found = Not found
admin-call-title = Capital release request { $number }
admin-call-open = Open the capital release request
admin-call-due = due { $date }
admin-call-back = Back to the subscription request
admin-call-paid = Paid so far
admin-call-due-amount = Still due
admin-call-reference = Payment reference
admin-call-issued = Issued on
admin-call-due-date = Due date
admin-call-pdf = Download the PDF
admin-call-entries = Accounting entries
admin-call-entry-kind = Entry
admin-call-account = Account
admin-call-debit = Debit
admin-call-credit = Credit
admin-call-cancel = Cancel the capital release request
admin-call-cancel-intro = Its subscription request is cancelled too, its accounting entry reversed, and the applicant told.
admin-call-reason-required = Give a reason for cancelling.
call-state-open = Open
call-state-paid = Paid
call-state-cancelled = Cancelled
entry-kind-capital_call = Capital called
entry-kind-capital_call_cancellation = Capital call cancelled
entry-kind-payment = Payment
entry-kind-payment_reversal = Payment undone
admin-contact-requests = Subscription requests
admin-contact-no-requests = No subscription request in this contact's name.
admin-contact-calls = Capital release requests
admin-contact-no-calls = No capital release request yet.
flash-request-validated = The request is validated. The payment instructions are on their way.
flash-capital-call-cancelled = The capital release request and its subscription request are cancelled.
flash-invitation-accepted = Your password is set. You can now log in with your email address.
auth-invitation-title = Choose your password
auth-invitation-intro = Your member account is { $email }. Choose a password to log in.
auth-invitation-submit = Save my password
auth-invitation-spent-title = This link no longer works
auth-invitation-spent-body = The invitation was already used or has expired. If you have set your password, log in; otherwise ask the cooperative for a new invitation.
auth-invitation-spent-login = Log in
admin-settings-chart = Chart of accounts
admin-settings-chart-intro = The accounts Coopshares posts to. By default, those of your country's standard chart.
admin-settings-chart-capital = Subscribed capital (equity)
admin-settings-chart-receivable = Members' unpaid called capital
admin-settings-chart-bank = Bank
field-error-not-equity = Capital is equity: use an account of class 1, never an income account.
field-error-accounts-not-distinct = The three accounts must be different.

## Bank statements and payments (step 3)
nav-bank-statements = Bank statements
admin-dashboard-banking = Bank and payments
admin-dashboard-to-reconcile = { $count ->
    [0] No statement line waits to be reconciled.
    [one] One statement line waits to be reconciled.
   *[other] { $count } statement lines wait to be reconciled.
}
admin-dashboard-overpayments = { $count ->
    [0] No overpayment flagged.
    [one] One overpayment flagged: check it.
   *[other] { $count } overpayments flagged: check them.
}
admin-statements-title = Bank statements
admin-statements-intro = Import the statements of the cooperative's account: payments with their reference are reconciled at once.
admin-statements-waiting = { $count ->
    [one] One line waits for you. Open its statement to reconcile it.
   *[other] { $count } lines wait for you. Open their statements to reconcile them.
}
admin-statements-upload = Import a statement
admin-statements-file = Statement file
admin-statements-file-hint = camt.053 (XML), CODA or CSV, as your bank exports it; at most { $size } MB. The same file twice is imported once.
admin-statements-account = Bank account (CSV files)
admin-statements-account-hint = Several CSV layouts are saved: choose the account this file comes from.
admin-statements-account-none = Not a CSV file
admin-statements-uploading = Sending the file…
admin-statements-import = Import
admin-statements-imports = Imports
admin-statements-date = Imported on
admin-statements-filename = File
admin-statements-format = Format
admin-statements-lines = Lines
admin-statements-matched = Reconciled
admin-statements-unmatched = To reconcile
admin-statements-ignored = Set aside
admin-statements-no-filename = (no name)
admin-statements-empty = No statement imported yet.
admin-statements-overpayments = Overpayments
admin-statements-overpayments-intro = These payments were more than what was due. Refund the difference or agree with the member what to do with it.
admin-statements-no-overpayments = No overpayment.
admin-statements-error-network = The file could not be sent. Check your connection and try again.
admin-statements-error-too-large = This file is too large to be a statement.
admin-statements-error-upload = The file could not be received. Try again.
admin-statements-error-no-file = Choose a statement file.
admin-statements-error-unbalanced = The file was refused: its balances do not add up, so a movement may be missing. Nothing was imported. Export the statement again from your bank.
admin-statements-error-malformed = The file was refused: it is not a statement Coopshares can read. Nothing was imported. What went wrong:
statement-format-camt053 = camt.053
statement-format-coda = CODA
statement-format-csv = CSV
statement-format-manual = Typed in
admin-statement-title = Statement { $name }
admin-statement-back = Back to the bank statements
admin-statement-error-line = Go to the line
admin-statement-waiting = { $count ->
    [one] One line waits for you: confirm a suggestion, split the line over several requests, or set it aside.
   *[other] { $count } lines wait for you: for each, confirm a suggestion, split the line over several requests, or set it aside.
}
admin-statement-done = Every line of this statement is reconciled or set aside. Nothing waits for you here.
admin-statement-certificates-owed = { $count ->
    [one] The certificate of one new member is being prepared; it is emailed as soon as it is ready. Nothing to do.
   *[other] The certificates of { $count } members are being prepared, a few each second; each is emailed as soon as it is ready. Nothing to do.
}
admin-statement-value-date = Value date
admin-statement-amount = Amount
admin-statement-counterparty = From / to
admin-statement-communication = Communication
admin-statement-state = State
admin-statement-act = Reconcile
admin-statement-no-lines = This file brought no new movement (they were all imported before).
admin-statement-to-reconcile = Lines to reconcile
admin-statement-suggestions-intro = Capital release requests this payment may be for, most likely first. Nothing is reconciled until you confirm.
admin-statement-due = { $amount } due
admin-statement-clues = Because:
admin-statement-confirm = Confirm
admin-statement-no-suggestion = No open capital release request looks like this payment.
admin-statement-split = Split the line over several requests
admin-statement-split-intro = Choose the requests and the amount for each; the amounts must add up to the line.
admin-statement-split-call = Request { $n }
admin-statement-split-amount = Amount { $n }
admin-statement-split-submit = Reconcile these shares
admin-statement-ignore-note = Note (optional)
admin-statement-ignore = Not about capital
line-state-unmatched = To reconcile
line-state-matched = Reconciled
line-state-ignored = Set aside
admin-line-note-debit = Money paid out
admin-line-note-reversal = Reversal
clue-same_amount = same amount
clue-known_account = known account
clue-similar_name = similar name
clue-reference_typo = reference with a typo
admin-bank-conflict-not-a-payment = This line is money paid out or a reversal: it cannot pay a capital release request.
admin-bank-conflict-line-not-unmatched = This line is already reconciled or set aside (perhaps by someone else). The page shows it as it is now.
admin-bank-conflict-call-not-open = This capital release request is no longer open: it takes no more payments.
admin-bank-conflict-call-changed = This capital release request changed meanwhile. Try again.
admin-bank-conflict-payment-admitted = This payment completed the request: the member is admitted and the shares issued, so it can no longer be undone.
admin-bank-conflict-payment-undone = This payment was already undone.
admin-payments-title = Payments
admin-payments-date = Date
admin-payments-source = From
admin-payments-actions = Actions
admin-payments-from-statement = Bank statement
admin-payments-by-hand = Registered by hand
admin-payments-active = Counted
admin-payments-undone = Undone
admin-payments-excess = { $amount } too much
admin-payments-undo = Undo
admin-payments-none = No payment received yet.
admin-payments-register = Register a payment
admin-payments-register-intro = For money received that no imported statement shows (accounting kept elsewhere).
admin-payments-amount = Amount received
admin-payments-amount-hint = For example 250.00
admin-payments-note = Note
admin-payments-register-submit = Register the payment
admin-contact-holdings = Shares held
admin-contact-holding-value = Value
admin-contact-holding-since = Since
admin-contact-no-holdings = No shares yet.
field-error-invalid-amount = Enter an amount such as 250.00, with no more decimals than the currency has.
field-error-amount-not-positive = The amount must be more than zero.
field-error-split-does-not-add-up = The amounts do not add up to the line.
field-error-currency-mismatch = The line and the request are not in the same currency.
field-error-date-in-future = The date cannot be later than today.
field-error-invalid-date = Enter a date such as 2026-03-31.
field-error-too-long = This text is too long.
flash-statement-imported = The statement is imported.
flash-statement-already-imported = This file had already been imported: here it is, nothing was added.
flash-line-matched = The line is reconciled.
flash-line-ignored = The line is set aside.
flash-payment-undone = The payment is undone.
flash-payment-registered = The payment is registered.
flash-payment-registered-admitted = The payment is registered. The request is paid in full: the holder is a cooperator.
admin-csv-mappings = CSV exports
admin-csv-mappings-intro = A bank's CSV export can only be read once you have said which column holds what, for the account it comes from.
admin-csv-account = Bank account (IBAN)
admin-csv-account-hint = The account whose exports these are, for example BE71 0961 2345 6769.
admin-csv-columns = Columns
admin-csv-actions = Actions
admin-csv-edit = Edit
admin-csv-forget = Forget
admin-csv-none = No CSV layout saved yet.
admin-csv-add = Add a CSV mapping
admin-csv-new = Add a CSV mapping
admin-csv-edit-title = CSV mapping
admin-csv-back = Back to the bank statements
admin-csv-intro = Tell Coopshares how to read the CSV exports of this bank account.
admin-csv-error-mapping = This layout cannot be used. What is wrong:
admin-csv-format = How the file is written
admin-csv-delimiter = Field separator
admin-csv-delimiter-semicolon = Semicolon (;)
admin-csv-delimiter-comma = Comma (,)
admin-csv-delimiter-tab = Tab
admin-csv-decimal-separator = Decimal separator
admin-csv-decimal-comma = Comma (1234,56)
admin-csv-decimal-point = Point (1234.56)
admin-csv-thousands-separator = Thousands separator
admin-csv-thousands-none = None (1234,56)
admin-csv-thousands-point = Point (1.234,56)
admin-csv-thousands-space = Space (1 234,56)
admin-csv-thousands-apostrophe = Apostrophe (1'234.56)
admin-csv-date-format = Date format
admin-csv-currency = Currency
admin-csv-columns-hint = Type the column titles exactly as in the first line of your bank's export.
admin-csv-booking-date = Booking date
admin-csv-amount-form = Amounts
admin-csv-amount-signed = One column, negative for money paid out
admin-csv-amount-credit-debit = A credit column and a debit column
admin-csv-amount = Amount
admin-csv-amount-hint = With one column only.
admin-csv-credit-amount = Credit (money received)
admin-csv-debit-amount = Debit (money paid out)
admin-csv-credit-debit-hint = With a credit and a debit column only.
admin-csv-optional = Other columns (optional)
admin-csv-value-date = Value date
admin-csv-counterparty-name = Counterparty name
admin-csv-counterparty-account = Counterparty account
admin-csv-communication = Communication
admin-csv-structured-reference = Structured reference
admin-csv-bank-reference = Bank reference
admin-csv-save = Save the mapping
field-error-invalid-iban = Enter an IBAN such as BE71 0961 2345 6769.
field-error-invalid-currency = Enter a currency code of three letters, such as EUR.
flash-csv-mapping-saved = The CSV mapping is saved.
flash-csv-mapping-forgotten = The CSV mapping is forgotten.
admin-request-update-contact-title = The contact differs from what was submitted
admin-request-update-contact-intro = The request keeps what was submitted. Update the contact only if these details are the right ones now.
admin-request-update-contact-now = On the contact
admin-request-update-contact-submitted = Submitted
admin-request-update-contact = Update the contact with the submitted details
admin-request-contact-changed = The contact was changed meanwhile. Here is the request again; look at the differences before updating.
flash-contact-updated = The contact was updated with the submitted details.
