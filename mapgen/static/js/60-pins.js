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
    var names = firstSites(c, 4).map(nameOf);
    var list = names.slice(0, 3).join(STRINGS.listSeparator);
    return text("clusterLabel", { n: c.getChildCount(),
      names: names.length > 3 ? text("listMore", { list: list }) : list });
  }
  var cluster = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true,
    animate: !REDUCED_MOTION,
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
      m.bindTooltip(function () { return el("span", null, nameOf(s)); }, { direction: "top", offset: [0, -8] });
      // the room for a popup is measured when it opens (by click or Enter), before Leaflet's own handler opens it
      m.on("click keypress", function () { L.setOptions(m.getPopup(), popupOptions()); });
      m.bindPopup(function () { return popupFor(s); }, popupOptions());
      m.on("add", function () {
        var node = m.getElement();
        if (node) node.setAttribute("aria-label", nameOf(s));
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

  // A place opened by a link or from search while the filter hides it is drawn anyway, the filter left as it
  // was, and the map says so; it goes when its popup closes or another place opens.
  var extra = null;
  function redraw() {
    var vis = [];
    for (var k = 0; k < D.sites.length; k++) if (matches(D.sites[k])) vis.push(D.sites[k]);
    cluster.clearLayers();
    cluster.addLayers(vis.map(markerOf));
    visible = vis;
    if (extra && vis.indexOf(extra) >= 0) extra = null;
    if (extra) cluster.addLayer(markerOf(extra));
    explain();
  }
  function explain() {  // the notice that belongs to what is drawn now
    if (extra) {
      notice.show("extra", text("outsideFilter", { name: nameOf(extra) }), STRINGS.showAll,
        function () { state.set(EVERYTHING); });
    } else if (!visible.length) {
      notice.show("empty", STRINGS.emptyFilter, STRINGS.showAll, function () { state.set(EVERYTHING); });
    } else {
      notice.hide();
    }
  }
  function dropExtra() {
    if (!extra || extra.id === state.get("site")) return;
    var gone = extra;
    extra = null;
    if (gone.marker && cluster.hasLayer(gone.marker)) cluster.removeLayer(gone.marker);
    explain();
  }
  state.on("change", function (change) {
    if (change.filter) redraw();
    else if (change.keys.indexOf("site") >= 0) dropExtra();
  });
  state.on("change", function (change) {  // names and words in the new language; an open popup is written again
    if (change.keys.indexOf("lang") < 0) return;
    D.sites.forEach(function (s) {
      var node = s.marker && s.marker.getElement();
      if (node) node.setAttribute("aria-label", nameOf(s));
      if (s.marker && s.marker.isPopupOpen()) s.marker.getPopup().update();
    });
    cluster.refreshClusters();
    explain();
  });

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
  var focusFor = null;  // the place whose popup takes the focus when it opens (picked by keyboard or list)
  function openSite(id, focus) {
    var s = D.byId.get(id);
    if (!s) throw new TypeError("unknown site " + JSON.stringify(id));
    focusFor = focus ? id : null;
    var m = markerOf(s);
    if (visible.indexOf(s) < 0 && extra !== s) {  // hidden by the filter: drawn anyway, the filter kept
      var before = extra;
      extra = s;
      if (before && before.marker && visible.indexOf(before) < 0) cluster.removeLayer(before.marker);
      cluster.addLayer(m);
      explain();
    }
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
    extra: function () { return extra; },
    takesFocus: function (id) {  // once: the popup of `id` opened for a reader who picked it
      var yes = focusFor === id;
      if (yes) focusFor = null;
      return yes;
    },
    openSite: openSite,
    group: cluster,
    whenStill: whenStill,
    firstSites: firstSites
  };
})();
