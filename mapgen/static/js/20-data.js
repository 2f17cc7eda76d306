/* ---------- the data, unpacked once ----------
 * Sites and claims travel as arrays; `fields` names their positions. Values are read by name, so a field
 * added to the payload, wherever it goes, shifts nothing here.
 */
var D = (function () {
  var data = window.MAPGEN_DATA || JSON.parse(document.getElementById("mapgen-data").textContent);
  var CATS = data.categories, PERIODS = data.periods, SOURCES = data.sources;

  var LISTS = data.fields.lists || [];
  function reader(names, what) {  // record -> field name -> value (a record ends at its last non-empty value)
    var at = {};
    names.forEach(function (n, k) { at[n] = k; });
    return function (record, name) {
      if (!(name in at)) throw new TypeError("the data has no " + what + " field " + JSON.stringify(name));
      var k = at[name];
      return k < record.length ? record[k] : LISTS.indexOf(name) >= 0 ? [] : "";
    };
  }
  var site = reader(data.fields.site, "site"), claim = reader(data.fields.claim, "claim");

  function periodMask(start, end) {  // a claim belongs to every period its years overlap
    var m = 0;
    PERIODS.forEach(function (p, k) { if (start <= p.end && end >= p.start) m |= 1 << k; });
    return m;
  }
  // notes on a place today, each with its source: written by the curator, checked on a date, not quotes
  var NOTES = ["today", "remembrance", "visiting"];
  var sites = data.sites.map(function (r, i) {
    var claims = site(r, "claims").map(function (c) {
      var start = claim(c, "start_year"), end = claim(c, "end_year");
      return { start: start, end: end, cat: claim(c, "category"), quote: claim(c, "quote"), src: claim(c, "source"),
        line: claim(c, "line"), flag: claim(c, "flag"), flagReason: claim(c, "flag_reason"),
        pmask: periodMask(start, end) };
    });
    var id = site(r, "id"), name = site(r, "name"), local = site(r, "name_local"), aliases = site(r, "aliases");
    var names = {};  // "ru:Бутовский полигон" -> names.ru
    site(r, "names").forEach(function (n) { names[n.slice(0, n.indexOf(":"))] = n.slice(n.indexOf(":") + 1); });
    return { i: i, id: id, name: name, lat: site(r, "lat"), lon: site(r, "lon"), precision: site(r, "precision"),
      country: site(r, "country"), local: local, aliases: aliases, names: names, checked: site(r, "checked"),
      notes: NOTES.filter(function (k) { return site(r, k); }).map(function (k) {
        return { kind: k, text: site(r, k), source: site(r, k + "_source") };
      }),
      claims: claims, marker: null, colour: -1, key: null };
  });
  function searchKey(s) {  // every name of a place, folded; made at the first search (a million take a second)
    if (s.key === null) {
      s.key = fold([s.id, s.name, s.local].concat(s.aliases, Object.keys(s.names).map(function (k) {
        return s.names[k];
      })).join("\u0001"));
    }
    return s.key;
  }
  // the years the claims speak of: the bounds of the year filter
  var YMIN = Infinity, YMAX = -Infinity;
  sites.forEach(function (s) {
    s.claims.forEach(function (c) { YMIN = Math.min(YMIN, c.start); YMAX = Math.max(YMAX, c.end); });
  });

  function maskOf(list, vocab, what) {
    var m = 0;
    (list || []).forEach(function (slug) {
      var k = vocab.findIndex(function (v) { return v.slug === slug; });
      if (k < 0) {
        throw new TypeError("unknown " + what + " " + JSON.stringify(slug) + "; one of: " +
          vocab.map(function (v) { return v.slug; }).join(", "));
      }
      m |= 1 << k;
    });
    return m;
  }
  function slugsOf(mask, vocab) {
    return vocab.filter(function (v, k) { return mask & (1 << k); }).map(function (v) { return v.slug; });
  }
  function yearsOf(pair) {  // [from, to] as whole years inside the data's span, or a TypeError
    var ok = Array.isArray(pair) && pair.length === 2 && pair.every(function (y) {
      return typeof y === "number" ? Number.isInteger(y) : /^\d{4}$/.test(y);
    });
    var y = ok ? pair.map(Number) : [];
    if (!ok || y[0] > y[1]) throw new TypeError("years must be [from, to], e.g. [1937, 1938]");
    return [Math.max(YMIN, Math.min(YMAX, y[0])), Math.max(YMIN, Math.min(YMAX, y[1]))];
  }
  // a source's page name is decided once, in Python (payload "page"): never rebuilt from the file name
  function sourcePage(s) {
    return cfg.root + cfg.paths.sources + s.page;
  }
  function sourceHref(c) {
    return sourcePage(SOURCES[c.src]) + "#L" + c.line;
  }

  // A large table's quotes come in chunk files (data/quotes/K.js, each calling mapgenQuotes(K, quotes)), loaded
  // by a <script> (it works from file://) when a popup first needs them; `waiting` holds what to do then.
  var starts = data.quoteChunks || [], waiting = {};
  if (starts.length) {
    window.mapgenQuotes = function (k, chunk) {
      chunk.forEach(function (quotes, j) {
        var s = sites[starts[k] + j];
        quotes.forEach(function (q, m) { s.claims[m].quote = q; });
      });
      var then = waiting[k] || [];
      waiting[k] = true;
      then.forEach(function (fn) { fn(); });
    };
  }
  function withQuotes(s, done) {  // done() once `s`'s quotes are at hand (at once for most tables)
    if (!starts.length || s.claims[0].quote !== null) { done(); return; }
    var k = starts.length - 1;
    while (starts[k] > s.i) k--;
    if (waiting[k] === true) { done(); return; }
    if (waiting[k]) { waiting[k].push(done); return; }
    waiting[k] = [done];
    var script = document.createElement("script");
    script.src = cfg.root + cfg.paths.quotes + k + ".js";
    script.onerror = function () { waiting[k] = undefined; };  // tried again when the popup opens again
    document.head.appendChild(script);
  }

  return { CATS: CATS, PERIODS: PERIODS, SOURCES: SOURCES, precisions: data.precisions, flags: data.flags,
    sites: sites, byId: new Map(sites.map(function (s) { return [s.id, s]; })), YMIN: YMIN, YMAX: YMAX,
    ALL_P: (1 << PERIODS.length) - 1, ALL_C: (1 << CATS.length) - 1, maskOf: maskOf, slugsOf: slugsOf,
    yearsOf: yearsOf, searchKey: searchKey, sourcePage: sourcePage, sourceHref: sourceHref, withQuotes: withQuotes };
})();

function vocabEntry(kind, slug) {  // a period or category by its slug (undefined: the map has none of that name)
  return (kind === "period" ? D.PERIODS : D.CATS).filter(function (v) { return v.slug === slug; })[0];
}
function placeCount(shown, total) {  // "All 87 places", "13 of 87 places"
  return shown === total ? text("countAll", { n: total }) : text("countSome", { shown: shown, n: total });
}
function whereText(s, digits) {  // how precisely the place is known, its coordinates and its country
  return text("locationValue", { precision: STRINGS["precision:" + s.precision] || D.precisions[s.precision],
    lat: s.lat.toFixed(digits), lon: s.lon.toFixed(digits), country: s.country });
}
function nameOf(s) {  // the place's name in the reader's language where the table knows it
  return s.names[STRINGS.locale] || s.name;
}
function otherName(s) {  // the line under it: the local name, or the table's own name when that is not shown
  var shown = nameOf(s);
  if (s.local && s.local !== shown) return s.local;
  return shown !== s.name ? s.name : "";
}
