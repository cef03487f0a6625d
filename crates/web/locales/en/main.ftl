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
