# Back office: the certificate (design, pictures, issued certificates), representations and
# changes of personal data proposed by members.

## Certificate settings (/admin/settings/certificate)
admin-settings-certificate-link = Certificat de coopérateur : présentation, logo et signature
admin-certificate-title = Certificat de coopérateur
admin-certificate-back = Retour aux paramètres
admin-certificate-intro = L'apparence des certificats et qui les signe. Un certificat déjà émis garde l'apparence avec laquelle il a été émis ; les suivants utilisent ce que vous enregistrez ici.
admin-certificate-cannot-draw = Impossible de dessiner un certificat avec cette présentation. Raccourcissez les textes ou choisissez d'autres images, puis enregistrez à nouveau.
admin-certificate-preview = Aperçu
admin-certificate-preview-intro = Un certificat d'exemple, dessiné avec la présentation et les images enregistrées (enregistrez d'abord vos modifications).
admin-certificate-preview-in = Aperçu (PDF) : { $language }
admin-certificate-signatory = Signataire
admin-certificate-signatory-intro = L'administrateur ou l'administratrice qui signe les certificats. Sans nom, le certificat n'a pas de signature.
admin-certificate-signatory-name = Nom
admin-certificate-signatory-function = Fonction
admin-certificate-look = Page et couleur
admin-certificate-orientation = Orientation
admin-certificate-orientation-portrait = Portrait
admin-certificate-orientation-landscape = Paysage
admin-certificate-accent = Couleur du titre et des filets
admin-certificate-accent-hint = Un # suivi de six chiffres hexadécimaux, par exemple #1f4e79. Laissez vide pour le bleu foncé par défaut.
admin-certificate-texts-in = Textes : { $language }
admin-certificate-texts-hint = Laissez un texte vide pour garder la formulation par défaut. Variables autorisées : { $placeholders }.
admin-certificate-text-title = Titre
admin-certificate-text-intro = Phrase au-dessus des parts
admin-certificate-text-closing = Paragraphe sous les parts
admin-certificate-save = Enregistrer la présentation
admin-certificate-pictures = Logo et signature
admin-certificate-pictures-intro = Une image PNG ou JPEG de { $size } Mo au plus.
admin-certificate-picture-logo = Logo
admin-certificate-picture-signature = Signature
admin-certificate-picture-set = Enregistrée le { $date }.
admin-certificate-picture-none = Aucune pour l'instant.
admin-certificate-picture-remove = Supprimer
admin-certificate-picture-file = Fichier image
admin-certificate-picture-upload = Envoyer
admin-certificate-upload-failed = Le fichier n'a pas pu être reçu. Réessayez.
flash-certificate-design-saved = La présentation du certificat est enregistrée. Les prochains certificats l'utiliseront.
flash-certificate-picture-saved = L'image est enregistrée.
flash-certificate-picture-removed = L'image est supprimée.
field-error-invalid-colour = Écrivez la couleur avec un # suivi de six chiffres hexadécimaux, par exemple #1f4e79.
field-error-unknown-placeholder = Ce texte utilise une variable qui n'existe pas. N'utilisez que les variables indiquées plus haut, entre accolades.
field-error-not-an-image = Choisissez une image PNG ou JPEG.
field-error-file-too-large = Ce fichier est trop volumineux.
field-error-unreadable-image = Cette image est illisible. Enregistrez-la à nouveau en PNG ou JPEG et réessayez.
field-error-cannot-draw = Impossible de dessiner un certificat avec ceci.

## Issued certificates (contact page)
admin-contact-certificates = Certificats
admin-contact-no-certificates = Aucun certificat émis pour l'instant.
admin-certificates-number = N°
admin-certificates-date = Date
admin-certificates-total-shares = Parts
admin-certificates-total-value = Valeur
admin-certificates-size = Taille
admin-certificates-actions = Actions
admin-certificates-title = Certificat n° { $number }
admin-certificates-kilobytes = { $size } Ko
admin-certificates-download = Télécharger (PDF)
admin-certificates-resend = Renvoyer
flash-certificate-resent = Le certificat sera renvoyé, exactement tel qu'il a été émis.

## Representations (contact page)
admin-representation-end-on = Fin le
admin-representation-end = Mettre fin
flash-representation-ended = La représentation a pris fin.
flash-representation-already-ended-error = Cette représentation avait déjà pris fin : rien n'a été modifié.
field-error-ends-before-start = La fin ne peut pas précéder le début de la représentation.

## Changes of personal data proposed by members (/admin/changes)
admin-dashboard-members = Membres
admin-dashboard-pending-changes = { $count ->
    [0] Aucune modification de données personnelles n'attend d'approbation.
    [one] Une modification de données personnelles attend votre approbation.
   *[other] { $count } modifications de données personnelles attendent votre approbation.
}
admin-contact-pending-changes = Modifications en attente d'approbation
admin-contact-pending-changes-link = Examiner les modifications de données personnelles
admin-changes-title = Modifications de données personnelles
admin-changes-intro = Des membres ont proposé ces nouveaux noms ou adresses dans leur espace. Approuvez une modification pour l'appliquer au contact, ou refusez-la.
admin-changes-contact = Contact
admin-changes-requested = Demandée le
admin-changes-current = Actuellement
admin-changes-proposed = Proposé
admin-changes-actions = Actions
admin-changes-stale = Modifié depuis la proposition
admin-changes-approve = Approuver
admin-changes-reject = Refuser
admin-changes-none = Aucune modification n'attend d'approbation.
flash-contact-change-approved = La modification est approuvée : le contact a les nouvelles données.
flash-contact-change-rejected = La modification est refusée : le contact reste inchangé.
flash-contact-change-decided-error = Cette modification avait déjà été approuvée ou refusée : rien n'a été fait.
flash-contact-change-stale-error = Le contact a été modifié après la proposition du membre : la modification ne peut pas être appliquée telle quelle. Refusez-la et demandez au membre de la proposer à nouveau.
admin-certificates-issue = Émettre un nouveau certificat
flash-certificate-issued = Un nouveau certificat des parts détenues aujourd'hui est émis et envoyé au coopérateur.
flash-certificate-nothing-held-error = Ce contact ne détient aucune part : il n'y a rien à certifier.
