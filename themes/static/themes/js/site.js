/* Public theme behaviour: the accessible-mode switch without a page load, and the print button.
   Everything works without this file: the switch is then a plain form POST to /accessibility/. */
(function () {
  "use strict";

  var COOKIE = "a11y";
  var ONE_YEAR = 365 * 24 * 60 * 60;

  function setMode(on, form) {
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = COOKIE + "=" + (on ? "1" : "0") + "; Max-Age=" + ONE_YEAR + "; Path=/; SameSite=Lax" + secure;
    document.documentElement.classList.toggle("a11y", on);
    var button = form.querySelector("button");
    var label = form.querySelector(".a11y-label");
    var mode = form.querySelector("input[name=mode]");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    if (label) {
      label.textContent = on ? button.getAttribute("data-label-on") : button.getAttribute("data-label-off");
    }
    if (mode) {
      mode.value = on ? "off" : "on";
    }
  }

  function init() {
    var forms = document.querySelectorAll("[data-a11y-form]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        setMode(!document.documentElement.classList.contains("a11y"), form);
        form.querySelector("button").focus();
      });
    });

    var printButtons = document.querySelectorAll("[data-print]");
    Array.prototype.forEach.call(printButtons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
