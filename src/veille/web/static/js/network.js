// Actor network (Cytoscape.js): node size by activity, edge colour by the sign of the events
// the two actors share, width by weight. A click on an actor opens its page.
(function () {
  "use strict";
  var source = document.getElementById("network-data");
  var container = document.getElementById("network");
  if (!source || !container || !window.cytoscape) return;
  var data = JSON.parse(source.textContent);

  var activity = function (n) { return n.events * 2 + n.mentions; };
  var maxActivity = Math.max.apply(null, data.nodes.map(activity).concat([1]));
  var maxWeight = Math.max.apply(null, data.edges.map(function (e) { return e.weight; }).concat([1]));

  var elements = data.nodes.map(function (n) {
    return { group: "nodes", data: {
      id: n.id, label: n.name, type: n.type, events: n.events, mentions: n.mentions,
      size: 18 + 42 * Math.sqrt(activity(n) / maxActivity)
    } };
  }).concat(data.edges.map(function (e, i) {
    return { group: "edges", data: {
      id: "e" + i, source: e.source, target: e.target, sign: e.sign, weight: e.weight,
      width: 1 + 9 * Math.sqrt(e.weight / maxWeight)
    } };
  }));

  var cy = window.cytoscape({
    container: container,
    elements: elements,
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "width": "data(size)", "height": "data(size)",
        "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, "color": "#1d232a",
        "background-color": "#1a5fb4", "border-width": 1, "border-color": "#fff"
      } },
      { selector: "node[type = 'person']", style: { "background-color": "#7b5ea7" } },
      { selector: "node[type = 'organisation']", style: { "background-color": "#2a8a8a" } },
      { selector: "node[type = 'place']", style: { "background-color": "#6b8e23" } },
      { selector: "node[type = 'media']", style: { "background-color": "#b07040" } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "#9aa3ab", "opacity": 0.75, "curve-style": "haystack"
      } },
      { selector: "edge[sign = 'cooperation']", style: { "line-color": "#1f7a3a" } },
      { selector: "edge[sign = 'conflict']", style: { "line-color": "#c0392b" } },
      { selector: "edge[sign = 'mixed']", style: { "line-color": "#8e5ea2" } },
      { selector: "node.center", style: { "border-width": 4, "border-color": "#1d232a" } },
      { selector: "node:active, node.hover", style: { "border-width": 3, "border-color": "#ffd34d" } }
    ],
    layout: { name: "cose", animate: false, nodeDimensionsIncludeLabels: true, padding: 20 }
  });

  if (data.center) cy.getElementById(data.center).addClass("center");

  cy.on("tap", "node", function (event) {
    window.location.href = "/actors/" + encodeURIComponent(event.target.id());
  });
  cy.on("mouseover", "node", function (event) {
    event.target.addClass("hover");
    container.style.cursor = "pointer";
    container.title = event.target.data("label") + ": " + event.target.data("events") + " events, " +
      event.target.data("mentions") + " mentions";
  });
  cy.on("mouseout", "node", function (event) {
    event.target.removeClass("hover");
    container.style.cursor = "";
    container.title = "";
  });
  window.veilleNetwork = cy;
})();
