// Draws the charts of a Coquille dashboard from the JSON embedded in script#coquille-data.
// Every chart container is a div[data-chart=NAME] holding a canvas; once drawn it gets
// data-rendered="true", and <body> gets data-charts-rendered / data-charts-failed counts.
(function () {
  "use strict";
  var errors = document.getElementById("js-errors");
  function fail(where, e) {
    var msg = where + ": " + (e && e.message ? e.message : String(e));
    if (errors) {
      var p = document.createElement("div");
      p.textContent = "chart error — " + msg;
      errors.appendChild(p);
    }
    if (window.console) console.error("coquille dashboard: " + msg);
  }

  var data;
  try {
    data = JSON.parse(document.getElementById("coquille-data").textContent);
  } catch (e) {
    fail("data", e);
    return;
  }

  var PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
  var SEVERITY = { error: "#c0392b", warning: "#d68910", info: "#2e86c1" };
  var ACCENT = "#4e79a7";

  function color(i) { return PALETTE[i % PALETTE.length]; }
  function fmt(x, d) {
    if (x === null || x === undefined || !isFinite(x)) return "–";
    return Number(x).toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  }
  // The nearest of 1, 2, 5 × 10^k at or above (up) or at or below (down) x > 0.
  function nice(x, up) {
    var k = Math.pow(10, Math.floor(Math.log10(x)));
    var steps = up ? [1, 2, 5, 10] : [10, 5, 2, 1];
    for (var i = 0; i < steps.length; i++) {
      var v = steps[i] * k;
      if (up ? v >= x * (1 - 1e-9) : v <= x * (1 + 1e-9)) return v;
    }
    return x;
  }
  function logTick(v) {
    var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    return [1, 2, 5].some(function (k) { return Math.abs(m - k) < 1e-6; }) ? fmt(v, v < 1 ? 2 : 0) : "";
  }
  function base(extra) {
    var o = {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } }
    };
    for (var k in extra) o[k] = extra[k];
    return o;
  }
  function bins(h, label, colour) {
    return {
      type: "bar",
      data: {
        labels: h.bins.map(function (b) { return b.label; }),
        datasets: [{ label: label, data: h.bins.map(function (b) { return b.count; }),
          backgroundColor: colour || ACCENT, barPercentage: 1.0, categoryPercentage: 0.96 }]
      },
      options: base({ scales: { y: { beginAtZero: true, title: { display: true, text: label } } } })
    };
  }

  // Horizontal interval whiskers for datasets that carry `ci: [[lo, hi], ...]` (hi null: unbounded).
  var whiskers = {
    id: "coquilleWhiskers",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      chart.data.datasets.forEach(function (ds, i) {
        if (!ds.ci) return;
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) return;
        var xs = chart.scales[meta.xAxisID];
        meta.data.forEach(function (el, j) {
          var ci = ds.ci[j];
          if (!ci || ci[0] === null || ci[0] === undefined) return;
          var lo = xs.getPixelForValue(Math.max(ci[0], xs.min));
          var hi = ci[1] === null ? xs.right : xs.getPixelForValue(Math.min(ci[1], xs.max));
          var y = el.y, h = 5;
          ctx.save();
          ctx.strokeStyle = "#1d2330";
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(lo, y); ctx.lineTo(hi, y);
          ctx.moveTo(lo, y - h); ctx.lineTo(lo, y + h);
          if (ci[1] !== null) { ctx.moveTo(hi, y - h); ctx.lineTo(hi, y + h); }
          ctx.stroke();
          ctx.restore();
        });
      });
    }
  };

  var builders = {
    "languages": function () {
      return {
        type: "doughnut",
        data: {
          labels: data.languages.map(function (l) { return l.lang; }),
          datasets: [{ data: data.languages.map(function (l) { return l.documents; }),
            backgroundColor: data.languages.map(function (_, i) { return color(i); }) }]
        },
        options: base({ plugins: { legend: { display: true, position: "right" } } })
      };
    },
    "rules": function () {
      var rules = data.rules.slice(0, 30);
      var sets = ["error", "warning", "info"].map(function (s) {
        return { label: s, data: rules.map(function (r) { return r.by_severity[s]; }),
          backgroundColor: SEVERITY[s] };
      }).filter(function (ds) { return ds.data.some(function (v) { return v > 0; }); });
      return {
        type: "bar",
        data: { labels: rules.map(function (r) { return r.id + " (" + fmt(r.findings, 0) + ")"; }), datasets: sets },
        options: base({
          indexAxis: "y",
          scales: { x: { stacked: true, beginAtZero: true, title: { display: true, text: "findings" } },
            y: { stacked: true, ticks: { autoSkip: false, font: { size: 11 } } } },
          plugins: { legend: { display: true, position: "top" }, tooltip: { callbacks: {
            footer: function (items) {
              var r = rules[items[0].dataIndex];
              return fmt(r.per_1k_words, 3) + " per 1,000 words · " + r.documents + " documents";
            } } } }
        })
      };
    },
    "rule-groups": function () {
      var g = data.rule_groups;
      return {
        type: "bar",
        data: { labels: g.map(function (r) { return r.name + " (" + fmt(r.findings, 0) + ")"; }),
          datasets: [{ label: "findings", data: g.map(function (r) { return r.findings; }),
            backgroundColor: g.map(function (_, i) { return color(i); }) }] },
        options: base({ indexAxis: "y", scales: { x: { beginAtZero: true, title: { display: true, text: "findings" } },
          y: { ticks: { autoSkip: false } } },
          plugins: { legend: { display: false }, tooltip: { callbacks: { footer: function (items) {
            var r = g[items[0].dataIndex];
            return fmt(r.per_1k_words, 3) + " per 1,000 words · " + r.documents + " documents";
          } } } } })
      };
    },
    "document-words": function () { return bins(data.document_words, "documents"); },
    "document-rates": function () { return bins(data.document_rates, "documents", "#e15759"); },
    "sentence-length": function () { return bins(data.text.sentence_length, "sentences", "#59a14f"); },
    "readability": function (el) {
      var r = data.text.readability[Number(el.getAttribute("data-index"))];
      return bins(r.histogram, "documents", "#b07aa1");
    },
    "ngrams": function () {
      var top = data.text.ngrams.top;
      return {
        type: "bar",
        data: { labels: top.map(function (n) { return n.ngram; }),
          datasets: [{ label: "occurrences", data: top.map(function (n) { return n.count; }), backgroundColor: "#76b7b2" }] },
        options: base({ indexAxis: "y", scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } } })
      };
    },
    "compare-rates": function () {
      var gs = data.comparison.groups;
      var top = 0;
      gs.forEach(function (g) {
        top = Math.max(top, g.findings_per_1k_words || 0, (g.ci95 && g.ci95[1]) || 0);
      });
      return {
        type: "bar",
        data: { labels: gs.map(function (g) { return g.name; }),
          datasets: [{ label: "findings per 1,000 words", data: gs.map(function (g) { return g.findings_per_1k_words; }),
            ci: gs.map(function (g) { return g.ci95; }),
            backgroundColor: gs.map(function (_, i) { return color(i); }) }] },
        options: base({ indexAxis: "y",
          scales: { x: { beginAtZero: true, suggestedMax: top * 1.05, title: { display: true, text: "findings per 1,000 words" } },
            y: { ticks: { autoSkip: false } } },
          plugins: { legend: { display: false }, tooltip: { callbacks: { footer: function (items) {
            var g = gs[items[0].dataIndex];
            return "95% CI [" + fmt(g.ci95[0], 2) + ", " + fmt(g.ci95[1], 2) + "] · " + g.documents + " documents";
          } } } } }),
        plugins: [whiskers]
      };
    },
    "compare-rule-groups": function () {
      var gs = data.comparison.groups;
      var names = data.rule_groups.map(function (r) { return r.name; });
      return {
        type: "bar",
        data: { labels: names,
          datasets: gs.map(function (g, i) {
            return { label: g.name, backgroundColor: color(i),
              data: names.map(function (n) { var r = g.by_group[n]; return r ? r.per_1k_words : 0; }) };
          }) },
        options: base({ indexAxis: "y",
          scales: { x: { beginAtZero: true, title: { display: true, text: "findings per 1,000 words" } },
            y: { ticks: { autoSkip: false } } },
          plugins: { legend: { display: true, position: "top" } } })
      };
    },
    "compare-pairs": function () {
      var ps = data.comparison.pairs;
      var clean = {};
      data.comparison.groups.forEach(function (g) { if (g.findings === 0) clean[g.name] = true; });
      var lo = 1, hi = 1;
      ps.forEach(function (p) {
        if (p.ci95[0] > 0) lo = Math.min(lo, p.ci95[0]);
        if (p.rate_ratio !== null) hi = Math.max(hi, p.rate_ratio);
        if (p.ci95[1] !== null) hi = Math.max(hi, p.ci95[1]);
      });
      return {
        type: "bar",
        data: { labels: ps.map(function (p) {
            return p.a + " / " + p.b + (p.rate_ratio === null && clean[p.b] ? " (∞)" : "");
          }),
          datasets: [{ label: "rate ratio", data: ps.map(function (p) {
              return p.rate_ratio === null ? null : [1, p.rate_ratio];
            }),
            ci: ps.map(function (p) { return p.ci95; }),
            backgroundColor: ps.map(function (p) {
              return p.significant_holm ? "#e15759" : (p.significant ? "#f28e2b" : "#bab0ac");
            }) }] },
        options: base({ indexAxis: "y",
          scales: { x: { type: "logarithmic", min: nice(lo, false), max: nice(hi * 1.05, true),
              ticks: { callback: logTick, autoSkip: false, maxRotation: 0 },
              title: { display: true, text: "rate ratio (higher / lower), log scale; red: Holm p < 0.05, orange: q < 0.05" } },
            y: { ticks: { autoSkip: false, font: { size: 11 } } } },
          plugins: { legend: { display: false }, tooltip: { callbacks: {
            label: function (item) {
              var p = ps[item.dataIndex];
              return "RR " + fmt(p.rate_ratio, 2) + " [" + fmt(p.ci95[0], 2) + ", " + fmt(p.ci95[1], 2) + "] · " +
                p.test + " · q " + fmt(p.q, 4);
            } } } } }),
        plugins: [whiskers]
      };
    }
  };

  var rendered = 0, failed = 0;
  var nodes = document.querySelectorAll("[data-chart]");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var name = el.getAttribute("data-chart");
    try {
      if (typeof Chart === "undefined") throw new Error("Chart.js is missing");
      var build = builders[name];
      if (!build) throw new Error("unknown chart");
      var canvas = el.querySelector("canvas");
      new Chart(canvas, build(el));
      el.setAttribute("data-rendered", "true");
      rendered++;
    } catch (e) {
      failed++;
      el.setAttribute("data-rendered", "false");
      fail(name, e);
    }
  }

  // Shade the per-rule comparison table row by row (the highest rate of the row is darkest).
  var rows = document.querySelectorAll("table.heatmap tbody tr");
  for (var r = 0; r < rows.length; r++) {
    var cells = rows[r].querySelectorAll("td.heat");
    var max = 0;
    for (var c = 0; c < cells.length; c++) max = Math.max(max, Number(cells[c].getAttribute("data-v")) || 0);
    for (c = 0; c < cells.length; c++) {
      var v = Number(cells[c].getAttribute("data-v")) || 0;
      if (max > 0 && v > 0) cells[c].style.background = "rgba(225, 87, 89, " + (0.1 + 0.6 * v / max).toFixed(3) + ")";
    }
  }

  document.body.setAttribute("data-charts-rendered", String(rendered));
  document.body.setAttribute("data-charts-failed", String(failed));
})();
