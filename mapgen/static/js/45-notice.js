/* ---------- a notice on the map: a sentence (a place shown outside the filter, nothing matches) and at most
 * one action beside it. A status region, so screen readers hear it; one notice at a time. ---------- */
var notice = (function () {
  var box = el("div", "mg-notice");
  box.setAttribute("role", "status");
  box.hidden = true;
  var words = box.appendChild(el("span"));
  var action = box.appendChild(el("button", "mg-small"));
  action.type = "button";
  var onAction = null, kind = "";
  action.addEventListener("click", function () { if (onAction) onAction(); });
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  map.getContainer().appendChild(box);
  return {
    show: function (what, sentence, label, fn) {  // what: a name for the notice, to hide only that one later
      kind = what;
      words.textContent = sentence;
      action.hidden = !label;
      action.textContent = label || "";
      onAction = fn || null;
      box.hidden = false;
    },
    hide: function (what) {
      if (what && what !== kind) return;
      box.hidden = true;
      kind = "";
    },
    showing: function () { return box.hidden ? "" : kind; }
  };
})();
