// Fills the account dashboard's "Insights" card with up to four headline numbers
// from the dashboard API (session cookie auth). Without JavaScript the card keeps
// its link to /insights/.
(function () {
  "use strict";
  var card = document.querySelector("[data-insights-url]");
  if (!card || !window.fetch) return;
  var labels = JSON.parse(card.getAttribute("data-insights-labels") || "{}");
  var list = card.querySelector("[data-insights-numbers]");
  fetch(card.getAttribute("data-insights-url"), {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (body) {
      var headline = body && body.data && body.data.headline;
      if (!headline) return;
      Object.keys(headline)
        .filter(function (key) { return labels[key]; })
        .slice(0, 4)
        .forEach(function (key) {
          var item = document.createElement("div");
          var term = document.createElement("dt");
          var value = document.createElement("dd");
          term.className = "muted";
          term.textContent = labels[key];
          value.className = "stat";
          value.textContent = headline[key] === null ? "–" : String(headline[key]);
          item.appendChild(term);
          item.appendChild(value);
          list.appendChild(item);
        });
    })
    .catch(function () {});
})();
