# Assistant d'adhésion UPS : français canadien (fr-CA). Traduit de en-US ;
# mêmes messages, mêmes variables. Terminologie UPS : compte d'expéditeur,
# identifiant client, secret client, Portail des développeurs UPS ; « adhérer »
# et « adhésion » pour l'opt-in OAuth ; jeton d'accès, jeton d'actualisation.

app-name = Assistant d'adhésion UPS
loading = Chargement…
retry = Réessayer
back = Retour
next = Continuer
close = Fermer
cancel = Annuler
dismiss = Masquer
new-window-note = (s'ouvre dans votre navigateur)


## errors
errors-generic = Une erreur s'est produite. Réessayez; si le problème persiste, copiez les diagnostics et envoyez-les au soutien technique.
errors-load-failed = L'application n'a pas pu charger ses paramètres.
errors-code-label = Code d'erreur : { $code }


## banners
banners-keychain-title = Le trousseau de clés du système n'est pas accessible
banners-keychain-fallback = Les secrets clients et les jetons sont conservés dans le trousseau de clés du système, qui est inaccessible. Aucune adhésion ne peut être enregistrée tant qu'il ne fonctionne pas.
banners-keychain-backend = Trousseau : { $backend }
banners-warnings-title = Avis
banners-dismiss-warning = Masquer l'avis
banners-link-ignored-title = Un lien venant du navigateur n'a pas été utilisé
banners-demo-title = Mode démonstration
banners-demo-text = Un bac à sable UPS hors ligne fonctionne sur cet ordinateur à l'adresse { $url }. Choisissez l'environnement « Bac à sable »; rien n'est transmis à UPS.


## steps
steps-label = Étapes de l'adhésion
steps-name-before = Avant de commencer
steps-name-environment = Environnement
steps-name-credentials = Identifiants
steps-name-opt-in = Adhésion
steps-progress = Étape { $current } sur { $total }


## welcome
welcome-title = Faites adhérer vos comptes d'expéditeur UPS
welcome-intro = UPS utilise désormais OAuth pour permettre aux applications d'utiliser vos comptes d'expédition. En tant qu'administrateur de l'entreprise, vous adhérez une seule fois pour que cette application puisse utiliser les comptes d'expéditeur que vous autorisez. Les utilisateurs de l'application ouvrent une session comme avant.
welcome-checklist-legend = Avant de commencer, cochez chaque étape terminée
welcome-step1 = J'ai un compte utilisateur UPS.com, et ce n'est pas un compte UPS.com utilisé pour CampusShip.
welcome-step2 = Mes comptes d'expéditeur sont associés à cet utilisateur sur UPS.com, au moyen d'une facture récente ou d'un NIP envoyé à la personne-ressource du compte inscrite au dossier chez UPS. (Pour un grand nombre de comptes, mon représentant UPS peut m'aider.)
welcome-step3 = Je suis prêt à adhérer, et je sais que je devrai adhérer de nouveau chaque fois que le mot de passe de cet utilisateur UPS.com changera.
welcome-not-all-ticked = Cochez les trois étapes pour continuer. Faites d'abord celles qui manquent sur UPS.com.
welcome-links-title = Liens utiles
welcome-ups-com = UPS.com
welcome-developer-portal = Portail des développeurs UPS (identifiant client et secret client)
welcome-start = Commencer
welcome-back-to-status = Retour aux connexions


## environment
environment-title = Choisissez l'environnement et la méthode
environment-environment-legend = Environnement UPS
environment-sandbox = Bac à sable (démonstration hors ligne)
environment-sandbox-hint = Une doublure locale d'UPS. Rien ne quitte cet ordinateur.
environment-cie = Essai (CIE)
environment-cie-hint = L'environnement d'intégration client d'UPS, pour faire des essais.
environment-production = Production
environment-production-hint = Vos vrais comptes d'expéditeur UPS.
environment-advanced = Options avancées
environment-custom = URL de base personnalisée
environment-custom-url = URL de base
environment-custom-with-url = URL de base personnalisée : { $url }
environment-custom-url-hint = Par exemple https://wwwcie.ups.com. Doit utiliser https (http simple seulement vers cet ordinateur).
environment-method-legend = Comment adhérer
environment-browser-hint = Votre navigateur ouvre UPS.com : ouvrez une session avec l'utilisateur UPS.com qui détient les comptes d'expéditeur et autorisez l'accès.
environment-client-credentials-hint = N'utilise que l'identifiant client et le secret client d'une application créée sur le Portail des développeurs UPS.
environment-label = Libellé
environment-label-hint = Le nom du produit qui utilise ces comptes, par exemple le nom du logiciel d'expédition.


## credentials
credentials-title = Entrez les identifiants de l'application
credentials-intro = Utilisez l'identifiant client et le secret client de votre application sur le Portail des développeurs UPS.
credentials-client-id = Identifiant client
credentials-client-secret = Secret client
credentials-client-id-field = identifiant client
credentials-client-secret-field = secret client
credentials-show-secret = Afficher le secret
credentials-trimmed-note = Champ « { $field } » : les espaces ou sauts de ligne au début ou à la fin ont été retirés.
credentials-route-legend = Comment UPS.com revient à cette application (URI de redirection)
credentials-deep-link = Lien profond (recommandé)
credentials-deep-link-hint = Le navigateur remet le résultat à cette application au moyen de son type de lien.
credentials-loopback = Boucle locale
credentials-loopback-hint = Le navigateur revient vers un petit récepteur sur cet ordinateur.
credentials-bounce = Page de rebond HTTPS
credentials-bounce-hint = Votre propre page https, qui transmet le résultat à cette application.
credentials-bounce-url = URL de la page de rebond
credentials-redirect-title = Inscrivez exactement cette URI de redirection pour votre application chez UPS
credentials-redirect-missing = Entrez l'URL de la page de rebond ci-dessus pour voir l'URI de redirection.
credentials-copy-redirect = Copier l'URI de redirection
credentials-check-with-ups = Vérifier auprès d'UPS
credentials-checking = Interrogation d'UPS…
credentials-check-accepted = UPS accepte cette URI de redirection pour cet identifiant client.
credentials-check-needs-id = Entrez d'abord l'identifiant client.
credentials-advanced = Options avancées
credentials-pkce-body = Envoyer code_verifier sans authentification Basic (mode PKCE dans le corps)
credentials-pkce-body-hint = Seulement si le soutien technique d'UPS l'a demandé.
credentials-accounts-legend = Numéros de compte d'expéditeur (facultatif)
credentials-accounts-hint = Chacun compte 6 lettres ou chiffres, comme sur votre facture UPS. Avec « Identifiant client et secret client seulement », l'assistant demande à UPS de confirmer chacun.
credentials-account-label = Compte d'expéditeur { $n }
credentials-remove-account = Retirer le compte d'expéditeur { $n }
credentials-remove = Retirer
credentials-add-account = Ajouter un numéro de compte
credentials-demo-title = Identifiants de la démonstration hors ligne
credentials-demo-intro = Le bac à sable accepte ceux-ci. Utilisez le nom d'utilisateur et le mot de passe sur sa page de connexion.
credentials-demo-client-id = Identifiant client
credentials-demo-client-secret = Secret client
credentials-demo-user = Nom d'utilisateur
credentials-demo-password = Mot de passe
credentials-demo-fill = Remplir
credentials-demo-filled = Identifiant client et secret client remplis.


