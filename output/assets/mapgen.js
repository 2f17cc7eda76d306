/* mapgen map application.
 * Reads one data payload, creates pins, popups, filters and search on demand, and exposes
 * window.mapgen for tests and for journalists who script the map. Every value from the data is
 * put on the page with textContent or setAttribute, never as HTML.
 */
(function () {
  "use strict";

  var cfg = JSON.parse(document.getElementById("mapgen-config").textContent);
  var data = window.MAPGEN_DATA || JSON.parse(document.getElementById("mapgen-data").textContent);
  var map = window[cfg.mapVar];
  var CATS = data.categories;
  var PERIODS = data.periods;
  var SOURCES = data.sources;
  var ALL_P = (1 << PERIODS.length) - 1;
  var ALL_C = (1 << CATS.length) - 1;

  /* ---------- helpers ---------- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
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
  // a source's page name is decided once, in Python (payload "page"): never rebuilt from the file name
  function sourcePage(s) {
    return cfg.root + "sources/" + s.page;
  }
  function sourceHref(claim) {
    return sourcePage(SOURCES[claim.src]) + "#L" + claim.line;
  }

  /* ---------- the data, unpacked once ---------- */
  var sites = data.sites.map(function (r, i) {
    var claims = r[10].map(function (c) {
      var pm = 0;
      PERIODS.forEach(function (p, k) { if (c[0] <= p.end && c[1] >= p.start) pm |= 1 << k; });
      return { start: c[0], end: c[1], cat: c[2], quote: c[3], src: c[4], line: c[5], flag: c[6],
        flagReason: c[7], pmask: pm };
    });
    return { i: i, id: r[0], name: r[1], lat: r[2], lon: r[3], precision: r[4], country: r[5], local: r[6],
      aliases: r[7], today: r[8], remembrance: r[9], claims: claims, marker: null, colour: -1,
      key: fold([r[0], r[1], r[6]].concat(r[7]).join("\u0001")) };
  });
  var byId = new Map(sites.map(function (s) { return [s.id, s]; }));
  // the years the claims speak of: the bounds of the year filter
  var YMIN = Infinity, YMAX = -Infinity;
  sites.forEach(function (s) {
    s.claims.forEach(function (c) { YMIN = Math.min(YMIN, c.start); YMAX = Math.max(YMAX, c.end); });
  });

  /* ---------- state ---------- */
  var state = { pmask: ALL_P, cmask: ALL_C, y0: YMIN, y1: YMAX, site: null };
  var visible = [];
  var cluster = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true,
    iconCreateFunction: function (c) {
      var n = c.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      return L.divIcon({ html: "<span>" + Number(n) + "</span>", className: "mg-cluster",
        iconSize: L.point(size, size) });
    }
  });
  map.addLayer(cluster);

  function claimMatches(c) {
    return (c.pmask & state.pmask) !== 0 && (state.cmask & (1 << c.cat)) !== 0 &&
      c.end >= state.y0 && c.start <= state.y1;
  }
  function matches(s) {
    for (var k = 0; k < s.claims.length; k++) if (claimMatches(s.claims[k])) return true;
    return false;
  }

  /* ---------- pins ---------- */
  var icons = {};
  function iconFor(cat, precision) {
    var key = cat + "/" + precision;
    if (!icons[key]) {
      var size = precision === "region" ? 22 : precision === "settlement" ? 16 : 14;
      icons[key] = L.divIcon({ className: "mg-pin mg-c" + cat + " mg-p-" + precision, html: "",
        iconSize: [size, size] });
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
      var m = L.marker([s.lat, s.lon], { icon: iconFor(colour, s.precision), keyboard: true, riseOnHover: true });
      m.bindTooltip(function () { return el("span", null, s.name); }, { direction: "top", offset: [0, -8] });
      m.bindPopup(function () { return popupFor(s); }, popupOptions());
      m.on("add", function () {
        var node = m.getElement();
        if (node) node.setAttribute("aria-label", s.name);
      });
      m.on("popupopen", function () { state.site = s.id; writeHash(); });
      m.on("popupclose", function () { if (state.site === s.id) { state.site = null; writeHash(); } });
      s.marker = m;
    } else if (s.colour !== colour) {
      s.marker.setIcon(iconFor(colour, s.precision));
    }
    s.colour = colour;
    return s.marker;
  }

  /* ---------- keeping pins and popups clear of the panel ---------- */
  function narrow() {
    return panel.getBoundingClientRect().width > window.innerWidth / 2;
  }
  function panelPad() {  // on a phone the panel is a bar on top and the zoom buttons sit below it
    var r = panel.getBoundingClientRect();
    return narrow() ? [56, Math.round(r.bottom) + 12] : [Math.round(r.right) + 12, 12];
  }
  function layout() {
    var top = narrow() ? Math.round(panel.getBoundingClientRect().bottom) + 6 + "px" : "";
    Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-top"), function (c) {
      c.style.top = top;
    });
  }
  function popupOptions() {
    var w = Math.min(360, window.innerWidth - (narrow() ? 110 : 80));
    return { maxWidth: w, minWidth: Math.min(240, w), autoPanPaddingTopLeft: panelPad(),
      autoPanPaddingBottomRight: [narrow() ? 48 : 12, 24], className: "mg-popup" };
  }

  /* ---------- popups, built when opened ---------- */
  function row(dl, label, value) {
    if (!value) return;
    dl.appendChild(el("dt", null, label));
    dl.appendChild(el("dd", null, value));
  }
  function popupFor(s) {
    var root = el("article", "mg-site");
    root.appendChild(el("h2", "mg-name", s.name));
    if (s.local) root.appendChild(el("p", "mg-local", s.local));
    var dl = el("dl", "mg-facts");
    row(dl, "Location", data.precisions[s.precision] + " (" + s.lat.toFixed(4) + ", " + s.lon.toFixed(4) +
      ", " + s.country + ")");
    row(dl, "Today", s.today);
    row(dl, "Remembrance", s.remembrance);
    root.appendChild(dl);
    var list = el("ol", "mg-claims");
    s.claims.forEach(function (c) {
      var li = el("li", "mg-claim" + (c.flag ? " mg-flagged" : "") + (claimMatches(c) ? "" : " mg-outside"));
      var head = el("p", "mg-claim-head");
      head.appendChild(el("span", "mg-swatch mg-c" + c.cat));
      head.appendChild(document.createTextNode((c.start === c.end ? c.start : c.start + "–" + c.end) + " · " +
        CATS[c.cat].label));
      li.appendChild(head);
      if (c.flag) {
        var f = el("p", "mg-flag", "⚑ " + (data.flags[c.flag] || c.flag) + (c.flagReason ? " " + c.flagReason : ""));
        li.appendChild(f);
      }
      var q = el("blockquote", "mg-quote", c.quote);
      q.setAttribute("cite", sourceHref(c));
      li.appendChild(q);
      var cite = el("p", "mg-cite");
      cite.appendChild(document.createTextNode("— "));
      var a = el("a", null, SOURCES[c.src].title + ", line " + c.line);
      a.href = sourceHref(c);
      a.target = cfg.embed ? "_blank" : "_self";
      if (cfg.embed) a.rel = "noopener";
      cite.appendChild(a);
      li.appendChild(cite);
      list.appendChild(li);
    });
    root.appendChild(list);
    var link = el("a", "mg-permalink", "Link to this place");
    link.href = (cfg.embed ? cfg.canonical : "") + "#site=" + encodeURIComponent(s.id);
    if (cfg.embed) { link.target = "_blank"; link.rel = "noopener"; }
    root.appendChild(link);
    return root;
  }

  /* ---------- applying the filter ---------- */
  function apply() {
    var vis = [];
    for (var k = 0; k < sites.length; k++) if (matches(sites[k])) vis.push(sites[k]);
    cluster.clearLayers();
    cluster.addLayers(vis.map(markerOf));
    visible = vis;
    syncControls();
    writeHash();
  }

  /* ---------- URL hash: period=a,b&category=c&site=id ---------- */
  function decoded(text) {  // null for a malformed escape (%zz, a cut UTF-8 sequence): that part is ignored
    try { return decodeURIComponent(text); } catch (e) { return null; }
  }
  function readHash() {
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
  var writingHash = false;
  function writeHash() {
    if (cfg.embed) return;
    var parts = [];
    if (state.pmask !== ALL_P) parts.push("period=" + slugsOf(state.pmask, PERIODS).join(","));
    if (state.cmask !== ALL_C) parts.push("category=" + slugsOf(state.cmask, CATS).join(","));
    if (state.y0 !== YMIN || state.y1 !== YMAX) parts.push("years=" + state.y0 + "-" + state.y1);
    if (state.site) parts.push("site=" + encodeURIComponent(state.site));
    var h = parts.length ? "#" + parts.join("&") : "";
    if (h !== location.hash && !(h === "" && location.hash === "#")) {
      writingHash = true;
      history.replaceState(null, "", h || location.pathname + location.search);
      writingHash = false;
    }
  }
  function safeMask(list, vocab, what, fallback) {
    try { return maskOf(list, vocab, what); } catch (e) { return fallback; }
  }
  function yearsOf(pair) {  // [from, to] as whole years inside the data's span, or a TypeError
    var ok = Array.isArray(pair) && pair.length === 2 && pair.every(function (y) {
      return typeof y === "number" ? Number.isInteger(y) : /^\d{4}$/.test(y);
    });
    var y = ok ? pair.map(Number) : [];
    if (!ok || y[0] > y[1]) throw new TypeError("years must be [from, to], e.g. [1937, 1938]");
    return [Math.max(YMIN, Math.min(YMAX, y[0])), Math.max(YMIN, Math.min(YMAX, y[1]))];
  }
  function stateFromHash(h) {
    var init = cfg.initial || {};
    var span = [YMIN, YMAX];
    try { if (h.years) span = yearsOf(h.years); } catch (e) { /* a mistyped link shows all years */ }
    state.y0 = span[0];
    state.y1 = span[1];
    state.pmask = "period" in h ? safeMask(h.period, PERIODS, "period", ALL_P)
      : init.periods ? maskOf(init.periods, PERIODS, "period") : ALL_P;
    state.cmask = "category" in h ? safeMask(h.category, CATS, "category", ALL_C)
      : init.categories ? maskOf(init.categories, CATS, "category") : ALL_C;
  }
  function fromHash(frame) {  // frame(): set the first view, before any pin is drawn
    var h = readHash();
    stateFromHash(h);
    if (frame && !h.site) frame();
    apply();
    if (h.site && byId.has(h.site)) openSite(h.site);
  }

  /* ---------- opening a site ---------- */
  function openSite(id) {
    var s = byId.get(id);
    if (!s) throw new TypeError("unknown site " + JSON.stringify(id));
    if (visible.indexOf(s) < 0) {  // filtered out: show everything rather than open a hidden pin
      state.pmask = ALL_P;
      state.cmask = ALL_C;
      state.y0 = YMIN;
      state.y1 = YMAX;
      apply();
    }
    var m = markerOf(s);
    L.setOptions(m.getPopup(), popupOptions());
    // Leaflet drops a zoom requested while another zoom animates, and markercluster then never calls
    // back; and a pin still drawn while its cluster animates closed would take its popup with it.
    // Wait for either to end first.
    var show = function () {
      if (map._animatingZoom) map.once("zoomend", show);
      else if (cluster._inZoomAnimation) cluster.once("animationend", show);
      else cluster.zoomToShowLayer(m, function () { m.openPopup(); });
    };
    show();
    state.site = id;
    writeHash();
  }

  /* ---------- the panel: search, filters (the legend), pages, credits ---------- */
  var panel = document.getElementById("mg-panel");
  var body = el("div", "mg-body");
  body.id = "mg-panel-body";
  var toggle = document.getElementById("mg-toggle");
  toggle.addEventListener("click", function () {
    var open = panel.classList.toggle("mg-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  var count = document.getElementById("mg-count");
  if (cfg.embed) {
    // in an article: a compact legend of the categories present, the rest behind the toggle
    panel.classList.add("mg-embed");
    var mini = el("ul", "mg-mini");
    CATS.forEach(function (c, k) {
      if (!sites.some(function (s) { return s.claims.some(function (cl) { return cl.cat === k; }); })) return;
      var item = el("li");
      item.appendChild(el("span", "mg-swatch mg-c" + k));
      item.appendChild(document.createTextNode(c.label));
      mini.appendChild(item);
    });
    panel.querySelector("header > div").appendChild(mini);
  }

  // search
  var search = el("div", "mg-search");
  search.setAttribute("role", "search");
  var label = el("label", "mg-label", "Search places");
  label.htmlFor = "mg-q";
  var input = el("input");
  input.id = "mg-q";
  input.type = "search";
  input.autocomplete = "off";
  input.placeholder = "Butovo, Курапаты, Katyń…";
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-controls", "mg-results");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-autocomplete", "list");
  var results = el("ul", "mg-results");
  results.id = "mg-results";
  results.setAttribute("role", "listbox");
  search.appendChild(label);
  search.appendChild(input);
  search.appendChild(results);
  body.appendChild(search);

  function findSites(q) {
    var f = fold(q.trim());
    if (!f) return [];
    var starts = [], contains = [];
    for (var k = 0; k < sites.length && starts.length < 12; k++) {
      var key = sites[k].key, at = key.indexOf(f);
      if (at === 0 || key.indexOf("\u0001" + f) >= 0) starts.push(sites[k]);
      else if (at > 0 && contains.length < 12) contains.push(sites[k]);
    }
    return starts.concat(contains).slice(0, 12);
  }
  function listResults(found, notes) {
    results.textContent = "";
    found.forEach(function (s, k) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.id = "mg-r" + k;
      var b = el("button", "mg-result");
      b.type = "button";
      b.appendChild(el("span", "mg-result-name", s.name));
      if (s.local) b.appendChild(el("span", "mg-result-local", s.local));
      if (notes) b.appendChild(el("span", "mg-result-note", notes[k]));
      b.addEventListener("click", function () { pick(s); });
      li.appendChild(b);
      results.appendChild(li);
    });
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
  }
  function showResults() {
    var found = findSites(input.value);
    listResults(found);
    if (input.value.trim() && !found.length) results.appendChild(el("li", "mg-none", "No place matches."));
  }

  // "near me": the closest places to where the reader stands, by straight-line distance (works offline: GPS)
  var here = null;
  function km(lat1, lon1, lat2, lon2) {
    var r = Math.PI / 180, a = Math.sin((lat2 - lat1) * r / 2), b = Math.sin((lon2 - lon1) * r / 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a * a + Math.cos(lat1 * r) * Math.cos(lat2 * r) * b * b)));
  }
  function nearest(lat, lon, n) {  // places one can go to: a region's pin is no destination
    return (visible.length ? visible : sites).filter(function (s) { return s.precision !== "region"; })
      .map(function (s) { return [km(lat, lon, s.lat, s.lon), s]; })
      .sort(function (a, b) { return a[0] - b[0]; }).slice(0, n);
  }
  function showNear(lat, lon) {
    if (here) map.removeLayer(here);
    here = L.circleMarker([lat, lon], { radius: 7, color: "#fff", weight: 2, fillColor: "#1a73e8", fillOpacity: 1,
      interactive: false }).addTo(map);
    var near = nearest(lat, lon, 8);
    listResults(near.map(function (p) { return p[1]; }), near.map(function (p) {
      return p[0] < 10 ? p[0].toFixed(1) + " km" : Math.round(p[0]).toLocaleString("en") + " km";
    }));
  }
  var nearBtn = el("button", "mg-small mg-near", "Near me");
  nearBtn.type = "button";
  nearBtn.title = "List the places closest to where you are";
  nearBtn.addEventListener("click", function () {
    if (!navigator.geolocation) {
      listResults([]);
      results.appendChild(el("li", "mg-none", "This browser cannot tell where you are."));
      return;
    }
    nearBtn.disabled = true;
    navigator.geolocation.getCurrentPosition(function (pos) {
      nearBtn.disabled = false;
      showNear(pos.coords.latitude, pos.coords.longitude);
    }, function (err) {
      nearBtn.disabled = false;
      listResults([]);
      results.appendChild(el("li", "mg-none", "Your location is not available (" + err.message + ")."));
    }, { timeout: 15000, maximumAge: 600000 });
  });
  search.insertBefore(nearBtn, label);
  function pick(s) {
    results.textContent = "";
    input.setAttribute("aria-expanded", "false");
    if (window.matchMedia("(max-width: 640px)").matches) {
      panel.classList.remove("mg-open");
      toggle.setAttribute("aria-expanded", "false");
    }
    openSite(s.id);
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
  results.addEventListener("keydown", function (e) {
    var buttons = Array.prototype.slice.call(results.querySelectorAll("button"));
    var k = buttons.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && k < buttons.length - 1) { e.preventDefault(); buttons[k + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); (k > 0 ? buttons[k - 1] : input).focus(); }
  });

  // filter groups: periods, then categories (which are also the legend)
  var boxes = { period: [], category: [] };
  function group(kind, title, vocab, describe) {
    var fs = el("fieldset", "mg-group mg-" + kind);
    fs.appendChild(el("legend", null, title));
    var tools = el("div", "mg-tools");
    [["All", true], ["None", false]].forEach(function (pair) {
      var b = el("button", "mg-small", pair[0]);
      b.type = "button";
      b.setAttribute("aria-label", pair[0] + " " + title.toLowerCase() + "s");
      b.addEventListener("click", function () {
        if (kind === "period") state.pmask = pair[1] ? ALL_P : 0;
        else state.cmask = pair[1] ? ALL_C : 0;
        apply();
      });
      tools.appendChild(b);
    });
    fs.appendChild(tools);
    vocab.forEach(function (v, k) {
      var lab = el("label", "mg-check");
      var box = el("input");
      box.type = "checkbox";
      box.value = v.slug;
      box.name = kind;
      box.addEventListener("change", function () {
        if (kind === "period") state.pmask ^= 1 << k; else state.cmask ^= 1 << k;
        apply();
      });
      boxes[kind].push(box);
      lab.appendChild(box);
      describe(lab, v, k);
      fs.appendChild(lab);
    });
    return fs;
  }
  // years: two sliders (from, to) that narrow the periods below; the list redraws when one is let go
  var years = el("fieldset", "mg-group mg-yearfilter");
  years.appendChild(el("legend", null, "Years"));
  var span = el("output", "mg-span");
  span.setAttribute("aria-live", "polite");
  years.appendChild(span);
  var sliders = [["From", "y0"], ["To", "y1"]].map(function (pair) {
    var lab = el("label", "mg-slider");
    lab.appendChild(el("span", "mg-slider-label", pair[0]));
    var r = el("input");
    r.type = "range";
    r.min = YMIN;
    r.max = YMAX;
    r.step = 1;
    r.name = pair[1];
    r.setAttribute("aria-label", pair[0] + " year");
    r.addEventListener("input", function () {
      var v = Number(r.value);
      state[pair[1]] = v;
      if (state.y0 > state.y1) { if (pair[1] === "y0") state.y1 = v; else state.y0 = v; }
      showSpan();
    });
    r.addEventListener("change", apply);
    lab.appendChild(r);
    years.appendChild(lab);
    return r;
  });
  function showSpan() {
    sliders[0].value = state.y0;
    sliders[1].value = state.y1;
    span.textContent = state.y0 === state.y1 ? String(state.y0) : state.y0 + "–" + state.y1;
  }
  body.appendChild(years);
  body.appendChild(group("period", "Period", PERIODS, function (lab, p) {
    lab.appendChild(el("span", "mg-text", p.label));
    lab.appendChild(el("span", "mg-years", p.years));
  }));
  body.appendChild(group("category", "Category", CATS, function (lab, c, k) {
    lab.appendChild(el("span", "mg-swatch mg-c" + k));
    lab.appendChild(el("span", "mg-text", c.label));
  }));

  // pin shapes, flags and clusters explained
  var key = el("details", "mg-key");
  key.appendChild(el("summary", null, "How to read the map"));
  var ul = el("ul");
  [["mg-pin mg-p-site", "Pin at the site itself (within about 1 km)"],
    ["mg-pin mg-p-settlement", "Pin at a town or village as a whole"],
    ["mg-pin mg-p-region", "Only the region is known"],
    ["mg-cluster mg-cluster-key", "Several places close together: click to zoom in"]].forEach(function (pair) {
    var li = el("li");
    li.appendChild(el("span", pair[0] + " mg-keyicon"));
    li.appendChild(document.createTextNode(pair[1]));
    ul.appendChild(li);
  });
  var li2 = el("li", null, "⚑ marks a claim a careful historian would question; the popup says why.");
  ul.appendChild(li2);
  key.appendChild(ul);
  key.appendChild(el("p", "mg-note", "Every popup quotes its source word for word and links to the line. " +
    "Borders are today's."));
  body.appendChild(key);

  // links to pre-filtered pages and the data
  if (cfg.pages && cfg.pages.length) {
    var pages = el("details", "mg-pages");
    pages.appendChild(el("summary", null, "Maps by period and category"));
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
    body.appendChild(pages);
  }

  var about = el("details", "mg-about");
  about.appendChild(el("summary", null, "Sources, credits and data"));
  var srcList = el("ul");
  SOURCES.forEach(function (s) {
    var item = el("li");
    var a = el("a", null, s.title);
    a.href = sourcePage(s);
    if (cfg.embed) { a.target = "_blank"; a.rel = "noopener"; }
    item.appendChild(a);
    item.appendChild(document.createTextNode(" — " + s.origin + ". " + s.licence + "."));
    srcList.appendChild(item);
  });
  about.appendChild(srcList);
  about.appendChild(el("p", null, "Base map: country outlines from Natural Earth (public domain)" +
    (cfg.tiles ? "; " + cfg.tiles.credit + " when online." : ".")));
  if (cfg.data) {
    var dl = el("p", null, "Download the data: ");
    [["GeoJSON", cfg.data], ["CSV", cfg.data.replace(/\.geojson$/, ".csv")]].forEach(function (pair, k) {
      var da = el("a", null, pair[0]);
      da.href = cfg.root + pair[1];
      if (k) dl.appendChild(document.createTextNode(" · "));
      dl.appendChild(da);
    });
    about.appendChild(dl);
  }
  body.appendChild(about);
  panel.appendChild(body);

  function syncControls() {
    boxes.period.forEach(function (b, k) { b.checked = (state.pmask & (1 << k)) !== 0; });
    boxes.category.forEach(function (b, k) { b.checked = (state.cmask & (1 << k)) !== 0; });
    showSpan();
    count.textContent = visible.length === sites.length ? "All " + sites.length + " places"
      : visible.length + " of " + sites.length + " places";
  }

  /* ---------- map furniture: offline outline, tiles, full screen ---------- */
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
    options: { position: "topright" },
    onAdd: function () {
      var b = el("button", "mg-full");
      // a fixed icon, not data: corners of a frame
      b.innerHTML = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path d="M2 7V2h5M13 2h5v5' +
        'M18 13v5h-5M7 18H2v-5" fill="none" stroke="currentColor" stroke-width="2.2"/></svg>';
      b.type = "button";
      b.title = "Full screen";
      b.setAttribute("aria-label", "Full screen");
      L.DomEvent.disableClickPropagation(b);
      b.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
      });
      return b;
    }
  });
  if (document.fullscreenEnabled) map.addControl(new Full());

  /* ---------- start ---------- */
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
  layout();
  window.addEventListener("resize", layout);
  toggle.addEventListener("click", layout);
  // the first view is set before any pin exists, so that no cluster animates on the way in
  fromHash(function () {
    var shown = sites.filter(matches);
    var bounds = coreBounds(shown.length ? shown : sites);
    if (bounds.isValid()) {
      map.fitBounds(bounds, { paddingTopLeft: panelPad(), paddingBottomRight: [30, 40], maxZoom: 9, animate: false });
    }
  });
  window.addEventListener("hashchange", function () { if (!writingHash) fromHash(); });

  window.mapgen = {
    sites: function () { return sites.map(function (s) { return s.id; }); },
    visibleSites: function () {
      return visible.filter(function (s) { return cluster.hasLayer(s.marker); }).map(function (s) { return s.id; });
    },
    setFilter: function (f) {
      f = f || {};
      var pm = "periods" in f ? maskOf(f.periods, PERIODS, "period") : ALL_P;
      var cm = "categories" in f ? maskOf(f.categories, CATS, "category") : ALL_C;
      var ys = "years" in f ? yearsOf(f.years) : [YMIN, YMAX];
      state.pmask = pm;
      state.cmask = cm;
      state.y0 = ys[0];
      state.y1 = ys[1];
      apply();
    },
    getFilter: function () {
      return { periods: slugsOf(state.pmask, PERIODS), categories: slugsOf(state.cmask, CATS),
        years: [state.y0, state.y1] };
    },
    openSite: openSite,
    nearest: function (lat, lon, n) {
      return nearest(lat, lon, n || 5).map(function (p) { return { id: p[1].id, km: p[0] }; });
    },
    map: map
  };
  document.documentElement.setAttribute("data-mapgen", "ready");
})();
