# Back office: the certificate (design, pictures, issued certificates), representations and
# changes of personal data proposed by members.

## Certificate settings (/admin/settings/certificate)
admin-settings-certificate-link = Membership certificate: design, logo and signature
admin-certificate-title = Membership certificate
admin-certificate-back = Back to the settings
admin-certificate-intro = How the certificates look and who signs them. A certificate already issued keeps the look it was issued with; the next ones use what you save here.
admin-certificate-cannot-draw = A certificate cannot be drawn with this design. Shorten the texts or choose other pictures, then save again.
admin-certificate-preview = Preview
admin-certificate-preview-intro = A sample certificate, drawn with the saved design and pictures (save your changes first).
admin-certificate-preview-in = Preview (PDF): { $language }
admin-certificate-signatory = Signatory
admin-certificate-signatory-intro = The board member who signs the certificates. Without a name, the certificate has no signature.
admin-certificate-signatory-name = Name
admin-certificate-signatory-function = Function
admin-certificate-look = Page and colour
admin-certificate-orientation = Orientation
admin-certificate-orientation-portrait = Portrait
admin-certificate-orientation-landscape = Landscape
admin-certificate-accent = Colour of the title and lines
admin-certificate-accent-hint = A # followed by six hexadecimal digits, such as #1f4e79. Leave blank for the built-in dark blue.
admin-certificate-texts-in = Texts: { $language }
admin-certificate-texts-hint = Leave a text blank to keep the built-in wording. Placeholders you may use: { $placeholders }.
admin-certificate-text-title = Title
admin-certificate-text-intro = Sentence above the shares
admin-certificate-text-closing = Paragraph below the shares
admin-certificate-save = Save the design
admin-certificate-pictures = Logo and signature
admin-certificate-pictures-intro = A PNG or JPEG picture of at most { $size } MB.
admin-certificate-picture-logo = Logo
admin-certificate-picture-signature = Signature
admin-certificate-picture-set = Stored on { $date }.
admin-certificate-picture-none = None yet.
admin-certificate-picture-remove = Remove
admin-certificate-picture-file = Picture file
admin-certificate-picture-upload = Upload
admin-certificate-upload-failed = The file could not be received. Try again.
flash-certificate-design-saved = The certificate design is saved. The next certificates will use it.
flash-certificate-picture-saved = The picture is saved.
flash-certificate-picture-removed = The picture is removed.
field-error-invalid-colour = Write the colour as # followed by six hexadecimal digits, such as #1f4e79.
field-error-unknown-placeholder = This text uses a placeholder that does not exist. Use only the placeholders listed above, between braces.
field-error-not-an-image = Choose a PNG or JPEG picture.
field-error-file-too-large = This file is too large.
field-error-unreadable-image = This picture cannot be read. Save it again as PNG or JPEG and retry.
field-error-cannot-draw = A certificate cannot be drawn with this.

## Issued certificates (contact page)
admin-contact-certificates = Certificates
admin-contact-no-certificates = No certificate issued yet.
admin-certificates-number = No.
admin-certificates-date = Date
admin-certificates-total-shares = Shares
admin-certificates-total-value = Value
admin-certificates-size = Size
admin-certificates-actions = Actions
admin-certificates-title = Certificate no. { $number }
admin-certificates-kilobytes = { $size } KB
admin-certificates-download = Download (PDF)
admin-certificates-resend = Send again
flash-certificate-resent = The certificate will be sent again, exactly as issued.

## Representations (contact page)
admin-representation-end-on = End on
admin-representation-end = End
flash-representation-ended = The representation is ended.
flash-representation-already-ended-error = This representation had already ended: nothing was changed.
field-error-ends-before-start = The end cannot be earlier than the start of the representation.

## Changes of personal data proposed by members (/admin/changes)
admin-dashboard-members = Members
admin-dashboard-pending-changes = { $count ->
    [0] No change of personal data waits for approval.
    [one] One change of personal data waits for approval.
   *[other] { $count } changes of personal data wait for approval.
}
admin-contact-pending-changes = Changes waiting for approval
admin-contact-pending-changes-link = Review the changes of personal data
admin-changes-title = Changes of personal data
admin-changes-intro = Members proposed these new names or addresses in their portal. Approve a change to apply it to the contact, or reject it.
admin-changes-contact = Contact
admin-changes-requested = Requested
admin-changes-current = Now
admin-changes-proposed = Proposed
admin-changes-actions = Actions
admin-changes-stale = Edited since the proposal
admin-changes-approve = Approve
admin-changes-reject = Reject
admin-changes-none = No change waits for approval.
flash-contact-change-approved = The change is approved: the contact has the new details.
flash-contact-change-rejected = The change is rejected: the contact is unchanged.
flash-contact-change-decided-error = This change had already been approved or rejected: nothing was done.
flash-contact-change-stale-error = The contact was edited after the member proposed this change, so it cannot be applied as it is. Reject it and ask the member to propose it again.
admin-certificates-issue = Issue a new certificate
flash-certificate-issued = A new certificate of today's holdings is issued and on its way to the member.
flash-certificate-nothing-held-error = This contact holds no shares: there is nothing to certify.
