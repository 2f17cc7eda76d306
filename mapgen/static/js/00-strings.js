/* ---------- strings: the interface in every language the build carries ----------
 * CATALOGUES (written in by mapgen from mapgen/data/i18n) maps a language to its strings. STRINGS is the
 * reader's language, English where a catalogue lacks a key. text(key, {name: value}) fills "{name}"; a
 * string that counts is a set of plural forms chosen by Intl.PluralRules for values.n, and the counts
 * (n, shown) are written with Intl.NumberFormat: "1 место, 2 места, 5 мест", "1 234".
 */
var STRINGS = null;
var speech = { plurals: null, numbers: null };
function useLanguage(code) {
  STRINGS = Object.assign({}, CATALOGUES.en, CATALOGUES[code]);
  speech.plurals = new Intl.PluralRules(STRINGS.locale);
  speech.numbers = new Intl.NumberFormat(STRINGS.locale);
}
useLanguage("en");

var COUNTS = { n: true, shown: true };
function text(key, values) {
  var s = STRINGS[key];
  values = values || {};
  if (typeof s === "object") s = s[speech.plurals.select(values.n)] || s.other;
  return s.replace(/\{(\w+)\}/g, function (whole, name) {
    var v = values[name];
    return COUNTS[name] && typeof v === "number" ? speech.numbers.format(v) : String(v);
  });
}
function number(n, digits) {  // a distance or count in the reader's locale, with `digits` decimals
  return new Intl.NumberFormat(STRINGS.locale, { minimumFractionDigits: digits || 0,
    maximumFractionDigits: digits || 0 }).format(n);
}
function vocabLabel(kind, v) {  // a period's or category's name: the reader's language, else the build's
  return STRINGS[kind + ":" + v.slug] || v.label;
}
function inSentence(label) {  // "…, execution and burial site": the first letter lowered, but German keeps its
  var first = label.split(" ")[0];  // capitals and an abbreviation (NEP, II) stays as it is
  if (STRINGS.label_in_sentence === "keep" || (first.length > 1 && first === first.toLocaleUpperCase(STRINGS.locale))) {
    return label;
  }
  return label.charAt(0).toLocaleLowerCase(STRINGS.locale) + label.slice(1);
}
