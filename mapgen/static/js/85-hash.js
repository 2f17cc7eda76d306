/* ---------- URL hash: period=a,b&category=c&years=y0-y1&site=id, written on every change of the state ---------- */
var hash = (function () {
  function decoded(s) {  // null for a malformed escape (%zz, a cut UTF-8 sequence): that part is ignored
    try { return decodeURIComponent(s); } catch (e) { return null; }
  }
  function read() {
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
      if (key === "site") out.site = val;
      if (key === "years") out.years = val.split("-");
    });
    return out;
  }
  var writing = false;
  function write() {
    if (cfg.embed) return;
    var parts = [];
    if (state.get("pmask") !== D.ALL_P) parts.push("period=" + D.slugsOf(state.get("pmask"), D.PERIODS).join(","));
    if (state.get("cmask") !== D.ALL_C) parts.push("category=" + D.slugsOf(state.get("cmask"), D.CATS).join(","));
    if (state.get("y0") !== D.YMIN || state.get("y1") !== D.YMAX) {
      parts.push("years=" + state.get("y0") + "-" + state.get("y1"));
    }
    if (state.get("site")) parts.push("site=" + encodeURIComponent(state.get("site")));
    var h = parts.length ? "#" + parts.join("&") : "";
    if (h !== location.hash && !(h === "" && location.hash === "#")) {
      writing = true;
      history.replaceState(null, "", h || location.pathname + location.search);
      writing = false;
    }
  }
  state.on("change", write);

  function safeMask(list, vocab, what, fallback) {
    try { return D.maskOf(list, vocab, what); } catch (e) { return fallback; }
  }
  function filterOf(h) {  // what the hash asks for, else the page's own filter; a mistyped part is ignored
    var init = cfg.initial || {};
    var span = [D.YMIN, D.YMAX];
    try { if (h.years) span = D.yearsOf(h.years); } catch (e) { /* a mistyped link shows all years */ }
    return {
      pmask: "period" in h ? safeMask(h.period, D.PERIODS, "period", D.ALL_P)
        : init.periods ? D.maskOf(init.periods, D.PERIODS, "period") : D.ALL_P,
      cmask: "category" in h ? safeMask(h.category, D.CATS, "category", D.ALL_C)
        : init.categories ? D.maskOf(init.categories, D.CATS, "category") : D.ALL_C,
      y0: span[0], y1: span[1]
    };
  }
  function follow(frame) {  // frame(filter): set the first view, before any pin is drawn
    var h = read();
    var f = filterOf(h);
    if (frame && !h.site) frame(f);
    state.set(f);
    if (h.site && D.byId.has(h.site)) pins.openSite(h.site);
  }
  window.addEventListener("hashchange", function () { if (!writing) follow(); });
  return { follow: follow };
})();
