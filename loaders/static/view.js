/* Huiyi graph view: draws the JSON data block with vis-network; legend, search, filters, tooltips.
   Everything taken from the data is put into the page with textContent, never as HTML. */
(function () {
  "use strict";
  var timing = {start: performance.now()};
  var data = JSON.parse(document.getElementById("huiyi-data").textContent);
  var LABELS = data.styles.labels, RELS = data.styles.relations;
  var FONT = getComputedStyle(document.documentElement).getPropertyValue("--cjk").trim() || "sans-serif";
  var PRESENCE = ["CHAIRED", "SPOKE_AT", "ATTENDED"];
  var large = data.nodes.length > data.layout.large;

  // ---- indexes over the full data (filters never remove anything from here) ----
  var nodeById = new Map(), edgesOf = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); edgesOf.set(n.id, []); });
  data.edges.forEach(function (e) {
    if (edgesOf.has(e.from)) edgesOf.get(e.from).push(e);
    if (edgesOf.has(e.to) && e.to !== e.from) edgesOf.get(e.to).push(e);
  });
  function nameOf(id) { var n = nodeById.get(id); return n ? n.name : id; }
  function labelStyle(label) { return LABELS[label] || {color: "#999999", shape: "dot", zh: ""}; }
  function relStyle(type) { return RELS[type] || {color: "#999999", width: 1, arrow: "arrow", dashes: false, smooth: null, zh: ""}; }

  // ---- vis data: one DataSet each, seen through filtered DataViews ----
  function wrap(name) {  // Chinese has no spaces to break at: cut long names into lines
    if (name.length <= 14) return name;
    var lines = [];
    for (var i = 0; i < name.length; i += 12) lines.push(name.slice(i, i + 12));
    return lines.join("\n");
  }
  function visNode(n) {
    var v = {id: n.id, label: wrap(n.name), group: n.label, value: n.degree + 1};
    if (typeof n.x === "number") { v.x = n.x; v.y = n.y; }
    if (data.focus.indexOf(n.id) >= 0) {
      var s = labelStyle(n.label);
      v.borderWidth = 4;
      v.color = {background: s.color, border: "#111111", highlight: {background: s.color, border: "#111111"},
                 hover: {background: s.color, border: "#111111"}};
    }
    return v;
  }
  function visEdge(e) {
    var s = relStyle(e.type);
    return {id: e.id, from: e.from, to: e.to, width: s.width, dashes: s.dashes,
            color: {color: s.color, highlight: s.color, hover: s.color, opacity: 1},
            arrows: {to: {enabled: true, type: s.arrow, scaleFactor: 0.7}},
            smooth: s.smooth ? {enabled: true, type: s.smooth, roundness: 0.22} : false};
  }
  var edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));

  var state = {labels: new Set(Object.keys(LABELS)), relations: new Set(), from: "", to: "",
               keepUndated: true, hideIsolated: false, shown: null};
  Object.keys(RELS).forEach(function (t) { if (data.hidden.indexOf(t) < 0) state.relations.add(t); });

  function fullDate(d) {
    if (typeof d !== "string") return null;
    var m = /^(\d{4})(-\d{2})?(-\d{2})?$/.exec(d);
    return m ? m[1] + (m[2] || "-01") + (m[3] || "-01") : null;
  }
  function dateOk(d) {
    if (!state.from && !state.to) return true;
    var f = fullDate(d);
    if (!f) return state.keepUndated;
    return (!state.from || f >= state.from) && (!state.to || f <= state.to);
  }
  function nodePasses(n) {
    if (!state.labels.has(n.label)) return false;
    if (n.label === "Meeting" || n.label === "Document") return dateOk(n.props.date);
    return true;
  }
  function edgePasses(e) {
    return state.relations.has(e.type) && (e.type !== "HOLDS_POSITION" || !e.props.date || dateOk(e.props.date));
  }
  function computeShown() {
    var shown = new Set();
    data.nodes.forEach(function (n) { if (nodePasses(n)) shown.add(n.id); });
    if (state.hideIsolated) {
      var linked = new Set(data.focus);
      data.edges.forEach(function (e) {
        if (edgePasses(e) && shown.has(e.from) && shown.has(e.to)) { linked.add(e.from); linked.add(e.to); }
      });
      shown.forEach(function (id) { if (!linked.has(id)) shown.delete(id); });
    }
    state.shown = shown;
  }
  computeShown();
  var nodeView = new vis.DataView(nodes, {filter: function (v) { return state.shown.has(v.id); }});
  var edgeView = new vis.DataView(edges, {filter: function (v) {
    var e = edgeById.get(v.id);
    return edgePasses(e) && state.shown.has(e.from) && state.shown.has(e.to);
  }});

  function applyFilters() {
    computeShown();
    nodeView.refresh();
    edgeView.refresh();
    updateStats();
  }

  // ---- the network ----
  var groups = {};
  Object.keys(LABELS).forEach(function (k) {
    var s = LABELS[k];
    groups[k] = {shape: s.shape, color: {background: s.color, border: s.border,
      highlight: {background: s.color, border: "#111111"}, hover: {background: s.color, border: "#111111"}}};
  });
  var container = document.getElementById("graph");
  var options = {
    groups: groups,
    nodes: {
      font: {face: FONT, size: 14, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff"},
      borderWidth: 1,
      scaling: {min: 8, max: 34, label: {enabled: false, drawThreshold: 7}},
    },
    edges: {selectionWidth: 1.5, hoverWidth: 0.5},
    interaction: {hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
                  navigationButtons: false, keyboard: false},
    layout: {improvedLayout: data.nodes.length <= 150, randomSeed: 7},
    physics: {
      enabled: data.layout.iterations > 0 && data.nodes.length > 1,
      solver: "barnesHut",
      barnesHut: {gravitationalConstant: -10000, centralGravity: 0.25, springLength: 130, springConstant: 0.04,
                  damping: 0.5, avoidOverlap: 0.3},
      stabilization: {enabled: true, iterations: data.layout.iterations, updateInterval: 25, fit: true},
    },
  };
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);
  timing.built = performance.now();

  // ---- hover tooltips ----
  var tooltip = document.getElementById("tooltip");
  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = String(text);
    if (cls) x.className = cls;
    return x;
  }
  function chip(label) {
    var c = el("span", (labelStyle(label).zh || "") + " " + label, "chip");
    c.style.background = labelStyle(label).color;
    return c;
  }
  function show(v) { return Array.isArray(v) ? v.join("、") : String(v); }
  function propsTable(props) {
    var t = el("table", null, "props");
    Object.keys(props).forEach(function (k) {
      if (k === "titles" || (k === "aliases" && !props[k].length)) return;
      var v = props[k];
      if (k === "sha256") v = String(v).slice(0, 16) + "…";
      var tr = el("tr"); tr.appendChild(el("td", k)); tr.appendChild(el("td", show(v))); t.appendChild(tr);
    });
    return t;
  }
  function docName(e) {
    var d = data.documents[e.doc_id];
    var title = d && d.title ? "《" + d.title + "》 " : "";
    return title + (e.doc || (d && d.name) || "");
  }
  function evidenceBlock(e, withType) {
    var b = el("div", null, "evidence");
    if (withType) {
      b.appendChild(el("b", nameOf(e.from) + " —" + (relStyle(e.type).zh || "") + " " + e.type + "→ " + nameOf(e.to)));
      b.appendChild(el("br"));
    }
    if (e.evidence) b.appendChild(el("span", "“" + e.evidence + "”"));
    if (e.doc || e.doc_id) b.appendChild(el("span", "— " + docName(e), "src"));
    return b;
  }
  function positionsOf(n) {  // "title @ body" from HOLDS_POSITION, once each
    var out = [];
    (edgesOf.get(n.id) || []).forEach(function (e) {
      if (e.type === "HOLDS_POSITION" && e.from === n.id) {
        var t = (e.props.title || "") + " @ " + nameOf(e.to) + (e.props.date ? " (" + e.props.date + ")" : "");
        if (out.indexOf(t) < 0) out.push(t);
      }
    });
    return out;
  }
  var EVIDENCE_ORDER = ["CHAIRED", "SPOKE_AT", "ATTENDED", "DIRECTED", "HOLDS_POSITION", "HELD_IN", "CONVENED",
                        "REPORTED_IN", "AUTHORED", "LOCATED_IN", "MENTIONED_IN"];
  function rankedEdges(id) {
    return (edgesOf.get(id) || []).slice().sort(function (a, b) {
      return EVIDENCE_ORDER.indexOf(a.type) - EVIDENCE_ORDER.indexOf(b.type);
    });
  }
  function nodeSummary(id, maxEvidence) {
    var n = nodeById.get(id), box = el("div");
    var head = el("div", n.name, "head"); head.appendChild(chip(n.label)); box.appendChild(head);
    if ((n.props.titles || []).length) box.appendChild(el("div", "职务 titles: " + n.props.titles.join("；")));
    var positions = positionsOf(n);
    if (positions.length) box.appendChild(el("div", "任职 positions: " + positions.join("；")));
    box.appendChild(propsTable(n.props));
    var ranked = rankedEdges(id).filter(function (e) { return e.evidence; });
    ranked.slice(0, maxEvidence).forEach(function (e) { box.appendChild(evidenceBlock(e, true)); });
    if (maxEvidence && ranked.length > maxEvidence) box.appendChild(el("div", "… " + (ranked.length - maxEvidence) + " more (click for all)", "src"));
    return box;
  }
  function edgeSummary(id) {
    var e = edgeById.get(id), box = el("div");
    box.appendChild(el("div", e.type + " " + (relStyle(e.type).zh || ""), "head"));
    box.appendChild(propsTable(e.props));
    box.appendChild(evidenceBlock(e, true));
    return box;
  }
  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    var r = container.getBoundingClientRect(), x = r.left + pointer.x + 14, y = r.top + pointer.y + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth - 4) x = Math.max(4, r.left + pointer.x - w - 14);
    if (y + h > window.innerHeight - 4) y = Math.max(4, window.innerHeight - h - 4);
    tooltip.style.left = x + "px"; tooltip.style.top = y + "px";
  }
  network.on("hoverNode", function (p) { showTooltip(nodeSummary(p.node, 3), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(edgeSummary(p.edge), p.pointer.DOM); });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("blurEdge", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  network.on("zoom", function () { tooltip.hidden = true; });

  // ---- highlight: a meeting lights up its people; any other node its neighbours ----
  var dimmed = {nodes: [], edges: []};
  function clearHighlight() {
    nodes.update(dimmed.nodes.map(function (id) { return {id: id, opacity: 1, font: {color: "#222222"}}; }));
    edges.update(dimmed.edges.map(function (id) {
      return {id: id, color: {color: relStyle(edgeById.get(id).type).color, opacity: 1}};
    }));
    dimmed = {nodes: [], edges: []};
    huiyi.highlighted = [];
  }
  function meetingPeople(id) {
    var people = {CHAIRED: [], SPOKE_AT: [], ATTENDED: []};
    (edgesOf.get(id) || []).forEach(function (e) {
      if (e.to === id && people[e.type] && people[e.type].indexOf(e.from) < 0) people[e.type].push(e.from);
    });
    return people;
  }
  function highlight(id) {
    clearHighlight();
    var keep = new Set([id]), n = nodeById.get(id);
    (edgesOf.get(id) || []).forEach(function (e) {
      if (n.label === "Meeting" ? PRESENCE.indexOf(e.type) >= 0 && e.to === id : state.relations.has(e.type)) {
        keep.add(e.from); keep.add(e.to);
      }
    });
    var keepEdges = new Set();
    data.edges.forEach(function (e) { if (keep.has(e.from) && keep.has(e.to)) keepEdges.add(e.id); });
    dimmed.nodes = nodeView.getIds().filter(function (x) { return !keep.has(x); });
    dimmed.edges = edgeView.getIds().filter(function (x) { return !keepEdges.has(x); });
    nodes.update(dimmed.nodes.map(function (x) { return {id: x, opacity: 0.15, font: {color: "rgba(34,34,34,0.2)"}}; }));
    edges.update(dimmed.edges.map(function (x) {
      return {id: x, color: {color: relStyle(edgeById.get(x).type).color, opacity: 0.08}};
    }));
    huiyi.highlighted = Array.from(keep);
    network.selectNodes(Array.from(keep).filter(function (x) { return state.shown.has(x); }), false);
  }

  // ---- details panel (click) ----
  var details = document.getElementById("details");
  function linkTo(id) {
    var a = el("span", nameOf(id), "link");
    a.addEventListener("click", function () { pick(id); });
    return a;
  }
  function listSection(title, ids) {
    var box = el("div");
    if (!ids.length) return box;
    box.appendChild(el("h2", title + " (" + ids.length + ")"));
    var ul = el("ul");
    ids.forEach(function (x) { var li = el("li"); li.appendChild(linkTo(x)); ul.appendChild(li); });
    box.appendChild(ul);
    return box;
  }
  function showDetails(id) {
    var n = nodeById.get(id);
    details.replaceChildren(nodeSummary(id, 0));
    if (n.label === "Meeting") {
      var p = meetingPeople(id);
      details.appendChild(listSection("主持 chair", p.CHAIRED));
      details.appendChild(listSection("讲话 speakers", p.SPOKE_AT));
      details.appendChild(listSection("出席 attendees", p.ATTENDED));
    } else {
      var groupsByType = {};
      (edgesOf.get(id) || []).forEach(function (e) {
        if (e.type === "MENTIONED_IN" && n.label !== "Document") return;
        var other = e.from === id ? e.to : e.from, key = e.type + (e.from === id ? " →" : " ←");
        groupsByType[key] = groupsByType[key] || [];
        if (groupsByType[key].indexOf(other) < 0) groupsByType[key].push(other);
      });
      Object.keys(groupsByType).sort().forEach(function (k) {
        details.appendChild(listSection(k, groupsByType[k].slice(0, 200)));
      });
    }
    var ev = rankedEdges(id).filter(function (e) { return e.evidence && e.type !== "MENTIONED_IN"; });
    if (ev.length) details.appendChild(el("h2", "证据 evidence (" + ev.length + ")"));
    ev.slice(0, 40).forEach(function (e) { details.appendChild(evidenceBlock(e, true)); });
    details.hidden = false;
  }
  network.on("click", function (p) {
    if (p.nodes.length) { highlight(p.nodes[0]); showDetails(p.nodes[0]); }
    else if (!p.edges.length) { clearHighlight(); details.hidden = true; }
  });

  // ---- search ----
  var search = document.getElementById("search"), matches = document.getElementById("matches");
  function findNodes(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    data.nodes.forEach(function (n) {
      var names = [n.name].concat(n.props.aliases || []), best = -1;
      names.forEach(function (s) {
        s = String(s).toLowerCase();
        if (s === q) best = Math.max(best, 3); else if (s.indexOf(q) === 0) best = Math.max(best, 2);
        else if (s.indexOf(q) > 0) best = Math.max(best, 1);
      });
      if (best < 0 && n.id.toLowerCase() === q) best = 3;
      if (best >= 0) hits.push([best, n.degree, n]);
    });
    hits.sort(function (a, b) { return b[0] - a[0] || b[1] - a[1]; });
    return hits.map(function (h) { return h[2]; });
  }
  function pick(id) {
    var n = nodeById.get(id);
    if (!state.shown.has(id)) {  // hidden by a filter: show its label and clear the date range
      state.labels.add(n.label); state.from = state.to = ""; state.hideIsolated = false;
      syncControls(); applyFilters();
    }
    matches.replaceChildren();
    highlight(id); showDetails(id);
    network.focus(id, {scale: Math.max(network.getScale(), 1.1), animation: {duration: 300}});
  }
  search.addEventListener("input", function () {
    matches.replaceChildren();
    findNodes(search.value).slice(0, 12).forEach(function (n, i) {
      var li = el("li"); if (i === 0) li.className = "active";
      li.appendChild(swatchSvg(labelStyle(n.label)));
      li.appendChild(el("span", n.name)); li.appendChild(el("span", n.label, "kind"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(n.id); });
      matches.appendChild(li);
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hit = findNodes(search.value)[0]; if (hit) pick(hit.id); }
    if (ev.key === "Escape") matches.replaceChildren();
  });
  search.addEventListener("blur", function () { setTimeout(function () { matches.replaceChildren(); }, 150); });

  // ---- legend = filters ----
  var SVG = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs) {
    var x = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { x.setAttribute(k, attrs[k]); });
    return x;
  }
  function swatchSvg(s) {
    var svg = svgEl("svg", {width: 16, height: 16, viewBox: "0 0 16 16"});
    var a = {fill: s.color, stroke: s.border || s.color};
    var shapes = {
      dot: ["circle", {cx: 8, cy: 8, r: 6}], square: ["rect", {x: 2, y: 2, width: 12, height: 12}],
      diamond: ["polygon", {points: "8,1 15,8 8,15 1,8"}], triangle: ["polygon", {points: "8,1 15,14 1,14"}],
      hexagon: ["polygon", {points: "4,2 12,2 15,8 12,14 4,14 1,8"}],
      star: ["polygon", {points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"}],
    };
    var sh = shapes[s.shape] || shapes.dot;
    svg.appendChild(svgEl(sh[0], Object.assign({}, sh[1], a)));
    return svg;
  }
  function lineSvg(s) {
    var svg = svgEl("svg", {width: 34, height: 12, viewBox: "0 0 34 12"});
    var line = svgEl("line", {x1: 1, y1: 6, x2: 26, y2: 6, stroke: s.color, "stroke-width": Math.min(s.width, 3)});
    if (s.dashes) line.setAttribute("stroke-dasharray", Array.isArray(s.dashes) ? s.dashes.join(" ") : "5 3");
    svg.appendChild(line);
    var heads = {arrow: "polygon:24,1 33,6 24,11", vee: "polyline:25,1 33,6 25,11", circle: "circle",
                 bar: "rect:29,0 3,12", diamond: "polygon:23,6 28,1 33,6 28,11", box: "rect:26,2 7,8",
                 inv_triangle: "polygon:33,1 24,6 33,11", crow: "polyline:33,1 25,6 33,11"};
    var h = (heads[s.arrow] || heads.arrow).split(":");
    if (h[0] === "circle") svg.appendChild(svgEl("circle", {cx: 29, cy: 6, r: 4, fill: s.color}));
    else if (h[0] === "rect") {
      var r = h[1].split(/[ ,]/);
      svg.appendChild(svgEl("rect", {x: r[0], y: r[1], width: r[2], height: r[3], fill: s.color}));
    } else svg.appendChild(svgEl(h[0], {points: h[1], fill: h[0] === "polyline" ? "none" : s.color,
                                         stroke: s.color, "stroke-width": 1.5}));
    return svg;
  }
  function counts(items, key) {
    var c = {};
    items.forEach(function (x) { c[x[key]] = (c[x[key]] || 0) + 1; });
    return c;
  }
  var controls = {labels: {}, relations: {}};
  function legendRow(box, set, key, style, picture, count, registry) {
    var lab = el("label"), cb = el("input");
    cb.type = "checkbox"; cb.checked = set.has(key); cb.dataset.key = key;
    cb.addEventListener("change", function () {
      if (cb.checked) set.add(key); else set.delete(key);
      clearHighlight(); applyFilters();
    });
    registry[key] = cb;
    lab.appendChild(cb); lab.appendChild(picture);
    lab.appendChild(el("span", key)); lab.appendChild(el("span", style.zh || "", "zh"));
    lab.appendChild(el("span", count, "count"));
    box.appendChild(lab);
  }
  var labelCounts = counts(data.nodes, "label"), relCounts = counts(data.edges, "type");
  var legendLabels = document.getElementById("legend-labels");
  Object.keys(LABELS).forEach(function (k) {
    if (labelCounts[k]) legendRow(legendLabels, state.labels, k, LABELS[k], swatchSvg(LABELS[k]), labelCounts[k], controls.labels);
  });
  var legendRels = document.getElementById("legend-relations");
  Object.keys(RELS).forEach(function (k) {
    if (relCounts[k]) legendRow(legendRels, state.relations, k, RELS[k], lineSvg(RELS[k]), relCounts[k], controls.relations);
  });

  var dateFrom = document.getElementById("date-from"), dateTo = document.getElementById("date-to");
  var keepUndated = document.getElementById("keep-undated"), hideIsolated = document.getElementById("hide-isolated");
  var dates = data.nodes.map(function (n) { return fullDate(n.props.date); }).filter(Boolean).sort();
  if (dates.length) { dateFrom.min = dateTo.min = dates[0]; dateFrom.max = dateTo.max = dates[dates.length - 1]; }
  function syncControls() {
    Object.keys(controls.labels).forEach(function (k) { controls.labels[k].checked = state.labels.has(k); });
    Object.keys(controls.relations).forEach(function (k) { controls.relations[k].checked = state.relations.has(k); });
    dateFrom.value = state.from; dateTo.value = state.to;
    keepUndated.checked = state.keepUndated; hideIsolated.checked = state.hideIsolated;
  }
  function readControls() {
    state.from = dateFrom.value; state.to = dateTo.value;
    state.keepUndated = keepUndated.checked; state.hideIsolated = hideIsolated.checked;
    clearHighlight(); applyFilters();
  }
  [dateFrom, dateTo, keepUndated, hideIsolated].forEach(function (x) { x.addEventListener("change", readControls); });
  document.getElementById("reset").addEventListener("click", function () {
    state.labels = new Set(Object.keys(LABELS)); state.relations = new Set();
    Object.keys(RELS).forEach(function (t) { if (data.hidden.indexOf(t) < 0) state.relations.add(t); });
    state.from = state.to = ""; state.keepUndated = true; state.hideIsolated = false;
    controls.labels = {}; controls.relations = {};
    legendLabels.replaceChildren(); legendRels.replaceChildren();
    Object.keys(LABELS).forEach(function (k) {
      if (labelCounts[k]) legendRow(legendLabels, state.labels, k, LABELS[k], swatchSvg(LABELS[k]), labelCounts[k], controls.labels);
    });
    Object.keys(RELS).forEach(function (k) {
      if (relCounts[k]) legendRow(legendRels, state.relations, k, RELS[k], lineSvg(RELS[k]), relCounts[k], controls.relations);
    });
    syncControls(); clearHighlight(); applyFilters(); network.fit();
  });

  var stats = document.getElementById("stats");
  function updateStats() {
    stats.textContent = data.nodes.length + " nodes · " + data.edges.length + " edges · showing " +
      state.shown.size + " / " + edgeView.length;
  }
  updateStats();

  // ---- overview: zoomed out, vis hides every label; name the best-linked nodes that fit instead ----
  var byDegree = data.nodes.slice().sort(function (a, b) { return b.degree - a.degree; });
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    if (scale >= 0.5) return;
    var lit = new Set(huiyi.highlighted), px = 13 / scale, boxes = [], tried = 0;
    var pool = lit.size ? byDegree.filter(function (n) { return lit.has(n.id); }) : byDegree;
    ctx.save();
    ctx.font = "600 " + px + "px " + FONT;
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineWidth = 4 / scale; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.fillStyle = "#111111";
    for (var i = 0; i < pool.length && boxes.length < 40 && tried < 400; i++) {
      var n = pool[i], body = network.body.nodes[n.id];
      if (!state.shown.has(n.id) || !body) continue;
      tried++;
      var w = ctx.measureText(n.name).width, x = body.x - w / 2, y = body.y + 6 / scale, h = px * 1.25;
      if (boxes.some(function (b) { return x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h; })) continue;
      boxes.push([x, y, w, h]);
      ctx.strokeText(n.name, body.x, y);
      ctx.fillText(n.name, body.x, y);
    }
    ctx.restore();
    huiyi.overviewLabels = boxes.length;
  });

  // ---- ready: stop the physics once laid out, so the page is still and cheap ----
  var status = document.getElementById("status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "布局中 Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  var huiyi = window.huiyi = {data: data, network: network, nodes: nodes, edges: edges, nodeView: nodeView,
    edgeView: edgeView, state: state, applyFilters: applyFilters, syncControls: syncControls, pick: pick,
    findNodes: findNodes, highlight: highlight, clearHighlight: clearHighlight, meetingPeople: meetingPeople,
    highlighted: [], ready: false, readyAt: null, timing: timing};
  var finished = false;
  function finish() {
    if (finished) return;
    finished = true;
    timing.stabilized = performance.now();
    network.setOptions({physics: {enabled: false}});
    network.fit({animation: false});
    status.textContent = "";
    if (data.focus.length === 1 && nodeById.has(data.focus[0])) {
      network.selectNodes([data.focus[0]], false);
      showDetails(data.focus[0]);
    }
    network.once("afterDrawing", function () {
      huiyi.ready = true;
      huiyi.readyAt = timing.ready = performance.now();
      document.body.dataset.ready = "1";
      document.body.dataset.nodes = String(Object.keys(network.body.nodes).filter(function (k) {
        return nodeById.has(k);
      }).length);
    });
    network.redraw();
  }
  network.once("stabilizationIterationsDone", finish);
  if (!options.physics.enabled) finish();
  else setTimeout(finish, 15000);  // a slow machine still gets a still, usable page
})();