## validation
validation-empty = Champ « { $field } » : entrez une valeur.
validation-too-long = Champ « { $field } » : la valeur dépasse { $max } caractères.
validation-bad-chars = Champ « { $field } » : la valeur contient une espace, un caractère de contrôle ou un caractère hors ASCII simple. Copiez-la de nouveau depuis le Portail des développeurs UPS.
validation-label-empty = Entrez un libellé, par exemple le nom du produit.
validation-label-too-long = Le libellé dépasse { $max } caractères.
validation-label-bad-chars = Le libellé contient un caractère de contrôle.
validation-url-empty = Entrez l'URL.
validation-url-invalid = Cette URL est incomplète (elle devrait ressembler à https://example.com).
validation-url-not-https = L'URL doit commencer par https://.
validation-url-insecure = L'URL doit utiliser https:// (http simple n'est permis que vers cet ordinateur).
validation-account-invalid = Le compte d'expéditeur { $n } doit compter exactement { $chars } lettres ou chiffres.
validation-account-duplicate = Le compte d'expéditeur { $n } figure deux fois.
validation-fix-below = Corrigez les champs signalés ci-dessous.


## optIn
opt-in-title = Adhésion
opt-in-reopt-title = Adhérer de nouveau : { $label }
opt-in-summary-title = Résumé
opt-in-summary-environment = Environnement
opt-in-summary-method = Méthode
opt-in-summary-label = Libellé
opt-in-summary-redirect = URI de redirection
opt-in-summary-accounts = Comptes d'expéditeur
opt-in-summary-no-accounts = Aucun
opt-in-browser-intro = Sélectionnez Adhérer : votre navigateur ouvre UPS.com. Ouvrez une session avec l'utilisateur UPS.com qui détient les comptes d'expéditeur, et autorisez l'accès. Revenez ensuite ici.
opt-in-client-credentials-intro = Sélectionnez Adhérer : l'application demande un jeton à UPS avec l'identifiant client et le secret client, et vérifie chaque compte d'expéditeur.
opt-in-reopt-intro = L'identifiant client et le secret client enregistrés sont réutilisés. Ouvrez une session sur UPS.com avec l'utilisateur qui détient les comptes d'expéditeur.
opt-in-button = Adhérer
opt-in-other-routes = Utiliser une autre voie
opt-in-other-routes-hint = Chaque voie envoie sa propre URI de redirection (indiquée dans le résumé ci-dessus). Inscrivez aussi celle-là pour votre application sur le Portail des développeurs UPS, puis sélectionnez Adhérer de nouveau.
opt-in-starting = Vérification auprès d'UPS, puis ouverture d'UPS.com…
opt-in-verifying = Vérification auprès d'UPS…
opt-in-waiting-title = En attente d'UPS.com
opt-in-waiting-status = Ouvrez une session sur UPS.com dans votre navigateur et autorisez l'accès. Cette fenêtre se met à jour d'elle-même.
opt-in-waiting-progress = En attente de la connexion sur UPS.com
opt-in-time-left = Temps restant
opt-in-timed-out = Le délai de ce lien de connexion est écoulé. Recommencez l'adhésion.
opt-in-start-again = Recommencer
opt-in-saving = Enregistrement…
opt-in-saving-status = UPS.com a répondu. Enregistrement de l'autorisation…
opt-in-cancel = Annuler l'adhésion
opt-in-cancelled = L'adhésion a été annulée.
opt-in-open-again = Rouvrir la page de connexion
opt-in-reopened = La page de connexion a été rouverte.
opt-in-copy-link = Copier le lien de connexion
opt-in-browser-not-opened = Le navigateur ne s'est pas ouvert
opt-in-browser-not-opened-help = Copiez ce lien de connexion et ouvrez-le dans votre navigateur :
opt-in-paste-title = Collez l'adresse affichée par votre navigateur
opt-in-paste-help = Si, après avoir autorisé l'accès, votre navigateur affiche une adresse qui commence par l'URI de redirection, mais que rien ne s'est passé ici, copiez l'adresse complète depuis la barre d'adresse du navigateur et collez-la ici.
opt-in-paste-label = Adresse du navigateur
opt-in-paste-submit = Utiliser cette adresse
opt-in-paste-empty = Collez d'abord l'adresse.
opt-in-rejected-link = Un lien venant du navigateur a été ignoré :
opt-in-failed-title = L'adhésion n'a pas abouti
opt-in-try-again = Réessayer
opt-in-still-waiting = La connexion est toujours ouverte : vous pouvez réessayer sur UPS.com.
opt-in-verified-title = Adhésion enregistrée
opt-in-verified-intro = UPS a émis un jeton. Résultat pour chaque compte d'expéditeur :
opt-in-done = Aller aux connexions


## status
status-title = Connexions UPS
status-intro = Les connexions que cette application garde autorisées auprès d'UPS.
status-empty = Il n'y a encore aucune connexion.
status-add-first = Ajouter une connexion
status-add-another = Ajouter une autre connexion
status-copy-diagnostics = Copier les diagnostics
status-diagnostics-copied = Diagnostics copiés. Les secrets et les jetons en sont exclus.
status-list-label = Connexions
status-connected-notice = Adhésion terminée : { $label } est connectée.
status-reopt-banner-title = Adhérer de nouveau
status-reopt-banner-text = UPS n'accepte plus l'adhésion des connexions ci-dessous. Cela se produit lorsque le mot de passe de l'utilisateur UPS.com qui a adhéré est modifié : changer le mot de passe UPS.com invalide l'adhésion. Adhérez de nouveau avec cet utilisateur pour rétablir la connexion.
status-reopt-button = Adhérer de nouveau : { $label }
status-removed = { $label } a été retirée.
status-start-at-login = Démarrer à l'ouverture de session
status-start-at-login-help = Démarre l'assistant, masqué dans la zone de notification, à l'ouverture de votre session : il renouvelle chaque connexion et vous avertit lorsque l'une d'elles requiert votre attention.
status-start-at-login-on = Le démarrage à l'ouverture de session est activé : l'assistant démarre masqué dans la zone de notification à l'ouverture de votre session.
status-start-at-login-off = Le démarrage à l'ouverture de session est désactivé.
status-tray-hint-title = L'assistant reste actif dans la zone de notification
status-tray-hint-text = Fermer cette fenêtre garde l'assistant dans la zone de notification, où il renouvelle vos connexions et vous avertit lorsque l'une d'elles requiert votre attention. Fermez de nouveau la fenêtre pour la masquer; choisissez Quitter dans le menu de la zone de notification pour l'arrêter.
status-tray-hint-dismiss = Compris
status-open-connection-gone = Cette connexion n'existe plus.
status-open-connection-fine = { $label } est connectée : rien à faire.


## card
card-environment = Environnement
card-client-id = Identifiant client
card-method = Méthode
card-redirect-uri = URI de redirection
card-access-token = Jeton d'accès
card-access-expires-in = expire dans
card-access-expired = expiré
card-no-token = aucun
card-refresh-token = Jeton d'actualisation
card-refresh-valid-until = valide jusqu'au { $date }
card-last-refresh = Dernière actualisation
card-never = jamais
card-created = Ajoutée
card-last-error = Dernière erreur
card-last-error-at = le { $when }
card-accounts = Comptes d'expéditeur
card-no-accounts = Aucun numéro de compte d'expéditeur indiqué.
# { $parts } est la liste des nombres ci-dessous, jointe selon les règles de la langue.
card-accounts-summary = { $total ->
        [one] { $total } compte d'expéditeur
       *[other] { $total } comptes d'expéditeur
    } : { $parts }.
card-accounts-verified = { $count ->
        [one] { $count } vérifié
       *[other] { $count } vérifiés
    }
