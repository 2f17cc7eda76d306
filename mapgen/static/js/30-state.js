/* ---------- state: the filter and the open site, with change events ----------
 * state.set(patch) stores the values and then tells every listener of on("change", fn), in the order they
 * were added, which keys were set: pins redraw, controls show the filter, the URL hash follows.
 */
var FILTER_KEYS = ["pmask", "cmask", "y0", "y1"];
var state = (function () {
  var value = { pmask: D.ALL_P, cmask: D.ALL_C, y0: D.YMIN, y1: D.YMAX, site: null };
  var listeners = { change: [] };
  return {
    get: function (key) { return value[key]; },
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

function claimMatches(c, f) {  // f: a filter (pmask, cmask, y0, y1); the current one when left out
  var pmask = f ? f.pmask : state.get("pmask"), cmask = f ? f.cmask : state.get("cmask");
  var y0 = f ? f.y0 : state.get("y0"), y1 = f ? f.y1 : state.get("y1");
  return (c.pmask & pmask) !== 0 && (cmask & (1 << c.cat)) !== 0 && c.end >= y0 && c.start <= y1;
}
function matches(s, f) {
  for (var k = 0; k < s.claims.length; k++) if (claimMatches(s.claims[k], f)) return true;
  return false;
}
var EVERYTHING = { pmask: D.ALL_P, cmask: D.ALL_C, y0: D.YMIN, y1: D.YMAX };
