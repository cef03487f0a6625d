# Coopshares — interface en français (usage belge).
# Clés : voir locales/en/main.ftl. Pas de HTML dans les messages.

## Mise en page
layout-skip-to-content = Aller au contenu principal
layout-menu = Menu
layout-nav-label = Navigation principale
layout-language-label = Langue
layout-account = Compte : { $email }
layout-footer = Gestion des parts avec Coopshares, logiciel libre.

## Navigation
nav-dashboard = Tableau de bord
nav-requests = Demandes de souscription
nav-outbox = E-mails sortants
nav-templates = Modèles d'e-mails
nav-settings = Paramètres
nav-password = Changer de mot de passe
nav-portal = Mes parts
nav-login = Se connecter
nav-logout = Se déconnecter

## Formulaires (commun)
form-required-note = Les champs marqués d'un * sont obligatoires.
form-required-mark = obligatoire
form-password-hint = Au moins 10 caractères. Quelques mots sans rapport entre eux sont faciles à retenir et difficiles à deviner.
form-error-prefix = Erreur :

## Erreurs de champ : `field-error-<code>`
field-error-required = Ce champ est obligatoire.
field-error-invalid = Cette valeur n'est pas valable. Vérifiez-la et réessayez.
field-error-invalid-email = Indiquez une adresse e-mail, par exemple nom@exemple.be.
field-error-passwords-differ = Les deux mots de passe ne sont pas identiques.
field-error-password-too-short = Ce mot de passe est trop court : utilisez au moins 10 caractères.
field-error-password-too-long = Ce mot de passe est trop long : utilisez au plus 200 caractères.
field-error-password-is-email = Le mot de passe ne peut pas être votre adresse e-mail.
field-error-wrong-password = Le mot de passe actuel n'est pas correct.
field-error-template-error = Ce modèle contient une erreur. Vérifiez les champs entre {"{{"} et {"}}"}.

## Messages après une action : `flash-<clé>`
flash-welcome = Votre compte est prêt. Bienvenue !
flash-logged-out = Vous êtes déconnecté.
flash-password-changed = Votre mot de passe a été modifié.
flash-settings-saved = Les paramètres ont été enregistrés.
flash-template-saved = Le modèle d'e-mail a été enregistré.
flash-template-reset = Le modèle d'e-mail a retrouvé son texte d'origine.
flash-email-retried = L'e-mail sera envoyé à nouveau.
flash-test-email-queued = Un e-mail de test est en route.
flash-test-email-error = L'e-mail de test n'a pas pu être préparé. Vérifiez l'adresse.

## Connexion
auth-login-title = Se connecter
auth-login-intro = Connectez-vous avec l'adresse e-mail et le mot de passe de votre compte.
auth-login-email = Adresse e-mail
auth-login-password = Mot de passe
auth-login-submit = Se connecter
auth-login-error-invalid = L'adresse e-mail ou le mot de passe n'est pas correct.
auth-login-error-too-many = Trop de tentatives. Attendez quelques minutes, puis réessayez.

## Premier gestionnaire
auth-setup-title = Créer le premier compte gestionnaire
auth-setup-intro = Coopshares n'a pas encore de gestionnaire. Le compte que vous créez ici pourra gérer la coopérative : ses paramètres, les demandes de souscription et les coopérateurs. Cette page ne sert qu'une seule fois.
auth-setup-email = Adresse e-mail
auth-setup-password = Mot de passe
auth-setup-password-confirm = Confirmez le mot de passe
auth-setup-submit = Créer le compte

## Changer de mot de passe
auth-password-title = Changer de mot de passe
auth-password-current = Mot de passe actuel
auth-password-new = Nouveau mot de passe
auth-password-new-confirm = Confirmez le nouveau mot de passe
auth-password-submit = Changer le mot de passe

## Gestion : tableau de bord
admin-dashboard-title = Tableau de bord
admin-dashboard-welcome = Bienvenue dans la gestion de { $name }.
admin-dashboard-next-steps = Prochaines étapes
admin-dashboard-nothing-to-do = Rien ne vous attend pour le moment.
admin-next-identity = Indiquez le nom et l'adresse de la coopérative.
admin-next-iban = Ajoutez le compte bancaire (IBAN) de la coopérative, nécessaire aux demandes de libération de capital.
admin-next-failed-emails = Certains e-mails n'ont pas pu être envoyés. Vérifiez-les et renvoyez-les.
admin-next-smtp = Les e-mails ne partent pas encore : ils sont enregistrés dans des fichiers. Demandez à la personne qui a installé Coopshares de configurer l'envoi.

