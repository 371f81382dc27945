// Autocomplete for text inputs marked data-autocomplete="q|skill|city" (job
// search): the WAI-ARIA 1.2 combobox pattern with a listbox popup.
// Without JavaScript the inputs stay plain text inputs; with it, typing asks
// /api/v1/jobs/autocomplete/ for completions of the word being typed (the last
// word of the keywords, the last comma-separated skill, the whole city).
// Keys: Down/Up move through the list (opening it), Enter picks the active
// option (otherwise submits the form as usual), Escape closes the list (a
// second Escape clears the field), Tab leaves. A polite live region says how
// many suggestions there are.
(function () {
  "use strict";
  var endpoint = "/api/v1/jobs/autocomplete/";
  var DELAY = 150;
  var counter = 0;

  function lastPart(field, text) {
    if (field === "city") return { head: "", part: text.trim() };
    var sep = field === "skill" ? "," : " ";
    var at = text.lastIndexOf(sep);
    return { head: text.slice(0, at + 1), part: text.slice(at + 1).trim() };
  }

  function setUp(input) {
    var field = input.getAttribute("data-autocomplete");
    var id = "ac-" + field + "-" + ++counter;
    var wrapper = document.createElement("div");
    wrapper.className = "combobox";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = id + "-listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", (input.labels && input.labels[0] ? input.labels[0].textContent : field) + " suggestions");
    list.className = "combobox-listbox";
    list.hidden = true;
    wrapper.appendChild(list);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.el.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", options[index].el.id);
        options[index].el.scrollIntoView({ block: "nearest" });
      }
    }

    function choose(index) {
      var parts = lastPart(field, input.value);
      var value = options[index].value;
      if (field === "skill") input.value = parts.head + (parts.head ? " " : "") + value;
      else if (field === "q") input.value = parts.head + value;
      else input.value = value;
      close();
      input.focus();
    }

    function show(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (s, i) {
        var li = document.createElement("li");
        li.id = id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = s.label;
        if (s.match === "spelling") {
          var note = document.createElement("span");
          note.className = "combobox-note";
          note.textContent = " (did you mean)";
          li.appendChild(note);
        }
        // mousedown, not click: keep the focus in the input.
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(li);
        return { el: li, value: s.value };
      });
      active = -1;
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = options.length + (options.length === 1 ? " suggestion" : " suggestions") + ", use up and down arrows";
      } else {
        close();
        status.textContent = "";
      }
    }

    function ask() {
      var part = lastPart(field, input.value).part;
      if (!part) { close(); return; }
      var ticket = ++asked;
      var url = endpoint + "?field=" + encodeURIComponent(field) + "&prefix=" + encodeURIComponent(part);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === asked) show(data.suggestions || []); })
        .catch(function () { if (ticket === asked) close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        if (!open) { if (options.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); highlight(0); } else ask(); return; }
        highlight(active + 1 >= options.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!open) return;
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (open) { event.preventDefault(); close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { close(); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete]"), setUp);
})();
