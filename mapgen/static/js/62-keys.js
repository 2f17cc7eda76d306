/* ---------- the keyboard on the map: clusters open, popups take the focus and give it back ----------
 * Enter or Space on a cluster does what a click does (zoom in to where it falls apart) and then
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
  function focusOn(s) {  // the pin of `s`, else the cluster that shows it now, else the map
    var shown = s && pins.holding(s);
    var node = shown && shown.getElement();
    (node || container).focus({ preventScroll: true });
  }

  // Enter or Space on a cluster zooms in as a click does; on a pin, Space opens it as Enter does (Leaflet's own)
  group.on("keydown", function (e) {
    var ev = e.originalEvent;
    if (!activates(ev) || ev.target !== e.layer.getElement() || ev.repeat) return;
    var cluster = e.layer.options.cluster;
    if (!cluster && ev.key === "Enter") return;
    ev.preventDefault();
    if (!cluster) {
      e.layer.fire("click", { originalEvent: ev, latlng: e.layer.getLatLng() });
      return;
    }
    var first = pins.firstSites(cluster)[0];
    pins.expand(e.layer);
    // the zoom starts in the next frame; the pins are drawn when it ends
    L.Util.requestAnimFrame(function () {
      pins.whenStill(function () {
        focusOn(first);
      });
    });
  });

  group.on("popupopen", function (e) {
    open = e.layer;
    var box = e.popup.getElement();
    var close = box.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", STRINGS.closePopup);
    var pin = e.layer.getElement();
    // opened from the keyboard, search or the list: the reader goes on in the popup
    if ((pin && document.activeElement === pin) || pins.takesFocus(e.layer.options.site)) {
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
    if (!active || active === document.body || (box && box.contains(active))) {
      focusOn(D.find(e.layer.options.site));
    }
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
