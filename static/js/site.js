// Site-wide progressive enhancements. Every page works without this file:
// - <time datetime="…"> is rendered by the server in UTC; here it is rewritten
//   in the viewer's own time zone (the UTC value stays in the title).
// - a form with a hidden "_confirm" field ({% confirm %}) asks before a
//   destructive action; without JavaScript the server asks on a page.
// - a[data-export] downloads an export with a progress bar; without
//   JavaScript it is a plain download link.
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
      var shown = el.textContent || "";
      if (!style) {
        if (/ago|now|yesterday|tomorrow|^in /i.test(shown)) style = "relative";
        else style = hasTime.test(shown) ? "datetime" : "date";
      }
      var full = new Intl.DateTimeFormat(undefined, {
        dateStyle: "medium", timeStyle: "short"
      }).format(when);
      el.title = full + (zone ? " (" + zone + ")" : "");
      var ownZone = el.getAttribute("data-zone");
      if (style === "datetime") {
        // A time of day is written with the zone it is in: the viewer's, and
        // the event's own zone beside it when that differs (an interview set
        // in Europe/Berlin seen from New York).
        var text = full + (zone ? " " + zone : "");
        if (ownZone && zone && ownZone !== zone) {
          try {
            var there = new Intl.DateTimeFormat(undefined, {
              dateStyle: "medium", timeStyle: "short", timeZone: ownZone
            }).format(when);
            text += " (" + there + " " + ownZone + ")";
          } catch (e) { /* an unknown zone: the viewer's time alone */ }
        }
        el.textContent = text;
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

  // a[data-export]: fetch the export with a progress bar (rows when the server
  // sends X-Total-Rows, bytes when it sends an uncompressed Content-Length),
  // then save it under the server's file name. Without JavaScript (or fetch
  // streams) the link is an ordinary download.
  function sizeText(bytes) {
    if (bytes < 1024) return bytes + " bytes";
    if (bytes < 1024 * 1024) return Math.round(bytes / 1024) + " kB";
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  function fileName(response, link) {
    var header = response.headers.get("Content-Disposition") || "";
    var star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) {
      try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ }
    }
    var plain = /filename="?([^";]+)"?/i.exec(header);
    if (plain) return plain[1];
    return link.getAttribute("download") || link.pathname.split("/").pop() || "download";
  }

  function exportStatus(link) {
    var box = link.nextElementSibling;
    if (box && box.hasAttribute("data-export-status")) return box;
    box = document.createElement("span");
    box.className = "export-status";
    box.setAttribute("data-export-status", "");
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.setAttribute("aria-label", "Progress of " + (link.textContent || "the download").trim());
    var text = document.createElement("span");
    text.setAttribute("role", "status");
    text.setAttribute("aria-live", "polite");
    box.appendChild(bar);
    box.appendChild(text);
    link.insertAdjacentElement("afterend", box);
    return box;
  }

  function runExport(link) {
    var box = exportStatus(link);
    var bar = box.querySelector("progress");
    var text = box.querySelector("[role=status]");
    var lastSaid = 0;
    function say(message, force) {
      var now = Date.now();
      // A live region that changes on every chunk is noise to a screen reader.
      if (force || now - lastSaid > 1000) { text.textContent = message; lastSaid = now; }
    }
    function done() { link.removeAttribute("aria-busy"); }
    link.setAttribute("aria-busy", "true");
    box.hidden = false;
    bar.removeAttribute("value");
    say("Preparing the download…", true);

    fetch(link.href, { credentials: "same-origin", headers: { Accept: "*/*" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || response.redirected || type.indexOf("text/html") === 0 || !response.body) {
          // A sign-in page or an error page: let the browser show it.
          done();
          window.location.assign(link.href);
          return null;
        }
        var totalRows = parseInt(response.headers.get("X-Total-Rows") || "", 10);
        var encoded = response.headers.get("Content-Encoding");
        var totalBytes = encoded ? NaN : parseInt(response.headers.get("Content-Length") || "", 10);
        var csv = type.indexOf("text/csv") === 0;
        var decoder = window.TextDecoder ? new TextDecoder() : null;
        var reader = response.body.getReader();
        var chunks = [];
        var bytes = 0;
        var lines = 0;
        var quoted = false;

        function rows() { return Math.max(0, lines - 1); } // less the header line

        function report() {
          var percent = null;
          var message;
          if (csv && decoder && totalRows >= 0) {
            percent = totalRows ? Math.min(100, Math.floor((rows() / totalRows) * 100)) : 100;
            message = "Downloading… " + Math.min(rows(), totalRows) + " of " + totalRows + " rows (" + percent + "%)";
          } else if (totalBytes > 0) {
            percent = Math.min(100, Math.floor((bytes / totalBytes) * 100));
            message = "Downloading… " + sizeText(bytes) + " of " + sizeText(totalBytes) + " (" + percent + "%)";
          } else {
            message = "Downloading… " + sizeText(bytes);
          }
          if (percent === null) bar.removeAttribute("value");
          else bar.value = percent;
          say(message, false);
        }

        function pump() {
          return reader.read().then(function (step) {
            if (step.done) return;
            chunks.push(step.value);
            bytes += step.value.length;
            if (csv && decoder) {
              // Count records, not newlines inside quoted cells.
              var chunk = decoder.decode(step.value, { stream: true });
              for (var i = 0; i < chunk.length; i++) {
                var c = chunk.charAt(i);
                if (c === '"') quoted = !quoted;
                else if (c === "\n" && !quoted) lines += 1;
              }
            }
            report();
            return pump();
          });
        }

        return pump().then(function () {
          var name = fileName(response, link);
          var blob = new Blob(chunks, { type: type || "application/octet-stream" });
          var url = URL.createObjectURL(blob);
          var save = document.createElement("a");
          save.href = url;
          save.download = name;
          save.hidden = true;
          document.body.appendChild(save);
          save.click();
          save.remove();
          window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
          bar.value = 100;
          var summary = csv && totalRows >= 0
            ? totalRows + " row" + (totalRows === 1 ? "" : "s")
            : sizeText(bytes);
          say("Downloaded " + name + " (" + summary + ").", true);
          done();
        });
      })
      .catch(function () {
        bar.value = 0;
        say("The download failed: check your connection and try again.", true);
        done();
      });
  }

  function exportClick(event) {
    var link = event.target.closest && event.target.closest("a[data-export]");
    if (!link) return;
    if (!window.fetch || !window.ReadableStream || !window.Blob || !window.URL || !URL.createObjectURL) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") return;
    runExport(link);
  }

  document.addEventListener("click", exportClick);

  function ready() { localiseTimes(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  // Other scripts that add <time> elements can call this.
  window.HotGigs = window.HotGigs || {};
  window.HotGigs.localiseTimes = localiseTimes;
})();