card-accounts-refused = { $count ->
        [one] { $count } refusé
       *[other] { $count } refusés
    }
card-accounts-unchecked = { $count ->
        [one] { $count } non vérifié
       *[other] { $count } non vérifiés
    }
card-show-all-accounts = { $total ->
        [one] Afficher le compte
       *[other] Afficher les { $total } comptes
    }
card-show-details = Afficher les détails
card-hide-details = Masquer les détails
card-show-fewer-accounts = Afficher moins de comptes
card-verified = Vérifié
card-refused = Refusé
card-unchecked = Non vérifié
card-checked-at = vérifié le { $when }
card-token-unsaved = Un nouveau jeton n'est conservé qu'en mémoire, car il n'a pas pu être enregistré dans le trousseau de clés. Réglez le problème du trousseau, puis sélectionnez Actualiser maintenant; si l'application se ferme avant, vous devrez adhérer de nouveau.
card-actions-label = Actions pour { $label }
card-refresh = Actualiser maintenant
card-refreshing = Actualisation…
card-refreshed = Actualisé.
card-test = Tester la connexion
card-testing = Test en cours…
card-tested = Test terminé.
card-reopt = Adhérer de nouveau
card-remove = Retirer
card-update-secret = Mettre à jour le secret client
card-secret-updated = UPS a accepté le nouveau secret client. Il est enregistré; l'adhésion et les comptes d'expéditeur ont été conservés.


## secretDialog
secret-dialog-title = Mettre à jour le secret client : { $label }
secret-dialog-body = Entrez le secret client affiché actuellement sur la page de votre application dans le Portail des développeurs UPS. L'application le vérifie d'abord auprès d'UPS et ne l'enregistre que si UPS l'accepte.
secret-dialog-label = Nouveau secret client
secret-dialog-confirm = Vérifier et enregistrer
secret-dialog-checking = Vérification auprès d'UPS…


## removeDialog
remove-dialog-title = Retirer { $label }?
remove-dialog-body = La connexion est retirée de cette application, et son secret client et ses jetons sont supprimés du trousseau de clés du système. Pour l'utiliser de nouveau, vous devrez adhérer de nouveau.
remove-dialog-confirm = Retirer la connexion
remove-dialog-removing = Retrait…


## copy
copy-copy = Copier
copy-copied = Copié.
copy-failed = Impossible de copier. Sélectionnez le texte et copiez-le avec Ctrl+C (⌘C sur un Mac).


## Connection states (status screen, cards)

state-connected-name = Connectée
state-connected-detail = UPS accepte cette connexion.
state-expiring-name = Expire bientôt
state-expiring-detail = Le jeton d'actualisation expire dans moins de 7 jours. Adhérez de nouveau pour conserver cette connexion.
state-reopt-needed-name = Adhérer de nouveau
state-reopt-needed-detail = UPS n'accepte plus cette adhésion, par exemple parce que le mot de passe UPS.com a été modifié.
state-unreachable-name = UPS injoignable
state-unreachable-detail = UPS n'a pas pu être joint lors de la dernière tentative. Vérifiez le réseau, puis sélectionnez Actualiser maintenant.
state-not-connected-name = Non connectée
state-not-connected-detail = Il n'y a aucune autorisation valide. Adhérez pour vous connecter.
state-credentials-rejected-name = Secret client refusé
state-credentials-rejected-detail = UPS a refusé l'identifiant client ou le secret client, par exemple parce que le secret a été régénéré sur le Portail des développeurs UPS. Sélectionnez Mettre à jour le secret client et entrez le secret actuel; l'adhésion et les comptes d'expéditeur sont conservés.

## Methods

method-browser = Adhérer avec UPS.com
method-client-credentials = Identifiant client et secret client seulement

## Hints under an error's message, per error code

error-hint-access-denied = Si vous avez refusé par erreur, sélectionnez Adhérer et autorisez l'accès sur UPS.com.
error-hint-callback-expired = La connexion a pris trop de temps. Recommencez l'adhésion.
error-hint-login-timed-out = Aucune réponse d'UPS.com n'est arrivée à temps. Recommencez l'adhésion.
error-hint-ups-unreachable = Vérifiez la connexion Internet ainsi que tout serveur mandataire ou pare-feu, puis réessayez.
error-hint-ups-rate-limited = UPS limite les requêtes. Attendez une minute, puis réessayez.
error-hint-reopt-needed = Adhérez de nouveau avec l'utilisateur UPS.com qui détient les comptes d'expéditeur.
error-hint-keychain-unavailable = Démarrez ou déverrouillez le trousseau de clés du système (sous Linux, un service Secret Service comme GNOME Keyring ou KWallet), puis réessayez.
error-hint-loopback-port-busy = Un autre programme utilise le port de la boucle locale. Fermez-le, ou choisissez plutôt la voie du lien profond.
error-hint-browser-failed = Copiez le lien de connexion et ouvrez-le vous-même dans votre navigateur.
error-hint-client-refused = Inscrivez exactement l'URI de redirection affichée comme URL de rappel (Callback URL) de votre application sur le Portail des développeurs UPS, ou choisissez une autre voie avec Retour, puis sélectionnez Vérifier auprès d'UPS.
error-hint-credentials-rejected = Copiez le secret client actuel depuis la page de votre application sur le Portail des développeurs UPS.
error-hint-proxy-unreachable = Le serveur mandataire (proxy) est injoignable. Vérifiez son adresse sous Environnement, Options avancées, Serveur mandataire (proxy) (Copier les diagnostics indique d'où elle vient), ou adressez-vous au service informatique.
error-hint-proxy-refused = Le serveur mandataire (proxy) refuse de se connecter à UPS. Demandez au service informatique d'autoriser l'accès à wwwcie.ups.com et à onlinetools.ups.com par le serveur mandataire.
error-hint-proxy-auth-required = Le serveur mandataire (proxy) demande une authentification. Entrez son nom d'utilisateur et son mot de passe sous Environnement, Options avancées, Identifiants du serveur mandataire; ils sont conservés dans le trousseau de clés du système.
error-hint-tls-untrusted = Votre réseau inspecte les connexions sécurisées avec un certificat auquel cet ordinateur ne fait pas confiance. Demandez au service informatique d'installer le certificat racine de l'entreprise sur cet ordinateur. La vérification des certificats n'est jamais désactivée.
error-hint-dns-failed = L'adresse d'UPS est introuvable. Vérifiez la connexion réseau; si votre réseau n'accède à Internet que par un serveur mandataire (proxy), configurez-le sous Environnement, Options avancées, Serveur mandataire (proxy).
error-hint-connection-refused = Rien n'a répondu à cette adresse. Vérifiez l'adresse de l'environnement; si votre réseau exige un serveur mandataire (proxy), configurez-le sous Environnement, Options avancées, Serveur mandataire (proxy).
error-hint-timed-out = Aucune réponse dans le délai prévu. Vérifiez la connexion réseau, et vérifiez si votre réseau exige un serveur mandataire (Environnement, Options avancées, Serveur mandataire (proxy)).

## Language menu

language-label = Langue
language-system = Langue du système : { $name }
language-endonym = Français (Canada)

## Tray (Rust: crates/optin-core/src/watch.rs)

tray-tooltip-empty = Assistant d'adhésion UPS : aucune connexion configurée
tray-tooltip-all-connected = Assistant d'adhésion UPS : toutes les connexions sont actives
tray-tooltip-attention = Assistant d'adhésion UPS : attention requise : { $names }
tray-tooltip-unreachable = Assistant d'adhésion UPS : UPS injoignable pour { $names } (nouvelles tentatives en cours)
tray-open = Ouvrir l'Assistant d'adhésion UPS
tray-fix-opt-in-again = { $label } : Adhérer de nouveau…
tray-fix-update-secret = { $label } : Mettre à jour le secret…
tray-refresh-all = Tout actualiser maintenant
tray-quit = Quitter

## Desktop notifications (Rust: crates/optin-core/src/watch.rs)

notice-credentials-rejected-summary = { $label } : le secret client doit être entré de nouveau
notice-credentials-rejected-body = UPS a refusé l'identifiant client ou le secret client enregistré (il a peut-être été régénéré sur developer.ups.com). Ouvrez l'assistant et choisissez Mettre à jour le secret client; l'adhésion et les comptes d'expéditeur sont conservés.
notice-reopt-needed-summary = { $label } : une nouvelle adhésion est requise
notice-reopt-needed-body = UPS n'accepte plus sa connexion (le mot de passe UPS.com a été modifié ou l'adhésion a pris fin). Ouvrez l'assistant et choisissez Adhérer de nouveau.
notice-expiring-summary = { $label } : l'adhésion expire bientôt
notice-expiring-body = UPS y met fin le { $date }. Ouvrez l'assistant et choisissez Adhérer de nouveau d'ici là.
notice-expiring-body-no-date = UPS y met fin d'ici une semaine. Ouvrez l'assistant et choisissez Adhérer de nouveau d'ici là.
notice-not-connected-summary = { $label } n'est plus connectée
notice-not-connected-body = Le trousseau de clés ne contient aucun jeton pour cette connexion. Ouvrez l'assistant et choisissez Adhérer de nouveau.
notice-attention-summary = { $label } requiert votre attention
notice-attention-body = Ouvrez l'assistant pour voir quoi faire.
notice-unreachable-summary = { $label } : UPS est injoignable depuis plus d'une heure
notice-unreachable-body = L'assistant continue de réessayer en arrière-plan. Vérifiez le réseau ou le serveur mandataire de cet ordinateur; entre-temps, les produits qui utilisent cette connexion pourraient ne pas pouvoir expédier.
notice-recovered-summary = { $label } est de nouveau connectée
notice-recovered-body = Ses jetons sont de nouveau renouvelés en arrière-plan; rien d'autre à faire.

