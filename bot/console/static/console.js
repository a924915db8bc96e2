// The staff console: the facts form and the chat fill the same facts; the verdict panel follows both.
"use strict";
(function () {
  const root = document.querySelector(".console");
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const T = JSON.parse(document.getElementById("texts").textContent);
  const lang = root.dataset.lang;
  const caseId = root.dataset.case;
  const form = document.getElementById("facts");
  const fields = Array.from(form.querySelectorAll("[data-fact]"));
  const panel = document.getElementById("panel");
  const log = document.getElementById("log");
  const summary = document.getElementById("summary");
  let requested = null;
  let timer = null;

  function facts() {
    const out = {};
    for (const f of fields) if (f.value !== "") out[f.dataset.fact] = f.value;
    return out;
  }

  function setFacts(values) {
    for (const f of fields) {
      const v = values[f.dataset.fact];
      if (v === undefined || v === null) continue;
      const s = typeof v === "boolean" ? String(v) : String(v);
      if (f.value !== s) { f.value = s; f.classList.add("filled"); setTimeout(() => f.classList.remove("filled"), 1500); }
    }
  }

  async function post(url, body) {
    const r = await fetch(url, {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf}, body: JSON.stringify(body)});
    const data = await r.json().catch(() => ({error: T.error}));
    if (r.status === 401) { window.location = "/login"; }
    if (!r.ok) throw new Error(data.error || T.error);
    return data;
  }

  function common() {
    return {facts: facts(), topic: form.topic.value, as_of: form.as_of.value, lang: lang, case: caseId};
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function show(value) {
    if (value === null || value === undefined) return "—";
    if (Array.isArray(value)) return value.join(", ");
    if (typeof value === "object") return Object.entries(value).map(([k, v]) => k + " " + show(v)).join("; ");
    return String(value);
  }

  function render(data) {
    const v = data.verdict;
    panel.replaceChildren();
    panel.append(el("p", {class: "status " + v.status, "data-status": v.status}, v.summary));
    panel.append(el("p", {class: "date"}, T.rules_date.replace("{as_of}", v.as_of).replace("{since}", v.rules_since)));
    const list = el("ul", {class: "conditions"});
    for (const c of v.conditions) {
      const mark = c.passed === true ? "✅" : c.passed === false ? "❌" : "❔";
      const label = c.passed === true ? T.passed : c.passed === false ? T.failed : T.unknown;
      const li = el("li", {"data-condition": c.id, "data-passed": String(c.passed)},
        el("span", {class: "mark", "aria-label": label, role: "img"}, mark), " ", c.message);
      if (c.actual !== null && c.actual !== undefined)
        li.append(el("div", {class: "numbers"}, T.actual + ": " + show(c.actual) + " / " + T.threshold + ": " + show(c.threshold)));
      if (c.reported) li.append(" ", el("span", {class: "reported"}, "⚠ " + T.reported));
      list.append(li);
    }
    panel.append(list);
    if (v.what_if && v.what_if.length) {
      panel.append(el("h3", {}, T.whatif));
      panel.append(el("ul", {class: "whatif"}, ...v.what_if.map(w => el("li", {}, w.message || show(w)))));
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
    const sources = new Map();
    for (const c of v.conditions) for (const s of c.sources || []) sources.set(s.title, s);
    if (sources.size) {
      panel.append(el("h3", {}, T.sources));
      panel.append(el("ul", {class: "sources"}, ...Array.from(sources.values()).map(s =>
        el("li", {"data-status": s.status}, el("span", {class: "badge " + s.status}, T[s.status] || s.status), " ",
           s.url ? el("a", {href: s.url, target: "_blank", rel: "noopener"}, s.title) : s.title))));
    }
    summary.value = data.summary;
    requested = v.missing.length ? v.missing[0] : null;
  }

  function say(who, text) {
    log.append(el("li", {class: who}, text));
    log.scrollTop = log.scrollHeight;
  }

  async function refresh() {
    try { render(await post("/api/check", common())); }
    catch (e) { panel.replaceChildren(el("p", {class: "error", role: "alert"}, e.message)); }
  }

  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 150); });
  form.addEventListener("change", () => { clearTimeout(timer); timer = setTimeout(refresh, 50); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));

  document.getElementById("say").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = document.getElementById("message");
    const message = input.value.trim();
    if (!message) return;
    input.value = "";
    say("caller", message);
    try {
      const data = await post("/api/chat", {...common(), message: message, requested: requested});
      setFacts(data.facts);
      render(data);
      for (const line of data.replies) say("advisor", line);
    } catch (e) { say("error", e.message); }
    input.focus();
  });

  document.getElementById("copy").addEventListener("click", async () => {
    const status = document.getElementById("copied");
    try { await navigator.clipboard.writeText(summary.value); }
    catch (e) { summary.focus(); summary.select(); document.execCommand("copy"); }
    status.textContent = T.copied;
  });

  // Keyboard: Alt+M the chat, Alt+F the facts form, Alt+V the verdict panel, Alt+C copy the summary.
  const keys = {m: () => document.getElementById("message").focus(), f: () => form.topic.focus(),
                v: () => panel.focus(), c: () => document.getElementById("copy").click()};
  document.addEventListener("keydown", (event) => {
    const action = event.altKey && !event.ctrlKey && !event.metaKey && keys[event.key.toLowerCase()];
    if (action) { event.preventDefault(); action(); }
  });

  refresh();
})();