## Pages d'erreur
error-status = Erreur { $status }
error-home = Retour à la page d'accueil
error-400-title = Requête non valide
error-400-message = La requête n'a pas pu être comprise. Revenez en arrière et réessayez.
error-403-title = Accès refusé
error-403-message = Vous n'avez pas accès à cette page. Si vous pensez que c'est une erreur, connectez-vous avec un autre compte ou adressez-vous à un gestionnaire.
error-404-title = Page introuvable
error-404-message = Cette page n'existe pas ou a été déplacée. Vérifiez l'adresse.
error-409-title = Modification simultanée
error-409-message = Quelqu'un d'autre a modifié cet élément en même temps que vous. Rechargez la page et réessayez.
error-429-title = Trop de demandes
error-429-message = Attendez quelques minutes, puis réessayez.
error-500-title = Un problème est survenu
error-500-message = Une erreur inattendue s'est produite ; elle a été enregistrée. Réessayez plus tard. Si le problème persiste, contactez la personne qui gère ce site.
error-csrf-title = Formulaire expiré
error-csrf-message = Ce formulaire a expiré. Rechargez la page et envoyez-le à nouveau.

## Gestion : e-mails sortants, modèles d'e-mails, paramètres
admin-outbox-title = E-mails sortants
admin-outbox-intro = Chaque e-mail envoyé par Coopshares attend ici d'être remis. Un e-mail qui n'a pas pu être remis peut être envoyé à nouveau.
admin-outbox-files = Les e-mails ne partent pas : aucun serveur d'envoi n'est configuré (COOPSHARES_SMTP_URL). Chaque e-mail est donc enregistré comme fichier dans le dossier des données.
admin-outbox-filter-label = Afficher les e-mails
admin-outbox-filter-all = Tous
admin-outbox-filter-pending = En attente ({ $count })
admin-outbox-filter-sent = Envoyés ({ $count })
admin-outbox-filter-failed = En échec ({ $count })
admin-outbox-created = Créé le
admin-outbox-to = Destinataire
admin-outbox-subject = Objet
admin-outbox-state = État
admin-outbox-attempts = Tentatives
admin-outbox-newer = E-mails plus récents
admin-outbox-older = E-mails plus anciens
admin-outbox-empty = Aucun e-mail ici pour le moment.
admin-outbox-test-title = Envoyer un e-mail de test
admin-outbox-test-intro = Vérifiez que les e-mails de Coopshares arrivent bien chez leurs destinataires.
admin-outbox-test-to = Envoyer à
admin-outbox-test-submit = Envoyer un e-mail de test
outbox-state-pending = En attente
outbox-state-sent = Envoyé
outbox-state-failed = En échec
admin-email-back = Retour aux e-mails sortants
admin-email-kind = Type d'e-mail
admin-email-sent-at = Envoyé le
admin-email-next-attempt = Prochaine tentative
admin-email-last-error = Dernière erreur
admin-email-about = Concerne
admin-email-message-id = Message-ID
admin-email-retry = Envoyer à nouveau
admin-email-text = Version texte
admin-email-html = Version HTML (source)
email-kind-request_confirmation = Demande de souscription reçue
email-kind-request_on_hold = Demande de souscription en attente
email-kind-request_cancelled = Demande de souscription annulée
email-kind-payment_instructions = Demande de libération de capital et instructions de paiement
email-kind-invitation = Invitation à l'espace coopérateur
email-kind-certificate = Attestation de coopérateur
email-kind-password_reset = Nouveau mot de passe
email-kind-email_change_confirmation = Confirmation d'une nouvelle adresse e-mail
email-kind-test = E-mail de test
admin-templates-title = Modèles d'e-mails
admin-templates-intro = Voici les e-mails envoyés par Coopshares. Vous pouvez adapter chacun d'eux dans chaque langue ; tant que vous ne l'avez pas fait, le texte d'origine est utilisé.
admin-templates-email = E-mail
admin-templates-custom = adapté
admin-templates-shipped = d'origine
admin-template-back = Retour aux modèles d'e-mails
admin-template-overridden = Ce modèle a été adapté pour votre coopérative.
admin-template-shipped = Ceci est le modèle d'origine. Modifiez-le et enregistrez-le pour l'adapter.
admin-template-variables = Informations que vous pouvez insérer dans le texte (gardez les doubles accolades) :
admin-template-problems = Le modèle n'a pas pu être utilisé :
admin-template-subject = Objet
admin-template-text = Version texte
admin-template-html = Version HTML
admin-template-preview = Aperçu
admin-template-save = Enregistrer
admin-template-reset = Revenir au texte d'origine
admin-template-preview-title = Aperçu avec des données d'exemple
admin-settings-title = Paramètres
admin-settings-intro = Les coordonnées de la coopérative figurent sur les demandes de libération de capital, les attestations et les e-mails.
admin-settings-conflict = Quelqu'un d'autre a modifié les paramètres pendant que vous les modifiiez. Rechargez la page pour voir ses changements, puis refaites les vôtres.
admin-settings-identity = La coopérative
admin-settings-name = Nom
admin-settings-street = Rue et numéro
admin-settings-postal-code = Code postal
admin-settings-city = Localité
admin-settings-country = Pays
admin-settings-country-hint = Deux lettres : BE pour la Belgique, FR pour la France, NL, LU, DE…
admin-settings-registration-number = Numéro d'entreprise
admin-settings-bank = Compte bancaire
admin-settings-iban = IBAN
admin-settings-bic = BIC
admin-settings-payments = Paiements
admin-settings-currency = Devise
admin-settings-reference-scheme = Référence de paiement
admin-settings-scheme-ogm = Communication structurée belge (+++123/4567/89012+++)
admin-settings-scheme-rf = Référence de créancier internationale (RF…)
admin-settings-due-days = Délai de paiement (en jours)
admin-settings-accounting-mode = Comptabilité
admin-settings-accounting-integrated = Tenue dans Coopshares : les extraits de compte sont importés ici
admin-settings-accounting-external = Tenue ailleurs : les paiements sont encodés à la main
admin-settings-members = Coopérateurs
admin-settings-default-language = Langue par défaut
admin-settings-create-accounts = Quand une demande est validée, créer un compte pour le nouveau coopérateur et lui envoyer une invitation
admin-settings-save = Enregistrer les paramètres
language-fr = Français
language-nl = Nederlands
language-en = English
language-de = Deutsch

