/* ---------- how to read the map: pin shapes, flags and clusters explained ---------- */
ui.part(function () {
  var key = el("details", "mg-key");
  key.appendChild(el("summary", null, STRINGS.keyTitle));
  var ul = el("ul");
  [["mg-pin mg-p-site", STRINGS.keySite],
    ["mg-pin mg-p-settlement", STRINGS.keySettlement],
    ["mg-pin mg-p-region", STRINGS.keyRegion],
    ["mg-cluster mg-cluster-key", STRINGS.keyCluster]].forEach(function (pair) {
    var li = el("li");
    li.appendChild(el("span", pair[0] + " mg-keyicon"));
    li.appendChild(document.createTextNode(pair[1]));
    ul.appendChild(li);
  });
  ul.appendChild(el("li", null, STRINGS.keyFlag));
  key.appendChild(ul);
  key.appendChild(el("p", "mg-note", STRINGS.keyNote));
  panelBody.appendChild(key);
});
