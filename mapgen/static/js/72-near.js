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
