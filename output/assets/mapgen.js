/* mapgen map application, assembled from mapgen/static/js/ (a module per concern, in name order).
 * Reads one data payload, creates pins, popups, filters and search on demand, and exposes
 * window.mapgen for tests and for journalists who script the map. Every value from the data is
 * put on the page with textContent or setAttribute, never as HTML.
 */
(function () {
"use strict";
/* ---------- 00-strings.js ---------- */
/* ---------- strings: every English word the page script puts on the page ----------
 * "{name}" is filled in by text(key, {name: value}); a translation replaces this object and nothing else.
 */
var STRINGS = {
  locale: "en",
  // popup
  location: "Location",
  locationValue: "{precision} ({lat}, {lon}, {country})",
  today: "Today",
  remembrance: "Remembrance",
  visiting: "Visiting",
  notesHead: "Notes on the place today, not quotes · as of {month}",
  noteSource: " (source: ",
  noteSourceEnd: ")",
  claimHead: "{years} · {category}",
  yearRange: "{from}–{to}",
  flag: "⚑ {flag}",
  flagReason: "⚑ {flag} {reason}",
  citeDash: "— ",
  citeLine: "{title}, line {line}",
  quoteLanguage: " (quoted in {language})",
  permalink: "Link to this place",
  closePopup: "Close",
  // a cluster of pins, named by its count and its first places
  clusterLabel: "{count} places: {names}",
  listSeparator: ", ",
  listMore: "{list}, …",
  // count of places shown
  countAll: "All {total} places",
  countSome: "{shown} of {total} places",
  // search and near me
  searchLabel: "Search places",
  searchPlaceholder: "Butovo, Курапаты, Katyń…",
  noMatch: "No place matches.",
  nearMe: "Near me",
  nearMeTitle: "List the places closest to where you are",
  noGeolocation: "This browser cannot tell where you are.",
  noPosition: "Your location is not available ({message}).",
  km: "{km} km",
  // filters
  years: "Years",
  from: "From",
  to: "To",
  fromYear: "From year",
  toYear: "To year",
  period: "Period",
  category: "Category",
  all: "All",
  none: "None",
  allPeriods: "All periods",
  nonePeriods: "None periods",
  allCategories: "All categories",
  noneCategories: "None categories",
  // how to read the map
  keyTitle: "How to read the map",
  keySite: "Pin at the site itself (within about 1 km)",
  keySettlement: "Pin at a town or village as a whole",
  keyRegion: "Only the region is known",
  keyCluster: "Several places close together: click it, or press Enter, to zoom in",
  keyFlag: "⚑ marks a claim a careful historian would question; the popup says why.",
  keyNote: "Every popup quotes its source word for word and links to the line. Borders are today's.",
  // links
  pagesTitle: "Maps by period and category",
  aboutTitle: "Sources, credits and data",
  sourceNote: " — {origin}. {licence}.",
  baseMap: "Base map: country outlines from Natural Earth (public domain).",
  baseMapTiles: "Base map: country outlines from Natural Earth (public domain); {credit} when online.",
  download: "Download the data: ",
  geojson: "GeoJSON",
  csv: "CSV",
  linkSeparator: " · ",
  // map furniture
  fullScreen: "Full screen"
};

function text(key, values) {
  return STRINGS[key].replace(/\{(\w+)\}/g, function (whole, name) { return String(values[name]); });
}

/* ---------- 10-util.js ---------- */
/* ---------- helpers ---------- */
function el(tag, className, content) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}
function fold(s) {
  return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
function km(lat1, lon1, lat2, lon2) {  // great-circle distance
  var r = Math.PI / 180, a = Math.sin((lat2 - lat1) * r / 2), b = Math.sin((lon2 - lon1) * r / 2);
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a * a + Math.cos(lat1 * r) * Math.cos(lat2 * r) * b * b)));
}
function outward(a) {  // a link that leaves an embedded map opens beside the article
  if (cfg.embed) { a.target = "_blank"; a.rel = "noopener"; }
  return a;
}

var cfg = JSON.parse(document.getElementById("mapgen-config").textContent);
var map = window[cfg.mapVar];

/* ---------- 20-data.js ---------- */
/* ---------- the data, unpacked once ----------
 * Sites and claims travel as arrays; `fields` names their positions. Values are read by name, so a field
 * added to the payload, wherever it goes, shifts nothing here.
 */
