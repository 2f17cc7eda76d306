/* mapgen's vector-tile page (`mapgen build --vector-tiles`): the places drawn from tiles/sites.pmtiles, read by
 * HTTP range requests (pmtiles) and painted on canvas tiles (protomaps-leaflet); a list of the places in view
 * with a search box for the keyboard; popups with each claim's quote and its citation.
 * Every value from the data is put on the page with textContent, setAttribute or a property, never as HTML.
 */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("mg-config").textContent);
  var S = cfg.strings;
  var status = document.getElementById("mg-status");
  var listEl = document.getElementById("mg-list");
  var find = document.getElementById("mg-find");
  var LIST_MAX = 200, GROUPS_MAX = 20, BRUSH = matchMedia("(pointer: coarse)").matches ? 22 : 12;
  var api = { ready: false, places: [] };
  window.mapgenTiles = api;

  function fill(template, values) {  // "{title}, line {line}": values are inserted once, never read again
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }
  var plurals = new Intl.PluralRules(cfg.lang), numbers = new Intl.NumberFormat(cfg.lang);
  function count(template, n) {  // a string that counts: the language's plural form for n, n in its digits
    var form = typeof template === "object" ? template[plurals.select(n)] || template.other : template;
    return fill(form, { n: numbers.format(n) });
  }
  api.count = function (name, n) { return count(S[name], n); };  // for scripts and tests
  function el(tag, className, words) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (words !== undefined && words !== null) node.textContent = String(words);
    return node;
  }
  function say(words) { status.textContent = words; }

  if (location.protocol === "file:") {  // range requests need a web server; the normal build's pages do not
    say(S.needsHttp);
    document.documentElement.dataset.mapgen = "file";
    return;
  }

  var reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
  var map = L.map("mg-map", { minZoom: 1, maxZoom: 18, worldCopyJump: true, zoomAnimation: !reduced,
    fadeAnimation: !reduced, markerZoomAnimation: !reduced, zoomControl: false }).setView([55, 37], 3);
  api.map = map;
  L.control.zoom({ zoomInTitle: S.zoomIn, zoomOutTitle: S.zoomOut }).addTo(map);  // named in the page's language
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(cfg.attribution);  // mapgen's own words (HTML it wrote, not data)
  map.createPane("mg-outline").style.zIndex = 150;  // today's countries (data/outline.js), under any tiles
  if (window.MAPGEN_OUTLINE) {
    L.geoJSON(window.MAPGEN_OUTLINE, { pane: "mg-outline", interactive: false, className: "mg-land",
      style: { color: "#8c8c8c", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
  }
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles.url, { attribution: cfg.tiles.attribution, maxZoom: 19 }).addTo(map);
  }
  L.control.scale().addTo(map);

  function colour(c) {
    var cat = cfg.categories[c];
    return cat ? cat.colour : "#777777";
  }
  var paintRules = [{
    dataLayer: cfg.layer,
    symbolizer: new protomapsL.CircleSymbolizer({
      radius: function (z, f) { return f.props.clustered ? 8 + Math.min(10, Math.sqrt(f.props.point_count)) : 5; },
      fill: function (z, f) { return f.props.clustered ? "#3d3d3d" : colour(f.props.c); },
      stroke: "#ffffff",
      width: 1.5
    })
  }];
  var labelRules = [{
    dataLayer: cfg.layer,
    filter: function (z, f) { return !!f.props.clustered; },
    symbolizer: new protomapsL.CenteredTextSymbolizer({ labelProps: ["point_count_abbreviated"],
      font: "600 11px sans-serif", fill: "#ffffff" })
  }];

  var archive = new pmtiles.PMTiles(cfg.archive);
  var layer = null, view = null, maxZoom = cfg.maxZoom, opener = null;

  /* ---------- features in a box of the map, read from the tiles the layer has (or fetches) ---------- */
  function featuresIn(box, zoom) {
    // box: global pixel bounds at `zoom` (an integer). Each feature's point: the tile's origin + its geometry,
    // in the tile's 256 px units, times the over- or underzoom scale.
    return view.getBbox(zoom, { minX: box.min.x, minY: box.min.y, maxX: box.max.x, maxY: box.max.y })
      .then(function (tiles) {
        var out = [], seen = {};
        tiles.forEach(function (t) {
          (t.data.get(cfg.layer) || []).forEach(function (f) {
            if (!f.geom.length || !f.geom[0].length) return;
            var g = f.geom[0][0], p = L.point(t.origin.x + g.x * t.scale, t.origin.y + g.y * t.scale);
            if (!box.contains(p)) return;
            var key = f.props.clustered ? "group " + Math.round(p.x) + " " + Math.round(p.y) : "site " + f.props.id;
            if (seen[key]) return;  // a point near a tile's edge is in its neighbour's buffer too
            seen[key] = true;
            out.push({ props: f.props, point: p, latlng: map.unproject(p, zoom) });
          });
        });
        return out;
      });
  }

  function claimsOf(place) {
    /* The whole feature: below the archive's last zoom the tiles carry names only, and the claims are read from
     * the last zoom's tile under the place (or a neighbour, as the position is rounded at low zooms). */
    if (typeof place.props.claims === "string") return Promise.resolve(place.props);
    var p = map.project(place.latlng, maxZoom).divideBy(256).floor(), tries = [[0, 0]];
    [-1, 0, 1].forEach(function (dx) { [-1, 0, 1].forEach(function (dy) { if (dx || dy) tries.push([dx, dy]); }); });
    function attempt(k) {
      if (k >= tries.length) return Promise.reject(new Error("no tile holds " + place.props.id));
      var n = 1 << maxZoom, x = ((p.x + tries[k][0]) % n + n) % n, y = p.y + tries[k][1];
      if (y < 0 || y >= n) return attempt(k + 1);
      return view.tileCache.get({ z: maxZoom, x: x, y: y }).then(function (data) {
        var hit = (data.get(cfg.layer) || []).filter(function (f) {
          return f.props.id === place.props.id && typeof f.props.claims === "string";
        })[0];
        return hit ? hit.props : attempt(k + 1);
      });
    }
    return attempt(0);
  }

  /* ---------- popups ---------- */
  function languageName(code) {
    try {
      return new Intl.DisplayNames([cfg.lang], { type: "language" }).of(code) || code;
    } catch (e) {
      return code;
    }
  }

  function claimItem(c) {
    // [start, end, category index, quote, source index, line, flag, flag reason]
    var start = c[0], end = c[1], cat = cfg.categories[c[2]], quote = c[3], src = cfg.sources[c[4]], line = c[5];
    var li = el("li", "mg-claim" + (c[6] ? " mg-flagged" : ""));
    var head = li.appendChild(el("p", "mg-claim-head"));
    var swatch = head.appendChild(el("span", "mg-swatch"));
    swatch.style.background = colour(c[2]);
    var years = start === end ? String(start) : fill(S.yearRange, { from: start, to: end });
    head.appendChild(document.createTextNode(fill(S.claimHead, { years: years, category: cat ? cat.label : "" })));
    if (c[6]) head.appendChild(el("span", "mg-flag-mark", " \u2691"));
    var q = li.appendChild(el("blockquote", "mg-quote", quote));
    var cite = li.appendChild(el("p", "mg-cite"));
    if (src && Number.isInteger(line)) {
      var href = src.href + "#L" + line;
      q.setAttribute("cite", href);
      if (src.language) q.setAttribute("lang", src.language);
      cite.appendChild(document.createTextNode(S.citeDash));
      var a = cite.appendChild(el("a", null, fill(S.citeLine, { title: src.title, line: line })));
      a.href = href;
      if (src.language) cite.appendChild(document.createTextNode(fill(S.quoteLanguage,
        { language: languageName(src.language) })));
    }
    if (c[6]) {
      var flag = cfg.flags[c[6]] || c[6];
      li.appendChild(el("p", "mg-flag", c[7] ? fill(S.flagReason, { flag: flag, reason: c[7] })
        : fill(S.flag, { flag: flag })));
    }
    return li;
  }

  function siteArticle(props) {
    var root = el("article", "mg-site");
    var h = root.appendChild(el("h2", "mg-name", props.name));
    h.tabIndex = -1;
    if (props.local && props.local !== props.name) root.appendChild(el("p", "mg-local", props.local));
    var claims = [];
    try {
      claims = JSON.parse(props.claims);
    } catch (e) {
      claims = [];
    }
    var list = root.appendChild(el("ol", "mg-claims"));
    (Array.isArray(claims) ? claims : []).forEach(function (c) { if (Array.isArray(c)) list.appendChild(claimItem(c)); });
    return root;
  }

  function openPlaces(places, latlng, focus) {
    /* One popup for the places picked (several when they lie on the same spot), each with its claims. */
    var box = el("div", "mg-popup");
    var wait = box.appendChild(el("p", "mg-note", S.loading));
    wait.setAttribute("role", "status");
    // on a phone's map the whole popup fits across: its content, its margins (44 px) and the pan padding (48 px)
    var size = map.getSize(), room = size.x - 100;
    var popup = L.popup({ maxWidth: Math.min(380, room), minWidth: Math.min(240, room),
      maxHeight: Math.max(160, size.y - 180), autoPanPadding: [24, 24], closeButton: true })
      .setLatLng(latlng).setContent(box).openOn(map);
    Promise.all(places.map(claimsOf)).then(function (whole) {
      box.removeChild(wait);
      whole.forEach(function (props) { box.appendChild(siteArticle(props)); });
      popup.update();
      var first = box.querySelector(".mg-name");
      if (focus && first) first.focus();
      api.popupOpen = true;
    }, function (err) {
      wait.textContent = fill(S.failed, { error: err && err.message ? err.message : String(err) });
    });
  }

  function buttonFor(site) {  // the list's button of a site (the list is remade when the map moves)
    var buttons = listEl.querySelectorAll("button.mg-place");
    for (var i = 0; i < buttons.length; i++) if (buttons[i].dataset.site === site) return buttons[i];
    return null;
  }
  map.on("popupopen", function (e) {  // Leaflet names its close button in English
    var close = e.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", S.closePopup);
  });
  map.on("popupclose", function () {
    api.popupOpen = false;
    var back = opener && buttonFor(opener);
    if (back && (document.activeElement === document.body || map.getContainer().contains(document.activeElement))) {
      back.focus();
    }
    opener = null;
  });
  map.getContainer().addEventListener("keydown", function (e) {  // Esc in a popup closes it, back to the list
    if (e.key === "Escape" && e.target.closest && e.target.closest(".leaflet-popup")) map.closePopup();
  });

  map.on("click", function (e) {
    if (!view) return;
    var zoom = map.getZoom(), at = map.project(e.latlng, zoom);
    var box = L.bounds(at.subtract([BRUSH, BRUSH]), at.add([BRUSH, BRUSH]));
    featuresIn(box, zoom).then(function (found) {
      if (!found.length) return;
      found.sort(function (a, b) { return a.point.distanceTo(at) - b.point.distanceTo(at); });
      var nearest = found[0];
      if (nearest.props.clustered) {
        map.setView(nearest.latlng, Math.min(zoom + 2, maxZoom));
        return;
      }
      var here = found.filter(function (f) { return !f.props.clustered && f.point.distanceTo(nearest.point) < 2; });
      opener = null;
      openPlaces(here.slice(0, 5), nearest.latlng, false);
    });
  });

  /* ---------- the list of places in view, and the search over it ---------- */
  var shown = [];
  function drawList() {
    var words = find.value.trim().toLocaleLowerCase();
    var focused = listEl.contains(document.activeElement) ? document.activeElement.dataset.site : null;
    listEl.textContent = "";
    var places = shown.filter(function (f) { return !f.props.clustered; });
    var groups = shown.filter(function (f) { return f.props.clustered; });
    var hits = places.filter(function (f) {
      return !words || String(f.props.name).toLocaleLowerCase().indexOf(words) >= 0 ||
        String(f.props.local || "").toLocaleLowerCase().indexOf(words) >= 0;
    });
    hits.sort(function (a, b) { return String(a.props.name).localeCompare(String(b.props.name), cfg.lang); });
    hits.slice(0, LIST_MAX).forEach(function (f) {
      var b = listEl.appendChild(el("li")).appendChild(el("button", "mg-place", f.props.name));
      b.type = "button";
      b.dataset.site = f.props.id;
      b.addEventListener("click", function () {
        opener = f.props.id;
        openPlaces([f], f.latlng, true);
      });
    });
    if (hits.length > LIST_MAX) listEl.appendChild(el("li", "mg-more", count(S.listMore, hits.length - LIST_MAX)));
    if (!words) {
      groups.sort(function (a, b) { return b.props.point_count - a.props.point_count; });
      groups.slice(0, GROUPS_MAX).forEach(function (g) {
        var b = listEl.appendChild(el("li")).appendChild(el("button", "mg-group",
          count(S.groupLabel, g.props.point_count)));
        b.type = "button";
        b.addEventListener("click", function () { map.setView(g.latlng, Math.min(map.getZoom() + 2, maxZoom)); });
      });
    }
    if (!listEl.children.length) listEl.appendChild(el("li", "mg-more", S.noneInView));
    var again = focused && buttonFor(focused);  // the keyboard stays on its place while the map moves
    if (focused !== null) (again || find).focus();
    api.places = places.map(function (f) { return f.props.id; });
  }
  var pending = 0;
  function refresh() {
    if (!view) return Promise.resolve();
    var zoom = map.getZoom(), ticket = ++pending;
    return featuresIn(map.getPixelBounds(), zoom).then(function (found) {
      if (ticket !== pending) return;
      shown = found;
      api.zoom = zoom;  // the zoom the list was made at (for scripts and tests)
      drawList();
    });
  }
  find.addEventListener("input", drawList);
  map.on("moveend", refresh);

  archive.getHeader().then(function (h) {
    maxZoom = h.maxZoom;
    layer = protomapsL.leafletLayer({ url: archive, maxDataZoom: h.maxZoom, levelDiff: 0, paintRules: paintRules,
      labelRules: labelRules, attribution: "", maxZoom: 18 });
    view = layer.views.get("");
    api.layer = layer;
    layer.addTo(map);
    var bounds = L.latLngBounds([h.minLat, h.minLon], [h.maxLat, h.maxLon]);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], animate: false });
    layer.once("load", function () {
      refresh().then(function () {
        api.ready = true;
        document.documentElement.dataset.mapgen = "ready";
      });
    });
  }).catch(function (err) {
    say(fill(S.failed, { error: err && err.message ? err.message : String(err) }));
    document.documentElement.dataset.mapgen = "failed";
  });
})();
