/* ---------- helpers ---------- */
function el(tag, className, content) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}
// Cyrillic letters as Latin ones, so that Kurapaty finds Курапаты and Курапаты finds Kurapaty (after fold)
var LATIN = { "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ж": "zh", "з": "z",
  "и": "i", "і": "i", "ї": "yi", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
  "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
  "ь": "", "э": "e", "ю": "yu", "я": "ya", "'": "", "’": "" };
function fold(s) {  // lower case, no accents, Cyrillic spelled in Latin letters: what search compares
  return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[\u0400-\u04ff'’]/g, function (ch) { return ch in LATIN ? LATIN[ch] : ch; });
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
// A reader who asks for less motion gets zooms that jump (the map itself is made so in map.html) and
// clusters that do not fly apart.
var REDUCED_MOTION = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
function decoded(s) {  // null for a malformed escape (%zz, a cut UTF-8 sequence): that part is ignored
  try { return decodeURIComponent(s); } catch (e) { return null; }
}
function readHash() {  // what the URL's hash asks for: period, category, years, site, lang
  var h = location.hash.replace(/^#/, "");
  var out = {};
  if (!h) return out;
  h.split("&").forEach(function (part) {
    var eq = part.indexOf("=");
    if (eq < 0) return;
    var key = decoded(part.slice(0, eq));
    var val = decoded(part.slice(eq + 1));
    if (key === null || val === null) return;
    if (key === "period" || key === "category") out[key] = val ? val.split(",") : [];
    if (key === "site" || key === "lang") out[key] = val;
    if (key === "years") out.years = val.split("-");
  });
  return out;
}
