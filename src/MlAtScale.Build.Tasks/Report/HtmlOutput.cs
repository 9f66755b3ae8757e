using System.Text;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>
/// The interactive report, <c>mlroles-report.html</c>: one self-contained file (inline CSS and script, no
/// network) that carries the JSON report and draws from it the role graph as SVG (click an edge for its
/// violations and allowances), the violations grouped by cause with what to do, file:line links, the
/// ownership per namespace and a filter. The same page serves the project and the repository report.
/// File links are relative to the page's own folder (<paramref name="sourceRoot"/> of <see cref="Page"/> leads from
/// there to the repository root), so a click on a page opened from disk opens the source file.
/// </summary>
internal static class HtmlOutput
{
    /// <param name="title">The page's title and heading.</param>
    /// <param name="json">The JSON report the page shows.</param>
    /// <param name="sourceRoot">The URL prefix from the page's folder to the repository root that the report's
    /// file paths are relative to (<c>../../../</c>, or a <c>file:</c> URL ending in '/').</param>
    public static byte[] Page(string title, byte[] json, string sourceRoot)
    {
        // The JSON goes into a script element: "</" must not end it early.
        var data = Encoding.UTF8.GetString(json).Replace("</", "<\\/");
        var html = new StringBuilder(Template.Length + data.Length + title.Length)
            .Append(Template)
            .Replace("%TITLE%", Escape(title))
            .Replace("%SOURCEROOT%", Escape(sourceRoot))
            .Replace("%DATA%", data)
            .ToString();
        return new UTF8Encoding(false).GetBytes(html);
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    private const string Template = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE%</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1f2328; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; }
#summary { color: #57606a; }
#graph { border: 1px solid #d0d7de; border-radius: 6px; }
.edge { cursor: pointer; } .edge:hover line, .edge.selected line { stroke-width: 6; }
.edge-label { font-size: 12px; text-anchor: middle; }
.node circle { fill: #f6f8fa; stroke: #57606a; } .node text { font-size: 12px; text-anchor: middle; }
table { border-collapse: collapse; margin-top: .5rem; } th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f6f8fa; } code { font-size: .9em; }
.legend span { display: inline-block; margin-right: 1rem; } .swatch { display: inline-block; width: 1.2rem; height: .3rem; vertical-align: middle; margin-right: .3rem; }
#filter { width: 24rem; padding: .3rem; }
</style>
</head>
<body>
<h1>%TITLE%</h1>
<p id="summary"></p>
<p><label>Filter <input id="filter" type="search" placeholder="role, type, file or namespace"></label></p>
<h2>Role graph</h2>
<p class="legend"><span><i class="swatch" style="background:#cf222e"></i>has violations</span><span><i class="swatch" style="background:#bf8700"></i>baselined or suppressed</span><span><i class="swatch" style="background:#8250df"></i>allowed by exception</span><span><i class="swatch" style="background:#1a7f37"></i>allowed by policy or contract</span> Click an edge to list its uses.</p>
<svg id="graph" width="640" height="420" viewBox="0 0 640 420" role="img" aria-label="role graph"></svg>
<h2 id="edge-title">Edge</h2>
<p id="edge-hint">Click an edge of the graph.</p>
<table id="edge-list"><thead><tr><th>kind</th><th>user</th><th>used</th><th>where</th><th>what to do</th></tr></thead><tbody></tbody></table>
<h2>Violations by cause</h2>
<table id="groups"><thead><tr><th>from</th><th>to</th><th>used type</th><th>violations</th><th>what to do</th><th>where</th></tr></thead><tbody></tbody></table>
<h2>Ownership per namespace</h2>
<table id="ownership"><thead><tr><th>role</th><th>namespace</th><th>types</th></tr></thead><tbody></tbody></table>
<section id="teams-section" hidden>
<h2>Teams (CODEOWNERS)</h2>
<table id="teams"><thead><tr><th>team</th><th>role</th><th>files</th><th>types</th><th>members</th><th>violations in its code</th><th>violations using its code</th></tr></thead><tbody></tbody></table>
</section>
<script id="report-data" type="application/json" data-source-root="%SOURCEROOT%">%DATA%</script>
<script>
(function () {
  "use strict";
  var report = JSON.parse(document.getElementById("report-data").textContent);
  var plural = function (n, word) { return n + " " + word + (n === 1 ? "" : "s"); };
  var shortName = function (id) {
    if (!id) { return ""; }
    var s = id.replace(/^[A-Z]:/, "").replace(/\(.*\)$/, "(…)").replace(/``?\d+/g, "<…>");
    var parts = s.split("(")[0].split(".");
    var tail = parts.length > 2 ? parts.slice(-2).join(".") : parts.join(".");
    return s.indexOf("(") >= 0 ? tail + "(…)" : tail;
  };
  var el = function (tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    for (var k in (attrs || {})) { e.setAttribute(k, attrs[k]); }
    return e;
  };
  // Paths and IDs have no spaces: a line break may follow each "/" and "." (<wbr>), so the tables fit the window.
  var breakable = function (tag, text, attrs) {
    var e = el(tag, null, attrs), part = "";
    String(text === null || text === undefined ? "" : text).split("").forEach(function (ch) {
      part += ch;
      if (ch === "/" || ch === ".") { e.appendChild(document.createTextNode(part)); e.appendChild(document.createElement("wbr")); part = ""; }
    });
    if (part) { e.appendChild(document.createTextNode(part)); }
    return e;
  };
  // A repository-relative file is linked relative to this page's folder (so that it opens from disk); an absolute one
  // (outside the repository) by its file: URL. The text stays the repository-relative path.
  var sourceRoot = document.getElementById("report-data").getAttribute("data-source-root") || "";
  var encodePath = function (p) { return p.split("/").map(encodeURIComponent).join("/").replace(/^([A-Za-z])%3A/, "$1:"); };
  var fileUrl = function (file) {
    if (/^\//.test(file)) { return "file://" + encodePath(file); }
    if (/^[A-Za-z]:\//.test(file)) { return "file:///" + encodePath(file); }
    return sourceRoot + encodePath(file);
  };
  // The repository page names a project by its file name ("Churn.Kpi"), not its path.
  var projectName = function (path) { return path.replace(/^.*\//, "").replace(/\.[^.]*proj$/, ""); };
  var where = function (u) {
    if (!u.file) { return el("span", "(no location)"); }
    var label = (u.project ? projectName(u.project) + ": " : "") + u.file + ":" + u.line;
    return breakable("a", label, { href: fileUrl(u.file), title: u.file + " line " + u.line + ", column " + u.column });
  };
  var row = function (cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (c) { var td = document.createElement("td"); if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c === null || c === undefined ? "" : String(c); } tr.appendChild(td); });
    return tr;
  };
  var violations = report.violations || [];
  var groups = report.groups || [];
  var s = report.summary || {};
  document.getElementById("summary").textContent = (report.kind === "repository" ? plural(s.projects || 0, "project") + ", " : "") +
    plural(s.roles || 0, "role") + ", " + plural(s.edges || 0, "edge") + ", " + plural(s.violations || 0, "violation") +
    (groups.length ? " in " + plural(groups.length, "group") : "") + ", " + plural(s.allowances || 0, "allowance");

  // The graph: roles on a circle, one arrow per edge, coloured by its worst kind.
  var roles = (report.roles || []).map(function (r) { return r.name; });
  (report.edges || []).forEach(function (e) { [e.from, e.to || "contract"].forEach(function (n) { if (roles.indexOf(n) < 0) { roles.push(n); } }); });
  var svg = document.getElementById("graph"), ns = "http://www.w3.org/2000/svg";
  var defs = document.createElementNS(ns, "defs");
  ["#cf222e", "#bf8700", "#8250df", "#1a7f37"].forEach(function (c, i) {
    var m = document.createElementNS(ns, "marker");
    m.setAttribute("id", "arrow" + i); m.setAttribute("viewBox", "0 0 10 10"); m.setAttribute("refX", "10"); m.setAttribute("refY", "5");
    m.setAttribute("markerWidth", "8"); m.setAttribute("markerHeight", "8"); m.setAttribute("orient", "auto");
    var p = document.createElementNS(ns, "path"); p.setAttribute("d", "M0,0 L10,5 L0,10 z"); p.setAttribute("fill", c); m.appendChild(p); defs.appendChild(m);
  });
  svg.appendChild(defs);
  var pos = {};
  roles.forEach(function (r, i) {
    var a = 2 * Math.PI * i / Math.max(roles.length, 1) - Math.PI / 2;
    pos[r] = { x: 320 + 160 * Math.cos(a), y: 210 + 160 * Math.sin(a) };
  });
  var worst = function (e) { return e.violations > 0 ? 0 : e.baselined + (e.suppressed || 0) > 0 ? 1 : e.exception > 0 ? 2 : 3; };
  var colours = ["#cf222e", "#bf8700", "#8250df", "#1a7f37"];
  (report.edges || []).forEach(function (e) {
    var to = e.to || "contract", a = pos[e.from], b = pos[to];
    var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var ox = -dy / len * 6, oy = dx / len * 6, r = 34;
    var g = document.createElementNS(ns, "g");
    g.setAttribute("class", "edge"); g.setAttribute("data-from", e.from); g.setAttribute("data-to", to);
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", a.x + dx / len * r + ox); line.setAttribute("y1", a.y + dy / len * r + oy);
    line.setAttribute("x2", b.x - dx / len * r + ox); line.setAttribute("y2", b.y - dy / len * r + oy);
    line.setAttribute("stroke", colours[worst(e)]); line.setAttribute("stroke-width", "3"); line.setAttribute("marker-end", "url(#arrow" + worst(e) + ")");
    var t = document.createElementNS(ns, "title");
    t.textContent = e.from + " -> " + to + ": " + plural(e.violations, "violation") + ", " + e.baselined + " baselined, " + (e.suppressed || 0) + " suppressed, " + e.exception + " by exception, " + (e.allowed + e.contract) + " by policy or contract";
    var label = document.createElementNS(ns, "text");
    label.setAttribute("x", (a.x + b.x) / 2 + ox * 3); label.setAttribute("y", (a.y + b.y) / 2 + oy * 3);
    label.setAttribute("class", "edge-label"); label.setAttribute("fill", colours[worst(e)]);
    label.textContent = e.violations > 0 ? plural(e.violations, "violation") : plural(e.uses, "use");
    g.appendChild(t); g.appendChild(line); g.appendChild(label);
    g.addEventListener("click", function () { showEdge(e, g); });
    svg.appendChild(g);
  });
  roles.forEach(function (r) {
    var g = document.createElementNS(ns, "g"); g.setAttribute("class", "node");
    var c = document.createElementNS(ns, "circle"); c.setAttribute("cx", pos[r].x); c.setAttribute("cy", pos[r].y); c.setAttribute("r", 34);
    var t = document.createElementNS(ns, "text"); t.setAttribute("x", pos[r].x); t.setAttribute("y", pos[r].y + 4); t.textContent = r;
    g.appendChild(c); g.appendChild(t); svg.appendChild(g);
  });

  var settleOf = function (v) { return v.settle || (v.from + " -> " + v.to); };
  function showEdge(e, g) {
    Array.prototype.forEach.call(svg.querySelectorAll(".edge"), function (x) { x.classList.remove("selected"); });
    g.classList.add("selected");
    var to = e.to || "contract";
    document.getElementById("edge-title").textContent = "Edge " + e.from + " -> " + to;
    var body = document.querySelector("#edge-list tbody");
    body.textContent = "";
    violations.concat(report.baselined || []).filter(function (v) { return v.from === e.from && (v.to || "contract") === to; }).forEach(function (v) {
      body.appendChild(row([v.kind, breakable("span", shortName(v.user)), breakable("span", shortName(v.used)), where(v), breakable("code", settleOf(v))]));
    });
    (report.suppressions || []).filter(function (v) { return v.from === e.from && (v.to || "contract") === to; }).forEach(function (v) {
      body.appendChild(row(["suppressed (" + v.suppressedBy + ")", shortName(v.user), shortName(v.used), where(v), el("code", v.from + " -> " + v.to)]));
    });
    (report.permitted || []).filter(function (p) { return p.from === e.from && (p.to || "contract") === to; }).forEach(function (p) {
      var why = p.kind === "exception" ? "[AllowRoleCrossing]: " + (p.justification || "no justification") : p.kind === "contract" ? "contract" : "policy edge";
      body.appendChild(row([p.kind, p.user ? shortName(p.user) : "", plural(p.uses, "use") + (p.usedAssembly ? " of " + p.usedAssembly : ""), "", why]));
    });
    document.getElementById("edge-hint").textContent = body.children.length + (body.children.length === 1 ? " entry" : " entries");
    applyFilter();
  }

  var groupBody = document.querySelector("#groups tbody");
  groups.forEach(function (g) {
    var places = el("span");
    (g.locations || []).forEach(function (l, i) { if (i) { places.appendChild(document.createTextNode(", ")); } places.appendChild(where(l)); });
    groupBody.appendChild(row([g.from, g.to, breakable("span", shortName(g.used)), g.violations, breakable("code", g.settle), places]));
  });

  var ownBody = document.querySelector("#ownership tbody");
  (report.roles || []).forEach(function (r) {
    (r.namespaces || []).forEach(function (n) { ownBody.appendChild(row([r.name, typeof n === "string" ? n : n.name, typeof n === "string" ? "" : n.types])); });
    (r.projects || []).forEach(function (p) { (p.namespaces || []).forEach(function (n) { ownBody.appendChild(row([r.name, projectName(p.path) + ": " + n, ""])); }); });
  });

  var teams = report.teams || [];
  if (teams.length) {
    document.getElementById("teams-section").hidden = false;
    var teamBody = document.querySelector("#teams tbody");
    teams.forEach(function (t) {
      var files = el("span");
      (t.files || []).forEach(function (f, i) { if (i) { files.appendChild(document.createTextNode(", ")); } files.appendChild(el("code", f)); });
      teamBody.appendChild(row([el("code", t.team), t.role, files, t.types, t.members, t.violationsAsUser, t.violationsAsUsed]));
    });
  }

  var filter = document.getElementById("filter");
  function applyFilter() {
    var q = filter.value.trim().toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll("tbody tr"), function (tr) {
      tr.style.display = !q || tr.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none";
    });
  }
  filter.addEventListener("input", applyFilter);
})();
</script>
</body>
</html>
""";
}