## Public subscription form
subscribe-title = Souscrire des parts
subscribe-intro = Devenez coopérateur en souscrivant une ou plusieurs parts de la coopérative. Remplissez ce formulaire : vous recevrez un e-mail confirmant votre demande de souscription puis, une fois celle-ci acceptée, les instructions de paiement.
subscribe-closed = Les souscriptions ne sont pas encore ouvertes. Revenez plus tard ou contactez la coopérative.
subscribe-errors-title =
    { $count ->
        [one] Le formulaire contient une erreur. Corrigez-la, puis envoyez à nouveau le formulaire.
       *[other] Le formulaire contient { $count } erreurs. Corrigez-les, puis envoyez à nouveau le formulaire.
    }
subscribe-error-item = { $field } : { $error }
subscribe-kind-label = Je souscris
subscribe-kind-person = En mon nom propre
subscribe-kind-entity = Pour une société ou une organisation
subscribe-honeypot = Laissez ce champ vide
subscribe-you = Vos coordonnées
subscribe-first-name = Prénom
subscribe-last-name = Nom
subscribe-birth-date = Date de naissance
subscribe-birth-date-hint = Pour souscrire en votre nom propre, vous devez avoir au moins { $age } ans.
subscribe-email = Adresse e-mail
subscribe-email-confirmation = Adresse e-mail (confirmation)
subscribe-email-confirmation-hint = Tapez-la une seconde fois, pour éviter toute faute de frappe.
subscribe-phone = Téléphone
subscribe-national-id = Numéro de registre national
subscribe-national-id-hint = Facultatif. Les 11 chiffres au dos de la carte d'identité belge, par exemple 85.07.30-033.28.
subscribe-language = Langue
subscribe-language-hint = La langue de nos e-mails et de nos documents.
subscribe-address = Votre adresse
subscribe-street = Rue et numéro
subscribe-postal-code = Code postal
subscribe-city = Localité
subscribe-country = Pays
subscribe-iban = Compte bancaire (IBAN)
subscribe-iban-hint = Le compte sur lequel seront versés les dividendes et le remboursement de vos parts, par exemple BE71 0961 2345 6769.
subscribe-entity = La société ou l'organisation
subscribe-entity-name = Dénomination
subscribe-legal-form = Forme juridique
subscribe-legal-form-hint = Par exemple SRL, SA, SC, ASBL.
subscribe-registration-number = Numéro d'entreprise
subscribe-registration-number-hint = En Belgique, le numéro de la Banque-Carrefour des Entreprises (0123.456.789) ; en France, le numéro SIREN.
subscribe-entity-email = Adresse e-mail de la société ou de l'organisation
subscribe-entity-iban-hint = Le compte de la société ou de l'organisation, sur lequel seront versés les dividendes et les remboursements.
subscribe-representative = Son représentant légal
subscribe-representative-intro = La personne qui signe au nom de la société ou de l'organisation (en général, vous).
subscribe-function = Fonction
subscribe-function-hint = Par exemple administrateur, gérant, président.
subscribe-representative-email-hint = L'adresse e-mail personnelle du représentant : une copie de la confirmation y est envoyée.
subscribe-same-address = Le représentant a la même adresse que la société ou l'organisation
subscribe-shares = Vos parts
subscribe-share-type = Type de part
subscribe-share-price = { $amount } { $currency } par part
subscribe-share-limits = de { $min } à { $max } parts
subscribe-share-minimum =
    au moins { $min } { $min ->
        [one] part
       *[other] parts
    }