var D = (function () {
  var data = window.MAPGEN_DATA || JSON.parse(document.getElementById("mapgen-data").textContent);
  var CATS = data.categories, PERIODS = data.periods, SOURCES = data.sources;

  function reader(names, what) {  // record -> field name -> value
    var at = {};
    names.forEach(function (n, k) { at[n] = k; });
    return function (record, name) {
      if (!(name in at)) throw new TypeError("the data has no " + what + " field " + JSON.stringify(name));
      return record[at[name]];
    };
  }
  var site = reader(data.fields.site, "site"), claim = reader(data.fields.claim, "claim");

  function periodMask(start, end) {  // a claim belongs to every period its years overlap
    var m = 0;
    PERIODS.forEach(function (p, k) { if (start <= p.end && end >= p.start) m |= 1 << k; });
    return m;
  }
  // notes on a place today, each with its source: written by the curator, checked on a date, not quotes
  var NOTES = ["today", "remembrance", "visiting"];
  var sites = data.sites.map(function (r, i) {
    var claims = site(r, "claims").map(function (c) {
      var start = claim(c, "start_year"), end = claim(c, "end_year");
      return { start: start, end: end, cat: claim(c, "category"), quote: claim(c, "quote"), src: claim(c, "source"),
        line: claim(c, "line"), flag: claim(c, "flag"), flagReason: claim(c, "flag_reason"),
        pmask: periodMask(start, end) };
    });
    var id = site(r, "id"), name = site(r, "name"), local = site(r, "name_local"), aliases = site(r, "aliases");
    return { i: i, id: id, name: name, lat: site(r, "lat"), lon: site(r, "lon"), precision: site(r, "precision"),
      country: site(r, "country"), local: local, aliases: aliases, checked: site(r, "checked"),
      notes: NOTES.filter(function (k) { return site(r, k); }).map(function (k) {
        return { kind: k, text: site(r, k), source: site(r, k + "_source") };
      }),
      claims: claims, marker: null, colour: -1,
      key: fold([id, name, local].concat(aliases).join("\u0001")) };
  });
  // the years the claims speak of: the bounds of the year filter
  var YMIN = Infinity, YMAX = -Infinity;
  sites.forEach(function (s) {
    s.claims.forEach(function (c) { YMIN = Math.min(YMIN, c.start); YMAX = Math.max(YMAX, c.end); });
  });

  function maskOf(list, vocab, what) {
    var m = 0;
    (list || []).forEach(function (slug) {
      var k = vocab.findIndex(function (v) { return v.slug === slug; });
      if (k < 0) {
        throw new TypeError("unknown " + what + " " + JSON.stringify(slug) + "; one of: " +
          vocab.map(function (v) { return v.slug; }).join(", "));
      }
      m |= 1 << k;
    });
    return m;
  }
  function slugsOf(mask, vocab) {
    return vocab.filter(function (v, k) { return mask & (1 << k); }).map(function (v) { return v.slug; });
  }
  function yearsOf(pair) {  // [from, to] as whole years inside the data's span, or a TypeError
    var ok = Array.isArray(pair) && pair.length === 2 && pair.every(function (y) {
      return typeof y === "number" ? Number.isInteger(y) : /^\d{4}$/.test(y);
    });
    var y = ok ? pair.map(Number) : [];
    if (!ok || y[0] > y[1]) throw new TypeError("years must be [from, to], e.g. [1937, 1938]");
    return [Math.max(YMIN, Math.min(YMAX, y[0])), Math.max(YMIN, Math.min(YMAX, y[1]))];
  }
  // a source's page name is decided once, in Python (payload "page"): never rebuilt from the file name
  function sourcePage(s) {
    return cfg.root + cfg.paths.sources + s.page;
  }
  function sourceHref(c) {
    return sourcePage(SOURCES[c.src]) + "#L" + c.line;
  }

  return { CATS: CATS, PERIODS: PERIODS, SOURCES: SOURCES, precisions: data.precisions, flags: data.flags,
    sites: sites, byId: new Map(sites.map(function (s) { return [s.id, s]; })), YMIN: YMIN, YMAX: YMAX,
    ALL_P: (1 << PERIODS.length) - 1, ALL_C: (1 << CATS.length) - 1, maskOf: maskOf, slugsOf: slugsOf,
    yearsOf: yearsOf, sourcePage: sourcePage, sourceHref: sourceHref };
})();

/* ---------- 30-state.js ---------- */
/* ---------- state: the filter and the open site, with change events ----------
 * state.set(patch) stores the values and then tells every listener of on("change", fn), in the order they
 * were added, which keys were set: pins redraw, controls show the filter, the URL hash follows.
 */
var FILTER_KEYS = ["pmask", "cmask", "y0", "y1"];
var state = (function () {
  var value = { pmask: D.ALL_P, cmask: D.ALL_C, y0: D.YMIN, y1: D.YMAX, site: null };
  var listeners = { change: [] };
  return {
    get: function (key) { return value[key]; },
    set: function (patch) {
      var keys = Object.keys(patch);
      keys.forEach(function (k) {
        if (!(k in value)) throw new TypeError("no state " + k);
        value[k] = patch[k];
      });
      var change = { keys: keys, filter: keys.some(function (k) { return FILTER_KEYS.indexOf(k) >= 0; }) };
      listeners.change.slice().forEach(function (fn) { fn(change); });
    },
    on: function (event, fn) { listeners[event].push(fn); }
  };
})();

function claimMatches(c, f) {  // f: a filter (pmask, cmask, y0, y1); the current one when left out
  var pmask = f ? f.pmask : state.get("pmask"), cmask = f ? f.cmask : state.get("cmask");
  var y0 = f ? f.y0 : state.get("y0"), y1 = f ? f.y1 : state.get("y1");
  return (c.pmask & pmask) !== 0 && (cmask & (1 << c.cat)) !== 0 && c.end >= y0 && c.start <= y1;
}
function matches(s, f) {
  for (var k = 0; k < s.claims.length; k++) if (claimMatches(s.claims[k], f)) return true;
  return false;
}
var EVERYTHING = { pmask: D.ALL_P, cmask: D.ALL_C, y0: D.YMIN, y1: D.YMAX };

/* ---------- 40-layout.js ---------- */
/* ---------- keeping pins and popups clear of the panel and of the map's controls ----------
 * The map's controls (zoom, full screen) are all on the left: beside the panel on a wide screen, below the
 * panel's bar on a phone. A popup is kept right of them and below the bar, and made no wider than the room
 * left, so that its close button (×) is never under a control and the popup never runs off the screen.
 */
var panel = document.getElementById("mg-panel");
function narrow() {
  return panel.getBoundingClientRect().width > window.innerWidth / 2;
}
function controlsRight() {  // the right edge of the controls at the map's top left
  var right = 0;
  Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-top.leaflet-left .leaflet-control"),
    function (c) { right = Math.max(right, c.getBoundingClientRect().right); });
  return Math.round(right);
}
function panelPad() {  // on a phone the panel is a bar on top and the controls sit below it
  var r = panel.getBoundingClientRect();
  return narrow() ? [controlsRight() + 12, Math.round(r.bottom) + 12]
    : [Math.round(Math.max(r.right, controlsRight())) + 12, 12];
}
function layout() {  // on a phone the controls go below the panel's bar, and hide while the panel is open
  var top = narrow() ? Math.round(panel.getBoundingClientRect().bottom) + 6 + "px" : "";
  var hide = narrow() && panel.classList.contains("mg-open");
  Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-top"), function (c) {
    c.style.top = top;
    c.style.visibility = hide ? "hidden" : "";
  });
}
var POPUP_RIGHT = 12, POPUP_CHROME = 32;  // room kept at the right; a popup's margins and border around its text
function popupOptions() {
  var pad = panelPad();
  var w = Math.max(160, Math.min(360, window.innerWidth - pad[0] - POPUP_RIGHT - POPUP_CHROME));
  return { maxWidth: w, minWidth: Math.min(240, w), autoPanPaddingTopLeft: pad,
    autoPanPaddingBottomRight: [POPUP_RIGHT, 24], className: "mg-popup" };
}

