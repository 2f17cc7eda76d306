/* ---------- time: the years from and to, one control with the periods ----------
 * Years are typed (or stepped with the arrow keys), exact to the year at any width. Years and periods never
 * contradict each other: choosing years ticks the periods they fall in, choosing periods sets the years
 * they span (state's coherent()); "All years" clears both.
 */
ui.part(function () {
  var box = el("fieldset", "mg-group mg-yearfilter");
  box.appendChild(el("legend", null, STRINGS.years));
  var all = el("button", "mg-small mg-tools", STRINGS.allYears);
  all.type = "button";
  all.addEventListener("click", function () { state.set({ y0: D.YMIN, y1: D.YMAX, pmask: D.ALL_P }); });
  box.appendChild(all);
  var row = el("div", "mg-years-row");
  var inputs = [[STRINGS.from, STRINGS.fromYear, "y0"], [STRINGS.to, STRINGS.toYear, "y1"]].map(function (t) {
    var lab = el("label", "mg-year");
    lab.appendChild(el("span", "mg-year-label", t[0]));
    var input = el("input");
    input.type = "number";
    input.min = D.YMIN;
    input.max = D.YMAX;
    input.step = 1;
    input.name = t[2];
    input.inputMode = "numeric";
    input.setAttribute("aria-label", t[1]);
    input.addEventListener("change", function () {
      var y = [Number(inputs[0].value), Number(inputs[1].value)];
      if (!y.every(Number.isFinite)) { show(); return; }  // an empty or half-typed field goes back
      y = y.map(function (v) { return Math.max(D.YMIN, Math.min(D.YMAX, Math.round(v))); });
      if (y[0] > y[1]) y = t[2] === "y0" ? [y[0], y[0]] : [y[1], y[1]];
      state.set(coherent({ y0: y[0], y1: y[1] }, "years"));
    });
    lab.appendChild(input);
    row.appendChild(lab);
    return input;
  });
  box.appendChild(row);
  box.appendChild(el("p", "mg-note mg-hint", STRINGS.yearsHint));
  function show() {
    inputs[0].value = state.get("y0");
    inputs[1].value = state.get("y1");
  }
  ui.on(function (change) { if (change.filter) show(); });
  panelBody.appendChild(box);
});
