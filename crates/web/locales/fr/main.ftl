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