## Errors as data: error-<code>, with the parameters of optin-core's
## Error::params. UPS's code and message ($ups_code, $ups_message), the
## redirect URI sent and technical details ($detail) are quoted as they came.
## $ups_code and $ups_message are "none" when UPS sent none; $case picks the
## variant of a code that has several.

error-insecure-url = { $url } utilise http simple vers un hôte qui n'est pas cet ordinateur. Utilisez https, ou http seulement pour 127.0.0.1, ::1 ou localhost.
error-callback-invalid = { $case ->
        [rejected-link] L'assistant a ignoré un lien qui n'est pas la réponse à une connexion en cours. Rien n'a été modifié. Pour vous connecter, utilisez la fenêtre du navigateur que l'assistant a ouverte, ou collez l'adresse sur laquelle cette fenêtre aboutit.
       *[answer] Cette réponse de connexion n'est pas destinée à cet assistant : { $reason ->
            [empty] l'adresse est vide
            [too-long] l'adresse est trop longue
            [control-characters] l'adresse contient des caractères de contrôle
            [not-address] ce n'est pas une adresse Web
            [too-many-parameters] elle contient trop de paramètres
            [parameter-too-long] un de ses paramètres est trop long
            [parameter-nul] un de ses paramètres contient un octet NUL
            [parameter-twice] un de ses paramètres figure deux fois
            [no-state] le paramètre state est absent
            [wrong-address] elle a été envoyée à une autre adresse que l'URI de redirection attendue par cette connexion
            [no-code] le paramètre code est absent
           *[other] détail technique : { $detail }
        }. Rien n'a été modifié; terminez la connexion dans la fenêtre du navigateur que l'assistant a ouverte, ou collez de nouveau son adresse finale.
    }
error-callback-unknown-state = Cette réponse de connexion n'appartient à aucune connexion en cours (il peut s'agir d'un lien ancien ou répété). Rien n'a été modifié. Recommencez l'adhésion pour obtenir un nouveau lien de connexion.
error-callback-expired = Cette réponse de connexion est arrivée après l'expiration de la connexion (une connexion dure 10 minutes). Rien n'a été modifié. Recommencez l'adhésion.
error-login-not-pending = Aucune connexion n'attend de réponse. Commencez d'abord l'adhésion.
error-login-cancelled = La connexion a été annulée. Rien n'a été enregistré. Recommencez l'adhésion lorsque vous serez prêt.
error-access-denied = UPS n'a pas accordé l'accès : { $reason }. Rien n'a été enregistré. S'il s'agit d'une erreur, recommencez l'adhésion et approuvez la demande sur UPS.com.
error-login-timed-out = Aucune réponse de connexion n'est arrivée en { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Rien n'a été enregistré. Recommencez l'adhésion, ou collez l'adresse sur laquelle le navigateur s'est arrêté.
error-busy = Un autre processus actualise cette connexion depuis plus de { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Réessayez; si le problème persiste, fermez les autres programmes qui utilisent cette connexion.
error-ups-rejected = UPS a refusé la requête à { $endpoint } (HTTP { $status }{ $ups_code ->
        [none] {""}
       *[other] , code { $ups_code }
    }) : { $ups_message }. Rien d'enregistré n'a été modifié. { $case ->
        [credentials] Vérifiez l'identifiant client et le secret client sur la page de votre application à developer.ups.com, ainsi que l'URI de redirection qui y est inscrite : elle doit être exactement celle affichée ici.
        [account] Vérifiez que le compte d'expéditeur est associé à votre utilisateur UPS.com (méthode par facture ou par NIP sur UPS.com).
       *[other] Vérifiez les valeurs entrées, puis réessayez.
    }
error-ups-unreachable = UPS n'a pas pu être joint ({ $reason ->
        [server-error] UPS a répondu HTTP { $status }, un problème de son côté
        [not-ups] HTTP { $status } est venu d'autre chose qu'UPS : un serveur mandataire, un pare-feu, un portail captif ou un filtre de contenu entre cet ordinateur et UPS a probablement répondu à sa place, et rien n'a été consommé
        [tls-failed] la connexion sécurisée a échoué
        [connect-failed] aucune connexion n'a pu être établie
        [connection-broke] la connexion s'est interrompue pendant la lecture de la réponse
        [request-failed] la requête a échoué
       *[other] détail technique : { $detail }
    }). Rien d'enregistré n'a été modifié. Vérifiez la connexion réseau et réessayez dans quelques minutes.
