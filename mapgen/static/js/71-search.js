/* ---------- search: a combobox of places by any of their names ---------- */
var search = (function () {
  var root = el("div", "mg-search");
  root.setAttribute("role", "search");
  var label = el("label", "mg-label", STRINGS.searchLabel);
  label.htmlFor = "mg-q";
  var input = el("input");
  input.id = "mg-q";
  input.type = "search";
  input.autocomplete = "off";
  input.placeholder = STRINGS.searchPlaceholder;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-controls", "mg-results");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-autocomplete", "list");
  var results = el("ul", "mg-results");
  results.id = "mg-results";
  results.setAttribute("role", "listbox");
  root.appendChild(label);
  root.appendChild(input);
  root.appendChild(results);
  panelBody.appendChild(root);

  function findSites(q) {
    var f = fold(q.trim());
    if (!f) return [];
    var starts = [], contains = [];
    for (var k = 0; k < D.sites.length && starts.length < 12; k++) {
      var key = D.sites[k].key, at = key.indexOf(f);
      if (at === 0 || key.indexOf("\u0001" + f) >= 0) starts.push(D.sites[k]);
      else if (at > 0 && contains.length < 12) contains.push(D.sites[k]);
    }
    return starts.concat(contains).slice(0, 12);
  }
  function list(found, notes) {  // the places found; notes: a line under each (a distance)
    results.textContent = "";
    found.forEach(function (s, k) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.id = "mg-r" + k;
      var b = el("button", "mg-result");
      b.type = "button";
      b.appendChild(el("span", "mg-result-name", s.name));
      if (s.local) b.appendChild(el("span", "mg-result-local", s.local));
      if (notes) b.appendChild(el("span", "mg-result-note", notes[k]));
      b.addEventListener("click", function () { pick(s); });
      li.appendChild(b);
      results.appendChild(li);
    });
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
  }
  function say(message) {  // a line in place of results
    list([]);
    results.appendChild(el("li", "mg-none", message));
  }
  function showResults() {
    var found = findSites(input.value);
    list(found);
    if (input.value.trim() && !found.length) results.appendChild(el("li", "mg-none", STRINGS.noMatch));
  }
  function pick(s) {
    results.textContent = "";
    input.setAttribute("aria-expanded", "false");
    closePanelOnPhone();
    pins.openSite(s.id);
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var first = findSites(input.value)[0];
      if (first) { e.preventDefault(); pick(first); }
    } else if (e.key === "ArrowDown") {
      var b = results.querySelector("button");
      if (b) { e.preventDefault(); b.focus(); }
    } else if (e.key === "Escape") {
      input.value = "";
      showResults();
    }
  });
  results.addEventListener("keydown", function (e) {
    var buttons = Array.prototype.slice.call(results.querySelectorAll("button"));
    var k = buttons.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && k < buttons.length - 1) { e.preventDefault(); buttons[k + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); (k > 0 ? buttons[k - 1] : input).focus(); }
  });

  return { root: root, label: label, list: list, say: say };
})();