/* ---------- 50-popup.js ---------- */
/* ---------- popups, built when opened ---------- */
function noteSource(ref) {  // where a note comes from: a URL, or [source index, line] of a seed
  var a;
  if (Array.isArray(ref)) {
    a = el("a", null, text("citeLine", { title: D.SOURCES[ref[0]].title, line: ref[1] }));
    a.href = D.sourcePage(D.SOURCES[ref[0]]) + "#L" + ref[1];
    return outward(a);
  }
  if (!/^https?:\/\//i.test(ref || "")) return null;
  a = el("a", null, new URL(ref).hostname.replace(/^www\./, ""));
  a.href = ref;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  return a;
}

function languageName(code) {  // "en" -> "English", in the reader's language where the browser knows it
  try {
    return new Intl.DisplayNames([STRINGS.locale], { type: "language" }).of(code) || code;
  } catch (e) {
    return code;
  }
}

function notesFor(s) {
  /* What stands there today, remembrance, visiting: the curator's notes, each with its source and the date it
   * was checked, set apart from the verified quotes below them. */
  var box = el("section", "mg-notes");
  var month = s.checked ? new Intl.DateTimeFormat(STRINGS.locale, { year: "numeric", month: "long", timeZone: "UTC" })
    .format(new Date(s.checked + "T00:00:00Z")) : "";
  var head = box.appendChild(el("p", "mg-notes-head", text("notesHead", { month: month })));
  head.id = "mg-notes-" + s.i;
  box.setAttribute("aria-labelledby", head.id);
  var dl = box.appendChild(el("dl", "mg-facts"));
  s.notes.forEach(function (n) {
    dl.appendChild(el("dt", null, STRINGS[n.kind]));
    var dd = dl.appendChild(el("dd", "mg-note", n.text));
    var link = noteSource(n.source);
    if (link) {
      dd.appendChild(document.createTextNode(STRINGS.noteSource));
      dd.appendChild(link);
      dd.appendChild(document.createTextNode(STRINGS.noteSourceEnd));
    }
  });
  return box;
}

function popupFor(s) {
  var root = el("article", "mg-site");
  root.appendChild(el("h2", "mg-name", s.name));
  if (s.local) root.appendChild(el("p", "mg-local", s.local));
  var dl = el("dl", "mg-facts");
  dl.appendChild(el("dt", null, STRINGS.location));
  dl.appendChild(el("dd", "mg-note", text("locationValue", { precision: D.precisions[s.precision],
    lat: s.lat.toFixed(4), lon: s.lon.toFixed(4), country: s.country })));
  root.appendChild(dl);
  if (s.notes.length) root.appendChild(notesFor(s));
  var list = el("ol", "mg-claims");
  s.claims.forEach(function (c) {
    var li = el("li", "mg-claim" + (c.flag ? " mg-flagged" : "") + (claimMatches(c) ? "" : " mg-outside"));
    var head = el("p", "mg-claim-head");
    head.appendChild(el("span", "mg-swatch mg-c" + c.cat));
    var years = c.start === c.end ? c.start : text("yearRange", { from: c.start, to: c.end });
    head.appendChild(document.createTextNode(text("claimHead", { years: years, category: D.CATS[c.cat].label })));
    li.appendChild(head);
    if (c.flag) {
      var flag = D.flags[c.flag] || c.flag;
      li.appendChild(el("p", "mg-flag", c.flagReason ? text("flagReason", { flag: flag, reason: c.flagReason })
        : text("flag", { flag: flag })));
    }
    var q = el("blockquote", "mg-quote", c.quote), language = D.SOURCES[c.src].language;
    q.setAttribute("cite", D.sourceHref(c));
    if (language) q.setAttribute("lang", language);  // as the source wrote it: never translated
    li.appendChild(q);
    var cite = el("p", "mg-cite");
    cite.appendChild(document.createTextNode(STRINGS.citeDash));
    var a = el("a", null, text("citeLine", { title: D.SOURCES[c.src].title, line: c.line }));
    a.href = D.sourceHref(c);
    a.target = cfg.embed ? "_blank" : "_self";
    if (cfg.embed) a.rel = "noopener";
    cite.appendChild(a);
    if (language) cite.appendChild(document.createTextNode(text("quoteLanguage", { language: languageName(language) })));
    li.appendChild(cite);
    list.appendChild(li);
  });
  root.appendChild(list);
  var link = el("a", "mg-permalink", STRINGS.permalink);
  link.href = (cfg.embed ? cfg.canonical : "") + "#site=" + encodeURIComponent(s.id);
  root.appendChild(outward(link));
  return root;
}

/* ---------- 60-pins.js ---------- */
/* ---------- pins and clusters: redrawn when the filter is set; opening a site ---------- */
var pins = (function () {
  var visible = [];
  // a cluster's icon is named for screen readers by its count and its first places: "12 places: Butovo, …"
  var ClusterIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var node = L.DivIcon.prototype.createIcon.call(this, old);
      node.setAttribute("aria-label", this.options.label);
      return node;
    }
  });
  function firstSites(c, k) {  // the first k places of a cluster in the table's order (one pass: clusters are big)
    var first = [];
    c.getAllChildMarkers().forEach(function (m) {
      var s = D.byId.get(m.options.site), at = first.length;
      while (at > 0 && first[at - 1].i > s.i) at--;
      if (at < k) first.splice(at, 0, s);
      if (first.length > k) first.pop();
    });
    return first;
  }
  function labelOf(c) {
    var names = firstSites(c, 4).map(function (s) { return s.name; });
    var list = names.slice(0, 3).join(STRINGS.listSeparator);
    return text("clusterLabel", { count: c.getChildCount(),
      names: names.length > 3 ? text("listMore", { list: list }) : list });
  }
  var cluster = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true,
    iconCreateFunction: function (c) {
      var n = c.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      return new ClusterIcon({ html: "<span>" + Number(n) + "</span>", className: "mg-cluster",
        iconSize: L.point(size, size), label: labelOf(c) });
    }
  });
  map.addLayer(cluster);

  // A pin is a target of 24 px (32 on a touch screen) with its dot drawn inside (mapgen.css): 14 px for a site,
  // 16 for a settlement, 22 for a region.
  var HIT = window.matchMedia("(pointer: coarse)").matches ? 32 : 24;
  var icons = {};
  function iconFor(cat, precision) {
    var key = cat + "/" + precision;
    if (!icons[key]) {
      icons[key] = L.divIcon({ className: "mg-pin mg-c" + cat + " mg-p-" + precision, html: "",
        iconSize: [HIT, HIT] });
    }
    return icons[key];
  }
  function colourFor(s) {
    for (var k = 0; k < s.claims.length; k++) if (claimMatches(s.claims[k])) return s.claims[k].cat;
    return s.claims[0].cat;
  }
  function markerOf(s) {
    var colour = colourFor(s);
    if (!s.marker) {
      var m = L.marker([s.lat, s.lon], { icon: iconFor(colour, s.precision), keyboard: true, riseOnHover: true,
        site: s.id });
      m.bindTooltip(function () { return el("span", null, s.name); }, { direction: "top", offset: [0, -8] });
      // the room for a popup is measured when it opens (by click or Enter), before Leaflet's own handler opens it
      m.on("click keypress", function () { L.setOptions(m.getPopup(), popupOptions()); });
      m.bindPopup(function () { return popupFor(s); }, popupOptions());
      m.on("add", function () {
        var node = m.getElement();
        if (node) node.setAttribute("aria-label", s.name);
      });
      m.on("popupopen", function () { state.set({ site: s.id }); });
      m.on("popupclose", function () { if (state.get("site") === s.id) state.set({ site: null }); });
      s.marker = m;
    } else if (s.colour !== colour) {
      s.marker.setIcon(iconFor(colour, s.precision));
    }
    s.colour = colour;
    return s.marker;
  }

  function redraw() {
    var vis = [];
    for (var k = 0; k < D.sites.length; k++) if (matches(D.sites[k])) vis.push(D.sites[k]);
    cluster.clearLayers();
    cluster.addLayers(vis.map(markerOf));
    visible = vis;
  }
  state.on("change", function (change) { if (change.filter) redraw(); });

  // When is the map still? Leaflet starts a zoom asked for (setZoom, fitBounds…) in the next animation frame,
  // fires zoomstart then and zoomend when it is done. At zoomend markercluster (whose handler runs before ours)
  // first finishes any animation still under way, then redraws its clusters for the new zoom level: when they
  // merge (zooming out) it always animates and fires animationend at the end; pins still drawn until then
  // disappear with it. Nothing is done inside its animationend: a zoom asked for there would start a new
  // animation while markercluster still works through its queue, which then never ends.
  var zooming = false, merging = false, level = Math.round(map.getZoom());
  map.on("zoomstart", function () { zooming = true; });
  map.on("zoomend", function () {
    var z = Math.round(map.getZoom());
    zooming = false;
    merging = z < level;
    level = z;
  });
  cluster.on("animationend", function () { merging = false; });
  function whenStill(fn) {
    var again = function () { L.Util.requestAnimFrame(function () { whenStill(fn); }); };
    if (zooming) map.once("zoomend", again);
    else if (merging) cluster.once("animationend", again);
    else fn();
  }

  var opening = 0;  // the latest openSite: one asked for earlier and still on its way gives way to it
  function openSite(id) {
    var s = D.byId.get(id);
    if (!s) throw new TypeError("unknown site " + JSON.stringify(id));
    // filtered out: show everything rather than open a hidden pin
    if (visible.indexOf(s) < 0) state.set(EVERYTHING);
    var m = markerOf(s);
    L.setOptions(m.getPopup(), popupOptions());
    // Leaflet drops a zoom requested while another zoom animates, and markercluster then never calls back;
    // and a pin still drawn while its cluster animates closed would take its popup with it. So wait for a
    // zoom asked for just before (it starts in the next frame) and for the clusters to merge; and open the
    // popup a frame after markercluster calls back (from inside its own event handling), if the pin is drawn.
    var token = ++opening, tries = 0;
    var show = function () {
      whenStill(function () {
        if (token !== opening) return;
        cluster.zoomToShowLayer(m, function () {
          L.Util.requestAnimFrame(function () {
            if (token !== opening) return;
            if (!map.hasLayer(m) && tries++ < 3) show();
            else m.openPopup();
          });
        });
      });
    };
    L.Util.requestAnimFrame(show);
    state.set({ site: id });
  }

  return {
    visible: function () { return visible; },
    shown: function () {  // the visible pins markercluster has added so far (it adds them in chunks)
      return visible.filter(function (s) { return cluster.hasLayer(s.marker); });
    },
    openSite: openSite,
    group: cluster,
    whenStill: whenStill,
    firstSites: firstSites
  };
})();