subscribe-quantity = Nombre de parts
subscribe-total = Total :
subscribe-total-hint = Nombre de parts × valeur d'une part. Le montant à payer vous est confirmé dans l'e-mail que vous recevrez.
subscribe-consents = Votre accord
subscribe-submit = Envoyer ma demande de souscription
subscribe-thanks-title = Merci pour votre demande de souscription
subscribe-thanks-received = Votre demande de souscription a bien été reçue.
subscribe-thanks-email = Un e-mail de confirmation est en route. S'il n'est pas arrivé d'ici quelques minutes, regardez dans vos courriers indésirables.
subscribe-thanks-next = La coopérative va maintenant examiner votre demande. Une fois celle-ci acceptée, vous recevrez par e-mail la demande de libération de capital avec les instructions de paiement.
consent-data_policy = J'ai pris connaissance de la manière dont la coopérative traite mes données personnelles (politique de confidentialité) et je l'accepte.
consent-statutes = J'ai pris connaissance des statuts et du règlement d'ordre intérieur de la coopérative et je les accepte.
consent-financial_risk = Je comprends que souscrire des parts est un investissement qui comporte un risque : je peux perdre tout ou partie de la somme investie, et les parts ne sont remboursées qu'aux conditions prévues par les statuts.
consent-internal_rules = J'ai pris connaissance du règlement d'ordre intérieur de la coopérative et je l'accepte.
consent-newsletter = Je souhaite recevoir les nouvelles de la coopérative par e-mail.
country-be = Belgique
country-fr = France
country-lu = Luxembourg
country-nl = Pays-Bas
country-de = Allemagne
country-at = Autriche
country-ch = Suisse
country-es = Espagne
country-ie = Irlande
country-it = Italie
country-pt = Portugal
country-gb = Royaume-Uni
field-error-too-young = Vous n'avez pas l'âge requis pour souscrire en votre nom propre.
field-error-emails-differ = Les deux adresses e-mail ne sont pas identiques.
field-error-not-for-holder = Ce type de part ne vous est pas proposé. Choisissez-en un autre.
field-error-out-of-range = Ce nombre de parts sort des limites de ce type de part. Vérifiez le minimum et le maximum.
field-error-above-holder-maximum = Avec les parts que vous détenez déjà ou avez déjà demandées, ce nombre dépasse le maximum qu'un membre peut détenir pour ce type de part. Demandez moins de parts.
field-error-consent-required = Votre accord est nécessaire pour souscrire.

## Back office: subscription requests, share types, contacts

