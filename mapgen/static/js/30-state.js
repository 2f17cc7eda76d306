/* ---------- state: the filter, the open site and the language, with change events ----------
 * state.set(patch) stores the values and then tells every listener of on("change", fn), in the order they
 * were added, which keys were set: pins redraw, controls show the filter, the URL hash follows.
 */
var FILTER_KEYS = ["pmask", "cmask", "y0", "y1"];
var state = (function () {
  var value = { pmask: D.ALL_P, cmask: D.ALL_C, y0: D.YMIN, y1: D.YMAX, site: null, lang: language.first() };
  var listeners = { change: [] };
  return {
    get: function (key) { return key ? value[key] : value; },  // no key: every value (read, never changed)
    set: function (patch) {
      var keys = Object.keys(patch);
      keys.forEach(function (k) {
        if (!(k in value)) throw new TypeError("no state " + k);
        value[k] = patch[k];
      });
      var change = { keys: keys, filter: keys.some(function (k) { return FILTER_KEYS.indexOf(k) >= 0; }) };
      listeners.change.slice().forEach(function (fn) { fn(change); });
    },
    on: function (event, fn) { listeners[event].push(fn); }
  };
})();

function claimAt(k, f) {  // does claim number k match f: a filter (pmask, cmask, y0, y1), the current one if left out
  f = f || state.get();
  return (D.PMASK[k] & f.pmask) !== 0 && (f.cmask & (1 << D.CAT[k])) !== 0 && D.END[k] >= f.y0 && D.START[k] <= f.y1;
}
function claimMatches(c, f) {
  return claimAt(c.k, f);
}
function matches(i, f) {  // does place number i show under f (one of its claims matches)
  f = f || state.get();
  for (var k = D.first[i]; k < D.first[i + 1]; k++) if (claimAt(k, f)) return true;
  return false;
}
// the language first, so that every later listener already speaks it
useLanguage(state.get("lang"));
document.documentElement.lang = state.get("lang");
state.on("change", function (change) {
  if (change.keys.indexOf("lang") < 0) return;
  useLanguage(state.get("lang"));
  document.documentElement.lang = state.get("lang");
});
// Years and periods agree: years given alone tick the periods they touch; periods given alone set the years
// they span (within the data's). Either way the same claims match: the periods cover the years without gaps.
function coherent(f, given) {
  var out = Object.assign({}, f);
  if (given === "years") {
    out.pmask = 0;
    D.PERIODS.forEach(function (p, k) { if (p.start <= f.y1 && p.end >= f.y0) out.pmask |= 1 << k; });
  } else if (given === "periods" && f.pmask) {
    var y0 = Infinity, y1 = -Infinity;
    D.PERIODS.forEach(function (p, k) {
      if (f.pmask & (1 << k)) { y0 = Math.min(y0, p.start); y1 = Math.max(y1, p.end); }
    });
    out.y0 = Math.max(D.YMIN, Math.min(D.YMAX, y0));
    out.y1 = Math.max(out.y0, Math.min(D.YMAX, y1));
  }
  return out;
}
function given(years, periods) {  // which of the two a caller sets, so that the other follows it
  return years && !periods ? "years" : periods && !years ? "periods" : "";
}
var EVERYTHING = { pmask: D.ALL_P, cmask: D.ALL_C, y0: D.YMIN, y1: D.YMAX };
