// The desk page: alerts from the API, pushed live, filtered, shown with their evidence, on a map and a timeline;
// the alerts held for review listed apart, each confirmed or rejected here.
// Every text from an article or an alert enters the page as a text node, never as markup.
"use strict";

const state = { token: sessionStorage.getItem("signalfire-token") || "", alerts: [], review: [], chosen: null,
  markers: null };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function headers(extra = {}) {
  return state.token ? { ...extra, Authorization: `Bearer ${state.token}` } : extra;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: headers(options.headers || {}) });
  if (response.status === 401) { askForToken(); throw new Error("unauthorised"); }
  if (!response.ok) throw new Error((await response.json()).error || response.statusText);
  return response.json();
}

function askForToken() {
  $("login").hidden = false;
}

function query() {
  const form = new FormData($("filters"));
  const params = new URLSearchParams();
  for (const key of ["rule", "severity", "place", "since", "until"]) {
    if (form.get(key)) params.set(key, form.get(key));
  }
  if (form.get("silenced")) params.set("silenced", "true");
  return params;
}

function admitted(alert) {
  const form = new FormData($("filters"));
  const acked = (alert.actions || []).some((a) => a.action === "ack");
  if (form.get("acked") === "yes" && !acked) return false;
  if (form.get("acked") === "no" && acked) return false;
  const words = (form.get("q") || "").trim().toLowerCase();
  return !words || alert.title.toLowerCase().includes(words);
}

async function load() {
  const { alerts } = await api(`/api/alerts?${query()}`);
  state.alerts = alerts;
  render();
}

function placeName(alert) {
  const place = alert.place || {};
  return [place.name, place.admin1, place.country].filter((p, i, all) => p && all.indexOf(p) === i).join(", ");
}

function render() {
  const list = $("alerts");
  list.replaceChildren();
  const rules = new Set();
  for (const alert of state.alerts) {
    rules.add(alert.rule);
    if (!admitted(alert)) continue;
    list.append(row(alert));
  }
  const select = $("filters").elements.rule;
  for (const rule of rules) {
    if (![...select.options].some((o) => o.value === rule)) select.append(el("option", { value: rule }, rule));
  }
  drawMap();
  drawTimeline();
}

const VERDICT_WORDS = { confirm: "confirmed", reject: "rejected" };

// Where an alert held for review stands: waiting, or the desk's verdict; null for an alert that was sent.
function reviewBadge(alert) {
  if (alert.tier !== "review") return null;
  if (!alert.verdict) return el("span", { class: "badge held" }, "held for review");
  return el("span", { class: `badge ${alert.verdict.action}` }, VERDICT_WORDS[alert.verdict.action]);
}

function row(alert, fresh = false) {
  const acked = (alert.actions || []).some((a) => a.action === "ack");
  const item = el("li", { class: `${alert.severity}${fresh ? " fresh" : ""}`, "data-id": alert.id },
    el("div", {}, alert.title, acked ? el("span", { class: "badge" }, "acknowledged") : null, reviewBadge(alert)),
    el("div", { class: "meta" }, `${alert.event_date || "undated"} · ${placeName(alert)} · ${alert.severity}`));
  if (state.chosen === alert.id) item.classList.add("chosen");
  item.addEventListener("click", () => choose(alert.id));
  return item;
}

function highlighted(evidence) {
  const sentence = evidence.sentence || "";
  let at = -1;
  if (evidence.trigger) {
    const relative = evidence.trigger_start - evidence.start;
    if (sentence.substr(relative, evidence.trigger.length) === evidence.trigger) at = relative;
    else at = sentence.indexOf(evidence.trigger);
  }
  if (at < 0) return el("blockquote", {}, sentence);
  const end = at + evidence.trigger.length;
  return el("blockquote", {}, sentence.slice(0, at), el("mark", {}, sentence.slice(at, end)), sentence.slice(end));
}

function figureText(figures) {
  return Object.entries(figures || {}).map(([k, v]) => `${k} ${Number(v).toLocaleString()}`).join(", ");
}

