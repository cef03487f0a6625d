# The member and share register: the legal view, as of a date, and its exports.
admin-register-title = Member and share register
admin-register-intro = Every member with their shares, the payments made on them, and the dates of entry, transfers and withdrawals, as they stood at the end of the chosen day. Computed from the register's movements, which are never changed.
admin-register-as-of = Register on
admin-register-show = Show
admin-register-totals = Shares in the register on { $date }
admin-register-shares = { $count ->
    [one] 1 share
   *[other] { $count } shares
}
admin-register-capital = Total: { $count } shares, { $value }
admin-register-empty = No shares were in the register on that day.
admin-register-export-csv = Download (CSV)
admin-register-number = No.
admin-register-member = Member
admin-register-entry = Entry
admin-register-paid = Paid up
admin-register-transfers = Transfers
admin-register-withdrawals = Withdrawals (amount paid out)
admin-register-exit = Exit
admin-register-first-page = First page
admin-register-next-page = Next page
portal-register-title = Your entries in the share register
portal-register-date = Date
portal-register-movement = Movement
portal-register-unit-value = Value per share
portal-register-none = No entry yet: your shares are entered once paid.
register-movement-issue = Shares issued
register-movement-transfer = Transfer
register-movement-redemption = Withdrawal
register-movement-conversion = Conversion
admin-register-export-xlsx = Download (Excel)
admin-register-export-pdf = Download (PDF)
field-error-too-large-for-pdf = The register is too large for a PDF: download it as Excel or CSV.
