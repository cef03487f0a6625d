# The member and share register: the legal view, as of a date, and its exports.
admin-register-title = Aandelenregister
admin-register-intro = Elke coöperant met zijn aandelen, de gedane stortingen en de data van toetreding, overdracht en uittreding, zoals op het einde van de gekozen dag. Berekend uit de bewegingen van het register, die nooit gewijzigd worden.
admin-register-as-of = Register op
admin-register-show = Tonen
admin-register-totals = Aandelen in het register op { $date }
admin-register-shares = { $count ->
    [one] 1 aandeel
   *[other] { $count } aandelen
}
admin-register-capital = Totaal: { $count } aandelen, { $value }
admin-register-empty = Die dag stonden er geen aandelen in het register.
admin-register-export-csv = Downloaden (CSV)
admin-register-number = Nr.
admin-register-member = Coöperant
admin-register-entry = Toetreding
admin-register-paid = Stortingen
admin-register-transfers = Overdrachten
admin-register-withdrawals = Uittredingen (terugbetaald bedrag)
admin-register-exit = Uittreding
admin-register-first-page = Eerste pagina
admin-register-next-page = Volgende pagina
portal-register-title = Uw inschrijvingen in het aandelenregister
portal-register-date = Datum
portal-register-movement = Beweging
portal-register-unit-value = Waarde per aandeel
portal-register-none = Nog geen inschrijving: uw aandelen worden ingeschreven zodra ze betaald zijn.
register-movement-issue = Uitgifte van aandelen
register-movement-transfer = Overdracht
register-movement-redemption = Uittreding
register-movement-conversion = Omzetting
admin-register-export-xlsx = Downloaden (Excel)
admin-register-export-pdf = Downloaden (pdf)
field-error-too-large-for-pdf = Het register is te groot voor een pdf: download het als Excel of CSV.
