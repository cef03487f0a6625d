# Member portal: login help, holders, capital release requests, certificates, personal data.

## Logging in: forgotten password, new email address
auth-login-forgot = Forgot your password?
auth-reset-request-title = Choose a new password
auth-reset-request-intro = Type the email address of your account. If it has an account, we send it a link to choose a new password; the link works once, for one hour.
auth-reset-request-submit = Send me a link
auth-reset-back-to-login = Back to the login page
auth-reset-title = Choose a new password
auth-reset-submit = Save the new password
auth-reset-spent-title = This link no longer works
auth-reset-spent-message = It was already used or it has expired. Ask for a new one: it takes a minute.
auth-reset-spent-again = Ask for a new link
auth-email-confirmation-title = Confirm your new email address
auth-email-confirmation-intro = Confirm that this address is yours: from now on you will log in with it and receive our emails there.
auth-email-confirmation-submit = Confirm the address
auth-email-confirmation-done = Done: your account now uses { $email }. Log in with this address from now on.
auth-email-confirmation-to-portal = Go to my shares
auth-email-confirmation-taken = Another account already uses this address, so it cannot be yours as well. Ask the cooperative for help.
auth-email-confirmation-spent = This link was already used or has expired. Ask for a new one from your personal data page.
flash-password-reset-sent = If an account has this address, a link to choose a new password is on its way. Check your inbox (and your spam folder).
flash-password-reset-done = Your new password is saved. Log in with it.
flash-change-proposed = Thank you. The cooperative will check the change and apply it; you will see it here once approved.
flash-email-change-sent = We sent a confirmation link to the new address. Open it to finish the change.
field-error-nothing-changed = Nothing has changed: edit the name or the address first.
field-error-same-email = This is already the address of your account.

## The portal
portal-switcher-title = Whose shares do you want to see?
portal-switcher-self = in your own name
portal-switcher-represented = you represent it as { $role }
portal-member-number = member no. { $number }
portal-member-since = member since { $date }
portal-profile-link = Personal data and address
portal-to-pay-title = Still to pay
portal-call-title = Capital release request { $number }
portal-call-due = to pay by { $date }
portal-holdings-title = Shares held
portal-holdings-share-type = Share type
portal-holdings-quantity = Number of shares
portal-holdings-value = Value
portal-holdings-since = Held since
portal-holdings-total = Total
portal-holdings-none = No shares yet. They are entered in the register once the capital release request is paid.
portal-calls-title = Capital release requests
portal-calls-none = No capital release request.
portal-certificates-title = Certificates
portal-certificate-link = Certificate no. { $number } of { $date } (PDF)
portal-certificate-shares = { $count ->
    [one] 1 share
   *[other] { $count } shares
}
portal-certificate-latest = latest
portal-certificates-none = No certificate yet: you receive one when your shares are entered in the register.
portal-changes-pending = { $count ->
    [one] One change of your personal data is waiting for the cooperative's approval.
   *[other] { $count } changes of your personal data are waiting for the cooperative's approval.
}
portal-back = Back to { $name }
portal-call-state = Status
portal-call-amount = Amount
portal-call-paid = Already received
portal-call-remaining = Still to pay
portal-call-issued = Issued on
portal-call-due-date = Due date
portal-pay-title = How to pay
portal-pay-intro = Transfer the amount below to the cooperative's account, or scan the QR code with your banking app: it fills everything in.
portal-pay-amount = Amount
portal-pay-beneficiary = Beneficiary
portal-pay-reference = Structured reference
portal-pay-reference-notice = Use exactly this reference: it is how your payment is matched to your subscription.
portal-pay-qr-caption = Scan with your banking app
portal-call-pdf = Download the request (PDF)
portal-profile-title = Personal data
portal-profile-name = Name
portal-profile-email = Email
portal-profile-address = Address
portal-profile-pending-title = Waiting for approval
portal-profile-pending-item = Asked on { $date }
portal-profile-change-title = Change the name or the address
portal-profile-change-intro = The register must stay exact, so the cooperative checks every change before applying it.
portal-profile-first-name = First name
portal-profile-last-name = Last name
portal-profile-entity-name = Name of the company or organisation
portal-profile-street = Street and number
portal-profile-postal-code = Postal code
portal-profile-city = City
portal-profile-country = Country
portal-profile-country-hint = Two letters, for example BE, NL, FR or DE.
portal-profile-change-submit = Send the change
portal-email-title = Email address of your account
portal-email-intro = You log in with { $email }. To use another address, type it below: we send a link there to confirm it is yours.
portal-email-new = New email address
portal-email-submit = Send the confirmation link
