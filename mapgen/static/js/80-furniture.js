/* ---------- map furniture: offline outline, tiles, attribution, full screen ---------- */
(function () {
  map.createPane("mg-outline").style.zIndex = 150;
  var outline = window.MAPGEN_OUTLINE ||
    (document.getElementById("mapgen-outline") && JSON.parse(document.getElementById("mapgen-outline").textContent));
  if (outline) {
    L.geoJSON(outline, { pane: "mg-outline", interactive: false, className: "mg-land",  // dark mode: mapgen.css
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

  function words() {  // the controls' names in the reader's language
    var c = map.getContainer();
    [[".leaflet-control-zoom-in", STRINGS.zoomIn], [".leaflet-control-zoom-out", STRINGS.zoomOut],
      [".mg-full", STRINGS.fullScreen]].forEach(function (pair) {
      var b = c.querySelector(pair[0]);
      if (b) { b.title = pair[1]; b.setAttribute("aria-label", pair[1]); }
    });
  }
  words();
  state.on("change", function (change) { if (change.keys.indexOf("lang") >= 0) words(); });
})();
