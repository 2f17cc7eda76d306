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
ui.build();
heading.words();
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