error-ups-rate-limited = UPS limite les requêtes (HTTP 429{ $ups_message ->
        [none] {""}
       *[other] {"\u00A0"}: { $ups_message }
    }). Rien d'enregistré n'a été modifié. Attendez { $seconds ->
        [none] une minute
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    } et réessayez.
error-reopt-needed = UPS n'accepte plus cette adhésion ({ $ups_message }). Cela se produit lorsque le mot de passe UPS.com de l'utilisateur qui a adhéré a été modifié. Adhérez de nouveau pour rétablir la connexion; l'identifiant client et le secret client enregistrés sont conservés.
error-keychain-error = Le trousseau de clés a refusé l'opération ({ $detail }). Rien n'a été écrit en texte clair. Déverrouillez le trousseau (ou autorisez cette application à l'utiliser) et réessayez.
error-token-not-saved = { $case ->
        [rotation] Un jeton d'actualisation renouvelé de cette connexion n'est pas enregistré dans le trousseau de clés (le trousseau l'a refusé), et celui que contient le trousseau a déjà servi : il n'a donc pas été envoyé à UPS. Déverrouillez le trousseau de clés : un assistant qui détient le nouveau jeton l'enregistrera alors. Si aucun assistant ne le détient, adhérez de nouveau.
       *[held] UPS a émis un nouveau jeton, mais le trousseau de clés n'a pas pu l'enregistrer ({ $detail }). Le jeton est conservé en mémoire et l'enregistrement sera réessayé; gardez l'assistant ouvert et déverrouillez le trousseau.
    }
error-not-connected = Le trousseau de clés ne contient { $what ->
        [client-secret] aucun secret client
        [refresh-token] aucun jeton d'actualisation
       *[other] aucun jeton
    } pour cette connexion (il a peut-être été supprimé en dehors de l'assistant). Adhérez de nouveau pour rétablir la connexion.
error-connection-not-found = Aucune connexion ne porte l'identifiant { $id }. Ouvrez l'écran d'état pour voir les connexions.
error-browser-failed = Le navigateur n'a pas pu être ouvert ({ $detail }). Copiez le lien de connexion et ouvrez-le vous-même dans votre navigateur.
error-loopback-port-busy = Le port { $port } de cet ordinateur est utilisé par un autre programme : l'assistant ne peut donc pas y recevoir la réponse de connexion. Fermez ce programme, ou choisissez la voie du lien profond.
error-client-refused = UPS a refusé cet identifiant client et cette URI de redirection avant la connexion (validate-client, HTTP { $status }{ $ups_code ->
        [none] {""}
       *[other] , code { $ups_code }
    } : { $ups_message }). L'URI de redirection envoyée était exactement « { $redirect_uri } ». Aucun navigateur n'a été ouvert et rien n'a été enregistré. { $case ->
        [client] Vérifiez l'identifiant client : copiez-le de nouveau depuis la page de votre application à developer.ups.com. S'il est exact, vérifiez que l'URL de rappel (Callback URL) de l'application y est exactement cette URI de redirection.
       *[redirect] Inscrivez exactement cette adresse comme URL de rappel (Callback URL) de votre application à developer.ups.com (caractère pour caractère : la casse, la barre oblique finale et le port comptent), ou choisissez une autre voie.
    } Réessayez ensuite.
error-credentials-rejected = { $case ->
        [new] UPS a refusé le nouveau secret client (HTTP { $status }{ $ups_code ->
            [none] {""}
           *[other] , code { $ups_code }
        } : { $ups_message }). Rien n'a été modifié : le secret, les jetons et les comptes d'expéditeur enregistrés sont inchangés. Copiez de nouveau le secret depuis la page de votre application à developer.ups.com (Credentials), vérifiez qu'il correspond à cet identifiant client, puis réessayez.
       *[stored] UPS a refusé l'identifiant client ou le secret client de cette connexion (HTTP { $status }{ $ups_code ->
            [none] {""}
           *[other] , code { $ups_code }
        } : { $ups_message }). Cela se produit lorsque le secret client a été régénéré sur la page de votre application à developer.ups.com, ou que l'application y a été supprimée. L'adhésion et les comptes d'expéditeur sont conservés : entrez le secret client actuel de l'application pour rétablir la connexion.
    }

## Company networks: the proxy a request went through is $proxy (its
## address) and $proxy_source: "setting" (the proxy setting), "system" (the
## OS settings), "intercepting" (a proxy nobody set up, then $proxy is not
## passed), the name of the environment variable it comes from, or "none"
## (no proxy). $reason says why a connection or a certificate failed; for
## "other", $detail is the technical detail in English, quoted as it came.

error-proxy-unreachable = Cet ordinateur n'a pas pu joindre { $proxy_source ->
        [setting] le serveur mandataire { $proxy } (selon le réglage du serveur mandataire)
        [system] le serveur mandataire { $proxy } (selon les paramètres du système)
        [intercepting] un serveur mandataire placé entre cet ordinateur et UPS (non configuré ici : il intercepte le trafic)
       *[other] le serveur mandataire { $proxy } (selon la variable { $proxy_source })
    } ({ $reason ->
        [dns] son nom est introuvable (DNS)
        [refused] la connexion a été refusée : rien ne répond à cette adresse
        [timeout] il n'a pas répondu à temps
       *[other] détail technique : { $detail }
    }). Rien d'enregistré n'a été modifié. Vérifiez l'adresse du serveur mandataire (Copier les diagnostics, sur l'écran des connexions, indique d'où elle vient) ou demandez la bonne adresse au service informatique, puis réessayez.
error-proxy-refused = { $host } n'a pas pu être joint : { $proxy_source ->
        [setting] le serveur mandataire { $proxy } (selon le réglage du serveur mandataire)
        [system] le serveur mandataire { $proxy } (selon les paramètres du système)
        [intercepting] un serveur mandataire placé entre cet ordinateur et UPS (non configuré ici : il intercepte le trafic)
       *[other] le serveur mandataire { $proxy } (selon la variable { $proxy_source })
    } a refusé d'ouvrir une connexion vers cet hôte ({ $reason ->
        [blocked] il n'a pas répondu 200 à CONNECT : le serveur mandataire bloque cet hôte ou n'a pas pu le joindre (HTTP 403 ou 502)
        [blocked-login] il n'a pas répondu 200 à CONNECT : le serveur mandataire bloque cet hôte, n'a pas pu le joindre (HTTP 403 ou 502) ou n'a pas accepté les identifiants envoyés (HTTP 401); si les identifiants sont erronés, entrez-les de nouveau sous Environnement, Options avancées, Identifiants du serveur mandataire
        [closed] il a mis fin à la connexion sans ouvrir de tunnel
       *[other] détail technique : { $detail }
    }). Rien d'enregistré n'a été modifié. Demandez au service informatique d'autoriser l'accès à { $host } par le serveur mandataire (ou vérifiez que { $host } est la bonne adresse), puis réessayez.
error-proxy-auth-required = { $case ->
        [refused] Les identifiants ont été refusés par
       *[needed] Une authentification est exigée par
    } { $proxy_source ->
        [setting] le serveur mandataire { $proxy } (selon le réglage du serveur mandataire)
        [system] le serveur mandataire { $proxy } (selon les paramètres du système)
        [intercepting] un serveur mandataire placé entre cet ordinateur et UPS (non configuré ici : il intercepte le trafic)
       *[other] le serveur mandataire { $proxy } (selon la variable { $proxy_source })
    } (HTTP 407). Rien d'enregistré n'a été modifié. Entrez le nom d'utilisateur et le mot de passe du serveur mandataire sous Environnement, Options avancées, Identifiants du serveur mandataire; ils sont conservés dans le trousseau de clés, jamais dans un fichier. Réessayez ensuite.
