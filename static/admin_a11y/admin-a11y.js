// Names for the admin's form controls that Django renders without a label:
// the columns of tabular inlines (their header is a <th>, not a <label>), the
// date and time halves of a split date-time field, inline "Delete" boxes, and
// the select2 boxes of autocomplete fields. Runs at the end of the body (every
// control is parsed), again after jQuery's ready handlers (select2 is built
// there) and for each inline row added later.
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "";
  }

  function hasName(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) {
      return true;
    }
    if (control.closest("label")) return true;
    return Boolean(control.id && document.querySelector('label[for="' + control.id + '"]'));
  }

  function fieldLabel(control) {
    var row = control.closest(".form-row, .fieldBox");
    return row ? text(row.querySelector("label")) : "";
  }

  function columnLabel(control) {
    var cell = control.closest("td");
    var table = control.closest("table");
    if (!cell || !table) return "";
    var headers = table.querySelectorAll("thead th");
    var index = Array.prototype.indexOf.call(cell.parentNode.children, cell);
    var header = headers[index];
    var label = cell.classList.contains("delete") ? "Delete" : text(header);
    var row = cell.closest("tr");
    var original = row && row.querySelector("td.original p");
    return original && text(original) ? label + " (" + text(original) + ")" : label;
  }

  function nameFor(control) {
    var base = fieldLabel(control) || columnLabel(control) || control.name;
    if (control.closest(".datetime")) {
      var part = /_0$/.test(control.name) ? "date" : "time";
      base = (fieldLabel(control) || columnLabel(control) || control.name) + " " + part;
    }
    return base;
  }

  function label(root) {
    var controls = root.querySelectorAll(
      "#content input:not([type=hidden]), #content select, #content textarea"
    );
    controls.forEach(function (control) {
      if (control.closest(".empty-form")) return;
      if (control.closest(".datetime") || !hasName(control)) {
        if (!control.getAttribute("aria-label")) {
          control.setAttribute("aria-label", nameFor(control));
        }
      }
    });
    root.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
      var container = box.closest(".select2");
      var select = container && container.previousElementSibling;
      if (!select || select.tagName !== "SELECT") return;
      var named = select.id && document.querySelector('label[for="' + select.id + '"]');
      var name = text(named) || select.getAttribute("aria-label") || nameFor(select);
      box.removeAttribute("aria-labelledby");
      box.setAttribute("aria-label", name);
      // The chosen value's read-only textbox inside it is named by its field too.
      var rendered = box.querySelector(".select2-selection__rendered[role=textbox]");
      if (rendered) rendered.setAttribute("aria-label", name);
    });
  }

  label(document);
  document.addEventListener("DOMContentLoaded", function () {
    // After the admin's own ready handlers (select2 is built in them).
    window.setTimeout(function () { label(document); }, 0);
  });
  document.addEventListener("formset:added", function (event) {
    window.setTimeout(function () { label(event.target.closest("form") || document); }, 0);
  });
})();
