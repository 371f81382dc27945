// Job search: re-run the search when a filter checkbox or select changes.
// The form works without this (submit button); this only saves a click.
(function () {
  "use strict";
  var form = document.getElementById("job-search-form");
  if (!form) return;
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox" || target.tagName === "SELECT") {
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
})();