nav-contacts = Contacts
nav-share-types = Types de parts
admin-requests-title = Demandes de souscription
admin-requests-search = Nom ou adresse e-mail
admin-requests-state = État
admin-requests-channel = Reçue via
admin-requests-share-type = Type de part
admin-requests-from = Du
admin-requests-to = Au
admin-requests-any = Tous
admin-requests-filter = Filtrer
admin-requests-count = { $count ->
    [one] { $count } demande
   *[other] { $count } demandes
}
admin-requests-number = N°
admin-requests-date = Date
admin-requests-holder = Titulaire
admin-requests-quantity = Parts
admin-requests-amount = Montant
admin-requests-previous = Page précédente
admin-requests-next = Page suivante
admin-requests-page = Page { $page } sur { $pages }
admin-requests-empty = Aucune demande de souscription ne correspond.
admin-requests-new = Nouvelle demande de souscription
request-state-submitted = Reçue
request-state-validated = Validée
request-state-paid = Payée
request-state-cancelled = Annulée
request-state-on_hold = En attente
request-channel-online_form = Formulaire en ligne
request-channel-back_office = Gestion
request-channel-contact = Page de contact
request-channel-api = API
membership-none = Pas coopérateur
membership-candidate = Candidat coopérateur
membership-cooperator = Coopérateur
membership-former = Ancien coopérateur
admin-request-title = Demande de souscription { $id }
admin-request-back = Retour aux demandes de souscription
admin-request-conflict = Quelqu'un d'autre a modifié cette demande entre-temps. Voici son état actuel ; décidez à nouveau si nécessaire.
admin-request-hold-reason = Motif de la mise en attente
admin-request-cancel-reason = Motif de l'annulation
admin-request-language = Langue
admin-request-holder = Titulaire
admin-request-representative = Représentant signataire
admin-request-submitted = Données telles qu'envoyées
admin-request-submitted-intro = Exactement ce que le demandeur a envoyé, conservé tel quel comme preuve.
admin-request-decide = Décider
admin-request-hold = Mettre en attente
admin-request-release = Lever la mise en attente
admin-request-cancel = Annuler la demande
admin-share-types-title = Types de parts
admin-share-types-intro = Les catégories de parts émises par la coopérative. Un type de part déjà souscrit peut être clôturé, mais jamais supprimé, et sa valeur ne peut plus changer.
admin-share-types-new = Nouveau type de part
admin-share-types-back = Retour aux types de parts
admin-share-types-holders = Qui peut les détenir
admin-share-types-limits = Parts par titulaire
admin-share-types-status = Statut
admin-share-types-persons = personnes
admin-share-types-entities = sociétés et organisations
admin-share-types-retired = clôturé
admin-share-types-on-form = sur le formulaire public
admin-share-types-not-on-form = en gestion uniquement
admin-share-types-empty = Aucun type de part pour l'instant. Créez-en un pour ouvrir les souscriptions.
admin-share-type-code = Code
admin-share-type-code-hint = Court et définitif, par exemple A ou B. Il ne pourra plus être modifié.
admin-share-type-name = Nom
admin-share-type-nominal-value = Valeur nominale
admin-share-type-for-persons = Les personnes physiques peuvent détenir ces parts
admin-share-type-for-entities = Les sociétés et organisations peuvent détenir ces parts
admin-share-type-min = Minimum par titulaire
admin-share-type-max = Maximum par titulaire
admin-share-type-max-hint = Laissez vide pour ne fixer aucun maximum.
admin-share-type-on-form = Proposer sur le formulaire public
admin-share-type-retired = Clôturé : plus de nouvelles souscriptions
admin-share-type-save = Enregistrer le type de part
admin-share-type-subscribed = Des parts de ce type ont déjà été souscrites : sa valeur nominale ne peut plus changer.
admin-contacts-title = Contacts
admin-contacts-empty = Aucun contact ne correspond.
admin-contacts-back = Retour aux contacts
admin-contact-name = Nom
admin-contact-email = Adresse e-mail
admin-contact-membership = Statut de coopérateur
admin-contact-entity = organisation
admin-contact-subscribe = Souscrire des parts
admin-contact-member-number = coopérateur n°
admin-contact-address = Adresse
admin-contact-legal-form = Forme juridique
admin-contact-registration-number = Numéro d'entreprise
admin-contact-birth-date = Date de naissance
admin-contact-phone = Téléphone
admin-contact-represents = Représente
admin-contact-representatives = Représentants
admin-contact-since = depuis le { $date }
admin-contact-until = jusqu'au { $date }
admin-contact-no-links = Aucun.
flash-request-on-hold = La demande est mise en attente.
flash-request-released = La demande n'est plus en attente.
flash-request-cancelled = La demande est annulée.
flash-share-type-saved = Le type de part a été enregistré.
flash-request-recorded = La demande de souscription a été enregistrée.
admin-request-new-intro = Encodez une demande de souscription reçue sur papier ou par e-mail. Les mêmes règles que sur le formulaire public s'appliquent.
admin-settings-iban-required = Les candidats doivent indiquer un compte bancaire (IBAN)
admin-settings-collect-national-id = Demander aux personnes leur numéro de registre national (facultatif pour elles ; qui le donne est reconnu par ce numéro, même avec une autre adresse e-mail)
admin-settings-minimum-age = Âge minimum pour souscrire
admin-settings-minimum-age-hint = En années, pour les personnes qui souscrivent en leur nom propre. Laissez vide pour ne fixer aucun minimum.
admin-settings-notify-hold-cancel = Envoyer un e-mail au candidat quand une demande est mise en attente ou annulée

