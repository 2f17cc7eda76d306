/* ---------- helpers ---------- */
function el(tag, className, content) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}
function fold(s) {
  return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
function km(lat1, lon1, lat2, lon2) {  // great-circle distance
  var r = Math.PI / 180, a = Math.sin((lat2 - lat1) * r / 2), b = Math.sin((lon2 - lon1) * r / 2);
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a * a + Math.cos(lat1 * r) * Math.cos(lat2 * r) * b * b)));
}
function outward(a) {  // a link that leaves an embedded map opens beside the article
  if (cfg.embed) { a.target = "_blank"; a.rel = "noopener"; }
  return a;
}

var cfg = JSON.parse(document.getElementById("mapgen-config").textContent);
var map = window[cfg.mapVar];
