# Member portal: login help, holders, capital release requests, certificates, personal data.

## Connexion : mot de passe oublié, nouvelle adresse e-mail
auth-login-forgot = Mot de passe oublié ?
auth-reset-request-title = Choisir un nouveau mot de passe
auth-reset-request-intro = Indiquez l'adresse e-mail de votre compte. Si un compte existe à cette adresse, nous y envoyons un lien pour choisir un nouveau mot de passe ; le lien fonctionne une fois, pendant une heure.
auth-reset-request-submit = M'envoyer un lien
auth-reset-back-to-login = Retour à la page de connexion
auth-reset-title = Choisir un nouveau mot de passe
auth-reset-submit = Enregistrer le nouveau mot de passe
auth-reset-spent-title = Ce lien ne fonctionne plus
auth-reset-spent-message = Il a déjà été utilisé ou il a expiré. Demandez-en un nouveau : c'est l'affaire d'une minute.
auth-reset-spent-again = Demander un nouveau lien
auth-email-confirmation-title = Confirmez votre nouvelle adresse e-mail
auth-email-confirmation-intro = Confirmez que cette adresse est bien la vôtre : vous vous connecterez désormais avec elle et y recevrez nos e-mails.
auth-email-confirmation-submit = Confirmer l'adresse
auth-email-confirmation-done = C'est fait : votre compte utilise maintenant { $email }. Connectez-vous désormais avec cette adresse.
auth-email-confirmation-to-portal = Voir mes parts
auth-email-confirmation-taken = Un autre compte utilise déjà cette adresse ; elle ne peut donc pas être la vôtre aussi. Demandez de l'aide à la coopérative.
auth-email-confirmation-spent = Ce lien a déjà été utilisé ou a expiré. Demandez-en un nouveau depuis la page de vos données personnelles.
flash-password-reset-sent = Si un compte existe à cette adresse, un lien pour choisir un nouveau mot de passe est en route. Vérifiez votre boîte de réception (et les indésirables).
flash-password-reset-done = Votre nouveau mot de passe est enregistré. Connectez-vous avec lui.
flash-change-proposed = Merci. La coopérative va vérifier la modification puis l'appliquer ; vous la verrez ici une fois approuvée.
flash-email-change-sent = Nous avons envoyé un lien de confirmation à la nouvelle adresse. Ouvrez-le pour terminer la modification.
field-error-nothing-changed = Rien n'a changé : modifiez d'abord le nom ou l'adresse.
field-error-same-email = C'est déjà l'adresse de votre compte.

## Le portail
portal-switcher-title = Les parts de qui voulez-vous voir ?
portal-switcher-self = en votre nom
portal-switcher-represented = vous la représentez comme { $role }
portal-member-number = coopérateur n° { $number }
portal-member-since = coopérateur depuis le { $date }
portal-profile-link = Données personnelles et adresse
portal-to-pay-title = Reste à payer
portal-call-title = Demande de libération de capital { $number }
portal-call-due = à payer au plus tard le { $date }
portal-holdings-title = Parts détenues
portal-holdings-share-type = Type de parts
portal-holdings-quantity = Nombre de parts
portal-holdings-value = Valeur
portal-holdings-since = Détenues depuis le
portal-holdings-total = Total
portal-holdings-none = Pas encore de parts. Elles sont inscrites au registre dès que la demande de libération est payée.
portal-calls-title = Demandes de libération de capital
portal-calls-none = Aucune demande de libération de capital.
portal-certificates-title = Certificats
portal-certificate-link = Certificat n° { $number } du { $date } (PDF)
portal-certificate-shares = { $count ->
    [one] 1 part
   *[other] { $count } parts
}
portal-certificate-latest = le plus récent
portal-certificates-none = Pas encore de certificat : vous en recevez un dès que vos parts sont inscrites au registre.
portal-changes-pending = { $count ->
    [one] Une modification de vos données personnelles attend l'approbation de la coopérative.
   *[other] { $count } modifications de vos données personnelles attendent l'approbation de la coopérative.
}
portal-back = Retour à { $name }
portal-call-state = Statut
portal-call-amount = Montant
portal-call-paid = Déjà reçu
portal-call-remaining = Reste à payer
portal-call-issued = Émise le
portal-call-due-date = Date d'échéance
portal-pay-title = Comment payer
portal-pay-intro = Virez le montant ci-dessous sur le compte de la coopérative, ou scannez le code QR avec votre application bancaire : tout est rempli pour vous.
portal-pay-amount = Montant
portal-pay-beneficiary = Bénéficiaire
portal-pay-reference = Communication structurée
portal-pay-reference-notice = Utilisez exactement cette communication structurée : c'est grâce à elle que votre paiement est rattaché à votre souscription.
portal-pay-qr-caption = Scannez avec votre application bancaire
portal-call-pdf = Télécharger la demande (PDF)
portal-profile-title = Données personnelles
portal-profile-name = Nom
portal-profile-email = E-mail
portal-profile-address = Adresse
portal-profile-pending-title = En attente d'approbation
portal-profile-pending-item = Demandé le { $date }
portal-profile-change-title = Modifier le nom ou l'adresse
portal-profile-change-intro = Le registre doit rester exact : la coopérative vérifie chaque modification avant de l'appliquer.
portal-profile-first-name = Prénom
portal-profile-last-name = Nom
portal-profile-entity-name = Nom de la société ou de l'organisation
portal-profile-street = Rue et numéro
portal-profile-postal-code = Code postal
portal-profile-city = Localité
portal-profile-country = Pays
portal-profile-country-hint = Deux lettres, par exemple BE, NL, FR ou DE.
portal-profile-change-submit = Envoyer la modification
portal-email-title = Adresse e-mail de votre compte
portal-email-intro = Vous vous connectez avec { $email }. Pour utiliser une autre adresse, indiquez-la ci-dessous : nous y envoyons un lien pour confirmer qu'elle est bien la vôtre.
portal-email-new = Nouvelle adresse e-mail
portal-email-submit = Envoyer le lien de confirmation
