/* ---------- the list of places: a table of what the filter shows, in step with it ----------
 * Name, where, years, categories and questioned claims, a row a place; the name opens the place on the map.
 * Reached from the panel's button, from the skip link at the top of the page (the first Tab stop) and by
 * mapgen.showList(true|false). It covers the map while open; Esc or "Back to the map" closes it.
 */
var placeList = (function () {
  var LIMIT = 500;  // rows written at a time: a filter of 100,000 places lists the first ones and says so
  var box = el("section", "mg-list");
  box.id = "mg-list";
  box.hidden = true;
  box.tabIndex = -1;
  var head = box.appendChild(el("div", "mg-list-head"));
  var title = head.appendChild(el("h2", null, ""));
  title.id = "mg-list-title";
  box.setAttribute("aria-labelledby", title.id);
  var close = head.appendChild(el("button", "mg-small mg-list-close"));
  close.type = "button";
  close.addEventListener("click", function () { show(false); });
  var summary = box.appendChild(el("p", "mg-note"));
  var table = box.appendChild(el("table"));
  var more = box.appendChild(el("p", "mg-note"));
  document.querySelector("main").appendChild(box);
  var returnTo = null;

  function yearsOf(s) {
    var y0 = Infinity, y1 = -Infinity;
    s.claims.forEach(function (c) {
      if (!claimMatches(c)) return;
      y0 = Math.min(y0, c.start);
      y1 = Math.max(y1, c.end);
    });
    return y0 === y1 ? String(y0) : text("yearRange", { from: y0, to: y1 });
  }
  function write() {
    if (box.hidden) return;
    title.textContent = STRINGS.listTitle;
    close.textContent = STRINGS.listClose;
    var shown = pins.visible();
    summary.textContent = placeCount(shown.length, D.count);
    table.textContent = "";
    var tr = table.appendChild(el("thead")).appendChild(el("tr"));
    [STRINGS.listName, STRINGS.listWhere, STRINGS.listYears, STRINGS.listCategories, STRINGS.listFlags]
      .forEach(function (h) { tr.appendChild(el("th", null, h)).scope = "col"; });
    var body = table.appendChild(el("tbody"));
    shown.slice(0, LIMIT).map(D.site).forEach(function (s) {
      var row = body.appendChild(el("tr"));
      var cell = row.appendChild(el("th"));
      cell.scope = "row";
      var open = cell.appendChild(el("button", "mg-list-open", nameOf(s)));
      open.type = "button";
      open.setAttribute("aria-label", text("listOpen", { name: nameOf(s) }));
      open.addEventListener("click", function () { show(false, true); pins.openSite(s.id, true); });
      if (otherName(s)) cell.appendChild(el("span", "mg-result-local", otherName(s)));
      row.appendChild(el("td", null, whereText(s, 2)));
      row.appendChild(el("td", "mg-num", yearsOf(s)));
      var cats = row.appendChild(el("td"));
      var seen = {};
      s.claims.forEach(function (c) {
        if (!claimMatches(c) || seen[c.cat]) return;
        seen[c.cat] = true;
        var item = cats.appendChild(el("span", "mg-list-cat"));
        item.appendChild(el("span", "mg-swatch mg-c" + c.cat));
        item.appendChild(document.createTextNode(vocabLabel("category", D.CATS[c.cat])));
      });
      var flagged = s.claims.filter(function (c) { return c.flag && claimMatches(c); }).length;
      row.appendChild(el("td", "mg-num", flagged ? text("listFlagCount", { n: flagged }) : ""));
    });
    more.textContent = shown.length > LIMIT ? text("countSome", { shown: LIMIT, n: shown.length }) : "";
    if (!shown.length) more.textContent = STRINGS.emptyFilter;
  }
  function show(on, quiet) {  // quiet: a place is being opened, which takes the focus itself
    if (on === !box.hidden) return;
    box.hidden = !on;
    document.documentElement.classList.toggle("mg-listing", on);
    if (on) {
      returnTo = document.activeElement;
      closePanelOnPhone();
      write();
      box.focus();
    } else if (!quiet && returnTo && document.contains(returnTo)) {
      returnTo.focus();
    }
    state.set({});  // tells the panel's button
  }
  box.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); show(false); } });
  state.on("change", function (change) { if (change.filter || change.keys.indexOf("lang") >= 0) write(); });

  // the skip link: the page's first Tab stop, shown when it has the focus
  var skip = el("a", "mg-skip");
  skip.href = "#mg-list";
  skip.addEventListener("click", function (e) { e.preventDefault(); show(true); });
  document.body.insertBefore(skip, document.body.firstChild);
  function words() { skip.textContent = STRINGS.skipToList; write(); }
  words();
  state.on("change", function (change) { if (change.keys.indexOf("lang") >= 0) words(); });

  ui.part(function () {  // the list, and the map framed to what the filter shows
    var tools = el("div", "mg-view-tools");
    var b = tools.appendChild(el("button", "mg-small mg-list-button", STRINGS.listButton));
    b.type = "button";
    b.setAttribute("aria-controls", "mg-list");
    b.addEventListener("click", function () { show(box.hidden); });
    var frame = tools.appendChild(el("button", "mg-small mg-frame", STRINGS.frameShown));
    frame.type = "button";
    frame.addEventListener("click", function () {
      var shown = pins.visible();
      if (!shown.length) return;
      show(false, true);
      closePanelOnPhone();
      map.fitBounds(coreBounds(shown), { paddingTopLeft: panelPad(), paddingBottomRight: [30, 40], maxZoom: 12 });
    });
    ui.on(function () {
      b.setAttribute("aria-expanded", box.hidden ? "false" : "true");
      frame.disabled = !pins.visible().length;
    });
    panelBody.insertBefore(tools, panelBody.firstChild);
  });
  return { show: show, open: function () { return !box.hidden; } };
})();
