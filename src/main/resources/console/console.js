// The channel console: the platform's channel form and buttons over the management API.
// The management key lives in sessionStorage (this tab only) and travels as the bearer key, never in a URL.
// A channel's Agent key is shown once, when it is made, and kept nowhere.
(function () {
  "use strict";

  var KEY_STORE = "chat2deskConsoleKey";
  var API = "../api/v1/channels";
  var CHECKS = [
    { id: "agent-trained", title: "The Agent is trained", failed: "the Agent is not trained",
      fix: "Check the Agent URL: the Agent must answer GET <Agent URL>/status with {\"trained\": true}." },
    { id: "token-unique", title: "The token is unique", failed: "the token is in use",
      fix: "Another active channel uses this token: deactivate that channel, or use another token." },
    { id: "address-accessible", title: "The channel address is accessible", failed: "address not accessible",
      fix: "Check the API address of your account's region and the token (Chat2Desk: Settings → API → Show)." },
    { id: "webhook-registered", title: "The webhook is registered", failed: "webhook not registered",
      fix: "Chat2Desk allows 5 webhooks per account: delete one you do not need there, and check that Chat2Desk can reach this bundle (channel.public-url)." }
  ];
  // Exactly the platform's buttons for each state of a channel
  var BUTTONS = {
    "new": [
      { label: "CREATE", action: "create", style: "secondary" },
      { label: "CREATE & ACTIVATE", action: "createActivate", style: "primary" },
      { label: "CANCEL", action: "cancel", style: "quiet push" }
    ],
    active: [
      { label: "APPLY", action: "apply", style: "primary" },
      { label: "DEACTIVATE", action: "deactivate", style: "secondary" },
      { label: "DELETE", action: "remove", style: "danger" },
      { label: "CANCEL", action: "cancel", style: "quiet push" }
    ],
    inactive: [
      { label: "SAVE", action: "save", style: "secondary" },
      { label: "SAVE & ACTIVATE", action: "saveActivate", style: "primary" },
      { label: "DELETE", action: "remove", style: "danger" },
      { label: "CANCEL", action: "cancel", style: "quiet push" }
    ]
  };

  var channels = [];
  var current = null;      // the saved channel being edited, or null for a new one
  var editing = false;     // the editor shows a channel (new or saved)
  var busy = false;

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text != null) { node.textContent = text; }
    return node;
  }

  // ---- the API -----------------------------------------------------------------------------

  function ApiFailure(status, body) {
    this.status = status;
    this.body = body || {};
    this.message = (body && body.error) || ("HTTP " + status);
  }

  function call(method, path, body) {
    var key = sessionStorage.getItem(KEY_STORE);
    var init = { method: method, headers: { Authorization: "Bearer " + key }, cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(API + path, init).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (response.status === 401) {
          signOut("The key was refused: " + ((json && json.error) || "unauthorized") + ".");
        }
        if (!response.ok) { throw new ApiFailure(response.status, json); }
        return json;
      });
    }, function () {
      throw new ApiFailure(0, { error: "the bundle cannot be reached" });
    });
  }

  // ---- the key -----------------------------------------------------------------------------

  function signOut(reason) {
    sessionStorage.removeItem(KEY_STORE);
    $("console").hidden = true;
    $("forget").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = reason || "";
    $("api-key").value = "";
    showAgentKey(null);
    $("api-key").focus();
  }

  function signIn(event) {
    event.preventDefault();
    var key = $("api-key").value.trim();
    if (!key) {
      $("login-error").textContent = "Paste the API key first.";
      $("api-key").focus();
      return;
    }
    sessionStorage.setItem(KEY_STORE, key);
    $("api-key").value = "";
    open();
  }

  function open() {
    return loadChannels().then(function () {
      $("login").hidden = true;
      $("login-error").textContent = "";
      $("console").hidden = false;
      $("forget").hidden = false;
      $("new-channel").focus();
    }).catch(function (e) {
      if (e.status !== 401) { signOut("Could not open the console: " + e.message + "."); }
    });
  }

  // ---- the list ----------------------------------------------------------------------------

  function loadChannels() {
    return call("GET", "").then(function (list) {
      channels = list || [];
      $("list-error").textContent = "";
      renderList();
      if (current) {
        var fresh = find(current.id);
        if (!fresh) {
          showNothing();
        } else if (fresh.active !== current.active || JSON.stringify(fresh.checks) !== JSON.stringify(current.checks)) {
          // changed elsewhere (another tab, the re-verification): show it; an unchanged one keeps what is shown
          current = fresh;
          showState();
          renderChecks(fresh.checks || []);
        }
      }
    });
  }

  function find(id) {
    for (var i = 0; i < channels.length; i++) { if (channels[i].id === id) { return channels[i]; } }
    return null;
  }

  function checksSummary(channel) {
    var checks = channel.checks || [];
    if (!checks.length) { return { text: "not checked yet", failed: false }; }
    var last = checks[checks.length - 1];
    if (!last.passed) { return { text: "check failed: " + failedOf(last.check), failed: true }; }
    return { text: checks.length + " of " + CHECKS.length + " checks passed", failed: false };
  }

  function renderList() {
    var list = $("channel-list");
    list.textContent = "";
    channels.forEach(function (channel) {
      var item = el("li");
      var button = el("button");
      button.type = "button";
      button.dataset.id = channel.id;
      button.setAttribute("aria-current", current && current.id === channel.id ? "true" : "false");
      button.appendChild(el("span", "name", channel.name || "New channel"));
      var line = el("span", "line");
      line.appendChild(el("span", "badge " + (channel.active ? "active" : "inactive"), channel.active ? "Active" : "Inactive"));
      var summary = checksSummary(channel);
      line.appendChild(el("span", summary.failed ? "failed" : "", summary.text));
      button.appendChild(line);
      button.addEventListener("click", function () { select(channel.id); });
      item.appendChild(button);
      list.appendChild(item);
    });
    $("no-channels").hidden = channels.length > 0;
  }

  // ---- the form ----------------------------------------------------------------------------

  function stateOf() {
    if (!current) { return "new"; }
    return current.active ? "active" : "inactive";
  }

  function showState() {
    var state = stateOf();
    var badge = $("state");
    badge.className = "badge " + state;
    badge.textContent = state === "new" ? "Not saved" : state === "active" ? "Active" : "Inactive";
    $("editor-title").textContent = current ? (current.name || "New channel") : "New channel";
    var actions = $("actions");
    actions.textContent = "";
    BUTTONS[state].forEach(function (spec) {
      var button = el("button", spec.style, spec.label);
      button.type = "button";
      button.dataset.action = spec.action;
      button.addEventListener("click", function () { act(spec.action); });
      actions.appendChild(button);
    });
    $("saved-only").hidden = !current;
    if (!current) { showAgentKey(null); }
    $("find-operator").disabled = !current;
    $("find-operator").title = current ? "" : "Save the channel first: the lookup asks Chat2Desk with its token";
    $("webhook-line").hidden = !current;
    $("webhook-url").textContent = current ? current.webhookUrl : "";
    renderList();
  }

  function setRegion(apiUrl) {
    var select = $("region");
    var known = false;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === apiUrl) { known = true; }
    }
    select.value = known ? apiUrl : "other";
    $("api-url").value = known ? "" : (apiUrl || "");
    $("api-url-field").hidden = select.value !== "other";
  }

  function fill(channel) {
    $("name").value = channel ? channel.name || "" : "";
    setRegion(channel ? channel.apiUrl : $("region").options[0].value);
    $("token").value = "";
    $("token").placeholder = channel ? channel.token + " (leave empty to keep it)" : "";
    $("token").required = !channel;
    $("operator-id").value = channel && channel.operatorId != null ? channel.operatorId : "";
    $("service-messages").checked = !!(channel && channel.serviceMessages);
    $("agent-url").value = channel && channel.agentUrl ? channel.agentUrl : "";
    $("fallback-group").value = channel && channel.fallbackGroupId != null ? channel.fallbackGroupId : "";
    $("share-token").checked = !!(channel && channel.shareTokenWithAgent);
    $("require-signature").checked = !!(channel && channel.requireSignature);
    closeLookup();
  }

  function showEditor() {
    editing = true;
    $("nothing-selected").hidden = true;
    $("channel-view").hidden = false;
  }

  function showNothing() {
    current = null;
    editing = false;
    $("channel-view").hidden = true;
    $("nothing-selected").hidden = false;
    renderList();
  }

  function select(id) {
    current = find(id);
    if (!current) { return; }
    showAgentKey(null);
    showEditor();
    fill(current);
    showState();
    setOutcome(null);
    renderChecks(current.checks || []);
    loadExtras();
    $("editor-title").focus();
  }

  function newChannel() {
    current = null;
    showEditor();
    fill(null);
    showState();
    setOutcome(null);
    renderChecks([]);
    $("editor-title").focus();
  }

  function number(id, label, problems) {
    var text = $(id).value.trim();
    if (!text) { return null; }
    if (!/^[0-9]{1,18}$/.test(text)) { problems.push(label + " must be a number"); return undefined; }
    return Number(text);
  }

  /** The form as the management API's channel fields; problems are named per field. */
  function formFields(problems) {
    var apiUrl = $("region").value === "other" ? $("api-url").value.trim() : $("region").value;
    if (!apiUrl) { problems.push("Chat2Desk API address is required"); }
    var fields = {
      name: $("name").value.trim() || "New channel",
      apiUrl: apiUrl,
      operatorId: number("operator-id", "Chat2Desk operator ID", problems),
      serviceMessages: $("service-messages").checked,
      agentUrl: $("agent-url").value.trim() || null,
      fallbackGroupId: number("fallback-group", "Fallback group ID", problems),
      shareTokenWithAgent: $("share-token").checked,
      requireSignature: $("require-signature").checked
    };
    var token = $("token").value.trim();
    if (token) { fields.token = token; }
    else if (!current) { problems.push("Chat2Desk token is required"); }
    return fields;
  }

  // ---- the buttons -------------------------------------------------------------------------

  function act(action) {
    if (busy) { return; }
    if (action === "cancel") { return cancel(); }
    if (action === "remove") { return remove(); }
    if (action === "deactivate") { return run(call("POST", "/" + enc(current.id) + "/deactivate"), "deactivate"); }
    var problems = [];
    var fields = formFields(problems);
    if (problems.length) {
      setOutcome("bad", "Nothing was saved.", problems.join("; ") + ".");
      return;
    }
    if (action === "create") { return run(call("POST", "", fields), action); }
    if (action === "createActivate") { return run(call("POST", "?activate=true", fields), action); }
    if (action === "save" || action === "apply") { return run(call("PUT", "/" + enc(current.id), fields), action); }
    if (action === "saveActivate") { return run(call("PUT", "/" + enc(current.id) + "?activate=true", fields), action); }
  }

  function enc(id) { return encodeURIComponent(id); }

  function setBusy(on) {
    busy = on;
    Array.prototype.forEach.call($("actions").querySelectorAll("button"), function (b) { b.disabled = on; });
    $("channel-view").setAttribute("aria-busy", on ? "true" : "false");
  }

  function run(request, action) {
    setBusy(true);
    setOutcome(null, "Working…");
    return request.then(function (channel) {
      setBusy(false);
      var agentKey = channel.agentKey;
      delete channel.agentKey;
      current = channel;
      var index = channels.findIndex(function (c) { return c.id === channel.id; });
      if (index < 0) { channels.push(channel); } else { channels[index] = channel; }
      fill(channel);
      showState();
      renderChecks(channel.checks || []);
      reportDone(action, channel);
      if (agentKey) { showAgentKey(agentKey); }
      loadExtras();
      return loadChannels();
    }, function (e) {
      setBusy(false);
      reportRefused(action, e);
      if (e.status === 404) { return loadChannels(); }
    });
  }

  function reportDone(action, channel) {
    var failed = (channel.checks || []).filter(function (c) { return !c.passed; })[0];
    if (action === "create") {
      setOutcome("good", "Created. The channel is saved and inactive.",
        "Activate it with SAVE & ACTIVATE when it is ready. Its Agent key is below, shown this once.");
    } else if (action === "save") {
      setOutcome("good", "Saved. The channel stays inactive.");
    } else if (action === "deactivate") {
      setOutcome("good", "Deactivated. The channel stopped and its Chat2Desk webhook was removed.");
    } else if (action === "apply") {
      setOutcome("good", "Applied. All checks passed and the changes are live.");
    } else if (channel.active) {
      setOutcome("good", (action === "createActivate" ? "Created" : "Saved") + " and activated.",
        "All checks passed: Chat2Desk now delivers this account's messages to the bundle."
        + (action === "createActivate" ? " Its Agent key is below, shown this once." : ""));
    } else {
      setOutcome("bad", (action === "createActivate" ? "Created" : "Saved") + ", but not activated.",
        failed ? "Check \u201C" + titleOf(failed.check) + "\u201D failed: " + failed.message + ". Fix it, then use SAVE & ACTIVATE."
               : "The checks did not pass.");
    }
  }

  function reportRefused(action, e) {
    if (e.status === 401) { return; }
    if (action === "apply" && e.status === 409) {
      var checks = e.body.checks || [];
      renderChecks(checks);
      var failed = checks.filter(function (c) { return !c.passed; })[0];
      setOutcome("bad", "APPLY refused: nothing changed.",
        (failed ? "Check \u201C" + titleOf(failed.check) + "\u201D failed: " + failed.message + ". " : "")
        + "The channel and its Chat2Desk webhook are as they were; the form still holds your changes.");
      return;
    }
    var what = action === "deactivate" ? "Nothing changed." : "Nothing was saved.";
    setOutcome("bad", what, e.message + (e.status ? " (HTTP " + e.status + ")." : "."));
  }

  function cancel() {
    setOutcome(null);
    if (!current) { showNothing(); $("new-channel").focus(); return; }
    fill(current);
    showState();
    renderChecks(current.checks || []);
    setOutcome(null, "Changes discarded: the form shows the saved channel.");
  }

  function remove() {
    var name = current.name || "this channel";
    if (!window.confirm("DELETE \u201C" + name + "\u201D? The channel is removed" + (current.active ? ", and its Chat2Desk webhook" : "") + ".")) {
      return;
    }
    setBusy(true);
    call("DELETE", "/" + enc(current.id)).then(function () {
      setBusy(false);
      channels = channels.filter(function (c) { return c.id !== current.id; });
      showNothing();
      $("nothing-selected").firstElementChild.textContent = "Deleted \u201C" + name + "\u201D. Pick a channel from the list, or create a new one.";
      $("new-channel").focus();
      return loadChannels();
    }, function (e) {
      setBusy(false);
      reportRefused("remove", e);
    });
  }

  function setOutcome(kind, title, detail) {
    var box = $("outcome");
    box.className = "outcome" + (kind ? " " + kind : "");
    box.textContent = "";
    if (title) { box.appendChild(el("strong", null, title)); }
    if (detail) { box.appendChild(el("p", null, detail)); }
    if (title && box.scrollIntoView) { box.scrollIntoView({ block: "nearest" }); }
  }

  // ---- checks ------------------------------------------------------------------------------

  function titleOf(id) {
    for (var i = 0; i < CHECKS.length; i++) { if (CHECKS[i].id === id) { return CHECKS[i].title; } }
    return id;
  }

  function failedOf(id) {
    for (var i = 0; i < CHECKS.length; i++) { if (CHECKS[i].id === id) { return CHECKS[i].failed; } }
    return id;
  }

  function fixOf(id) {
    for (var i = 0; i < CHECKS.length; i++) { if (CHECKS[i].id === id) { return CHECKS[i].fix; } }
    return "";
  }

  function renderChecks(results) {
    var list = $("checks");
    list.textContent = "";
    var stopped = false;
    var byId = {};
    results.forEach(function (r) { byId[r.check] = r; });
    CHECKS.forEach(function (check) {
      var result = byId[check.id];
      var state = result ? (result.passed ? "passed" : "failed") : "skipped";
      var item = el("li", state);
      item.dataset.check = check.id;
      var mark = el("span", "mark", state === "passed" ? "\u2713" : state === "failed" ? "\u2715" : "\u2013");
      mark.setAttribute("aria-hidden", "true");
      item.appendChild(mark);
      var word = state === "passed" ? "passed" : state === "failed" ? "failed" : "not run";
      item.appendChild(el("span", "title", check.title + " \u2014 " + word));
      var message = result ? result.message
        : (stopped ? "Not run: an earlier check failed." : results.length ? "Not run." : "Runs on activation.");
      item.appendChild(el("p", "message", message));
      if (state === "failed") {
        item.appendChild(el("p", "fix", "To fix: " + fixOf(check.id)));
        stopped = true;
      }
      list.appendChild(item);
    });
  }

  // ---- counters and dead letters -----------------------------------------------------------

  function loadExtras() {
    if (!current) { return; }
    var id = current.id;
    call("GET", "/" + enc(id) + "/counters").then(function (counters) {
      if (current && current.id === id) { renderCounters(counters); }
    }).catch(function () { /* the list's error says enough */ });
    loadDeadLetters();
  }

  function renderCounters(c) {
    var grid = $("counters");
    grid.textContent = "";
    function sum(map) { return Object.keys(map || {}).reduce(function (s, k) { return s + map[k]; }, 0); }
    function detail(map) {
      return Object.keys(map || {}).map(function (k) { return k + ": " + map[k]; }).join(", ");
    }
    [
      ["Received", c.received, ""],
      ["Sent", c.sent, ""],
      ["Agent calls", sum(c.agentCalls), detail(c.agentCalls)],
      ["Left alone", sum(c.dropped), detail(c.dropped)],
      ["Retries", sum(c.retries), detail(c.retries)],
      ["Dead letters", sum(c.deadLetters), detail(c.deadLetters)]
    ].forEach(function (row) {
      var box = el("div");
      box.appendChild(el("dt", null, row[0]));
      var value = el("dd", null, String(row[1] || 0));
      value.dataset.counter = row[0];
      if (row[2]) { value.appendChild(el("small", null, row[2])); }
      box.appendChild(value);
      grid.appendChild(box);
    });
  }

  function loadDeadLetters() {
    if (!current) { return Promise.resolve(); }
    var id = current.id;
    return call("GET", "/" + enc(id) + "/dead-letters").then(function (letters) {
      if (current && current.id === id) {
        $("dead-error").textContent = "";
        renderDeadLetters(letters || []);
      }
    }).catch(function (e) { $("dead-error").textContent = "Could not read the dead letters: " + e.message; });
  }

  function describe(letter) {
    var hook = letter.webhook || {};
    var text = typeof hook.text === "string" && hook.text ? "\u201C" + hook.text + "\u201D" : (hook.hook_type || letter.event);
    return text + (hook.client_id ? " from client " + hook.client_id : "");
  }

  function renderDeadLetters(letters) {
    var list = $("dead-letters");
    list.textContent = "";
    letters.forEach(function (letter) {
      var item = el("li");
      item.dataset.id = letter.id;
      item.appendChild(el("div", "what", describe(letter)));
      item.appendChild(el("p", "reason", letter.reason || "no reason recorded"));
      item.appendChild(el("div", "meta", "Received " + new Date(letter.receivedAt).toLocaleString()
        + " \u00B7 " + letter.attempts + " attempt" + (letter.attempts === 1 ? "" : "s") + " \u00B7 " + letter.event));
      var row = el("div", "row");
      row.style.marginTop = "8px";
      var replay = el("button", "secondary", "Replay");
      replay.type = "button";
      replay.setAttribute("aria-label", "Replay " + describe(letter));
      replay.addEventListener("click", function () { deadLetter(letter, "POST", "/replay", "Replaying"); });
      var drop = el("button", "danger", "Delete");
      drop.type = "button";
      drop.setAttribute("aria-label", "Delete " + describe(letter));
      drop.addEventListener("click", function () {
        if (window.confirm("Delete this dead letter? It will not be sent again.")) {
          deadLetter(letter, "DELETE", "", "Deleted");
        }
      });
      row.appendChild(replay);
      row.appendChild(drop);
      item.appendChild(row);
      list.appendChild(item);
    });
    $("no-dead").hidden = letters.length > 0;
  }

  function deadLetter(letter, method, suffix, done) {
    var path = "/" + enc(current.id) + "/dead-letters/" + enc(letter.id) + suffix;
    call(method, path).then(function () {
      $("dead-error").textContent = "";
      setOutcome("good", done + ": " + describe(letter) + ".");
      loadDeadLetters().then(function () { $("refresh-dead").focus(); });
      loadExtras();
    }, function (e) { $("dead-error").textContent = done + " failed: " + e.message; });
  }

  // ---- the Agent key -----------------------------------------------------------------------

  function showAgentKey(key) {
    $("agent-key-once").hidden = !key;
    $("agent-key-value").value = key || "";
    if (key) { $("agent-key-value").focus(); $("agent-key-value").select(); }
  }

  function newAgentKey() {
    if (!current || busy) { return; }
    if (!window.confirm("A new Agent key replaces the old one at once: the Agent cannot write first until it has"
        + " the new key. Make a new one for \u201C" + (current.name || "this channel") + "\u201D?")) {
      return;
    }
    var id = current.id;
    call("POST", "/" + enc(id) + "/agent-key").then(function (answer) {
      if (current && current.id === id) {
        showAgentKey(answer.agentKey);
        setOutcome("good", "New Agent key made.",
          "The old key no longer works. Copy the new one below into the Agent.");
      }
    }, function (e) {
      if (e.status !== 401) {
        setOutcome("bad", "No new Agent key.", e.message + (e.status ? " (HTTP " + e.status + ")." : "."));
      }
    });
  }

  // ---- the operator lookup -----------------------------------------------------------------

  function closeLookup() {
    $("lookup").hidden = true;
    $("find-operator").setAttribute("aria-expanded", "false");
    $("lookup-result").textContent = "";
  }

  function toggleLookup() {
    var open = $("lookup").hidden;
    $("lookup").hidden = !open;
    $("find-operator").setAttribute("aria-expanded", open ? "true" : "false");
    if (open) { $("lookup-email").focus(); }
  }

  function lookUp() {
    var email = $("lookup-email").value.trim();
    if (!email) { $("lookup-result").textContent = "Type the operator's e-mail first."; return; }
    $("lookup-result").textContent = "Asking Chat2Desk…";
    call("GET", "/" + enc(current.id) + "/operators?email=" + encodeURIComponent(email)).then(function (operators) {
      if (!operators || !operators.length) {
        $("lookup-result").textContent = "No operator with that e-mail in this Chat2Desk account.";
        return;
      }
      var op = operators[0];
      $("operator-id").value = op.id;
      $("lookup-result").textContent = "Found " + [op.firstName, op.lastName].filter(Boolean).join(" ")
        + " (" + op.email + "): operator ID " + op.id + " is in the form. Save to keep it.";
    }, function (e) {
      $("lookup-result").textContent = "The lookup failed: " + e.message;
    });
  }

  // ---- the sandbox, where the bundle serves one ----------------------------------------------

  function offerSandbox() {
    fetch("../sandbox/control/demo", { cache: "no-store" }).then(function (response) {
      if (!response.ok) { return; }
      return response.json().then(function (demo) {
        var url = new URL(demo.apiUrl, window.location.href).href.replace(/\/$/, "");
        var option = el("option", null, "This bundle's Chat2Desk sandbox (" + url + ")");
        option.value = url;
        var select = $("region");
        select.insertBefore(option, select.querySelector('option[value="other"]'));
        if (current) { setRegion(current.apiUrl); }
      });
    }).catch(function () { /* no sandbox: only the real addresses */ });
  }

  // ---- start -------------------------------------------------------------------------------

  $("login-form").addEventListener("submit", signIn);
  $("forget").addEventListener("click", function () { signOut("The key was forgotten in this tab."); });
  $("new-channel").addEventListener("click", newChannel);
  $("channel-form").addEventListener("submit", function (event) { event.preventDefault(); });
  $("region").addEventListener("change", function () {
    $("api-url-field").hidden = $("region").value !== "other";
    if ($("region").value === "other") { $("api-url").focus(); }
  });
  $("find-operator").addEventListener("click", toggleLookup);
  $("lookup-go").addEventListener("click", lookUp);
  $("lookup-email").addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); lookUp(); }
  });
  $("refresh-counters").addEventListener("click", loadExtras);
  $("refresh-dead").addEventListener("click", loadDeadLetters);
  $("new-agent-key").addEventListener("click", newAgentKey);

  offerSandbox();
  if (sessionStorage.getItem(KEY_STORE)) { open(); } else { $("api-key").focus(); }
  // The list and the open channel's numbers follow what happens meanwhile; the form is left alone
  setInterval(function () {
    if (sessionStorage.getItem(KEY_STORE) && !busy && !$("console").hidden) {
      loadChannels().catch(function (e) {
        if (e.status !== 401) { $("list-error").textContent = "Could not refresh: " + e.message + "."; }
      });
      if (current) { loadExtras(); }
    }
  }, 10000);
})();
