// Documents page: drag-and-drop, upload progress (XMLHttpRequest), status refresh.
// Without JavaScript the form posts normally and the "Refresh status" link works.
(function () {
  "use strict";
  var form = document.getElementById("document-upload");
  if (!form) return;
  var zone = document.getElementById("document-dropzone");
  var input = form.querySelector("input[type=file]");
  var progress = document.getElementById("document-progress");
  var statusLine = document.getElementById("document-upload-status");

  function say(text) { statusLine.textContent = text; statusLine.className = "help"; }

  // A failed upload replaces any banner left from the last one ("uploaded"),
  // and reads as an error, next to the form.
  function fail(text) {
    document.querySelectorAll(".messages .message-success").forEach(function (banner) {
      banner.remove();
    });
    statusLine.textContent = text;
    statusLine.className = "form-errors";
  }

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dropzone-active");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.remove("dropzone-active");
    });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      say("Ready to upload " + input.files[0].name + ".");
    }
  });

  form.addEventListener("submit", function (event) {
    if (!window.FormData || !input.files.length) return; // let the browser post
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    progress.hidden = false;
    progress.value = 0;
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.round((e.loaded / e.total) * 100);
        progress.value = percent;
        progress.textContent = percent + "%";
        say("Uploading… " + percent + "%");
      }
    });
    xhr.addEventListener("load", function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
      if (xhr.status >= 200 && xhr.status < 300 && body.redirect) {
        window.location.assign(body.redirect);
        return;
      }
      progress.hidden = true;
      var errors = [];
      Object.keys(body.errors || {}).forEach(function (field) {
        body.errors[field].forEach(function (message) { errors.push(message); });
      });
      fail(errors.join(" ") || "The upload failed (" + xhr.status + ").");
    });
    xhr.addEventListener("error", function () {
      progress.hidden = true;
      fail("The upload failed: check your connection and try again.");
    });
    xhr.send(new FormData(form));
  });

  // Poll while any file is still being read, then reload to show the results.
  var pending = document.getElementById("document-processing");
  if (pending && window.fetch) {
    var url = form.getAttribute("data-status-url");
    var tries = 0;
    var timer = window.setInterval(function () {
      tries += 1;
      if (tries > 60) { window.clearInterval(timer); return; }
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var busy = data.documents.some(function (d) { return d.status === "processing"; });
          if (!busy) { window.clearInterval(timer); window.location.reload(); }
        })
        .catch(function () { window.clearInterval(timer); });
    }, 2000);
  }
})();