error-tls-untrusted = { $host } a répondu avec un certificat signé par une autorité de certification à laquelle cet ordinateur ne fait pas confiance ({ $reason ->
        [unknown-issuer] émetteur inconnu
        [bad-signature] signature invalide
        [expired] le certificat est expiré
        [not-valid-yet] le certificat n'est pas encore valide
        [revoked] le certificat a été révoqué
        [wrong-name] le certificat est destiné à un autre nom
        [wrong-purpose] le certificat n'est pas destiné à un serveur
        [certificate] le certificat a été refusé
       *[other] détail technique : { $detail }
    }){ $proxy_source ->
        [none] {""}
        [setting] , joint en passant par le serveur mandataire { $proxy } (selon le réglage du serveur mandataire)
        [system] , joint en passant par le serveur mandataire { $proxy } (selon les paramètres du système)
        [intercepting] , joint en passant par un serveur mandataire placé entre cet ordinateur et UPS (non configuré ici : il intercepte le trafic)
       *[other] , joint en passant par le serveur mandataire { $proxy } (selon la variable { $proxy_source })
    }. C'est typique des réseaux d'entreprise qui inspectent le trafic TLS : demandez au service informatique d'installer le certificat racine de l'entreprise dans le magasin de certificats de cet ordinateur (ou d'exempter { $host } de l'inspection), puis réessayez. Rien d'enregistré n'a été modifié; la vérification des certificats n'est jamais désactivée.
error-dns-failed = Le nom { $host } est introuvable (DNS). Rien d'enregistré n'a été modifié. Vérifiez la connexion réseau et le DNS de cet ordinateur; si ce réseau n'accède à Internet que par un serveur mandataire (proxy), configurez-le (sous Environnement, Options avancées, Serveur mandataire (proxy), ou avec HTTPS_PROXY ou les paramètres du système), puis réessayez.
error-connection-refused = { $host } a refusé la connexion sur le port { $port } : rien n'y répond. Rien d'enregistré n'a été modifié. Vérifiez l'adresse de l'environnement; si ce réseau n'accède à Internet que par un serveur mandataire (proxy), configurez-le (sous Environnement, Options avancées, Serveur mandataire (proxy), ou avec HTTPS_PROXY ou les paramètres du système), puis réessayez.
error-timed-out = { $host } n'a pas répondu à temps{ $proxy_source ->
        [none] {""}
        [setting] {" "}(en passant par le serveur mandataire { $proxy }, selon le réglage du serveur mandataire)
        [system] {" "}(en passant par le serveur mandataire { $proxy }, selon les paramètres du système)
        [intercepting] {" "}(en passant par un serveur mandataire placé entre cet ordinateur et UPS, non configuré ici)
       *[other] {" "}(en passant par le serveur mandataire { $proxy }, selon la variable { $proxy_source })
    }. Rien d'enregistré n'a été modifié. Vérifiez la connexion réseau (un pare-feu qui bloque le trafic sans rien dire, ou un réseau qui exige un serveur mandataire, produit cet effet), puis réessayez.

## proxy (Environment, Advanced: how this computer reaches UPS)
proxy-legend = Serveur mandataire (proxy)
proxy-intro = La façon dont cet ordinateur joint UPS. Dans la plupart des réseaux d'entreprise, ce réglage est déjà fait pour vous; ne le modifiez que si le service informatique vous a donné l'adresse d'un serveur mandataire.
proxy-automatic = Automatique
proxy-automatic-hint = Le serveur mandataire indiqué par les variables HTTPS_PROXY, HTTP_PROXY ou ALL_PROXY, sinon celui des paramètres du système (NO_PROXY exclut des hôtes).
proxy-manual = Ce serveur mandataire
proxy-manual-hint = Par exemple http://proxy.example.com:3128. Sans nom d'utilisateur ni mot de passe : entrez-les plus bas.
proxy-url = Adresse du serveur mandataire
proxy-direct = Aucun serveur mandataire
proxy-direct-hint = Se connecter directement à UPS, quels que soient les paramètres du système.
proxy-save = Enregistrer le réglage du serveur mandataire
proxy-saved = Réglage du serveur mandataire enregistré. Il s'applique dès la prochaine requête à UPS.
proxy-in-use = Voie utilisée
proxy-login-legend = Identifiants du serveur mandataire
proxy-login-hint = Seulement si le serveur mandataire demande une authentification. Les identifiants sont conservés dans le trousseau de clés du système, jamais dans un fichier, et ne sont envoyés qu'au serveur mandataire utilisé.
proxy-user = Nom d'utilisateur du serveur mandataire
proxy-password = Mot de passe du serveur mandataire
proxy-save-login = Enregistrer les identifiants du serveur mandataire
proxy-login-saved = Identifiants du serveur mandataire enregistrés dans le trousseau de clés.
proxy-login-stored = Des identifiants pour le serveur mandataire utilisé sont enregistrés dans le trousseau de clés.
proxy-remove-login = Retirer les identifiants du serveur mandataire
proxy-login-removed = Identifiants du serveur mandataire retirés du trousseau de clés.
# The route to one environment: $case is "proxy", "direct-setting" (the
# setting says no proxy), "direct-excluded" ($variable excludes the host) or
# "direct"; a proxy has $proxy, $proxy_source (as in the errors) and $login
# ("none", "address": in the proxy address, "keychain").
proxy-route = { $case ->
        [proxy] Par le serveur mandataire { $proxy } ({ $proxy_source ->
            [setting] selon le réglage du serveur mandataire
            [system] selon les paramètres du système
           *[other] selon la variable { $proxy_source }
        }), { $login ->
            [address] avec les identifiants inclus dans son adresse
            [keychain] avec les identifiants du trousseau de clés
           *[none] sans identifiants
        }
        [direct-setting] Connexion directe (le réglage indique Aucun serveur mandataire)
        [direct-excluded] Connexion directe ({ $variable } exclut cet hôte)
       *[direct] Connexion directe (aucun serveur mandataire dans le réglage, les variables d'environnement ou les paramètres du système)
    }


## recovery (after a damaged connections file)
recovery-title = Le fichier des connexions était endommagé
# $at is a date and time; $source is "backup" (the last good copy) or "keychain".
recovery-text = { $source ->
        [backup] Le fichier qui répertorie vos connexions était endommagé le { $at }. { $connections ->
            [one] { $connections } connexion a été restaurée à partir de la dernière copie valide.
           *[other] { $connections } connexions ont été restaurées à partir de la dernière copie valide.
        }
       *[keychain] Le fichier qui répertorie vos connexions était endommagé le { $at }, et il n'y avait aucune copie valide. { $connections ->
            [one] { $connections } connexion a été reconstituée à partir du trousseau de clés du système.
           *[other] { $connections } connexions ont été reconstituées à partir du trousseau de clés du système.
        }
    } Le fichier endommagé est conservé sous le nom { $damaged_file }.
recovery-check = Vérifiez le libellé et les comptes d'expéditeur de chaque connexion (et l'adresse d'un environnement personnalisé); adhérez de nouveau pour les définir.
recovery-acknowledge = Je les ai vérifiées
recovery-card-note = Reconstituée à partir du trousseau de clés du système après l'endommagement du fichier des connexions : son libellé et ses comptes d'expéditeur sont inconnus. Adhérez de nouveau pour les définir.
recovery-leftovers-title = { $count ->
        [one] { $count } entrée du trousseau de clés n'appartient à aucune connexion
       *[other] { $count } entrées du trousseau de clés n'appartiennent à aucune connexion
    }
recovery-leftovers-text = Elles proviennent d'un fichier des connexions endommagé ou d'un retrait interrompu. Retirez-les lorsqu'aucune application ne les utilise plus.
recovery-leftovers-button = Retirer les entrées orphelines…
recovery-leftovers-dialog-title = Retirer les entrées orphelines du trousseau de clés?
recovery-leftovers-dialog-body = Ces entrées seront supprimées du trousseau de clés du système :
recovery-leftovers-confirm = Retirer les entrées
recovery-leftovers-removing = Retrait…
recovery-leftovers-removed = { $count ->
        [one] { $count } entrée orpheline a été retirée du trousseau de clés.
       *[other] { $count } entrées orphelines ont été retirées du trousseau de clés.
    }

