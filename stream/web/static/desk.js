// The desk page: alerts from the API, pushed live, filtered, shown with their evidence, on a map and a timeline;
// the alerts held for review listed apart, each confirmed or rejected here.
// Every text from an article or an alert enters the page as a text node, never as markup.
"use strict";

const state = { token: sessionStorage.getItem("signalfire-token") || "", alerts: [], review: [], chosen: null,
  markers: null, fresh: new Set(), mapMoved: false, fitting: false };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === "") continue;  // no empty text nodes
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function headers(extra = {}) {
  return state.token ? { ...extra, Authorization: `Bearer ${state.token}` } : extra;
}

async function api(path, options = {}) {
  const sent = headers(options.headers || {});
  const response = await fetch(path, { ...options, headers: sent });
  if (response.status === 401 || response.status === 403) {
    await refused(response, "Authorization" in sent);
    throw new Error(`refused: ${response.status}`);
  }
  if (!response.ok) throw new Error((await answerOf(response)).error || response.statusText);
  return response.json();
}

async function answerOf(response) {
  try { return await response.json(); } catch (error) { return {}; }
}

// The server refused the token (``given``: one was sent) or asked for one: say so, forget the token, ask again.
async function refused(response, given) {
  const why = (await answerOf(response)).error;
  state.token = "";
  sessionStorage.removeItem("signalfire-token");
  askForToken(given
    ? `The server refused this token (${response.status} ${response.statusText || "Unauthorized"})`
      + `${why ? `: ${why}` : ""}. Enter the token again.`
    : "This desk needs its token (SIGNALFIRE_TOKEN) to show alerts.");
}

