// Barometer dashboard. Plain JS over the JSON API. All data (article text above all) is inserted
// with textContent / createElement, never as HTML, so nothing from an article can run in the page.
// Every filter lives in the query string (the view in the hash), so a URL is a view one can share.
"use strict";
(function () {
  const state = { chart: null, series: null, dyadAlerts: [], offsets: {}, pageSize: 25, world: null, mapFit: true,
    version: null, known: null, defaults: {}, pollMs: 15000 };
  const $ = (sel) => document.querySelector(sel);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
    return node;
  }
  const svgEl = (tag, attrs) => { const n = document.createElementNS("http://www.w3.org/2000/svg", tag); for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v); return n; };
  function status(msg) { $("#status").textContent = msg || ""; }

  // ---- the URL: filters in the query string ----------------------------------------------------
  const params = () => new URLSearchParams(window.location.search);
  function setParams(updates) {
    const p = params();
    for (const [k, v] of Object.entries(updates)) {
      if (v === "" || v === null || v === undefined || v === false) p.delete(k); else p.set(k, v === true ? "1" : String(v));
    }
    const qs = p.toString();
    window.history.replaceState(null, "", (qs ? "?" + qs : window.location.pathname) + window.location.hash);
  }
  function formValues(form) { return Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v !== "")); }

  // The event scope every request carries: date range, confidence bound, historical events.
  function scope() {
    const conf = $("#scope-conf").value;
    return { since: $("#scope-since").value, until: $("#scope-until").value,
      min_confidence: conf === "" ? undefined : conf, historical: $("#scope-hist").checked ? "true" : undefined };
  }

  async function api(path, query, opts) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(query || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
    const headers = {};
    const token = sessionStorage.getItem("barometer-token");
    if (token) headers["Authorization"] = "Bearer " + token;
    const res = await fetch(url, { headers });
    if (res.status === 401) {
      const t = window.prompt("This Barometer API needs a token:");
      if (t) { sessionStorage.setItem("barometer-token", t); return api(path, query, opts); }
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
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === view || (view === "article" && a.dataset.view === "articles")));
  }

  async function route() {
    const parts = (window.location.hash || "#/timeline").slice(2).split("/").map(decodeURIComponent);
    let view = parts[0] || "timeline";
    if (view === "article" && !parts[1]) { window.location.hash = "#/articles"; return; }
    if (!document.getElementById("view-" + view)) view = "timeline";
    show(view);
    if (view === "timeline") await loadDyad(false);
    if (view === "article") await openArticle(parts[1], parts[2] || null);
    if (view === "alerts") await loadAlerts();
    if (view === "map") await loadMap();
    if (view === "events") await loadEvents(state.offsets.events || 0);
    if (view === "quotes") await loadQuotes(state.offsets.quotes || 0);
    if (view === "articles") await loadArticles(state.offsets.articles || 0);
    if (view === "network") await loadNetwork();
  }

  const articleLink = (id, focus) => "#/article/" + encodeURIComponent(id) + (focus ? "/" + encodeURIComponent(focus) : "");
  function openEvent(ev) { window.location.hash = articleLink(ev.article_id, ev.event_id); }

  // ---- dyad timeline -------------------------------------------------------------------------
  function dyadOf() {
    return { a: $("#dyad-a").value.trim().toUpperCase(), b: $("#dyad-b").value.trim().toUpperCase(),
      by: $("#dyad-by").value, directed: $("#dyad-directed").checked };
  }

  async function loadDyad(force) {
    const d = dyadOf();
    if (!d.a || !d.b) return;
    const key = JSON.stringify([d, scope()]);
    if (!force && state.dyadKey === key && state.chart) return;
    state.dyadKey = key;
    setParams({ a: d.a, b: d.b, by: d.by === "week" ? "" : d.by, directed: d.directed ? "" : "0" });
    const arrow = d.directed ? " → " : " – ";
    $("#chart-title").textContent = d.a + arrow + d.b + " by " + d.by;
    status("loading " + d.a + arrow + d.b + "…");
    const s = await api("/api/dyads/" + encodeURIComponent(d.a) + "/" + encodeURIComponent(d.b), { ...scope(), by: d.by, directed: d.directed });
    const al = await api("/api/alerts", { ...scope(), by: d.by, directed: d.directed, actor: s.a, limit: 500 });
    state.series = s;
    state.dyadAlerts = al.items.filter((x) => (x.a === s.a && x.b === s.b) || (!d.directed && x.a === s.b && x.b === s.a));
    drawChart(s, state.dyadAlerts);
    renderAlertList($("#dyad-alerts"), state.dyadAlerts);
    $("#point-events tbody").replaceChildren();
    $("#point-title").textContent = "Events of the selected period (click a period)";
    const covered = s.rows.filter((r) => r.articles > 0).length;
    status(s.rows.length + " " + d.by + "s (" + (s.rows.length - covered) + " without news), " + s.rows.reduce((n, r) => n + r.events, 0) + " done events");
    document.body.dataset.chart = s.label;
  }

  // Labels each alert's period with its top event, above the conflict-intensity line.
  const alertLabels = {
    id: "alertLabels",
    beforeDatasetsDraw(chart, args, opts) {  // periods no stored story speaks of: shaded, unknown
      const x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx, step = x.width / Math.max(1, chart.data.labels.length);
      ctx.save(); ctx.fillStyle = "rgba(0,0,0,.06)";
      (opts.gaps || []).forEach((i) => ctx.fillRect(x.getPixelForValue(i) - step / 2, area.top, step, area.bottom - area.top));
      ctx.restore();
    },
    afterDatasetsDraw(chart, args, opts) {
      const meta = chart.getDatasetMeta(1), ctx = chart.ctx, area = chart.chartArea;
      (opts.marks || []).forEach((m, k) => {
        const pt = meta.data[m.index];
        if (!pt) return;
        ctx.save();
        ctx.strokeStyle = "rgba(214,39,40,.6)"; ctx.setLineDash([3, 3]);
        ctx.beginPath(); ctx.moveTo(pt.x, area.top); ctx.lineTo(pt.x, area.bottom); ctx.stroke();
        ctx.setLineDash([]); ctx.fillStyle = "#8b0000"; ctx.font = "11px system-ui, sans-serif";
        const w = ctx.measureText(m.label).width;
        const x = Math.min(Math.max(pt.x - w / 2, area.left), area.right - w), y = Math.max(area.top + 12, pt.y - 14 - (k % 3) * 13);
        ctx.fillStyle = "rgba(255,255,255,.85)"; ctx.fillRect(x - 2, y - 10, w + 4, 13);
        ctx.fillStyle = "#8b0000"; ctx.fillText(m.label, x, y);
        ctx.restore();
      });
    },
  };

  function alertLabel(x) {
    const e = x.top_event;
    return (e ? e.type + " " + e.source + "→" + e.target : "alert") + " · " + x.stories + " stories";
  }

  function drawChart(s, alerts) {
    const labels = s.rows.map((r) => r.label);
    const marks = alerts.map((x) => ({ index: s.rows.findIndex((r) => r.label === x.label), label: alertLabel(x) })).filter((m) => m.index >= 0);
    const data = {
      labels,
      datasets: [
        { type: "line", label: "escalation index", data: s.rows.map((r) => r.escalation_index), yAxisID: "y", borderColor: "#333", backgroundColor: "#333", pointRadius: 4, pointHoverRadius: 7, spanGaps: false },
        { type: "line", label: "conflict intensity", data: s.rows.map((r) => r.conflict_intensity), yAxisID: "y", borderColor: "#d62728", backgroundColor: "#d62728", pointRadius: 5, pointHoverRadius: 8, spanGaps: false },
        { type: "bar", label: "done events", data: s.rows.map((r) => r.events), yAxisID: "y1", backgroundColor: "rgba(100,160,220,.7)", stack: "n" },
        { type: "bar", label: "threats / intentions", data: s.rows.map((r) => r.threats), yAxisID: "y1", backgroundColor: "rgba(250,170,90,.75)", stack: "n" },
      ],
    };
    const options = {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom" }, alertLabels: { marks, gaps: s.rows.map((r, i) => (r.articles ? -1 : i)).filter((i) => i >= 0) },
        tooltip: { callbacks: { footer: (items) => { const r = s.rows[items[0].dataIndex]; return r.articles ? r.articles + " stories" : "no stored story speaks of this period"; } } } },
      scales: {  // two panels on one time axis: bars from zero below, lines above
        y1: { position: "left", stack: "timeline", stackWeight: 1, stacked: true, beginAtZero: true, title: { display: true, text: "events" }, ticks: { precision: 0 } },
        y: { position: "left", stack: "timeline", stackWeight: 2, offset: true, title: { display: true, text: "per story" }, grace: "25%" },
        x: { stacked: true },
      },
      onClick: (evt, elements, chart) => {
        const hits = chart.getElementsAtEventForMode(evt, "index", { intersect: false }, true);
        if (hits.length) pointEvents(hits[0].index);
      },
    };
    if (state.chart) state.chart.destroy();
    state.chart = new window.Chart($("#dyad-chart"), { data, options, plugins: [alertLabels] });
  }

  async function pointEvents(index) {
    const s = state.series, row = s.rows[index];
    const res = await api("/api/dyads/" + encodeURIComponent(s.a) + "/" + encodeURIComponent(s.b) + "/events",
      { ...scope(), since: undefined, until: undefined, period: row.period, by: s.by, directed: s.directed });
    $("#point-title").textContent = s.label + " — " + row.label + ": " + res.items.length + " event(s)";
    $("#point-events tbody").replaceChildren(...res.items.map((e) => el("tr", { dataset: { article: e.article_id, event: e.event_id }, on: { click: () => openEvent(e) } },
      el("td", {}, e.date), el("td", {}, e.type), el("td", {}, e.status), el("td", {}, e.source), el("td", {}, e.target),
      el("td", {}, e.goldstein), el("td", {}, e.evidence))));
  }

  // An alert with the stories and top events it rests on, each linked to its evidence.
  function alertDetails(x) {
    const stories = el("ol", { class: "stories" }, ...x.evidence.map((st) => el("li", {},
      el("a", { href: articleLink(st.article_id, st.events[0] && st.events[0].event_id) }, st.title || "(untitled)"),
      " — " + [st.published, st.outlet].filter(Boolean).join(", "),
      el("ul", {}, ...st.events.map((e) => el("li", {}, el("a", { href: articleLink(e.article_id, e.event_id), class: "evidence-link" }, e.type + " " + e.source + "→" + e.target), ": " + (e.evidence || "")))))));
    return el("details", { class: "alert" }, el("summary", {}, x.message), el("p", { class: "hint" }, "Outlets: " + (x.outlet_names || []).join(", ")), stories);
  }

  function renderAlertList(list, alerts) {
    list.replaceChildren(...alerts.map((x) => el("li", {}, alertDetails(x))));
    if (!alerts.length) list.append(el("li", { class: "none" }, "none (an alert needs " + (state.defaults.alert_min_stories ?? 3) + " stories from " + (state.defaults.alert_min_outlets ?? 2) + " outlets)"));
  }

  // ---- alerts overview -------------------------------------------------------------------------
  async function loadAlerts() {
    const form = $("#alerts-form"), p = formValues(form);
    setParams({ method: p.method === "sigma" ? "" : p.method, abby: p.by === "week" ? "" : p.by, aactor: p.actor, min_stories: p.min_stories, min_outlets: p.min_outlets });
    const res = await api("/api/alerts", { ...scope(), ...p, limit: 500 });
    const body = $("#alerts-table tbody");
    body.replaceChildren();
    for (const x of res.items) {
      const dyad = x.a + (x.directed ? "→" : "–") + x.b;
      const open = () => { $("#dyad-a").value = x.a; $("#dyad-b").value = x.b; $("#dyad-by").value = p.by || "week"; $("#dyad-directed").checked = x.directed; window.location.hash = "#/timeline"; };
      body.append(el("tr", { dataset: { dyad } },
        el("td", {}, x.label), el("td", {}, el("a", { href: "#/timeline", on: { click: (e) => { e.preventDefault(); open(); } } }, dyad)),
        el("td", {}, x.score), el("td", {}, x.stories), el("td", {}, x.outlets), el("td", {}, alertDetails(x))));
    }
    status(res.items.length + " alert(s) across all dyads");
  }

  // ---- map -------------------------------------------------------------------------------------
  const W = 1000, H = 500;
  const project = (lon, lat) => [((lon + 180) / 360) * W, ((90 - lat) / 180) * H];
  function ringPath(ring) { return ring.map(([lon, lat], i) => { const [x, y] = project(lon, lat); return (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1); }).join("") + "Z"; }
  function geometryPath(g) {
    if (!g) return "";
    if (g.type === "Polygon") return g.coordinates.map(ringPath).join("");
    if (g.type === "MultiPolygon") return g.coordinates.map((p) => p.map(ringPath).join("")).join("");
    return "";
  }

  async function loadMap() {
    const form = $("#map-form"), p = formValues(form);
    setParams({ mactor: p.actor, mtype: p.type });
    if (!state.world) {
      const topo = await fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json());
      state.world = window.topojson.feature(topo, topo.objects.countries).features.map((f) => ({ name: f.properties.name, d: geometryPath(f.geometry) }));
    }
    const res = await api("/api/places", { ...scope(), ...p, limit: 500 });
    const svg = $("#map");
    svg.replaceChildren();
    const land = svgEl("g", { class: "land" });
    for (const c of state.world) { const path = svgEl("path", { d: c.d }); const t = svgEl("title", {}); t.textContent = c.name; path.append(t); land.append(path); }
    svg.append(land);
    const pts = res.items.map((pl) => ({ ...pl, xy: project(pl.lon, pl.lat) }));
    let box = [0, 0, W, H];
    if (state.mapFit && pts.length) {
      const xs = pts.map((q) => q.xy[0]), ys = pts.map((q) => q.xy[1]);
      let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
      const span = Math.max(x1 - x0, (y1 - y0) * 2, 40);
      const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, w = span * 1.3, h = w / 2;
      box = [cx - w / 2, cy - h / 2, w, h];
    }
    svg.setAttribute("viewBox", box.map((v) => v.toFixed(1)).join(" "));
    const k = box[2] / W;
    const max = Math.max(1, ...pts.map((q) => q.events));
    const dots = svgEl("g", { class: "places" });
    for (const q of pts) {
      const c = svgEl("circle", { cx: q.xy[0], cy: q.xy[1], r: String((3 + 14 * Math.sqrt(q.events / max)) * k), class: q.conflict > q.cooperation ? "place conflict" : "place coop", "data-name": q.name, tabindex: "0" });
      const t = svgEl("title", {}); t.textContent = q.name + (q.country ? " (" + q.country + ")" : "") + ": " + q.events + " event(s), " + q.stories + " stories";
      c.append(t);
      c.addEventListener("click", () => loadPlaceEvents(q.name));
      dots.append(c);
    }
    svg.append(dots);
    status(pts.length + " place(s) with events");
    document.body.dataset.map = String(pts.length);
  }

  async function loadPlaceEvents(name) {
    const p = formValues($("#map-form"));
    const res = await api("/api/places/events", { ...scope(), ...p, name, limit: 200 });
    $("#place-title").textContent = name + ": " + res.items.length + " event(s)";
    document.querySelectorAll("#map circle.place").forEach((c) => c.classList.toggle("chosen", c.dataset.name === name));
    $("#place-events tbody").replaceChildren(...res.items.map((e) => el("tr", { dataset: { article: e.article_id, event: e.event_id }, on: { click: () => openEvent(e) } },
      el("td", {}, e.date), el("td", {}, e.type), el("td", {}, e.status), el("td", {}, e.source || ""), el("td", {}, e.target || ""), el("td", {}, e.evidence))));
  }

  // ---- network ---------------------------------------------------------------------------------
  async function loadNetwork() {
    const net = await api("/api/network", { ...scope(), limit: 120 });
    const svg = $("#network");
    svg.replaceChildren();
    const nodes = net.nodes.slice(0, 40), Wn = 800, Hn = 560, R = 220, pos = {};
    nodes.forEach((n, i) => { const t = (2 * Math.PI * i) / Math.max(nodes.length, 1); pos[n.id] = [Wn / 2 + R * Math.cos(t), Hn / 2 + R * Math.sin(t)]; });
    const defs = svgEl("defs", {}), marker = svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "18", refY: "5", markerWidth: "6", markerHeight: "6", orient: "auto" });
    marker.append(svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: "#888" }));
    defs.append(marker); svg.append(defs);
    for (const e of net.edges) {
      if (!pos[e.src] || !pos[e.tgt]) continue;
      const line = svgEl("line", { x1: pos[e.src][0], y1: pos[e.src][1], x2: pos[e.tgt][0], y2: pos[e.tgt][1], stroke: e.conflict > e.cooperation ? "#d62728" : "#2ca02c",
        "stroke-opacity": "0.6", "stroke-width": String(Math.min(1 + e.events, 10)), "marker-end": "url(#arrow)" });
      const title = svgEl("title", {}); title.textContent = e.src + " → " + e.tgt + ": " + e.events + " event(s), Goldstein " + e.goldstein_sum;
      line.append(title); svg.append(line);
    }
    for (const n of nodes) {
      const g = svgEl("g", { class: "node", "data-id": n.id });
      const label = svgEl("text", { x: pos[n.id][0] + 10, y: pos[n.id][1] - 10 }); label.textContent = n.id;
      g.append(svgEl("circle", { cx: pos[n.id][0], cy: pos[n.id][1], r: String(6 + Math.min(n.events, 20)), fill: "#1f77b4", "fill-opacity": "0.8" }), label);
      // Charts the actor: the chart, its alerts and the URL all follow.
      g.addEventListener("click", () => { $("#dyad-a").value = n.id; if ($("#dyad-b").value.toUpperCase() === n.id) $("#dyad-b").value = ""; window.location.hash = "#/timeline"; });
      svg.append(g);
    }
    status(net.nodes.length + " actors, " + net.edges.length + " dyads");
  }

  // ---- events, quotes and articles tables ---------------------------------------------------------
  function pager(box, total, offset, onMove) {
    const size = state.pageSize;
    box.replaceChildren(
      el("button", { type: "button", class: "prev", disabled: offset <= 0, on: { click: () => onMove(Math.max(0, offset - size)) } }, "‹ previous"),
      el("span", {}, total ? (offset + 1) + "–" + Math.min(total, offset + size) + " of " + total : "no rows"),
      el("button", { type: "button", class: "next", disabled: offset + size >= total, on: { click: () => onMove(offset + size) } }, "next ›"));
  }

  function exportLinks(filters) {
    document.querySelectorAll(".export a[data-format]").forEach((a) => {
      const u = new URL("/api/export", window.location.origin);
      for (const [k, v] of Object.entries({ ...scope(), ...filters, format: a.dataset.format })) if (v !== "" && v !== undefined) u.searchParams.set(k, v);
      a.href = u.pathname + u.search;
    });
  }

  async function loadEvents(offset) {
    state.offsets.events = offset || 0;
    const p = formValues($("#events-form"));
    setParams({ eactor: p.actor, etype: p.type, estatus: p.status, etext: p.text, eoffset: state.offsets.events || "" });
    exportLinks(p);
    const res = await api("/api/events", { ...scope(), ...p, limit: state.pageSize, offset: state.offsets.events });
    $("#events-table tbody").replaceChildren(...res.items.map((e) => el("tr", { dataset: { article: e.article_id, event: e.event_id }, on: { click: () => openEvent(e) } },
      el("td", {}, e.date), el("td", {}, e.type), el("td", {}, e.status), el("td", {}, e.source || ""), el("td", {}, e.target || ""),
      el("td", {}, e.cameo || ""), el("td", {}, e.goldstein), el("td", {}, e.confidence), el("td", {}, e.rule), el("td", {}, e.evidence))));
    pager($("#events-pager"), res.total, state.offsets.events, loadEvents);
  }

  async function loadQuotes(offset) {
    state.offsets.quotes = offset || 0;
    const p = formValues($("#quotes-form"));
    setParams({ qspeaker: p.speaker, qabout: p.about, qtext: p.text });
    const res = await api("/api/quotes", { since: scope().since, until: scope().until, ...p, limit: state.pageSize, offset: state.offsets.quotes });
    $("#quotes-table tbody").replaceChildren(...res.items.map((q) => el("tr", { on: { click: () => { window.location.hash = articleLink(q.article_id, q.quote_id); } } },
      el("td", {}, q.published), el("td", {}, q.speaker_name || q.speaker_text || "?"), el("td", {}, q.kind), el("td", {}, q.text), el("td", {}, q.about || ""), el("td", {}, q.event_types || ""), el("td", {}, q.title || ""))));
    pager($("#quotes-pager"), res.total, state.offsets.quotes, loadQuotes);
  }

  async function loadArticles(offset) {
    state.offsets.articles = offset || 0;
    const p = formValues($("#articles-form"));
    setParams({ q: p.q });
    const res = await api("/api/articles", { since: scope().since, until: scope().until, ...p, limit: state.pageSize, offset: state.offsets.articles });
    $("#articles-table tbody").replaceChildren(...res.items.map((a) => el("tr", { dataset: { article: a.id }, on: { click: () => { window.location.hash = articleLink(a.id); } } },
      el("td", {}, a.published), el("td", {}, a.title || "(untitled)"), el("td", {}, a.outlet || ""), el("td", {}, a.n_events), el("td", { class: "snippet" }, a.snippet ? "…" + a.snippet + "…" : ""))));
    pager($("#articles-pager"), res.total, state.offsets.articles, loadArticles);
    status(res.total + " article(s)" + (p.q ? " matching “" + p.q + "”" : ""));
  }

  // ---- article view with evidence highlighting ------------------------------------------------
  function spansOf(an) {
    const spans = [];
    for (const a of an.actors) for (const m of a.mentions) spans.push({ start: m.start, end: m.end, kind: "actor", label: a.name + (a.code ? " (" + a.code + ")" : "") });
    for (const e of an.events) spans.push({ start: e.evidence.start, end: e.evidence.end, kind: "event", id: e.id, label: e.type + " [" + e.status + "]" });
    for (const q of an.quotes) spans.push({ start: q.start, end: q.end, kind: "quote", id: q.id, label: "quote" + (q.speaker_text ? " by " + q.speaker_text : "") });
    for (const t of an.times) spans.push({ start: t.start, end: t.end, kind: "time", label: "date " + (t.value || "") });
    for (const m of an.amounts) spans.push({ start: m.start, end: m.end, kind: "amount", label: "amount " + (m.value ?? "") + " " + (m.unit || "") });
    for (const pl of an.places || []) spans.push({ start: pl.start, end: pl.end, kind: "place", label: "place " + (pl.name || pl.text) + (pl.country ? " (" + pl.country + ")" : "") });
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
      frag.append(el("span", { class: [...new Set(cover.map((s) => "hl-" + s.kind))].join(" "), title: cover.map((s) => s.label).join("; "),
        "data-start": a, "data-end": b, "data-ids": ids.join(" ") }, piece));
    }
    return frag;
  }

  async function openArticle(id, focusId) {
    const an = await api("/api/articles/" + encodeURIComponent(id));
    $("#article-title").textContent = an.article.title || "(untitled)";
    $("#article-meta").textContent = [an.article.published, an.article.outlet, (an.article.wire || []).join(", "), an.article.url].filter(Boolean).join(" · ");
    $("#article-text").replaceChildren(renderText(an.article.text, spansOf(an)));
    const name = (aid) => an.actors.find((a) => a.id === aid)?.name || "?";
    $("#article-events").replaceChildren(...an.events.map((e) => el("li", { dataset: { event: e.id }, class: e.id === focusId ? "chosen" : null, on: { click: () => { window.location.hash = articleLink(id, e.id); } } },
      e.type + " [" + e.status + (e.historical ? ", historical" : "") + "] " + name(e.source) + " → " + name(e.target) + (e.date ? " · " + e.date : ""))));
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

  // ---- live: new alerts without a reload ------------------------------------------------------------
  const alertKey = (x) => [x.a, x.b, x.period, x.method].join("|");
  async function poll() {
    try {
      const st = await api("/api/status");
      if (state.version !== null && st.version !== state.version) {
        const res = await api("/api/alerts", { ...scope(), limit: 500 });
        const fresh = res.items.filter((x) => !state.known.has(alertKey(x)));
        res.items.forEach((x) => state.known.add(alertKey(x)));
        if (fresh.length) {
          $("#live-title").textContent = fresh.length + " new alert(s) since this page opened:";
          $("#live-alerts").append(...fresh.map((x) => el("li", {}, x.message)));
          $("#live").hidden = false;
        }
        state.dyadKey = null;
        const view = (window.location.hash || "#/timeline").slice(2).split("/")[0] || "timeline";
        if (["timeline", "alerts", "map", "network"].includes(view)) await route();
        status("store updated: " + st.articles + " articles, " + st.events + " events");
      }
      state.version = st.version;
    } catch (e) { /* the next poll tries again */ }
    window.setTimeout(poll, state.pollMs);
  }

  // ---- start ---------------------------------------------------------------------------------
  async function start() {
    const p = params();
    const st = await api("/api/status");
    state.defaults = st.defaults || {};
    state.version = st.version;
    if (p.get("poll")) state.pollMs = Math.max(200, Number(p.get("poll")) * 1000);
    $("#scope-since").value = p.get("since") || "";
    $("#scope-until").value = p.get("until") || "";
    $("#scope-conf").value = p.get("conf") ?? (state.defaults.min_confidence ?? "");
    $("#scope-hist").checked = p.get("hist") === "1";
    $("#scope-form").addEventListener("change", () => {
      const conf = $("#scope-conf").value;
      setParams({ since: $("#scope-since").value, until: $("#scope-until").value, hist: $("#scope-hist").checked,
        conf: String(conf) === String(state.defaults.min_confidence) ? "" : conf });
      state.offsets = {};
      route();
    });
    $("#scope-form").addEventListener("submit", (e) => e.preventDefault());
    const prefixed = (form, prefix, names) => { for (const n of names) { const v = p.get(prefix + n); if (v !== null && form.elements[n]) form.elements[n].value = v; } };
    prefixed($("#events-form"), "e", ["actor", "type", "status", "text"]);
    prefixed($("#map-form"), "m", ["actor", "type"]);
    prefixed($("#quotes-form"), "q", ["speaker", "about", "text"]);
    prefixed($("#alerts-form"), "a", ["actor"]);
    if (p.get("abby")) $("#alerts-form").elements.by.value = p.get("abby");
    for (const n of ["method", "min_stories", "min_outlets"]) if (p.get(n)) $("#alerts-form").elements[n].value = p.get(n);
    if (p.get("q")) $("#articles-form").elements.q.value = p.get("q");
    state.offsets.events = Number(p.get("eoffset") || 0);
    $("#dyad-form").addEventListener("submit", (e) => { e.preventDefault(); loadDyad(true); });
    $("#dyad-form").addEventListener("change", () => loadDyad(true));
    $("#events-form").addEventListener("submit", (e) => { e.preventDefault(); loadEvents(0); });
    $("#quotes-form").addEventListener("submit", (e) => { e.preventDefault(); loadQuotes(0); });
    $("#articles-form").addEventListener("submit", (e) => { e.preventDefault(); loadArticles(0); });
    $("#alerts-form").addEventListener("submit", (e) => { e.preventDefault(); loadAlerts(); });
    $("#map-form").addEventListener("submit", (e) => { e.preventDefault(); loadMap(); });
    $("#map-fit").addEventListener("click", () => { state.mapFit = true; loadMap(); });
    $("#map-world").addEventListener("click", () => { state.mapFit = false; loadMap(); });
    $("#live-close").addEventListener("click", () => { $("#live").hidden = true; $("#live-alerts").replaceChildren(); });
    window.addEventListener("hashchange", route);
    const dy = await api("/api/dyads", { ...scope(), limit: 100 });
    const keys = new Set();
    for (const d of dy.items) { keys.add(d.a); keys.add(d.b); }
    $("#actor-keys").replaceChildren(...[...keys].sort().map((k) => el("option", { value: k })));
    const top = dy.items.find((d) => d.a === "RUS" && d.b === "UKR") || dy.items[0];
    $("#dyad-a").value = p.get("a") || (top ? top.a : "RUS");
    $("#dyad-b").value = p.get("b") || (top ? top.b : "UKR");
    if (p.get("by")) $("#dyad-by").value = p.get("by");
    $("#dyad-directed").checked = p.get("directed") !== "0";
    const known = await api("/api/alerts", { ...scope(), limit: 500 });
    state.known = new Set(known.items.map(alertKey));
    await route();
    document.body.dataset.ready = "1";
    window.setTimeout(poll, state.pollMs);
  }

  window.barometer = { state, openArticle, loadDyad };
  document.addEventListener("DOMContentLoaded", () => { start().catch((e) => status(String(e))); });
})();
