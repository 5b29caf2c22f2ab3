// kg serve: a click on a node of the network opens that actor's page.
// kg/viz/network.js draws the nodes and lets the reader drag them; a press and a
// release without moving is a click. The addresses come from the server
// (#kg-links: node IRI -> page), so this script knows nothing of URL shapes.
"use strict";

(function () {
  const links = JSON.parse(document.getElementById("kg-links").textContent);
  let pressed = null;
  // capture phase: network.js stops the press from bubbling when it starts a drag
  document.addEventListener("pointerdown", (event) => {
    const node = event.target.closest ? event.target.closest("g.node[data-id]") : null;
    pressed = node ? { id: node.getAttribute("data-id"), x: event.clientX, y: event.clientY } : null;
  }, true);
  document.addEventListener("pointerup", (event) => {
    if (!pressed) return;
    const moved = Math.hypot(event.clientX - pressed.x, event.clientY - pressed.y);
    const url = links[pressed.id];
    pressed = null;
    if (moved < 5 && url) window.location.assign(url);
  }, true);
  for (const node of document.querySelectorAll("g.node[data-id]")) {
    if (links[node.getAttribute("data-id")]) node.classList.add("linked");
  }
})();
