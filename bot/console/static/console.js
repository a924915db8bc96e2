// The staff console: one call at a time. The facts form and the chat fill the same facts; the
// verdict panel follows both; the call (facts, chat, notes) is saved as a draft as it changes.
"use strict";
(function () {
  const root = document.querySelector(".console");
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const T = JSON.parse(document.getElementById("texts").textContent);
  const draft = JSON.parse(document.getElementById("draft").textContent);
  const lang = root.dataset.lang;
  const form = document.getElementById("facts");
  const fields = Array.from(form.querySelectorAll("[data-fact]"));
  const panel = document.getElementById("panel");
  const log = document.getElementById("log");
  const summary = document.getElementById("summary");
  const copyButton = document.getElementById("copy");
  const message = document.getElementById("message");
  const $ = (id) => document.getElementById(id);
  const state = {case: draft.case, as_of: draft.as_of, log: [], requested: null, changed: [],
                 summaries: {short: "", full: ""}, verdict: null};
  let timer = null, saveTimer = null, seq = 0;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function facts() {
    const out = {};
    for (const f of fields) if (f.value !== "") out[f.dataset.fact] = f.value;
    return out;
  }

  // Sets the fields named in `only` (all when not given) from `values`.
  function setFacts(values, only) {
    for (const f of fields) {
      if (only && !only.includes(f.dataset.fact)) continue;
      const v = values[f.dataset.fact];
      const s = v === undefined || v === null ? "" : String(v);
      if (f.value !== s) f.value = s;
    }
  }

  // Fields of the topic, plus any the verdict asks for or that hold a value; the rest are hidden.
  function showTopicFields() {
    const topic = form.topic.value;
    const asked = new Set(state.verdict ? state.verdict.missing : []);
    for (const row of form.querySelectorAll("[data-fact-row]")) {
      const fact = row.dataset.factRow;
      const input = row.querySelector("[data-fact]");
      const shown = row.dataset.topics.split(" ").includes(topic) || asked.has(fact) || input.value !== "";
      row.hidden = !shown;
    }
    for (const set of form.querySelectorAll("fieldset[data-part]"))
      set.hidden = !set.querySelector("[data-fact-row]:not([hidden])");
  }

  // The fields the last message changed stay highlighted until the next message; the first is scrolled into view.
  function markChanged(changed) {
    let first = null;
    for (const f of fields) {
      const on = changed.includes(f.dataset.fact);
      f.classList.toggle("changed", on);
      if (on && !first) first = f;
    }
    if (first) first.scrollIntoView({block: "nearest"});
  }

  async function post(url, body) {
    const r = await fetch(url, {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf}, body: JSON.stringify(body)});
    const data = await r.json().catch(() => ({error: T.error}));
    if (r.status === 401) { window.location = "/login"; }
    if (!r.ok) { const e = new Error(data.error || T.error); e.field = data.field; throw e; }
    return data;
  }

  function common() {
    return {facts: facts(), topic: form.topic.value, as_of: state.as_of, compare_as_of: form.compare_as_of.value,
            lang: lang, caller_lang: form.caller_lang.value, notes: form.notes.value, callback: form.callback.value,
            case: state.case};
  }

  // The draft: what is on screen, saved (debounced) so a reload or a new sign-in brings it back.
  function snapshot() {
    return {topic: form.topic.value, as_of: state.as_of, compare_as_of: form.compare_as_of.value, facts: facts(),
            notes: form.notes.value, callback: form.callback.value, caller_lang: form.caller_lang.value,
            log: state.log, requested: state.requested};
  }
  // Leaving the page (reload, sign-out, closing the tab): the draft is sent at once, not after the pause.
  window.addEventListener("pagehide", () => {
    if (!saveTimer) return;
    clearTimeout(saveTimer);
    fetch("/api/draft", {method: "POST", credentials: "same-origin", keepalive: true,
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({case: state.case, state: snapshot()})});
  });
  function saveDraft() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(async () => {
      saveTimer = null;
      try { await post("/api/draft", {case: state.case, state: snapshot()}); $("saved").textContent = T.saved; }
      catch (e) { $("saved").textContent = e.message; }
    }, 300);
  }

  function mark(passed) {
    const label = passed === true ? T.passed : passed === false ? T.failed : T.unknown;
    return el("span", {class: "mark", role: "img", "aria-label": label}, passed === true ? "✅" : passed === false ? "❌" : "❔");
  }

  function conditionItem(c) {
    const li = el("li", {"data-condition": c.id, "data-passed": String(c.passed)}, mark(c.passed), " ", c.message);
    if (c.details && c.details.length) {
      const table = el("table", {class: "numbers"});
      table.append(el("thead", {}, el("tr", {}, el("th", {scope: "col"}, ""), el("th", {scope: "col"}, T.actual),
                                        el("th", {scope: "col"}, T.threshold))));
      const body = el("tbody");
      for (const d of c.details) body.append(el("tr", {}, el("th", {scope: "row"}, d.label), el("td", {}, d.actual),
                                               el("td", {}, d.threshold)));
      table.append(body);
      li.append(table);
    }
    if (c.reported) li.append(" ", el("span", {class: "reported"}, "⚠ " + T.reported));
    return li;
  }

  function render(data) {
    const v = data.verdict;
    state.verdict = v;
    panel.replaceChildren();
    panel.append(el("p", {class: "status " + v.status, "data-status": v.status},
                    el("span", {class: "badge-status"}, T["status_" + v.status]), " ", v.summary));
    panel.append(el("p", {class: "date"}, T.rules_date.replace("{as_of}", v.as_of).replace("{since}", v.rules_since)));
    const relevant = v.conditions.filter(c => !(v.topic === "grants" && c.id !== "sme" && c.passed === false));
    const failed = relevant.filter(c => c.passed === false);
    if (failed.length) {
      panel.append(el("h3", {}, T.failed_title));
      panel.append(el("ul", {class: "conditions failed"}, ...failed.map(conditionItem)));
    }
    if (v.missing.length) {
      panel.append(el("h3", {}, T.missing));
      const ol = el("ol", {class: "missing"});
      v.missing.forEach((fact, i) => {
        const b = el("button", {type: "button", "data-fact": fact}, data.missing_labels[i]);
        b.addEventListener("click", () => { const f = fields.find(x => x.dataset.fact === fact); if (f) f.focus(); });
        ol.append(el("li", {}, b, " ", el("span", {class: "question"}, v.missing_questions[i])));
      });
      panel.append(ol);
    }
    if (data.compare) panel.append(compareBlock(data.compare, v));
    const details = el("details", {class: "more"}, el("summary", {}, T.details));
    details.append(el("h3", {}, T.all_conditions), el("ul", {class: "conditions"}, ...v.conditions.map(conditionItem)));
    if (v.what_if && v.what_if.length) {
      details.append(el("h3", {}, T.whatif));
      details.append(el("ul", {class: "whatif"}, ...v.what_if.map(w => el("li", {}, w.message || ""))));
    }
    const sources = new Map();
    for (const c of v.conditions) for (const s of c.sources || []) sources.set(s.title, s);
    if (sources.size) {
      details.append(el("h3", {}, T.sources));
      details.append(el("ul", {class: "sources"}, ...Array.from(sources.values()).map(s =>
        el("li", {"data-status": s.status}, el("span", {class: "badge " + s.status}, T[s.status] || s.status), " ",
           s.url ? el("a", {href: s.url, target: "_blank", rel: "noopener"}, s.title) : s.title))));
    }
    panel.append(details);
    state.summaries = {short: data.summary_short, full: data.summary_full};
    showSummary();
    state.requested = v.missing.length ? v.missing[0] : null;
    showTopicFields();
  }

  // Another rules' date beside the case's own: what differs, then and now. The log keeps the case's date.
  function compareBlock(cmp, v) {
    const box = el("section", {class: "compare", "aria-label": T.compare_title});
    box.append(el("h3", {}, T.compare_title));
    const table = el("table", {class: "then-now"});
    table.append(el("thead", {}, el("tr", {}, el("th", {scope: "col"}, T.then + " " + cmp.as_of),
                                     el("th", {scope: "col"}, T.now + " " + v.as_of))));
    const body = el("tbody");
    body.append(el("tr", {"data-row": "status"},
                   el("td", {class: "status " + cmp.status, "data-status": cmp.status}, T["status_" + cmp.status]),
                   el("td", {class: "status " + v.status, "data-status": v.status}, T["status_" + v.status])));
    for (const c of cmp.changes)
      body.append(el("tr", {"data-condition": c.id}, el("td", {}, mark(c.passed_then), " ", c.then),
                     el("td", {}, mark(c.passed_now), " ", c.now)));
    table.append(body);
    box.append(table);
    if (!cmp.changes.length) box.append(el("p", {}, T.no_change));
    return box;
  }

  function which() { return document.querySelector('input[name="which"]:checked').value; }
  function showSummary() {
    const text = state.summaries[which()] || "";
    summary.value = text;
    copyButton.disabled = !text;
    $("count").textContent = text ? T.chars.replace("{n}", text.length) : "";
  }
  function noSummary(reason) {
    state.summaries = {short: "", full: ""};
    showSummary();
    summary.placeholder = reason;
  }

  function say(who, text, attrs) {
    log.append(el("li", {class: who, ...(attrs || {})}, text));
    log.scrollTop = log.scrollHeight;
  }

  function showError(e) {
    panel.replaceChildren(el("p", {class: "error", role: "alert"}, e.message));
    noSummary(T.fix_first);
    const f = fields.find(x => x.dataset.fact === e.field) || (e.field === "compare_as_of" ? form.compare_as_of : null);
    for (const x of fields) x.removeAttribute("aria-invalid");
    form.compare_as_of.removeAttribute("aria-invalid");
    if (f) f.setAttribute("aria-invalid", "true");
  }

  async function refresh() {
    const mine = ++seq;
    try {
      const data = await post("/api/check", common());
      if (mine !== seq) return;
      for (const x of fields) x.removeAttribute("aria-invalid");
      form.compare_as_of.removeAttribute("aria-invalid");
      render(data);
    } catch (e) { if (mine === seq) showError(e); }
    saveDraft();
  }

  // A re-check waits its turn behind messages being read (and they behind it): requests reach the server in
  // order, so a check sent with the facts before a message can never overwrite the facts it brought.
  function later(ms) { clearTimeout(timer); timer = setTimeout(() => { queue = queue.then(refresh).catch(() => {}); }, ms); }
  form.addEventListener("input", () => later(150));
  form.addEventListener("change", () => later(50));
  form.compare_as_of.addEventListener("blur", () => later(0));
  for (const r of document.querySelectorAll('input[name="which"]')) r.addEventListener("change", showSummary);

  async function send(text) {
    const said = text.trim();
    if (!said) return;
    say("caller", said);
    state.log.push({who: "caller", text: said});
    try {
      const data = await post("/api/chat", {...common(), message: said, requested: state.requested});
      setFacts(data.facts, data.changed || Object.keys(data.facts));  // only what the message changed
      render(data);
      state.changed = data.changed || [];
      markChanged(state.changed);
      if (data.heard) { say("heard", data.heard); state.log.push({who: "heard", text: data.heard}); }
      for (const line of data.replies) { say("advisor", line); state.log.push({who: "advisor", text: line}); }
    } catch (e) { say("error", e.message); showError(e); }
    saveDraft();
  }

  // Messages go one after another: each is read with the facts the previous one left.
  let queue = Promise.resolve();
  function enqueue(text) {
    markChanged([]);
    queue = queue.then(() => send(text)).catch(() => {});
    return queue;
  }
  document.getElementById("say").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = message.value;
    message.value = "";
    enqueue(text);
    message.focus();
  });
  for (const b of document.querySelectorAll("#quick button"))
    b.addEventListener("click", () => { enqueue(b.dataset.say); message.focus(); });

  copyButton.addEventListener("click", async () => {
    if (!summary.value) return;
    const status = $("copied");
    try { await navigator.clipboard.writeText(summary.value); }
    catch (e) { summary.focus(); summary.select(); document.execCommand("copy"); }
    status.textContent = T.copied;
  });

  $("print").addEventListener("click", () => { preparePrint(); window.print(); });
  window.addEventListener("beforeprint", preparePrint);
  function preparePrint() {
    const meta = $("print-meta");
    meta.replaceChildren();
    const rows = [[T.case, state.case], [T.operator, T.user], [T.topic, form.topic.selectedOptions[0].text],
                  [T.case_date, state.as_of], [T.caller_lang, form.caller_lang.selectedOptions[0].text],
                  [T.callback, form.callback.value], [T.notes, form.notes.value]];
    for (const [k, v] of rows) if (v) meta.append(el("dt", {}, k), el("dd", {}, v));
    $("print-summary").textContent = state.summaries.full;
  }

  // A new call: a new case id from the server, everything on screen cleared. The previous case stays logged.
  async function newCall() {
    try {
      const data = await post("/api/case/new", {});
      load({case: data.case, as_of: data.as_of});
      $("copied").textContent = "";
      refresh();
      message.focus();
    } catch (e) { say("error", e.message); }
  }
  $("new-call").addEventListener("click", newCall);
  $("clear").addEventListener("click", newCall);

  function load(d) {
    state.case = d.case;
    state.as_of = d.as_of;
    root.dataset.case = d.case;
    $("case-id").textContent = d.case;
    $("as_of").textContent = d.as_of;
    form.topic.value = d.topic || "midlevel";
    form.compare_as_of.value = d.compare_as_of || "";
    form.caller_lang.value = d.caller_lang || lang;
    form.notes.value = d.notes || "";
    form.callback.value = d.callback || "";
    setFacts(d.facts || {});
    state.log = Array.isArray(d.log) ? d.log : [];
    state.requested = d.requested || null;
    log.replaceChildren();
    for (const line of state.log) if (line && typeof line.text === "string") say(line.who, line.text);
    markChanged([]);
    showTopicFields();
  }

  // Keyboard: Alt+M chat, Alt+F facts, Alt+V verdict, Alt+C copy the summary, Alt+S short/full, Alt+N new call.
  const keys = {m: () => message.focus(), f: () => form.topic.focus(), v: () => panel.focus(),
                c: () => copyButton.click(), n: newCall,
                s: () => { const other = document.querySelector('input[name="which"]:not(:checked)'); other.checked = true; showSummary(); }};
  document.addEventListener("keydown", (event) => {
    const action = event.altKey && !event.ctrlKey && !event.metaKey && keys[event.key.toLowerCase()];
    if (action) { event.preventDefault(); action(); }
  });

  load(draft);
  refresh();
})();