## Validation et demandes de libération de capital (étape 2)
admin-requests-select = Sélectionner
admin-requests-select-one = Sélectionner la demande { $id }
admin-requests-validate-selected = Valider les demandes sélectionnées
admin-request-validate = Valider la demande
admin-request-validate-intro = La validation crée la demande de libération de capital, fait du titulaire un candidat coopérateur et envoie les instructions de paiement avec le PDF.
admin-request-already-validated = Cette demande a été validée entre-temps (peut-être par quelqu'un d'autre). Voici son état actuel.
admin-request-cooperative-not-ready = Les instructions de paiement ont besoin du nom et de l'IBAN de la coopérative. Complétez d'abord les paramètres.
admin-request-open-settings = Ouvrir les paramètres
admin-request-call-has-payments = Des paiements sont enregistrés sur cette demande de libération. Annulez-les avant d'annuler la demande.
admin-request-cancel-call-too = L'annulation annule aussi la demande de libération de capital ouverte et extourne son écriture comptable.
admin-validation-title = Validation des demandes sélectionnées
admin-validation-summary = { $validated ->
    [one] Une demande validée
   *[other] { $validated } demandes validées
}, { $failed ->
    [0] aucune refusée.
    [one] une non validée (voir ci-dessous).
   *[other] { $failed } non validées (voir ci-dessous).
}
admin-validation-result = Résultat
admin-validation-call = Demande de libération
admin-validation-none = Aucune demande n'a été sélectionnée. Cochez les demandes à valider dans la liste.
admin-validation-done = Validée
admin-validation-not-submitted = Non validée : elle n'attend pas de validation
admin-validation-not-found = Introuvable
admin-call-title = Demande de libération de capital { $number }
admin-call-open = Ouvrir la demande de libération de capital
admin-call-due = échéance le { $date }
admin-call-back = Retour à la demande de souscription
admin-call-paid = Déjà payé
admin-call-due-amount = Reste dû
admin-call-reference = Référence de paiement
admin-call-issued = Émise le
admin-call-due-date = Échéance
admin-call-pdf = Télécharger le PDF
admin-call-entries = Écritures comptables
admin-call-entry-kind = Écriture
admin-call-account = Compte
admin-call-debit = Débit
admin-call-credit = Crédit
admin-call-cancel = Annuler la demande de libération de capital
admin-call-cancel-intro = Sa demande de souscription est annulée aussi, son écriture extournée, et le demandeur prévenu.
admin-call-reason-required = Indiquez le motif de l'annulation.
call-state-open = Ouverte
call-state-paid = Payée
call-state-cancelled = Annulée
entry-kind-capital_call = Appel de capital
entry-kind-capital_call_cancellation = Appel de capital annulé
entry-kind-payment = Paiement
entry-kind-payment_reversal = Paiement annulé
admin-contact-requests = Demandes de souscription
admin-contact-no-requests = Aucune demande de souscription au nom de ce contact.
admin-contact-calls = Demandes de libération de capital
admin-contact-no-calls = Pas encore de demande de libération de capital.
flash-request-validated = La demande est validée. Les instructions de paiement sont envoyées.
flash-capital-call-cancelled = La demande de libération de capital et sa demande de souscription sont annulées.
flash-invitation-accepted = Votre mot de passe est enregistré. Vous pouvez vous connecter avec votre adresse e-mail.
auth-invitation-title = Choisissez votre mot de passe
auth-invitation-intro = Votre compte de membre est { $email }. Choisissez un mot de passe pour vous connecter.
auth-invitation-submit = Enregistrer mon mot de passe
auth-invitation-spent-title = Ce lien ne fonctionne plus
auth-invitation-spent-body = L'invitation a déjà été utilisée ou a expiré. Si vous avez choisi votre mot de passe, connectez-vous ; sinon, demandez une nouvelle invitation à la coopérative.
auth-invitation-spent-login = Se connecter
admin-settings-chart = Plan comptable
admin-settings-chart-intro = Les comptes sur lesquels Coopshares passe ses écritures. Par défaut, ceux du plan comptable normalisé de votre pays.
admin-settings-chart-capital = Capital souscrit (fonds propres)
admin-settings-chart-receivable = Capital appelé non versé
admin-settings-chart-bank = Banque
field-error-not-equity = Le capital fait partie des fonds propres : utilisez un compte de classe 1, jamais un compte de produits.
field-error-accounts-not-distinct = Les trois comptes doivent être différents.