## Messages as data (issue 21): the shell's notices, "Check with UPS"
## without a verdict, and the errors whose words were English sentences.

link-location-problem = { $location ->
        [temp-folder] { $path } se trouve dans le dossier temporaire { $temp }, où un autre utilisateur pourrait placer son propre programme au même chemin
        [world-writable] { $path } peut être modifié par tous les utilisateurs de cet ordinateur
        [other-owner] { $path } appartient à un autre utilisateur (uid { $uid }), qui pourrait remplacer le programme
        [group-writable] { $path } peut être modifié par les autres membres de son groupe (gid { $gid })
       *[unreadable] { $path } n'a pas pu être vérifié
    }
app-warning-no-session-bus = Aucun bus de session D-Bus n'a été trouvé : les liens de connexion provenant du navigateur ne peuvent donc pas atteindre cette fenêtre (une deuxième copie de l'assistant démarrerait à la place). Démarrez l'assistant depuis votre session de bureau, ou exécutez-le dans dbus-run-session; en attendant, utilisez « Collez l'adresse affichée par votre navigateur » ou la voie de la boucle locale.
app-warning-link-handler = Les liens provenant du navigateur pourraient ne pas atteindre l'assistant : { $reason ->
        [unsafe-location] l'assistant ne s'est pas inscrit comme gestionnaire de liens, car { link-location-problem }. Déplacez l'assistant dans un dossier que vous seul (ou l'administrateur) pouvez modifier, comme ~/Applications, puis redémarrez-le
        [unwritable-path] le chemin de l'assistant, { $path }, ne peut pas être inscrit comme gestionnaire de liens. Déplacez l'assistant dans un dossier ordinaire comme ~/Applications, puis redémarrez-le
        [no-home] il n'y a aucun dossier personnel où inscrire le gestionnaire de liens. Définissez HOME, puis redémarrez l'assistant
        [installed-drops-url] le gestionnaire de liens installé, { $file }, ne transmet pas le lien. Réinstallez le paquet de l'assistant, ou demandez-le à votre administrateur
        [installed-is-other] les liens du navigateur ouvrent { $program } (par { $file }), et non cet assistant. Choisissez « UPS Opt-In Wizard » pour ces liens dans les paramètres d'applications par défaut de votre bureau
        [no-installed-handler] aucune application n'est inscrite pour les liens { $scheme }://. Réinstallez le paquet de l'assistant, ou demandez-le à votre administrateur
        [io] { $path } n'a pas pu être écrit. Vérifiez les autorisations de ce dossier, puis redémarrez l'assistant
        [command] les paramètres de liens du bureau n'ont pas pu être modifiés. Installez xdg-utils, puis redémarrez l'assistant
        [still-overridden] le bureau ouvre encore les liens { $scheme }:// avec { $program }. Choisissez « UPS Opt-In Wizard (handler) » pour ces liens dans les paramètres d'applications par défaut de votre bureau
        [registry] Windows a refusé de modifier vos paramètres. Vérifiez que votre compte peut modifier ses propres paramètres, puis redémarrez l'assistant
       *[other] le gestionnaire de liens n'a pas pu être mis en place. Redémarrez l'assistant; si cet avis revient, copiez les diagnostics et envoyez-les au soutien technique
    }. D'ici là, utilisez « Collez l'adresse affichée par votre navigateur » pour terminer une connexion.
app-warning-start-at-login = { $reason ->
        [unsafe-login-item] Le démarrage à l'ouverture de session n'a pas été activé : { link-location-problem }. Déplacez l'assistant dans un dossier que vous seul (ou l'administrateur) pouvez modifier, comme ~/Applications, démarrez-le à partir de là et activez de nouveau le démarrage à l'ouverture de session.
       *[other] Le démarrage à l'ouverture de session est activé dans les paramètres, mais l'entrée qui lance l'assistant à l'ouverture de session n'a pas pu être écrite. Désactivez puis réactivez le démarrage à l'ouverture de session dans l'écran d'état; si l'échec se répète, vérifiez que votre utilisateur peut écrire dans les éléments de démarrage (sous Linux, ~/.config/autostart).
    }
app-warning-quit-unsaved = L'assistant détient un jeton d'actualisation renouvelé que le trousseau de clés a refusé d'enregistrer, et celui du trousseau a déjà été utilisé. Quitter maintenant ferait perdre l'adhésion. Déverrouillez le trousseau (l'assistant enregistre le jeton en moins d'une minute), ou choisissez Quitter de nouveau pour quitter quand même.
credentials-check-unavailable = Cet environnement ne peut pas vérifier les URI de redirection (il a répondu HTTP { $status } avec { $answer ->
        [empty] un corps vide
        [html] une page HTML
        [json-without-token] du JSON sans verdict
        [json-without-result] du JSON sans résultat
        [malformed-json] du JSON mal formé
       *[other] un texte qui n'est pas du JSON
    }). Assurez-vous que l'URI de redirection est inscrite exactement telle qu'elle est affichée, puis adhérez.
error-invalid-input = { $field ->
        [client-id] Identifiant client
        [client-secret] Secret client
        [shipper-account] Compte d'expéditeur
        [label] Libellé
        [environment] Environnement
        [environment-url] Adresse de l'environnement
        [request-url] Adresse de la requête
        [redirect-uri] URI de redirection
        [bounce-url] URL de la page de rebond
        [proxy] Serveur mandataire
        [proxy-user-name] Nom d'utilisateur du serveur mandataire
        [proxy-password] Mot de passe du serveur mandataire
        [proxy-login] Identifiants du serveur mandataire
        [connection] Connexion
        [connection-id] ID de la connexion
        [demo] Démonstration
       *[other] Saisie
    } : { $reason ->
        [empty] la valeur est vide. Entrez-la, puis réessayez.
        [too-long] la valeur dépasse { $max } caractères. Vérifiez que vous n'avez copié que cette valeur, puis réessayez.
        [spaces] la valeur contient une espace ou un caractère de contrôle. Entrez-la de nouveau sans caractères superflus.
        [non-ascii] la valeur contient un caractère hors ASCII simple. Entrez-la de nouveau exactement comme elle figure sur le Portail des développeurs UPS (dans une adresse, encodez tout autre caractère en pourcentage, p. ex. %20).
        [control-characters] la valeur contient un caractère de contrôle (un saut de ligne?). Entrez-la de nouveau.
        [not-account-number] « { $value } » n'est pas un numéro de compte UPS : il doit compter exactement 6 lettres ou chiffres, tel qu'il est imprimé sur votre facture UPS.
        [unknown-environment] « { $value } » n'est ni CIE, ni la production, ni une adresse comme https://wwwcie.ups.com. Choisissez un environnement ou entrez son adresse.
        [user-info] l'adresse ne doit contenir ni nom d'utilisateur ni mot de passe. Entrez-la sans eux.
        [query] l'adresse ne doit contenir ni ? ni #. Retirez-les, puis réessayez.
        [not-https] l'adresse doit commencer par https://, et non par { $value }://. Entrez l'adresse https.
        [colon] un nom d'utilisateur de serveur mandataire ne peut pas contenir « : ». Vérifiez-le auprès du service informatique.
        [not-proxy-address] ce n'est pas une adresse de serveur mandataire. Entrez-la sous la forme http://hôte:port.
        [no-proxy-in-use] aucun serveur mandataire n'est utilisé (aucun dans le paramètre du serveur mandataire, l'environnement ou les paramètres du système) : il n'y a donc rien à quoi se connecter. Définissez d'abord le serveur mandataire.
        [bounce-needs-scheme] la voie de rebond exige l'adresse à schéma personnalisé vers laquelle la page redirige. Entrez-la, puis réessayez.
        [bounce-not-https] ce doit être une adresse https de votre propre site Web. Entrez-la, puis réessayez.
        [loopback-needs-address] la voie de la boucle locale exige une adresse comme http://127.0.0.1:8765/callback. Choisissez de nouveau la voie.
        [client-credentials-only] elle utilise seulement un identifiant client et un secret client : il n'y a donc aucune adhésion à renouveler. Testez-la, ou entrez un nouveau secret client.
        [no-redirect-uri] aucune URI de redirection n'est enregistrée pour elle. Supprimez-la, puis ajoutez-la de nouveau.
        [client-id-in-use] la connexion « { $label } » utilise déjà cet identifiant client à { $url } (même hôte et même port, autre chemin), et l'assistant garde une seule connexion par hôte, port et identifiant client. Rien n'a été modifié. Supprimez d'abord cette connexion, ou joignez la deuxième adresse par un autre nom d'hôte ou un autre port.
        [bad-id] ce n'est pas l'ID d'une connexion tel qu'il figure dans l'écran d'état. Rien n'a été modifié.
        [backslash] l'adresse contient \, que les navigateurs lisent comme /. Entrez l'adresse avec / exactement comme elle est inscrite sur le Portail des développeurs UPS.
        [not-absolute] ce n'est pas une adresse complète comme upsoptin://oauth/callback ou http://127.0.0.1:8765/callback. Entrez-la de nouveau.
        [bad-scheme] une adresse commençant par { $value }: ne peut pas recevoir de réponse de connexion. Entrez l'URI de redirection inscrite pour votre application.
        [no-host] une URI de redirection à schéma personnalisé exige un hôte, comme dans upsoptin://oauth/callback. Entrez-la de nouveau.
        [demo-only] le bac à sable n'existe qu'en mode démonstration. Choisissez Essai (CIE), Production ou votre propre adresse.
        [no-demo] cette copie de l'assistant n'a pas de mode démonstration (les paquets installés n'incluent pas le bac à sable UPS local). Démarrez l'assistant sans --demo et choisissez Essai (CIE) ou Production.
       *[other] la valeur n'est pas valide. Vérifiez-la, puis réessayez.
    }