/* ---------- 62-keys.js ---------- */
/* ---------- the keyboard on the map: clusters open, popups take the focus and give it back ----------
 * Enter or Space on a cluster does what a click does (zoom in, or spread the pins at the last zoom) and then
 * puts the focus on the cluster's first place: its pin, or the smaller cluster that still holds it. Enter or
 * Space on a pin opens its popup with the focus on the popup's heading; Esc, on the pin or inside the popup,
 * closes it, and the focus goes back to the pin (or to the cluster that now holds it).
 */
(function () {
  var group = pins.group, container = map.getContainer();
  var open = null;  // the pin whose popup is open

  function activates(ev) {
    return ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar";
  }
  function focusOn(marker) {  // a pin, else the cluster that shows it now, else the map
    var shown = marker && group.hasLayer(marker) ? group.getVisibleParent(marker) : null;
    var node = shown && shown.getElement();
    (node || container).focus({ preventScroll: true });
  }

  group.on("clusterkeydown", function (e) {
    var ev = e.originalEvent;
    if (!activates(ev) || ev.target !== e.layer.getElement() || ev.repeat) return;
    ev.preventDefault();
    var first = pins.firstSites(e.layer, 1)[0].marker;
    e.layer.fire("click", { originalEvent: ev, latlng: e.layer.getLatLng() }, true);
    // the zoom starts in the next frame; the pins are drawn when it ends (and, zooming out, when clusters merged)
    L.Util.requestAnimFrame(function () {
      pins.whenStill(function () {
        focusOn(first);
      });
    });
  });

  // Leaflet opens a popup on Enter; Space works as on any button
  group.on("keydown", function (e) {
    var ev = e.originalEvent;
    if (ev.key !== " " && ev.key !== "Spacebar") return;
    if (ev.target !== e.layer.getElement() || ev.repeat) return;
    ev.preventDefault();
    e.layer.fire("click", { originalEvent: ev, latlng: e.layer.getLatLng() });
  });

  group.on("popupopen", function (e) {
    open = e.layer;
    var box = e.popup.getElement();
    var close = box.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", STRINGS.closePopup);
    var pin = e.layer.getElement();
    if (pin && document.activeElement === pin) {  // opened from the keyboard: the reader goes on in the popup
      var head = box.querySelector(".leaflet-popup-content h2");
      if (head) {
        head.tabIndex = -1;
        head.focus({ preventScroll: true });
      }
    }
  });
  group.on("popupclose", function (e) {
    if (open === e.layer) open = null;
    var box = e.popup.getElement(), active = document.activeElement;
    // closed while the focus was in it (Esc, ×): give the focus back to the pin rather than to the page
    if (!active || active === document.body || (box && box.contains(active))) focusOn(e.layer);
  });

  container.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" && ev.key !== "Esc") return;
    if (!open || !open.isPopupOpen()) return;
    var box = open.getPopup().getElement();
    if (ev.target === open.getElement() || (box && box.contains(ev.target))) {
      ev.preventDefault();
      ev.stopPropagation();
      open.closePopup();
    }
  });
})();

