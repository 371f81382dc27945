// Site-wide progressive enhancements. Every page works without this file:
// - <time datetime="…"> is rendered by the server in UTC; here it is rewritten
//   in the viewer's own time zone (the UTC value stays in the title).
// - form[data-confirm] / a[data-confirm] ask before a destructive action; without
//   JavaScript the action leads to a confirmation page (or the form says so).
// - form[data-busy="Preparing…"] shows that message and disables its buttons
//   while long work (an export, an upload) runs, so nobody clicks twice.
(function () {
  "use strict";

  var hasTime = /\d:\d\d/;

  function localiseTimes(root) {
    if (!window.Intl || !Intl.DateTimeFormat) return;
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = ""; }
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      if (el.hasAttribute("data-localised")) return;
      var value = el.getAttribute("datetime");
      // Dates without a time of day ("2031-03-14") have no time zone to convert.
      if (!value || value.indexOf("T") === -1) return;
      var when = new Date(value);
      if (isNaN(when.getTime())) return;
      var style = el.getAttribute("data-format");
      var text = el.textContent || "";
      if (!style) {
        if (/ago|now|yesterday|tomorrow|^in /i.test(text)) style = "relative";
        else style = hasTime.test(text) ? "datetime" : "date";
      }
      var full = new Intl.DateTimeFormat(undefined, {
        dateStyle: "medium", timeStyle: "short"
      }).format(when);
      el.title = full + (zone ? " (" + zone + ")" : "");
      if (style === "datetime") {
        el.textContent = full;
      } else if (style === "date") {
        el.textContent = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(when);
      }
      // "relative" text ("3 hours ago") is the same in every zone: keep it.
      el.setAttribute("data-localised", "");
    });
  }

  function confirmSubmit(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    var busy = form.getAttribute("data-busy");
    if (busy && !event.defaultPrevented) {
      form.setAttribute("aria-busy", "true");
      var status = form.querySelector("[data-busy-status]");
      if (!status) {
        status = document.createElement("p");
        status.className = "busy-status";
        status.setAttribute("role", "status");
        status.setAttribute("data-busy-status", "");
        form.appendChild(status);
      }
      status.textContent = busy;
      // After this event: disabling a button now would drop its name/value.
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
          b.disabled = true;
        });
      }, 0);
      // A download does not leave the page: give the buttons back.
      window.setTimeout(function () {
        form.removeAttribute("aria-busy");
        form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
          b.disabled = false;
        });
        status.textContent = "";
      }, 8000);
    }
  }

  function confirmClick(event) {
    var link = event.target.closest && event.target.closest("a[data-confirm]");
    if (!link) return;
    if (!window.confirm(link.getAttribute("data-confirm"))) event.preventDefault();
  }

  document.addEventListener("submit", confirmSubmit, true);
  document.addEventListener("click", confirmClick);

  function ready() { localiseTimes(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  // Other scripts that add <time> elements can call this.
  window.HotGigs = window.HotGigs || {};
  window.HotGigs.localiseTimes = localiseTimes;
})();
