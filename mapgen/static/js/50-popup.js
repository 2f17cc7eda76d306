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
    var dd = dl.appendChild(el("dd", "mg-note", n.text));
    var link = noteSource(n.source);
    if (link) {
      dd.appendChild(document.createTextNode(STRINGS.noteSource));
      dd.appendChild(link);
      dd.appendChild(document.createTextNode(STRINGS.noteSourceEnd));
    }
  });
  return box;
}

function popupFor(s) {
  var root = el("article", "mg-site");
  root.appendChild(el("h2", "mg-name", s.name));
  if (s.local) root.appendChild(el("p", "mg-local", s.local));
  var dl = el("dl", "mg-facts");
  dl.appendChild(el("dt", null, STRINGS.location));
  dl.appendChild(el("dd", "mg-note", text("locationValue", { precision: D.precisions[s.precision],
    lat: s.lat.toFixed(4), lon: s.lon.toFixed(4), country: s.country })));
  root.appendChild(dl);
  if (s.notes.length) root.appendChild(notesFor(s));
  var list = el("ol", "mg-claims");
  s.claims.forEach(function (c) {
    var li = el("li", "mg-claim" + (c.flag ? " mg-flagged" : "") + (claimMatches(c) ? "" : " mg-outside"));
    var head = el("p", "mg-claim-head");
    head.appendChild(el("span", "mg-swatch mg-c" + c.cat));
    var years = c.start === c.end ? c.start : text("yearRange", { from: c.start, to: c.end });
    head.appendChild(document.createTextNode(text("claimHead", { years: years, category: D.CATS[c.cat].label })));
    li.appendChild(head);
    if (c.flag) {
      var flag = D.flags[c.flag] || c.flag;
      li.appendChild(el("p", "mg-flag", c.flagReason ? text("flagReason", { flag: flag, reason: c.flagReason })
        : text("flag", { flag: flag })));
    }
    var q = el("blockquote", "mg-quote", c.quote), language = D.SOURCES[c.src].language;
    q.setAttribute("cite", D.sourceHref(c));
    if (language) q.setAttribute("lang", language);  // as the source wrote it: never translated
    li.appendChild(q);
    var cite = el("p", "mg-cite");
    cite.appendChild(document.createTextNode(STRINGS.citeDash));
    var a = el("a", null, text("citeLine", { title: D.SOURCES[c.src].title, line: c.line }));
    a.href = D.sourceHref(c);
    a.target = cfg.embed ? "_blank" : "_self";
    if (cfg.embed) a.rel = "noopener";
    cite.appendChild(a);
    if (language) cite.appendChild(document.createTextNode(text("quoteLanguage", { language: languageName(language) })));
    li.appendChild(cite);
    list.appendChild(li);
  });
  root.appendChild(list);
  var link = el("a", "mg-permalink", STRINGS.permalink);
  link.href = (cfg.embed ? cfg.canonical : "") + "#site=" + encodeURIComponent(s.id);
  root.appendChild(outward(link));
  return root;
}
