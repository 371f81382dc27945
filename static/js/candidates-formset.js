// "Add another" for the profile's row lists (skills, experience, education).
// Without JavaScript each list already shows one empty row; this adds more.
(function () {
  "use strict";
  document.querySelectorAll("[data-formset]").forEach(function (section) {
    var prefix = section.getAttribute("data-formset");
    var total = section.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var template = section.querySelector("template.formset-empty");
    var rows = section.querySelector(".formset-rows");
    var button = section.querySelector(".formset-add");
    if (!total || !template || !rows || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = rows.lastElementChild.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  });
})();
