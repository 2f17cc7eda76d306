/* ---------- URL hash: period=a,b&category=c&years=y0-y1&site=id&lang=xx, written on every change of the state ---------- */
var hash = (function () {
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
    if (state.get("lang") !== (cfg.lang || "en")) parts.push("lang=" + state.get("lang"));
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
    return coherent({
      pmask: "period" in h ? safeMask(h.period, D.PERIODS, "period", D.ALL_P)
        : init.periods ? D.maskOf(init.periods, D.PERIODS, "period") : D.ALL_P,
      cmask: "category" in h ? safeMask(h.category, D.CATS, "category", D.ALL_C)
        : init.categories ? D.maskOf(init.categories, D.CATS, "category") : D.ALL_C,
      y0: span[0], y1: span[1]
    }, given(!!h.years, "period" in h || !!init.periods));
  }
  function follow(frame) {  // frame(filter): set the first view, before any pin is drawn
    var h = readHash();
    var f = filterOf(h);
    if (h.lang && language.supported(h.lang) && language.supported(h.lang) !== state.get("lang")) {
      state.set({ lang: language.supported(h.lang) });
    }
    if (frame && !h.site) frame(f);
    state.set(f);
    if (h.site && D.find(h.site)) pins.openSite(h.site);
  }
  window.addEventListener("hashchange", function () { if (!writing) follow(); });
  return { follow: follow };
})();
