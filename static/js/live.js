// Live header badges and messages over /ws/notifications/ (session-authenticated).
// Without JavaScript the badges simply show the counts from the last page load.
(function () {
  "use strict";
  if (!("WebSocket" in window)) return;

  var retry = 1000;

  function setAll(selector, value) {
    if (typeof value !== "number") return;
    document.querySelectorAll(selector).forEach(function (el) {
      el.textContent = String(value);
    });
  }

  function appendMessage(event) {
    var list = document.querySelector(
      '[data-conversation-id="' + String(Number(event.conversation)) + '"]'
    );
    if (!list || document.getElementById("message-" + event.id)) return;
    var item = document.createElement("li");
    item.className = "card" + (event.mine ? " mine" : "");
    item.id = "message-" + event.id;
    var who = document.createElement("strong");
    who.textContent = event.sender || "";
    var body = document.createElement("p");
    body.textContent = event.body || ""; // text only: never parsed as HTML
    item.appendChild(who);
    item.appendChild(body);
    list.appendChild(item);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/notifications/");
    socket.addEventListener("open", function () { retry = 1000; });
    socket.addEventListener("message", function (msg) {
      var event;
      try { event = JSON.parse(msg.data); } catch (e) { return; }
      if (event.type === "hello" || event.type === "notification") {
        setAll("[data-unread-count]", event.unread);
      }
      if (event.type === "hello" || event.type === "message") {
        setAll("[data-unread-conversations]", event.unread_conversations);
      }
      if (event.type === "message") appendMessage(event);
    });
    socket.addEventListener("close", function (ev) {
      if (ev.code === 4401) return; // not signed in: stop
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }

  connect();
})();