/* ---------- 70-panel.js ---------- */
/* ---------- the panel: its toggle, the count of places shown, the compact legend of an embedded map ---------- */
var panelBody = el("div", "mg-body");
panelBody.id = "mg-panel-body";
var toggle = document.getElementById("mg-toggle");
toggle.addEventListener("click", function () {
  var open = panel.classList.toggle("mg-open");
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
});
function closePanelOnPhone() {
  if (window.matchMedia("(max-width: 640px)").matches) {
    panel.classList.remove("mg-open");
    toggle.setAttribute("aria-expanded", "false");
  }
}

(function () {
  var count = document.getElementById("mg-count");
  state.on("change", function (change) {
    if (!change.filter) return;
    var shown = pins.visible().length, total = D.sites.length;
    count.textContent = shown === total ? text("countAll", { total: total })
      : text("countSome", { shown: shown, total: total });
  });

  if (cfg.embed) {
    // in an article: a compact legend of the categories present, the rest behind the toggle
    panel.classList.add("mg-embed");
    var mini = el("ul", "mg-mini");
    D.CATS.forEach(function (c, k) {
      if (!D.sites.some(function (s) { return s.claims.some(function (cl) { return cl.cat === k; }); })) return;
      var item = el("li");
      item.appendChild(el("span", "mg-swatch mg-c" + k));
      item.appendChild(document.createTextNode(c.label));
      mini.appendChild(item);
    });
    panel.querySelector("header > div").appendChild(mini);
  }
})();

/* ---------- 71-search.js ---------- */
/* ---------- search: a combobox of places by any of their names ----------
 * The results are a listbox whose options are the buttons themselves (role=option on the <button>, the <li>
 * only a wrapper): an option that holds a button is a control inside a control, which screen readers announce
 * badly and axe reports (nested-interactive). The first option is in the Tab order, the others are reached
 * with the arrow keys; messages ("no match", "no position") go to a status line beside the list, never into it.
 */