## Extraits de compte et paiements (étape 3)
nav-bank-statements = Extraits de compte
admin-dashboard-banking = Banque et paiements
admin-dashboard-to-reconcile = { $count ->
    [0] Aucune ligne d'extrait n'attend d'être rapprochée.
    [one] { $count } ligne d'extrait attend d'être rapprochée.
   *[other] { $count } lignes d'extrait attendent d'être rapprochées.
}
admin-dashboard-overpayments = { $count ->
    [0] Aucun trop-perçu signalé.
    [one] { $count } trop-perçu signalé : vérifiez-le.
   *[other] { $count } trop-perçus signalés : vérifiez-les.
}
admin-statements-title = Extraits de compte
admin-statements-intro = Importez les extraits du compte de la coopérative : les paiements qui portent leur communication sont rapprochés aussitôt.
admin-statements-waiting = { $count ->
    [one] { $count } ligne vous attend. Ouvrez son extrait pour la rapprocher.
   *[other] { $count } lignes vous attendent. Ouvrez leurs extraits pour les rapprocher.
}
admin-statements-upload = Importer un extrait
admin-statements-file = Fichier d'extrait
admin-statements-file-hint = camt.053 (XML), CODA ou CSV, tel que votre banque l'exporte ; { $size } Mo au plus. Le même fichier importé deux fois ne compte qu'une fois.
admin-statements-account = Compte bancaire (fichiers CSV)
admin-statements-account-hint = Plusieurs formats CSV sont enregistrés : choisissez le compte d'où vient ce fichier.
admin-statements-account-none = Pas un fichier CSV
admin-statements-uploading = Envoi du fichier…
admin-statements-import = Importer
admin-statements-imports = Imports
admin-statements-date = Importé le
admin-statements-filename = Fichier
admin-statements-format = Format
admin-statements-lines = Lignes
admin-statements-matched = Rapprochées
admin-statements-unmatched = À rapprocher
admin-statements-ignored = Écartées
admin-statements-no-filename = (sans nom)
admin-statements-empty = Aucun extrait importé pour le moment.
admin-statements-overpayments = Trop-perçus
admin-statements-overpayments-intro = Ces paiements dépassaient le montant dû. Remboursez la différence ou convenez avec le membre de son affectation.
admin-statements-no-overpayments = Aucun trop-perçu.
admin-statements-error-network = Le fichier n'a pas pu être envoyé. Vérifiez votre connexion et réessayez.
admin-statements-error-too-large = Ce fichier est trop volumineux pour être un extrait.
admin-statements-error-upload = Le fichier n'a pas pu être reçu. Réessayez.
admin-statements-error-no-file = Choisissez un fichier d'extrait.
admin-statements-error-unbalanced = Le fichier a été refusé : ses soldes ne concordent pas, un mouvement manque peut-être. Rien n'a été importé. Exportez à nouveau l'extrait depuis votre banque.
admin-statements-error-malformed = Le fichier a été refusé : ce n'est pas un extrait que Coopshares sait lire. Rien n'a été importé. Le problème :
statement-format-camt053 = camt.053
statement-format-coda = CODA
statement-format-csv = CSV
statement-format-manual = Encodé à la main
admin-statement-title = Extrait { $name }
admin-statement-back = Retour aux extraits de compte
admin-statement-error-line = Aller à la ligne
admin-statement-waiting = { $count ->
    [one] { $count } ligne vous attend : confirmez une suggestion, répartissez la ligne sur plusieurs demandes, ou écartez-la.
   *[other] { $count } lignes vous attendent : pour chacune, confirmez une suggestion, répartissez la ligne sur plusieurs demandes, ou écartez-la.
}
admin-statement-done = Toutes les lignes de cet extrait sont rapprochées ou écartées. Rien ne vous attend ici.
admin-statement-certificates-owed = { $count ->
    [one] Le certificat d'un nouveau membre est en préparation ; il est envoyé par e-mail dès qu'il est prêt. Rien à faire.
   *[other] Les certificats de { $count } membres sont en préparation, quelques-uns par seconde ; chacun est envoyé par e-mail dès qu'il est prêt. Rien à faire.
}
admin-statement-value-date = Date valeur
admin-statement-amount = Montant
admin-statement-counterparty = De / à
admin-statement-communication = Communication
admin-statement-state = État
admin-statement-act = Rapprocher
admin-statement-no-lines = Ce fichier n'apportait aucun nouveau mouvement (tous avaient déjà été importés).
admin-statement-to-reconcile = Lignes à rapprocher
admin-statement-suggestions-intro = Les demandes de libération que ce paiement pourrait régler, la plus probable d'abord. Rien n'est rapproché tant que vous ne confirmez pas.
admin-statement-due = { $amount } dus
admin-statement-clues = Parce que :
admin-statement-confirm = Confirmer
admin-statement-no-suggestion = Aucune demande de libération ouverte ne ressemble à ce paiement.
admin-statement-split = Répartir la ligne sur plusieurs demandes
admin-statement-split-intro = Choisissez les demandes et le montant de chacune ; les montants doivent faire le total de la ligne.
admin-statement-split-call = Demande { $n }
admin-statement-split-amount = Montant { $n }
admin-statement-split-submit = Rapprocher ces parts
admin-statement-ignore-note = Note (facultative)
admin-statement-ignore = Sans rapport avec le capital
line-state-unmatched = À rapprocher
line-state-matched = Rapprochée
line-state-ignored = Écartée
admin-line-note-debit = Sortie d'argent
admin-line-note-reversal = Extourne
clue-same_amount = même montant
clue-known_account = compte connu
clue-similar_name = nom proche
clue-reference_typo = communication avec une faute de frappe
admin-bank-conflict-not-a-payment = Cette ligne est une sortie d'argent ou une extourne : elle ne peut pas régler une demande de libération.
admin-bank-conflict-line-not-unmatched = Cette ligne est déjà rapprochée ou écartée (peut-être par quelqu'un d'autre). La page la montre telle qu'elle est maintenant.
admin-bank-conflict-call-not-open = Cette demande de libération n'est plus ouverte : elle n'accepte plus de paiement.
admin-bank-conflict-call-changed = Cette demande de libération a changé entre-temps. Réessayez.
admin-bank-conflict-payment-admitted = Ce paiement a soldé la demande : le membre est admis et les parts émises, il ne peut donc plus être annulé.
admin-bank-conflict-payment-undone = Ce paiement a déjà été annulé.
admin-payments-title = Paiements
admin-payments-date = Date
admin-payments-source = Origine
admin-payments-actions = Actions
admin-payments-from-statement = Extrait de compte
admin-payments-by-hand = Encodé à la main
admin-payments-active = Comptabilisé
admin-payments-undone = Annulé
admin-payments-excess = { $amount } de trop
admin-payments-undo = Annuler
admin-payments-none = Aucun paiement reçu pour le moment.
admin-payments-register = Enregistrer un paiement
admin-payments-register-intro = Pour un montant reçu qu'aucun extrait importé ne montre (comptabilité tenue ailleurs).
admin-payments-amount = Montant reçu
admin-payments-amount-hint = Par exemple 250.00
admin-payments-note = Note
admin-payments-register-submit = Enregistrer le paiement
admin-contact-holdings = Parts détenues
admin-contact-holding-value = Valeur
admin-contact-holding-since = Depuis
admin-contact-no-holdings = Aucune part pour le moment.
field-error-invalid-amount = Indiquez un montant comme 250.00, sans plus de décimales que la devise n'en a.
field-error-amount-not-positive = Le montant doit être supérieur à zéro.
field-error-split-does-not-add-up = Les montants ne font pas le total de la ligne.
field-error-currency-mismatch = La ligne et la demande ne sont pas dans la même devise.
field-error-date-in-future = La date ne peut pas être postérieure à aujourd'hui.
field-error-invalid-date = Indiquez une date comme 2026-03-31.
field-error-too-long = Ce texte est trop long.
flash-statement-imported = L'extrait est importé.
flash-statement-already-imported = Ce fichier avait déjà été importé : le voici, rien n'a été ajouté.
flash-line-matched = La ligne est rapprochée.
flash-line-ignored = La ligne est écartée.
flash-payment-undone = Le paiement est annulé.
flash-payment-registered = Le paiement est enregistré.
flash-payment-registered-admitted = Le paiement est enregistré. La demande est entièrement payée : le titulaire est coopérateur.
admin-csv-mappings = Exports CSV
admin-csv-mappings-intro = L'export CSV d'une banque ne peut être lu qu'une fois indiqué quelle colonne contient quoi, pour le compte dont il provient.
admin-csv-account = Compte bancaire (IBAN)
admin-csv-account-hint = Le compte dont proviennent ces exports, par exemple BE71 0961 2345 6769.
admin-csv-columns = Colonnes
admin-csv-actions = Actions
admin-csv-edit = Modifier
admin-csv-forget = Oublier
admin-csv-none = Aucune disposition CSV enregistrée.
admin-csv-add = Ajouter une correspondance CSV
admin-csv-new = Ajouter une correspondance CSV
admin-csv-edit-title = Correspondance CSV
admin-csv-back = Retour aux extraits de compte
admin-csv-intro = Indiquez à Coopshares comment lire les exports CSV de ce compte bancaire.
admin-csv-error-mapping = Cette disposition ne peut pas être utilisée. Le problème :
admin-csv-format = Écriture du fichier
admin-csv-delimiter = Séparateur de champs
admin-csv-delimiter-semicolon = Point-virgule (;)
admin-csv-delimiter-comma = Virgule (,)
admin-csv-delimiter-tab = Tabulation
admin-csv-decimal-separator = Séparateur décimal
admin-csv-decimal-comma = Virgule (1234,56)
admin-csv-decimal-point = Point (1234.56)
admin-csv-thousands-separator = Séparateur de milliers
admin-csv-thousands-none = Aucun (1234,56)
admin-csv-thousands-point = Point (1.234,56)
admin-csv-thousands-space = Espace (1 234,56)
admin-csv-thousands-apostrophe = Apostrophe (1'234.56)
admin-csv-date-format = Format des dates
admin-csv-currency = Devise
admin-csv-columns-hint = Tapez les titres des colonnes exactement comme sur la première ligne de l'export de votre banque.
admin-csv-booking-date = Date de comptabilisation
admin-csv-amount-form = Montants
admin-csv-amount-signed = Une colonne, négative pour l'argent sorti
admin-csv-amount-credit-debit = Une colonne crédit et une colonne débit
admin-csv-amount = Montant
admin-csv-amount-hint = Avec une seule colonne.
admin-csv-credit-amount = Crédit (argent reçu)
admin-csv-debit-amount = Débit (argent sorti)
admin-csv-credit-debit-hint = Avec une colonne crédit et une colonne débit.
admin-csv-optional = Autres colonnes (facultatives)
admin-csv-value-date = Date valeur
admin-csv-counterparty-name = Nom de la contrepartie
admin-csv-counterparty-account = Compte de la contrepartie
admin-csv-communication = Communication
admin-csv-structured-reference = Communication structurée
admin-csv-bank-reference = Référence bancaire
admin-csv-save = Enregistrer la correspondance
field-error-invalid-iban = Indiquez un IBAN comme BE71 0961 2345 6769.
field-error-invalid-currency = Indiquez un code de devise de trois lettres, comme EUR.
flash-csv-mapping-saved = La correspondance CSV est enregistrée.
flash-csv-mapping-forgotten = La correspondance CSV est oubliée.
admin-request-update-contact-title = Le contact diffère de ce qui a été envoyé
admin-request-update-contact-intro = La demande garde ce qui a été envoyé. Ne mettez le contact à jour que si ces données sont maintenant les bonnes.
admin-request-update-contact-now = Sur le contact
admin-request-update-contact-submitted = Envoyé
admin-request-update-contact = Mettre le contact à jour avec les données envoyées
admin-request-contact-changed = Le contact a été modifié entre-temps. Voici à nouveau la demande ; regardez les différences avant de mettre à jour.
flash-contact-updated = Le contact a été mis à jour avec les données envoyées.
