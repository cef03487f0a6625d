# The audit log: who did what, when, to which record.

nav-register = Registre
nav-audit = Journal d'audit

admin-audit-title = Journal d'audit
admin-audit-intro = Chaque modification faite dans Coopshares, par qui et quand, de la plus récente à la plus ancienne. Les lignes sont seulement ajoutées : aucune ne peut être modifiée ni supprimée.
admin-audit-action = Action
admin-audit-any = Toutes
admin-audit-who = Qui
admin-audit-actor-hint = L'adresse e-mail d'un compte, ou operator, system, user:12, token:3.
admin-audit-record-type = Type de fiche
admin-audit-record-type-hint = Par exemple contact, subscription_request, capital_call, bank_statement.
admin-audit-record-id = Numéro de fiche
admin-audit-from = Du
admin-audit-to = Au
admin-audit-filter = Filtrer
admin-audit-count = { $count ->
    [one] { $count } ligne
   *[other] { $count } lignes
}
admin-audit-when = Quand (UTC)
admin-audit-record = Fiche
admin-audit-details = Détails
admin-audit-previous = Précédent
admin-audit-next = Suivant
admin-audit-page = Page { $page } sur { $pages }
admin-audit-empty = Aucune ligne du journal d'audit ne correspond.

audit-actor-operator = Opérateur du serveur (ligne de commande)
audit-actor-system = Coopshares (automatique)
audit-actor-token = Jeton d'API « { $name } »
audit-actor-deleted-user = Compte { $id } (n'existe plus)
audit-actor-deleted-token = Jeton d'API { $id } (n'existe plus)

audit-record-contact = Contact
audit-record-subscription-request = Demande de souscription
audit-record-capital-call = Demande de libération de capital
audit-record-bank-statement = Extrait de compte
audit-record-statement-line = Ligne d'extrait
audit-record-share-type = Type de part
audit-record-settings = Paramètres
audit-record-user-account = Compte
audit-record-api-token = Jeton d'API
audit-record-email = E-mail
audit-record-email-template = Modèle d'e-mail

audit-action-logged-in = Connexion
audit-action-password-changed = Mot de passe changé
audit-action-password-reset-requested = Réinitialisation du mot de passe demandée
audit-action-password-reset = Mot de passe réinitialisé
audit-action-invitation-accepted = Invitation acceptée
audit-action-manager-created = Compte gestionnaire créé
audit-action-member-account-created = Compte coopérateur créé
audit-action-user-account-linked = Compte lié à une personne
audit-action-email-change-requested = Changement d'e-mail de connexion demandé
audit-action-email-changed = E-mail de connexion changé
audit-action-api-token-created = Jeton d'API créé
audit-action-api-token-revoked = Jeton d'API révoqué
audit-action-settings-changed = Paramètres modifiés
audit-action-csv-mapping-saved = Format CSV d'un compte bancaire enregistré
audit-action-certificate-design-saved = Mise en page du certificat enregistrée
audit-action-certificate-picture-saved = Image du certificat enregistrée
audit-action-certificate-picture-removed = Image du certificat retirée
audit-action-share-type-created = Type de part créé
audit-action-share-type-changed = Type de part modifié
audit-action-subscription-request-submitted = Demande de souscription reçue
audit-action-subscription-request-put-on-hold = Demande de souscription mise en attente
audit-action-subscription-request-released = Demande de souscription sortie d'attente
audit-action-subscription-request-cancelled = Demande de souscription annulée
audit-action-subscription-request-validated = Demande de souscription validée
audit-action-capital-call-created = Demande de libération de capital émise
audit-action-capital-call-cancelled = Demande de libération de capital annulée
audit-action-membership-changed = Qualité de coopérateur modifiée
audit-action-member-admitted = Coopérateur admis
audit-action-payment-recorded = Paiement enregistré
audit-action-payment-undone = Paiement annulé
audit-action-bank-statement-imported = Extrait de compte importé
audit-action-statement-line-typed = Ligne d'extrait encodée
audit-action-statement-line-ignored = Ligne d'extrait ignorée
audit-action-certificate-issued = Certificat de coopérateur émis
audit-action-certificate-resent = Certificat de coopérateur renvoyé
audit-action-contact-change-proposed = Modification de données personnelles proposée
audit-action-contact-change-approved = Modification de données personnelles approuvée
audit-action-contact-change-rejected = Modification de données personnelles refusée
audit-action-representation-ended = Représentation terminée
audit-action-test-email-queued = E-mail de test mis en file
audit-action-email-retried = E-mail renvoyé
audit-action-email-template-saved = Modèle d'e-mail enregistré
audit-action-email-template-reset = Modèle d'e-mail rétabli
