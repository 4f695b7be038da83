# UPS-Opt-in-Assistent: Deutsch (de-DE). Übersetzt aus en-US; dieselben
# Nachrichten, dieselben Variablen. UPS-Begriffe: Versandkonto
# (Versandkontonummer), Client-ID, Client-Secret, UPS-Entwicklerportal;
# „Opt-in“ für die OAuth-Einwilligung; Zugriffstoken, Aktualisierungstoken.
# Anrede: Sie.

app-name = UPS-Opt-in-Assistent
loading = Wird geladen…
retry = Erneut versuchen
back = Zurück
next = Weiter
close = Schließen
cancel = Abbrechen
dismiss = Ausblenden
new-window-note = (wird im Browser geöffnet)


## errors
errors-generic = Etwas ist schiefgelaufen. Versuchen Sie es erneut; wenn das Problem bleibt, kopieren Sie die Diagnosedaten und senden Sie sie an den Support.
errors-load-failed = Die App konnte ihre Einstellungen nicht laden.
errors-code-label = Fehlercode: { $code }


## banners
banners-keychain-title = Der Schlüsselbund des Systems ist nicht verfügbar
banners-keychain-fallback = Client-Secrets und Tokens werden im Schlüsselbund des Systems gespeichert, und dieser ist nicht erreichbar. Opt-ins können erst gespeichert werden, wenn er funktioniert.
banners-keychain-backend = Schlüsselbund: { $backend }
banners-warnings-title = Hinweis
banners-dismiss-warning = Hinweis ausblenden
banners-link-ignored-title = Ein Link aus dem Browser wurde nicht verwendet
banners-demo-title = Demomodus
banners-demo-text = Eine Offline-UPS-Sandbox läuft auf diesem Computer unter { $url }. Wählen Sie die Umgebung „Sandbox“; nichts erreicht UPS.


## steps
steps-label = Schritte des Opt-ins
steps-name-before = Vorbereitung
steps-name-environment = Umgebung
steps-name-credentials = Zugangsdaten
steps-name-opt-in = Opt-in
steps-progress = Schritt { $current } von { $total }


## welcome
welcome-title = Opt-in für Ihre UPS-Versandkonten
welcome-intro = UPS verwendet jetzt OAuth, damit Anwendungen Ihre Versandkonten nutzen können. Als Administrator Ihres Unternehmens führen Sie das Opt-in einmal durch, damit diese Anwendung die von Ihnen freigegebenen Versandkonten nutzen kann. Die Benutzer der Anwendung melden sich wie bisher an.
welcome-checklist-legend = Haken Sie vor dem Start jeden erledigten Schritt ab
welcome-step1 = Ich habe ein Benutzerkonto auf UPS.com, und es ist kein UPS.com-Konto, das für CampusShip verwendet wird.
welcome-step2 = Meine Versandkonten sind auf UPS.com mit diesem Benutzer verknüpft, über eine aktuelle Rechnung oder über eine PIN, die an den bei UPS hinterlegten Kontakt des Kontos gesendet wurde. (Bei sehr vielen Konten hilft mir mein UPS-Kundenbetreuer.)
welcome-step3 = Ich bin bereit für das Opt-in und weiß, dass ich es jedes Mal wiederholen muss, wenn sich das Passwort dieses UPS.com-Benutzers ändert.
welcome-not-all-ticked = Haken Sie alle drei Schritte ab, um fortzufahren. Erledigen Sie fehlende Schritte zuerst auf UPS.com.
welcome-links-title = Nützliche Links
welcome-ups-com = UPS.com
welcome-developer-portal = UPS-Entwicklerportal (Client-ID und Client-Secret)
welcome-start = Starten
welcome-back-to-status = Zurück zu den Verbindungen


## environment
environment-title = Umgebung und Methode wählen
environment-environment-legend = UPS-Umgebung
environment-sandbox = Sandbox (Offline-Demo)
environment-sandbox-hint = Ein lokaler Ersatz für UPS. Nichts verlässt diesen Computer.
environment-cie = Test (CIE)
environment-cie-hint = Die Kundenintegrationsumgebung von UPS, zum Ausprobieren.
environment-production = Produktion
environment-production-hint = Ihre echten UPS-Versandkonten.
environment-advanced = Erweitert
environment-custom = Eigene Basis-URL
environment-custom-url = Basis-URL
environment-custom-with-url = Eigene Basis-URL: { $url }
environment-custom-url-hint = Zum Beispiel https://wwwcie.ups.com. Muss https verwenden (einfaches http nur zu diesem Computer).
environment-method-legend = Art des Opt-ins
environment-browser-hint = Ihr Browser öffnet UPS.com: Melden Sie sich mit dem UPS.com-Benutzer an, dem die Versandkonten gehören, und erlauben Sie den Zugriff.
environment-client-credentials-hint = Verwendet nur Client-ID und Client-Secret einer im UPS-Entwicklerportal angelegten App.
environment-label = Bezeichnung
environment-label-hint = Der Name des Produkts, das diese Konten nutzt, zum Beispiel der Name der Versandsoftware.


## credentials
credentials-title = Zugangsdaten der App eingeben
credentials-intro = Verwenden Sie Client-ID und Client-Secret Ihrer App im UPS-Entwicklerportal.
credentials-client-id = Client-ID
credentials-client-secret = Client-Secret
credentials-client-id-field = Client-ID
credentials-client-secret-field = Client-Secret
credentials-show-secret = Secret anzeigen
credentials-trimmed-note = Feld „{ $field }“: Leerzeichen oder Zeilenumbrüche am Anfang oder Ende wurden entfernt.
credentials-route-legend = Wie UPS.com zu dieser App zurückkehrt (Weiterleitungs-URI)
credentials-deep-link = Deep Link (empfohlen)
credentials-deep-link-hint = Der Browser übergibt das Ergebnis über den Linktyp dieser App.
credentials-loopback = Loopback
credentials-loopback-hint = Der Browser kehrt zu einem kleinen Empfänger auf diesem Computer zurück.
credentials-bounce = HTTPS-Weiterleitungsseite
credentials-bounce-hint = Ihre eigene https-Seite, die das Ergebnis an diese App weiterleitet.
credentials-bounce-url = URL der Weiterleitungsseite
credentials-redirect-title = Registrieren Sie genau diesen Weiterleitungs-URI für Ihre App bei UPS
credentials-redirect-missing = Geben Sie oben die URL der Weiterleitungsseite ein, um den Weiterleitungs-URI zu sehen.
credentials-copy-redirect = Weiterleitungs-URI kopieren
credentials-check-with-ups = Bei UPS prüfen
credentials-checking = UPS wird gefragt…
credentials-check-accepted = UPS akzeptiert diesen Weiterleitungs-URI für diese Client-ID.
credentials-check-needs-id = Geben Sie zuerst die Client-ID ein.
credentials-advanced = Erweitert
credentials-pkce-body = code_verifier ohne Basic-Authentifizierung senden (PKCE im Anfragetext)
credentials-pkce-body-hint = Nur wenn der UPS-Support darum gebeten hat.
credentials-accounts-legend = Versandkontonummern (optional)
credentials-accounts-hint = Jeweils 6 Buchstaben oder Ziffern, wie auf Ihrer UPS-Rechnung. Bei „Nur Client-ID und Client-Secret“ lässt der Assistent jede Nummer von UPS bestätigen.
credentials-account-label = Versandkonto { $n }
credentials-remove-account = Versandkonto { $n } entfernen
credentials-remove = Entfernen
credentials-add-account = Kontonummer hinzufügen
credentials-demo-title = Zugangsdaten der Offline-Demo
credentials-demo-intro = Die Sandbox akzeptiert diese Werte. Verwenden Sie Benutzername und Passwort auf ihrer Anmeldeseite.
credentials-demo-client-id = Client-ID
credentials-demo-client-secret = Client-Secret
credentials-demo-user = Benutzername
credentials-demo-password = Passwort
credentials-demo-fill = Ausfüllen
credentials-demo-filled = Client-ID und Client-Secret wurden ausgefüllt.