function askForToken(message) {
  $("login").hidden = false;
  $("login-problem").textContent = message || "";
  $("login-problem").hidden = !message;
  $("live").className = "live off"; $("live").textContent = "locked";
  $("token").value = "";
  $("token").focus();
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

// What the desk has done with an alert: acknowledged, assigned (to whom: the latest assignment), dismissed.
function deskState(alert) {
  const actions = alert.actions || [];
  const assigned = actions.filter((a) => a.action === "assign").pop();
  return { acked: actions.some((a) => a.action === "ack"), assignee: assigned ? assigned.assignee : null,
    dismissed: actions.some((a) => a.action === "dismiss") };
}

function admitted(alert) {
  const form = new FormData($("filters"));
  const acked = deskState(alert).acked;
  if (form.get("acked") === "yes" && !acked) return false;
  if (form.get("acked") === "no" && acked) return false;
  const words = (form.get("q") || "").trim().toLowerCase();
  return !words || alert.title.toLowerCase().includes(words);
}

async function load() {
  const { alerts } = await api(`/api/alerts?${query()}`);
  state.alerts = alerts;
  state.mapMoved = false;  // a new question: the map shows its whole answer again
  render();
}

// Newest event first; alerts of one day in the order raised (newest first, as the API gives them); undated last.
function byEventDate(alerts) {
  return [...alerts].sort((a, b) => (b.event_date || "").localeCompare(a.event_date || ""));
}

function placeName(alert) {
  const place = alert.place || {};
  return [place.name, place.admin1, place.country].filter((p, i, all) => p && all.indexOf(p) === i).join(", ");
}

function render() {
  const list = $("alerts");
  list.replaceChildren();
  const rules = new Set();
  for (const alert of byEventDate(state.alerts)) {
    rules.add(alert.rule);
    if (!admitted(alert)) continue;
    list.append(row(alert, state.fresh.has(alert.id)));
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
  const desk = deskState(alert);
  const item = el("li", { class: `${alert.severity}${fresh ? " fresh" : ""}${desk.dismissed ? " dismissed" : ""}`,
    "data-id": alert.id, "data-day": alert.event_date || "" },
    el("div", {}, el("span", { class: "title" }, alert.title),
      desk.acked ? el("span", { class: "badge ack" }, "acknowledged") : null,
      desk.assignee ? el("span", { class: "badge assign" }, `assigned to ${desk.assignee}`) : null,
      desk.dismissed ? el("span", { class: "badge dismiss" }, "dismissed") : null, reviewBadge(alert)),
    el("div", { class: "meta" }, `${alert.event_date || "undated"} · ${placeName(alert)}${areaWord(alert)}`
      + ` · ${alert.severity}`));
  if (state.chosen === alert.id) item.classList.add("chosen");
  item.addEventListener("click", () => choose(alert.id));
  return item;
}

// Where the trigger stands in its sentence: its span (trigger_start, trigger_end are offsets into the sentence,
// 0 as good as any), else where its words are first found; null when it is not there.
function triggerSpan(evidence, sentence) {
  const trigger = evidence.trigger;
  if (typeof trigger !== "string" || trigger === "") return null;
  const start = evidence.trigger_start;
  if (Number.isInteger(start) && start >= 0 && sentence.slice(start, start + trigger.length) === trigger) {
    return [start, start + trigger.length];
  }
  const found = sentence.indexOf(trigger);
  return found >= 0 ? [found, found + trigger.length] : null;
}

function highlighted(evidence) {
  const sentence = evidence.sentence || "";
  const span = triggerSpan(evidence, sentence);
  if (span === null) return el("blockquote", {}, sentence);
  const [at, end] = span;
  return el("blockquote", {}, sentence.slice(0, at), el("mark", {}, sentence.slice(at, end)), sentence.slice(end));
}

// A source as a desk reads it: the outlet, the headline (linked to the article when it has an address), its
// date; an article with no title shows its first words, in quotes.
function sourceItem(s) {
  const outlet = el("span", { class: "outlet" }, s.outlet || s.source || "outlet unknown");
  const words = s.title || (s.opening ? `“${s.opening}”` : `article ${s.article_id}`);
  const url = s.url && /^https?:\/\//i.test(s.url) ? s.url : null;
  const headline = url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, words)
    : el("span", { class: "headline" }, words);
  if (!s.title) headline.classList.add("opening");
  return el("li", {}, outlet, " · ", headline, s.published ? el("span", { class: "meta" }, ` · ${s.published}`) : null,
    s.copy_of ? el("span", { class: "meta" }, " · a copy of an earlier article") : null);
}

// A figure as it stands, and what it was raised with when later reports changed it: "23 (was 20)".
function figureNow(alert, key, value) {
  const raised = (alert.raised_figures || {})[key];
  const now = Number(value).toLocaleString();
  return raised !== undefined && raised !== value ? `${now} (was ${Number(raised).toLocaleString()})` : now;
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
    el("p", { class: "meta" }, `${alert.severity} · ${alert.event_date || "undated"} · ${placeName(alert)}`
      + `${areaWord(alert)} · rule `,
      el("code", {}, `${alert.rule} ${alert.rule_version}`), ` · ${alert.corroborations} corroboration(s)`),
    figures.length ? el("table", { id: "figures" }, ...figures.map(([k, v]) =>
      el("tr", {}, el("th", {}, k), el("td", {}, figureNow(alert, k, v))))) : null,
    el("h3", {}, "Sources"),
    el("ul", { id: "sources" }, ...(alert.sources || []).map(sourceItem)),
    el("h3", {}, "Reports over time"),
    (alert.corroborated || []).length ? el("table", { id: "corroborated" },
      el("tr", {}, el("td", {}, alert.event_date || "undated"), el("td", {}, "first report"), el("td", {}, "")),
      ...alert.corroborated.map((c) => el("tr", {}, el("td", {}, c.event_date || "undated"),
        el("td", {}, c.outlet || c.source || "outlet unknown", c.title ? el("div", { class: "meta" }, c.title) : null),
        el("td", {}, `${figureText(c.figures)}${c.late ? " (late)" : ""}`))))
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
const SEVERITY_COLOURS = { critical: "#7b1fa2", high: "#c62828", medium: "#ef6c00", low: "#9e9d24" };
const HOME_VIEW = [[20, 96], 4];

// An alert placed at a state, region or country has no coordinates of its own: the API gives the centre of its
// area (place.centroid), which the map draws apart from a town's point.
function regionLevel(alert) {
  const place = alert.place || {};
  return (place.lat === null || place.lat === undefined) && Boolean(place.centroid);
}

const AREA_WORDS = { admin1: "state or region", country: "country", district: "district", township: "township" };

// What an alert placed at an area says of its place: " (state or region)", so that no one reads it as a town.
function areaWord(alert) {
  const word = AREA_WORDS[(alert.place || {}).precision];
  return word ? ` (${word})` : "";
}

function pointOf(alert) {
  const place = alert.place || {};
  if (place.lat !== null && place.lat !== undefined) return [place.lat, place.lon];
  return place.centroid ? [place.centroid.lat, place.centroid.lon] : null;
}

async function drawWorld() {
  map = L.map("map", { worldCopyJump: true, attributionControl: true }).setView(...HOME_VIEW);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  map.on("movestart", () => { if (!state.fitting) state.mapMoved = true; });  // the desk's own look round
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => el("div", { class: "legend" },
    el("div", {}, el("span", { class: "dot town" }), " a town or village"),
    el("div", {}, el("span", { class: "dot area" }), " a state, region or country (its centre)"));
  legend.addTo(map);
  state.markers = L.layerGroup().addTo(map);
  drawMap();
  const world = await (await fetch("/static/vendor/world-atlas/countries-50m.json")).json();
  L.geoJSON(topojson.feature(world, world.objects.countries),
    { style: { color: "#8c96a3", weight: 1, fillColor: "#e7eaee", fillOpacity: 1 } }).addTo(map).bringToBack();
}

function drawMap() {
  if (!map || !state.markers) return;
  state.markers.clearLayers();
  const points = [];
  for (const alert of state.alerts) {
    const point = pointOf(alert);
    if (!admitted(alert) || point === null) continue;
    const area = regionLevel(alert);
    const colour = SEVERITY_COLOURS[alert.severity] || "#c62828";
    // A town is a filled dot; an area a larger hollow ring, dashed, so that no desk reads it as a town.
    const marker = L.circleMarker(point, area
      ? { radius: 16, color: colour, weight: 2, dashArray: "5 4", fill: true, fillOpacity: 0,
        className: "alert-marker region-marker" }
      : { radius: { town: 7, village: 5, facility: 5 }[(alert.place || {}).precision] || 9, color: colour,
        weight: 2, fillOpacity: 0.6, className: "alert-marker" });
    // The tooltip is text, not markup; an area's says the point stands for the whole of it.
    marker.bindTooltip(document.createTextNode(area
      ? `${alert.title} (across ${placeName(alert)}: the point is the area's centre)` : alert.title));
    marker.on("click", () => choose(alert.id));
    state.markers.addLayer(marker);
    points.push(point);
  }
  fit(points);
}

// The map shows what it marks: all of it when there are several points, one close up, and, when there is
// none, it stays where it is. Not once the desk has moved the map itself, until the next question (load).
function fit(points) {
  if (state.mapMoved || points.length === 0) return;
  state.fitting = true;
  try {
    // Not closer than a country's scale: a desk sees where in the country, and the country around it.
    if (points.length === 1) map.setView(points[0], Math.max(map.getZoom(), 6), { animate: false });
    else map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 6, animate: false });
  } finally {
    state.fitting = false;
  }
}

