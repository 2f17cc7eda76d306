/* ---------- the page API: window.mapgen (README, "Page API") ---------- */
window.mapgen = {
  sites: function () { return D.ids(); },
  visibleSites: function () { return pins.visible().map(D.id); },
  setFilter: function (f) {
    f = f || {};
    var pm = "periods" in f ? D.maskOf(f.periods, D.PERIODS, "period") : D.ALL_P;
    var cm = "categories" in f ? D.maskOf(f.categories, D.CATS, "category") : D.ALL_C;
    var ys = "years" in f ? D.yearsOf(f.years) : [D.YMIN, D.YMAX];
    state.set(coherent({ pmask: pm, cmask: cm, y0: ys[0], y1: ys[1] }, given("years" in f, "periods" in f)));
  },
  getFilter: function () {
    return { periods: D.slugsOf(state.get("pmask"), D.PERIODS), categories: D.slugsOf(state.get("cmask"), D.CATS),
      years: [state.get("y0"), state.get("y1")] };
  },
  openSite: function (id) { pins.openSite(id); },
  nearest: function (lat, lon, n) {
    return nearest(lat, lon, n || 5).map(function (p) { return { id: p[1].id, km: p[0] }; });
  },
  setLanguage: function (code) {
    var lang = language.supported(code);
    if (!lang) throw new TypeError("no language " + JSON.stringify(code) + "; one of: " + language.codes.join(", "));
    language.remember(lang);
    state.set({ lang: lang });
  },
  showList: function (on) { placeList.show(on !== false); },
  getLanguage: function () { return state.get("lang"); },
  languages: function () { return language.codes.slice(); },
  map: map
};
document.documentElement.setAttribute("data-mapgen", "ready");
