// Barometer dashboard. Plain JS over the JSON API. All data (article text above all) is inserted
// with textContent / createElement, never as HTML, so nothing from an article can run in the page.
"use strict";
(function () {
  const state = { chart: null, series: null, eventsOffset: 0, quotesOffset: 0, pageSize: 25 };
  const $ = (sel) => document.querySelector(sel);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "class") node.className = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
    return node;
  }

  function status(msg) { $("#status").textContent = msg || ""; }

  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
    const headers = {};
    const token = sessionStorage.getItem("barometer-token");
    if (token) headers["Authorization"] = "Bearer " + token;
    let res = await fetch(url, { headers });
    if (res.status === 401) {
      const t = window.prompt("This Barometer API needs a token:");
      if (t) { sessionStorage.setItem("barometer-token", t); return api(path, params); }
    }
    if (!res.ok) {
      let detail = res.statusText;
      try { detail = JSON.stringify((await res.json()).detail); } catch (e) { /* keep statusText */ }
      status("Error " + res.status + ": " + detail);
      throw new Error(detail);
    }
    return res.json();
  }

  // ---- routing -------------------------------------------------------------------------------
  function show(view) {
    document.querySelectorAll(".view").forEach((v) => { v.hidden = v.id !== "view-" + view; });
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === view));
  }

  async function route() {
    const parts = (window.location.hash || "#/timeline").slice(2).split("/").map(decodeURIComponent);
    const view = parts[0] || "timeline";
    show(view);
    if (view === "article" && parts[1]) await openArticle(parts[1], parts[2] || null);
    if (view === "events") await loadEvents();
    if (view === "quotes") await loadQuotes();
    if (view === "network") await loadNetwork();
  }

  function openEvent(ev) {
    window.location.hash = "#/article/" + encodeURIComponent(ev.article_id) + "/" + encodeURIComponent(ev.event_id);
  }

  // ---- dyad timeline -------------------------------------------------------------------------
  async function loadDyad() {
    const a = $("#dyad-a").value.trim().toUpperCase(), b = $("#dyad-b").value.trim().toUpperCase();
    if (!a || !b) return;
    const by = $("#dyad-by").value, directed = $("#dyad-directed").checked;
    status("loading " + a + "–" + b + "…");
    const s = await api("/api/dyads/" + encodeURIComponent(a) + "/" + encodeURIComponent(b), { by, directed });
    state.series = s;
    drawChart(s);
    const al = await api("/api/alerts", { by, directed, actor: a });
    const list = $("#dyad-alerts");
    list.replaceChildren();
    const mine = al.items.filter((x) => (x.a === a && x.b === b) || (!directed && x.a === b && x.b === a));
    for (const x of mine) list.append(el("li", {}, x.message));
    if (!mine.length) list.append(el("li", { class: "none" }, "none"));
    $("#point-events tbody").replaceChildren();
    $("#point-title").textContent = "Events of the selected period (click a point)";
    status(s.rows.length + " " + by + "(s), " + s.rows.reduce((n, r) => n + r.events, 0) + " done events");
  }

  function drawChart(s) {
    const labels = s.rows.map((r) => r.label);
    const data = {
      labels,
      datasets: [
        { type: "line", label: "escalation index", data: s.rows.map((r) => r.escalation_index), yAxisID: "y", borderColor: "#333", backgroundColor: "#333", pointRadius: 5, pointHoverRadius: 8 },
        { type: "line", label: "conflict intensity", data: s.rows.map((r) => r.conflict_intensity), yAxisID: "y", borderColor: "#d62728", backgroundColor: "#d62728", pointRadius: 5, pointHoverRadius: 8 },
        { type: "bar", label: "done events", data: s.rows.map((r) => r.events), yAxisID: "y1", backgroundColor: "rgba(100,160,220,.5)", stack: "n" },
        { type: "bar", label: "threats / intentions", data: s.rows.map((r) => r.threats), yAxisID: "y1", backgroundColor: "rgba(250,170,90,.6)", stack: "n" },
      ],
    };
    const options = {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      scales: { y: { position: "left", title: { display: true, text: "per article" } },
                y1: { position: "right", stacked: true, beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "events" } },
                x: { stacked: true } },
      onClick: (evt, elements, chart) => {
        const hits = chart.getElementsAtEventForMode(evt, "index", { intersect: false }, true);
        if (hits.length) pointEvents(hits[0].index);
      },
    };
    if (state.chart) state.chart.destroy();
    state.chart = new window.Chart($("#dyad-chart"), { data, options });
  }

  async function pointEvents(index) {
    const s = state.series, row = s.rows[index];
    const res = await api("/api/dyads/" + encodeURIComponent(s.a) + "/" + encodeURIComponent(s.b) + "/events",
      { period: row.period, by: s.by, directed: s.directed });
    $("#point-title").textContent = s.label + " — " + row.label + ": " + res.items.length + " event(s)";
    const body = $("#point-events tbody");
    body.replaceChildren(...res.items.map((e) => el("tr", { dataset: { article: e.article_id, event: e.event_id }, on: { click: () => openEvent(e) } },
      el("td", {}, e.date), el("td", {}, e.type), el("td", {}, e.status), el("td", {}, e.source), el("td", {}, e.target),
      el("td", {}, e.goldstein), el("td", {}, e.evidence))));
  }

  // ---- network -------------------------------------------------------------------------------
  async function loadNetwork() {
    const net = await api("/api/network", { since: $("#net-since").value, until: $("#net-until").value, limit: 120 });
    const svg = $("#network"), NS = "http://www.w3.org/2000/svg";
    svg.replaceChildren();
    const nodes = net.nodes.slice(0, 40), W = 800, H = 560, R = 220;
    const pos = {};
    nodes.forEach((n, i) => {
      const t = (2 * Math.PI * i) / Math.max(nodes.length, 1);
      pos[n.id] = [W / 2 + R * Math.cos(t), H / 2 + R * Math.sin(t)];
    });
    const mk = (tag, attrs) => { const n = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); return n; };
    const defs = mk("defs", {}), marker = mk("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "18", refY: "5", markerWidth: "6", markerHeight: "6", orient: "auto" });
    marker.append(mk("path", { d: "M0,0 L10,5 L0,10 z", fill: "#888" }));
    defs.append(marker); svg.append(defs);
    for (const e of net.edges) {
      if (!pos[e.src] || !pos[e.tgt]) continue;
      const color = e.conflict > e.cooperation ? "#d62728" : "#2ca02c";
      const line = mk("line", { x1: pos[e.src][0], y1: pos[e.src][1], x2: pos[e.tgt][0], y2: pos[e.tgt][1], stroke: color,
        "stroke-opacity": "0.6", "stroke-width": String(Math.min(1 + e.events, 10)), "marker-end": "url(#arrow)" });
      const title = mk("title", {}); title.textContent = e.src + " → " + e.tgt + ": " + e.events + " event(s), Goldstein " + e.goldstein_sum;
      line.append(title); svg.append(line);
    }
    for (const n of nodes) {
      const g = mk("g", { class: "node" });
      const c = mk("circle", { cx: pos[n.id][0], cy: pos[n.id][1], r: String(6 + Math.min(n.events, 20)), fill: "#1f77b4", "fill-opacity": "0.8" });
      const label = mk("text", { x: pos[n.id][0] + 10, y: pos[n.id][1] - 10 }); label.textContent = n.id;
      g.append(c, label);
      g.addEventListener("click", () => { $("#dyad-a").value = n.id; window.location.hash = "#/timeline"; });
      svg.append(g);
    }
    status(net.nodes.length + " actors, " + net.edges.length + " dyads");
  }

  // ---- events and quotes tables ---------------------------------------------------------------
  function formParams(form) { return Object.fromEntries(new FormData(form).entries()); }

  function pager(box, total, offset, onMove) {
    box.replaceChildren(
      el("button", { type: "button", on: { click: () => onMove(Math.max(0, offset - state.pageSize)) } }, "‹ previous"),
      el("span", {}, total ? (offset + 1) + "–" + Math.min(total, offset + state.pageSize) + " of " + total : "no rows"),
      el("button", { type: "button", on: { click: () => { if (offset + state.pageSize < total) onMove(offset + state.pageSize); } } }, "next ›"));
  }

  async function loadEvents(offset) {
    state.eventsOffset = offset || 0;
    const p = formParams($("#events-form"));
    const res = await api("/api/events", { ...p, limit: state.pageSize, offset: state.eventsOffset });
    $("#events-table tbody").replaceChildren(...res.items.map((e) => el("tr", { dataset: { article: e.article_id, event: e.event_id }, on: { click: () => openEvent(e) } },
      el("td", {}, e.date), el("td", {}, e.type), el("td", {}, e.status), el("td", {}, e.source || ""), el("td", {}, e.target || ""),
      el("td", {}, e.cameo || ""), el("td", {}, e.goldstein), el("td", {}, e.rule), el("td", {}, e.evidence))));
    pager($("#events-pager"), res.total, state.eventsOffset, loadEvents);
  }

  async function loadQuotes(offset) {
    state.quotesOffset = offset || 0;
    const p = formParams($("#quotes-form"));
    const res = await api("/api/quotes", { ...p, limit: state.pageSize, offset: state.quotesOffset });
    $("#quotes-table tbody").replaceChildren(...res.items.map((q) => el("tr", { on: { click: () => { window.location.hash = "#/article/" + encodeURIComponent(q.article_id) + "/" + encodeURIComponent(q.quote_id); } } },
      el("td", {}, q.published), el("td", {}, q.speaker_name || q.speaker_text || "?"), el("td", {}, q.kind), el("td", {}, q.text), el("td", {}, q.about || ""), el("td", {}, q.event_types || ""), el("td", {}, q.title || ""))));
    pager($("#quotes-pager"), res.total, state.quotesOffset, loadQuotes);
  }

  // ---- article view with evidence highlighting ------------------------------------------------
  function spansOf(an) {
    const spans = [];
    for (const a of an.actors) for (const m of a.mentions) spans.push({ start: m.start, end: m.end, kind: "actor", label: a.name + (a.code ? " (" + a.code + ")" : "") });
    for (const e of an.events) spans.push({ start: e.evidence.start, end: e.evidence.end, kind: "event", id: e.id, label: e.type + " [" + e.status + "]" });
    for (const q of an.quotes) spans.push({ start: q.start, end: q.end, kind: "quote", id: q.id, label: "quote" + (q.speaker_text ? " by " + q.speaker_text : "") });
    for (const t of an.times) spans.push({ start: t.start, end: t.end, kind: "time", label: "date " + (t.value || "") });
    for (const m of an.amounts) spans.push({ start: m.start, end: m.end, kind: "amount", label: "amount " + (m.value ?? "") + " " + (m.unit || "") });
    return spans.filter((s) => s.end > s.start);
  }

  function renderText(text, spans) {
    // Cut the text at every span boundary; each piece carries the classes of the spans covering it.
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((x, y) => x - y);
    const frag = document.createDocumentFragment();
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i], b = points[i + 1];
      const cover = spans.filter((s) => s.start <= a && s.end >= b);
      const piece = text.slice(a, b);
      if (!cover.length) { frag.append(document.createTextNode(piece)); continue; }
      const ids = cover.filter((s) => s.id).map((s) => s.id);
      const node = el("span", { class: [...new Set(cover.map((s) => "hl-" + s.kind))].join(" "), title: cover.map((s) => s.label).join("; "),
        "data-start": a, "data-end": b, "data-ids": ids.join(" ") }, piece);
      frag.append(node);
    }
    return frag;
  }

  async function openArticle(id, focusId) {
    const an = await api("/api/articles/" + encodeURIComponent(id));
    $("#article-title").textContent = an.article.title || "(untitled)";
    $("#article-meta").textContent = [an.article.published, an.article.outlet, (an.article.wire || []).join(", "), an.article.url].filter(Boolean).join(" · ");
    const box = $("#article-text");
    box.replaceChildren(renderText(an.article.text, spansOf(an)));
    const list = $("#article-events");
    list.replaceChildren(...an.events.map((e) => el("li", { dataset: { event: e.id }, on: { click: () => { window.location.hash = "#/article/" + encodeURIComponent(id) + "/" + encodeURIComponent(e.id); } } },
      e.type + " [" + e.status + "] " + (an.actors.find((a) => a.id === e.source)?.name || "?") + " → " + (an.actors.find((a) => a.id === e.target)?.name || "?"))));
    $("#focus-evidence").textContent = "";
    if (focusId) focus(an, focusId);
    status("article " + id.slice(0, 12) + ": " + an.events.length + " events, " + an.quotes.length + " quotes");
  }

  function focus(an, focusId) {
    const box = $("#article-text");
    const target = an.events.find((e) => e.id === focusId) || an.quotes.find((q) => q.id === focusId);
    if (!target) return;
    const start = target.evidence ? target.evidence.start : target.start, end = target.evidence ? target.evidence.end : target.end;
    const pieces = [...box.querySelectorAll("span[data-start]")].filter((n) => Number(n.dataset.start) >= start && Number(n.dataset.end) <= end);
    pieces.forEach((n) => n.classList.add("focus"));
    if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
    $("#focus-evidence").textContent = an.article.text.slice(start, end);
    $("#focus-evidence").dataset.id = focusId;
  }

  // ---- start ---------------------------------------------------------------------------------
  async function start() {
    $("#dyad-form").addEventListener("submit", (e) => { e.preventDefault(); loadDyad(); });
    $("#events-form").addEventListener("submit", (e) => { e.preventDefault(); loadEvents(0); });
    $("#quotes-form").addEventListener("submit", (e) => { e.preventDefault(); loadQuotes(0); });
    $("#network-form").addEventListener("submit", (e) => { e.preventDefault(); loadNetwork(); });
    window.addEventListener("hashchange", route);
    const dy = await api("/api/dyads", { directed: false, limit: 100 });
    const keys = new Set();
    for (const d of dy.items) { keys.add(d.a); keys.add(d.b); }
    $("#actor-keys").replaceChildren(...[...keys].sort().map((k) => el("option", { value: k })));
    const params = new URLSearchParams(window.location.search);
    const top = dy.items.find((d) => (d.a === "RUS" && d.b === "UKR") || (d.a === "UKR" && d.b === "RUS")) || dy.items[0];
    $("#dyad-a").value = params.get("a") || (top ? top.a : "RUS");
    $("#dyad-b").value = params.get("b") || (top ? top.b : "UKR");
    if (params.get("by")) $("#dyad-by").value = params.get("by");
    await loadDyad();
    await route();
    document.body.dataset.ready = "1";
  }

  window.barometer = { state, openArticle, loadDyad };
  document.addEventListener("DOMContentLoaded", () => { start().catch((e) => status(String(e))); });
})();