async function choose(id) {
  state.chosen = id;
  document.querySelectorAll("#alerts li").forEach((li) => li.classList.toggle("chosen", li.dataset.id === id));
  const alert = await api(`/api/alerts/${encodeURIComponent(id)}`);
  const detail = $("detail");
  const figures = Object.entries(alert.figures || {});
  detail.replaceChildren(...[
    el("h2", {}, alert.title),
    el("p", { class: "meta" }, `${alert.severity} · ${alert.event_date || "undated"} · ${placeName(alert)} · rule `,
      el("code", {}, `${alert.rule} ${alert.rule_version}`), ` · ${alert.corroborations} corroboration(s)`),
    figures.length ? el("table", {}, ...figures.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v)))) : null,
    el("h3", {}, "Sources"),
    el("ul", {}, ...(alert.sources || []).map((s) => el("li", {},
      s.url && /^https?:\/\//.test(s.url) ? el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" },
        s.source || s.url) : (s.source || s.article_id)))),
    el("h3", {}, "Reports over time"),
    (alert.corroborated || []).length ? el("table", { id: "corroborated" },
      el("tr", {}, el("td", {}, alert.event_date || "undated"), el("td", {}, "first report"), el("td", {}, "")),
      ...alert.corroborated.map((c) => el("tr", {}, el("td", {}, c.event_date || "undated"),
        el("td", {}, c.source || c.article_id), el("td", {}, `${figureText(c.figures)}${c.late ? " (late)" : ""}`))))
      : el("p", { class: "hint" }, "no later report yet"),
    el("h3", {}, "Evidence"),
    ...(alert.evidence || []).map(highlighted),
    el("h3", {}, "Deliveries"),
    (alert.deliveries || []).length ? el("table", {}, ...alert.deliveries.map((d) => el("tr", {},
      el("td", {}, d.channel), el("td", {}, d.ok ? "sent" : `failed: ${d.error || ""}`), el("td", {}, d.at))))
      : el("p", { class: "hint" }, "none"),
    ...reviewDetail(alert),
    el("h3", {}, "Desk"),
    el("ul", { id: "actions-done" }, ...(alert.actions || []).map((a) => el("li", {},
      `${a.action}${a.assignee ? ` to ${a.assignee}` : ""} by ${a.by} at ${a.at}${a.note ? `: ${a.note}` : ""}`))),
    actionForm(alert.id, alert.tier === "review" && !alert.verdict)].filter((part) => part !== null));
}

function reviewDetail(alert) {
  if (alert.tier !== "review") return [];
  const verdict = alert.verdict;
  return [el("h3", {}, "Review"),
    el("ul", { class: "reasons" }, ...(alert.review || []).map((reason) => el("li", {}, reason))),
    el("p", { id: "verdict" }, verdict
      ? `${VERDICT_WORDS[verdict.action]} by ${verdict.by} at ${verdict.at}${verdict.note ? `: ${verdict.note}` : ""}`
      : "held for review: not sent until a desk member confirms it")];
}

function actionForm(id, pending) {
  const by = el("input", { name: "by", placeholder: "your name", value: localStorage.getItem("signalfire-by") || "" });
  const note = el("textarea", { name: "note", rows: "2", placeholder: "note" });
  const assignee = el("input", { name: "assignee", placeholder: "assign to" });
  const form = el("form", { class: "actions" }, by, " ", assignee, note);
  const verdicts = pending ? ["confirm", "reject"] : [];
  for (const action of ["ack", "assign", "dismiss", ...verdicts]) {
    const button = el("button", { type: "button", "data-action": action },
      { ack: "Acknowledge", assign: "Assign", dismiss: "Dismiss", confirm: "Confirm", reject: "Reject" }[action]);
    button.addEventListener("click", async () => {
      localStorage.setItem("signalfire-by", by.value);
      const body = { by: by.value, note: note.value || null, assignee: assignee.value || null };
      try {
        await api(`/api/alerts/${encodeURIComponent(id)}/${action}`, {
          method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        await Promise.all([load(), loadReview()]);
        await choose(id);
      } catch (error) {
        form.append(el("p", { class: "hint" }, String(error.message || error)));
      }
    });
    form.append(button, " ");
  }
  return form;
}

async function loadReview() {
  const { alerts } = await api("/api/alerts?tier=review&pending=true");
  state.review = alerts;
  renderReview();
}

function renderReview() {
  $("review").replaceChildren(...state.review.map(reviewRow));
  $("review-count").textContent = String(state.review.length);
  $("review-empty").hidden = state.review.length > 0;
}

// One alert held for review: why it was held, and the desk's two answers (a rejection says why).
function reviewRow(alert) {
  const reason = el("input", { name: "reason", placeholder: "why it is rejected", "aria-label": "reason" });
  reason.hidden = true;
  const problem = el("p", { class: "hint problem" });
  const confirm = el("button", { type: "button", "data-verdict": "confirm" }, "Confirm");
  const reject = el("button", { type: "button", "data-verdict": "reject" }, "Reject");
  confirm.addEventListener("click", () => judge(alert.id, "confirm", null, problem));
  reject.addEventListener("click", () => {
    if (reason.hidden) { reason.hidden = false; reason.focus(); return; }
    if (!reason.value.trim()) { problem.textContent = "say why it is rejected"; reason.focus(); return; }
    judge(alert.id, "reject", reason.value.trim(), problem);
  });
  const title = el("div", { class: "title" }, alert.title);
  title.addEventListener("click", () => choose(alert.id));
  return el("li", { "data-id": alert.id }, title,
    el("div", { class: "meta" }, `${alert.event_date || "undated"} · ${placeName(alert)} · ${alert.severity}`),
    el("ul", { class: "reasons" }, ...(alert.review || []).map((text) => el("li", {}, text))),
    el("div", { class: "verdict-buttons" }, confirm, " ", reject, " ", reason), problem);
}

async function judge(id, verdict, note, problem) {
  const by = $("review-by").value.trim();
  if (!by) { problem.textContent = "give your name first"; $("review-by").focus(); return; }
  localStorage.setItem("signalfire-by", by);
  try {
    await api(`/api/alerts/${encodeURIComponent(id)}/${verdict}`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ by, note }) });
  } catch (error) {
    problem.textContent = String(error.message || error);
    return;
  }
  await Promise.all([load(), loadReview()]);
  await choose(id);  // the verdict, who and when, beside the alert
}