var search = (function () {
  var root = el("div", "mg-search");
  root.setAttribute("role", "search");
  var label = el("label", "mg-label", STRINGS.searchLabel);
  label.htmlFor = "mg-q";
  label.id = "mg-q-label";
  var input = el("input");
  input.id = "mg-q";
  input.type = "search";
  input.autocomplete = "off";
  input.placeholder = cfg.searchExample || STRINGS.searchPlaceholder;  // a project's own place names
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-controls", "mg-results");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-autocomplete", "list");
  var results = el("ul", "mg-results");
  results.id = "mg-results";
  results.setAttribute("role", "listbox");
  results.setAttribute("aria-labelledby", "mg-q-label");
  var status = el("p", "mg-none");
  status.setAttribute("role", "status");
  root.appendChild(label);
  root.appendChild(input);
  root.appendChild(results);
  root.appendChild(status);
  panelBody.appendChild(root);

  function findSites(q) {
    var f = fold(q.trim());
    if (!f) return [];
    var starts = [], contains = [];
    for (var k = 0; k < D.sites.length && starts.length < 12; k++) {
      var key = D.sites[k].key, at = key.indexOf(f);
      if (at === 0 || key.indexOf("\u0001" + f) >= 0) starts.push(D.sites[k]);
      else if (at > 0 && contains.length < 12) contains.push(D.sites[k]);
    }
    return starts.concat(contains).slice(0, 12);
  }
  function list(found, notes) {  // the places found; notes: a line under each (a distance)
    results.textContent = "";
    status.textContent = "";
    found.forEach(function (s, k) {
      var li = el("li");
      li.setAttribute("role", "none");
      var b = el("button", "mg-result");
      b.type = "button";
      b.id = "mg-r" + k;
      b.setAttribute("role", "option");
      b.setAttribute("aria-selected", "false");
      b.tabIndex = k === 0 ? 0 : -1;
      b.appendChild(el("span", "mg-result-name", s.name));
      if (s.local) b.appendChild(el("span", "mg-result-local", s.local));
      if (notes) b.appendChild(el("span", "mg-result-note", notes[k]));
      b.addEventListener("click", function () { pick(s); });
      li.appendChild(b);
      results.appendChild(li);
    });
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
  }
  function say(message) {  // a line in place of results
    list([]);
    status.textContent = message;
  }
  function showResults() {
    var found = findSites(input.value);
    list(found);
    if (input.value.trim() && !found.length) status.textContent = STRINGS.noMatch;
  }
  function pick(s) {
    results.textContent = "";
    status.textContent = "";
    input.setAttribute("aria-expanded", "false");
    closePanelOnPhone();
    pins.openSite(s.id);
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var first = findSites(input.value)[0];
      if (first) { e.preventDefault(); pick(first); }
    } else if (e.key === "ArrowDown") {
      var b = results.querySelector("button");
      if (b) { e.preventDefault(); b.focus(); }
    } else if (e.key === "Escape") {
      input.value = "";
      showResults();
    }
  });
  function options() {
    return Array.prototype.slice.call(results.querySelectorAll("button"));
  }
  results.addEventListener("keydown", function (e) {
    var buttons = options(), k = buttons.indexOf(document.activeElement), to = null;
    if (e.key === "ArrowDown") to = buttons[Math.min(k + 1, buttons.length - 1)];
    else if (e.key === "ArrowUp") to = k > 0 ? buttons[k - 1] : input;
    else if (e.key === "Home") to = buttons[0];
    else if (e.key === "End") to = buttons[buttons.length - 1];
    else if (e.key === "Escape") to = input;
    if (to) { e.preventDefault(); to.focus(); }
  });
  results.addEventListener("focusin", function (e) {  // the focused option is the selected one, and the Tab stop
    options().forEach(function (b) {
      b.setAttribute("aria-selected", b === e.target ? "true" : "false");
      b.tabIndex = b === e.target ? 0 : -1;
    });
  });

  return { root: root, label: label, list: list, say: say };
})();

/* ---------- 72-near.js ---------- */
/* ---------- near me: the closest places to where the reader stands (works offline: GPS) ---------- */
function nearest(lat, lon, n) {  // places one can go to, by straight-line distance: a region's pin is no destination
  var shown = pins.visible();
  return (shown.length ? shown : D.sites).filter(function (s) { return s.precision !== "region"; })
    .map(function (s) { return [km(lat, lon, s.lat, s.lon), s]; })
    .sort(function (a, b) { return a[0] - b[0]; }).slice(0, n);
}

(function () {
  var here = null;
  function showNear(lat, lon) {
    if (here) map.removeLayer(here);
    here = L.circleMarker([lat, lon], { radius: 7, color: "#fff", weight: 2, fillColor: "#1a73e8", fillOpacity: 1,
      interactive: false }).addTo(map);
    var near = nearest(lat, lon, 8);
    search.list(near.map(function (p) { return p[1]; }), near.map(function (p) {
      return text("km", { km: p[0] < 10 ? p[0].toFixed(1) : Math.round(p[0]).toLocaleString(STRINGS.locale) });
    }));
  }
  var button = el("button", "mg-small mg-near", STRINGS.nearMe);
  button.type = "button";
  button.title = STRINGS.nearMeTitle;
  button.addEventListener("click", function () {
    if (!navigator.geolocation) {
      search.say(STRINGS.noGeolocation);
      return;
    }
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (pos) {
      button.disabled = false;
      showNear(pos.coords.latitude, pos.coords.longitude);
    }, function (err) {
      button.disabled = false;
      search.say(text("noPosition", { message: err.message }));
    }, { timeout: 15000, maximumAge: 600000 });
  });
  search.root.insertBefore(button, search.label);
})();

/* ---------- 73-years.js ---------- */
/* ---------- years: two sliders (from, to) that narrow the periods; the pins redraw when one is let go ---------- */
(function () {
  var box = el("fieldset", "mg-group mg-yearfilter");
  box.appendChild(el("legend", null, STRINGS.years));
  var span = el("output", "mg-span");
  span.setAttribute("aria-live", "polite");
  box.appendChild(span);
  var draft = null;  // the years while a slider is dragged, set in the state when it is let go
  var sliders = [[STRINGS.from, STRINGS.fromYear, "y0"], [STRINGS.to, STRINGS.toYear, "y1"]].map(function (t) {
    var key = t[2];
    var lab = el("label", "mg-slider");
    lab.appendChild(el("span", "mg-slider-label", t[0]));
    var r = el("input");
    r.type = "range";
    r.min = D.YMIN;
    r.max = D.YMAX;
    r.step = 1;
    r.name = key;
    r.setAttribute("aria-label", t[1]);
    r.addEventListener("input", function () {
      var v = Number(r.value);
      draft = draft || { y0: state.get("y0"), y1: state.get("y1") };
      draft[key] = v;
      if (draft.y0 > draft.y1) { if (key === "y0") draft.y1 = v; else draft.y0 = v; }
      show(draft.y0, draft.y1);
    });
    r.addEventListener("change", function () {
      var years = draft || { y0: state.get("y0"), y1: state.get("y1") };
      draft = null;
      state.set({ y0: years.y0, y1: years.y1 });
    });
    lab.appendChild(r);
    box.appendChild(lab);
    return r;
  });
  function show(y0, y1) {
    sliders[0].value = y0;
    sliders[1].value = y1;
    span.textContent = y0 === y1 ? String(y0) : text("yearRange", { from: y0, to: y1 });
  }
  state.on("change", function (change) {
    if (change.filter) { draft = null; show(state.get("y0"), state.get("y1")); }
  });
  panelBody.appendChild(box);
})();

