// Forwards UPS's answer (code/state, or error) to the wizard's custom scheme.
// Only the OAuth parameters are forwarded; anything else is dropped.
"use strict";
(function () {
  var ALLOWED = ["code", "state", "error", "error_description"];
  var target = document.documentElement.getAttribute("data-target") || "upsoptin://oauth/callback";
  var incoming = new URLSearchParams(window.location.search);
  var outgoing = new URLSearchParams();
  ALLOWED.forEach(function (name) {
    var values = incoming.getAll(name);
    if (values.length === 1 && values[0].length <= 4096) outgoing.set(name, values[0]);
  });
  var status = document.getElementById("status");
  if (!outgoing.has("state") || (!outgoing.has("code") && !outgoing.has("error"))) {
    document.getElementById("title").textContent = "Nothing to hand to the wizard";
    status.textContent = "This page was opened without an answer from UPS. Start again from the wizard with “Opt in”.";
    return;
  }
  var link = target + "?" + outgoing.toString();
  // Keep the code out of the browser history.
  window.history.replaceState(null, "", window.location.pathname);
  var open = document.getElementById("open");
  open.href = link;
  open.hidden = false;
  document.getElementById("address").value = link;
  document.getElementById("fallback").hidden = false;
  window.location.replace(link);
})();