error-keychain-unavailable = { $platform ->
        [linux] Aucun service Secret Service ne fonctionne sur cet ordinateur : l'assistant ne peut donc pas conserver les secrets de façon sûre (il ne les écrit jamais en texte clair). Installez-en un et démarrez-le, par exemple GNOME Keyring (sudo apt install gnome-keyring) dans une session de bureau, ou exécutez gnome-keyring-daemon --start --components=secrets dans une session D-Bus, puis réessayez.
        [macos] Le trousseau de macOS n'a pas pu être ouvert. Ouvrez Trousseau d'accès, assurez-vous que votre trousseau de session existe et qu'il est déverrouillé, puis réessayez.
        [windows] Le Gestionnaire d'identification de Windows n'a pas pu être ouvert. Ouvrez une session Windows avec votre propre compte (et non un compte de service), puis réessayez.
       *[other] Ce système n'a aucun trousseau de clés pris en charge : l'assistant ne peut donc pas conserver les secrets de façon sûre. Utilisez Linux avec un service Secret Service, macOS ou Windows.
    } (Détail : { $detail }.)
error-config-error = { $reason ->
        [files] L'assistant n'a pas pu lire ou écrire ses fichiers ({ $detail }). Vérifiez que votre utilisateur peut écrire dans le dossier de configuration, puis réessayez.
        [foreign-folder] Le dossier { $path } appartient à un autre utilisateur (uid { $uid }), qui pourrait modifier ce que l'assistant y conserve. Rien n'a été lu ni écrit. Supprimez le dossier ou attribuez-le à votre utilisateur (chown), puis réessayez.
        [newer-schema] Le fichier { $path } a été écrit par une version plus récente de l'assistant. Rien n'a été modifié. Mettez l'assistant à jour, puis réessayez.
        [damaged-keychain-unreadable] Le fichier { $path } est endommagé, il n'en existe aucune copie valide, et le trousseau de clés du système à partir duquel il est reconstruit n'a pas pu être lu. Rien n'a été déplacé ni modifié. Déverrouillez le trousseau, puis réessayez.
        [damaged-no-copy] Le fichier { $path } est endommagé et il n'en existe aucune copie valide. Rien n'a été déplacé ni modifié. Ouvrez de nouveau l'assistant : il reconstruit le fichier à partir du trousseau de clés du système.
        [foreign-settings] Le fichier de paramètres { $path } appartient à un autre utilisateur (uid { $uid }), qui pourrait choisir ce qui démarre à l'ouverture de votre session. Supprimez le fichier, puis réessayez.
        [loopback-listen] L'assistant n'a pas pu écouter sur { $address } ({ $detail }). Choisissez plutôt la voie du lien profond.
        [loopback-failed] L'écoute en boucle locale a échoué ({ $detail }). Collez plutôt l'adresse affichée par votre navigateur.
        [no-config-dir] Ce système n'a aucun dossier de configuration. Réglez UPS_OPTIN_CONFIG_DIR sur un dossier où l'assistant peut écrire, puis redémarrez-le.
        [demo-sandbox] Le bac à sable de démonstration n'a pas pu démarrer sur cet ordinateur ({ $detail }). Fermez l'assistant et relancez la démonstration.
        [start-at-login-unavailable] Le démarrage à l'ouverture de session n'est pas offert dans cette copie de l'assistant. Lancez-le plutôt à partir des paramètres de démarrage automatique de votre session.
        [start-at-login-failed] Le démarrage à l'ouverture de session n'a pas pu être { $action ->
            [on] activé
           *[off] désactivé
        } ({ $detail }). Vérifiez que votre utilisateur peut écrire dans les éléments de démarrage (sous Linux, ~/.config/autostart), puis réessayez.
        [start-at-login-refused] Le démarrage à l'ouverture de session n'a pas été activé : { link-location-problem }. Déplacez l'assistant dans un dossier que vous seul (ou l'administrateur) pouvez modifier, comme ~/Applications, démarrez-le à partir de là et activez de nouveau le démarrage à l'ouverture de session.
       *[other] La configuration de l'assistant n'a pas pu être utilisée. Vérifiez que votre utilisateur peut écrire dans le dossier de configuration, puis réessayez.
    }
error-ups-bad-response = UPS a répondu HTTP { $status } avec { $kind ->
        [unreadable] une réponse illisible
        [empty-token] un jeton d'accès vide
        [not-approved] un jeton dont le statut n'est pas « approved »
        [empty] un corps vide
        [html] une page HTML
        [json-without-token] du JSON sans jeton
        [malformed-json] du JSON mal formé
        [error-body] un corps d'erreur
        [redirect] une redirection vers une autre adresse
        [no-access-token] une réponse de renouvellement sans jeton d'accès (le jeton d'actualisation renouvelé a été conservé; la prochaine requête renouvelle de nouveau)
        [no-refresh-token] un jeton sans jeton d'actualisation
       *[other] un texte qui n'est pas du JSON
    }, ce qui n'est pas un jeton utilisable. Rien d'enregistré n'a été modifié. Vérifiez que l'adresse de l'environnement pointe vers UPS, puis réessayez.
connection-recovered-label = Récupérée : { $environment } { $client }
