// Timeline chart: asserted events per period, stacked by PLOVER type or quad class (Chart.js).
// A click on a bar narrows the page to that period.
(function () {
  "use strict";
  var source = document.getElementById("timeline-data");
  var canvas = document.getElementById("timeline-chart");
  if (!source || !canvas || !window.Chart) return;
  var data = JSON.parse(source.textContent);

  var QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  var SHADES = {
    "verbal cooperation": ["#5aa469", "#8cc79a", "#3d7d4b", "#b7dcc0"],
    "material cooperation": ["#1f7a3a", "#2f9e55", "#145227"],
    "verbal conflict": ["#e08a1e", "#f2b35e", "#b86b0c", "#f7cf96", "#8f5209"],
    "material conflict": ["#c0392b", "#e06656", "#8e2519", "#f09a8f"],
    other: ["#9aa3ab"]
  };

  var quadOf = {};
  data.series.forEach(function (s) { quadOf[s.type] = s.quad || "other"; });

  function order(key, by) {
    var quad = by === "quad" ? key : quadOf[key];
    var i = QUADS.indexOf(quad);
    return (i < 0 ? QUADS.length : i) + ":" + key;
  }

  function colours(keys, by) {
    var used = {}, out = {};
    keys.forEach(function (key) {
      var quad = by === "quad" ? key : quadOf[key];
      var shades = SHADES[quad] || SHADES.other;
      used[quad] = used[quad] || 0;
      out[key] = by === "quad" ? shades[0] : shades[used[quad]++ % shades.length];
    });
    return out;
  }

  function datasets(by) {
    var counts = {}, keys = [];
    data.series.forEach(function (s) {
      var key = by === "quad" ? (s.quad || "other") : s.type;
      if (!counts[key]) { counts[key] = {}; keys.push(key); }
      counts[key][s.period] = (counts[key][s.period] || 0) + s.count;
    });
    keys.sort(function (a, b) { return order(a, by) < order(b, by) ? -1 : 1; });
    var colour = colours(keys, by);
    return keys.map(function (key) {
      return {
        label: key,
        data: data.periods.map(function (p) { return counts[key][p] || 0; }),
        backgroundColor: colour[key],
        maxBarThickness: 80
      };
    });
  }

  var chart = new window.Chart(canvas, {
    type: "bar",
    data: { labels: data.periods, datasets: datasets("type") },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
      },
      plugins: { legend: { position: "bottom" } },
      onClick: function (event, elements) {
        if (!elements.length) return;
        var period = data.periods[elements[0].index];
        var url = new URL(window.location.href);
        url.searchParams.set("since", period);
        url.searchParams.set("until", period);
        url.searchParams.delete("page");
        window.location.href = url.toString();
      }
    }
  });
  window.veilleTimeline = chart;

  var stackBy = document.getElementById("stack-by");
  if (stackBy) {
    stackBy.addEventListener("change", function () {
      chart.data.datasets = datasets(stackBy.value);
      chart.update();
    });
  }
})();
