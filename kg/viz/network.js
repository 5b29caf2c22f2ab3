// kg viz: draws the network embedded in this page as SVG. No library, no network.
// The layout comes from networkx (kg/viz/__init__.py); this script only draws it
// and lets the reader zoom, pan, move nodes, filter by action and by date.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const svg = document.getElementById("canvas");
  const tooltip = document.getElementById("tooltip");
  const status = document.getElementById("status");
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const hiddenTypes = new Set();
  const ALWAYS_LABELLED = 20; // the best-connected nodes keep their label; others show it on hover
  let view = { x: 0, y: 0, k: 1 };
  let cutoff = null; // show relations that started on or before this date

  function make(tag, attributes, parent) {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    if (parent) parent.appendChild(element);
    return element;
  }

  // ------------------------------------------------------------------ scene
  svg.setAttribute("viewBox", `0 0 ${data.width} ${data.height}`);
  const defs = make("defs", {}, svg);
  for (const type of data.types) {
    const marker = make("marker", {
      id: `arrow-${type.name}`, viewBox: "0 -4 8 8", refX: 8, refY: 0,
      markerWidth: 6, markerHeight: 6, orient: "auto", markerUnits: "userSpaceOnUse",
    }, defs);
    make("path", { d: "M0,-4L8,0L0,4", fill: type.colour }, marker);
  }
  const world = make("g", { id: "world" }, svg);
  const edgeLayer = make("g", { id: "edges" }, world);
  const nodeLayer = make("g", { id: "nodes" }, world);

  // One edge per (actor, type, target): edges between the same two actors are parallel, and
  // edge.bend (from kg/viz/__init__.py) puts each in a lane of its own, to the right of its direction.
  for (const edge of data.edges) {
    edge.element = make("path", {
      class: "edge", stroke: edge.colour, "stroke-width": (0.8 + Math.sqrt(edge.weight)).toFixed(2),
      "marker-end": `url(#arrow-${edge.type})`, "data-type": edge.type, "data-kind": edge.kind,
      "data-source": edge.source, "data-target": edge.target,
    }, edgeLayer);
    if (edge.negated) edge.element.setAttribute("stroke-dasharray", "4 3");
    edge.element.addEventListener("mouseenter", (event) => showTip(event, edgeTip(edge)));
    edge.element.addEventListener("mousemove", moveTip);
    edge.element.addEventListener("mouseleave", hideTip);
  }

  data.nodes.forEach((node, rank) => {
    node.element = make("g", { class: rank < ALWAYS_LABELLED ? "node" : "node quiet", "data-id": node.id }, nodeLayer);
    make("circle", { class: "node", r: node.r, fill: node.colour, "data-kind": node.kind }, node.element);
    const label = make("text", { "text-anchor": "middle", dy: -node.r - 3 }, node.element);
    label.textContent = node.label;
    node.element.addEventListener("mouseenter", (event) => { focus(node); showTip(event, nodeTip(node)); });
    node.element.addEventListener("mousemove", moveTip);
    node.element.addEventListener("mouseleave", () => { focus(null); hideTip(); });
    node.element.addEventListener("pointerdown", (event) => startDrag(event, node));
  });

  function edgePath(edge) {
    const a = byId.get(edge.source), b = byId.get(edge.target);
    const dx = b.x - a.x, dy = b.y - a.y, length = Math.hypot(dx, dy) || 1;
    const ux = dx / length, uy = dy / length;
    const x1 = a.x + ux * a.r, y1 = a.y + uy * a.r, x2 = b.x - ux * (b.r + 2), y2 = b.y - uy * (b.r + 2);
    if (!edge.bend) return `M${x1},${y1}L${x2},${y2}`;
    // a quadratic curve's middle lies half way to its control point: twice the lane's offset,
    // the pair's lanes narrowed together (never one clipped onto another) so that the widest
    // stays short of half the length and close nodes do not loop
    const widest = edge.spread || Math.abs(edge.bend);
    const bend = 2 * edge.bend * Math.min(1, length / 2 / (2 * widest));
    const cx = (x1 + x2) / 2 - uy * bend, cy = (y1 + y2) / 2 + ux * bend;
    return `M${x1},${y1}Q${cx},${cy} ${x2},${y2}`;
  }

  function place() {
    for (const node of data.nodes) node.element.setAttribute("transform", `translate(${node.x},${node.y})`);
    for (const edge of data.edges) edge.element.setAttribute("d", edgePath(edge));
  }

  // ------------------------------------------------------------------ filters
  function visible(edge) {
    return !hiddenTypes.has(edge.type) && (cutoff === null || !edge.first || edge.first <= cutoff);
  }

  function refresh() {
    const shownNodes = new Set();
    let shownEdges = 0;
    for (const edge of data.edges) {
      const on = visible(edge);
      edge.element.style.display = on ? "" : "none";
      if (on) { shownEdges += 1; shownNodes.add(edge.source); shownNodes.add(edge.target); }
    }
    for (const node of data.nodes) node.element.style.display = shownNodes.has(node.id) ? "" : "none";
    status.textContent = `${shownNodes.size} actors, ${shownEdges} relations shown`;
    svg.dataset.shownNodes = shownNodes.size;
    svg.dataset.shownEdges = shownEdges;
  }

  function legend() {
    const types = document.getElementById("types");
    for (const type of data.types) {
      const item = document.createElement("li");
      item.title = type.quad;
      item.innerHTML = `<span class="swatch" style="background:${type.colour}"></span>`;
      item.append(type.name);
      item.addEventListener("click", () => {
        if (hiddenTypes.has(type.name)) hiddenTypes.delete(type.name); else hiddenTypes.add(type.name);
        item.classList.toggle("off");
        refresh();
      });
      types.appendChild(item);
    }
    const kinds = document.getElementById("kinds");
    for (const kind of data.kinds) {
      const item = document.createElement("li");
      item.innerHTML = `<span class="dot" style="background:${kind.colour}"></span>`;
      item.append(kind.name);
      kinds.appendChild(item);
    }
  }

  function dateSlider() {
    const dates = [...new Set(data.edges.map((e) => e.first).filter(Boolean))].sort();
    const slider = document.getElementById("until");
    const shown = document.getElementById("until-value");
    if (dates.length === 0) { document.getElementById("until-label").hidden = true; return; }
    slider.max = dates.length - 1;
    slider.value = dates.length - 1;
    const update = () => {
      const last = Number(slider.value) === dates.length - 1;
      cutoff = last ? null : dates[Number(slider.value)];
      shown.textContent = last ? "all dates" : cutoff;
      refresh();
    };
    slider.addEventListener("input", update);
    update();
  }

  // ------------------------------------------------------------------ details
  function escape(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  }

  function nodeTip(node) {
    const where = [node.kind, node.country, node.sector].filter(Boolean).join(" · ");
    return `<b>${escape(node.label)}</b><br>${escape(where)}<br>${node.degree} report(s) of relations`;
  }

  function edgeTip(edge) {
    const a = byId.get(edge.source).label, b = byId.get(edge.target).label;
    const when = edge.first ? (edge.last && edge.last !== edge.first ? `${edge.first} – ${edge.last}` : edge.first) : "undated";
    return `<b>${escape(a)} → ${escape(b)}</b><br>${escape(edge.kind)}<br>` +
      `${edge.weight} article(s), ${edge.statements} statement(s), ${edge.relations} relation(s)<br>${escape(when)}`;
  }

  function showTip(event, content) { tooltip.innerHTML = content; tooltip.hidden = false; moveTip(event); }
  function moveTip(event) { tooltip.style.left = `${event.clientX + 12}px`; tooltip.style.top = `${event.clientY + 12}px`; }
  function hideTip() { tooltip.hidden = true; }

  function focus(node) {
    if (!node) {
      for (const n of data.nodes) n.element.classList.remove("dim");
      for (const e of data.edges) e.element.classList.remove("dim");
      return;
    }
    const near = new Set([node.id]);
    for (const e of data.edges) {
      const touches = e.source === node.id || e.target === node.id;
      if (touches) { near.add(e.source); near.add(e.target); }
      e.element.classList.toggle("dim", !touches);
    }
    for (const n of data.nodes) n.element.classList.toggle("dim", !near.has(n.id));
  }

  // ------------------------------------------------------------------ zoom, pan, drag
  function applyView() { world.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`); }

  function toWorld(event) {
    const point = svg.createSVGPoint();
    point.x = event.clientX; point.y = event.clientY;
    const local = point.matrixTransform(svg.getScreenCTM().inverse());
    return { x: (local.x - view.x) / view.k, y: (local.y - view.y) / view.k, sx: local.x, sy: local.y };
  }

  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const at = toWorld(event);
    const k = Math.min(8, Math.max(0.2, view.k * Math.exp(-event.deltaY * 0.0015)));
    view = { k, x: at.sx - at.x * k, y: at.sy - at.y * k }; // keep the point under the cursor still
    applyView();
  }, { passive: false });

  let drag = null;
  function startDrag(event, node) {
    event.stopPropagation();
    drag = { node };
    svg.setPointerCapture(event.pointerId);
  }
  svg.addEventListener("pointerdown", (event) => {
    const at = toWorld(event);
    drag = { pan: true, sx: at.sx, sy: at.sy, x: view.x, y: view.y };
    svg.classList.add("panning");
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const at = toWorld(event);
    if (drag.node) { drag.node.x = at.x; drag.node.y = at.y; place(); } else {
      view.x = drag.x + at.sx - drag.sx; view.y = drag.y + at.sy - drag.sy; applyView();
    }
  });
  svg.addEventListener("pointerup", () => { drag = null; svg.classList.remove("panning"); });

  document.getElementById("search").addEventListener("input", (event) => {
    const wanted = event.target.value.trim().toLowerCase();
    for (const node of data.nodes) {
      const hit = wanted.length > 1 && node.label.toLowerCase().includes(wanted);
      node.element.classList.toggle("found", hit);
      if (hit) node.element.classList.remove("quiet");
      else if (data.nodes.indexOf(node) >= ALWAYS_LABELLED) node.element.classList.add("quiet");
    }
  });

  place();
  applyView();
  legend();
  dateSlider();
  document.body.dataset.ready = "true"; // for tests and for anyone scripting the page
})();