/* ---------- 74-filters.js ---------- */
/* ---------- filter groups: periods, then categories (which are also the legend) ---------- */
(function () {
  function group(kind, key, title, all, none, vocab, describe) {  // key: the state's mask of this vocabulary
    var fs = el("fieldset", "mg-group mg-" + kind);
    fs.appendChild(el("legend", null, title));
    var tools = el("div", "mg-tools");
    var full = (1 << vocab.length) - 1;
    [[STRINGS.all, all, full], [STRINGS.none, none, 0]].forEach(function (t) {
      var b = el("button", "mg-small", t[0]);
      b.type = "button";
      b.setAttribute("aria-label", t[1]);
      b.addEventListener("click", function () {
        var patch = {};
        patch[key] = t[2];
        state.set(patch);
      });
      tools.appendChild(b);
    });
    fs.appendChild(tools);
    var boxes = vocab.map(function (v, k) {
      var lab = el("label", "mg-check");
      var box = el("input");
      box.type = "checkbox";
      box.value = v.slug;
      box.name = kind;
      box.addEventListener("change", function () {
        var patch = {};
        patch[key] = state.get(key) ^ (1 << k);
        state.set(patch);
      });
      lab.appendChild(box);
      describe(lab, v, k);
      fs.appendChild(lab);
      return box;
    });
    state.on("change", function (change) {
      if (change.filter) boxes.forEach(function (b, k) { b.checked = (state.get(key) & (1 << k)) !== 0; });
    });
    panelBody.appendChild(fs);
  }
  group("period", "pmask", STRINGS.period, STRINGS.allPeriods, STRINGS.nonePeriods, D.PERIODS, function (lab, p) {
    lab.appendChild(el("span", "mg-text", p.label));
    lab.appendChild(el("span", "mg-years", p.years));
  });
  group("category", "cmask", STRINGS.category, STRINGS.allCategories, STRINGS.noneCategories, D.CATS,
    function (lab, c, k) {
      lab.appendChild(el("span", "mg-swatch mg-c" + k));
      lab.appendChild(el("span", "mg-text", c.label));
    });
})();

/* ---------- 75-legend.js ---------- */
/* ---------- how to read the map: pin shapes, flags and clusters explained ---------- */
(function () {
  var key = el("details", "mg-key");
  key.appendChild(el("summary", null, STRINGS.keyTitle));
  var ul = el("ul");
  [["mg-pin mg-p-site", STRINGS.keySite],
    ["mg-pin mg-p-settlement", STRINGS.keySettlement],
    ["mg-pin mg-p-region", STRINGS.keyRegion],
    ["mg-cluster mg-cluster-key", STRINGS.keyCluster]].forEach(function (pair) {
    var li = el("li");
    li.appendChild(el("span", pair[0] + " mg-keyicon"));
    li.appendChild(document.createTextNode(pair[1]));
    ul.appendChild(li);
  });
  ul.appendChild(el("li", null, STRINGS.keyFlag));
  key.appendChild(ul);
  key.appendChild(el("p", "mg-note", STRINGS.keyNote));
  panelBody.appendChild(key);
})();

