/* ---------- near me: the closest places to where the reader stands (works offline: GPS) ---------- */
function nearest(lat, lon, n) {  // places one can go to, by straight-line distance: a region's pin is no destination
  var shown = pins.visible(), best = [];  // the n nearest so far, nearest first: [km, place number]
  for (var j = 0, count = shown.length || D.count; j < count; j++) {
    var i = shown.length ? shown[j] : j, d = km(lat, lon, D.LAT[i], D.LON[i]);
    if ((best.length < n || d < best[best.length - 1][0]) && D.precision(i) !== "region") {
      best.splice(best.length < n ? best.length : n - 1, 1, [d, i]);
      for (var b = best.length - 1; b > 0 && best[b][0] < best[b - 1][0]; b--) {
        var t = best[b]; best[b] = best[b - 1]; best[b - 1] = t;
      }
    }
  }
  return best.map(function (p) { return [p[0], D.site(p[1])]; });
}

var here = null;  // the reader's position on the map, kept when the panel is built again
ui.part(function () {
  function showNear(lat, lon) {  // the reader and the closest places, on the map and listed
    if (here) map.removeLayer(here);
    here = L.circleMarker([lat, lon], { radius: 8, color: "#fff", weight: 3, fillColor: "#1a73e8", fillOpacity: 1,
      interactive: false }).addTo(map);
    here.bindTooltip(STRINGS.youAreHere, { permanent: true, direction: "right", offset: [8, 0], className: "mg-here" });
    var near = nearest(lat, lon, 8);
    search.list(near.map(function (p) { return p[1]; }), near.map(function (p) {
      return text("km", { km: number(p[0], p[0] < 10 ? 1 : 0) });
    }));
    closePanelOnPhone();
    var bounds = L.latLngBounds([[lat, lon]]);
    near.slice(0, 3).forEach(function (p) { bounds.extend([p[1].lat, p[1].lon]); });
    map.fitBounds(bounds, { paddingTopLeft: panelPad(), paddingBottomRight: [30, 40], maxZoom: 12 });
  }
  var REFUSED = { 1: "nearDenied", 2: "nearUnavailable", 3: "nearTimeout" };  // GeolocationPositionError codes
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
      search.say(STRINGS[REFUSED[err.code] || "nearUnavailable"]);  // a plain sentence, not the browser's
    }, { timeout: 15000, maximumAge: 600000 });
  });
  search.root.insertBefore(button, search.label);
});
