# Asistente de autorización de UPS: español de México (es-MX). Traducido de
# en-US; mismos mensajes, mismas variables. Terminología de UPS: cuenta de
# envío (número de cuenta de envío), ID de cliente, secreto de cliente, Portal
# para desarrolladores de UPS; «autorizar» y «autorización» para el opt-in de
# OAuth; token de acceso, token de actualización. Trato de usted.

app-name = Asistente de autorización de UPS
loading = Cargando…
retry = Reintentar
back = Atrás
next = Continuar
close = Cerrar
cancel = Cancelar
dismiss = Descartar
new-window-note = (se abre en su navegador)


## errors
errors-generic = Algo salió mal. Vuelva a intentarlo; si sigue ocurriendo, copie el diagnóstico y envíelo a soporte técnico.
errors-load-failed = La aplicación no pudo cargar su configuración.
errors-code-label = Código de error: { $code }


## banners
banners-keychain-title = El llavero del sistema no está disponible
banners-keychain-fallback = Los secretos de cliente y los tokens se guardan en el llavero del sistema, y no se puede acceder a él. No se pueden guardar autorizaciones hasta que funcione.
banners-keychain-backend = Llavero: { $backend }
banners-warnings-title = Aviso
banners-dismiss-warning = Descartar aviso
banners-link-ignored-title = No se usó un enlace que llegó del navegador
banners-demo-title = Modo de demostración
banners-demo-text = Un entorno de pruebas (sandbox) de UPS sin conexión se ejecuta en esta computadora en { $url }. Elija el entorno «Sandbox»; nada llega a UPS.


## steps
steps-label = Pasos de la autorización
steps-name-before = Antes de empezar
steps-name-environment = Entorno
steps-name-credentials = Credenciales
steps-name-opt-in = Autorización
steps-progress = Paso { $current } de { $total }


## welcome
welcome-title = Autorice sus cuentas de envío de UPS
welcome-intro = UPS ahora usa OAuth para que las aplicaciones puedan usar sus cuentas de envío. Como administrador de la empresa, usted autoriza una sola vez para que esta aplicación pueda usar las cuentas de envío que usted permita. Los usuarios de la aplicación inician sesión como siempre.
welcome-checklist-legend = Antes de empezar, marque cada paso que ya completó
welcome-step1 = Tengo una cuenta de usuario de UPS.com, y no es una cuenta de UPS.com que se use para CampusShip.
welcome-step2 = Mis cuentas de envío están asociadas a ese usuario en UPS.com, mediante una factura reciente o un PIN enviado al contacto de la cuenta registrado en UPS. (Para un gran número de cuentas, mi ejecutivo de cuenta de UPS puede ayudarme.)
welcome-step3 = Estoy listo para autorizar, y sé que debo volver a autorizar cada vez que cambie la contraseña de ese usuario de UPS.com.
welcome-not-all-ticked = Marque los tres pasos para continuar. Primero complete en UPS.com los que falten.
welcome-links-title = Enlaces útiles
welcome-ups-com = UPS.com
welcome-developer-portal = Portal para desarrolladores de UPS (ID y secreto de cliente)
welcome-start = Empezar
welcome-back-to-status = Volver a las conexiones


## environment
environment-title = Elija el entorno y el método
environment-environment-legend = Entorno de UPS
environment-sandbox = Sandbox (demostración sin conexión)
environment-sandbox-hint = Un sustituto local de UPS. Nada sale de esta computadora.
environment-cie = Pruebas (CIE)
environment-cie-hint = El entorno de integración de clientes de UPS, para hacer pruebas.
environment-production = Producción
environment-production-hint = Sus cuentas de envío reales de UPS.
environment-advanced = Opciones avanzadas
environment-custom = URL base personalizada
environment-custom-url = URL base
environment-custom-with-url = URL base personalizada: { $url }
environment-custom-url-hint = Por ejemplo, https://wwwcie.ups.com. Debe usar https (http simple solo hacia esta computadora).
environment-method-legend = Cómo autorizar
environment-browser-hint = Su navegador abre UPS.com: inicie sesión con el usuario de UPS.com que tiene las cuentas de envío y permita el acceso.
environment-client-credentials-hint = Usa solo el ID de cliente y el secreto de cliente de una aplicación creada en el Portal para desarrolladores de UPS.
environment-label = Etiqueta
environment-label-hint = El nombre del producto que usa estas cuentas, por ejemplo, el nombre del software de envíos.


## credentials
credentials-title = Escriba las credenciales de la aplicación
credentials-intro = Use el ID de cliente y el secreto de cliente de su aplicación en el Portal para desarrolladores de UPS.
credentials-client-id = ID de cliente
credentials-client-secret = Secreto de cliente
credentials-client-id-field = ID de cliente
credentials-client-secret-field = secreto de cliente
credentials-show-secret = Mostrar secreto
credentials-trimmed-note = Campo «{ $field }»: se quitaron los espacios o saltos de línea al inicio o al final.
credentials-route-legend = Cómo regresa UPS.com a esta aplicación (URI de redireccionamiento)
credentials-deep-link = Enlace profundo (recomendado)
credentials-deep-link-hint = El navegador entrega el resultado a esta aplicación mediante su tipo de enlace.
credentials-loopback = Loopback (local)
credentials-loopback-hint = El navegador regresa a un pequeño receptor en esta computadora.
credentials-bounce = Página de rebote HTTPS
credentials-bounce-hint = Su propia página https, que reenvía el resultado a esta aplicación.
credentials-bounce-url = URL de la página de rebote
credentials-redirect-title = Registre exactamente este URI de redireccionamiento para su aplicación en UPS
credentials-redirect-missing = Escriba arriba la URL de la página de rebote para ver el URI de redireccionamiento.
credentials-copy-redirect = Copiar URI de redireccionamiento
credentials-check-with-ups = Verificar con UPS
credentials-checking = Consultando a UPS…
credentials-check-accepted = UPS acepta este URI de redireccionamiento para este ID de cliente.
credentials-check-needs-id = Primero escriba el ID de cliente.
credentials-advanced = Opciones avanzadas
credentials-pkce-body = Enviar code_verifier sin autenticación Basic (modo PKCE en el cuerpo)
credentials-pkce-body-hint = Solo si el soporte técnico de UPS lo pidió.
credentials-accounts-legend = Números de cuenta de envío (opcional)
credentials-accounts-hint = Cada uno tiene 6 letras o dígitos, como en su factura de UPS. Con «Solo ID y secreto de cliente», el asistente pide a UPS que confirme cada uno.
credentials-account-label = Cuenta de envío { $n }
credentials-remove-account = Quitar la cuenta de envío { $n }
credentials-remove = Quitar
credentials-add-account = Agregar número de cuenta
credentials-demo-title = Credenciales de la demostración sin conexión
credentials-demo-intro = El sandbox acepta estas. Use el nombre de usuario y la contraseña en su página de inicio de sesión.
credentials-demo-client-id = ID de cliente
credentials-demo-client-secret = Secreto de cliente
credentials-demo-user = Nombre de usuario
credentials-demo-password = Contraseña
credentials-demo-fill = Rellenar
credentials-demo-filled = Se rellenaron el ID y el secreto de cliente.


