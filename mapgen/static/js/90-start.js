/* ---------- start: the panel in place, the first view, the pins ---------- */
// The first view frames the pins, less a few lone ones that would each stretch it to almost twice
// the size (one pin in Mexico should not shrink Europe and Russia to a corner); zooming out shows them.
function coreBounds(list) {  // list: place numbers (every place when it is empty)
  var count = list.length || D.count, out = [];  // out: the lone pins left out
  function at(j) { return list.length ? list[j] : j; }
  function box(skip) {  // [south, west, north, east] of the places but `out` and `skip`; the extremes' numbers
    var b = [Infinity, Infinity, -Infinity, -Infinity], ends = [-1, -1, -1, -1];
    for (var j = 0; j < count; j++) {
      var i = at(j), lat = D.LAT[i], lon = D.LON[i];
      if (i === skip || out.indexOf(i) >= 0) continue;
      if (lat < b[0]) { b[0] = lat; ends[0] = i; }  // ends: the southern-, northern-, western- and easternmost
      if (lat > b[2]) { b[2] = lat; ends[1] = i; }
      if (lon < b[1]) { b[1] = lon; ends[2] = i; }
      if (lon > b[3]) { b[3] = lon; ends[3] = i; }
    }
    return { b: b, ends: ends };
  }
  function extent(b) { return [b[3] - b[1] || 1e-9, b[2] - b[0] || 1e-9]; }
  for (var k = Math.min(3, Math.floor(count * 0.03)); k > 0; k--) {
    var whole = box(-1), size = extent(whole.b);
    var best = -1, bestRatio = 0.6;
    whole.ends.forEach(function (i) {
      var rest = extent(box(i).b);
      var ratio = Math.min(rest[0] / size[0], rest[1] / size[1]);
      if (ratio < bestRatio) { best = i; bestRatio = ratio; }
    });
    if (best < 0) break;
    out.push(best);
  }
  var b = box(-1).b;
  return b[0] <= b[2] ? L.latLngBounds([b[0], b[1]], [b[2], b[3]]) : L.latLngBounds([]);
}

panel.appendChild(panelBody);
ui.build();
heading.words();
layout();
window.addEventListener("resize", layout);
toggle.addEventListener("click", layout);
// the first view is set before any pin exists, so that no cluster animates on the way in
hash.follow(function (filter) {
  var shown = [];
  for (var i = 0; i < D.count; i++) if (matches(i, filter)) shown.push(i);
  var bounds = coreBounds(shown);
  if (bounds.isValid()) {
    map.fitBounds(bounds, { paddingTopLeft: panelPad(), paddingBottomRight: [30, 40], maxZoom: 9, animate: false });
  }
});