## validation
validation-empty = Feld „{ $field }“: Bitte geben Sie einen Wert ein.
validation-too-long = Feld „{ $field }“: Der Wert ist länger als { $max } Zeichen.
validation-bad-chars = Feld „{ $field }“: Der Wert enthält ein Leerzeichen, ein Steuerzeichen oder ein Zeichen außerhalb von einfachem ASCII. Kopieren Sie ihn erneut aus dem UPS-Entwicklerportal.
validation-label-empty = Geben Sie eine Bezeichnung ein, zum Beispiel den Namen des Produkts.
validation-label-too-long = Die Bezeichnung ist länger als { $max } Zeichen.
validation-label-bad-chars = Die Bezeichnung enthält ein Steuerzeichen.
validation-url-empty = Geben Sie die URL ein.
validation-url-invalid = Das ist keine vollständige URL (sie sollte wie https://example.com aussehen).
validation-url-not-https = Die URL muss mit https:// beginnen.
validation-url-insecure = Die URL muss https:// verwenden (einfaches http ist nur zu diesem Computer erlaubt).
validation-account-invalid = Versandkonto { $n } muss aus genau { $chars } Buchstaben oder Ziffern bestehen.
validation-account-duplicate = Versandkonto { $n } ist doppelt aufgeführt.
validation-fix-below = Korrigieren Sie die unten markierten Felder.


## optIn
opt-in-title = Opt-in
opt-in-reopt-title = Opt-in wiederholen: { $label }
opt-in-summary-title = Zusammenfassung
opt-in-summary-environment = Umgebung
opt-in-summary-method = Methode
opt-in-summary-label = Bezeichnung
opt-in-summary-redirect = Weiterleitungs-URI
opt-in-summary-accounts = Versandkonten
opt-in-summary-no-accounts = Keine angegeben
opt-in-browser-intro = Wählen Sie „Opt-in durchführen“: Ihr Browser öffnet UPS.com. Melden Sie sich mit dem UPS.com-Benutzer an, dem die Versandkonten gehören, und erlauben Sie den Zugriff. Kehren Sie dann hierher zurück.
opt-in-client-credentials-intro = Wählen Sie „Opt-in durchführen“: Die App fordert mit Client-ID und Client-Secret ein Token bei UPS an und prüft jedes Versandkonto.
opt-in-reopt-intro = Die gespeicherte Client-ID und das Client-Secret werden wiederverwendet. Melden Sie sich auf UPS.com mit dem Benutzer an, dem die Versandkonten gehören.
opt-in-button = Opt-in durchführen
opt-in-other-routes = Anderen Weg verwenden
opt-in-other-routes-hint = Jeder Weg sendet seinen eigenen Weiterleitungs-URI (oben in der Zusammenfassung). Registrieren Sie auch diesen für Ihre App im UPS-Entwicklerportal und wählen Sie dann erneut „Opt-in durchführen“.
opt-in-starting = Prüfung bei UPS, danach wird UPS.com geöffnet…
opt-in-verifying = Prüfung bei UPS…
opt-in-waiting-title = Warten auf UPS.com
opt-in-waiting-status = Melden Sie sich im Browser auf UPS.com an und erlauben Sie den Zugriff. Dieses Fenster aktualisiert sich von selbst.
opt-in-waiting-progress = Warten auf die Anmeldung bei UPS.com
opt-in-time-left = Verbleibende Zeit
opt-in-timed-out = Die Zeit für diesen Anmeldelink ist abgelaufen. Starten Sie das Opt-in erneut.
opt-in-start-again = Neu starten
opt-in-saving = Wird gespeichert…
opt-in-saving-status = UPS.com hat geantwortet. Die Autorisierung wird gespeichert…
opt-in-cancel = Opt-in abbrechen
opt-in-cancelled = Das Opt-in wurde abgebrochen.
opt-in-open-again = Anmeldeseite erneut öffnen
opt-in-reopened = Die Anmeldeseite wurde erneut geöffnet.
opt-in-copy-link = Anmeldelink kopieren
opt-in-browser-not-opened = Der Browser wurde nicht geöffnet
opt-in-browser-not-opened-help = Kopieren Sie diesen Anmeldelink und öffnen Sie ihn in Ihrem Browser:
opt-in-paste-title = Adresse aus dem Browser einfügen
opt-in-paste-help = Wenn Ihr Browser nach dem Erlauben des Zugriffs eine Adresse anzeigt, die mit dem Weiterleitungs-URI beginnt, hier aber nichts passiert ist, kopieren Sie die vollständige Adresse aus der Adressleiste des Browsers und fügen Sie sie hier ein.
opt-in-paste-label = Adresse aus dem Browser
opt-in-paste-submit = Diese Adresse verwenden
opt-in-paste-empty = Fügen Sie zuerst die Adresse ein.
opt-in-rejected-link = Ein Link aus dem Browser wurde ignoriert:
opt-in-failed-title = Das Opt-in wurde nicht abgeschlossen
opt-in-try-again = Erneut versuchen
opt-in-still-waiting = Die Anmeldung ist noch offen: Sie können es auf UPS.com erneut versuchen.
opt-in-verified-title = Opt-in gespeichert
opt-in-verified-intro = UPS hat ein Token ausgestellt. Ergebnis für jedes Versandkonto:
opt-in-done = Zu den Verbindungen


## status
status-title = UPS-Verbindungen
status-intro = Verbindungen, die diese App bei UPS autorisiert hält.
status-empty = Noch keine Verbindungen vorhanden.
status-add-first = Verbindung hinzufügen
status-add-another = Weitere Verbindung hinzufügen
status-copy-diagnostics = Diagnosedaten kopieren
status-diagnostics-copied = Diagnosedaten kopiert. Secrets und Tokens sind nicht enthalten.
status-list-label = Verbindungen
status-connected-notice = Opt-in abgeschlossen: { $label } ist verbunden.
status-reopt-banner-title = Opt-in wiederholen
status-reopt-banner-text = UPS akzeptiert das Opt-in der folgenden Verbindungen nicht mehr. Das geschieht, wenn das Passwort des UPS.com-Benutzers geändert wird, der das Opt-in durchgeführt hat: Eine Änderung des UPS.com-Passworts macht das Opt-in ungültig. Wiederholen Sie das Opt-in mit diesem Benutzer, um die Verbindung wiederherzustellen.
status-reopt-button = Opt-in wiederholen: { $label }
status-removed = { $label } wurde entfernt.
status-start-at-login = Bei der Anmeldung starten
status-start-at-login-help = Startet den Assistenten bei Ihrer Anmeldung verborgen im Infobereich, damit er jede Verbindung erneuert und Sie benachrichtigt, wenn eine Ihr Eingreifen braucht.
status-start-at-login-on = Start bei der Anmeldung ist eingeschaltet: Der Assistent startet bei Ihrer Anmeldung verborgen im Infobereich.
status-start-at-login-off = Start bei der Anmeldung ist ausgeschaltet.
status-tray-hint-title = Der Assistent läuft im Infobereich weiter
status-tray-hint-text = Wenn Sie dieses Fenster schließen, bleibt der Assistent im Infobereich, erneuert dort Ihre Verbindungen und benachrichtigt Sie, wenn eine Ihr Eingreifen braucht. Schließen Sie das Fenster erneut, um es auszublenden; wählen Sie „Beenden“ im Menü des Infobereichs, um ihn zu beenden.
status-tray-hint-dismiss = Verstanden
status-open-connection-gone = Diese Verbindung gibt es nicht mehr.
status-open-connection-fine = { $label } ist verbunden: Nichts zu tun.


## card
card-environment = Umgebung
card-client-id = Client-ID
card-method = Methode
card-redirect-uri = Weiterleitungs-URI
card-access-token = Zugriffstoken
card-access-expires-in = läuft ab in
card-access-expired = abgelaufen
card-no-token = keines
card-refresh-token = Aktualisierungstoken
card-refresh-valid-until = gültig bis { $date }
card-last-refresh = Letzte Aktualisierung
card-never = nie
card-created = Hinzugefügt
card-last-error = Letzter Fehler
card-last-error-at = am { $when }
card-accounts = Versandkonten
card-no-accounts = Keine Versandkontonummern angegeben.
# { $parts } ist die Liste der Anzahlen unten, nach den Regeln der Sprache verbunden.
card-accounts-summary = { $total ->
        [one] { $total } Versandkonto
       *[other] { $total } Versandkonten
    }: { $parts }.
card-accounts-verified = { $count } bestätigt
card-accounts-refused = { $count } abgelehnt
card-accounts-unchecked = { $count } nicht geprüft
card-show-all-accounts = { $total ->
        [one] Das Konto anzeigen
       *[other] Alle { $total } Konten anzeigen
    }
card-show-details = Details anzeigen
card-hide-details = Details ausblenden
card-show-fewer-accounts = Weniger Konten anzeigen
card-verified = Bestätigt
card-refused = Abgelehnt
card-unchecked = Nicht geprüft
card-checked-at = geprüft am { $when }
card-token-unsaved = Ein neues Token liegt nur im Arbeitsspeicher, weil es nicht im Schlüsselbund gespeichert werden konnte. Beheben Sie das Problem mit dem Schlüsselbund und wählen Sie dann „Jetzt aktualisieren“; wird die App vorher geschlossen, müssen Sie das Opt-in wiederholen.
card-actions-label = Aktionen für { $label }
card-refresh = Jetzt aktualisieren
card-refreshing = Wird aktualisiert…
card-refreshed = Aktualisiert.
card-test = Verbindung testen
card-testing = Wird getestet…
card-tested = Test abgeschlossen.
card-reopt = Opt-in wiederholen
card-remove = Entfernen
card-update-secret = Client-Secret aktualisieren
card-secret-updated = UPS hat das neue Client-Secret akzeptiert. Es ist gespeichert; Opt-in und Versandkonten wurden beibehalten.


## secretDialog
secret-dialog-title = Client-Secret aktualisieren: { $label }
secret-dialog-body = Geben Sie das Client-Secret ein, das jetzt auf der Seite Ihrer App im UPS-Entwicklerportal angezeigt wird. Die App prüft es zuerst bei UPS und speichert es nur, wenn UPS es akzeptiert.
secret-dialog-label = Neues Client-Secret
secret-dialog-confirm = Prüfen und speichern
secret-dialog-checking = Prüfung bei UPS…


## removeDialog
remove-dialog-title = { $label } entfernen?
remove-dialog-body = Die Verbindung wird aus dieser App entfernt, und ihr Client-Secret und ihre Tokens werden aus dem Schlüsselbund des Systems gelöscht. Um sie wieder zu nutzen, müssen Sie das Opt-in erneut durchführen.
remove-dialog-confirm = Verbindung entfernen
remove-dialog-removing = Wird entfernt…


## copy
copy-copy = Kopieren
copy-copied = Kopiert.
copy-failed = Kopieren nicht möglich. Markieren Sie den Text und kopieren Sie ihn mit Strg+C (⌘C auf einem Mac).


## Connection states (status screen, cards)

state-connected-name = Verbunden
state-connected-detail = UPS akzeptiert diese Verbindung.
state-expiring-name = Läuft bald ab
state-expiring-detail = Das Aktualisierungstoken läuft innerhalb von 7 Tagen ab. Wiederholen Sie das Opt-in, um diese Verbindung zu behalten.
state-reopt-needed-name = Opt-in wiederholen
state-reopt-needed-detail = UPS akzeptiert dieses Opt-in nicht mehr, zum Beispiel weil das UPS.com-Passwort geändert wurde.
state-unreachable-name = UPS nicht erreichbar
state-unreachable-detail = UPS war beim letzten Versuch nicht erreichbar. Prüfen Sie das Netzwerk und wählen Sie dann „Jetzt aktualisieren“.
state-not-connected-name = Nicht verbunden
state-not-connected-detail = Es gibt keine gültige Autorisierung. Führen Sie das Opt-in durch, um die Verbindung herzustellen.
state-credentials-rejected-name = Client-Secret abgelehnt
state-credentials-rejected-detail = UPS hat die Client-ID oder das Client-Secret abgelehnt, zum Beispiel weil das Secret im UPS-Entwicklerportal neu erzeugt wurde. Wählen Sie „Client-Secret aktualisieren“ und geben Sie das aktuelle ein; Opt-in und Versandkonten bleiben erhalten.

## Methods

method-browser = Opt-in über UPS.com
method-client-credentials = Nur Client-ID und Client-Secret

## Hints under an error's message, per error code

error-hint-access-denied = Falls Sie versehentlich abgelehnt haben, wählen Sie „Opt-in durchführen“ und erlauben Sie den Zugriff auf UPS.com.
error-hint-callback-expired = Die Anmeldung hat zu lange gedauert. Starten Sie das Opt-in erneut.
error-hint-login-timed-out = Von UPS.com kam nicht rechtzeitig eine Antwort. Starten Sie das Opt-in erneut.
error-hint-ups-unreachable = Prüfen Sie die Internetverbindung sowie Proxy oder Firewall und versuchen Sie es dann erneut.
error-hint-ups-rate-limited = UPS begrenzt die Anfragen. Warten Sie eine Minute und versuchen Sie es dann erneut.
error-hint-reopt-needed = Wiederholen Sie das Opt-in mit dem UPS.com-Benutzer, dem die Versandkonten gehören.
error-hint-keychain-unavailable = Starten oder entsperren Sie den Schlüsselbund des Systems (unter Linux einen Secret Service wie GNOME Keyring oder KWallet) und versuchen Sie es dann erneut.
error-hint-loopback-port-busy = Ein anderes Programm belegt den Loopback-Port. Schließen Sie es oder wählen Sie stattdessen den Deep-Link-Weg.
error-hint-browser-failed = Kopieren Sie den Anmeldelink und öffnen Sie ihn selbst in Ihrem Browser.
error-hint-client-refused = Registrieren Sie genau den angezeigten Weiterleitungs-URI als Callback URL Ihrer App im UPS-Entwicklerportal, oder wählen Sie über „Zurück“ einen anderen Weg, und wählen Sie dann „Bei UPS prüfen“.
error-hint-credentials-rejected = Kopieren Sie das aktuelle Client-Secret von der Seite Ihrer App im UPS-Entwicklerportal.
error-hint-proxy-unreachable = Der Proxy war nicht erreichbar. Prüfen Sie seine Adresse unter „Umgebung“, „Erweitert“, „Proxy“ („Diagnosedaten kopieren“ zeigt, woher sie stammt), oder fragen Sie Ihre IT-Abteilung.
error-hint-proxy-refused = Der Proxy hat keine Verbindung zu UPS hergestellt. Bitten Sie Ihre IT-Abteilung, wwwcie.ups.com und onlinetools.ups.com über den Proxy freizugeben.
error-hint-proxy-auth-required = Der Proxy verlangt eine Anmeldung. Geben Sie Benutzername und Passwort unter „Umgebung“, „Erweitert“, „Proxy-Anmeldung“ ein; sie werden im Schlüsselbund des Systems gespeichert.
error-hint-tls-untrusted = Ihr Netzwerk prüft sichere Verbindungen mit einem Zertifikat, dem dieser Computer nicht vertraut. Bitten Sie Ihre IT-Abteilung, das Stammzertifikat des Unternehmens auf diesem Computer zu installieren. Die Zertifikatsprüfung wird nie abgeschaltet.
error-hint-dns-failed = Die UPS-Adresse wurde nicht gefunden. Prüfen Sie die Netzwerkverbindung; wenn Ihr Netzwerk das Internet nur über einen Proxy erreicht, richten Sie ihn unter „Umgebung“, „Erweitert“, „Proxy“ ein.
error-hint-connection-refused = Unter dieser Adresse hat nichts geantwortet. Prüfen Sie die Adresse der Umgebung; wenn Ihr Netzwerk einen Proxy braucht, richten Sie ihn unter „Umgebung“, „Erweitert“, „Proxy“ ein.
error-hint-timed-out = Keine rechtzeitige Antwort. Prüfen Sie die Netzwerkverbindung und ob Ihr Netzwerk einen Proxy braucht („Umgebung“, „Erweitert“, „Proxy“).

## Language menu

language-label = Sprache
language-system = Systemsprache: { $name }
language-endonym = Deutsch (Deutschland)

## Tray (Rust: crates/optin-core/src/watch.rs)

tray-tooltip-empty = UPS-Opt-in-Assistent: noch keine Verbindung eingerichtet
tray-tooltip-all-connected = UPS-Opt-in-Assistent: alle Verbindungen verbunden
tray-tooltip-attention = UPS-Opt-in-Assistent: Handlungsbedarf: { $names }
tray-tooltip-unreachable = UPS-Opt-in-Assistent: UPS nicht erreichbar für { $names } (neuer Versuch läuft)
tray-open = UPS-Opt-in-Assistent öffnen
tray-fix-opt-in-again = { $label }: Opt-in wiederholen…
tray-fix-update-secret = { $label }: Secret aktualisieren…
tray-refresh-all = Alle jetzt aktualisieren
tray-quit = Beenden

## Desktop notifications (Rust: crates/optin-core/src/watch.rs)

notice-credentials-rejected-summary = { $label }: Client-Secret muss erneut eingegeben werden
notice-credentials-rejected-body = UPS hat die gespeicherte Client-ID oder das Client-Secret abgelehnt (es wurde eventuell auf developer.ups.com neu erzeugt). Öffnen Sie den Assistenten und wählen Sie „Client-Secret aktualisieren“; Opt-in und Versandkonten bleiben erhalten.
notice-reopt-needed-summary = { $label }: neues Opt-in erforderlich
notice-reopt-needed-body = UPS akzeptiert die Anmeldung nicht mehr (das UPS.com-Passwort wurde geändert oder das Opt-in ist abgelaufen). Öffnen Sie den Assistenten und wählen Sie „Opt-in wiederholen“.
notice-expiring-summary = { $label }: Das Opt-in läuft bald ab
notice-expiring-body = UPS beendet es am { $date }. Öffnen Sie den Assistenten und wählen Sie vorher „Opt-in wiederholen“.
notice-expiring-body-no-date = UPS beendet es innerhalb einer Woche. Öffnen Sie den Assistenten und wählen Sie vorher „Opt-in wiederholen“.
notice-not-connected-summary = { $label } ist nicht mehr verbunden
notice-not-connected-body = Der Schlüsselbund enthält keine Tokens für diese Verbindung. Öffnen Sie den Assistenten und wählen Sie „Opt-in wiederholen“.
notice-attention-summary = { $label } braucht Ihr Eingreifen
notice-attention-body = Öffnen Sie den Assistenten, um zu sehen, was zu tun ist.
notice-unreachable-summary = { $label }: UPS ist seit über einer Stunde nicht erreichbar
notice-unreachable-body = Der Assistent versucht es im Hintergrund weiter. Prüfen Sie Netzwerk oder Proxy dieses Computers; Produkte, die diese Verbindung nutzen, können in der Zwischenzeit eventuell nicht versenden.
notice-recovered-summary = { $label } ist wieder verbunden
notice-recovered-body = Die Tokens werden wieder im Hintergrund erneuert; sonst ist nichts zu tun.

## Errors as data: error-<code>, with the parameters of optin-core's
## Error::params. UPS's code and message ($ups_code, $ups_message), the
## redirect URI sent and technical details ($detail) are quoted as they came.
## $ups_code and $ups_message are "none" when UPS sent none; $case picks the
## variant of a code that has several.

error-insecure-url = { $url } verwendet einfaches http zu einem Host, der nicht dieser Computer ist. Verwenden Sie https, oder http nur für 127.0.0.1, ::1 oder localhost.
error-callback-invalid = { $case ->
        [rejected-link] Der Assistent hat einen Link ignoriert, der nicht die Antwort auf eine laufende Anmeldung ist. Es wurde nichts geändert. Verwenden Sie zum Anmelden das Browserfenster, das der Assistent geöffnet hat, oder fügen Sie die Adresse ein, auf der dieses Fenster endet.
       *[answer] Diese Anmeldeantwort ist nicht für diesen Assistenten bestimmt: { $reason ->
            [empty] die Adresse ist leer
            [too-long] die Adresse ist zu lang
            [control-characters] die Adresse enthält Steuerzeichen
            [not-address] das ist keine Webadresse
            [too-many-parameters] sie enthält zu viele Parameter
            [parameter-too-long] einer ihrer Parameter ist zu lang
            [parameter-nul] einer ihrer Parameter enthält ein NUL-Byte
            [parameter-twice] einer ihrer Parameter kommt doppelt vor
            [no-state] der Parameter state fehlt
            [wrong-address] sie wurde an eine andere Adresse gesendet als den Weiterleitungs-URI, den diese Anmeldung erwartet
            [no-code] der Parameter code fehlt
           *[other] technisches Detail: { $detail }
        }. Es wurde nichts geändert; schließen Sie die Anmeldung in dem Browserfenster ab, das der Assistent geöffnet hat, oder fügen Sie dessen letzte Adresse erneut ein.
    }
error-callback-unknown-state = Diese Anmeldeantwort gehört zu keiner laufenden Anmeldung (es kann ein alter oder wiederholter Link sein). Es wurde nichts geändert. Starten Sie das Opt-in erneut, um einen neuen Anmeldelink zu erhalten.
error-callback-expired = Diese Anmeldeantwort kam erst nach Ablauf der Anmeldung an (eine Anmeldung gilt 10 Minuten). Es wurde nichts geändert. Starten Sie das Opt-in erneut.
error-login-not-pending = Keine Anmeldung wartet auf eine Antwort. Starten Sie zuerst das Opt-in.
error-login-cancelled = Die Anmeldung wurde abgebrochen. Es wurde nichts gespeichert. Starten Sie das Opt-in erneut, wenn Sie bereit sind.
error-access-denied = UPS hat den Zugriff nicht gewährt: { $reason }. Es wurde nichts gespeichert. Falls das ein Versehen war, starten Sie das Opt-in erneut und bestätigen Sie die Anfrage auf UPS.com.
error-login-timed-out = Innerhalb von { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } kam keine Anmeldeantwort an. Es wurde nichts gespeichert. Starten Sie das Opt-in erneut, oder fügen Sie die Adresse ein, bei der der Browser angekommen ist.
error-busy = Ein anderer Prozess aktualisiert diese Verbindung seit mehr als { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    }. Versuchen Sie es erneut; wenn das Problem bleibt, schließen Sie andere Programme, die diese Verbindung nutzen.
error-ups-rejected = UPS hat die Anfrage an { $endpoint } abgelehnt (HTTP { $status }{ $ups_code ->
        [none] {""}
       *[other] , Code { $ups_code }
    }): { $ups_message }. Gespeicherte Daten wurden nicht geändert. { $case ->
        [credentials] Prüfen Sie Client-ID und Client-Secret auf der Seite Ihrer App unter developer.ups.com und ob der dort registrierte Weiterleitungs-URI genau der hier angezeigte ist.
        [account] Prüfen Sie, ob das Versandkonto mit Ihrem UPS.com-Benutzer verknüpft ist (per Rechnung oder PIN auf UPS.com).
       *[other] Prüfen Sie die eingegebenen Werte und versuchen Sie es dann erneut.
    }
error-ups-unreachable = UPS war nicht erreichbar ({ $reason ->
        [server-error] UPS hat mit HTTP { $status } geantwortet, ein Problem auf Seiten von UPS
        [not-ups] HTTP { $status } kam von etwas anderem als UPS: wahrscheinlich hat ein Proxy, eine Firewall, ein Captive Portal oder ein Inhaltsfilter zwischen diesem Computer und UPS an seiner Stelle geantwortet, und nichts wurde verbraucht
        [tls-failed] die sichere Verbindung ist fehlgeschlagen
        [connect-failed] es konnte keine Verbindung hergestellt werden
        [connection-broke] die Verbindung brach beim Lesen der Antwort ab
        [request-failed] die Anfrage ist fehlgeschlagen
       *[other] technisches Detail: { $detail }
    }). Gespeicherte Daten wurden nicht geändert. Prüfen Sie die Netzwerkverbindung und versuchen Sie es in einigen Minuten erneut.
error-ups-rate-limited = UPS begrenzt die Anfragen (HTTP 429{ $ups_message ->
        [none] {""}
       *[other] : { $ups_message }
    }). Gespeicherte Daten wurden nicht geändert. Warten Sie { $seconds ->
        [none] eine Minute
        [one] { $seconds } Sekunde
       *[other] { $seconds } Sekunden
    } und versuchen Sie es dann erneut.
error-reopt-needed = UPS akzeptiert dieses Opt-in nicht mehr ({ $ups_message }). Das geschieht, wenn das UPS.com-Passwort des Benutzers geändert wurde, der das Opt-in durchgeführt hat. Wiederholen Sie das Opt-in, um die Verbindung wiederherzustellen; die gespeicherte Client-ID und das Client-Secret bleiben erhalten.
error-keychain-error = Der Schlüsselbund hat den Vorgang abgelehnt ({ $detail }). Es wurde nichts im Klartext geschrieben. Entsperren Sie den Schlüsselbund (oder erlauben Sie dieser App den Zugriff) und versuchen Sie es erneut.
error-token-not-saved = { $case ->
        [rotation] Ein erneuertes Aktualisierungstoken dieser Verbindung ist nicht im Schlüsselbund gespeichert (der Schlüsselbund hat es abgelehnt), und das Token im Schlüsselbund wurde bereits verwendet; es wurde daher nicht an UPS gesendet. Entsperren Sie den Schlüsselbund: Ein Assistent, der das neue Token hält, speichert es dann. Hält kein Assistent es, wiederholen Sie das Opt-in.
       *[held] UPS hat ein neues Token ausgestellt, aber der Schlüsselbund konnte es nicht speichern ({ $detail }). Das Token bleibt im Arbeitsspeicher, und das Speichern wird wiederholt; lassen Sie den Assistenten geöffnet und entsperren Sie den Schlüsselbund.
    }
error-not-connected = Der Schlüsselbund enthält { $what ->
        [client-secret] kein Client-Secret
        [refresh-token] kein Aktualisierungstoken
       *[other] kein Token
    } für diese Verbindung (es wurde eventuell außerhalb des Assistenten gelöscht). Wiederholen Sie das Opt-in, um die Verbindung wiederherzustellen.
error-connection-not-found = Keine Verbindung hat die ID { $id }. Öffnen Sie die Statusseite, um die Verbindungen zu sehen.
error-browser-failed = Der Browser konnte nicht geöffnet werden ({ $detail }). Kopieren Sie den Anmeldelink und öffnen Sie ihn selbst in Ihrem Browser.
error-loopback-port-busy = Port { $port } dieses Computers wird von einem anderen Programm belegt, daher kann der Assistent dort keine Anmeldeantwort empfangen. Schließen Sie dieses Programm oder wählen Sie den Deep-Link-Weg.
error-client-refused = UPS hat diese Client-ID und diesen Weiterleitungs-URI vor der Anmeldung abgelehnt (validate-client, HTTP { $status }{ $ups_code ->
        [none] {""}
       *[other] , Code { $ups_code }
    }: { $ups_message }). Gesendet wurde genau der Weiterleitungs-URI „{ $redirect_uri }“. Es wurde kein Browser geöffnet und nichts gespeichert. { $case ->
        [client] Prüfen Sie die Client-ID: Kopieren Sie sie erneut von der Seite Ihrer App unter developer.ups.com. Stimmt sie, prüfen Sie, ob die Callback URL der App dort genau dieser Weiterleitungs-URI ist.
       *[redirect] Registrieren Sie genau diese Adresse als Callback URL Ihrer App unter developer.ups.com (Zeichen für Zeichen: Groß-/Kleinschreibung, abschließender Schrägstrich und Port zählen), oder wählen Sie einen anderen Weg.
    } Versuchen Sie es dann erneut.
error-credentials-rejected = { $case ->
        [new] UPS hat das neue Client-Secret abgelehnt (HTTP { $status }{ $ups_code ->
            [none] {""}
           *[other] , Code { $ups_code }
        }: { $ups_message }). Es wurde nichts geändert: Gespeichertes Secret, Tokens und Versandkonten sind unverändert. Kopieren Sie das Secret erneut von der Seite Ihrer App unter developer.ups.com (Credentials), prüfen Sie, ob es zu dieser Client-ID gehört, und versuchen Sie es erneut.
       *[stored] UPS hat die Client-ID oder das Client-Secret dieser Verbindung abgelehnt (HTTP { $status }{ $ups_code ->
            [none] {""}
           *[other] , Code { $ups_code }
        }: { $ups_message }). Das geschieht, wenn das Client-Secret auf der Seite Ihrer App unter developer.ups.com neu erzeugt oder die App dort gelöscht wurde. Opt-in und Versandkonten bleiben erhalten: Geben Sie das aktuelle Client-Secret der App ein, um die Verbindung wiederherzustellen.
    }

## Company networks: the proxy a request went through is $proxy (its
## address) and $proxy_source: "setting" (the proxy setting), "system" (the
## OS settings), "intercepting" (a proxy nobody set up, then $proxy is not
## passed), the name of the environment variable it comes from, or "none"
## (no proxy). $reason says why a connection or a certificate failed; for
## "other", $detail is the technical detail in English, quoted as it came.

error-proxy-unreachable = Dieser Computer konnte { $proxy_source ->
        [setting] den Proxy { $proxy } (aus der Proxy-Einstellung)
        [system] den Proxy { $proxy } (aus den Systemeinstellungen)
        [intercepting] einen Proxy zwischen diesem Computer und UPS (hier nicht eingerichtet: er fängt den Datenverkehr ab)
       *[other] den Proxy { $proxy } (aus der Variablen { $proxy_source })
    } nicht erreichen ({ $reason ->
        [dns] sein Name wurde nicht gefunden (DNS)
        [refused] die Verbindung wurde abgelehnt: Unter dieser Adresse antwortet nichts
        [timeout] er hat nicht rechtzeitig geantwortet
       *[other] technisches Detail: { $detail }
    }). Gespeicherte Daten wurden nicht geändert. Prüfen Sie die Adresse des Proxys („Diagnosedaten kopieren“ auf der Verbindungsseite zeigt, woher sie stammt), oder fragen Sie Ihre IT-Abteilung nach der richtigen Adresse, und versuchen Sie es dann erneut.
error-proxy-refused = { $host } war nicht erreichbar: { $proxy_source ->
        [setting] Der Proxy { $proxy } (aus der Proxy-Einstellung)
        [system] Der Proxy { $proxy } (aus den Systemeinstellungen)
        [intercepting] Ein Proxy zwischen diesem Computer und UPS (hier nicht eingerichtet: er fängt den Datenverkehr ab)
       *[other] Der Proxy { $proxy } (aus der Variablen { $proxy_source })
    } hat es abgelehnt, eine Verbindung dorthin zu öffnen ({ $reason ->
        [blocked] er hat auf CONNECT nicht mit 200 geantwortet: Der Proxy sperrt den Host oder konnte ihn nicht erreichen (HTTP 403 oder 502)
        [blocked-login] er hat auf CONNECT nicht mit 200 geantwortet: Der Proxy sperrt den Host, konnte ihn nicht erreichen (HTTP 403 oder 502) oder hat die gesendete Proxy-Anmeldung nicht akzeptiert (HTTP 401); ist die Anmeldung falsch, geben Sie sie unter „Umgebung“, „Erweitert“, „Proxy-Anmeldung“ erneut ein
        [closed] er hat die Verbindung beendet, ohne einen Tunnel zu öffnen
       *[other] technisches Detail: { $detail }
    }). Gespeicherte Daten wurden nicht geändert. Bitten Sie Ihre IT-Abteilung, { $host } über den Proxy freizugeben (oder prüfen Sie, ob { $host } die richtige Adresse ist), und versuchen Sie es dann erneut.
error-proxy-auth-required = { $proxy_source ->
        [setting] Der Proxy { $proxy } (aus der Proxy-Einstellung)
        [system] Der Proxy { $proxy } (aus den Systemeinstellungen)
        [intercepting] Ein Proxy zwischen diesem Computer und UPS (hier nicht eingerichtet: er fängt den Datenverkehr ab)
       *[other] Der Proxy { $proxy } (aus der Variablen { $proxy_source })
    } { $case ->
        [refused] hat die Proxy-Anmeldung abgelehnt
       *[needed] verlangt eine Anmeldung
    } (HTTP 407). Gespeicherte Daten wurden nicht geändert. Geben Sie Benutzername und Passwort des Proxys unter „Umgebung“, „Erweitert“, „Proxy-Anmeldung“ ein; sie werden im Schlüsselbund gespeichert, nie in einer Datei. Versuchen Sie es dann erneut.
error-tls-untrusted = { $host } hat mit einem Zertifikat geantwortet, das von einer Zertifizierungsstelle signiert ist, der dieser Computer nicht vertraut ({ $reason ->
        [unknown-issuer] unbekannter Aussteller
        [bad-signature] ungültige Signatur
        [expired] das Zertifikat ist abgelaufen
        [not-valid-yet] das Zertifikat ist noch nicht gültig
        [revoked] das Zertifikat wurde widerrufen
        [wrong-name] das Zertifikat gilt für einen anderen Namen
        [wrong-purpose] das Zertifikat ist nicht für einen Server bestimmt
        [certificate] das Zertifikat wurde abgelehnt
       *[other] technisches Detail: { $detail }
    }){ $proxy_source ->
        [none] {""}
        [setting] , erreicht über den Proxy { $proxy } (aus der Proxy-Einstellung)
        [system] , erreicht über den Proxy { $proxy } (aus den Systemeinstellungen)
        [intercepting] , erreicht über einen Proxy zwischen diesem Computer und UPS (hier nicht eingerichtet: er fängt den Datenverkehr ab)
       *[other] , erreicht über den Proxy { $proxy } (aus der Variablen { $proxy_source })
    }. Das ist typisch für Firmennetzwerke, die TLS-Verbindungen prüfen: Bitten Sie Ihre IT-Abteilung, das Stammzertifikat des Unternehmens im Zertifikatspeicher dieses Computers zu installieren (oder { $host } von der Prüfung auszunehmen), und versuchen Sie es dann erneut. Gespeicherte Daten wurden nicht geändert; die Zertifikatsprüfung wird nie abgeschaltet.
error-dns-failed = Der Name { $host } wurde nicht gefunden (DNS). Gespeicherte Daten wurden nicht geändert. Prüfen Sie die Netzwerkverbindung und das DNS dieses Computers; wenn dieses Netzwerk das Internet nur über einen Proxy erreicht, richten Sie ihn ein (unter „Umgebung“, „Erweitert“, „Proxy“ oder mit HTTPS_PROXY oder den Systemeinstellungen), und versuchen Sie es dann erneut.
error-connection-refused = { $host } hat die Verbindung auf Port { $port } abgelehnt: Dort antwortet nichts. Gespeicherte Daten wurden nicht geändert. Prüfen Sie die Adresse der Umgebung; wenn dieses Netzwerk das Internet nur über einen Proxy erreicht, richten Sie ihn ein (unter „Umgebung“, „Erweitert“, „Proxy“ oder mit HTTPS_PROXY oder den Systemeinstellungen), und versuchen Sie es dann erneut.
error-timed-out = { $host } hat nicht rechtzeitig geantwortet{ $proxy_source ->
        [none] {""}
        [setting] {" "}(über den Proxy { $proxy } aus der Proxy-Einstellung)
        [system] {" "}(über den Proxy { $proxy } aus den Systemeinstellungen)
        [intercepting] {" "}(über einen Proxy zwischen diesem Computer und UPS, der hier nicht eingerichtet ist)
       *[other] {" "}(über den Proxy { $proxy } aus der Variablen { $proxy_source })
    }. Gespeicherte Daten wurden nicht geändert. Prüfen Sie die Netzwerkverbindung (eine Firewall, die Datenverkehr stillschweigend verwirft, oder ein Netzwerk, das einen Proxy braucht, verursacht das), und versuchen Sie es dann erneut.

## proxy (Environment, Advanced: how this computer reaches UPS)
proxy-legend = Proxy
proxy-intro = Wie dieser Computer UPS erreicht. In den meisten Firmennetzwerken ist das bereits für Sie eingerichtet; ändern Sie es nur, wenn Ihre IT-Abteilung Ihnen eine Proxy-Adresse genannt hat.
proxy-automatic = Automatisch
proxy-automatic-hint = Der Proxy aus den Variablen HTTPS_PROXY, HTTP_PROXY oder ALL_PROXY, sonst der aus den Systemeinstellungen (NO_PROXY nimmt Hosts aus).
proxy-manual = Dieser Proxy
proxy-manual-hint = Zum Beispiel http://proxy.example.com:3128. Ohne Benutzername und Passwort: Geben Sie diese unten ein.
proxy-url = Proxy-Adresse
proxy-direct = Kein Proxy
proxy-direct-hint = Direkt mit UPS verbinden, unabhängig von den Systemeinstellungen.
proxy-save = Proxy-Einstellung speichern
proxy-saved = Proxy-Einstellung gespeichert. Sie gilt ab der nächsten Anfrage an UPS.
proxy-in-use = Aktueller Weg zu UPS
proxy-login-legend = Proxy-Anmeldung
proxy-login-hint = Nur wenn der Proxy eine Anmeldung verlangt. Sie wird im Schlüsselbund des Systems gespeichert, nie in einer Datei, und nur an den verwendeten Proxy gesendet.
proxy-user = Proxy-Benutzername
proxy-password = Proxy-Passwort
proxy-save-login = Proxy-Anmeldung speichern
proxy-login-saved = Proxy-Anmeldung im Schlüsselbund gespeichert.
proxy-login-stored = Für den verwendeten Proxy ist eine Anmeldung im Schlüsselbund gespeichert.
proxy-remove-login = Proxy-Anmeldung entfernen
proxy-login-removed = Proxy-Anmeldung aus dem Schlüsselbund entfernt.
# The route to one environment: $case is "proxy", "direct-setting" (the
# setting says no proxy), "direct-excluded" ($variable excludes the host) or
# "direct"; a proxy has $proxy, $proxy_source (as in the errors) and $login
# ("none", "address": in the proxy address, "keychain").
proxy-route = { $case ->
        [proxy] Über den Proxy { $proxy } ({ $proxy_source ->
            [setting] aus der Proxy-Einstellung
            [system] aus den Systemeinstellungen
           *[other] aus der Variablen { $proxy_source }
        }), { $login ->
            [address] mit der Anmeldung aus seiner Adresse
            [keychain] mit der Anmeldung aus dem Schlüsselbund
           *[none] ohne Anmeldung
        }
        [direct-setting] Direkt (die Proxy-Einstellung lautet „Kein Proxy“)
        [direct-excluded] Direkt ({ $variable } nimmt diesen Host aus)
       *[direct] Direkt (kein Proxy in der Proxy-Einstellung, den Umgebungsvariablen oder den Systemeinstellungen)
    }


## recovery (after a damaged connections file)
recovery-title = Die Verbindungsdatei war beschädigt
# $at is a date and time; $source is "backup" (the last good copy) or "keychain".
recovery-text = { $source ->
        [backup] Die Datei mit Ihren Verbindungen war am { $at } beschädigt. { $connections ->
            [one] { $connections } Verbindung wurde aus der letzten fehlerfreien Kopie wiederhergestellt.
           *[other] { $connections } Verbindungen wurden aus der letzten fehlerfreien Kopie wiederhergestellt.
        }
       *[keychain] Die Datei mit Ihren Verbindungen war am { $at } beschädigt, und es gab keine fehlerfreie Kopie. { $connections ->
            [one] { $connections } Verbindung wurde aus dem Schlüsselbund des Systems wiederaufgebaut.
           *[other] { $connections } Verbindungen wurden aus dem Schlüsselbund des Systems wiederaufgebaut.
        }
    } Die beschädigte Datei wird unter dem Namen { $damaged_file } aufbewahrt.
recovery-check = Prüfen Sie Bezeichnung und Versandkonten jeder Verbindung (und die Adresse einer eigenen Umgebung); wiederholen Sie das Opt-in, um sie festzulegen.
recovery-acknowledge = Ich habe sie geprüft
recovery-card-note = Aus dem Schlüsselbund des Systems wiederaufgebaut, nachdem die Verbindungsdatei beschädigt war: Bezeichnung und Versandkonten sind nicht bekannt. Wiederholen Sie das Opt-in, um sie festzulegen.
recovery-leftovers-title = { $count ->
        [one] { $count } Schlüsselbund-Eintrag gehört zu keiner Verbindung
       *[other] { $count } Schlüsselbund-Einträge gehören zu keiner Verbindung
    }
recovery-leftovers-text = Sie stammen aus einer beschädigten Verbindungsdatei oder einem abgebrochenen Entfernen. Entfernen Sie sie, wenn keine Anwendung sie mehr nutzt.
recovery-leftovers-button = Übrige Einträge entfernen…
recovery-leftovers-dialog-title = Die übrigen Schlüsselbund-Einträge entfernen?
recovery-leftovers-dialog-body = Diese Einträge werden aus dem Schlüsselbund des Systems gelöscht:
recovery-leftovers-confirm = Einträge entfernen
recovery-leftovers-removing = Wird entfernt…
recovery-leftovers-removed = { $count ->
        [one] { $count } übriger Schlüsselbund-Eintrag wurde entfernt.
       *[other] { $count } übrige Schlüsselbund-Einträge wurden entfernt.
    }

## Messages as data (issue 21): the shell's notices, "Check with UPS"
## without a verdict, and the errors whose words were English sentences.

link-location-problem = { $location ->
        [temp-folder] { $path } liegt im temporären Ordner { $temp }, in dem ein anderer Benutzer unter demselben Pfad ein eigenes Programm ablegen könnte
        [world-writable] { $path } kann von allen Benutzern dieses Computers geändert werden
        [other-owner] { $path } gehört einem anderen Benutzer (UID { $uid }), der das Programm ersetzen könnte
        [group-writable] { $path } kann von den anderen Mitgliedern seiner Gruppe geändert werden (GID { $gid })
       *[unreadable] { $path } konnte nicht geprüft werden
    }
app-warning-no-session-bus = Es wurde kein D-Bus-Sitzungsbus gefunden, daher können Anmeldelinks aus dem Browser dieses Fenster nicht erreichen (stattdessen würde eine zweite Kopie des Assistenten starten). Starten Sie den Assistenten aus Ihrer Desktop-Sitzung oder führen Sie ihn in dbus-run-session aus; verwenden Sie bis dahin „Adresse aus dem Browser einfügen“ oder den Loopback-Weg.
app-warning-link-handler = Links aus dem Browser erreichen den Assistenten möglicherweise nicht: { $reason ->
        [unsafe-location] Der Assistent hat sich nicht als Link-Handler registriert: { link-location-problem }. Verschieben Sie den Assistenten in einen Ordner, den nur Sie (oder der Administrator) ändern können, etwa ~/Applications, und starten Sie ihn erneut
        [unwritable-path] Der Pfad des Assistenten, { $path }, kann nicht als Link-Handler registriert werden. Verschieben Sie den Assistenten in einen gewöhnlichen Ordner wie ~/Applications und starten Sie ihn erneut
        [no-home] Es gibt keinen Benutzerordner, in dem der Link-Handler registriert werden kann. Setzen Sie HOME und starten Sie den Assistenten erneut
        [installed-drops-url] Der installierte Link-Handler { $file } gibt den Link nicht weiter. Installieren Sie das Paket des Assistenten neu oder bitten Sie Ihren Administrator darum
        [installed-is-other] Links aus dem Browser öffnen { $program } (über { $file }), nicht diesen Assistenten. Wählen Sie in den Standardanwendungs-Einstellungen Ihres Desktops „UPS Opt-In Wizard“ für diese Links
        [no-installed-handler] Für { $scheme }://-Links ist keine Anwendung registriert. Installieren Sie das Paket des Assistenten neu oder bitten Sie Ihren Administrator darum
        [io] { $path } konnte nicht geschrieben werden. Prüfen Sie die Berechtigungen dieses Ordners und starten Sie den Assistenten erneut
        [command] Die Link-Einstellungen des Desktops konnten nicht geändert werden. Installieren Sie xdg-utils und starten Sie den Assistenten erneut
        [still-overridden] Der Desktop öffnet { $scheme }://-Links weiterhin mit { $program }. Wählen Sie in den Standardanwendungs-Einstellungen Ihres Desktops „UPS Opt-In Wizard (handler)“ für diese Links
        [registry] Windows hat die Änderung Ihrer Einstellungen abgelehnt. Prüfen Sie, ob Ihr Konto seine eigenen Einstellungen ändern darf, und starten Sie den Assistenten erneut
       *[other] Der Link-Handler konnte nicht eingerichtet werden. Starten Sie den Assistenten erneut; erscheint dieser Hinweis wieder, kopieren Sie die Diagnosedaten und senden Sie sie an den Support
    }. Verwenden Sie bis dahin „Adresse aus dem Browser einfügen“, um eine Anmeldung abzuschließen.
app-warning-start-at-login = { $reason ->
        [unsafe-login-item] „Bei der Anmeldung starten“ wurde nicht eingeschaltet: { link-location-problem }. Verschieben Sie den Assistenten in einen Ordner, den nur Sie (oder der Administrator) ändern können, etwa ~/Applications, starten Sie ihn von dort und schalten Sie „Bei der Anmeldung starten“ erneut ein.
       *[other] „Bei der Anmeldung starten“ ist in den Einstellungen eingeschaltet, aber der Eintrag, der den Assistenten bei der Anmeldung startet, konnte nicht geschrieben werden. Schalten Sie „Bei der Anmeldung starten“ auf dem Statusbildschirm aus und wieder ein; schlägt es erneut fehl, prüfen Sie, ob Ihr Benutzer in die Autostart-Einträge schreiben darf (unter Linux ~/.config/autostart).
    }
app-warning-quit-unsaved = Der Assistent hält ein erneuertes Aktualisierungstoken, dessen Speicherung der Schlüsselbund abgelehnt hat, und das Token im Schlüsselbund wurde bereits verwendet. Wenn Sie jetzt beenden, geht das Opt-in verloren. Entsperren Sie den Schlüsselbund (der Assistent speichert das Token innerhalb einer Minute) oder wählen Sie erneut „Beenden“, um trotzdem zu beenden.
credentials-check-unavailable = Diese Umgebung kann Weiterleitungs-URIs nicht prüfen (sie hat mit HTTP { $status } und { $answer ->
        [empty] einem leeren Inhalt
        [html] einer HTML-Seite
        [json-without-token] JSON ohne Ergebnis
        [json-without-result] JSON ohne „result“
        [malformed-json] fehlerhaftem JSON
       *[other] Text, der kein JSON ist,
    } geantwortet). Stellen Sie sicher, dass der Weiterleitungs-URI genau wie angezeigt registriert ist, und führen Sie dann das Opt-in durch.
error-invalid-input = { $field ->
        [client-id] Client-ID
        [client-secret] Client-Secret
        [shipper-account] Versandkonto
        [label] Bezeichnung
        [environment] Umgebung
        [environment-url] Adresse der Umgebung
        [request-url] Adresse der Anfrage
        [redirect-uri] Weiterleitungs-URI
        [bounce-url] URL der Weiterleitungsseite
        [proxy] Proxy
        [proxy-user-name] Proxy-Benutzername
        [proxy-password] Proxy-Passwort
        [proxy-login] Proxy-Anmeldung
        [connection] Verbindung
        [connection-id] Verbindungs-ID
        [demo] Demo
       *[other] Eingabe
    }: { $reason ->
        [empty] Der Wert ist leer. Geben Sie ihn ein und versuchen Sie es erneut.
        [too-long] Der Wert ist länger als { $max } Zeichen. Prüfen Sie, ob Sie nur diesen Wert kopiert haben, und versuchen Sie es erneut.
        [spaces] Der Wert enthält ein Leerzeichen oder ein Steuerzeichen. Geben Sie ihn ohne zusätzliche Zeichen erneut ein.
        [non-ascii] Der Wert enthält ein Zeichen außerhalb von einfachem ASCII. Geben Sie ihn genau so erneut ein, wie er im UPS-Entwicklerportal steht (in einer Adresse kodieren Sie andere Zeichen mit Prozentzeichen, z. B. %20).
        [control-characters] Der Wert enthält ein Steuerzeichen (einen Zeilenumbruch?). Geben Sie ihn erneut ein.
        [not-account-number] „{ $value }“ ist keine UPS-Kontonummer; sie muss aus genau 6 Buchstaben oder Ziffern bestehen, wie auf Ihrer UPS-Rechnung gedruckt.
        [unknown-environment] „{ $value }“ ist weder CIE noch Produktion noch eine Adresse wie https://wwwcie.ups.com. Wählen Sie eine Umgebung oder geben Sie ihre Adresse ein.
        [user-info] Die Adresse darf keinen Benutzernamen und kein Passwort enthalten. Geben Sie sie ohne diese ein.
        [query] Die Adresse darf weder ? noch # enthalten. Entfernen Sie diese und versuchen Sie es erneut.
        [not-https] Die Adresse muss mit https:// beginnen, nicht mit { $value }://. Geben Sie die https-Adresse ein.
        [colon] Ein Proxy-Benutzername darf kein „:“ enthalten. Klären Sie ihn mit der IT-Abteilung.
        [not-proxy-address] Das ist keine Proxy-Adresse. Geben Sie sie in der Form http://host:port ein.
        [no-proxy-in-use] Es wird kein Proxy verwendet (weder in der Proxy-Einstellung noch in der Umgebung noch in den Systemeinstellungen), daher gibt es nichts, wofür eine Anmeldung nötig wäre. Legen Sie zuerst den Proxy fest.
        [bounce-needs-scheme] Der Weiterleitungsweg braucht die Adresse mit eigenem Schema, an die die Seite weiterleitet. Geben Sie sie ein und versuchen Sie es erneut.
        [bounce-not-https] Es muss eine https-Adresse auf Ihrer eigenen Website sein. Geben Sie sie ein und versuchen Sie es erneut.
        [loopback-needs-address] Der Loopback-Weg braucht eine Adresse wie http://127.0.0.1:8765/callback. Wählen Sie den Weg erneut.
        [client-credentials-only] Sie verwendet nur Client-ID und Client-Secret, daher gibt es kein Opt-in zu erneuern. Testen Sie sie oder geben Sie ein neues Client-Secret ein.
        [no-redirect-uri] Für sie ist kein Weiterleitungs-URI gespeichert. Entfernen Sie sie und fügen Sie sie erneut hinzu.
        [client-id-in-use] Die Verbindung „{ $label }“ verwendet diese Client-ID bereits unter { $url } (gleicher Host und Port, anderer Pfad), und der Assistent führt nur eine Verbindung pro Host, Port und Client-ID. Es wurde nichts geändert. Entfernen Sie zuerst diese Verbindung oder erreichen Sie die zweite Adresse über einen anderen Hostnamen oder Port.
        [bad-id] Das ist nicht die ID einer Verbindung, wie sie auf dem Statusbildschirm steht. Es wurde nichts geändert.
        [backslash] Die Adresse enthält \, was Browser als / lesen. Geben Sie die Adresse mit / genau so ein, wie sie im UPS-Entwicklerportal registriert ist.
        [not-absolute] Das ist keine vollständige Adresse wie upsoptin://oauth/callback oder http://127.0.0.1:8765/callback. Geben Sie sie erneut ein.
        [bad-scheme] Eine Adresse, die mit { $value }: beginnt, kann keine Anmeldeantwort empfangen. Geben Sie den für Ihre App registrierten Weiterleitungs-URI ein.
        [no-host] Ein Weiterleitungs-URI mit eigenem Schema braucht einen Host, wie in upsoptin://oauth/callback. Geben Sie ihn erneut ein.
        [demo-only] Die Sandbox gibt es nur im Demo-Modus. Wählen Sie Test (CIE), Produktion oder Ihre eigene Adresse.
        [no-demo] Diese Kopie des Assistenten hat keinen Demo-Modus (die installierten Pakete enthalten die lokale UPS-Sandbox nicht). Starten Sie den Assistenten ohne --demo und wählen Sie Test (CIE) oder Produktion.
       *[other] Der Wert ist ungültig. Prüfen Sie ihn und versuchen Sie es erneut.
    }
error-keychain-unavailable = { $platform ->
        [linux] Auf diesem Computer läuft kein Secret Service, daher kann der Assistent Secrets nicht sicher speichern (er schreibt sie nie im Klartext). Installieren und starten Sie einen, zum Beispiel GNOME Keyring (sudo apt install gnome-keyring) in einer Desktop-Sitzung, oder führen Sie gnome-keyring-daemon --start --components=secrets in einer D-Bus-Sitzung aus, und versuchen Sie es dann erneut.
        [macos] Der macOS-Schlüsselbund konnte nicht geöffnet werden. Öffnen Sie die Schlüsselbundverwaltung, stellen Sie sicher, dass Ihr Anmeldeschlüsselbund existiert und entsperrt ist, und versuchen Sie es dann erneut.
        [windows] Die Windows-Anmeldeinformationsverwaltung konnte nicht geöffnet werden. Melden Sie sich mit Ihrem eigenen Konto (nicht mit einem Dienstkonto) bei Windows an und versuchen Sie es dann erneut.
       *[other] Dieses System hat keinen unterstützten Schlüsselbund, daher kann der Assistent Secrets nicht sicher speichern. Verwenden Sie Linux mit einem Secret Service, macOS oder Windows.
    } (Detail: { $detail }.)
error-config-error = { $reason ->
        [files] Der Assistent konnte seine Dateien nicht lesen oder schreiben ({ $detail }). Prüfen Sie, ob Ihr Benutzer in den Konfigurationsordner schreiben darf, und versuchen Sie es erneut.
        [foreign-folder] Der Ordner { $path } gehört einem anderen Benutzer (UID { $uid }), der ändern könnte, was der Assistent dort speichert. Es wurde nichts gelesen oder geschrieben. Entfernen Sie den Ordner oder übertragen Sie ihn an Ihren Benutzer (chown) und versuchen Sie es erneut.
        [newer-schema] Die Datei { $path } wurde von einer neueren Version des Assistenten geschrieben. Es wurde nichts geändert. Aktualisieren Sie den Assistenten und versuchen Sie es erneut.
        [damaged-keychain-unreadable] Die Datei { $path } ist beschädigt, es gibt keine gute Kopie, und der Schlüsselbund des Systems, aus dem sie wiederhergestellt wird, konnte nicht gelesen werden. Es wurde nichts verschoben oder geändert. Entsperren Sie den Schlüsselbund und versuchen Sie es erneut.
        [damaged-no-copy] Die Datei { $path } ist beschädigt und es gibt keine gute Kopie. Es wurde nichts verschoben oder geändert. Öffnen Sie den Assistenten erneut: Er stellt die Datei aus dem Schlüsselbund des Systems wieder her.
        [foreign-settings] Die Einstellungsdatei { $path } gehört einem anderen Benutzer (UID { $uid }), der bestimmen könnte, was bei Ihrer Anmeldung startet. Entfernen Sie die Datei und versuchen Sie es erneut.
        [loopback-listen] Der Assistent konnte nicht auf { $address } lauschen ({ $detail }). Wählen Sie stattdessen den Deep-Link-Weg.
        [loopback-failed] Der Loopback-Empfänger ist ausgefallen ({ $detail }). Fügen Sie stattdessen die Adresse aus dem Browser ein.
        [no-config-dir] Dieses System hat keinen Konfigurationsordner. Setzen Sie UPS_OPTIN_CONFIG_DIR auf einen Ordner, in den der Assistent schreiben darf, und starten Sie ihn erneut.
        [demo-sandbox] Die Demo-Sandbox konnte auf diesem Computer nicht starten ({ $detail }). Schließen Sie den Assistenten und starten Sie die Demo erneut.
        [start-at-login-unavailable] „Bei der Anmeldung starten“ ist in dieser Kopie des Assistenten nicht verfügbar. Starten Sie ihn stattdessen über die Autostart-Einstellungen Ihrer Sitzung.
        [start-at-login-failed] „Bei der Anmeldung starten“ konnte nicht { $action ->
            [on] eingeschaltet
           *[off] ausgeschaltet
        } werden ({ $detail }). Prüfen Sie, ob Ihr Benutzer in die Autostart-Einträge schreiben darf (unter Linux ~/.config/autostart), und versuchen Sie es erneut.
        [start-at-login-refused] „Bei der Anmeldung starten“ wurde nicht eingeschaltet: { link-location-problem }. Verschieben Sie den Assistenten in einen Ordner, den nur Sie (oder der Administrator) ändern können, etwa ~/Applications, starten Sie ihn von dort und schalten Sie „Bei der Anmeldung starten“ erneut ein.
       *[other] Die Konfiguration des Assistenten konnte nicht verwendet werden. Prüfen Sie, ob Ihr Benutzer in den Konfigurationsordner schreiben darf, und versuchen Sie es erneut.
    }
error-ups-bad-response = UPS hat mit HTTP { $status } und { $kind ->
        [unreadable] einer unlesbaren Antwort
        [empty-token] einem leeren Zugriffstoken
        [not-approved] einem Token, dessen Status nicht „approved“ ist,
        [empty] einem leeren Inhalt
        [html] einer HTML-Seite
        [json-without-token] JSON ohne Token
        [malformed-json] fehlerhaftem JSON
        [error-body] einem Fehlerinhalt
        [redirect] einer Weiterleitung an eine andere Adresse
        [no-access-token] einer Erneuerungsantwort ohne Zugriffstoken (das erneuerte Aktualisierungstoken wurde behalten; die nächste Anfrage erneuert erneut)
        [no-refresh-token] einem Token ohne Aktualisierungstoken
       *[other] Text, der kein JSON ist,
    } geantwortet; das ist kein verwendbares Token. Es wurde nichts Gespeichertes geändert. Prüfen Sie, ob die Adresse der Umgebung auf UPS zeigt, und versuchen Sie es erneut.
connection-recovered-label = Wiederhergestellt: { $environment } { $client }
