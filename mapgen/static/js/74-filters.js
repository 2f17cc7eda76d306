/* ---------- filter groups: periods, then categories (which are also the legend) ---------- */
ui.part(function () {
  function used(kind, k) {  // does any claim of the map fall in this period or category?
    return ((kind === "period" ? D.usedP : D.usedC) & (1 << k)) !== 0;
  }
  function group(kind, key, title, all, none, vocab, describe) {  // key: the state's mask of this vocabulary
    var fs = el("fieldset", "mg-group mg-" + kind);
    fs.appendChild(el("legend", null, title));
    var tools = el("div", "mg-tools");
    var full = (1 << vocab.length) - 1;
    [[STRINGS.all, all, full], [STRINGS.none, none, 0]].forEach(function (t) {
      var b = el("button", "mg-small", t[0]);
      b.type = "button";
      b.setAttribute("aria-label", t[1]);
      b.addEventListener("click", function () {
        var patch = {};
        patch[key] = t[2];
        state.set(key === "pmask" ? coherent(patch, t[2] ? "periods" : "") : patch);
      });
      tools.appendChild(b);
    });
    fs.appendChild(tools);
    var boxes = vocab.map(function (v, k) {
      if (!used(kind, k)) return null;  // nothing in this map of it (an embed of memorials has no Civil War)
      var lab = el("label", "mg-check");
      var box = el("input");
      box.type = "checkbox";
      box.value = v.slug;
      box.name = kind;
      box.addEventListener("change", function () {
        var patch = {};
        patch[key] = state.get(key) ^ (1 << k);
        state.set(key === "pmask" ? coherent(patch, "periods") : patch);
      });
      lab.appendChild(box);
      describe(lab, v, k);
      fs.appendChild(lab);
      return box;
    });
    ui.on(function (change) {
      if (change.filter) boxes.forEach(function (b, k) { if (b) b.checked = (state.get(key) & (1 << k)) !== 0; });
    });
    panelBody.appendChild(fs);
  }
  group("period", "pmask", STRINGS.period, STRINGS.allPeriods, STRINGS.nonePeriods, D.PERIODS, function (lab, p) {
    lab.appendChild(el("span", "mg-text", vocabLabel("period", p)));
    lab.appendChild(el("span", "mg-years", periodYears(p)));
  });
  group("category", "cmask", STRINGS.category, STRINGS.allCategories, STRINGS.noneCategories, D.CATS,
    function (lab, c, k) {
      lab.appendChild(el("span", "mg-swatch mg-c" + k));
      lab.appendChild(el("span", "mg-text", vocabLabel("category", c)));
    });
});
