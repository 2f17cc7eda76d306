/* ---------- keeping pins and popups clear of the panel and of the map's controls ----------
 * The map's controls (zoom, full screen) are all on the left: beside the panel on a wide screen, below the
 * panel's bar on a phone. A popup is kept right of them and below the bar, and made no wider than the room
 * left, so that its close button (×) is never under a control and the popup never runs off the screen.
 */
var panel = document.getElementById("mg-panel");
function narrow() {
  return panel.getBoundingClientRect().width > window.innerWidth / 2;
}
function controlsRight() {  // the right edge of the controls at the map's top left
  var right = 0;
  Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-top.leaflet-left .leaflet-control"),
    function (c) { right = Math.max(right, c.getBoundingClientRect().right); });
  return Math.round(right);
}
function panelPad() {  // on a phone the panel is a bar on top and the controls sit below it
  var r = panel.getBoundingClientRect();
  return narrow() ? [controlsRight() + 12, Math.round(r.bottom) + 12]
    : [Math.round(Math.max(r.right, controlsRight())) + 12, 12];
}
function layout() {  // on a phone the controls go below the panel's bar, and hide while the panel is open
  var top = narrow() ? Math.round(panel.getBoundingClientRect().bottom) + 6 + "px" : "";
  var hide = narrow() && panel.classList.contains("mg-open");
  Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-top"), function (c) {
    c.style.top = top;
    c.style.visibility = hide ? "hidden" : "";
  });
}
var POPUP_RIGHT = 12, POPUP_CHROME = 32;  // room kept at the right; a popup's margins and border around its text
function popupOptions() {
  var pad = panelPad();
  var w = Math.max(160, Math.min(360, window.innerWidth - pad[0] - POPUP_RIGHT - POPUP_CHROME));
  return { maxWidth: w, minWidth: Math.min(240, w), autoPanPaddingTopLeft: pad,
    autoPanPaddingBottomRight: [POPUP_RIGHT, 24], className: "mg-popup" };
}
