/* ---------- the reader's language: #lang=xx, else the one chosen here before, else the browser's, else the
 * build's (mapgen build --lang). An embed speaks the language of the article it was made for (mapgen embed
 * --lang) before the browser's. Only a choice made on the page (the switch, mapgen.setLanguage) is kept. ---- */
var language = (function () {
  var KEY = "mapgen.lang";
  function has(code) {  // own keys only: a link's #lang=constructor names no language
    return Object.prototype.hasOwnProperty.call(CATALOGUES, code);
  }
  function supported(code) {  // "ru-RU" -> "ru" when the build has it, else null
    code = String(code || "").toLowerCase();
    if (has(code)) return code;
    code = code.split("-")[0];
    return has(code) ? code : null;
  }
  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }  // storage off, or a sandboxed iframe
  }
  function remember(code) {
    try { localStorage.setItem(KEY, code); } catch (e) { /* kept for this visit only */ }
  }
  function first() {
    var browser = navigator.languages || [navigator.language];
    var wanted = [readHash().lang, stored()].concat(cfg.embed ? [cfg.lang] : browser, [cfg.lang]);
    for (var k = 0; k < wanted.length; k++) if (supported(wanted[k])) return supported(wanted[k]);
    return "en";
  }
  return { codes: Object.keys(CATALOGUES), supported: supported, remember: remember, first: first };
})();
