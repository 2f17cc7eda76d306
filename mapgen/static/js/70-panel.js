/* ---------- the panel: its toggle, the count of places shown, the compact legend of an embedded map ---------- */
var panelBody = el("div", "mg-body");
panelBody.id = "mg-panel-body";
var toggle = document.getElementById("mg-toggle");
toggle.addEventListener("click", function () {
  var open = panel.classList.toggle("mg-open");
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
});
function closePanelOnPhone() {
  if (window.matchMedia("(max-width: 640px)").matches) {
    panel.classList.remove("mg-open");
    toggle.setAttribute("aria-expanded", "false");
  }
}

(function () {
  var count = document.getElementById("mg-count");
  state.on("change", function (change) {
    if (!change.filter) return;
    var shown = pins.visible().length, total = D.sites.length;
    count.textContent = shown === total ? text("countAll", { total: total })
      : text("countSome", { shown: shown, total: total });
  });

  if (cfg.embed) {
    // in an article: a compact legend of the categories present, the rest behind the toggle
    panel.classList.add("mg-embed");
    var mini = el("ul", "mg-mini");
    D.CATS.forEach(function (c, k) {
      if (!D.sites.some(function (s) { return s.claims.some(function (cl) { return cl.cat === k; }); })) return;
      var item = el("li");
      item.appendChild(el("span", "mg-swatch mg-c" + k));
      item.appendChild(document.createTextNode(c.label));
      mini.appendChild(item);
    });
    panel.querySelector("header > div").appendChild(mini);
  }
})();
