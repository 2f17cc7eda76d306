/* ---------- strings: every English word the page script puts on the page ----------
 * "{name}" is filled in by text(key, {name: value}); a translation replaces this object and nothing else.
 */
var STRINGS = {
  locale: "en",
  // popup
  location: "Location",
  locationValue: "{precision} ({lat}, {lon}, {country})",
  today: "Today",
  remembrance: "Remembrance",
  visiting: "Visiting",
  notesHead: "Notes on the place today, not quotes · as of {month}",
  noteSource: " (source: ",
  noteSourceEnd: ")",
  claimHead: "{years} · {category}",
  yearRange: "{from}–{to}",
  flag: "⚑ {flag}",
  flagReason: "⚑ {flag} {reason}",
  citeDash: "— ",
  citeLine: "{title}, line {line}",
  quoteLanguage: " (quoted in {language})",
  permalink: "Link to this place",
  closePopup: "Close",
  // a cluster of pins, named by its count and its first places
  clusterLabel: "{count} places: {names}",
  listSeparator: ", ",
  listMore: "{list}, …",
  // count of places shown
  countAll: "All {total} places",
  countSome: "{shown} of {total} places",
  // search and near me
  searchLabel: "Search places",
  searchPlaceholder: "Butovo, Курапаты, Katyń…",
  noMatch: "No place matches.",
  nearMe: "Near me",
  nearMeTitle: "List the places closest to where you are",
  noGeolocation: "This browser cannot tell where you are.",
  noPosition: "Your location is not available ({message}).",
  km: "{km} km",
  // filters
  years: "Years",
  from: "From",
  to: "To",
  fromYear: "From year",
  toYear: "To year",
  period: "Period",
  category: "Category",
  all: "All",
  none: "None",
  allPeriods: "All periods",
  nonePeriods: "None periods",
  allCategories: "All categories",
  noneCategories: "None categories",
  // how to read the map
  keyTitle: "How to read the map",
  keySite: "Pin at the site itself (within about 1 km)",
  keySettlement: "Pin at a town or village as a whole",
  keyRegion: "Only the region is known",
  keyCluster: "Several places close together: click it, or press Enter, to zoom in",
  keyFlag: "⚑ marks a claim a careful historian would question; the popup says why.",
  keyNote: "Every popup quotes its source word for word and links to the line. Borders are today's.",
  // links
  pagesTitle: "Maps by period and category",
  aboutTitle: "Sources, credits and data",
  sourceNote: " — {origin}. {licence}.",
  baseMap: "Base map: country outlines from Natural Earth (public domain).",
  baseMapTiles: "Base map: country outlines from Natural Earth (public domain); {credit} when online.",
  download: "Download the data: ",
  geojson: "GeoJSON",
  csv: "CSV",
  linkSeparator: " · ",
  // map furniture
  fullScreen: "Full screen"
};

function text(key, values) {
  return STRINGS[key].replace(/\{(\w+)\}/g, function (whole, name) { return String(values[name]); });
}
