// Pipeline board: drag a card onto another column to move it. The page works
// without this file: every card has a "Move to" select and button (a form post),
// which this script fills in and submits on drop, so the server rules stay the
// only rules.
(function () {
  "use strict";
  var board = document.querySelector("[data-pipeline]");
  if (!board) return;
  var dragged = null;

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".pipeline-card");
    if (!card) return;
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-application"));
  });

  board.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null;
    board.querySelectorAll(".is-drop-target").forEach(function (column) {
      column.classList.remove("is-drop-target");
    });
  });

  function allowedColumn(event) {
    var column = event.target.closest && event.target.closest(".pipeline-column");
    if (!column || !dragged) return null;
    var select = dragged.querySelector(".pipeline-move select");
    if (!select) return null;
    var stage = column.getAttribute("data-stage");
    var option = select.querySelector('option[value="' + stage + '"]');
    return option ? { column: column, select: select, stage: stage } : null;
  }

  board.addEventListener("dragover", function (event) {
    var target = allowedColumn(event);
    if (!target) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    target.column.classList.add("is-drop-target");
  });

  board.addEventListener("dragleave", function (event) {
    var column = event.target.closest && event.target.closest(".pipeline-column");
    if (column && !column.contains(event.relatedTarget)) {
      column.classList.remove("is-drop-target");
    }
  });

  board.addEventListener("drop", function (event) {
    var target = allowedColumn(event);
    if (!target) return;
    event.preventDefault();
    target.select.value = target.stage;
    var form = target.select.form;
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });
})();