const SVG = "http://www.w3.org/2000/svg";
const DAY_MS = 86400000;

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const dayNumber = (day) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY_MS;
const dayText = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// Ticks for a date axis from day ``first`` to day ``last`` (day numbers), at most ``most`` of them: days, weeks,
// or the first of months, quarters or years, each with its label.
function dateTicks(first, last, most) {
  const steps = [[1, "day"], [2, "day"], [7, "day"], [14, "day"], [1, "month"], [2, "month"], [3, "month"],
    [6, "month"], [12, "month"], [24, "month"], [60, "month"]];
  for (const [size, unit] of steps) {
    const ticks = [];
    if (unit === "day") {
      for (let n = first; n <= last; n += size) ticks.push(n);
    } else {
      const start = new Date(first * DAY_MS);
      let year = start.getUTCFullYear(), month = start.getUTCMonth();
      if (start.getUTCDate() !== 1) month += 1;
      month = Math.ceil(month / size) * size;  // months on the step: quarters start in Jan, Apr, Jul, Oct
      for (;;) {
        const n = Date.UTC(year + Math.floor(month / 12), month % 12, 1) / DAY_MS;
        if (n > last) break;
        ticks.push(n);
        month += size;
      }
    }
    if (ticks.length <= most || size === 60) {
      return ticks.map((n) => {
        const d = new Date(n * DAY_MS);
        const label = unit === "day" ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`
          : size >= 12 ? String(d.getUTCFullYear()) : `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
        return [n, label];
      });
    }
  }
  return [];
}

