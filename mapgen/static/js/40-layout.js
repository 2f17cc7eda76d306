/* ---------- keeping pins and popups clear of the panel ---------- */
var panel = document.getElementById("mg-panel");
function narrow() {
  return panel.getBoundingClientRect().width > window.innerWidth / 2;
}
function panelPad() {  // on a phone the panel is a bar on top and the zoom buttons sit below it
  var r = panel.getBoundingClientRect();
  return narrow() ? [56, Math.round(r.bottom) + 12] : [Math.round(r.right) + 12, 12];
}
function layout() {
  var top = narrow() ? Math.round(panel.getBoundingClientRect().bottom) + 6 + "px" : "";
  Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-top"), function (c) {
    c.style.top = top;
  });
}
function popupOptions() {
  var w = Math.min(360, window.innerWidth - (narrow() ? 110 : 80));
  return { maxWidth: w, minWidth: Math.min(240, w), autoPanPaddingTopLeft: panelPad(),
    autoPanPaddingBottomRight: [narrow() ? 48 : 12, 24], className: "mg-popup" };
}
