/* ---------- popups, built when opened ---------- */
function noteSource(ref) {  // where a note comes from: a URL, or [source index, line] of a seed
  var a;
  if (Array.isArray(ref)) {
    a = el("a", null, text("citeLine", { title: D.SOURCES[ref[0]].title, line: ref[1] }));
    a.href = D.sourcePage(D.SOURCES[ref[0]]) + "#L" + ref[1];
    return outward(a);
  }
  if (!/^https?:\/\//i.test(ref || "")) return null;
  a = el("a", null, new URL(ref).hostname.replace(/^www\./, ""));
  a.href = ref;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  return a;
}

function languageName(code) {  // "en" -> "English", in the reader's language where the browser knows it
  try {
    return new Intl.DisplayNames([STRINGS.locale], { type: "language" }).of(code) || code;
  } catch (e) {
    return code;
  }
}

function notesFor(s) {
  /* What stands there today, remembrance, visiting: the curator's notes, each with its source and the date it
   * was checked, set apart from the verified quotes below them. */
  var box = el("section", "mg-notes");
  var month = s.checked ? new Intl.DateTimeFormat(STRINGS.locale, { year: "numeric", month: "long", timeZone: "UTC" })
    .format(new Date(s.checked + "T00:00:00Z")) : "";
  var head = box.appendChild(el("p", "mg-notes-head", text("notesHead", { month: month })));
  head.id = "mg-notes-" + s.i;
  box.setAttribute("aria-labelledby", head.id);
  var dl = box.appendChild(el("dl", "mg-facts"));
  s.notes.forEach(function (n) {
    dl.appendChild(el("dt", null, STRINGS[n.kind]));
    var dd = dl.appendChild(el("dd", "mg-note"));
    dd.appendChild(tableText("span", null, n.text));
    var link = noteSource(n.source);
    if (link) {
      dd.appendChild(document.createTextNode(STRINGS.noteSource));
      dd.appendChild(link);
      dd.appendChild(document.createTextNode(STRINGS.noteSourceEnd));
    }
  });
  return box;
}

function tableText(tag, className, words) {
  /* Words of the table (a flag's reason, a note, a name it gives in no other language) are in the table's
   * language, the build's: a reader of another one hears them said as such. */
  var node = el(tag, className, words);
  if (STRINGS.locale !== (cfg.lang || "en")) node.lang = cfg.lang || "en";
  return node;
}

function claimGroups(s) {  // claims with the very same quote (one source copying another) shown once
  var groups = [], byQuote = new Map();
  s.claims.forEach(function (c) {
    var g = byQuote.get(c.quote);
    if (!g) {
      g = { quote: c.quote, claims: [] };
      byQuote.set(c.quote, g);
      groups.push(g);
    }
    g.claims.push(c);
  });
  return groups;
}

function citation(c) {  // "— Title, line 117 (quoted in English)", the link to the line
  var cite = el("p", "mg-cite");
  var language = D.SOURCES[c.src].language;
  cite.appendChild(document.createTextNode(STRINGS.citeDash));
  var a = el("a", null, text("citeLine", { title: D.SOURCES[c.src].title, line: c.line }));
  a.href = D.sourceHref(c);
  a.target = cfg.embed ? "_blank" : "_self";
  if (cfg.embed) a.rel = "noopener";
  cite.appendChild(a);
  if (language) cite.appendChild(document.createTextNode(text("quoteLanguage", { language: languageName(language) })));
  return cite;
}

function claimItem(g) {
  /* One quote with what it is claimed for (years, category) above it and every source that gives it right
   * under it: the words and where they come from are read together, first in the popup. A flagged claim is
   * marked ⚑ in its heading and says why under its citations. */
  var first = g.claims[0], inside = g.claims.some(function (c) { return claimMatches(c); });
  var li = el("li", "mg-claim" + (g.claims.some(function (c) { return c.flag; }) ? " mg-flagged" : "") +
    (inside ? "" : " mg-outside"));
  var heads = [];
  g.claims.forEach(function (c) {
    var years = c.start === c.end ? c.start : text("yearRange", { from: c.start, to: c.end });
    var words = text("claimHead", { years: years, category: vocabLabel("category", D.CATS[c.cat]) });
    if (heads.indexOf(words) >= 0) return;
    heads.push(words);
    var head = el("p", "mg-claim-head");
    head.appendChild(el("span", "mg-swatch mg-c" + c.cat));
    head.appendChild(document.createTextNode(words));
    if (c.flag) head.appendChild(el("span", "mg-flag-mark", " ⚑"));  // why: under the citation
    li.appendChild(head);
  });
  var q = el("blockquote", "mg-quote", g.quote), language = D.SOURCES[first.src].language;
  q.setAttribute("cite", D.sourceHref(first));
  if (language) q.setAttribute("lang", language);  // as the source wrote it: never translated
  li.appendChild(q);
  var seen = [];
  g.claims.forEach(function (c) {
    var where = c.src + ":" + c.line;
    if (seen.indexOf(where) >= 0) return;
    seen.push(where);
    li.appendChild(citation(c));
  });
  var flags = [];
  g.claims.forEach(function (c) {
    if (!c.flag) return;
    var flag = STRINGS["flag:" + c.flag] || D.flags[c.flag] || c.flag;
    var words = c.flagReason ? text("flagReason", { flag: flag, reason: c.flagReason }) : text("flag", { flag: flag });
    if (flags.indexOf(words) >= 0) return;
    flags.push(words);
    var p = li.appendChild(el("p", "mg-flag"));
    var around = c.flagReason ? text("flagReason", { flag: flag, reason: "\u0000" }).split("\u0000") : [words];
    p.appendChild(document.createTextNode(around[0]));
    if (around.length > 1) {
      p.appendChild(tableText("span", null, c.flagReason));
      p.appendChild(document.createTextNode(around[1]));
    }
  });
  return li;
}

function mapsLinks(s) {  // the place in the phone's own maps app (geo: URI, RFC 5870) and on OpenStreetMap
  var p = el("p", "mg-maps");
  var lat = s.lat.toFixed(5), lon = s.lon.toFixed(5);
  var geo = el("a", null, STRINGS.openInMaps);
  geo.href = "geo:" + lat + "," + lon + "?q=" + lat + "," + lon;
  var osm = el("a", null, STRINGS.openStreetMap);
  osm.href = "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=" +
    (s.precision === "region" ? 6 : s.precision === "settlement" ? 12 : 15) + "/" + lat + "/" + lon;
  osm.target = "_blank";
  osm.rel = "noopener noreferrer";
  p.appendChild(geo);
  p.appendChild(document.createTextNode(STRINGS.linkSeparator));
  p.appendChild(osm);
  return p;
}

function popupFor(s) {
  var root = el("article", "mg-site");
  root.appendChild(s.names[STRINGS.locale] ? el("h2", "mg-name", nameOf(s)) : tableText("h2", "mg-name", nameOf(s)));
  if (otherName(s)) root.appendChild(el("p", "mg-local", otherName(s)));
  if (s.claims[0].quote === null) {  // a large table: the quotes arrive, then the popup is written again
    root.appendChild(el("p", "mg-note", STRINGS.loadingQuotes)).setAttribute("role", "status");
    D.withQuotes(s, function () { if (s.marker && s.marker.isPopupOpen()) s.marker.getPopup().update(); });
    return root;
  }
  var list = el("ol", "mg-claims");
  claimGroups(s).forEach(function (g) { list.appendChild(claimItem(g)); });
  root.appendChild(list);
  var dl = el("dl", "mg-facts mg-where");
  dl.appendChild(el("dt", null, STRINGS.location));
  var dd = dl.appendChild(el("dd", "mg-note", whereText(s, 4)));
  if (s.precision !== "region") dd.appendChild(mapsLinks(s));
  root.appendChild(dl);
  if (s.notes.length) root.appendChild(notesFor(s));
  var link = el("a", "mg-permalink", STRINGS.permalink);
  link.href = (cfg.embed ? cfg.canonical : "") + "#site=" + encodeURIComponent(s.id);
  root.appendChild(outward(link));
  return root;
}
