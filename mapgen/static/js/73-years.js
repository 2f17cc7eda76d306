/* ---------- years: two sliders (from, to) that narrow the periods; the pins redraw when one is let go ---------- */
(function () {
  var box = el("fieldset", "mg-group mg-yearfilter");
  box.appendChild(el("legend", null, STRINGS.years));
  var span = el("output", "mg-span");
  span.setAttribute("aria-live", "polite");
  box.appendChild(span);
  var draft = null;  // the years while a slider is dragged, set in the state when it is let go
  var sliders = [[STRINGS.from, STRINGS.fromYear, "y0"], [STRINGS.to, STRINGS.toYear, "y1"]].map(function (t) {
    var key = t[2];
    var lab = el("label", "mg-slider");
    lab.appendChild(el("span", "mg-slider-label", t[0]));
    var r = el("input");
    r.type = "range";
    r.min = D.YMIN;
    r.max = D.YMAX;
    r.step = 1;
    r.name = key;
    r.setAttribute("aria-label", t[1]);
    r.addEventListener("input", function () {
      var v = Number(r.value);
      draft = draft || { y0: state.get("y0"), y1: state.get("y1") };
      draft[key] = v;
      if (draft.y0 > draft.y1) { if (key === "y0") draft.y1 = v; else draft.y0 = v; }
      show(draft.y0, draft.y1);
    });
    r.addEventListener("change", function () {
      var years = draft || { y0: state.get("y0"), y1: state.get("y1") };
      draft = null;
      state.set({ y0: years.y0, y1: years.y1 });
    });
    lab.appendChild(r);
    box.appendChild(lab);
    return r;
  });
  function show(y0, y1) {
    sliders[0].value = y0;
    sliders[1].value = y1;
    span.textContent = y0 === y1 ? String(y0) : text("yearRange", { from: y0, to: y1 });
  }
  state.on("change", function (change) {
    if (change.filter) { draft = null; show(state.get("y0"), state.get("y1")); }
  });
  panelBody.appendChild(box);
})();
