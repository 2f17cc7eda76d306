/* ---------- links: pre-filtered pages, sources, credits and the data ---------- */
ui.part(function () {
  if (cfg.pages && cfg.pages.length) {
    var pages = el("details", "mg-pages");
    pages.appendChild(el("summary", null, STRINGS.pagesTitle));
    cfg.pages.forEach(function (grp) {
      pages.appendChild(el("h3", null, grp.kind ? STRINGS["by_" + grp.kind] : grp.title));
      var list = el("ul");
      grp.links.forEach(function (l) {
        var item = el("li");
        var a = el("a", null, l.label);
        var v = grp.kind && vocabEntry(grp.kind, l.slug);
        if (v) a.textContent = grp.kind === "period" ? vocabLabel("period", v) + " (" + periodYears(v) + ")"
          : vocabLabel("category", v);
        a.href = cfg.root + l.href;
        item.appendChild(a);
        list.appendChild(item);
      });
      pages.appendChild(list);
    });
    panelBody.appendChild(pages);
  }

  var about = el("details", "mg-about");
  about.appendChild(el("summary", null, STRINGS.aboutTitle));
  var sources = el("ul");
  D.SOURCES.forEach(function (s) {
    var item = el("li");
    var a = el("a", null, s.title);
    a.href = D.sourcePage(s);
    item.appendChild(outward(a));
    item.appendChild(document.createTextNode(text("sourceNote", { origin: s.origin, licence: s.licence })));
    sources.appendChild(item);
  });
  about.appendChild(sources);
  var credit = cfg.tiles && (cfg.tiles.host ? text("tiles_credit", { host: cfg.tiles.host }) : STRINGS.osm_credit);
  about.appendChild(el("p", null, cfg.tiles ? text("baseMapTiles", { credit: credit }) : STRINGS.baseMap));
  if (cfg.data) {
    var dl = el("p", null, STRINGS.download);
    [[STRINGS.geojson, cfg.paths.geojson], [STRINGS.csv, cfg.paths.csv]].forEach(function (pair, k) {
      var a = el("a", null, pair[0]);
      a.href = cfg.root + pair[1];
      if (k) dl.appendChild(document.createTextNode(STRINGS.linkSeparator));
      dl.appendChild(a);
    });
    about.appendChild(dl);
  }
  panelBody.appendChild(about);
});