/* ---------- 76-links.js ---------- */
/* ---------- links: pre-filtered pages, sources, credits and the data ---------- */
(function () {
  if (cfg.pages && cfg.pages.length) {
    var pages = el("details", "mg-pages");
    pages.appendChild(el("summary", null, STRINGS.pagesTitle));
    cfg.pages.forEach(function (grp) {
      pages.appendChild(el("h3", null, grp.title));
      var list = el("ul");
      grp.links.forEach(function (l) {
        var item = el("li");
        var a = el("a", null, l.label);
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
  about.appendChild(el("p", null, cfg.tiles ? text("baseMapTiles", { credit: cfg.tiles.credit }) : STRINGS.baseMap));
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
})();

/* ---------- 80-furniture.js ---------- */
/* ---------- map furniture: offline outline, tiles, attribution, full screen ---------- */
(function () {
  map.createPane("mg-outline").style.zIndex = 150;
  var outline = window.MAPGEN_OUTLINE ||
    (document.getElementById("mapgen-outline") && JSON.parse(document.getElementById("mapgen-outline").textContent));
  if (outline) {
    L.geoJSON(outline, { pane: "mg-outline", interactive: false,
      style: { color: "#8c8c8c", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
  }
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles.url, { attribution: cfg.tiles.attribution, maxZoom: 18, crossOrigin: true }).addTo(map);
  }
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(cfg.attribution);

  var Full = L.Control.extend({
    options: { position: "topleft" },  // under the zoom buttons: no popup is ever placed over them
    onAdd: function () {
      var b = el("button", "mg-full");
      // a fixed icon, not data: corners of a frame
      b.innerHTML = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path d="M2 7V2h5M13 2h5v5' +
        'M18 13v5h-5M7 18H2v-5" fill="none" stroke="currentColor" stroke-width="2.2"/></svg>';
      b.type = "button";
      b.title = STRINGS.fullScreen;
      b.setAttribute("aria-label", STRINGS.fullScreen);
      L.DomEvent.disableClickPropagation(b);
      b.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
      });
      return b;
    }
  });
  if (document.fullscreenEnabled) map.addControl(new Full());
})();

/* ---------- 85-hash.js ---------- */
/* ---------- URL hash: period=a,b&category=c&years=y0-y1&site=id, written on every change of the state ---------- */
var hash = (function () {
  function decoded(s) {  // null for a malformed escape (%zz, a cut UTF-8 sequence): that part is ignored
    try { return decodeURIComponent(s); } catch (e) { return null; }
  }
  function read() {
    var h = location.hash.replace(/^#/, "");
    var out = {};
    if (!h) return out;
    h.split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) return;
      var key = decoded(part.slice(0, eq));
      var val = decoded(part.slice(eq + 1));
      if (key === null || val === null) return;
      if (key === "period" || key === "category") out[key] = val ? val.split(",") : [];
      if (key === "site") out.site = val;
      if (key === "years") out.years = val.split("-");
    });
    return out;
  }
  var writing = false;
  function write() {
    if (cfg.embed) return;
    var parts = [];
    if (state.get("pmask") !== D.ALL_P) parts.push("period=" + D.slugsOf(state.get("pmask"), D.PERIODS).join(","));
    if (state.get("cmask") !== D.ALL_C) parts.push("category=" + D.slugsOf(state.get("cmask"), D.CATS).join(","));
    if (state.get("y0") !== D.YMIN || state.get("y1") !== D.YMAX) {
      parts.push("years=" + state.get("y0") + "-" + state.get("y1"));
    }
    if (state.get("site")) parts.push("site=" + encodeURIComponent(state.get("site")));
    var h = parts.length ? "#" + parts.join("&") : "";
    if (h !== location.hash && !(h === "" && location.hash === "#")) {
      writing = true;
      history.replaceState(null, "", h || location.pathname + location.search);
      writing = false;
    }
  }
  state.on("change", write);

  function safeMask(list, vocab, what, fallback) {
    try { return D.maskOf(list, vocab, what); } catch (e) { return fallback; }
  }
  function filterOf(h) {  // what the hash asks for, else the page's own filter; a mistyped part is ignored
    var init = cfg.initial || {};
    var span = [D.YMIN, D.YMAX];
    try { if (h.years) span = D.yearsOf(h.years); } catch (e) { /* a mistyped link shows all years */ }
    return {
      pmask: "period" in h ? safeMask(h.period, D.PERIODS, "period", D.ALL_P)
        : init.periods ? D.maskOf(init.periods, D.PERIODS, "period") : D.ALL_P,
      cmask: "category" in h ? safeMask(h.category, D.CATS, "category", D.ALL_C)
        : init.categories ? D.maskOf(init.categories, D.CATS, "category") : D.ALL_C,
      y0: span[0], y1: span[1]
    };
  }
  function follow(frame) {  // frame(filter): set the first view, before any pin is drawn
    var h = read();
    var f = filterOf(h);
    if (frame && !h.site) frame(f);
    state.set(f);
    if (h.site && D.byId.has(h.site)) pins.openSite(h.site);
  }
  window.addEventListener("hashchange", function () { if (!writing) follow(); });
  return { follow: follow };
})();

/* ---------- 90-start.js ---------- */
/* ---------- start: the panel in place, the first view, the pins ---------- */
// The first view frames the pins, less a few lone ones that would each stretch it to almost twice
// the size (one pin in Mexico should not shrink Europe and Russia to a corner); zooming out shows them.
function coreBounds(list) {
  var pts = list.map(function (s) { return [s.lat, s.lon]; });
  function extent(b) { return [b.getEast() - b.getWest() || 1e-9, b.getNorth() - b.getSouth() || 1e-9]; }
  for (var k = Math.min(3, Math.floor(pts.length * 0.03)); k > 0; k--) {
    var whole = extent(L.latLngBounds(pts));
    var extremes = [0, 0, 0, 0];  // indices of the southern-, northern-, western- and easternmost pins
    pts.forEach(function (p, i) {
      if (p[0] < pts[extremes[0]][0]) extremes[0] = i;
      if (p[0] > pts[extremes[1]][0]) extremes[1] = i;
      if (p[1] < pts[extremes[2]][1]) extremes[2] = i;
      if (p[1] > pts[extremes[3]][1]) extremes[3] = i;
    });
    var best = -1, bestRatio = 0.6;
    extremes.forEach(function (i) {
      var rest = extent(L.latLngBounds(pts.filter(function (q, j) { return j !== i; })));
      var ratio = Math.min(rest[0] / whole[0], rest[1] / whole[1]);
      if (ratio < bestRatio) { best = i; bestRatio = ratio; }
    });
    if (best < 0) break;
    pts.splice(best, 1);
  }
  return L.latLngBounds(pts);
}

panel.appendChild(panelBody);
layout();
window.addEventListener("resize", layout);
toggle.addEventListener("click", layout);
// the first view is set before any pin exists, so that no cluster animates on the way in
hash.follow(function (filter) {
  var shown = D.sites.filter(function (s) { return matches(s, filter); });
  var bounds = coreBounds(shown.length ? shown : D.sites);
  if (bounds.isValid()) {
    map.fitBounds(bounds, { paddingTopLeft: panelPad(), paddingBottomRight: [30, 40], maxZoom: 9, animate: false });
  }
});

/* ---------- 95-api.js ---------- */
/* ---------- the page API: window.mapgen (README, "Page API") ---------- */
window.mapgen = {
  sites: function () { return D.sites.map(function (s) { return s.id; }); },
  visibleSites: function () { return pins.shown().map(function (s) { return s.id; }); },
  setFilter: function (f) {
    f = f || {};
    var pm = "periods" in f ? D.maskOf(f.periods, D.PERIODS, "period") : D.ALL_P;
    var cm = "categories" in f ? D.maskOf(f.categories, D.CATS, "category") : D.ALL_C;
    var ys = "years" in f ? D.yearsOf(f.years) : [D.YMIN, D.YMAX];
    state.set({ pmask: pm, cmask: cm, y0: ys[0], y1: ys[1] });
  },
  getFilter: function () {
    return { periods: D.slugsOf(state.get("pmask"), D.PERIODS), categories: D.slugsOf(state.get("cmask"), D.CATS),
      years: [state.get("y0"), state.get("y1")] };
  },
  openSite: pins.openSite,
  nearest: function (lat, lon, n) {
    return nearest(lat, lon, n || 5).map(function (p) { return { id: p[1].id, km: p[0] }; });
  },
  map: map
};
document.documentElement.setAttribute("data-mapgen", "ready");
})();
