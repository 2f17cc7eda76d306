/* ---------- the data: columns, and a place unpacked when it is first shown ----------
 * Sites and claims travel by column (payload.py, `column`), read by field name, so a field added to the payload
 * shifts nothing here. What the pins and the filter need for every place (position; each claim's years, category
 * and periods) is unpacked at once into flat arrays; a place's full record (names, notes, claims with their
 * quotes) is made by D.site(i) when something shows it, and kept.
 */
var D = (function () {
  var data = window.MAPGEN_DATA || JSON.parse(document.getElementById("mapgen-data").textContent);
  var CATS = data.categories, PERIODS = data.periods, SOURCES = data.sources;
  var N = data.sites.n, LISTS = data.fields.lists || [];

  function ints(c) {  // {"ints": fixed-width base-64 digits from "min", "scale"} -> numbers
    var out = new Float64Array(c.ints.length / c.width), w = c.width, t = c.ints, k = 0;
    for (var i = 0; i < out.length; i++) {
      var v = 0;
      for (var j = 0; j < w; j++, k++) {
        var d = t.charCodeAt(k);  // A-Z a-z 0-9 + /
        v = v * 64 + (d >= 97 ? d - 71 : d >= 65 ? d - 65 : d >= 48 ? d + 4 : d === 43 ? 62 : 63);
      }
      out[i] = c.scale === 1 ? c.min + v : (c.min + v) / c.scale;
    }
    return out;
  }
  function values(c, n, empty) {  // any column -> an array of its n values (payload.py, `column`)
    if (Array.isArray(c)) return c;
    if ("ints" in c) return ints(c);
    if ("text" in c) return c.text.split("\n");
    if ("vocab" in c) return Array.prototype.map.call(ints(c.index), function (k) { return c.vocab[k]; });
    var out = new Array(n).fill(empty), at = ints(c.at), got = values(c.values, at.length, empty);
    for (var k = 0; k < at.length; k++) out[at[k]] = got[k];
    return out;
  }
  function reader(part, what) {  // field name -> its values, unpacked at the first read
    var done = {};
    return function (name) {
      if (!(name in done)) {
        if (!(name in part.columns)) {
          if (name !== "quote") throw new TypeError("the data has no " + what + " field " + JSON.stringify(name));
          return null;  // a large table's quotes are in chunk files
        }
        done[name] = values(part.columns[name], part.n, LISTS.indexOf(name) >= 0 ? [] : "");
      }
      return done[name];
    };
  }
  var site = reader(data.sites, "site"), claim = reader(data.claims, "claim");

  // for every place at once: its position, and where its claims start in the claim columns (first[i]..first[i+1])
  var LAT = site("lat"), LON = site("lon"), first = new Int32Array(N + 1), per = ints(data.claims.perSite);
  for (var i = 0; i < N; i++) first[i + 1] = first[i] + per[i];
  // each claim's years, category and the periods its years overlap
  var START = claim("start_year"), END = claim("end_year"), CAT = claim("category");
  var PMASK = new Uint8Array(data.claims.n);
  var YMIN = Infinity, YMAX = -Infinity, usedP = 0, usedC = 0;
  for (var k = 0; k < data.claims.n; k++) {
    var m = 0;
    for (var p = 0; p < PERIODS.length; p++) if (START[k] <= PERIODS[p].end && END[k] >= PERIODS[p].start) m |= 1 << p;
    PMASK[k] = m;
    usedP |= m;
    usedC |= 1 << CAT[k];
    if (START[k] < YMIN) YMIN = START[k];  // the years the claims speak of: the bounds of the year filter
    if (END[k] > YMAX) YMAX = END[k];
  }

  // notes on a place today, each with its source: written by the curator, checked on a date, not quotes
  var NOTES = ["today", "remembrance", "visiting"];
  var made = [];
  function makeSite(i) {  // the record of place number i, as popups, the list and search read it
    if (made[i]) return made[i];
    var claims = [], quotes = claim("quote");
    for (var k = first[i]; k < first[i + 1]; k++) {
      claims.push({ k: k, start: START[k], end: END[k], cat: CAT[k], quote: quotes ? quotes[k] : null,
        src: claim("source")[k], line: claim("line")[k], flag: claim("flag")[k], flagReason: claim("flag_reason")[k],
        pmask: PMASK[k] });
    }
    var names = {};  // "ru:Бутовский полигон" -> names.ru
    site("names")[i].forEach(function (n) { names[n.slice(0, n.indexOf(":"))] = n.slice(n.indexOf(":") + 1); });
    made[i] = { i: i, id: site("id")[i], name: site("name")[i], lat: LAT[i], lon: LON[i],
      precision: site("precision")[i], country: site("country")[i], local: site("name_local")[i],
      aliases: site("aliases")[i], names: names, checked: site("checked")[i],
      notes: NOTES.filter(function (n) { return site(n)[i]; }).map(function (n) {
        return { kind: n, text: site(n)[i], source: site(n + "_source")[i] };
      }),
      claims: claims, marker: null, colour: -1 };
    return made[i];
  }
  var byId = null;
  function find(id) {  // the place with this id, or undefined (the index is made at the first look-up)
    if (!byId) {
      byId = new Map();
      site("id").forEach(function (s, i) { byId.set(s, i); });
    }
    return byId.has(id) ? makeSite(byId.get(id)) : undefined;
  }
  var keys = [];
  function searchKey(i) {  // every name of a place, folded; made at the first search (a million take a second)
    if (keys[i] === undefined) {
      var names = site("names")[i].map(function (n) { return n.slice(n.indexOf(":") + 1); });
      keys[i] = fold([site("id")[i], site("name")[i], site("name_local")[i]].concat(site("aliases")[i], names)
        .join("\u0001"));
    }
    return keys[i];
  }

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
  // by a <script> (it works from file://) when a popup first needs them; `waiting` holds what to do then, and
  // `loaded` the quotes of places not unpacked yet.
  var starts = data.quoteChunks || [], waiting = {}, loaded = {};
  if (starts.length) {
    window.mapgenQuotes = function (k, chunk) {
      chunk.forEach(function (quotes, j) { loaded[starts[k] + j] = quotes; });
      var then = waiting[k] || [];
      waiting[k] = true;
      then.forEach(function (fn) { fn(); });
    };
  }
  function withQuotes(s, done) {  // done() once `s`'s quotes are at hand (at once for most tables)
    if (loaded[s.i]) {
      loaded[s.i].forEach(function (q, m) { s.claims[m].quote = q; });
      delete loaded[s.i];
    }
    if (!starts.length || s.claims[0].quote !== null) { done(); return; }
    var k = starts.length - 1;
    while (starts[k] > s.i) k--;
    if (waiting[k] === true) { done(); return; }
    var again = function () { withQuotes(s, done); };
    if (waiting[k]) { waiting[k].push(again); return; }
    waiting[k] = [again];
    var script = document.createElement("script");
    script.src = cfg.root + cfg.paths.quotes + k + ".js";
    script.onerror = function () { waiting[k] = undefined; };  // tried again when the popup opens again
    document.head.appendChild(script);
  }

  return { CATS: CATS, PERIODS: PERIODS, SOURCES: SOURCES, precisions: data.precisions, flags: data.flags,
    count: N, claimCount: data.claims.n, site: makeSite, find: find, id: function (i) { return site("id")[i]; },
    ids: function () { return site("id").slice(); }, precision: function (i) { return site("precision")[i]; },
    LAT: LAT, LON: LON, first: first, START: START, END: END, CAT: CAT, PMASK: PMASK, usedP: usedP, usedC: usedC,
    YMIN: YMIN, YMAX: YMAX, ALL_P: (1 << PERIODS.length) - 1, ALL_C: (1 << CATS.length) - 1, maskOf: maskOf,
    slugsOf: slugsOf, yearsOf: yearsOf, searchKey: searchKey, sourcePage: sourcePage, sourceHref: sourceHref,
    withQuotes: withQuotes };
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