// Alerts per day for each state or region (the 12 with most alerts), on one date axis; each day's bar says its
// count on hover.
function drawTimeline() {
  const counts = new Map();
  for (const alert of state.alerts) {
    if (!admitted(alert) || !alert.event_date) continue;
    const where = (alert.place || {}).admin1 || (alert.place || {}).country || "unplaced";
    const days = counts.get(where) || new Map();
    days.set(alert.event_date, (days.get(alert.event_date) || 0) + 1);
    counts.set(where, days);
  }
  const total = (days) => [...days.values()].reduce((a, b) => a + b, 0);
  const rows = [...counts.entries()].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
  const shown = rows.slice(0, 12);
  const title = el("h3", {}, "Alerts per day, by state or region");
  if (shown.length === 0) {
    $("timeline").replaceChildren(title, el("p", { class: "hint" }, "No dated alert to show."));
    return;
  }
  const every = shown.flatMap(([, days]) => [...days.keys()].map(dayNumber));
  let first = Math.min(...every), last = Math.max(...every);
  if (last - first < 6) { first -= 3; last += 3; }  // a week at least, the days in its middle
  const width = Math.max(320, $("timeline").clientWidth - 20);
  const label = 110, right = 16, lane = 22, top = 4;
  const plot = width - label - right;
  const x = (n) => label + ((n - first) / (last - first)) * plot;
  const most = Math.max(...shown.flatMap(([, days]) => [...days.values()]));
  const barWidth = Math.max(3, Math.min(12, plot / (last - first + 1) - 1));
  const axisY = top + shown.length * lane + 2;
  const chart = svg("svg", { width, height: axisY + 22, role: "img", "aria-label": title.textContent });
  shown.forEach(([where, days], i) => {
    const base = top + (i + 1) * lane - 3;
    chart.append(svg("text", { x: label - 6, y: base - 4, "text-anchor": "end", class: "lane" },
      where.length > 16 ? `${where.slice(0, 15)}…` : where),
    svg("line", { x1: label, x2: label + plot, y1: base, y2: base, class: "lane-line" }));
    for (const [day, n] of [...days.entries()].sort()) {
      const height = 4 + (14 * n) / most;
      chart.append(svg("rect", { x: x(dayNumber(day)) - barWidth / 2, y: base - height, width: barWidth, height,
        class: "day", "data-day": day, "data-count": n },
      svg("title", {}, `${where}, ${day}: ${n} alert${n === 1 ? "" : "s"}`)));
    }
  });
  const axis = svg("g", { class: "axis" }, svg("line", { x1: label, x2: label + plot, y1: axisY, y2: axisY }));
  const ticks = dateTicks(first, last, Math.max(2, Math.floor(plot / 70)));
  for (const [n, text] of ticks) {
    axis.append(svg("line", { x1: x(n), x2: x(n), y1: axisY, y2: axisY + 4 }),
      svg("text", { x: x(n), y: axisY + 16, "text-anchor": "middle" }, text));
  }
  if (ticks.length < 2) {  // too short a span for a tick between: its ends, named
    for (const [n, anchor] of [[first, "start"], [last, "end"]]) {
      axis.append(svg("text", { x: x(n), y: axisY + 16, "text-anchor": anchor }, dayText(n)));
    }
  }
  chart.append(axis);
  $("timeline").replaceChildren(title, chart,
    ...(rows.length > shown.length ? [el("p", { class: "hint" }, `and ${rows.length - shown.length} more`)] : []));
}

async function listen() {
  // fetch, not EventSource: the feed needs the bearer token, which EventSource cannot send.
  while (true) {
    try {
      const sent = headers();
      const response = await fetch("/api/stream", { headers: sent });
      if (response.status === 401 || response.status === 403) { await refused(response, "Authorization" in sent); return; }
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
  state.fresh.add(alert.id);  // marked as new where its event date puts it, for a moment
  setTimeout(() => state.fresh.delete(alert.id), 2000);
  if (alert.tier === "review" && !alert.verdict && !state.review.some((a) => a.id === alert.id)) {
    state.review = [alert, ...state.review];
    renderReview();
  }
  render();
}

$("filters").addEventListener("input", () => load().catch(() => {}));
$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.token = $("token").value.trim();
  sessionStorage.setItem("signalfire-token", state.token);
  $("login").hidden = true;
  $("login-problem").hidden = true;
  start();
});

function start() {
  $("review-by").value = localStorage.getItem("signalfire-by") || "";
  Promise.all([load(), loadReview()]).then(listen).catch(() => {});
}

drawWorld();
start();
