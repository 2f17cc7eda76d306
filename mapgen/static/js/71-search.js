/* ---------- search: a combobox of places by any of their names ----------
 * The results are a listbox whose options are the buttons themselves (role=option on the <button>, the <li>
 * only a wrapper): an option that holds a button is a control inside a control, which screen readers announce
 * badly and axe reports (nested-interactive). The first option is in the Tab order, the others are reached
 * with the arrow keys; messages ("no match", "no position") go to a status line beside the list, never into it.
 */
var search = {};
ui.part(function () {
  var root = el("div", "mg-search");
  root.setAttribute("role", "search");
  var label = el("label", "mg-label", STRINGS.searchLabel);
  label.htmlFor = "mg-q";
  label.id = "mg-q-label";
  var input = el("input");
  input.id = "mg-q";
  input.type = "search";
  input.autocomplete = "off";
  input.placeholder = cfg.searchExample || STRINGS.searchPlaceholder;  // a project's own place names
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-controls", "mg-results");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-autocomplete", "list");
  var results = el("ul", "mg-results");
  results.id = "mg-results";
  results.setAttribute("role", "listbox");
  results.setAttribute("aria-labelledby", "mg-q-label");
  var status = el("p", "mg-none");
  status.setAttribute("role", "status");
  root.appendChild(label);
  root.appendChild(input);
  root.appendChild(results);
  root.appendChild(status);
  panelBody.appendChild(root);

  function findSites(q) {
    var f = fold(q.trim());
    if (!f) return [];
    var starts = [], contains = [];
    for (var k = 0; k < D.count && starts.length < 12; k++) {
      var key = D.searchKey(k), at = key.indexOf(f);
      if (at === 0 || key.indexOf("\u0001" + f) >= 0) starts.push(k);
      else if (at > 0 && contains.length < 12) contains.push(k);
    }
    return starts.concat(contains).slice(0, 12).map(D.site);
  }
  function list(found, notes) {  // the places found; notes: a line under each (a distance)
    results.textContent = "";
    status.textContent = "";
    found.forEach(function (s, k) {
      var li = el("li");
      li.setAttribute("role", "none");
      var b = el("button", "mg-result");
      b.type = "button";
      b.id = "mg-r" + k;
      b.setAttribute("role", "option");
      b.setAttribute("aria-selected", "false");
      b.tabIndex = k === 0 ? 0 : -1;
      b.appendChild(el("span", "mg-result-name", nameOf(s)));
      if (otherName(s)) b.appendChild(el("span", "mg-result-local", otherName(s)));
      if (notes) b.appendChild(el("span", "mg-result-note", notes[k]));
      b.addEventListener("click", function () { pick(s); });
      li.appendChild(b);
      results.appendChild(li);
    });
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
  }
  function say(message) {  // a line in place of results
    list([]);
    status.textContent = message;
  }
  function showResults() {
    var found = findSites(input.value);
    list(found);
    if (input.value.trim() && !found.length) status.textContent = STRINGS.noMatch;
  }
  function pick(s) {
    results.textContent = "";
    status.textContent = "";
    input.setAttribute("aria-expanded", "false");
    closePanelOnPhone();
    pins.openSite(s.id, true);
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
  function options() {
    return Array.prototype.slice.call(results.querySelectorAll("button"));
  }
  results.addEventListener("keydown", function (e) {
    var buttons = options(), k = buttons.indexOf(document.activeElement), to = null;
    if (e.key === "ArrowDown") to = buttons[Math.min(k + 1, buttons.length - 1)];
    else if (e.key === "ArrowUp") to = k > 0 ? buttons[k - 1] : input;
    else if (e.key === "Home") to = buttons[0];
    else if (e.key === "End") to = buttons[buttons.length - 1];
    else if (e.key === "Escape") to = input;
    if (to) { e.preventDefault(); to.focus(); }
  });
  results.addEventListener("focusin", function (e) {  // the focused option is the selected one, and the Tab stop
    options().forEach(function (b) {
      b.setAttribute("aria-selected", b === e.target ? "true" : "false");
      b.tabIndex = b === e.target ? 0 : -1;
    });
  });

  search.root = root;
  search.label = label;
  search.list = list;
  search.say = say;
});
