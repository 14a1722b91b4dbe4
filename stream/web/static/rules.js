// The rules page: the rules in force with their recent alerts and the desk's verdicts, a candidate file checked
// (each problem linked to its line), back-tested on the store's history and applied; the applies made.
// Every text from the server enters the page as a text node, never as markup.
"use strict";

const state = { token: sessionStorage.getItem("signalfire-token") || "", checked: null, editable: false };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === "") continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// The answer as JSON with its status; a refused token asks for it again.
async function api(path, body) {
  const headers = state.token ? { Authorization: `Bearer ${state.token}` } : {};
  const options = body === undefined ? { headers }
    : { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(path, options);
  let answer = {};
  try { answer = await response.json(); } catch (error) { answer = {}; }
  if (response.status === 401) {
    state.token = "";
    sessionStorage.removeItem("signalfire-token");
    askForToken(`The server refused this token${answer.error ? `: ${answer.error}` : ""}. Enter the token again.`);
    throw new Error("refused");
  }
  return { status: response.status, answer };
}

function askForToken(message) {
  $("login").hidden = false;
  $("login-problem").textContent = message || "";
  $("login-problem").hidden = !message;
  $("live").className = "live off"; $("live").textContent = "locked";
  $("token").focus();
}

function rate(stats) {
  return stats && stats.judged ? `${stats.confirmed}/${stats.judged} = ${stats.rate.toFixed(2)}` : "none judged";
}

async function loadRules(prefill) {
  const { answer } = await api("/api/rules");
  $("login").hidden = true;
  $("live").className = "live on"; $("live").textContent = "live";
  $("source").textContent = `${answer.path}, version ${answer.version}, ${answer.rules.length} rules`;
  const stats = answer.stats;
  $("as-of").textContent = stats
    ? `Alerts by event date in the ${stats.windows[0]} and ${stats.windows[1]} days up to ${stats.as_of} `
      + `(${stats.basis === "today" ? "today: the store holds no alert" : "the newest alert's event date"}); `
      + "confirmed and rejected: the desk's verdicts on each rule's alerts held for review."
    : "Alert counts are not kept here.";
  const body = $("rules");
  body.replaceChildren();
  for (const rule of answer.rules) {
    const s = stats ? stats.by_rule[rule.id] || { last_7: 0, last_30: 0, confirmed: 0, rejected: 0, judged: 0 } : null;
    body.append(el("tr", { "data-rule": rule.id, class: rule.enabled ? "" : "disabled" },
      el("td", { title: rule.title }, rule.id), el("td", {}, rule.kind), el("td", {}, rule.severity),
      el("td", {}, rule.review), el("td", { class: "n last-7" }, s ? s.last_7 : ""),
      el("td", { class: "n last-30" }, s ? s.last_30 : ""), el("td", { class: "n confirmed" }, s ? s.confirmed : ""),
      el("td", { class: "n rejected" }, s ? s.rejected : ""), el("td", { class: "rate" }, s ? rate(s) : "")));
  }
  state.editable = answer.editable;
  $("read-only").hidden = answer.editable;
  $("read-only").textContent = answer.editable ? ""
    : "Read only: rules are edited and applied on the embedded service (signalfire serve --db); over Kafka "
      + "each worker reloads its own rules file. A candidate can still be checked here.";
  $("backtest").disabled = !answer.editable;
  if (prefill) { $("candidate").value = answer.text; state.checked = null; }
  $("apply").disabled = true;
  await loadHistory();
}

async function loadHistory() {
  const { answer } = await api("/api/rules/history");
  const list = $("history");
  list.replaceChildren(...(answer.applied || []).map((h) => el("li", {},
    `${h.at}: ${h.by} applied version ${h.new_version} in place of ${h.old_version}`,
    h.backup ? ` (previous kept as ${h.backup})` : "")));
  $("history-empty").hidden = list.children.length > 0;
}

// The candidate's line ``line`` selected in the textarea and scrolled into view.
function showLine(line) {
  const area = $("candidate");
  const lines = area.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((n, text) => n + text.length + 1, 0);
  const end = start + (lines[line - 1] || "").length;
  area.focus();
  area.setSelectionRange(start, end);
  const height = parseFloat(getComputedStyle(area).lineHeight) || 16;
  area.scrollTop = Math.max(0, (line - 3) * height);
}

function showProblems(problems) {
  $("problems").replaceChildren(...problems.map((p) => {
    const item = el("li", { "data-line": p.line || "" });
    if (p.line) {
      const link = el("a", { class: "at", role: "button", tabindex: "0" }, `line ${p.line}, column ${p.col}`);
      link.addEventListener("click", () => showLine(p.line));
      item.append(link, ": ", el("span", { class: "message" }, p.message));
    } else {
      item.append(el("span", { class: "message" }, p.text));
    }
    return item;
  }));
}

function say(text, ok = false) {
  $("status").textContent = text;
  $("status").className = ok ? "ok" : "problem";
}

async function check() {
  const text = $("candidate").value;
  const { status, answer } = await api("/api/rules/check", { text });
  if (status !== 200) { say(answer.error || `refused (${status})`); return false; }
  showProblems(answer.problems);
  if (!answer.ok) {
    state.checked = null;
    $("apply").disabled = true;
    say(`${answer.problems.length} problem(s): the candidate cannot be applied`);
    return false;
  }
  state.checked = text;
  $("apply").disabled = !state.editable;
  say(`ok: ${answer.rules} rules, version ${answer.version}`, true);
  return true;
}

function cell(text) { return el("td", {}, text === null || text === undefined ? "" : String(text)); }

function verdictWord(alert) {
  return { confirm: "confirmed", reject: "rejected" }[alert.verdict || ""] || "";
}

function renderBacktest(result) {
  const judged = "judged" in result;
  const table = el("table", { id: "backtest-table" });
  table.append(el("thead", {}, el("tr", {}, ...["", "rule", "alert", "when", "where", ...(judged ? ["desk"] : [])]
    .map((h) => el("th", {}, h)))));
  const body = el("tbody");
  for (const [sign, key] of [["+", "added"], ["-", "removed"]]) {
    for (const view of result[key]) {
      body.append(el("tr", { class: key }, cell(sign), cell(view.rule), cell(view.title), cell(view.event_date),
        cell((view.place || {}).name), ...(judged ? [cell(verdictWord(view))] : [])));
    }
  }
  for (const change of result.changed) {
    const what = Object.entries(change.fields).map(([k, [old, now]]) => `${k}: ${old} -> ${now}`).join("; ");
    body.append(el("tr", { class: "changed" }, cell("~"), cell(change.rule), cell(change.title), cell(""),
      cell(what), ...(judged ? [cell(verdictWord(change))] : [])));
  }
  table.append(body);
  const counts = result.counts || {};
  const parts = [el("p", { id: "backtest-summary" }, `added ${counts.added}, removed ${counts.removed}, `
    + `changed ${counts.changed}, unchanged ${result.unchanged}`)];
  const more = ["added", "removed", "changed"].filter((k) => counts[k] > result[k].length)
    .map((k) => `${counts[k] - result[k].length} ${k}`);
  if (more.length) parts.push(el("p", { class: "hint" }, `not listed: ${more.join(", ")}`));
  if (judged) {
    parts.push(el("p", { id: "judged" }, "judged by the desk: " + Object.entries(result.judged)
      .map(([k, c]) => `${k} ${c.confirmed} confirmed, ${c.rejected} rejected`).join("; ")));
    parts.push(el("p", { class: "hint" }, "precision per rule: confirmed / judged, over the alerts each file raises "
      + "that the desk judged (an estimate: the desk judges the alerts held for review, not a sample of all)"));
    const precision = el("table", { id: "precision" },
      el("thead", {}, el("tr", {}, el("th", {}, "rule"), el("th", {}, "baseline"), el("th", {}, "candidate"))));
    const rows = el("tbody");
    for (const [rule, files] of Object.entries(result.precision)) {
      rows.append(el("tr", { "data-rule": rule }, cell(rule), cell(rate(files.baseline)), cell(rate(files.candidate))));
    }
    precision.append(rows);
    parts.push(precision);
  }
  $("result").replaceChildren(el("h2", {}, `Backtest: version ${result.candidate} against ${result.baseline}`),
    table, ...parts);
}

async function backtest() {
  say("backtesting on the store's history...", true);
  const { status, answer } = await api("/api/rules/backtest", { text: $("candidate").value });
  if (status === 422) { showProblems(answer.problems || []); say(answer.error); return; }
  if (status !== 200) { say(answer.error || `refused (${status})`); return; }
  showProblems([]);
  renderBacktest(answer);
  say("backtest done", true);
}

async function apply() {
  const text = $("candidate").value;
  if (state.checked !== text && !(await check())) return;
  if (!$("by").value.trim()) { say("your name: who applies the rules is recorded"); $("by").focus(); return; }
  const { status, answer } = await api("/api/rules/apply", { text, by: $("by").value.trim() });
  if (status === 422) { showProblems(answer.problems || []); say(answer.error); return; }
  if (status !== 201) { say(answer.error || `refused (${status})`); return; }
  say(`applied: version ${answer.new_version} is in force (previous kept as ${answer.backup})`, true);
  await loadRules(false);
}

function guarded(action) {
  return () => action().catch((error) => { if (error.message !== "refused") say(String(error.message || error)); });
}

$("check").addEventListener("click", guarded(check));
$("backtest").addEventListener("click", guarded(backtest));
$("apply").addEventListener("click", guarded(apply));
$("candidate").addEventListener("input", () => { $("apply").disabled = true; state.checked = null; });
$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.token = $("token").value.trim();
  sessionStorage.setItem("signalfire-token", state.token);
  guarded(() => loadRules(true))();
});

if (state.token) guarded(() => loadRules(true))(); else askForToken("");