let map = null;

async function drawWorld() {
  map = L.map("map", { worldCopyJump: true, attributionControl: true }).setView([20, 96], 4);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  const world = await (await fetch("/static/vendor/world-atlas/countries-50m.json")).json();
  L.geoJSON(topojson.feature(world, world.objects.countries),
    { style: { color: "#8c96a3", weight: 1, fillColor: "#e7eaee", fillOpacity: 1 } }).addTo(map);
  state.markers = L.layerGroup().addTo(map);
  drawMap();
}

function drawMap() {
  if (!map || !state.markers) return;
  state.markers.clearLayers();
  for (const alert of state.alerts) {
    const place = alert.place || {};
    if (!admitted(alert) || place.lat === null || place.lat === undefined) continue;
    const radius = { town: 7, village: 5, facility: 5 }[place.precision] || 9;
    const marker = L.circleMarker([place.lat, place.lon],
      { radius, color: "#c62828", weight: 2, fillOpacity: 0.6, className: "alert-marker" });
    marker.bindTooltip(document.createTextNode(alert.title));  // text, not markup
    marker.on("click", () => choose(alert.id));
    state.markers.addLayer(marker);
  }
}

function drawTimeline() {
  const counts = new Map();
  for (const alert of state.alerts) {
    if (!admitted(alert) || !alert.event_date) continue;
    const where = (alert.place || {}).admin1 || (alert.place || {}).country || "unplaced";
    const days = counts.get(where) || new Map();
    days.set(alert.event_date, (days.get(alert.event_date) || 0) + 1);
    counts.set(where, days);
  }
  const rows = [...counts.entries()].sort((a, b) => b[1].size - a[1].size).slice(0, 12);
  $("timeline").replaceChildren(el("h3", {}, "Alerts per day, by state or region"), ...rows.map(([where, days]) => {
    const sorted = [...days.entries()].sort().slice(-60);
    return el("div", { class: "row" }, el("span", {}, where),
      el("span", { class: "bars" }, ...sorted.map(([day, n]) => el("span", { title: `${day}: ${n}`,
        style: `height:${Math.min(24, 4 + n * 4)}px` }))));
  }));
}

async function listen() {
  // fetch, not EventSource: the feed needs the bearer token, which EventSource cannot send.
  while (true) {
    try {
      const response = await fetch("/api/stream", { headers: headers() });
      if (response.status === 401) { askForToken(); return; }
      $("live").className = "live on"; $("live").textContent = "live";
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5)).join("\n");
          if (data) arrived(JSON.parse(data));
        }
      }
    } catch (error) { /* the server went away: say so and try again */ }
    $("live").className = "live off"; $("live").textContent = "offline";
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function arrived(alert) {
  alert.actions = alert.actions || [];
  state.alerts = [alert, ...state.alerts.filter((a) => a.id !== alert.id)];
  if (admitted(alert)) $("alerts").prepend(row(alert, true));
  if (alert.tier === "review" && !alert.verdict && !state.review.some((a) => a.id === alert.id)) {
    state.review = [alert, ...state.review];
    renderReview();
  }
  drawMap();
  drawTimeline();
}

$("filters").addEventListener("input", () => load().catch(() => {}));
$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.token = $("token").value;
  sessionStorage.setItem("signalfire-token", state.token);
  $("login").hidden = true;
  start();
});

function start() {
  $("review-by").value = localStorage.getItem("signalfire-by") || "";
  Promise.all([load(), loadReview()]).then(listen).catch(() => {});
}

drawWorld();
start();
