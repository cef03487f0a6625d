# The member and share register: the legal view, as of a date, and its exports.
admin-register-title = Mitgliederliste und Anteilsregister
admin-register-intro = Jedes Mitglied mit seinen Anteilen, den darauf geleisteten Einzahlungen und den Daten von Eintritt, Übertragung und Austritt, wie am Ende des gewählten Tages. Berechnet aus den Bewegungen des Registers, die nie geändert werden.
admin-register-as-of = Register am
admin-register-show = Anzeigen
admin-register-totals = Anteile im Register am { $date }
admin-register-shares = { $count ->
    [one] 1 Anteil
   *[other] { $count } Anteile
}
admin-register-capital = Gesamt: { $count } Anteile, { $value }
admin-register-empty = An diesem Tag standen keine Anteile im Register.
admin-register-export-csv = Herunterladen (CSV)
admin-register-number = Nr.
admin-register-member = Mitglied
admin-register-entry = Eintritt
admin-register-paid = Einzahlungen
admin-register-transfers = Übertragungen
admin-register-withdrawals = Austritte (ausgezahlter Betrag)
admin-register-exit = Austritt
admin-register-first-page = Erste Seite
admin-register-next-page = Nächste Seite
portal-register-title = Ihre Einträge im Anteilsregister
portal-register-date = Datum
portal-register-movement = Bewegung
portal-register-unit-value = Wert je Anteil
portal-register-none = Noch kein Eintrag: Ihre Anteile werden eingetragen, sobald sie bezahlt sind.
register-movement-issue = Ausgabe von Anteilen
register-movement-transfer = Übertragung
register-movement-redemption = Austritt
register-movement-conversion = Umwandlung
admin-register-export-xlsx = Herunterladen (Excel)
admin-register-export-pdf = Herunterladen (PDF)
field-error-too-large-for-pdf = Das Register ist für ein PDF zu groß: Laden Sie es als Excel oder CSV herunter.
