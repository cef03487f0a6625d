// The subscription form's live total: number of shares × nominal value of the chosen share
// type. Only a preview — the server computes the amount again, and the form works without
// this script.
(function () {
  "use strict";
  var form = document.getElementById("subscribe-form");
  var output = document.getElementById("subscribe-total");
  var quantity = document.getElementById("field-quantity");
  if (!form || !output || !quantity) {
    return;
  }
  var locales = { fr: "fr-BE", nl: "nl-BE", en: "en-GB", de: "de-DE" };
  var locale = locales[document.documentElement.lang] || "fr-BE";

  function update() {
    var chosen = form.querySelector("input[name='share_type']:checked");
    var typed = quantity.value.trim();
    if (!chosen || !/^[0-9]{1,7}$/.test(typed) || Number(typed) < 1) {
      output.textContent = "\u2014";
      return;
    }
    var decimals = Number(chosen.getAttribute("data-decimals")) || 0;
    var minor = Number(chosen.getAttribute("data-nominal-minor")) * Number(typed);
    var amount = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals
    }).format(minor / Math.pow(10, decimals));
    output.textContent = amount + " " + chosen.getAttribute("data-currency");
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
