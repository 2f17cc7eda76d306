/* ---------- orientation offline: the names of the towns and villages near the places ---------- */
// Without tiles (offline on site, or a map built with --tiles none), a place at local zoom is a dot on the
// outline. The build ships the settlements near the places (render/orientation.py: [label, English name,
// lat, lon, size class], most populous first); from zoom 8 the first of them that lie in view and fit are
// named here, in their own pane under the pins. They are decoration for the eye: not focusable, hidden from
// screen readers (the list of places says where each place is) and deaf to the pointer. While tiles are
// drawn, they name the towns themselves and these labels stand aside.
(function () {
  var block = document.getElementById("mapgen-places");
  var places = window.MAPGEN_PLACES || (block ? JSON.parse(block.textContent) : []);
  if (!places.length) return;
  var MIN_ZOOM = [8, 8, 9, 10];  // by size class: a million people or more, 100,000, 10,000, fewer
  var FONT = [15, 13.5, 12.5, 12];  // px, by size class; the English name is 11 px
  var MAX_LABELS = 60;
  var pane = map.createPane("mg-places");
  pane.style.zIndex = 350;  // over the outline (150) and the tiles (200), under the pins' layers (400 and up)
  pane.setAttribute("aria-hidden", "true");
  L.DomUtil.addClass(pane, "leaflet-zoom-hide");  // hidden while a zoom animates; redrawn when it ends

  var tiles = null;
  map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) tiles = layer; });
  var tilesFail = !tiles, broken = {};
  if (tiles) {  // a tile that fails (no network) brings the labels in; they go once no failed tile is left
    var key = function (e) { return e.coords.x + ":" + e.coords.y + ":" + e.coords.z; };
    var judge = function () {
      var fail = Object.keys(broken).length > 0;
      if (fail !== tilesFail) { tilesFail = fail; draw(); }
    };
    tiles.on("tileerror", function (e) { broken[key(e)] = true; judge(); });
    tiles.on("tileload tileunload", function (e) { delete broken[key(e)]; judge(); });
  }

  function covered() {  // what lies over the map (the panel, the controls): no label is drawn half under it
    var origin = map.getContainer().getBoundingClientRect(), boxes = [];
    document.querySelectorAll("#mg-panel, .leaflet-control").forEach(function (node) {
      var r = node.getBoundingClientRect();
      if (r.width && r.height) {
        boxes.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]);
      }
    });
    return boxes;
  }

  function draw() {
    var zoom = map.getZoom();
    L.DomUtil.empty(pane);
    if (!tilesFail || !(zoom >= MIN_ZOOM[0])) return;
    var size = map.getSize(), view = map.getBounds().pad(0.05), taken = covered(), shown = 0;
    for (var i = 0; i < places.length && shown < MAX_LABELS; i++) {
      var p = places[i], cls = p[4];
      if (zoom < MIN_ZOOM[cls] || !view.contains([p[2], p[3]])) continue;
      var at = map.latLngToContainerPoint([p[2], p[3]]);
      // the label's box, estimated from its length (measuring each would lay out the page each time): a dot at
      // the point, the name to its right, the English name under it
      var w = 9 + Math.max(String(p[0]).length * FONT[cls] * 0.6, String(p[1]).length * 11 * 0.58);
      var h = FONT[cls] * 1.2 + (p[1] ? 13 : 0);
      var box = [at.x - 4, at.y - FONT[cls] * 0.6 - 2, at.x + w + 2, at.y - FONT[cls] * 0.6 + h + 2];
      if (box[0] < 0 || box[2] > size.x || box[1] < 0 || box[3] > size.y) continue;  // whole, or not at all
      if (taken.some(function (b) { return b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]; })) continue;
      taken.push(box);
      var label = el("div", "mg-place mg-place-" + cls);
      label.appendChild(el("span", "mg-place-name", p[0]));
      if (p[1]) label.appendChild(el("span", "mg-place-en", p[1]));
      L.DomUtil.setPosition(label, map.latLngToLayerPoint([p[2], p[3]]).round());
      pane.appendChild(label);
      shown++;
    }
  }
  map.on("zoomend moveend resize", draw);
  draw();
})();
