(function () {
  "use strict";
  var OPERATOR_NAMES = { 41164: "Demo Bot (the bot)", 41165: "Anna Operator" };
  // How each messenger shows text: WhatsApp and Viber format *bold*, _italic_, ~strike~, ```mono```
  var FORMATTED = /^(whatsapp|wa_|viber)/;
  var TRANSPORT_NAMES = { widget: "Web widget", telegram: "Telegram", whatsapp: "WhatsApp", viber: "Viber", sms: "SMS" };
  var demo = null;                       // token and ids of the demo company, from /sandbox/control/demo
  var clientId = localStorage.getItem("c2dSandboxClientId");
  var dialogId = null;
  var lastRendered = "";
  var lastDeliveries = "";
  var lastConversations = "";

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text != null) { node.textContent = text; }
    return node;
  }

  function showError(text) { $("error").textContent = text || ""; }

  // The sandbox may restart (its state is in memory): say so quietly and keep trying
  function connected() {
    $("status").textContent = "";
  }
  function disconnected() {
    $("status").textContent = "Reconnecting to the sandbox\u2026 (the bundle does not answer; this page keeps trying)";
  }

  function call(method, url, body, headers) {
    var init = { method: method, headers: headers || {}, cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      if (response.status >= 502 && response.status <= 504) {
        // still starting, or a proxy in front has no bundle behind it
        disconnected();
        var starting = new Error("the sandbox is not ready");
        starting.offline = true;
        throw starting;
      }
      connected();
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!response.ok) {
          var reason = json && (json.error || json.message) || ("HTTP " + response.status);
          var error = new Error(reason);
          error.status = response.status;
          throw error;
        }
        return json;
      });
    }, function (e) {
      disconnected();
      var error = new Error("the sandbox cannot be reached");
      error.offline = true;
      throw error;
    });
  }

  function loadDemo() {
    if (demo) { return Promise.resolve(demo); }
    return call("GET", "/sandbox/control/demo").then(function (answer) { demo = answer; return demo; });
  }

  function sendAsClient(text) {
    if (!text) { return; }
    var body = { text: text, transport: $("transport").value };
    if (clientId) { body.clientId = Number(clientId); }
    call("POST", "/sandbox/control/client-messages", body).then(function (answer) {
      showError("");
      choose(String(answer.clientId));
      dialogId = answer.dialogId;
      refresh();
      refreshConversations();
    }).catch(function (e) {
      if (!e.offline) { showError("Could not send: " + e.message); }
    });
  }

  function changeDialog(change) {
    if (!dialogId || !demo) { return; }
    call("PUT", "/sandbox/v1/dialogs/" + dialogId, change, { Authorization: demo.token })
      .then(function () { showError(""); refresh(); })
      .catch(function (e) { if (!e.offline) { showError("Chat2Desk refused: " + e.message); } });
  }

  // ---- how a messenger shows a text ----------------------------------------------------------

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function link(url, text) {
    var a = el("a", null, text || url);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  /** Plain text with its web addresses clickable, as every messenger does. */
  function linkify(text, parent) {
    var pattern = /https?:\/\/[^\s<>"')]+[^\s<>"').,;:!?]/g;
    var at = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > at) { parent.appendChild(document.createTextNode(text.slice(at, match.index))); }
      parent.appendChild(link(match[0]));
      at = match.index + match[0].length;
    }
    if (at < text.length) { parent.appendChild(document.createTextNode(text.slice(at))); }
  }

  // WhatsApp's markers: a marker opens after a space or punctuation, closes before one, and holds no line break
  var MARKERS = [
    { open: "```", tag: "code" },
    { open: "*", tag: "strong" },
    { open: "_", tag: "em" },
    { open: "~", tag: "s" }
  ];

  function boundary(ch) { return ch === undefined || !/[0-9A-Za-z\u00C0-\uFFFF]/.test(ch); }

  function findMarked(text) {
    for (var i = 0; i < text.length; i++) {
      for (var m = 0; m < MARKERS.length; m++) {
        var marker = MARKERS[m].open;
        if (text.substr(i, marker.length) !== marker || !boundary(text[i - 1])) { continue; }
        var start = i + marker.length;
        if (/\s/.test(text[start] || " ")) { continue; }
        var end = text.indexOf(marker, start + 1);
        while (end > 0) {
          var inner = text.slice(start, end);
          if (inner.indexOf("\n") >= 0 && marker !== "```") { end = -1; break; }
          if (!/\s/.test(text[end - 1]) && boundary(text[end + marker.length])) { break; }
          end = text.indexOf(marker, end + 1);
        }
        if (end > start) { return { at: i, end: end + marker.length, inner: text.slice(start, end), tag: MARKERS[m].tag }; }
      }
    }
    return null;
  }

  function formatWhatsApp(text, parent) {
    var found = findMarked(text);
    if (!found) { linkify(text, parent); return; }
    if (found.at > 0) { linkify(text.slice(0, found.at), parent); }
    var node = el(found.tag, found.tag === "code" ? "mono" : null);
    if (found.tag === "code") { node.textContent = found.inner; } else { formatWhatsApp(found.inner, node); }
    parent.appendChild(node);
    formatWhatsApp(text.slice(found.end), parent);
  }

  function addText(bubble, text, transport) {
    var body = el("span", "text");
    if (FORMATTED.test(transport || "")) { formatWhatsApp(text, body); } else { linkify(text, body); }
    bubble.appendChild(body);
  }

  function nameOf(url) {
    var path = url.replace(/[?#].*$/, "");
    try { return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1)) || url; } catch (e) { return url; }
  }

  function isImage(url) {
    return /\.(png|jpe?g|gif|webp|svg)([?#].*)?$/i.test(url);
  }

  function addFile(container, url, name, forceImage) {
    url = safeUrl(url);
    if (!url) { return; }
    if (forceImage || isImage(url)) {
      var img = document.createElement("img");
      img.src = url;
      img.alt = name || nameOf(url);
      container.appendChild(img);
      return;
    }
    var file = el("div", "file");
    var icon = el("span", "icon", /\.pdf([?#].*)?$/i.test(url) ? "\uD83D\uDCC4" : "\uD83D\uDCCE");
    icon.setAttribute("aria-hidden", "true");
    file.appendChild(icon);
    file.appendChild(link(url, name || nameOf(url)));
    container.appendChild(file);
  }

  function button(spec, className) {
    var element = el("button", className, spec.text || spec.payload || "?");
    element.type = "button";
    var url = safeUrl(spec.url);
    if (url) {
      element.textContent += " \u2197";
      element.title = "Opens " + url;
      element.setAttribute("aria-label", (spec.text || url) + " (opens " + url + ")");
    } else {
      element.title = "Sends \u201C" + (spec.text || spec.payload) + "\u201D as the client";
    }
    element.addEventListener("click", function () {
      if (url) { window.open(url, "_blank", "noopener"); } else { sendAsClient(spec.text || spec.payload); }
    });
    return element;
  }

  function addInlineButtons(bubble, buttons) {
    if (!buttons || !buttons.length) { return; }
    var row = el("div", "inline-buttons");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Buttons of this message");
    buttons.forEach(function (spec) { row.appendChild(button(spec)); });
    bubble.appendChild(row);
  }

  /** The keyboard of the bot's latest message, under the input, until a later bot message replaces it. */
  function showKeyboard(messages) {
    var keys = null;
    for (var i = messages.length - 1; i >= 0; i--) {
      var m = messages[i];
      if (m.type === "to_client" || m.type === "autoreply") {
        keys = m.keyboard && m.keyboard.buttons && m.keyboard.buttons.length ? m.keyboard.buttons : null;
        break;
      }
    }
    var box = $("keyboard");
    var area = box.querySelector(".keys");
    area.textContent = "";
    box.hidden = !keys;
    (keys || []).forEach(function (spec) { area.appendChild(button(spec)); });
  }

  function render(messages) {
    var json = JSON.stringify(messages);
    if (json === lastRendered) { return; }
    lastRendered = json;
    var log = $("log");
    var atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.textContent = "";
    messages.forEach(function (m) {
      var bubble = el("div", "msg " + m.type);
      bubble.dataset.id = m.id;
      if (m.text) { addText(bubble, m.text, m.transport); }
      addFile(bubble, m.photo, null, true);
      (m.attachments || []).forEach(function (a) { addFile(bubble, a.link, a.name, false); });
      addFile(bubble, m.pdf, m.attachment_filename, false);
      addFile(bubble, m.audio, null, false);
      addFile(bubble, m.video, null, false);
      addInlineButtons(bubble, m.inline_buttons);
      if (m.type !== "system") {
        var who = m.type === "from_client" ? "you"
          : m.operator_id == null ? "the bot (no operator)" : (OPERATOR_NAMES[m.operator_id] || ("operator " + m.operator_id));
        bubble.appendChild(el("span", "meta", who + " \u00B7 " + (TRANSPORT_NAMES[m.transport] || m.transport) + " \u00B7 #" + m.id
          + (m.type === "comment" ? " \u00B7 internal note" : "")));
      }
      log.appendChild(bubble);
    });
    showKeyboard(messages);
    if (atBottom) { log.scrollTop = log.scrollHeight; }
  }

  function showDialog(dialog) {
    var operator = dialog.operator_id == null ? "nobody (the queue)"
      : (OPERATOR_NAMES[dialog.operator_id] || ("operator " + dialog.operator_id));
    $("who").textContent = "Client " + clientId + " \u00B7 dialog " + dialog.id + " (" + dialog.state + ") \u00B7 handled by " + operator;
    $("toAnna").disabled = dialog.operator_id === 41165;
    $("toQueue").disabled = dialog.operator_id == null;
    $("close").disabled = dialog.state !== "open";
  }

  // ---- which conversation ----------------------------------------------------------------------

  function choose(id) {
    if (id === clientId) { return; }
    clientId = id;
    dialogId = null;
    lastRendered = "";
    lastDeliveries = "";
    lastConversations = "";
    if (id) { localStorage.setItem("c2dSandboxClientId", id); } else { localStorage.removeItem("c2dSandboxClientId"); }
    $("log").textContent = "";
    $("keyboard").hidden = true;
    renderDeliveries([]);
  }

  function forgetClient(reason) {
    choose(null);
    $("who").textContent = reason || "A new client: write something to start.";
    ["toAnna", "toQueue", "close"].forEach(function (id) { $(id).disabled = true; });
    refreshConversations();
    $("text").focus();
  }

  function refresh() {
    if (!clientId) { return Promise.resolve(); }
    var id = clientId;
    return call("GET", "/sandbox/control/clients/" + id + "/messages").then(function (messages) {
      if (id !== clientId) { return; }
      render(messages);
      if (messages.length) {
        dialogId = messages[messages.length - 1].dialog_id;
        var transport = messages[messages.length - 1].transport;
        if (transport && $("transport").querySelector('option[value="' + transport + '"]')) { $("transport").value = transport; }
      }
      if (dialogId) {
        return loadDemo().then(function () {
          return call("GET", "/sandbox/v1/dialogs/" + dialogId, undefined, { Authorization: demo.token });
        }).then(function (answer) { if (id === clientId) { showDialog(answer.data); } });
      }
    }).catch(function (e) {
      if (id !== clientId) { return; } // an answer about a conversation left meanwhile
      if (e.status === 404) {
        forgetClient("Client " + id + " is gone: the sandbox was restarted, and it keeps nothing across restarts. Write to start again.");
      } else if (!e.offline) {
        $("status").textContent = "The sandbox answered: " + e.message + " (trying again)";
      }
    });
  }

  function refreshConversations() {
    return call("GET", "/sandbox/control/conversations").then(function (list) {
      var json = JSON.stringify(list) + "|" + clientId;
      if (json === lastConversations) { return; }
      lastConversations = json;
      var ul = $("conversations");
      ul.textContent = "";
      list.forEach(function (c) {
        var item = el("li");
        var b = el("button");
        b.type = "button";
        b.dataset.client = c.clientId;
        b.setAttribute("aria-current", String(c.clientId) === clientId ? "true" : "false");
        b.appendChild(el("span", "name", (TRANSPORT_NAMES[c.transport] || c.transport) + " \u00B7 client " + c.clientId
          + (c.state === "closed" ? " (closed)" : "")));
        var last = el("span", "last");
        if (FORMATTED.test(c.transport || "")) { formatWhatsApp(c.lastText || "", last); } else { last.textContent = c.lastText || ""; }
        b.appendChild(last);
        b.addEventListener("click", function () {
          choose(String(c.clientId));
          lastConversations = "";
          refresh();
          refreshDeliveries();
          refreshConversations();
        });
        item.appendChild(b);
        ul.appendChild(item);
      });
      $("no-conversations").hidden = list.length > 0;
    }).catch(function () { /* the status line says it */ });
  }

  // ---- deliveries ------------------------------------------------------------------------------

  function renderDeliveries(deliveries) {
    var list = $("deliveries");
    list.textContent = "";
    deliveries.slice(-30).reverse().forEach(function (d) {
      var ok = d.status >= 200 && d.status < 300;
      var item = el("li", ok ? "ok" : "fail");
      item.appendChild(el("span", "what", d.event + (d.attempt > 1 ? " (attempt " + d.attempt + ")" : "") + " "));
      item.appendChild(el("span", ok ? "ok-text" : "fail-text", ok ? "HTTP " + d.status : (d.error || "HTTP " + d.status)));
      item.appendChild(el("span", "url", d.url));
      list.appendChild(item);
    });
    $("no-deliveries").hidden = deliveries.length > 0;
  }

  function refreshDeliveries() {
    if (!clientId) { return Promise.resolve(); }
    var id = clientId;
    return call("GET", "/sandbox/control/deliveries?clientId=" + encodeURIComponent(id)).then(function (deliveries) {
      if (id !== clientId) { return; }
      var json = deliveries.length + "|" + (deliveries.length ? deliveries[deliveries.length - 1].time : "");
      if (json === lastDeliveries) { return; }
      lastDeliveries = json;
      renderDeliveries(deliveries);
    }).catch(function () { /* the status line says it */ });
  }

  $("send").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("text").value.trim();
    $("text").value = "";
    sendAsClient(text);
  });
  $("toAnna").addEventListener("click", function () { changeDialog({ operator_id: 41165 }); });
  $("toQueue").addEventListener("click", function () { changeDialog({ operator_id: null }); });
  $("close").addEventListener("click", function () { changeDialog({ state: "closed" }); });
  $("newClient").addEventListener("click", function () { forgetClient(); });

  loadDemo().catch(function () { /* retried with the next poll */ });
  refresh();
  refreshConversations();
  refreshDeliveries();
  setInterval(refresh, 1000);
  setInterval(function () { refreshConversations(); refreshDeliveries(); }, 2000);
})();
