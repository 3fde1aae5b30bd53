// Marks, in the page editor, the fields a pre-publication refusal names: each line of the refusal carries
// data-editorial-field; the field gets Wagtail's own error look, its message and aria-invalid, and the line becomes
// a link that opens the field's tab and moves to it.
(function () {
  "use strict";

  function findField(name) {
    // A plain field's input, an inline panel's forms, a StreamField's root, in that order.
    var el =
      document.getElementById("id_" + name) ||
      document.getElementById("id_" + name + "-FORMS") ||
      document.getElementById(name + "-root") ||
      document.querySelector('[name="' + CSS.escape(name) + '"], [name="' + CSS.escape(name) + '-count"]');
    if (!el) return null;
    return {
      input: el,
      field: el.closest("[data-field]"),
      panel: el.closest("[data-panel]"),
    };
  }

  function showTab(el) {
    var tabpanel = el.closest('[role="tabpanel"]');
    if (!tabpanel || !tabpanel.hidden) return;
    var tab = document.querySelector('[role="tab"][aria-controls="' + CSS.escape(tabpanel.id) + '"]');
    if (tab) tab.click();
  }

  function mark(name, problems) {
    var found = findField(name);
    if (!found) return null;
    var target = found.field || found.panel;
    if (!target) return null;
    if (found.field) {
      found.field.classList.add("w-field--error");
      var errors = found.field.querySelector("[data-field-errors]");
      if (errors) {
        var p = document.createElement("p");
        p.className = "error-message";
        p.textContent = problems.join(" ");
        errors.appendChild(p);
        if (errors.id) {
          var described = (found.input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
          if (described.indexOf(errors.id) < 0) described.push(errors.id);
          found.input.setAttribute("aria-describedby", described.join(" "));
        }
      }
      found.input.setAttribute("aria-invalid", "true");
    } else {
      // An inline panel (photos, attachments …): its message above its forms, and an outline in the error colour.
      var note = document.createElement("p");
      note.className = "error-message";
      note.textContent = problems.join(" ");
      found.input.parentNode.insertBefore(note, found.input);
      target.setAttribute("data-editorial-refused", "");
      target.style.outline = "2px solid var(--w-color-critical-200, #cd4444)";
      target.style.outlineOffset = "4px";
    }
    return target;
  }

  function init() {
    var lines = document.querySelectorAll("[data-editorial-field]");
    var byField = {};
    lines.forEach(function (li) {
      var name = li.getAttribute("data-editorial-field");
      (byField[name] = byField[name] || []).push(li);
    });
    Object.keys(byField).forEach(function (name) {
      var items = byField[name];
      var target = mark(
        name,
        items.map(function (li) {
          return li.textContent.trim();
        }),
      );
      if (!target) return;
      if (!target.id) target.id = "editorial-field-" + name;
      items.forEach(function (li) {
        var link = document.createElement("a");
        link.href = "#" + target.id;
        link.textContent = li.textContent;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          showTab(target);
          target.scrollIntoView({ block: "center" });
          var focusable = target.querySelector("input:not([type=hidden]), textarea, select, [contenteditable=true]");
          if (focusable) focusable.focus();
        });
        li.textContent = "";
        li.appendChild(link);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
