/* ---------- the panel: its parts, built in the reader's language and built again when it changes ----------
 * Each later module adds a part with ui.part(build): build() appends its controls to panelBody and listens to
 * the state with ui.on(fn), listeners dropped when the parts are built again. Focus, the search text and which
 * sections are open survive a change of language.
 */
var panelBody = el("div", "mg-body");
panelBody.id = "mg-panel-body";
var toggle = document.getElementById("mg-toggle");
toggle.addEventListener("click", function () {
  var open = panel.classList.toggle("mg-open");
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
});
function closePanelOnPhone() {
  if (window.matchMedia("(max-width: 640px), (max-height: 480px)").matches) {  // as in mapgen.css
    panel.classList.remove("mg-open");
    toggle.setAttribute("aria-expanded", "false");
    layout();  // the map's controls back under the bar
  }
}

var ui = (function () {
  var parts = [], listeners = [];
  state.on("change", function (change) { listeners.slice().forEach(function (fn) { fn(change); }); });
  function build() {
    var focused = document.activeElement && panelBody.contains(document.activeElement) ? document.activeElement.id : "";
    var query = document.getElementById("mg-q") ? document.getElementById("mg-q").value : "";
    var open = Array.prototype.filter.call(panelBody.querySelectorAll("details[open]"), function (d) {
      return d.className;
    }).map(function (d) { return d.className; });
    listeners = [];
    panelBody.textContent = "";
    parts.forEach(function (build) { build(); });
    open.forEach(function (c) { var d = panelBody.querySelector("details." + c.split(" ")[0]); if (d) d.open = true; });
    if (query) document.getElementById("mg-q").value = query;
    var all = { keys: Object.keys(EVERYTHING).concat(["lang"]), filter: true, built: true };
    listeners.slice().forEach(function (fn) { fn(all); });
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }
  return {
    part: function (build) { parts.push(build); },
    on: function (fn) { listeners.push(fn); },
    build: build
  };
})();

/* the heading, the count of places shown, the landmarks' names: in the header, kept, and put in words again */
var heading = (function () {
  var h1 = panel.querySelector("h1"), count = document.getElementById("mg-count");
  var summary = document.getElementById("mg-summary");
  var h = cfg.heading || {};
  var own = h.kind && vocabEntry(h.kind, h.slug);  // the page's own period or category
  function what() {  // the page's own selection, as its title says it
    if (!own) return "";
    var name = vocabLabel(h.kind, own);
    return h.kind === "period" ? name + ", " + periodYears(own) : name;
  }
  function words() {
    var title = h.title || STRINGS.title;
    var w = what();
    var full = w ? text("page_title", { what: w, title: title }) : title;
    h1.textContent = full;  // a project's own title and description stay as given
    document.title = full;
    if (!h.description) {
      var which = !own ? "" : ", " + (h.kind === "category" ? inSentence(w) : vocabLabel("period", own));
      summary.textContent = text("description", { places: text("description_places", { n: D.count }),
        what: which, claims: text("description_claims", { n: D.claimCount }) });
    }
    toggle.textContent = STRINGS.filters;
    panel.setAttribute("aria-label", STRINGS.panel_label);
    map.getContainer().setAttribute("aria-label", STRINGS.map_label);
  }
  function counted() {
    count.textContent = placeCount(pins.visible().length, D.count);
  }
  state.on("change", function (change) {
    if (change.keys.indexOf("lang") >= 0) words();
    if (change.filter || change.keys.indexOf("lang") >= 0) counted();
  });
  return { words: words };
})();
function periodYears(p) {
  return p.end >= 9999 ? text("years_open", { start: p.start }) : text("years_span", { start: p.start, end: p.end });
}

// in an article: a compact legend of the categories the filter shows, the rest behind the toggle
if (cfg.embed) {
  panel.classList.add("mg-embed");
  var mini = el("ul", "mg-mini");
  panel.querySelector("header > div").appendChild(mini);
  var drawMini = function () {
    mini.textContent = "";
    D.CATS.forEach(function (c, k) {
      var any = false;
      for (var j = 0; j < D.claimCount && !any; j++) any = D.CAT[j] === k && claimAt(j);
      if (!any) return;
      var item = el("li");
      item.appendChild(el("span", "mg-swatch mg-c" + k));
      item.appendChild(document.createTextNode(vocabLabel("category", c)));
      mini.appendChild(item);
    });
  };
  drawMini();
  state.on("change", function (change) { if (change.filter || change.keys.indexOf("lang") >= 0) drawMini(); });
}

// the language switch: the languages by their own names, first in the panel
ui.part(function () {
  if (language.codes.length < 2) return;
  var lab = el("label", "mg-lang");
  lab.appendChild(el("span", "mg-lang-label", STRINGS.language));
  var select = el("select");
  select.id = "mg-lang";
  language.codes.forEach(function (code) {
    var option = el("option", null, CATALOGUES[code].languageName);
    option.value = code;
    option.lang = code;
    select.appendChild(option);
  });
  select.value = state.get("lang");
  select.addEventListener("change", function () {
    language.remember(select.value);
    state.set({ lang: select.value });
  });
  lab.appendChild(select);
  panelBody.appendChild(lab);
});
state.on("change", function (change) { if (change.keys.indexOf("lang") >= 0) ui.build(); });
