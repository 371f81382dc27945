// Site-wide progressive enhancements. Every page works without this file:
// - <time datetime="…"> is rendered by the server in UTC; here it is rewritten
//   in the viewer's own time zone (the UTC value stays in the title).
// - a form with a hidden "_confirm" field ({% confirm %}) asks before a
//   destructive action; without JavaScript the server asks on a page.
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

  // A destructive form holds its question in a hidden "_confirm" field
  // ({% confirm %} tag, hotgigs/confirmation.py). Ask it here; "OK" marks the
  // post confirmed so the server does not ask again, "Cancel" sends nothing.
  // Without JavaScript the server shows a confirmation page instead.
  function confirmSubmit(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var question = form.querySelector("input[type=hidden][name=_confirm]");
    if (!question) return;
    if (!window.confirm(question.value)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    var confirmed = form.querySelector("input[name=_confirmed]");
    if (!confirmed) {
      confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "_confirmed";
      form.appendChild(confirmed);
    }
    confirmed.value = "yes";
  }

  document.addEventListener("submit", confirmSubmit, true);

  function ready() { localiseTimes(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  // Other scripts that add <time> elements can call this.
  window.HotGigs = window.HotGigs || {};
  window.HotGigs.localiseTimes = localiseTimes;
})();
