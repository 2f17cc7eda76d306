/* ---------- pins and clusters: only what is in view is drawn; opening a site ----------
 * The places the filter shows are clustered by supercluster (a k-d tree per zoom level, built when the filter is
 * set for the zooms up to LOW, and for a region around the view for deeper ones); each time the map comes to
 * rest, only the clusters and pins in and around the view are made into markers, so a table of a million places
 * costs the page what it shows, not what it holds. Markers live in one feature group (`group`): its events are
 * those of every pin and cluster.
 */
var pins = (function () {
  var visible = [], index = null;
  var MAXZ = map.getMaxZoom();  // at the last zoom every place is a pin; places at one spot are fanned out
  var FIRST = 4;  // the first places of a cluster in the table's order, for its name
  function firstOf(a, b) {  // the first FIRST of two sorted lists of site numbers, merged
    var out = [], x = 0, y = 0;
    while (out.length < FIRST && (x < a.length || y < b.length)) {
      out.push(y >= b.length || (x < a.length && a[x] < b[y]) ? a[x++] : b[y++]);
    }
    return out;
  }
  // A point's properties are {i, first: [i]}, made once per place: `map` hands them over as they are (supercluster
  // copies them for a new cluster), so that a million places cost no object per point and zoom level.
  var OPTIONS = { radius: 40, extent: 256, maxZoom: MAXZ - 1, minPoints: 2,  // 40 px, as on Leaflet's 256 px tiles
    map: function (p) { return p; },
    reduce: function (acc, p) { acc.first = firstOf(acc.first, p.first); } };
  var points = [];  // place number -> its point for supercluster, kept for the next filter

  // Up to zoom LOW one index clusters every place the filter shows; deeper, where a view holds a small part of the
  // map, an index of the places in and around it (`local`), made again when the view leaves it: clustering a
  // million places at every zoom would take seconds before the first pin is drawn. Beyond MAXZ - 1 every place is
  // a pin of its own, in either. `made` numbers the indexes, for the keys of their clusters.
  var LOW = Math.min(9, MAXZ - 1), local = null, made = 0;
  function around(box, z) {  // `box` and, at zoom z, a view's size around its centre and a view's margin all round
    var c = map.project(box.getCenter(), z), half = map.getSize().multiplyBy(1.5);
    return L.latLngBounds(map.unproject(c.subtract(half), z), map.unproject(c.add(half), z)).extend(box);
  }
  function bbox(b) {
    return [b.getWest(), Math.max(-85, b.getSouth()), b.getEast(), Math.min(85, b.getNorth())];
  }
  function indexFor(z, box) {  // the index that clusters `box` (LatLngBounds) at zoom z: {sc: supercluster, key}
    if (z <= LOW || z >= MAXZ) return index;
    if (!local || !local.box.contains(box)) {
      var region = around(box, z), inside = index.sc.getClusters(bbox(region), LOW + 1);  // its places, one by one
      local = { box: region, key: "c" + (++made) + ":", sc: new Supercluster(Object.assign({}, OPTIONS,
        { minZoom: LOW + 1 })).load(inside.map(function (f) { return points[f.properties.i]; })) };
    }
    return local;
  }

  var group = L.featureGroup().addTo(map);
  var drawn = new Map();  // "c<index>:<cluster id>" or "s<site number>" -> the marker drawn for it

  // a cluster's icon is named for screen readers by its count and its first places: "12 places: Butovo, …"
  var ClusterIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var node = L.DivIcon.prototype.createIcon.call(this, old);
      node.setAttribute("aria-label", this.options.label);
      return node;
    }
  });
  function firstSites(cluster) {
    return cluster.properties.first.map(D.site);
  }
  function labelOf(cluster) {
    var names = firstSites(cluster).map(nameOf);
    var list = names.slice(0, 3).join(STRINGS.listSeparator);
    return text("clusterLabel", { n: cluster.properties.point_count,
      names: names.length > 3 ? text("listMore", { list: list }) : list });
  }
  function clusterMarker(f, sc) {  // sc: the supercluster it comes from
    var n = f.properties.point_count;
    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    var c = f.geometry.coordinates;
    var m = L.marker([c[1], c[0]], { keyboard: true, cluster: f, index: sc, icon: new ClusterIcon({
      html: "<span>" + Number(n) + "</span>", className: "mg-cluster", iconSize: L.point(size, size),
      label: labelOf(f) }) });
    m.on("click", function () { expand(m); });
    return m;
  }
  function expand(m) {  // a click on a cluster: zoom to where it falls apart, centred on it
    var f = m.options.cluster;
    var z = Math.min(m.options.index.getClusterExpansionZoom(f.properties.cluster_id), MAXZ);
    map.setView(m.getLatLng(), Math.max(z, Math.floor(map.getZoom()) + 1), { animate: !REDUCED_MOTION });
  }

  // A pin is a target of 24 px (32 on a touch screen) with its dot drawn inside (mapgen.css): 14 px for a site,
  // 16 for a settlement, 22 for a region. A pin fanned out from its spot (`shift`, in px) keeps its place's
  // position and draws its icon beside it.
  var HIT = window.matchMedia("(pointer: coarse)").matches ? 32 : 24;
  var icons = {};
  function iconFor(cat, precision, shift) {
    var key = cat + "/" + precision + "/" + shift;
    if (!icons[key]) {
      icons[key] = L.divIcon({ className: "mg-pin mg-c" + cat + " mg-p-" + precision, html: "",
        iconSize: [HIT, HIT], iconAnchor: [HIT / 2 - shift[0], HIT / 2 - shift[1]], popupAnchor: shift,
        tooltipAnchor: shift });
    }
    return icons[key];
  }
  function colourFor(s) {
    for (var k = 0; k < s.claims.length; k++) if (claimMatches(s.claims[k])) return s.claims[k].cat;
    return s.claims[0].cat;
  }
  function markerOf(s, shift) {
    var colour = colourFor(s), at = shift || [0, 0];
    if (!s.marker) {
      var m = L.marker([s.lat, s.lon], { icon: iconFor(colour, s.precision, at), keyboard: true, riseOnHover: true,
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
    } else if (s.colour !== colour || String(s.shift) !== String(at)) {
      s.marker.setIcon(iconFor(colour, s.precision, at));
    }
    s.colour = colour;
    s.shift = at;
    return s.marker;
  }
  function fanned(list) {  // pins that would cover each other at the last zoom, set around their spot
    var spots = new Map(), shifts = new Map();
    list.forEach(function (s) {
      var key = s.lat.toFixed(5) + "," + s.lon.toFixed(5);
      if (!spots.has(key)) spots.set(key, []);
      spots.get(key).push(s);
    });
    spots.forEach(function (same) {
      if (same.length < 2) return;
      var r = Math.max(HIT, HIT * same.length / (2 * Math.PI) * 1.2);
      same.forEach(function (s, k) {
        var a = 2 * Math.PI * k / same.length - Math.PI / 2;
        shifts.set(s, [Math.round(r * Math.cos(a)), Math.round(r * Math.sin(a))]);
      });
    });
    return shifts;
  }

  // A place opened by a link or from search while the filter hides it is drawn anyway, the filter left as it
  // was, and the map says so; it goes when its popup closes or another place opens.
  var extra = null;
  function draw() {  // the markers for the view (and a margin around it, so that a small pan draws nothing new)
    if (!index) return;
    var z = Math.max(0, Math.min(MAXZ, Math.floor(map.getZoom())));
    var b = map.getBounds().pad(0.5), from = indexFor(z, b);
    var want = new Map(), singles = [];
    from.sc.getClusters(bbox(b), z).forEach(function (f) {
      if (f.properties.cluster) want.set(from.key + f.properties.cluster_id, f);
      else singles.push(D.site(f.properties.i));
    });
    if (extra) singles.push(extra);
    var shifts = z >= MAXZ ? fanned(singles) : new Map();
    singles.forEach(function (s) { want.set("s" + s.i, s); });
    drawn.forEach(function (m, key) {
      if (!want.has(key) && !m.isPopupOpen()) {
        group.removeLayer(m);
        drawn.delete(key);
      }
    });
    want.forEach(function (what, key) {
      var m = key.charAt(0) === "c" ? drawn.get(key) || clusterMarker(what, from.sc) : markerOf(what, shifts.get(what));
      if (!drawn.has(key)) {
        drawn.set(key, m);
        group.addLayer(m);
      }
    });
  }
  function redraw() {  // the filter changed: cluster what it shows afresh
    var vis = [], f = state.get();
    for (var i = 0; i < D.count; i++) if (matches(i, f)) vis.push(i);
    index = { key: "c" + (++made) + ":", sc: new Supercluster(Object.assign({}, OPTIONS, { maxZoom: LOW }))
      .load(vis.map(function (i) {
        return points[i] || (points[i] = { type: "Feature", properties: { i: i, first: [i] },
          geometry: { type: "Point", coordinates: [D.LON[i], D.LAT[i]] } });
      })) };
    local = null;
    visible = vis;
    if (extra && matches(extra.i)) extra = null;
    drawn.forEach(function (m, key) {  // clusters are those of the old filter: only an open place it shows stays
      var s = key.charAt(0) === "s" && D.site(Number(key.slice(1)));
      if (!(s && m.isPopupOpen() && (s === extra || matches(s.i)))) {
        group.removeLayer(m);
        drawn.delete(key);
      }
    });
    draw();
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
    extra = null;
    draw();
    explain();
  }
  map.on("moveend", draw);
  state.on("change", function (change) {
    if (change.filter) redraw();
    else if (change.keys.indexOf("site") >= 0) dropExtra();
  });
  state.on("change", function (change) {  // names and words in the new language; an open popup is written again
    if (change.keys.indexOf("lang") < 0) return;
    drawn.forEach(function (m, key) {
      if (key.charAt(0) === "c") {
        group.removeLayer(m);
        drawn.delete(key);
        return;
      }
      var node = m.getElement(), s = D.find(m.options.site);
      if (node) node.setAttribute("aria-label", nameOf(s));
      if (m.isPopupOpen()) m.getPopup().update();
    });
    draw();
    explain();
  });

  // When is the map still? Leaflet starts a zoom asked for (setView, fitBounds…) in the next animation frame,
  // and at moveend, when it is done, the markers for the new view are drawn (by the handler above, added first).
  var moving = false;
  map.on("movestart zoomstart", function () { moving = true; });
  map.on("moveend", function () { moving = false; });
  function whenStill(fn) {
    if (moving) map.once("moveend", function () { L.Util.requestAnimFrame(function () { whenStill(fn); }); });
    else fn();
  }
  function holding(s) {  // the marker that shows `s` now: its pin, else the nearest cluster drawn, else none
    if (s.marker && group.hasLayer(s.marker)) return s.marker;
    var best = null, far = Infinity, at = map.latLngToLayerPoint([s.lat, s.lon]);
    drawn.forEach(function (m, key) {
      if (key.charAt(0) !== "c") return;
      var d = map.latLngToLayerPoint(m.getLatLng()).distanceTo(at);
      if (d < far) { best = m; far = d; }
    });
    return best;
  }
  function zoomShowing(s) {  // the first zoom from here at which `s` is a pin of its own
    if (s === extra || !index) return map.getZoom();
    var eps = 1e-4, box = L.latLngBounds([s.lat - eps, s.lon - eps], [s.lat + eps, s.lon + eps]);
    for (var z = Math.floor(map.getZoom()); z < MAXZ; z++) {
      var own = indexFor(z, box).sc.getClusters(bbox(box), z).some(function (f) {
        return !f.properties.cluster && f.properties.i === s.i;
      });
      if (own) return Math.max(z, map.getZoom());
    }
    return MAXZ;
  }

  var opening = 0;  // the latest openSite: one asked for earlier and still on its way gives way to it
  var focusFor = null;  // the place whose popup takes the focus when it opens (picked by keyboard or list)
  function openSite(id, focus) {
    var s = D.find(id);
    if (!s) throw new TypeError("unknown site " + JSON.stringify(id));
    focusFor = focus ? id : null;
    if (!matches(s.i) && extra !== s) {  // hidden by the filter: drawn anyway, the filter kept
      extra = s;
      explain();
    }
    // Leaflet drops a zoom asked for while another one animates: wait for one asked for just before (it starts in
    // the next frame), go where the place is a pin of its own (a few tries), and open its popup there.
    var here = L.latLng(s.lat, s.lon), token = ++opening, tries = 0;
    var show = function () {
      whenStill(function () {
        if (token !== opening) return;
        draw();
        var m = markerOf(s, s.shift);
        if ((group.hasLayer(m) && map.getBounds().contains(here)) || tries++ >= 3) {
          L.setOptions(m.getPopup(), popupOptions());
          m.openPopup();
        } else {
          map.setView(here, Math.max(map.getZoom(), zoomShowing(s)), { animate: !REDUCED_MOTION });
          L.Util.requestAnimFrame(show);
        }
      });
    };
    L.Util.requestAnimFrame(show);
    state.set({ site: id });
  }

  return {
    visible: function () { return visible; },  // the numbers of every place the filter shows (all are clustered)
    extra: function () { return extra; },
    takesFocus: function (id) {  // once: the popup of `id` opened for a reader who picked it
      var yes = focusFor === id;
      if (yes) focusFor = null;
      return yes;
    },
    openSite: openSite,
    expand: expand,
    holding: holding,
    group: group,
    whenStill: whenStill,
    firstSites: firstSites
  };
})();
