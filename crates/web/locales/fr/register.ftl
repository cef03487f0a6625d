# The member and share register: the legal view, as of a date, and its exports.
admin-register-title = Registre des parts
admin-register-intro = Chaque coopérateur avec ses parts, les versements effectués, et les dates d'entrée, de cession et de retrait, tels qu'à la fin du jour choisi. Calculé à partir des mouvements du registre, qui ne sont jamais modifiés.
admin-register-as-of = Registre au
admin-register-show = Afficher
admin-register-totals = Parts inscrites au registre le { $date }
admin-register-shares = { $count ->
    [one] 1 part
   *[other] { $count } parts
}
admin-register-capital = Total : { $count } parts, { $value }
admin-register-empty = Aucune part n'était inscrite au registre ce jour-là.
admin-register-export-csv = Télécharger (CSV)
admin-register-number = N°
admin-register-member = Coopérateur
admin-register-entry = Entrée
admin-register-paid = Versements
admin-register-transfers = Cessions
admin-register-withdrawals = Retraits (montant remboursé)
admin-register-exit = Sortie
admin-register-first-page = Première page
admin-register-next-page = Page suivante
portal-register-title = Vos inscriptions au registre des parts
portal-register-date = Date
portal-register-movement = Mouvement
portal-register-unit-value = Valeur par part
portal-register-none = Aucune inscription pour l'instant : vos parts sont inscrites une fois payées.
register-movement-issue = Émission de parts
register-movement-transfer = Cession
register-movement-redemption = Retrait
register-movement-conversion = Conversion
admin-register-export-xlsx = Télécharger (Excel)
admin-register-export-pdf = Télécharger (PDF)
field-error-too-large-for-pdf = Le registre est trop grand pour un PDF : téléchargez-le en Excel ou en CSV.