## validation
validation-empty = Campo «{ $field }»: escriba un valor.
validation-too-long = Campo «{ $field }»: el valor tiene más de { $max } caracteres.
validation-bad-chars = Campo «{ $field }»: el valor contiene un espacio, un carácter de control o un carácter fuera del ASCII simple. Vuelva a copiarlo del Portal para desarrolladores de UPS.
validation-label-empty = Escriba una etiqueta, por ejemplo, el nombre del producto.
validation-label-too-long = La etiqueta tiene más de { $max } caracteres.
validation-label-bad-chars = La etiqueta contiene un carácter de control.
validation-url-empty = Escriba la URL.
validation-url-invalid = Esta URL no está completa (debería parecerse a https://example.com).
validation-url-not-https = La URL debe empezar con https://.
validation-url-insecure = La URL debe usar https:// (http simple solo se permite hacia esta computadora).
validation-account-invalid = La cuenta de envío { $n } debe tener exactamente { $chars } letras o dígitos.
validation-account-duplicate = La cuenta de envío { $n } aparece dos veces.
validation-fix-below = Corrija los campos marcados abajo.


## optIn
opt-in-title = Autorización
opt-in-reopt-title = Volver a autorizar: { $label }
opt-in-summary-title = Resumen
opt-in-summary-environment = Entorno
opt-in-summary-method = Método
opt-in-summary-label = Etiqueta
opt-in-summary-redirect = URI de redireccionamiento
opt-in-summary-accounts = Cuentas de envío
opt-in-summary-no-accounts = Ninguna
opt-in-browser-intro = Seleccione Autorizar: su navegador abre UPS.com. Inicie sesión con el usuario de UPS.com que tiene las cuentas de envío y permita el acceso. Después regrese aquí.
opt-in-client-credentials-intro = Seleccione Autorizar: la aplicación pide a UPS un token con el ID y el secreto de cliente, y verifica cada cuenta de envío.
opt-in-reopt-intro = Se vuelven a usar el ID y el secreto de cliente guardados. Inicie sesión en UPS.com con el usuario que tiene las cuentas de envío.
opt-in-button = Autorizar
opt-in-other-routes = Usar otra vía
opt-in-other-routes-hint = Cada vía envía su propio URI de redireccionamiento (se muestra en el resumen de arriba). Registre también ese para su aplicación en el Portal para desarrolladores de UPS y luego seleccione Autorizar de nuevo.
opt-in-starting = Verificando con UPS; después se abrirá UPS.com…
opt-in-verifying = Verificando con UPS…
opt-in-waiting-title = Esperando a UPS.com
opt-in-waiting-status = Inicie sesión en UPS.com en su navegador y permita el acceso. Esta ventana se actualiza sola.
opt-in-waiting-progress = Esperando el inicio de sesión en UPS.com
opt-in-time-left = Tiempo restante
opt-in-timed-out = Se agotó el tiempo de este enlace de inicio de sesión. Vuelva a iniciar la autorización.
opt-in-start-again = Empezar de nuevo
opt-in-saving = Guardando…
opt-in-saving-status = UPS.com respondió. Guardando la autorización…
opt-in-cancel = Cancelar la autorización
opt-in-cancelled = Se canceló la autorización.
opt-in-open-again = Abrir de nuevo la página de inicio de sesión
opt-in-reopened = Se abrió de nuevo la página de inicio de sesión.
opt-in-copy-link = Copiar enlace de inicio de sesión
opt-in-browser-not-opened = El navegador no se abrió
opt-in-browser-not-opened-help = Copie este enlace de inicio de sesión y ábralo en su navegador:
opt-in-paste-title = Pegue la dirección de su navegador
opt-in-paste-help = Si después de permitir el acceso su navegador muestra una dirección que empieza con el URI de redireccionamiento, pero aquí no pasó nada, copie la dirección completa de la barra de direcciones del navegador y péguela aquí.
opt-in-paste-label = Dirección del navegador
opt-in-paste-submit = Usar esta dirección
opt-in-paste-empty = Primero pegue la dirección.
opt-in-rejected-link = Se ignoró un enlace que llegó del navegador:
opt-in-failed-title = La autorización no se completó
opt-in-try-again = Reintentar
opt-in-still-waiting = El inicio de sesión sigue abierto: puede volver a intentarlo en UPS.com.
opt-in-verified-title = Autorización guardada
opt-in-verified-intro = UPS emitió un token. Resultado de cada cuenta de envío:
opt-in-done = Ir a las conexiones


## status
status-title = Conexiones de UPS
status-intro = Las conexiones que esta aplicación mantiene autorizadas con UPS.
status-empty = Todavía no hay conexiones.
status-add-first = Agregar una conexión
status-add-another = Agregar otra conexión
status-copy-diagnostics = Copiar diagnóstico
status-diagnostics-copied = Diagnóstico copiado. No incluye secretos ni tokens.
status-list-label = Conexiones
status-connected-notice = Autorización completa: { $label } está conectada.
status-reopt-banner-title = Volver a autorizar
status-reopt-banner-text = UPS ya no acepta la autorización de las conexiones de abajo. Esto ocurre cuando se cambia la contraseña del usuario de UPS.com que autorizó: cambiar la contraseña de UPS.com invalida la autorización. Vuelva a autorizar con ese usuario para reconectar.
status-reopt-button = Volver a autorizar: { $label }
status-removed = Se quitó { $label }.
status-start-at-login = Iniciar al abrir sesión
status-start-at-login-help = Inicia el asistente oculto en el área de notificación cuando usted abre sesión, para que renueve cada conexión y le avise cuando alguna lo necesite.
status-start-at-login-on = Iniciar al abrir sesión está activado: el asistente se inicia oculto en el área de notificación cuando usted abre sesión.
status-start-at-login-off = Iniciar al abrir sesión está desactivado.
status-tray-hint-title = El asistente sigue funcionando en el área de notificación
status-tray-hint-text = Al cerrar esta ventana, el asistente sigue en el área de notificación, donde renueva sus conexiones y le avisa cuando alguna lo necesita. Cierre la ventana otra vez para ocultarla; elija Salir en el menú del área de notificación para detenerlo.
status-tray-hint-dismiss = Entendido
status-open-connection-gone = Esa conexión ya no existe.
status-open-connection-fine = { $label } está conectada: no hay nada que hacer.


## card
card-environment = Entorno
card-client-id = ID de cliente
card-method = Método
card-redirect-uri = URI de redireccionamiento
card-access-token = Token de acceso
card-access-expires-in = vence en
card-access-expired = vencido
card-no-token = ninguno
card-refresh-token = Token de actualización
card-refresh-valid-until = válido hasta el { $date }
card-last-refresh = Última actualización
card-never = nunca
card-created = Agregada
card-last-error = Último error
card-last-error-at = el { $when }
card-accounts = Cuentas de envío
card-no-accounts = No se indicaron números de cuenta de envío.
# { $parts } es la lista de los conteos de abajo, unida según las reglas del idioma.
card-accounts-summary = { $total ->
        [one] { $total } cuenta de envío
       *[other] { $total } cuentas de envío
    }: { $parts }.
card-accounts-verified = { $count ->
        [one] { $count } verificada
       *[other] { $count } verificadas
    }
card-accounts-refused = { $count ->
        [one] { $count } rechazada
       *[other] { $count } rechazadas
    }
card-accounts-unchecked = { $count ->
        [one] { $count } sin verificar
       *[other] { $count } sin verificar
    }
card-show-all-accounts = { $total ->
        [one] Mostrar la cuenta
       *[other] Mostrar las { $total } cuentas
    }
card-show-details = Mostrar detalles
card-hide-details = Ocultar detalles
card-show-fewer-accounts = Mostrar menos cuentas
card-verified = Verificada
card-refused = Rechazada
card-unchecked = Sin verificar
card-checked-at = verificada el { $when }
card-token-unsaved = Un token nuevo se conserva solo en memoria porque no se pudo guardar en el llavero. Corrija el llavero y luego seleccione Actualizar ahora; si la aplicación se cierra antes, tendrá que volver a autorizar.
card-actions-label = Acciones para { $label }
card-refresh = Actualizar ahora
card-refreshing = Actualizando…
card-refreshed = Actualizado.
card-test = Probar la conexión
card-testing = Probando…
card-tested = Prueba terminada.
card-reopt = Volver a autorizar
card-remove = Quitar
card-update-secret = Actualizar el secreto de cliente
card-secret-updated = UPS aceptó el nuevo secreto de cliente. Está guardado; se conservaron la autorización y las cuentas de envío.


## secretDialog
secret-dialog-title = Actualizar el secreto de cliente: { $label }
secret-dialog-body = Escriba el secreto de cliente que aparece ahora en la página de su aplicación en el Portal para desarrolladores de UPS. La aplicación primero lo verifica con UPS y solo lo guarda si UPS lo acepta.
secret-dialog-label = Nuevo secreto de cliente
secret-dialog-confirm = Verificar y guardar
secret-dialog-checking = Verificando con UPS…


## removeDialog
remove-dialog-title = ¿Quitar { $label }?
remove-dialog-body = La conexión se quita de esta aplicación, y su secreto de cliente y sus tokens se eliminan del llavero del sistema. Para volver a usarla, tendrá que volver a autorizar.
remove-dialog-confirm = Quitar la conexión
remove-dialog-removing = Quitando…


## copy
copy-copy = Copiar
copy-copied = Copiado.
copy-failed = No se pudo copiar. Seleccione el texto y cópielo con Ctrl+C (⌘C en una Mac).


## Connection states (status screen, cards)

state-connected-name = Conectada
state-connected-detail = UPS acepta esta conexión.
state-expiring-name = Vence pronto
state-expiring-detail = El token de actualización vence en menos de 7 días. Vuelva a autorizar para conservar esta conexión.
state-reopt-needed-name = Volver a autorizar
state-reopt-needed-detail = UPS ya no acepta esta autorización, por ejemplo, porque se cambió la contraseña de UPS.com.
state-unreachable-name = UPS inaccesible
state-unreachable-detail = No se pudo contactar a UPS en el último intento. Revise la red y luego seleccione Actualizar ahora.
state-not-connected-name = Sin conexión
state-not-connected-detail = No hay una autorización válida. Autorice para conectarse.
state-credentials-rejected-name = Secreto de cliente rechazado
state-credentials-rejected-detail = UPS rechazó el ID o el secreto de cliente, por ejemplo, porque el secreto se regeneró en el Portal para desarrolladores de UPS. Seleccione Actualizar el secreto de cliente y escriba el actual; se conservan la autorización y las cuentas de envío.

## Methods

method-browser = Autorizar con UPS.com
method-client-credentials = Solo ID y secreto de cliente

## Hints under an error's message, per error code

error-hint-access-denied = Si rechazó por error, seleccione Autorizar y permita el acceso en UPS.com.
error-hint-callback-expired = El inicio de sesión tardó demasiado. Vuelva a iniciar la autorización.
error-hint-login-timed-out = No llegó respuesta de UPS.com a tiempo. Vuelva a iniciar la autorización.
error-hint-ups-unreachable = Revise la conexión a internet y cualquier proxy o firewall, y vuelva a intentarlo.
error-hint-ups-rate-limited = UPS está limitando las solicitudes. Espere un minuto y vuelva a intentarlo.
error-hint-reopt-needed = Vuelva a autorizar con el usuario de UPS.com que tiene las cuentas de envío.
error-hint-keychain-unavailable = Inicie o desbloquee el llavero del sistema (en Linux, un Secret Service como GNOME Keyring o KWallet) y vuelva a intentarlo.
error-hint-loopback-port-busy = Otro programa usa el puerto local (loopback). Ciérrelo, o elija mejor la vía del enlace profundo.
error-hint-browser-failed = Copie el enlace de inicio de sesión y ábralo usted mismo en su navegador.
error-hint-client-refused = Registre exactamente el URI de redireccionamiento mostrado como Callback URL de su aplicación en el Portal para desarrolladores de UPS, o elija otra vía con Atrás, y luego seleccione Verificar con UPS.
error-hint-credentials-rejected = Copie el secreto de cliente actual de la página de su aplicación en el Portal para desarrolladores de UPS.
error-hint-proxy-unreachable = No se pudo contactar al proxy. Revise su dirección en Entorno, Opciones avanzadas, Proxy (Copiar diagnóstico muestra de dónde viene) o consulte al área de TI.
error-hint-proxy-refused = El proxy no quiso conectarse con UPS. Pida al área de TI que permita el acceso a wwwcie.ups.com y onlinetools.ups.com a través del proxy.
error-hint-proxy-auth-required = El proxy pide iniciar sesión. Escriba su nombre de usuario y contraseña en Entorno, Opciones avanzadas, Credenciales del proxy; se guardan en el llavero del sistema.
error-hint-tls-untrusted = Su red inspecciona las conexiones seguras con un certificado en el que esta computadora no confía. Pida al área de TI que instale el certificado raíz de la empresa en esta computadora. La verificación de certificados nunca se desactiva.
error-hint-dns-failed = No se encontró la dirección de UPS. Revise la conexión de red; si su red solo llega a internet a través de un proxy, configúrelo en Entorno, Opciones avanzadas, Proxy.
error-hint-connection-refused = Nada respondió en esa dirección. Revise la dirección del entorno; si su red necesita un proxy, configúrelo en Entorno, Opciones avanzadas, Proxy.
error-hint-timed-out = No hubo respuesta a tiempo. Revise la conexión de red y si su red necesita un proxy (Entorno, Opciones avanzadas, Proxy).

## Language menu

language-label = Idioma
language-system = Idioma del sistema: { $name }
language-endonym = Español (México)

## Tray (Rust: crates/optin-core/src/watch.rs)

tray-tooltip-empty = Asistente de autorización de UPS: todavía no hay conexiones
tray-tooltip-all-connected = Asistente de autorización de UPS: todas las conexiones están conectadas
tray-tooltip-attention = Asistente de autorización de UPS: requiere atención: { $names }
tray-tooltip-unreachable = Asistente de autorización de UPS: UPS inaccesible para { $names } (reintentando)
tray-open = Abrir el Asistente de autorización de UPS
tray-fix-opt-in-again = { $label }: Volver a autorizar…
tray-fix-update-secret = { $label }: Actualizar el secreto…
tray-refresh-all = Actualizar todo ahora
tray-quit = Salir

## Desktop notifications (Rust: crates/optin-core/src/watch.rs)

notice-credentials-rejected-summary = { $label }: hay que volver a escribir el secreto de cliente
notice-credentials-rejected-body = UPS rechazó el ID o el secreto de cliente guardado (quizá se regeneró en developer.ups.com). Abra el asistente y elija Actualizar el secreto de cliente; se conservan la autorización y las cuentas de envío.
notice-reopt-needed-summary = { $label }: se necesita una nueva autorización
notice-reopt-needed-body = UPS ya no acepta su inicio de sesión (se cambió la contraseña de UPS.com o la autorización terminó). Abra el asistente y elija Volver a autorizar.
notice-expiring-summary = { $label }: la autorización vence pronto
notice-expiring-body = UPS la termina el { $date }. Abra el asistente y elija Volver a autorizar antes de esa fecha.
notice-expiring-body-no-date = UPS la termina en menos de una semana. Abra el asistente y elija Volver a autorizar antes de esa fecha.
notice-not-connected-summary = { $label } ya no está conectada
notice-not-connected-body = El llavero no tiene tokens para esta conexión. Abra el asistente y elija Volver a autorizar.
notice-attention-summary = { $label } requiere atención
notice-attention-body = Abra el asistente para ver qué hacer.
notice-unreachable-summary = { $label }: UPS lleva más de una hora inaccesible
notice-unreachable-body = El asistente sigue reintentando en segundo plano. Revise la red o el proxy de esta computadora; mientras tanto, los productos que usan esta conexión podrían no poder hacer envíos.
notice-recovered-summary = { $label } está conectada de nuevo
notice-recovered-body = Sus tokens se renuevan de nuevo en segundo plano; no hay nada más que hacer.

## Errors as data: error-<code>, with the parameters of optin-core's
## Error::params. UPS's code and message ($ups_code, $ups_message), the
## redirect URI sent and technical details ($detail) are quoted as they came.
## $ups_code and $ups_message are "none" when UPS sent none; $case picks the
## variant of a code that has several.

error-insecure-url = { $url } usa http simple hacia un host que no es esta computadora. Use https, o http solo para 127.0.0.1, ::1 o localhost.
error-callback-invalid = { $case ->
        [rejected-link] El asistente ignoró un enlace que no es la respuesta a un inicio de sesión en curso. No se cambió nada. Para iniciar sesión, use la ventana del navegador que abrió el asistente, o pegue la dirección en la que termina esa ventana.
       *[answer] Esta respuesta de inicio de sesión no es para este asistente: { $reason ->
            [empty] la dirección está vacía
            [too-long] la dirección es demasiado larga
            [control-characters] la dirección contiene caracteres de control
            [not-address] no es una dirección web
            [too-many-parameters] trae demasiados parámetros
            [parameter-too-long] uno de sus parámetros es demasiado largo
            [parameter-nul] uno de sus parámetros contiene un byte NUL
            [parameter-twice] uno de sus parámetros aparece dos veces
            [no-state] falta el parámetro state
            [wrong-address] se envió a una dirección distinta del URI de redireccionamiento que espera este inicio de sesión
            [no-code] falta el parámetro code
           *[other] detalle técnico: { $detail }
        }. No se cambió nada; termine el inicio de sesión en la ventana del navegador que abrió el asistente, o vuelva a pegar su dirección final.
    }
error-callback-unknown-state = Esta respuesta de inicio de sesión no pertenece a ningún inicio de sesión en curso (puede ser un enlace antiguo o repetido). No se cambió nada. Vuelva a iniciar la autorización para obtener un nuevo enlace de inicio de sesión.
error-callback-expired = Esta respuesta de inicio de sesión llegó después de que venció el inicio de sesión (dura 10 minutos). No se cambió nada. Vuelva a iniciar la autorización.
error-login-not-pending = Ningún inicio de sesión espera una respuesta. Primero inicie la autorización.
error-login-cancelled = Se canceló el inicio de sesión. No se guardó nada. Vuelva a iniciar la autorización cuando esté listo.
error-access-denied = UPS no concedió el acceso: { $reason }. No se guardó nada. Si fue un error, vuelva a iniciar la autorización y apruebe la solicitud en UPS.com.
error-login-timed-out = No llegó ninguna respuesta de inicio de sesión en { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }. No se guardó nada. Vuelva a iniciar la autorización, o pegue la dirección en la que terminó el navegador.
error-busy = Otro proceso lleva más de { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } actualizando esta conexión. Vuelva a intentarlo; si continúa, cierre los otros programas que usan esta conexión.
error-ups-rejected = UPS rechazó la solicitud en { $endpoint } (HTTP { $status }{ $ups_code ->
        [none] {""}
       *[other] , código { $ups_code }
    }): { $ups_message }. No se cambió nada de lo guardado. { $case ->
        [credentials] Revise el ID y el secreto de cliente en la página de su aplicación en developer.ups.com, y que el URI de redireccionamiento registrado ahí sea exactamente el que se muestra aquí.
        [account] Revise que la cuenta de envío esté asociada a su usuario de UPS.com (por factura o por PIN en UPS.com).
       *[other] Revise los valores que escribió y vuelva a intentarlo.
    }
error-ups-unreachable = No se pudo contactar a UPS ({ $reason ->
        [server-error] UPS respondió HTTP { $status }, un problema de su lado
        [not-ups] HTTP { $status } llegó de algo que no es UPS: probablemente respondió en su lugar un proxy, un firewall, un portal cautivo o un filtro de contenido entre esta computadora y UPS, y no se gastó nada
        [tls-failed] falló la conexión segura
        [connect-failed] no se pudo establecer la conexión
        [connection-broke] la conexión se cortó mientras se leía la respuesta
        [request-failed] falló la solicitud
       *[other] detalle técnico: { $detail }
    }). No se cambió nada de lo guardado. Revise la conexión de red y vuelva a intentarlo en unos minutos.
error-ups-rate-limited = UPS está limitando las solicitudes (HTTP 429{ $ups_message ->
        [none] {""}
       *[other] : { $ups_message }
    }). No se cambió nada de lo guardado. Espere { $seconds ->
        [none] un minuto
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    } y vuelva a intentarlo.
error-reopt-needed = UPS ya no acepta esta autorización ({ $ups_message }). Esto ocurre cuando se cambió la contraseña de UPS.com del usuario que autorizó. Vuelva a autorizar para reconectar; se conservan el ID y el secreto de cliente guardados.
error-keychain-error = El llavero rechazó la operación ({ $detail }). No se escribió nada en texto sin cifrar. Desbloquee el llavero (o permita que esta aplicación lo use) y vuelva a intentarlo.
error-token-not-saved = { $case ->
        [rotation] Un token de actualización renovado de esta conexión no está guardado en el llavero (el llavero lo rechazó), y el que guarda el llavero ya se usó, así que no se envió a UPS. Desbloquee el llavero: un asistente que tenga el token nuevo lo guardará entonces. Si ningún asistente lo tiene, vuelva a autorizar.
       *[held] UPS emitió un token nuevo, pero el llavero no pudo guardarlo ({ $detail }). El token se conserva en memoria y se volverá a intentar guardarlo; mantenga abierto el asistente y desbloquee el llavero.
    }
error-not-connected = El llavero no tiene { $what ->
        [client-secret] secreto de cliente
        [refresh-token] token de actualización
       *[other] token
    } para esta conexión (quizá se eliminó fuera del asistente). Vuelva a autorizar para reconectar.
error-connection-not-found = Ninguna conexión tiene el ID { $id }. Abra la pantalla de estado para ver las conexiones.
error-browser-failed = No se pudo abrir el navegador ({ $detail }). Copie el enlace de inicio de sesión y ábralo usted mismo en su navegador.
error-loopback-port-busy = Otro programa usa el puerto { $port } de esta computadora, así que el asistente no puede recibir ahí la respuesta de inicio de sesión. Cierre ese programa, o elija la vía del enlace profundo.
error-client-refused = UPS rechazó este ID de cliente y este URI de redireccionamiento antes del inicio de sesión (validate-client, HTTP { $status }{ $ups_code ->
        [none] {""}
       *[other] , código { $ups_code }
    }: { $ups_message }). El URI de redireccionamiento enviado fue exactamente «{ $redirect_uri }». No se abrió ningún navegador y no se guardó nada. { $case ->
        [client] Revise el ID de cliente: cópielo de nuevo de la página de su aplicación en developer.ups.com. Si es correcto, revise que la Callback URL de la aplicación ahí sea exactamente este URI de redireccionamiento.
       *[redirect] Registre exactamente esta dirección como Callback URL de su aplicación en developer.ups.com (carácter por carácter: cuentan las mayúsculas, la barra final y el puerto), o elija otra vía.
    } Después vuelva a intentarlo.
error-credentials-rejected = { $case ->
        [new] UPS rechazó el nuevo secreto de cliente (HTTP { $status }{ $ups_code ->
            [none] {""}
           *[other] , código { $ups_code }
        }: { $ups_message }). No se cambió nada: el secreto, los tokens y las cuentas de envío guardados siguen igual. Copie de nuevo el secreto de la página de su aplicación en developer.ups.com (Credentials), revise que corresponda a este ID de cliente y vuelva a intentarlo.
       *[stored] UPS rechazó el ID o el secreto de cliente de esta conexión (HTTP { $status }{ $ups_code ->
            [none] {""}
           *[other] , código { $ups_code }
        }: { $ups_message }). Esto ocurre cuando el secreto de cliente se regeneró en la página de su aplicación en developer.ups.com, o la aplicación se eliminó ahí. Se conservan la autorización y las cuentas de envío: escriba el secreto de cliente actual de la aplicación para reconectar.
    }

## Company networks: the proxy a request went through is $proxy (its
## address) and $proxy_source: "setting" (the proxy setting), "system" (the
## OS settings), "intercepting" (a proxy nobody set up, then $proxy is not
## passed), the name of the environment variable it comes from, or "none"
## (no proxy). $reason says why a connection or a certificate failed; for
## "other", $detail is the technical detail in English, quoted as it came.

error-proxy-unreachable = Esta computadora no pudo conectarse con { $proxy_source ->
        [setting] el proxy { $proxy } (según la configuración del proxy)
        [system] el proxy { $proxy } (según la configuración del sistema)
        [intercepting] un proxy que está entre esta computadora y UPS (no está configurado aquí: intercepta el tráfico)
       *[other] el proxy { $proxy } (según la variable { $proxy_source })
    } ({ $reason ->
        [dns] no se encontró su nombre (DNS)
        [refused] se rechazó la conexión: nada responde en esa dirección
        [timeout] no respondió a tiempo
       *[other] detalle técnico: { $detail }
    }). No se cambió nada de lo guardado. Revise la dirección del proxy (Copiar diagnóstico, en la pantalla de conexiones, muestra de dónde viene) o pida la dirección correcta al área de TI, y vuelva a intentarlo.
error-proxy-refused = No se pudo contactar a { $host }: { $proxy_source ->
        [setting] el proxy { $proxy } (según la configuración del proxy)
        [system] el proxy { $proxy } (según la configuración del sistema)
        [intercepting] un proxy que está entre esta computadora y UPS (no está configurado aquí: intercepta el tráfico)
       *[other] el proxy { $proxy } (según la variable { $proxy_source })
    } se negó a abrir una conexión con ese host ({ $reason ->
        [blocked] no respondió 200 a CONNECT: el proxy bloquea ese host o no pudo contactarlo (HTTP 403 o 502)
        [blocked-login] no respondió 200 a CONNECT: el proxy bloquea ese host, no pudo contactarlo (HTTP 403 o 502) o no aceptó las credenciales enviadas (HTTP 401); si las credenciales son incorrectas, vuelva a escribirlas en Entorno, Opciones avanzadas, Credenciales del proxy
        [closed] cerró la conexión sin abrir un túnel
       *[other] detalle técnico: { $detail }
    }). No se cambió nada de lo guardado. Pida al área de TI que permita el acceso a { $host } a través del proxy (o revise que { $host } sea la dirección correcta) y vuelva a intentarlo.
error-proxy-auth-required = { $case ->
        [refused] Las credenciales fueron rechazadas por
       *[needed] Se necesita iniciar sesión en
    } { $proxy_source ->
        [setting] el proxy { $proxy } (según la configuración del proxy)
        [system] el proxy { $proxy } (según la configuración del sistema)
        [intercepting] un proxy que está entre esta computadora y UPS (no está configurado aquí: intercepta el tráfico)
       *[other] el proxy { $proxy } (según la variable { $proxy_source })
    } (HTTP 407). No se cambió nada de lo guardado. Escriba el nombre de usuario y la contraseña del proxy en Entorno, Opciones avanzadas, Credenciales del proxy; se guardan en el llavero, nunca en un archivo. Después vuelva a intentarlo.
error-tls-untrusted = { $host } respondió con un certificado firmado por una autoridad de certificación en la que esta computadora no confía ({ $reason ->
        [unknown-issuer] emisor desconocido
        [bad-signature] firma no válida
        [expired] el certificado venció
        [not-valid-yet] el certificado todavía no es válido
        [revoked] el certificado fue revocado
        [wrong-name] el certificado es para otro nombre
        [wrong-purpose] el certificado no es para un servidor
        [certificate] se rechazó el certificado
       *[other] detalle técnico: { $detail }
    }){ $proxy_source ->
        [none] {""}
        [setting] , al que se llegó mediante el proxy { $proxy } (según la configuración del proxy)
        [system] , al que se llegó mediante el proxy { $proxy } (según la configuración del sistema)
        [intercepting] , al que se llegó mediante un proxy que está entre esta computadora y UPS (no está configurado aquí: intercepta el tráfico)
       *[other] , al que se llegó mediante el proxy { $proxy } (según la variable { $proxy_source })
    }. Esto es típico de las redes de empresa que inspeccionan el tráfico TLS: pida al área de TI que instale el certificado raíz de la empresa en el almacén de certificados de esta computadora (o que excluya { $host } de la inspección) y vuelva a intentarlo. No se cambió nada de lo guardado; la verificación de certificados nunca se desactiva.
error-dns-failed = No se encontró el nombre { $host } (DNS). No se cambió nada de lo guardado. Revise la conexión de red y el DNS de esta computadora; si esta red solo llega a internet a través de un proxy, configúrelo (en Entorno, Opciones avanzadas, Proxy, o con HTTPS_PROXY o la configuración del sistema) y vuelva a intentarlo.
error-connection-refused = { $host } rechazó la conexión en el puerto { $port }: nada responde ahí. No se cambió nada de lo guardado. Revise la dirección del entorno; si esta red solo llega a internet a través de un proxy, configúrelo (en Entorno, Opciones avanzadas, Proxy, o con HTTPS_PROXY o la configuración del sistema) y vuelva a intentarlo.
error-timed-out = { $host } no respondió a tiempo{ $proxy_source ->
        [none] {""}
        [setting] {" "}(mediante el proxy { $proxy }, según la configuración del proxy)
        [system] {" "}(mediante el proxy { $proxy }, según la configuración del sistema)
        [intercepting] {" "}(mediante un proxy que está entre esta computadora y UPS y no está configurado aquí)
       *[other] {" "}(mediante el proxy { $proxy }, según la variable { $proxy_source })
    }. No se cambió nada de lo guardado. Revise la conexión de red (esto ocurre con un firewall que descarta el tráfico sin avisar, o con una red que necesita un proxy) y vuelva a intentarlo.

## proxy (Environment, Advanced: how this computer reaches UPS)
proxy-legend = Proxy
proxy-intro = Cómo llega esta computadora a UPS. En la mayoría de las redes de empresa esto ya está configurado; cámbielo solo si el área de TI le dio la dirección de un proxy.
proxy-automatic = Automático
proxy-automatic-hint = El proxy de las variables HTTPS_PROXY, HTTP_PROXY o ALL_PROXY; si no hay, el de la configuración del sistema (NO_PROXY excluye hosts).
proxy-manual = Este proxy
proxy-manual-hint = Por ejemplo, http://proxy.example.com:3128. Sin nombre de usuario ni contraseña: escríbalos abajo.
proxy-url = Dirección del proxy
proxy-direct = Sin proxy
proxy-direct-hint = Conectarse directamente a UPS, diga lo que diga la configuración del sistema.
proxy-save = Guardar la configuración del proxy
proxy-saved = Se guardó la configuración del proxy. Se usa a partir de la próxima solicitud a UPS.
proxy-in-use = En uso
proxy-login-legend = Credenciales del proxy
proxy-login-hint = Solo si el proxy pide iniciar sesión. Se guardan en el llavero del sistema, nunca en un archivo, y solo se envían al proxy en uso.
proxy-user = Nombre de usuario del proxy
proxy-password = Contraseña del proxy
proxy-save-login = Guardar las credenciales del proxy
proxy-login-saved = Se guardaron las credenciales del proxy en el llavero.
proxy-login-stored = Hay credenciales guardadas en el llavero para el proxy en uso.
proxy-remove-login = Quitar las credenciales del proxy
proxy-login-removed = Se quitaron las credenciales del proxy del llavero.
# The route to one environment: $case is "proxy", "direct-setting" (the
# setting says no proxy), "direct-excluded" ($variable excludes the host) or
# "direct"; a proxy has $proxy, $proxy_source (as in the errors) and $login
# ("none", "address": in the proxy address, "keychain").
proxy-route = { $case ->
        [proxy] Mediante el proxy { $proxy } ({ $proxy_source ->
            [setting] según la configuración del proxy
            [system] según la configuración del sistema
           *[other] según la variable { $proxy_source }
        }), { $login ->
            [address] con las credenciales incluidas en su dirección
            [keychain] con las credenciales del llavero
           *[none] sin credenciales
        }
        [direct-setting] Conexión directa (la configuración del proxy dice Sin proxy)
        [direct-excluded] Conexión directa ({ $variable } excluye este host)
       *[direct] Conexión directa (no hay proxy en la configuración del proxy, en las variables de entorno ni en la configuración del sistema)
    }


## recovery (after a damaged connections file)
recovery-title = El archivo de conexiones estaba dañado
# $at is a date and time; $source is "backup" (the last good copy) or "keychain".
recovery-text = { $source ->
        [backup] El archivo que enumera sus conexiones estaba dañado el { $at }. { $connections ->
            [one] Se restauró { $connections } conexión a partir de la última copia válida.
           *[other] Se restauraron { $connections } conexiones a partir de la última copia válida.
        }
       *[keychain] El archivo que enumera sus conexiones estaba dañado el { $at }, y no había ninguna copia válida. { $connections ->
            [one] Se reconstruyó { $connections } conexión a partir del llavero del sistema.
           *[other] Se reconstruyeron { $connections } conexiones a partir del llavero del sistema.
        }
    } El archivo dañado se conserva como { $damaged_file }.
recovery-check = Revise la etiqueta y las cuentas de envío de cada conexión (y la dirección de un entorno personalizado); vuelva a autorizar para establecerlas.
recovery-acknowledge = Ya las revisé
recovery-card-note = Reconstruida a partir del llavero del sistema después de que se dañó el archivo de conexiones: se desconocen su etiqueta y sus cuentas de envío. Vuelva a autorizar para establecerlas.
recovery-leftovers-title = { $count ->
        [one] { $count } entrada del llavero no pertenece a ninguna conexión
       *[other] { $count } entradas del llavero no pertenecen a ninguna conexión
    }
recovery-leftovers-text = Quedaron de un archivo de conexiones dañado o de una eliminación interrumpida. Quítelas cuando ninguna aplicación las use.
recovery-leftovers-button = Quitar las entradas sobrantes…
recovery-leftovers-dialog-title = ¿Quitar las entradas sobrantes del llavero?
recovery-leftovers-dialog-body = Estas entradas se eliminarán del llavero del sistema:
recovery-leftovers-confirm = Quitar las entradas
recovery-leftovers-removing = Quitando…
recovery-leftovers-removed = { $count ->
        [one] Se quitó { $count } entrada sobrante del llavero.
       *[other] Se quitaron { $count } entradas sobrantes del llavero.
    }

## Messages as data (issue 21): the shell's notices, "Check with UPS"
## without a verdict, and the errors whose words were English sentences.

link-location-problem = { $location ->
        [temp-folder] { $path } está dentro de la carpeta temporal { $temp }, donde otro usuario podría poner un programa propio en la misma ruta
        [world-writable] { $path } puede ser modificado por cualquier usuario de esta computadora
        [other-owner] { $path } pertenece a otro usuario (uid { $uid }), que podría reemplazar el programa
        [group-writable] { $path } puede ser modificado por los demás miembros de su grupo (gid { $gid })
       *[unreadable] { $path } no se pudo verificar
    }
app-warning-no-session-bus = No se encontró un bus de sesión de D-Bus, así que los enlaces de inicio de sesión del navegador no pueden llegar a esta ventana (en su lugar se iniciaría una segunda copia del asistente). Inicie el asistente desde su sesión de escritorio, o ejecútelo dentro de dbus-run-session; mientras tanto, use «Pegue la dirección de su navegador» o la vía loopback.
app-warning-link-handler = Es posible que los enlaces del navegador no lleguen al asistente: { $reason ->
        [unsafe-location] el asistente no se registró como controlador de enlaces porque { link-location-problem }. Mueva el asistente a una carpeta que solo usted (o el administrador) pueda modificar, como ~/Applications, y vuelva a iniciarlo
        [unwritable-path] la ruta del asistente, { $path }, no se puede registrar como controlador de enlaces. Mueva el asistente a una carpeta común como ~/Applications y vuelva a iniciarlo
        [no-home] no hay una carpeta personal donde registrar el controlador de enlaces. Defina HOME y vuelva a iniciar el asistente
        [installed-drops-url] el controlador de enlaces instalado, { $file }, no transmite el enlace. Reinstale el paquete del asistente, o pídaselo a su administrador
        [installed-is-other] los enlaces del navegador abren { $program } (a través de { $file }), no este asistente. Elija «UPS Opt-In Wizard» para estos enlaces en la configuración de aplicaciones predeterminadas de su escritorio
        [no-installed-handler] no hay ninguna aplicación registrada para los enlaces { $scheme }://. Reinstale el paquete del asistente, o pídaselo a su administrador
        [io] no se pudo escribir { $path }. Revise los permisos de esa carpeta y vuelva a iniciar el asistente
        [command] no se pudo cambiar la configuración de enlaces del escritorio. Instale xdg-utils y vuelva a iniciar el asistente
        [still-overridden] el escritorio sigue abriendo los enlaces { $scheme }:// con { $program }. Elija «UPS Opt-In Wizard (handler)» para estos enlaces en la configuración de aplicaciones predeterminadas de su escritorio
        [registry] Windows rechazó el cambio en su configuración. Verifique que su cuenta pueda cambiar su propia configuración y vuelva a iniciar el asistente
       *[other] no se pudo instalar el controlador de enlaces. Vuelva a iniciar el asistente; si este aviso se repite, copie el diagnóstico y envíelo a soporte técnico
    }. Mientras tanto, use «Pegue la dirección de su navegador» para terminar un inicio de sesión.
app-warning-start-at-login = { $reason ->
        [unsafe-login-item] No se activó Iniciar al abrir sesión: { link-location-problem }. Mueva el asistente a una carpeta que solo usted (o el administrador) pueda modificar, como ~/Applications, inícielo desde ahí y vuelva a activar Iniciar al abrir sesión.
       *[other] Iniciar al abrir sesión está activado en la configuración, pero no se pudo escribir la entrada que inicia el asistente al abrir sesión. Desactive y vuelva a activar Iniciar al abrir sesión en la pantalla de estado; si vuelve a fallar, verifique que su usuario pueda escribir en los elementos de inicio (en Linux, ~/.config/autostart).
    }
app-warning-quit-unsaved = El asistente tiene un token de actualización renovado que el llavero se negó a guardar, y el que está en el llavero ya se usó. Si sale ahora, se pierde la autorización. Desbloquee el llavero (el asistente guarda el token en menos de un minuto), o elija Salir otra vez para salir de todos modos.
credentials-check-unavailable = Este entorno no puede verificar URI de redireccionamiento (respondió HTTP { $status } con { $answer ->
        [empty] un cuerpo vacío
        [html] una página HTML
        [json-without-token] JSON sin veredicto
        [json-without-result] JSON sin resultado
        [malformed-json] JSON mal formado
       *[other] texto que no es JSON
    }). Asegúrese de que el URI de redireccionamiento esté registrado exactamente como se muestra y luego autorice.
error-invalid-input = { $field ->
        [client-id] ID de cliente
        [client-secret] Secreto de cliente
        [shipper-account] Cuenta de envío
        [label] Etiqueta
        [environment] Entorno
        [environment-url] Dirección del entorno
        [request-url] Dirección de la solicitud
        [redirect-uri] URI de redireccionamiento
        [bounce-url] URL de la página de rebote
        [proxy] Proxy
        [proxy-user-name] Nombre de usuario del proxy
        [proxy-password] Contraseña del proxy
        [proxy-login] Credenciales del proxy
        [connection] Conexión
        [connection-id] ID de conexión
        [demo] Demostración
       *[other] Dato
    }: { $reason ->
        [empty] está vacío. Escríbalo y vuelva a intentarlo.
        [too-long] tiene más de { $max } caracteres. Verifique que copió solo este valor y vuelva a intentarlo.
        [spaces] contiene un espacio o un carácter de control. Vuelva a escribirlo sin caracteres de más.
        [non-ascii] contiene un carácter fuera del ASCII simple. Vuelva a escribirlo exactamente como aparece en el Portal para desarrolladores de UPS (en una dirección, codifique cualquier otro carácter con porcentaje, p. ej., %20).
        [control-characters] contiene un carácter de control (¿un salto de línea?). Vuelva a escribirlo.
        [not-account-number] «{ $value }» no es un número de cuenta de UPS: debe tener exactamente 6 letras o dígitos, como aparece impreso en su factura de UPS.
        [unknown-environment] «{ $value }» no es CIE, ni producción, ni una dirección como https://wwwcie.ups.com. Elija un entorno o escriba su dirección.
        [user-info] la dirección no debe contener nombre de usuario ni contraseña. Escríbala sin ellos.
        [query] la dirección no debe contener ? ni #. Quítelos y vuelva a intentarlo.
        [not-https] la dirección debe empezar con https://, no con { $value }://. Escriba la dirección https.
        [colon] un nombre de usuario del proxy no puede contener «:». Verifíquelo con el área de TI.
        [not-proxy-address] no es una dirección de proxy. Escríbala como http://host:puerto.
        [no-proxy-in-use] no se está usando ningún proxy (no hay ninguno en la configuración del proxy, en el entorno ni en la configuración del sistema), así que no hay nada en qué iniciar sesión. Configure primero el proxy.
        [bounce-needs-scheme] la vía de rebote necesita la dirección con esquema personalizado a la que la página reenvía. Escríbala y vuelva a intentarlo.
        [bounce-not-https] debe ser una dirección https de su propio sitio web. Escríbala y vuelva a intentarlo.
        [loopback-needs-address] la vía loopback necesita una dirección como http://127.0.0.1:8765/callback. Vuelva a elegir la vía.
        [client-credentials-only] usa solo un ID de cliente y un secreto de cliente, así que no hay ninguna autorización que renovar. Pruébela, o escriba un nuevo secreto de cliente.
        [no-redirect-uri] no tiene ningún URI de redireccionamiento guardado. Elimínela y vuelva a agregarla.
        [client-id-in-use] la conexión «{ $label }» ya usa este ID de cliente en { $url } (mismo host y puerto, otra ruta), y el asistente mantiene una sola conexión por host, puerto e ID de cliente. No se cambió nada. Elimine primero esa conexión, o llegue a la segunda dirección con otro nombre de host u otro puerto.
        [bad-id] no es el ID de una conexión como aparece en la pantalla de estado. No se cambió nada.
        [backslash] contiene \, que los navegadores leen como /. Escriba la dirección con / exactamente como está registrada en el Portal para desarrolladores de UPS.
        [not-absolute] no es una dirección completa como upsoptin://oauth/callback o http://127.0.0.1:8765/callback. Vuelva a escribirla.
        [bad-scheme] una dirección que empieza con { $value }: no puede recibir una respuesta de inicio de sesión. Escriba el URI de redireccionamiento registrado para su aplicación.
        [no-host] un URI de redireccionamiento con esquema personalizado necesita un host, como en upsoptin://oauth/callback. Vuelva a escribirlo.
        [demo-only] el entorno de pruebas (sandbox) solo existe en el modo de demostración. Elija Pruebas (CIE), Producción o su propia dirección.
        [no-demo] esta copia del asistente no tiene modo de demostración (los paquetes instalados no incluyen el sandbox local de UPS). Inicie el asistente sin --demo y elija Pruebas (CIE) o Producción.
       *[other] el valor no es válido. Revíselo y vuelva a intentarlo.
    }
error-keychain-unavailable = { $platform ->
        [linux] No hay ningún Secret Service en ejecución en esta computadora, así que el asistente no puede guardar secretos de forma segura (nunca los escribe en texto sin cifrar). Instale e inicie uno, por ejemplo GNOME Keyring (sudo apt install gnome-keyring) en una sesión de escritorio, o ejecute gnome-keyring-daemon --start --components=secrets dentro de una sesión de D-Bus, y vuelva a intentarlo.
        [macos] No se pudo abrir el Llavero de macOS. Abra Acceso a Llaveros, asegúrese de que su llavero de inicio de sesión exista y esté desbloqueado, y vuelva a intentarlo.
        [windows] No se pudo abrir el Administrador de credenciales de Windows. Inicie sesión en Windows con su propia cuenta (no con una cuenta de servicio) y vuelva a intentarlo.
       *[other] Este sistema no tiene ningún llavero compatible, así que el asistente no puede guardar secretos de forma segura. Use Linux con un Secret Service, macOS o Windows.
    } (Detalle: { $detail }.)
error-config-error = { $reason ->
        [files] El asistente no pudo leer ni escribir sus archivos ({ $detail }). Verifique que su usuario pueda escribir en la carpeta de configuración y vuelva a intentarlo.
        [foreign-folder] La carpeta { $path } pertenece a otro usuario (uid { $uid }), que podría cambiar lo que el asistente guarda ahí. No se leyó ni se escribió nada. Elimine la carpeta o asígnela a su usuario (chown) y vuelva a intentarlo.
        [newer-schema] El archivo { $path } lo escribió una versión más reciente del asistente. No se cambió nada. Actualice el asistente y vuelva a intentarlo.
        [damaged-keychain-unreadable] El archivo { $path } está dañado, no hay ninguna copia buena y no se pudo leer el llavero del sistema a partir del cual se reconstruye. No se movió ni se cambió nada. Desbloquee el llavero y vuelva a intentarlo.
        [damaged-no-copy] El archivo { $path } está dañado y no hay ninguna copia buena. No se movió ni se cambió nada. Vuelva a abrir el asistente: reconstruye el archivo a partir del llavero del sistema.
        [foreign-settings] El archivo de configuración { $path } pertenece a otro usuario (uid { $uid }), que podría elegir qué se inicia al abrir su sesión. Elimine el archivo y vuelva a intentarlo.
        [loopback-listen] El asistente no pudo escuchar en { $address } ({ $detail }). Elija mejor la vía del enlace profundo.
        [loopback-failed] Falló la escucha loopback ({ $detail }). Pegue mejor la dirección de su navegador.
        [no-config-dir] Este sistema no tiene carpeta de configuración. Configure UPS_OPTIN_CONFIG_DIR con una carpeta en la que el asistente pueda escribir y vuelva a iniciarlo.
        [demo-sandbox] El sandbox de demostración no pudo iniciarse en esta computadora ({ $detail }). Cierre el asistente y vuelva a iniciar la demostración.
        [start-at-login-unavailable] Iniciar al abrir sesión no está disponible en esta copia del asistente. Inícielo mejor desde la configuración de inicio automático de su sesión.
        [start-at-login-failed] No se pudo { $action ->
            [on] activar
           *[off] desactivar
        } Iniciar al abrir sesión ({ $detail }). Verifique que su usuario pueda escribir en los elementos de inicio (en Linux, ~/.config/autostart) y vuelva a intentarlo.
        [start-at-login-refused] No se activó Iniciar al abrir sesión: { link-location-problem }. Mueva el asistente a una carpeta que solo usted (o el administrador) pueda modificar, como ~/Applications, inícielo desde ahí y vuelva a activar Iniciar al abrir sesión.
       *[other] No se pudo usar la configuración del asistente. Verifique que su usuario pueda escribir en la carpeta de configuración y vuelva a intentarlo.
    }
error-ups-bad-response = UPS respondió HTTP { $status } con { $kind ->
        [unreadable] una respuesta que no se pudo leer
        [empty-token] un token de acceso vacío
        [not-approved] un token cuyo estado no es «approved»
        [empty] un cuerpo vacío
        [html] una página HTML
        [json-without-token] JSON sin token
        [malformed-json] JSON mal formado
        [error-body] un cuerpo de error
        [redirect] una redirección a otra dirección
        [no-access-token] una respuesta de renovación sin token de acceso (se conservó el token de actualización renovado; la siguiente solicitud vuelve a renovar)
        [no-refresh-token] un token sin token de actualización
       *[other] texto que no es JSON
    }, que no es un token utilizable. No se cambió nada de lo guardado. Verifique que la dirección del entorno apunte a UPS y vuelva a intentarlo.
connection-recovered-label = Recuperada: { $environment } { $client }
