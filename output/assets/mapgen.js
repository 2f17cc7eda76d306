/* mapgen map application, assembled from mapgen/static/js/ (a module per concern, in name order).
 * Reads one data payload, creates pins, popups, filters and search on demand, and exposes
 * window.mapgen for tests and for journalists who script the map. Every value from the data is
 * put on the page with textContent or setAttribute, never as HTML.
 */
(function () {
"use strict";
var CATALOGUES = {"en":{"locale":"en","languageName":"English","title":"Places of Soviet political repression","description":"Interactive map of {places} of Soviet political repression{what}: execution and burial grounds, camps, massacres, deportations, show trials and memorials, with {claims} each quoting its source.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"{start}–today","category:execution_burial_site":"Execution and burial site","category:camp_prison_exile":"Camp, prison or exile","category:massacre_war_crime":"Massacre or war crime","category:deportation":"Deportation","category:show_trial_persecution":"Show trial or persecution","category:uprising_suppressed":"Suppressed uprising","category:famine":"Famine","category:memorial":"Memorial and commemoration","period:revolution-civil-war":"Revolution and Civil War","period:collectivization":"NEP and collectivization","period:great-purge":"Great Purge","period:world-war-ii":"Second World War","period:late-stalinism":"Late Stalinism","period:after-stalin":"After Stalin","period:remembrance":"Remembrance","precision:site":"the spot itself, within about 1 km","precision:settlement":"a town or village as a whole","precision:region":"only the region is known","flag:citation_needed":"The source marks this passage as lacking a citation.","flag:dubious":"The passage reads as vandalised, implausible or editorialising.","flag:unsourced":"An aside the source gives without any reference.","flag:disputed":"Historians dispute the figure or attribution.","flag:misdated":"The source's date differs from the one other accounts give.","flag:reference_only":"The source names this only in its reference list, not in its running text.","panel_label":"Search, filters and legend","filters":"Filters","map_label":"Map","osm_credit":"map tiles © OpenStreetMap contributors","tiles_credit":"map tiles from {host}","description_places":{"one":"{n} place","other":"{n} places"},"description_claims":{"one":"{n} claim","other":"{n} claims"},"label_in_sentence":"lower","location":"Location","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Today","remembrance":"Remembrance","visiting":"Visiting","notesHead":"Notes on the place today, not quotes · as of {month}","noteSource":" (source: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, line {line}","quoteLanguage":" (quoted in {language})","permalink":"Link to this place","closePopup":"Close","clusterLabel":{"one":"{n} place: {names}","other":"{n} places: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"one":"The one place","other":"All {n} places"},"countSome":{"one":"{shown} of {n} place","other":"{shown} of {n} places"},"searchLabel":"Search places","searchPlaceholder":"Butovo, Курапаты, Katyń…","noMatch":"No place matches.","nearMe":"Near me","nearMeTitle":"List the places closest to where you are","noGeolocation":"This browser cannot tell where you are.","km":"{km} km","years":"Years","from":"From","to":"To","fromYear":"From year","toYear":"To year","period":"Period","category":"Category","all":"All","none":"None","allPeriods":"All periods","nonePeriods":"None periods","allCategories":"All categories","noneCategories":"None categories","keyTitle":"How to read the map","keySite":"Pin at the site itself (within about 1 km)","keySettlement":"Pin at a town or village as a whole","keyRegion":"Only the region is known","keyCluster":"Several places close together: click it, or press Enter, to zoom in","keyFlag":"⚑ marks a claim a careful historian would question; the popup says why.","keyNote":"Every popup quotes its source word for word and links to the line. Borders are today's.","pagesTitle":"Maps by period and category","aboutTitle":"Sources, credits and data","sourceNote":" — {origin}. {licence}.","baseMap":"Base map: country outlines from Natural Earth (public domain).","baseMapTiles":"Base map: country outlines from Natural Earth (public domain); {credit} when online.","download":"Download the data: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"Full screen","language":"Language","listButton":"List of places","listTitle":"Places shown","listClose":"Back to the map","listName":"Place","listWhere":"Where","listYears":"Years","listCategories":"Categories","listFlags":"Questioned","listFlagCount":{"one":"{n} claim questioned","other":"{n} claims questioned"},"listOpen":"Show {name} on the map","skipToList":"Skip to the list of places","emptyFilter":"No place matches these filters.","showAll":"Show all places","frameShown":"Fit the map to the places shown","outsideFilter":"{name} lies outside the current filter and is shown anyway; the filter is unchanged.","nearDenied":"You did not allow this page to know your location. Allow it in the browser's settings, or search for a place by name.","nearUnavailable":"Your location could not be found. Try again in the open air, or search for a place by name.","nearTimeout":"Finding your location took too long. Try again, or search for a place by name.","youAreHere":"You are here","openInMaps":"Open in a maps app","openStreetMap":"OpenStreetMap","allYears":"All years","yearsHint":"Choosing years picks the periods they fall in; choosing periods sets the years they span.","zoomIn":"Zoom in","zoomOut":"Zoom out","loadingQuotes":"Loading the quotes…"},"be":{"locale":"be","languageName":"Беларуская","title":"Месцы савецкіх палітычных рэпрэсій","description":"Інтэрактыўная карта месцаў савецкіх палітычных рэпрэсій{what}: месцы расстрэлаў і пахаванняў, лагеры, масавыя забойствы, дэпартацыі, паказальныя працэсы і мемарыялы — {places} і {claims}, кожнае з цытатай з крыніцы.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"з {start}","category:execution_burial_site":"Месца расстрэлаў і пахаванняў","category:camp_prison_exile":"Лагер, турма або ссылка","category:massacre_war_crime":"Масавае забойства або ваеннае злачынства","category:deportation":"Дэпартацыя","category:show_trial_persecution":"Паказальны працэс або пераслед","category:uprising_suppressed":"Задушанае паўстанне","category:famine":"Голад","category:memorial":"Мемарыял і ўшанаванне памяці","period:revolution-civil-war":"Рэвалюцыя і Грамадзянская вайна","period:collectivization":"НЭП і калектывізацыя","period:great-purge":"Вялікі тэрор","period:world-war-ii":"Другая сусветная вайна","period:late-stalinism":"Позні сталінізм","period:after-stalin":"Пасля Сталіна","period:remembrance":"Памяць","precision:site":"само месца, з дакладнасцю каля 1 км","precision:settlement":"населены пункт у цэлым","precision:region":"вядомы толькі рэгіён","flag:citation_needed":"У крыніцы гэты фрагмент пазначаны як не пацверджаны спасылкай.","flag:dubious":"Фрагмент падобны да вандалізму, непраўдападобны або змяшчае ацэначныя меркаванні.","flag:unsourced":"Пабочная заўвага, якую крыніца прыводзіць без аніякай спасылкі.","flag:disputed":"Гісторыкі аспрэчваюць гэтую лічбу або атрыбуцыю.","flag:misdated":"Дата ў крыніцы адрозніваецца ад той, што прыводзяць іншыя крыніцы.","flag:reference_only":"Крыніца называе гэта толькі ў спісе літаратуры, а не ў асноўным тэксце.","panel_label":"Пошук, фільтры і легенда","filters":"Фільтры","map_label":"Карта","osm_credit":"тайлы карты © удзельнікі OpenStreetMap","tiles_credit":"тайлы карты з {host}","description_places":{"one":"{n} месца","few":"{n} месцы","many":"{n} месцаў","other":"{n} месца"},"description_claims":{"one":"{n} сцвярджэнне","few":"{n} сцвярджэнні","many":"{n} сцвярджэнняў","other":"{n} сцвярджэння"},"label_in_sentence":"lower","location":"Месцазнаходжанне","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Сёння","remembrance":"Памяць","visiting":"Наведванне","notesHead":"Нататкі пра месца сёння, не цытаты · па стане на {month}","noteSource":" (крыніца: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, радок {line}","quoteLanguage":" (мова цытаты: {language})","permalink":"Спасылка на гэта месца","closePopup":"Закрыць","clusterLabel":{"one":"{n} месца: {names}","few":"{n} месцы: {names}","many":"{n} месцаў: {names}","other":"{n} месца: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"one":"Усяго месцаў: {n}","few":"Усяго месцаў: {n}","many":"Усяго месцаў: {n}","other":"Усяго месцаў: {n}"},"countSome":{"one":"{shown} з {n} месца","few":"{shown} з {n} месцаў","many":"{shown} з {n} месцаў","other":"{shown} з {n} месца"},"searchLabel":"Пошук месцаў","searchPlaceholder":"Курапаты, Сандармох, Katyń…","noMatch":"Нічога не знойдзена.","nearMe":"Побач са мной","nearMeTitle":"Паказаць месцы, найбліжэйшыя да вас","noGeolocation":"Гэты браўзер не можа вызначыць ваша месцазнаходжанне.","km":"{km} км","years":"Гады","from":"Ад","to":"Да","fromYear":"Пачатковы год","toYear":"Канчатковы год","period":"Перыяд","category":"Катэгорыя","all":"Усе","none":"Зняць усе","allPeriods":"Усе перыяды","nonePeriods":"Зняць усе перыяды","allCategories":"Усе катэгорыі","noneCategories":"Зняць усе катэгорыі","keyTitle":"Як чытаць карту","keySite":"Пазнака на самім месцы (з дакладнасцю каля 1 км)","keySettlement":"Пазнака на населеным пункце ў цэлым","keyRegion":"Вядомы толькі рэгіён","keyCluster":"Некалькі месцаў побач: пстрыкніце або націсніце Enter, каб наблізіць","keyFlag":"⚑ пазначае сцвярджэнне, якое ўважлівы гісторык паставіў бы пад сумнеў; ва ўсплывальным акне сказана чаму.","keyNote":"Кожнае ўсплывальнае акно даслоўна цытуе крыніцу і спасылаецца на адпаведны радок. Межы — сучасныя.","pagesTitle":"Карты па перыядах і катэгорыях","aboutTitle":"Крыніцы, атрыбуцыя і даныя","sourceNote":" — {origin}. {licence}.","baseMap":"Аснова карты: контуры краін з Natural Earth (грамадскі набытак).","baseMapTiles":"Аснова карты: контуры краін з Natural Earth (грамадскі набытак); пры падключэнні да інтэрнэту — {credit}.","download":"Спампаваць даныя: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"На ўвесь экран","language":"Мова","listButton":"Спіс месцаў","listTitle":"Паказаныя месцы","listClose":"Назад да карты","listName":"Месца","listWhere":"Дзе","listYears":"Гады","listCategories":"Катэгорыі","listFlags":"Пад сумневам","listFlagCount":{"one":"{n} сцвярджэнне пад сумневам","few":"{n} сцвярджэнні пад сумневам","many":"{n} сцвярджэнняў пад сумневам","other":"{n} сцвярджэння пад сумневам"},"listOpen":"Паказаць на карце: {name}","skipToList":"Перайсці да спіса месцаў","emptyFilter":"Ніводнае месца не адпавядае гэтым фільтрам.","showAll":"Паказаць усе месцы","frameShown":"Змясціць паказаныя месцы ў межы карты","outsideFilter":"Месца «{name}» не ўваходзіць у бягучы фільтр, але ўсё роўна паказана; фільтр не зменены.","nearDenied":"Вы не дазволілі гэтай старонцы даведацца ваша месцазнаходжанне. Дазвольце гэта ў наладах браўзера або знайдзіце месца па назве.","nearUnavailable":"Не ўдалося вызначыць ваша месцазнаходжанне. Паспрабуйце яшчэ раз пад адкрытым небам або знайдзіце месца па назве.","nearTimeout":"Вызначэнне месцазнаходжання заняло занадта шмат часу. Паспрабуйце яшчэ раз або знайдзіце месца па назве.","youAreHere":"Вы тут","openInMaps":"Адкрыць у праграме карт","openStreetMap":"OpenStreetMap","allYears":"Усе гады","yearsHint":"Выбар гадоў адзначае перыяды, на якія яны прыпадаюць; выбар перыядаў задае гады, якія яны ахопліваюць.","zoomIn":"Наблізіць","zoomOut":"Аддаліць","loadingQuotes":"Загрузка цытат…"},"de":{"locale":"de","languageName":"Deutsch","title":"Orte sowjetischer politischer Repression","description":"Interaktive Karte von {places} sowjetischer politischer Repression{what}: Hinrichtungs- und Begräbnisstätten, Lager, Massaker, Deportationen, Schauprozesse und Gedenkstätten, mit {claims}, jeweils mit wörtlichem Zitat aus der Quelle.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"{start}–heute","category:execution_burial_site":"Hinrichtungs- und Begräbnisstätte","category:camp_prison_exile":"Lager, Gefängnis oder Verbannung","category:massacre_war_crime":"Massaker oder Kriegsverbrechen","category:deportation":"Deportation","category:show_trial_persecution":"Schauprozess oder Verfolgung","category:uprising_suppressed":"Niedergeschlagener Aufstand","category:famine":"Hungersnot","category:memorial":"Gedenkstätte und Gedenken","period:revolution-civil-war":"Revolution und Bürgerkrieg","period:collectivization":"NÖP und Kollektivierung","period:great-purge":"Großer Terror","period:world-war-ii":"Zweiter Weltkrieg","period:late-stalinism":"Spätstalinismus","period:after-stalin":"Nach Stalin","period:remembrance":"Erinnerung","precision:site":"der Ort selbst, auf etwa 1 km genau","precision:settlement":"eine Stadt oder ein Dorf als Ganzes","precision:region":"nur die Region ist bekannt","flag:citation_needed":"Die Quelle kennzeichnet diese Passage als unbelegt.","flag:dubious":"Die Passage wirkt vandalisiert, unplausibel oder wertend.","flag:unsourced":"Eine Nebenbemerkung, die die Quelle ohne jeden Beleg macht.","flag:disputed":"Die Zahl oder die Zuschreibung ist unter Historikern umstritten.","flag:misdated":"Die Datierung der Quelle weicht von der anderer Darstellungen ab.","flag:reference_only":"Die Quelle nennt dies nur im Literaturverzeichnis, nicht im Fließtext.","panel_label":"Suche, Filter und Legende","filters":"Filter","map_label":"Karte","osm_credit":"Kartenkacheln © OpenStreetMap-Mitwirkende","tiles_credit":"Kartenkacheln von {host}","description_places":{"one":"{n} Ort","other":"{n} Orten"},"description_claims":{"one":"{n} Angabe","other":"{n} Angaben"},"label_in_sentence":"keep","location":"Lage","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Heute","remembrance":"Gedenken","visiting":"Besuch","notesHead":"Hinweise zum Ort heute, keine Zitate · Stand: {month}","noteSource":" (Quelle: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, Zeile {line}","quoteLanguage":" (Zitat auf {language})","permalink":"Link zu diesem Ort","closePopup":"Schließen","clusterLabel":{"one":"{n} Ort: {names}","other":"{n} Orte: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"one":"{n} Ort","other":"Alle {n} Orte"},"countSome":{"one":"{shown} von {n} Ort","other":"{shown} von {n} Orten"},"searchLabel":"Orte suchen","searchPlaceholder":"Katyn, Kurapaty, Demmin…","noMatch":"Kein passender Ort.","nearMe":"In meiner Nähe","nearMeTitle":"Die Orte auflisten, die Ihrem Standort am nächsten sind","noGeolocation":"Dieser Browser kann Ihren Standort nicht ermitteln.","km":"{km} km","years":"Jahre","from":"Von","to":"Bis","fromYear":"Ab dem Jahr","toYear":"Bis zum Jahr","period":"Zeitraum","category":"Kategorie","all":"Alle","none":"Keine","allPeriods":"Alle Zeiträume","nonePeriods":"Keine Zeiträume","allCategories":"Alle Kategorien","noneCategories":"Keine Kategorien","keyTitle":"So lesen Sie die Karte","keySite":"Markierung am Ort selbst (auf etwa 1 km genau)","keySettlement":"Markierung für eine Stadt oder ein Dorf als Ganzes","keyRegion":"Nur die Region ist bekannt","keyCluster":"Mehrere nahe beieinanderliegende Orte: zum Vergrößern anklicken oder die Eingabetaste drücken","keyFlag":"⚑ kennzeichnet eine Angabe, die sorgfältige Historiker anzweifeln würden; das Popup nennt den Grund.","keyNote":"Jedes Popup zitiert seine Quelle wörtlich und verlinkt auf die Zeile. Die Grenzen sind die heutigen.","pagesTitle":"Karten nach Zeitraum und Kategorie","aboutTitle":"Quellen, Nachweise und Daten","sourceNote":" — {origin}. {licence}.","baseMap":"Grundkarte: Ländergrenzen von Natural Earth (gemeinfrei).","baseMapTiles":"Grundkarte: Ländergrenzen von Natural Earth (gemeinfrei); online zusätzlich {credit}.","download":"Daten herunterladen: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"Vollbild","language":"Sprache","listButton":"Liste der Orte","listTitle":"Angezeigte Orte","listClose":"Zurück zur Karte","listName":"Ort","listWhere":"Lage","listYears":"Jahre","listCategories":"Kategorien","listFlags":"Angezweifelt","listFlagCount":{"one":"{n} Angabe angezweifelt","other":"{n} Angaben angezweifelt"},"listOpen":"{name} auf der Karte zeigen","skipToList":"Zur Liste der Orte springen","emptyFilter":"Kein Ort entspricht diesen Filtern.","showAll":"Alle Orte zeigen","frameShown":"Kartenausschnitt an die angezeigten Orte anpassen","outsideFilter":"{name} liegt außerhalb des aktuellen Filters und wird trotzdem angezeigt; der Filter bleibt unverändert.","nearDenied":"Sie haben dieser Seite den Zugriff auf Ihren Standort nicht erlaubt. Erlauben Sie ihn in den Browsereinstellungen oder suchen Sie einen Ort nach seinem Namen.","nearUnavailable":"Ihr Standort konnte nicht ermittelt werden. Versuchen Sie es im Freien noch einmal oder suchen Sie einen Ort nach seinem Namen.","nearTimeout":"Die Standortbestimmung hat zu lange gedauert. Versuchen Sie es noch einmal oder suchen Sie einen Ort nach seinem Namen.","youAreHere":"Sie sind hier","openInMaps":"In einer Karten-App öffnen","openStreetMap":"OpenStreetMap","allYears":"Alle Jahre","yearsHint":"Gewählte Jahre markieren die Zeiträume, in die sie fallen; gewählte Zeiträume stellen die Jahre ein, die sie umfassen.","zoomIn":"Vergrößern","zoomOut":"Verkleinern","loadingQuotes":"Zitate werden geladen…"},"et":{"locale":"et","languageName":"Eesti","title":"Nõukogude poliitiliste repressioonide paigad","description":"Interaktiivne {places} kaart: nõukogude poliitilised repressioonid{what} – hukkamis- ja matmispaigad, laagrid, veresaunad, küüditamised, näidisprotsessid ja mälestusmärgid; {claims}, igaüks koos allika tsitaadiga.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"{start}–tänapäev","category:execution_burial_site":"Hukkamis- ja matmispaik","category:camp_prison_exile":"Laager, vangla või pagendus","category:massacre_war_crime":"Veresaun või sõjakuritegu","category:deportation":"Küüditamine","category:show_trial_persecution":"Näidisprotsess või tagakiusamine","category:uprising_suppressed":"Mahasurutud ülestõus","category:famine":"Näljahäda","category:memorial":"Mälestusmärk ja mälestamine","period:revolution-civil-war":"Revolutsioon ja kodusõda","period:collectivization":"NEP ja kollektiviseerimine","period:great-purge":"Suur terror","period:world-war-ii":"Teine maailmasõda","period:late-stalinism":"Hilisstalinism","period:after-stalin":"Pärast Stalinit","period:remembrance":"Mälestamine","precision:site":"paik ise, umbes 1 km täpsusega","precision:settlement":"linn või küla tervikuna","precision:region":"teada on ainult piirkond","flag:citation_needed":"Allikas märgib, et sellel lõigul puudub viide.","flag:dubious":"Lõik näib vandaalitsetud, ebausutav või hinnanguline.","flag:unsourced":"Kõrvalmärkus, mille allikas esitab ilma ühegi viiteta.","flag:disputed":"Ajaloolased vaidlustavad selle arvu või omistamise.","flag:misdated":"Allika dateering erineb teistes käsitlustes esitatust.","flag:reference_only":"Allikas nimetab seda ainult viidete loetelus, mitte põhitekstis.","panel_label":"Otsing, filtrid ja legend","filters":"Filtrid","map_label":"Kaart","osm_credit":"kaardiruudud © OpenStreetMapi kaastöölised","tiles_credit":"kaardiruudud serverist {host}","description_places":{"one":"{n} paiga","other":"{n} paiga"},"description_claims":{"one":"{n} väide","other":"{n} väidet"},"label_in_sentence":"lower","location":"Asukoht","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Täna","remembrance":"Mälestamine","visiting":"Külastamine","notesHead":"Märkused paiga praeguse olukorra kohta, mitte tsitaadid · seis: {month}","noteSource":" (allikas: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, rida {line}","quoteLanguage":" (tsitaadi keel: {language})","permalink":"Link sellele paigale","closePopup":"Sulge","clusterLabel":{"one":"{n} paik: {names}","other":"{n} paika: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"one":"{n} paik","other":"Kõik {n} paika"},"countSome":{"one":"{n} paigast on näha {shown}","other":"{n} paigast on näha {shown}"},"searchLabel":"Otsi paiku","searchPlaceholder":"Kautla, Porkuni, Butovo…","noMatch":"Sobivaid paiku ei leitud.","nearMe":"Minu lähedal","nearMeTitle":"Näita teile kõige lähemal asuvaid paiku","noGeolocation":"See brauser ei suuda teie asukohta määrata.","km":"{km} km","years":"Aastad","from":"Alates","to":"Kuni","fromYear":"Algusaasta","toYear":"Lõpuaasta","period":"Periood","category":"Kategooria","all":"Kõik","none":"Mitte ükski","allPeriods":"Kõik perioodid","nonePeriods":"Mitte ükski periood","allCategories":"Kõik kategooriad","noneCategories":"Mitte ükski kategooria","keyTitle":"Kuidas kaarti lugeda","keySite":"Märk paiga enda juures (umbes 1 km täpsusega)","keySettlement":"Märk tähistab linna või küla tervikuna","keyRegion":"Teada on ainult piirkond","keyCluster":"Mitu lähestikku asuvat paika: suumimiseks klõpsake või vajutage Enter","keyFlag":"⚑ tähistab väidet, mille hoolikas ajaloolane kahtluse alla seaks; hüpikaken ütleb, miks.","keyNote":"Iga hüpikaken tsiteerib oma allikat sõna-sõnalt ja viitab vastavale reale. Piirid on tänapäevased.","pagesTitle":"Kaardid perioodi ja kategooria järgi","aboutTitle":"Allikad, autorid ja andmed","sourceNote":" — {origin}. {licence}.","baseMap":"Aluskaart: riikide piirjooned Natural Earthist (avalik omand).","baseMapTiles":"Aluskaart: riikide piirjooned Natural Earthist (avalik omand); võrguühenduse korral ka {credit}.","download":"Laadi andmed alla: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"Täisekraan","language":"Keel","listButton":"Paikade loend","listTitle":"Näidatud paigad","listClose":"Tagasi kaardile","listName":"Paik","listWhere":"Kus","listYears":"Aastad","listCategories":"Kategooriad","listFlags":"Kahtluse all","listFlagCount":{"one":"{n} väide kahtluse all","other":"{n} väidet kahtluse all"},"listOpen":"Näita kaardil: {name}","skipToList":"Liigu paikade loendi juurde","emptyFilter":"Ükski paik ei vasta nendele filtritele.","showAll":"Näita kõiki paiku","frameShown":"Sobita kaart näidatud paikadele","outsideFilter":"{name} jääb praegusest filtrist välja, kuid on siiski näidatud; filter jäi samaks.","nearDenied":"Te ei lubanud sellel lehel oma asukohta teada saada. Lubage see brauseri seadetes või otsige paika nime järgi.","nearUnavailable":"Teie asukohta ei õnnestunud leida. Proovige uuesti vabas õhus või otsige paika nime järgi.","nearTimeout":"Asukoha leidmine võttis liiga kaua aega. Proovige uuesti või otsige paika nime järgi.","youAreHere":"Te olete siin","openInMaps":"Ava kaardirakenduses","openStreetMap":"OpenStreetMap","allYears":"Kõik aastad","yearsHint":"Aastate valimine valib perioodid, millesse need jäävad; perioodide valimine seab aastad, mida need hõlmavad.","zoomIn":"Suurenda","zoomOut":"Vähenda","loadingQuotes":"Tsitaatide laadimine…"},"fi":{"locale":"fi","languageName":"Suomi","title":"Neuvostoliiton poliittisten vainojen paikat","description":"Interaktiivinen kartta Neuvostoliiton poliittisten vainojen paikoista{what}: {places} – teloitus- ja hautapaikat, leirit, joukkosurmat, pakkosiirrot, näytösoikeudenkäynnit ja muistomerkit; {claims}, kukin lainattu sanatarkasti lähteestään.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"{start}–nykyhetki","category:execution_burial_site":"Teloitus- ja hautapaikka","category:camp_prison_exile":"Leiri, vankila tai karkotus","category:massacre_war_crime":"Joukkosurma tai sotarikos","category:deportation":"Pakkosiirto","category:show_trial_persecution":"Näytösoikeudenkäynti tai vaino","category:uprising_suppressed":"Kukistettu kansannousu","category:famine":"Nälänhätä","category:memorial":"Muistomerkki ja muistaminen","period:revolution-civil-war":"Vallankumous ja sisällissota","period:collectivization":"NEP ja kollektivisointi","period:great-purge":"Suuri terrori","period:world-war-ii":"Toinen maailmansota","period:late-stalinism":"Myöhäisstalinismi","period:after-stalin":"Stalinin jälkeen","period:remembrance":"Muistaminen","precision:site":"itse paikka noin 1 km:n tarkkuudella","precision:settlement":"kaupunki tai kylä kokonaisuutena","precision:region":"vain alue on tiedossa","flag:citation_needed":"Lähde merkitsee, että tästä kohdasta puuttuu lähdeviite.","flag:dubious":"Kohta vaikuttaa vandalisoidulta, epäuskottavalta tai kantaa ottavalta.","flag:unsourced":"Sivuhuomautus, jonka lähde esittää ilman mitään viitettä.","flag:disputed":"Historioitsijat ovat eri mieltä luvusta tai siitä, kenen teoksi asia luetaan.","flag:misdated":"Lähteen ajoitus poikkeaa muiden kuvausten ajoituksesta.","flag:reference_only":"Lähde mainitsee tämän vain lähdeluettelossaan, ei varsinaisessa tekstissä.","panel_label":"Haku, suodattimet ja selite","filters":"Suodattimet","map_label":"Kartta","osm_credit":"karttalaatat © OpenStreetMapin tekijät","tiles_credit":"karttalaatat palvelusta {host}","description_places":{"one":"{n} paikka","other":"{n} paikkaa"},"description_claims":{"one":"{n} väite","other":"{n} väitettä"},"label_in_sentence":"lower","location":"Sijainti","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Nykyään","remembrance":"Muistaminen","visiting":"Vierailu","notesHead":"Huomautuksia paikan nykytilasta, eivät lainauksia · tilanne: {month}","noteSource":" (lähde: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, rivi {line}","quoteLanguage":" (lainauksen kieli: {language})","permalink":"Linkki tähän paikkaan","closePopup":"Sulje","clusterLabel":{"one":"{n} paikka: {names}","other":"{n} paikkaa: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"one":"{n} paikka","other":"Kaikki {n} paikkaa"},"countSome":{"one":"{n} paikasta näkyvissä {shown}","other":"{n} paikasta näkyvissä {shown}"},"searchLabel":"Hae paikkoja","searchPlaceholder":"Seitajärvi, Butovo, Katyn…","noMatch":"Yksikään paikka ei vastaa hakua.","nearMe":"Lähelläni","nearMeTitle":"Näytä sijaintiasi lähimmät paikat","noGeolocation":"Tämä selain ei pysty selvittämään sijaintiasi.","km":"{km} km","years":"Vuodet","from":"Alkaen","to":"Asti","fromYear":"Alkuvuosi","toYear":"Loppuvuosi","period":"Ajanjakso","category":"Luokka","all":"Kaikki","none":"Ei yhtään","allPeriods":"Kaikki ajanjaksot","nonePeriods":"Ei yhtään ajanjaksoa","allCategories":"Kaikki luokat","noneCategories":"Ei yhtään luokkaa","keyTitle":"Kartan lukuohje","keySite":"Merkki itse paikalla (noin 1 km:n tarkkuudella)","keySettlement":"Merkki osoittaa koko kaupungin tai kylän","keyRegion":"Vain alue on tiedossa","keyCluster":"Useita lähekkäisiä paikkoja: lähennä napsauttamalla tai painamalla Enteriä","keyFlag":"⚑ merkitsee väitettä, jonka huolellinen historioitsija kyseenalaistaisi; ponnahdusikkuna kertoo syyn.","keyNote":"Jokainen ponnahdusikkuna lainaa lähdettään sanatarkasti ja linkittää kyseiseen riviin. Rajat ovat nykyiset.","pagesTitle":"Kartat ajanjaksoittain ja luokittain","aboutTitle":"Lähteet, tekijät ja aineisto","sourceNote":" — {origin}. {licence}.","baseMap":"Taustakartta: valtioiden ääriviivat, Natural Earth (public domain).","baseMapTiles":"Taustakartta: valtioiden ääriviivat, Natural Earth (public domain); verkossa myös {credit}.","download":"Lataa aineisto: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"Koko näyttö","language":"Kieli","listButton":"Paikkaluettelo","listTitle":"Näytetyt paikat","listClose":"Takaisin karttaan","listName":"Paikka","listWhere":"Sijainti","listYears":"Vuodet","listCategories":"Luokat","listFlags":"Kyseenalaistetut","listFlagCount":{"one":"{n} väite kyseenalaistettu","other":"{n} väitettä kyseenalaistettu"},"listOpen":"Näytä kartalla: {name}","skipToList":"Siirry paikkaluetteloon","emptyFilter":"Yksikään paikka ei vastaa näitä suodattimia.","showAll":"Näytä kaikki paikat","frameShown":"Sovita kartta näytettyihin paikkoihin","outsideFilter":"{name} on nykyisen suodattimen ulkopuolella, mutta näytetään silti; suodatin ei muuttunut.","nearDenied":"Et antanut tälle sivulle lupaa selvittää sijaintiasi. Salli se selaimen asetuksista tai hae paikkaa nimellä.","nearUnavailable":"Sijaintiasi ei löytynyt. Yritä uudelleen ulkona tai hae paikkaa nimellä.","nearTimeout":"Sijainnin selvittäminen kesti liian kauan. Yritä uudelleen tai hae paikkaa nimellä.","youAreHere":"Olet tässä","openInMaps":"Avaa karttasovelluksessa","openStreetMap":"OpenStreetMap","allYears":"Kaikki vuodet","yearsHint":"Vuosien valinta valitsee ajanjaksot, joihin ne osuvat; ajanjaksojen valinta asettaa vuodet, jotka ne kattavat.","zoomIn":"Lähennä","zoomOut":"Loitonna","loadingQuotes":"Ladataan lainauksia…"},"lt":{"locale":"lt","languageName":"Lietuvių","title":"Sovietinių politinių represijų vietos","description":"Interaktyvus {places} žemėlapis: sovietinės politinės represijos{what} – egzekucijų ir palaidojimo vietos, lageriai, žudynės, trėmimai, parodomieji procesai ir memorialai; {claims}, kiekvienas su šaltinio citata.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"{start}–dabar","category:execution_burial_site":"Egzekucijų ir palaidojimo vieta","category:camp_prison_exile":"Lageris, kalėjimas ar tremtis","category:massacre_war_crime":"Žudynės ar karo nusikaltimas","category:deportation":"Trėmimas","category:show_trial_persecution":"Parodomasis procesas ar persekiojimas","category:uprising_suppressed":"Numalšintas sukilimas","category:famine":"Badas","category:memorial":"Memorialas ir atminimas","period:revolution-civil-war":"Revoliucija ir pilietinis karas","period:collectivization":"NEP ir kolektyvizacija","period:great-purge":"Didysis teroras","period:world-war-ii":"Antrasis pasaulinis karas","period:late-stalinism":"Vėlyvasis stalinizmas","period:after-stalin":"Po Stalino","period:remembrance":"Atmintis","precision:site":"pati vieta, maždaug 1 km tikslumu","precision:settlement":"visas miestas ar kaimas","precision:region":"žinomas tik regionas","flag:citation_needed":"Šaltinis pažymi, kad šiai ištraukai trūksta nuorodos.","flag:dubious":"Ištrauka atrodo vandalų sugadinta, neįtikima arba vertinamoji.","flag:unsourced":"Šalutinė pastaba, kurią šaltinis pateikia be jokios nuorodos.","flag:disputed":"Istorikai ginčija šį skaičių arba priskyrimą.","flag:misdated":"Šaltinio nurodyta data skiriasi nuo kituose aprašymuose pateikiamos.","flag:reference_only":"Šaltinis tai mini tik literatūros sąraše, o ne pagrindiniame tekste.","panel_label":"Paieška, filtrai ir legenda","filters":"Filtrai","map_label":"Žemėlapis","osm_credit":"žemėlapio plytelės © OpenStreetMap bendraautoriai","tiles_credit":"žemėlapio plytelės iš {host}","description_places":{"one":"{n} vietos","few":"{n} vietų","many":"{n} vietos","other":"{n} vietų"},"description_claims":{"one":"{n} teiginys","few":"{n} teiginiai","many":"{n} teiginio","other":"{n} teiginių"},"label_in_sentence":"lower","location":"Padėtis","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Šiandien","remembrance":"Atminimas","visiting":"Lankymas","notesHead":"Pastabos apie vietą šiandien, ne citatos · būklė: {month}","noteSource":" (šaltinis: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, eilutė {line}","quoteLanguage":" (citatos kalba: {language})","permalink":"Nuoroda į šią vietą","closePopup":"Uždaryti","clusterLabel":{"one":"{n} vieta: {names}","few":"{n} vietos: {names}","many":"{n} vietos: {names}","other":"{n} vietų: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"one":"{n} vieta","few":"Visos vietos: {n}","many":"Visos vietos: {n}","other":"Visos vietos: {n}"},"countSome":{"one":"{shown} iš {n} vietos","few":"{shown} iš {n} vietų","many":"{shown} iš {n} vietos","other":"{shown} iš {n} vietų"},"searchLabel":"Ieškoti vietų","searchPlaceholder":"Vilnius, Butovo, Курапаты…","noMatch":"Atitinkančių vietų nėra.","nearMe":"Netoliese","nearMeTitle":"Išvardyti arčiausiai jūsų esančias vietas","noGeolocation":"Ši naršyklė negali nustatyti, kur esate.","km":"{km} km","years":"Metai","from":"Nuo","to":"Iki","fromYear":"Nuo metų","toYear":"Iki metų","period":"Laikotarpis","category":"Kategorija","all":"Visi","none":"Jokių","allPeriods":"Visi laikotarpiai","nonePeriods":"Jokių laikotarpių","allCategories":"Visos kategorijos","noneCategories":"Jokių kategorijų","keyTitle":"Kaip skaityti žemėlapį","keySite":"Žymeklis pačioje vietoje (maždaug 1 km tikslumu)","keySettlement":"Žymeklis nurodo visą miestą ar kaimą","keyRegion":"Žinomas tik regionas","keyCluster":"Kelios arti viena kitos esančios vietos: spustelėkite arba paspauskite Enter, kad priartintumėte","keyFlag":"⚑ žymi teiginį, kurį atidus istorikas kvestionuotų; iškylančiajame lange paaiškinta kodėl.","keyNote":"Kiekviename iškylančiajame lange pažodžiui cituojamas šaltinis ir pateikiama nuoroda į eilutę. Sienos – dabartinės.","pagesTitle":"Žemėlapiai pagal laikotarpį ir kategoriją","aboutTitle":"Šaltiniai, autorystė ir duomenys","sourceNote":" — {origin}. {licence}.","baseMap":"Pagrindo žemėlapis: valstybių kontūrai iš Natural Earth (viešoji sritis).","baseMapTiles":"Pagrindo žemėlapis: valstybių kontūrai iš Natural Earth (viešoji sritis); prisijungus prie interneto – ir {credit}.","download":"Atsisiųsti duomenis: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"Visas ekranas","language":"Kalba","listButton":"Vietų sąrašas","listTitle":"Rodomos vietos","listClose":"Grįžti į žemėlapį","listName":"Vieta","listWhere":"Kur","listYears":"Metai","listCategories":"Kategorijos","listFlags":"Kvestionuojama","listFlagCount":{"one":"{n} teiginys kvestionuojamas","few":"{n} teiginiai kvestionuojami","many":"{n} teiginio kvestionuojama","other":"{n} teiginių kvestionuojama"},"listOpen":"Rodyti žemėlapyje: {name}","skipToList":"Pereiti prie vietų sąrašo","emptyFilter":"Šiuos filtrus atitinkančių vietų nėra.","showAll":"Rodyti visas vietas","frameShown":"Pritaikyti žemėlapį rodomoms vietoms","outsideFilter":"Vieta {name} nepatenka į dabartinį filtrą, bet vis tiek rodoma; filtras nepakeistas.","nearDenied":"Neleidote šiam puslapiui sužinoti jūsų buvimo vietos. Leiskite tai naršyklės nustatymuose arba ieškokite vietos pagal pavadinimą.","nearUnavailable":"Nepavyko nustatyti jūsų buvimo vietos. Bandykite dar kartą lauke arba ieškokite vietos pagal pavadinimą.","nearTimeout":"Buvimo vietos nustatymas užtruko per ilgai. Bandykite dar kartą arba ieškokite vietos pagal pavadinimą.","youAreHere":"Jūs esate čia","openInMaps":"Atidaryti žemėlapių programėlėje","openStreetMap":"OpenStreetMap","allYears":"Visi metai","yearsHint":"Pasirinkus metus pažymimi laikotarpiai, į kuriuos jie patenka; pasirinkus laikotarpius nustatomi jų apimami metai.","zoomIn":"Priartinti","zoomOut":"Nutolinti","loadingQuotes":"Įkeliamos citatos…"},"lv":{"locale":"lv","languageName":"Latviešu","title":"Padomju politisko represiju vietas","description":"Interaktīva {places} karte: padomju politiskās represijas{what} – nāvessodu izpildes un apbedījumu vietas, nometnes, slaktiņi, deportācijas, paraugprāvas un memoriāli; {claims}, katrs ar citātu no avota.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"{start}–mūsdienas","category:execution_burial_site":"Nāvessodu izpildes un apbedījumu vieta","category:camp_prison_exile":"Nometne, cietums vai izsūtījums","category:massacre_war_crime":"Slaktiņš vai kara noziegums","category:deportation":"Deportācija","category:show_trial_persecution":"Paraugprāva vai vajāšana","category:uprising_suppressed":"Apspiesta sacelšanās","category:famine":"Bads","category:memorial":"Memoriāls un piemiņa","period:revolution-civil-war":"Revolūcija un pilsoņu karš","period:collectivization":"NEP un kolektivizācija","period:great-purge":"Lielais terors","period:world-war-ii":"Otrais pasaules karš","period:late-stalinism":"Vēlīnais staļinisms","period:after-stalin":"Pēc Staļina","period:remembrance":"Piemiņa","precision:site":"pati vieta, apmēram 1 km robežās","precision:settlement":"pilsēta vai ciems kopumā","precision:region":"zināms tikai reģions","flag:citation_needed":"Avots atzīmē, ka šim fragmentam trūkst atsauces.","flag:dubious":"Fragments šķiet vandalizēts, neticams vai vērtējošs.","flag:unsourced":"Piezīme, ko avots sniedz bez jebkādas atsauces.","flag:disputed":"Vēsturnieki apstrīd šo skaitli vai atribūciju.","flag:misdated":"Avota datējums atšķiras no citos aprakstos minētā.","flag:reference_only":"Avots to min tikai atsauču sarakstā, nevis pamattekstā.","panel_label":"Meklēšana, filtri un leģenda","filters":"Filtri","map_label":"Karte","osm_credit":"kartes flīzes © OpenStreetMap līdzautori","tiles_credit":"kartes flīzes no {host}","description_places":{"zero":"{n} vietu","one":"{n} vietas","other":"{n} vietu"},"description_claims":{"zero":"{n} apgalvojumi","one":"{n} apgalvojums","other":"{n} apgalvojumi"},"label_in_sentence":"lower","location":"Atrašanās vieta","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Šodien","remembrance":"Piemiņa","visiting":"Apmeklējums","notesHead":"Piezīmes par vietu mūsdienās, nevis citāti · stāvoklis: {month}","noteSource":" (avots: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, {line}. rinda","quoteLanguage":" (citāta valoda: {language})","permalink":"Saite uz šo vietu","closePopup":"Aizvērt","clusterLabel":{"zero":"{n} vietas: {names}","one":"{n} vieta: {names}","other":"{n} vietas: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"zero":"Visas {n} vietas","one":"{n} vieta","other":"Visas {n} vietas"},"countSome":{"zero":"{shown} no {n} vietām","one":"{shown} no {n} vietas","other":"{shown} no {n} vietām"},"searchLabel":"Meklēt vietas","searchPlaceholder":"Latvija, Butovo, Курапаты…","noMatch":"Neviena vieta neatbilst.","nearMe":"Tuvumā","nearMeTitle":"Parādīt jums tuvākās vietas","noGeolocation":"Šī pārlūkprogramma nevar noteikt jūsu atrašanās vietu.","km":"{km} km","years":"Gadi","from":"No","to":"Līdz","fromYear":"No gada","toYear":"Līdz gadam","period":"Periods","category":"Kategorija","all":"Visi","none":"Neviens","allPeriods":"Visi periodi","nonePeriods":"Neviens periods","allCategories":"Visas kategorijas","noneCategories":"Neviena kategorija","keyTitle":"Kā lasīt karti","keySite":"Atzīme pašā vietā (apmēram 1 km robežās)","keySettlement":"Atzīme norāda pilsētu vai ciemu kopumā","keyRegion":"Zināms tikai reģions","keyCluster":"Vairākas tuvu esošas vietas: noklikšķiniet vai nospiediet Enter, lai pietuvinātu","keyFlag":"⚑ atzīmē apgalvojumu, ko rūpīgs vēsturnieks apšaubītu; uznirstošajā logā paskaidrots, kāpēc.","keyNote":"Katrs uznirstošais logs burtiski citē savu avotu un sniedz saiti uz attiecīgo rindu. Robežas ir mūsdienu.","pagesTitle":"Kartes pēc perioda un kategorijas","aboutTitle":"Avoti, autorība un dati","sourceNote":" — {origin}. {licence}.","baseMap":"Pamatkarte: valstu kontūras no Natural Earth (publiskais domēns).","baseMapTiles":"Pamatkarte: valstu kontūras no Natural Earth (publiskais domēns); tiešsaistē arī {credit}.","download":"Lejupielādēt datus: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"Pilnekrāna režīms","language":"Valoda","listButton":"Vietu saraksts","listTitle":"Parādītās vietas","listClose":"Atpakaļ uz karti","listName":"Vieta","listWhere":"Kur","listYears":"Gadi","listCategories":"Kategorijas","listFlags":"Apšaubīti","listFlagCount":{"zero":"{n} apšaubīti apgalvojumi","one":"{n} apšaubīts apgalvojums","other":"{n} apšaubīti apgalvojumi"},"listOpen":"Rādīt kartē: {name}","skipToList":"Pāriet uz vietu sarakstu","emptyFilter":"Neviena vieta neatbilst šiem filtriem.","showAll":"Rādīt visas vietas","frameShown":"Pielāgot karti parādītajām vietām","outsideFilter":"Vieta {name} ir ārpus pašreizējā filtra, bet tik un tā tiek parādīta; filtrs nav mainīts.","nearDenied":"Jūs neatļāvāt šai lapai uzzināt jūsu atrašanās vietu. Atļaujiet to pārlūkprogrammas iestatījumos vai meklējiet vietu pēc nosaukuma.","nearUnavailable":"Jūsu atrašanās vietu neizdevās noteikt. Mēģiniet vēlreiz ārā vai meklējiet vietu pēc nosaukuma.","nearTimeout":"Atrašanās vietas noteikšana ilga pārāk ilgi. Mēģiniet vēlreiz vai meklējiet vietu pēc nosaukuma.","youAreHere":"Jūs esat šeit","openInMaps":"Atvērt karšu lietotnē","openStreetMap":"OpenStreetMap","allYears":"Visi gadi","yearsHint":"Izvēloties gadus, tiek atlasīti periodi, kuros tie ietilpst; izvēloties periodus, tiek iestatīti to aptvertie gadi.","zoomIn":"Pietuvināt","zoomOut":"Attālināt","loadingQuotes":"Ielādē citātus…"},"pl":{"locale":"pl","languageName":"Polski","title":"Miejsca sowieckich represji politycznych","description":"Interaktywna mapa {places} sowieckich represji politycznych{what}: miejsca egzekucji i pochówku, obozy, masakry, deportacje, procesy pokazowe i miejsca pamięci, z {claims}, każda z cytatem ze źródła.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"{start}–dziś","category:execution_burial_site":"Miejsce egzekucji i pochówku","category:camp_prison_exile":"Obóz, więzienie lub zesłanie","category:massacre_war_crime":"Masakra lub zbrodnia wojenna","category:deportation":"Deportacja","category:show_trial_persecution":"Proces pokazowy lub prześladowania","category:uprising_suppressed":"Stłumione powstanie","category:famine":"Klęska głodu","category:memorial":"Miejsce pamięci i upamiętnienie","period:revolution-civil-war":"Rewolucja i wojna domowa","period:collectivization":"NEP i kolektywizacja","period:great-purge":"Wielki Terror","period:world-war-ii":"II wojna światowa","period:late-stalinism":"Późny stalinizm","period:after-stalin":"Po Stalinie","period:remembrance":"Pamięć","precision:site":"samo miejsce, z dokładnością do ok. 1 km","precision:settlement":"miasto lub wieś jako całość","precision:region":"znany jest tylko region","flag:citation_needed":"Źródło oznacza ten fragment jako wymagający przypisu.","flag:dubious":"Fragment wygląda na efekt wandalizmu, jest nieprawdopodobny lub wartościujący.","flag:unsourced":"Wtrącenie, które źródło podaje bez żadnego przypisu.","flag:disputed":"Historycy spierają się o tę liczbę lub atrybucję.","flag:misdated":"Data podana w źródle różni się od tej, którą podają inne relacje.","flag:reference_only":"Źródło wymienia to tylko w bibliografii, a nie w samym tekście.","panel_label":"Wyszukiwanie, filtry i legenda","filters":"Filtry","map_label":"Mapa","osm_credit":"kafelki mapy © autorzy OpenStreetMap","tiles_credit":"kafelki mapy z {host}","description_places":{"one":"{n} miejsca","few":"{n} miejsc","many":"{n} miejsc","other":"{n} miejsca"},"description_claims":{"one":"{n} informacją","few":"{n} informacjami","many":"{n} informacjami","other":"{n} informacji"},"label_in_sentence":"lower","location":"Położenie","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Dziś","remembrance":"Upamiętnienie","visiting":"Zwiedzanie","notesHead":"Uwagi o obecnym stanie miejsca, nie cytaty · stan na: {month}","noteSource":" (źródło: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, wiersz {line}","quoteLanguage":" (język cytatu: {language})","permalink":"Link do tego miejsca","closePopup":"Zamknij","clusterLabel":{"one":"{n} miejsce: {names}","few":"{n} miejsca: {names}","many":"{n} miejsc: {names}","other":"{n} miejsca: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"one":"{n} miejsce","few":"Wszystkie {n} miejsca","many":"Wszystkie {n} miejsc","other":"Wszystkie miejsca: {n}"},"countSome":{"one":"{shown} z {n} miejsca","few":"{shown} z {n} miejsc","many":"{shown} z {n} miejsc","other":"{shown} z {n} miejsca"},"searchLabel":"Szukaj miejsc","searchPlaceholder":"Katyń, Kuropaty, Augustów…","noMatch":"Brak pasujących miejsc.","nearMe":"W pobliżu","nearMeTitle":"Pokaż miejsca najbliżej Twojej lokalizacji","noGeolocation":"Ta przeglądarka nie potrafi ustalić Twojej lokalizacji.","km":"{km} km","years":"Lata","from":"Od","to":"Do","fromYear":"Od roku","toYear":"Do roku","period":"Okres","category":"Kategoria","all":"Wszystkie","none":"Żadne","allPeriods":"Wszystkie okresy","nonePeriods":"Żadne okresy","allCategories":"Wszystkie kategorie","noneCategories":"Żadne kategorie","keyTitle":"Jak czytać mapę","keySite":"Pinezka w samym miejscu (z dokładnością do ok. 1 km)","keySettlement":"Pinezka wskazuje miasto lub wieś jako całość","keyRegion":"Znany jest tylko region","keyCluster":"Kilka miejsc blisko siebie: kliknij lub naciśnij Enter, aby przybliżyć","keyFlag":"⚑ oznacza informację, którą ostrożny historyk by zakwestionował; okienko podaje powód.","keyNote":"Każde okienko cytuje dosłownie swoje źródło i odsyła do właściwego wiersza. Granice są współczesne.","pagesTitle":"Mapy według okresu i kategorii","aboutTitle":"Źródła, autorzy i dane","sourceNote":" — {origin}. {licence}.","baseMap":"Mapa bazowa: kontury państw z Natural Earth (domena publiczna).","baseMapTiles":"Mapa bazowa: kontury państw z Natural Earth (domena publiczna); w trybie online także {credit}.","download":"Pobierz dane: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"Pełny ekran","language":"Język","listButton":"Lista miejsc","listTitle":"Widoczne miejsca","listClose":"Powrót do mapy","listName":"Miejsce","listWhere":"Gdzie","listYears":"Lata","listCategories":"Kategorie","listFlags":"Zakwestionowane","listFlagCount":{"one":"{n} informacja zakwestionowana","few":"{n} informacje zakwestionowane","many":"{n} informacji zakwestionowanych","other":"{n} informacji zakwestionowanej"},"listOpen":"Pokaż na mapie: {name}","skipToList":"Przejdź do listy miejsc","emptyFilter":"Żadne miejsce nie pasuje do tych filtrów.","showAll":"Pokaż wszystkie miejsca","frameShown":"Dopasuj mapę do widocznych miejsc","outsideFilter":"Miejsce {name} leży poza bieżącym filtrem, ale i tak jest pokazane; filtr pozostał bez zmian.","nearDenied":"Ta strona nie ma zgody na dostęp do Twojej lokalizacji. Zezwól na to w ustawieniach przeglądarki lub wyszukaj miejsce po nazwie.","nearUnavailable":"Nie udało się ustalić Twojej lokalizacji. Spróbuj ponownie na otwartej przestrzeni lub wyszukaj miejsce po nazwie.","nearTimeout":"Ustalanie Twojej lokalizacji trwało zbyt długo. Spróbuj ponownie lub wyszukaj miejsce po nazwie.","youAreHere":"Tu jesteś","openInMaps":"Otwórz w aplikacji z mapami","openStreetMap":"OpenStreetMap","allYears":"Wszystkie lata","yearsHint":"Wybór lat zaznacza okresy, na które one przypadają; wybór okresów ustawia lata, które te okresy obejmują.","zoomIn":"Przybliż","zoomOut":"Oddal","loadingQuotes":"Wczytywanie cytatów…"},"ru":{"locale":"ru","languageName":"Русский","title":"Места советских политических репрессий","description":"Интерактивная карта мест советских политических репрессий{what}: места расстрелов и захоронений, лагеря, массовые убийства, депортации, показательные процессы и мемориалы — {places} и {claims}, каждое с цитатой из источника.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"с {start}","category:execution_burial_site":"Место расстрелов и захоронений","category:camp_prison_exile":"Лагерь, тюрьма или ссылка","category:massacre_war_crime":"Массовое убийство или военное преступление","category:deportation":"Депортация","category:show_trial_persecution":"Показательный процесс или преследование","category:uprising_suppressed":"Подавленное восстание","category:famine":"Голод","category:memorial":"Мемориал и увековечение памяти","period:revolution-civil-war":"Революция и Гражданская война","period:collectivization":"НЭП и коллективизация","period:great-purge":"Большой террор","period:world-war-ii":"Вторая мировая война","period:late-stalinism":"Поздний сталинизм","period:after-stalin":"После Сталина","period:remembrance":"Память","precision:site":"само место, с точностью около 1 км","precision:settlement":"населённый пункт в целом","precision:region":"известен только регион","flag:citation_needed":"В источнике этот фрагмент помечен как не подкреплённый ссылкой.","flag:dubious":"Фрагмент похож на вандализм, неправдоподобен или содержит оценочные суждения.","flag:unsourced":"Попутное замечание, которое источник приводит без какой-либо ссылки.","flag:disputed":"Историки оспаривают эту цифру или атрибуцию.","flag:misdated":"Дата в источнике расходится с той, что приводят другие источники.","flag:reference_only":"Источник называет это только в списке литературы, а не в основном тексте.","panel_label":"Поиск, фильтры и легенда","filters":"Фильтры","map_label":"Карта","osm_credit":"тайлы карты © участники OpenStreetMap","tiles_credit":"тайлы карты с {host}","description_places":{"one":"{n} место","few":"{n} места","many":"{n} мест","other":"{n} места"},"description_claims":{"one":"{n} утверждение","few":"{n} утверждения","many":"{n} утверждений","other":"{n} утверждения"},"label_in_sentence":"lower","location":"Местоположение","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Сегодня","remembrance":"Память","visiting":"Посещение","notesHead":"Заметки о месте сегодня, не цитаты · по состоянию на {month}","noteSource":" (источник: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, строка {line}","quoteLanguage":" (язык цитаты: {language})","permalink":"Ссылка на это место","closePopup":"Закрыть","clusterLabel":{"one":"{n} место: {names}","few":"{n} места: {names}","many":"{n} мест: {names}","other":"{n} места: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"one":"Всего мест: {n}","few":"Всего мест: {n}","many":"Всего мест: {n}","other":"Всего мест: {n}"},"countSome":{"one":"{shown} из {n} места","few":"{shown} из {n} мест","many":"{shown} из {n} мест","other":"{shown} из {n} места"},"searchLabel":"Поиск мест","searchPlaceholder":"Бутово, Курапаты, Katyń…","noMatch":"Ничего не найдено.","nearMe":"Рядом со мной","nearMeTitle":"Показать места, ближайшие к вам","noGeolocation":"Этот браузер не может определить ваше местоположение.","km":"{km} км","years":"Годы","from":"От","to":"До","fromYear":"Начальный год","toYear":"Конечный год","period":"Период","category":"Категория","all":"Все","none":"Снять все","allPeriods":"Все периоды","nonePeriods":"Снять все периоды","allCategories":"Все категории","noneCategories":"Снять все категории","keyTitle":"Как читать карту","keySite":"Метка на самом месте (с точностью около 1 км)","keySettlement":"Метка на населённом пункте в целом","keyRegion":"Известен только регион","keyCluster":"Несколько мест рядом: щёлкните или нажмите Enter, чтобы приблизить","keyFlag":"⚑ отмечает утверждение, в котором внимательный историк усомнился бы; во всплывающем окне сказано почему.","keyNote":"Каждое всплывающее окно дословно цитирует источник и ссылается на нужную строку. Границы — современные.","pagesTitle":"Карты по периодам и категориям","aboutTitle":"Источники, атрибуция и данные","sourceNote":" — {origin}. {licence}.","baseMap":"Основа карты: контуры стран из Natural Earth (общественное достояние).","baseMapTiles":"Основа карты: контуры стран из Natural Earth (общественное достояние); при подключении к интернету — {credit}.","download":"Скачать данные: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"Во весь экран","language":"Язык","listButton":"Список мест","listTitle":"Показанные места","listClose":"Вернуться к карте","listName":"Место","listWhere":"Где","listYears":"Годы","listCategories":"Категории","listFlags":"Под сомнением","listFlagCount":{"one":"{n} утверждение под сомнением","few":"{n} утверждения под сомнением","many":"{n} утверждений под сомнением","other":"{n} утверждения под сомнением"},"listOpen":"Показать на карте: {name}","skipToList":"Перейти к списку мест","emptyFilter":"Ни одно место не соответствует этим фильтрам.","showAll":"Показать все места","frameShown":"Подогнать карту под показанные места","outsideFilter":"Место «{name}» не входит в текущий фильтр, но всё равно показано; фильтр не изменён.","nearDenied":"Вы не разрешили этой странице узнать ваше местоположение. Разрешите это в настройках браузера или найдите место по названию.","nearUnavailable":"Не удалось определить ваше местоположение. Попробуйте ещё раз под открытым небом или найдите место по названию.","nearTimeout":"Определение местоположения заняло слишком много времени. Попробуйте ещё раз или найдите место по названию.","youAreHere":"Вы здесь","openInMaps":"Открыть в приложении карт","openStreetMap":"OpenStreetMap","allYears":"Все годы","yearsHint":"Выбор лет отмечает периоды, на которые они приходятся; выбор периодов задаёт годы, которые они охватывают.","zoomIn":"Приблизить","zoomOut":"Отдалить","loadingQuotes":"Загрузка цитат…"},"uk":{"locale":"uk","languageName":"Українська","title":"Місця радянських політичних репресій","description":"Інтерактивна мапа місць радянських політичних репресій{what}: місця розстрілів і поховань, табори, масові вбивства, депортації, показові процеси та меморіали — {places} і {claims}, кожне з цитатою з джерела.","page_title":"{what} — {title}","years_span":"{start}–{end}","years_open":"з {start}","category:execution_burial_site":"Місце розстрілів і поховань","category:camp_prison_exile":"Табір, в’язниця або заслання","category:massacre_war_crime":"Масове вбивство або воєнний злочин","category:deportation":"Депортація","category:show_trial_persecution":"Показовий процес або переслідування","category:uprising_suppressed":"Придушене повстання","category:famine":"Голод","category:memorial":"Меморіал і вшанування пам’яті","period:revolution-civil-war":"Революція і Громадянська війна","period:collectivization":"НЕП і колективізація","period:great-purge":"Великий терор","period:world-war-ii":"Друга світова війна","period:late-stalinism":"Пізній сталінізм","period:after-stalin":"Після Сталіна","period:remembrance":"Пам’ять","precision:site":"саме місце, з точністю близько 1 км","precision:settlement":"населений пункт загалом","precision:region":"відомий лише регіон","flag:citation_needed":"У джерелі цей фрагмент позначено як не підкріплений посиланням.","flag:dubious":"Фрагмент схожий на вандалізм, неправдоподібний або містить оцінні судження.","flag:unsourced":"Побіжне зауваження, яке джерело наводить без жодного посилання.","flag:disputed":"Історики сперечаються щодо цієї цифри або атрибуції.","flag:misdated":"Дата в джерелі відрізняється від тієї, яку наводять інші джерела.","flag:reference_only":"Джерело згадує це лише у списку літератури, а не в основному тексті.","panel_label":"Пошук, фільтри та легенда","filters":"Фільтри","map_label":"Мапа","osm_credit":"тайли мапи © учасники OpenStreetMap","tiles_credit":"тайли мапи з {host}","description_places":{"one":"{n} місце","few":"{n} місця","many":"{n} місць","other":"{n} місця"},"description_claims":{"one":"{n} твердження","few":"{n} твердження","many":"{n} тверджень","other":"{n} твердження"},"label_in_sentence":"lower","location":"Розташування","locationValue":"{precision} ({lat}, {lon}, {country})","today":"Сьогодні","remembrance":"Пам’ять","visiting":"Відвідування","notesHead":"Нотатки про місце сьогодні, не цитати · станом на {month}","noteSource":" (джерело: ","noteSourceEnd":")","claimHead":"{years} · {category}","yearRange":"{from}–{to}","flag":"⚑ {flag}","flagReason":"⚑ {flag} {reason}","citeDash":"— ","citeLine":"{title}, рядок {line}","quoteLanguage":" (мова цитати: {language})","permalink":"Посилання на це місце","closePopup":"Закрити","clusterLabel":{"one":"{n} місце: {names}","few":"{n} місця: {names}","many":"{n} місць: {names}","other":"{n} місця: {names}"},"listSeparator":", ","listMore":"{list}, …","countAll":{"one":"Усього місць: {n}","few":"Усього місць: {n}","many":"Усього місць: {n}","other":"Усього місць: {n}"},"countSome":{"one":"{shown} з {n} місця","few":"{shown} з {n} місць","many":"{shown} з {n} місць","other":"{shown} з {n} місця"},"searchLabel":"Пошук місць","searchPlaceholder":"Биківня, Сандармох, Katyń…","noMatch":"Нічого не знайдено.","nearMe":"Поруч зі мною","nearMeTitle":"Показати місця, найближчі до вас","noGeolocation":"Цей браузер не може визначити ваше місцезнаходження.","km":"{km} км","years":"Роки","from":"Від","to":"До","fromYear":"Початковий рік","toYear":"Кінцевий рік","period":"Період","category":"Категорія","all":"Усі","none":"Зняти всі","allPeriods":"Усі періоди","nonePeriods":"Зняти всі періоди","allCategories":"Усі категорії","noneCategories":"Зняти всі категорії","keyTitle":"Як читати мапу","keySite":"Позначка на самому місці (з точністю близько 1 км)","keySettlement":"Позначка на населеному пункті загалом","keyRegion":"Відомий лише регіон","keyCluster":"Кілька місць поруч: клацніть або натисніть Enter, щоб наблизити","keyFlag":"⚑ позначає твердження, яке уважний історик поставив би під сумнів; у спливному вікні пояснено чому.","keyNote":"Кожне спливне вікно дослівно цитує джерело й посилається на відповідний рядок. Кордони — сучасні.","pagesTitle":"Мапи за періодами та категоріями","aboutTitle":"Джерела, атрибуція та дані","sourceNote":" — {origin}. {licence}.","baseMap":"Основа мапи: контури країн із Natural Earth (суспільне надбання).","baseMapTiles":"Основа мапи: контури країн із Natural Earth (суспільне надбання); за підключення до інтернету — {credit}.","download":"Завантажити дані: ","geojson":"GeoJSON","csv":"CSV","linkSeparator":" · ","fullScreen":"На весь екран","language":"Мова","listButton":"Список місць","listTitle":"Показані місця","listClose":"Назад до мапи","listName":"Місце","listWhere":"Де","listYears":"Роки","listCategories":"Категорії","listFlags":"Під сумнівом","listFlagCount":{"one":"{n} твердження під сумнівом","few":"{n} твердження під сумнівом","many":"{n} тверджень під сумнівом","other":"{n} твердження під сумнівом"},"listOpen":"Показати на мапі: {name}","skipToList":"Перейти до списку місць","emptyFilter":"Жодне місце не відповідає цим фільтрам.","showAll":"Показати всі місця","frameShown":"Вмістити показані місця в межі мапи","outsideFilter":"Місце «{name}» не входить до поточного фільтра, але його все одно показано; фільтр не змінено.","nearDenied":"Ви не дозволили цій сторінці дізнатися ваше місцезнаходження. Дозвольте це в налаштуваннях браузера або знайдіть місце за назвою.","nearUnavailable":"Не вдалося визначити ваше місцезнаходження. Спробуйте ще раз просто неба або знайдіть місце за назвою.","nearTimeout":"Визначення місцезнаходження тривало надто довго. Спробуйте ще раз або знайдіть місце за назвою.","youAreHere":"Ви тут","openInMaps":"Відкрити в застосунку мап","openStreetMap":"OpenStreetMap","allYears":"Усі роки","yearsHint":"Вибір років позначає періоди, на які вони припадають; вибір періодів задає роки, які вони охоплюють.","zoomIn":"Наблизити","zoomOut":"Віддалити","loadingQuotes":"Завантаження цитат…"}};
/* ---------- 00-strings.js ---------- */
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

/* ---------- 10-util.js ---------- */
/* ---------- helpers ---------- */
function el(tag, className, content) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}
// Cyrillic letters as Latin ones, so that Kurapaty finds Курапаты and Курапаты finds Kurapaty (after fold)
var LATIN = { "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ж": "zh", "з": "z",
  "и": "i", "і": "i", "ї": "yi", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
  "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
  "ь": "", "э": "e", "ю": "yu", "я": "ya", "'": "", "’": "" };
function fold(s) {  // lower case, no accents, Cyrillic spelled in Latin letters: what search compares
  return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[\u0400-\u04ff'’]/g, function (ch) { return ch in LATIN ? LATIN[ch] : ch; });
}
function km(lat1, lon1, lat2, lon2) {  // great-circle distance
  var r = Math.PI / 180, a = Math.sin((lat2 - lat1) * r / 2), b = Math.sin((lon2 - lon1) * r / 2);
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a * a + Math.cos(lat1 * r) * Math.cos(lat2 * r) * b * b)));
}
function outward(a) {  // a link that leaves an embedded map opens beside the article
  if (cfg.embed) { a.target = "_blank"; a.rel = "noopener"; }
  return a;
}

var cfg = JSON.parse(document.getElementById("mapgen-config").textContent);
var map = window[cfg.mapVar];
// A reader who asks for less motion gets zooms that jump (the map itself is made so in map.html) and
// clusters that do not fly apart.
var REDUCED_MOTION = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
function decoded(s) {  // null for a malformed escape (%zz, a cut UTF-8 sequence): that part is ignored
  try { return decodeURIComponent(s); } catch (e) { return null; }
}
function readHash() {  // what the URL's hash asks for: period, category, years, site, lang
  var h = location.hash.replace(/^#/, "");
  var out = {};
  if (!h) return out;
  h.split("&").forEach(function (part) {
    var eq = part.indexOf("=");
    if (eq < 0) return;
    var key = decoded(part.slice(0, eq));
    var val = decoded(part.slice(eq + 1));
    if (key === null || val === null) return;
    if (key === "period" || key === "category") out[key] = val ? val.split(",") : [];
    if (key === "site" || key === "lang") out[key] = val;
    if (key === "years") out.years = val.split("-");
  });
  return out;
}

/* ---------- 15-language.js ---------- */
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

/* ---------- 20-data.js ---------- */
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

/* ---------- 30-state.js ---------- */
/* ---------- state: the filter, the open site and the language, with change events ----------
 * state.set(patch) stores the values and then tells every listener of on("change", fn), in the order they
 * were added, which keys were set: pins redraw, controls show the filter, the URL hash follows.
 */
var FILTER_KEYS = ["pmask", "cmask", "y0", "y1"];
var state = (function () {
  var value = { pmask: D.ALL_P, cmask: D.ALL_C, y0: D.YMIN, y1: D.YMAX, site: null, lang: language.first() };
  var listeners = { change: [] };
  return {
    get: function (key) { return key ? value[key] : value; },  // no key: every value (read, never changed)
    set: function (patch) {
      var keys = Object.keys(patch);
      keys.forEach(function (k) {
        if (!(k in value)) throw new TypeError("no state " + k);
        value[k] = patch[k];
      });
      var change = { keys: keys, filter: keys.some(function (k) { return FILTER_KEYS.indexOf(k) >= 0; }) };
      listeners.change.slice().forEach(function (fn) { fn(change); });
    },
    on: function (event, fn) { listeners[event].push(fn); }
  };
})();

function claimAt(k, f) {  // does claim number k match f: a filter (pmask, cmask, y0, y1), the current one if left out
  f = f || state.get();
  return (D.PMASK[k] & f.pmask) !== 0 && (f.cmask & (1 << D.CAT[k])) !== 0 && D.END[k] >= f.y0 && D.START[k] <= f.y1;
}
function claimMatches(c, f) {
  return claimAt(c.k, f);
}
function matches(i, f) {  // does place number i show under f (one of its claims matches)
  f = f || state.get();
  for (var k = D.first[i]; k < D.first[i + 1]; k++) if (claimAt(k, f)) return true;
  return false;
}
// the language first, so that every later listener already speaks it
useLanguage(state.get("lang"));
document.documentElement.lang = state.get("lang");
state.on("change", function (change) {
  if (change.keys.indexOf("lang") < 0) return;
  useLanguage(state.get("lang"));
  document.documentElement.lang = state.get("lang");
});
// Years and periods agree: years given alone tick the periods they touch; periods given alone set the years
// they span (within the data's). Either way the same claims match: the periods cover the years without gaps.
function coherent(f, given) {
  var out = Object.assign({}, f);
  if (given === "years") {
    out.pmask = 0;
    D.PERIODS.forEach(function (p, k) { if (p.start <= f.y1 && p.end >= f.y0) out.pmask |= 1 << k; });
  } else if (given === "periods" && f.pmask) {
    var y0 = Infinity, y1 = -Infinity;
    D.PERIODS.forEach(function (p, k) {
      if (f.pmask & (1 << k)) { y0 = Math.min(y0, p.start); y1 = Math.max(y1, p.end); }
    });
    out.y0 = Math.max(D.YMIN, Math.min(D.YMAX, y0));
    out.y1 = Math.max(out.y0, Math.min(D.YMAX, y1));
  }
  return out;
}
function given(years, periods) {  // which of the two a caller sets, so that the other follows it
  return years && !periods ? "years" : periods && !years ? "periods" : "";
}
var EVERYTHING = { pmask: D.ALL_P, cmask: D.ALL_C, y0: D.YMIN, y1: D.YMAX };

/* ---------- 40-layout.js ---------- */
/* ---------- keeping pins and popups clear of the panel and of the map's controls ----------
 * The map's controls (zoom, full screen) are all on the left: beside the panel on a wide screen, below the
 * panel's bar on a phone. A popup is kept right of them and below the bar, and made no wider than the room
 * left, so that its close button (×) is never under a control and the popup never runs off the screen.
 */
var panel = document.getElementById("mg-panel");
function narrow() {
  return panel.getBoundingClientRect().width > window.innerWidth / 2;
}
function controlsRight() {  // the right edge of the controls at the map's top left
  var right = 0;
  Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-top.leaflet-left .leaflet-control"),
    function (c) { right = Math.max(right, c.getBoundingClientRect().right); });
  return Math.round(right);
}
function panelPad() {  // on a phone the panel is a bar on top and the controls sit below it
  var r = panel.getBoundingClientRect();
  return narrow() ? [controlsRight() + 12, Math.round(r.bottom) + 12]
    : [Math.round(Math.max(r.right, controlsRight())) + 12, 12];
}
function layout() {  // on a phone the controls go below the panel's bar, and hide while the panel is open
  var top = narrow() ? Math.round(panel.getBoundingClientRect().bottom) + 6 + "px" : "";
  var hide = narrow() && panel.classList.contains("mg-open");
  Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-top"), function (c) {
    c.style.top = top;
    c.style.visibility = hide ? "hidden" : "";
  });
}
var POPUP_RIGHT = 12, POPUP_CHROME = 32;  // room kept at the right; a popup's margins and border around its text
function popupOptions() {
  var pad = panelPad();
  var w = Math.max(160, Math.min(360, window.innerWidth - pad[0] - POPUP_RIGHT - POPUP_CHROME));
  return { maxWidth: w, minWidth: Math.min(240, w), autoPanPaddingTopLeft: pad,
    autoPanPaddingBottomRight: [POPUP_RIGHT, 24], className: "mg-popup" };
}

/* ---------- 45-notice.js ---------- */
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

/* ---------- 50-popup.js ---------- */
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

/* ---------- 60-pins.js ---------- */
/* ---------- pins and clusters: only what is in view is drawn; opening a site ----------
 * The places the filter shows are clustered by supercluster (a k-d tree per zoom level, built when the filter is
 * set for the zooms up to LOW, and for a region around the view for deeper ones); each time the map comes to
 * rest, only the clusters and pins in and around the view are made into markers, so a table of a million places
 * costs the page what it shows, not what it holds. Markers live in one feature group (`group`): its events are
 * those of every pin and cluster.
 */
var pins = (function () {
  var visible = [], index = null;
  var MAXZ = map.getMaxZoom();  // at the last zoom every place is a pin; places at one spot are fanned out
  var FIRST = 4;  // the first places of a cluster in the table's order, for its name
  function firstOf(a, b) {  // the first FIRST of two sorted lists of site numbers, merged
    var out = [], x = 0, y = 0;
    while (out.length < FIRST && (x < a.length || y < b.length)) {
      out.push(y >= b.length || (x < a.length && a[x] < b[y]) ? a[x++] : b[y++]);
    }
    return out;
  }
  // A point's properties are {i, first: [i]}, made once per place: `map` hands them over as they are (supercluster
  // copies them for a new cluster), so that a million places cost no object per point and zoom level.
  var OPTIONS = { radius: 40, extent: 256, maxZoom: MAXZ - 1, minPoints: 2,  // 40 px, as on Leaflet's 256 px tiles
    map: function (p) { return p; },
    reduce: function (acc, p) { acc.first = firstOf(acc.first, p.first); } };
  var points = [];  // place number -> its point for supercluster, kept for the next filter

  // Up to zoom LOW one index clusters every place the filter shows; deeper, where a view holds a small part of the
  // map, an index of the places in and around it (`local`), made again when the view leaves it: clustering a
  // million places at every zoom would take seconds before the first pin is drawn. Beyond MAXZ - 1 every place is
  // a pin of its own, in either. `made` numbers the indexes, for the keys of their clusters.
  var LOW = Math.min(9, MAXZ - 1), local = null, made = 0;
  function around(box, z) {  // `box` and, at zoom z, a view's size around its centre and a view's margin all round
    var c = map.project(box.getCenter(), z), half = map.getSize().multiplyBy(1.5);
    return L.latLngBounds(map.unproject(c.subtract(half), z), map.unproject(c.add(half), z)).extend(box);
  }
  function bbox(b) {
    return [b.getWest(), Math.max(-85, b.getSouth()), b.getEast(), Math.min(85, b.getNorth())];
  }
  function indexFor(z, box) {  // the index that clusters `box` (LatLngBounds) at zoom z: {sc: supercluster, key}
    if (z <= LOW || z >= MAXZ) return index;
    if (!local || !local.box.contains(box)) {
      var region = around(box, z), inside = index.sc.getClusters(bbox(region), LOW + 1);  // its places, one by one
      local = { box: region, key: "c" + (++made) + ":", sc: new Supercluster(Object.assign({}, OPTIONS,
        { minZoom: LOW + 1 })).load(inside.map(function (f) { return points[f.properties.i]; })) };
    }
    return local;
  }

  var group = L.featureGroup().addTo(map);
  var drawn = new Map();  // "c<index>:<cluster id>" or "s<site number>" -> the marker drawn for it

  // a cluster's icon is named for screen readers by its count and its first places: "12 places: Butovo, …"
  var ClusterIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var node = L.DivIcon.prototype.createIcon.call(this, old);
      node.setAttribute("aria-label", this.options.label);
      return node;
    }
  });
  function firstSites(cluster) {
    return cluster.properties.first.map(D.site);
  }
  function labelOf(cluster) {
    var names = firstSites(cluster).map(nameOf);
    var list = names.slice(0, 3).join(STRINGS.listSeparator);
    return text("clusterLabel", { n: cluster.properties.point_count,
      names: names.length > 3 ? text("listMore", { list: list }) : list });
  }
  function clusterMarker(f, sc) {  // sc: the supercluster it comes from
    var n = f.properties.point_count;
    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    var c = f.geometry.coordinates;
    var m = L.marker([c[1], c[0]], { keyboard: true, cluster: f, index: sc, icon: new ClusterIcon({
      html: "<span>" + Number(n) + "</span>", className: "mg-cluster", iconSize: L.point(size, size),
      label: labelOf(f) }) });
    m.on("click", function () { expand(m); });
    return m;
  }
  function expand(m) {  // a click on a cluster: zoom to where it falls apart, centred on it
    var f = m.options.cluster;
    var z = Math.min(m.options.index.getClusterExpansionZoom(f.properties.cluster_id), MAXZ);
    map.setView(m.getLatLng(), Math.max(z, Math.floor(map.getZoom()) + 1), { animate: !REDUCED_MOTION });
  }

  // A pin is a target of 24 px (32 on a touch screen) with its dot drawn inside (mapgen.css): 14 px for a site,
  // 16 for a settlement, 22 for a region. A pin fanned out from its spot (`shift`, in px) keeps its place's
  // position and draws its icon beside it.
  var HIT = window.matchMedia("(pointer: coarse)").matches ? 32 : 24;
  var icons = {};
  function iconFor(cat, precision, shift) {
    var key = cat + "/" + precision + "/" + shift;
    if (!icons[key]) {
      icons[key] = L.divIcon({ className: "mg-pin mg-c" + cat + " mg-p-" + precision, html: "",
        iconSize: [HIT, HIT], iconAnchor: [HIT / 2 - shift[0], HIT / 2 - shift[1]], popupAnchor: shift,
        tooltipAnchor: shift });
    }
    return icons[key];
  }
  function colourFor(s) {
    for (var k = 0; k < s.claims.length; k++) if (claimMatches(s.claims[k])) return s.claims[k].cat;
    return s.claims[0].cat;
  }
  function markerOf(s, shift) {
    var colour = colourFor(s), at = shift || [0, 0];
    if (!s.marker) {
      var m = L.marker([s.lat, s.lon], { icon: iconFor(colour, s.precision, at), keyboard: true, riseOnHover: true,
        site: s.id });
      m.bindTooltip(function () { return el("span", null, nameOf(s)); }, { direction: "top", offset: [0, -8] });
      // the room for a popup is measured when it opens (by click or Enter), before Leaflet's own handler opens it
      m.on("click keypress", function () { L.setOptions(m.getPopup(), popupOptions()); });
      m.bindPopup(function () { return popupFor(s); }, popupOptions());
      m.on("add", function () {
        var node = m.getElement();
        if (node) node.setAttribute("aria-label", nameOf(s));
      });
      m.on("popupopen", function () { state.set({ site: s.id }); });
      m.on("popupclose", function () { if (state.get("site") === s.id) state.set({ site: null }); });
      s.marker = m;
    } else if (s.colour !== colour || String(s.shift) !== String(at)) {
      s.marker.setIcon(iconFor(colour, s.precision, at));
    }
    s.colour = colour;
    s.shift = at;
    return s.marker;
  }
  function fanned(list) {  // pins that would cover each other at the last zoom, set around their spot
    var spots = new Map(), shifts = new Map();
    list.forEach(function (s) {
      var key = s.lat.toFixed(5) + "," + s.lon.toFixed(5);
      if (!spots.has(key)) spots.set(key, []);
      spots.get(key).push(s);
    });
    spots.forEach(function (same) {
      if (same.length < 2) return;
      var r = Math.max(HIT, HIT * same.length / (2 * Math.PI) * 1.2);
      same.forEach(function (s, k) {
        var a = 2 * Math.PI * k / same.length - Math.PI / 2;
        shifts.set(s, [Math.round(r * Math.cos(a)), Math.round(r * Math.sin(a))]);
      });
    });
    return shifts;
  }

  // A place opened by a link or from search while the filter hides it is drawn anyway, the filter left as it
  // was, and the map says so; it goes when its popup closes or another place opens.
  var extra = null;
  function draw() {  // the markers for the view (and a margin around it, so that a small pan draws nothing new)
    if (!index) return;
    var z = Math.max(0, Math.min(MAXZ, Math.floor(map.getZoom())));
    var b = map.getBounds().pad(0.5), from = indexFor(z, b);
    var want = new Map(), singles = [];
    from.sc.getClusters(bbox(b), z).forEach(function (f) {
      if (f.properties.cluster) want.set(from.key + f.properties.cluster_id, f);
      else singles.push(D.site(f.properties.i));
    });
    if (extra) singles.push(extra);
    var shifts = z >= MAXZ ? fanned(singles) : new Map();
    singles.forEach(function (s) { want.set("s" + s.i, s); });
    drawn.forEach(function (m, key) {
      if (!want.has(key) && !m.isPopupOpen()) {
        group.removeLayer(m);
        drawn.delete(key);
      }
    });
    want.forEach(function (what, key) {
      var m = key.charAt(0) === "c" ? drawn.get(key) || clusterMarker(what, from.sc) : markerOf(what, shifts.get(what));
      if (!drawn.has(key)) {
        drawn.set(key, m);
        group.addLayer(m);
      }
    });
  }
  function redraw() {  // the filter changed: cluster what it shows afresh
    var vis = [], f = state.get();
    for (var i = 0; i < D.count; i++) if (matches(i, f)) vis.push(i);
    index = { key: "c" + (++made) + ":", sc: new Supercluster(Object.assign({}, OPTIONS, { maxZoom: LOW }))
      .load(vis.map(function (i) {
        return points[i] || (points[i] = { type: "Feature", properties: { i: i, first: [i] },
          geometry: { type: "Point", coordinates: [D.LON[i], D.LAT[i]] } });
      })) };
    local = null;
    visible = vis;
    if (extra && matches(extra.i)) extra = null;
    drawn.forEach(function (m, key) {  // clusters are those of the old filter: only an open place it shows stays
      var s = key.charAt(0) === "s" && D.site(Number(key.slice(1)));
      if (!(s && m.isPopupOpen() && (s === extra || matches(s.i)))) {
        group.removeLayer(m);
        drawn.delete(key);
      }
    });
    draw();
    explain();
  }
  function explain() {  // the notice that belongs to what is drawn now
    if (extra) {
      notice.show("extra", text("outsideFilter", { name: nameOf(extra) }), STRINGS.showAll,
        function () { state.set(EVERYTHING); });
    } else if (!visible.length) {
      notice.show("empty", STRINGS.emptyFilter, STRINGS.showAll, function () { state.set(EVERYTHING); });
    } else {
      notice.hide();
    }
  }
  function dropExtra() {
    if (!extra || extra.id === state.get("site")) return;
    extra = null;
    draw();
    explain();
  }
  map.on("moveend", draw);
  state.on("change", function (change) {
    if (change.filter) redraw();
    else if (change.keys.indexOf("site") >= 0) dropExtra();
  });
  state.on("change", function (change) {  // names and words in the new language; an open popup is written again
    if (change.keys.indexOf("lang") < 0) return;
    drawn.forEach(function (m, key) {
      if (key.charAt(0) === "c") {
        group.removeLayer(m);
        drawn.delete(key);
        return;
      }
      var node = m.getElement(), s = D.find(m.options.site);
      if (node) node.setAttribute("aria-label", nameOf(s));
      if (m.isPopupOpen()) m.getPopup().update();
    });
    draw();
    explain();
  });

  // When is the map still? Leaflet starts a zoom asked for (setView, fitBounds…) in the next animation frame,
  // and at moveend, when it is done, the markers for the new view are drawn (by the handler above, added first).
  var moving = false;
  map.on("movestart zoomstart", function () { moving = true; });
  map.on("moveend", function () { moving = false; });
  function whenStill(fn) {
    if (moving) map.once("moveend", function () { L.Util.requestAnimFrame(function () { whenStill(fn); }); });
    else fn();
  }
  function holding(s) {  // the marker that shows `s` now: its pin, else the nearest cluster drawn, else none
    if (s.marker && group.hasLayer(s.marker)) return s.marker;
    var best = null, far = Infinity, at = map.latLngToLayerPoint([s.lat, s.lon]);
    drawn.forEach(function (m, key) {
      if (key.charAt(0) !== "c") return;
      var d = map.latLngToLayerPoint(m.getLatLng()).distanceTo(at);
      if (d < far) { best = m; far = d; }
    });
    return best;
  }
  function zoomShowing(s) {  // the first zoom from here at which `s` is a pin of its own
    if (s === extra || !index) return map.getZoom();
    var eps = 1e-4, box = L.latLngBounds([s.lat - eps, s.lon - eps], [s.lat + eps, s.lon + eps]);
    for (var z = Math.floor(map.getZoom()); z < MAXZ; z++) {
      var own = indexFor(z, box).sc.getClusters(bbox(box), z).some(function (f) {
        return !f.properties.cluster && f.properties.i === s.i;
      });
      if (own) return Math.max(z, map.getZoom());
    }
    return MAXZ;
  }

  var opening = 0;  // the latest openSite: one asked for earlier and still on its way gives way to it
  var focusFor = null;  // the place whose popup takes the focus when it opens (picked by keyboard or list)
  function openSite(id, focus) {
    var s = D.find(id);
    if (!s) throw new TypeError("unknown site " + JSON.stringify(id));
    focusFor = focus ? id : null;
    if (!matches(s.i) && extra !== s) {  // hidden by the filter: drawn anyway, the filter kept
      extra = s;
      explain();
    }
    // Leaflet drops a zoom asked for while another one animates: wait for one asked for just before (it starts in
    // the next frame), go where the place is a pin of its own (a few tries), and open its popup there.
    var here = L.latLng(s.lat, s.lon), token = ++opening, tries = 0;
    var show = function () {
      whenStill(function () {
        if (token !== opening) return;
        draw();
        var m = markerOf(s, s.shift);
        if ((group.hasLayer(m) && map.getBounds().contains(here)) || tries++ >= 3) {
          L.setOptions(m.getPopup(), popupOptions());
          m.openPopup();
        } else {
          map.setView(here, Math.max(map.getZoom(), zoomShowing(s)), { animate: !REDUCED_MOTION });
          L.Util.requestAnimFrame(show);
        }
      });
    };
    L.Util.requestAnimFrame(show);
    state.set({ site: id });
  }

  return {
    visible: function () { return visible; },  // the numbers of every place the filter shows (all are clustered)
    extra: function () { return extra; },
    takesFocus: function (id) {  // once: the popup of `id` opened for a reader who picked it
      var yes = focusFor === id;
      if (yes) focusFor = null;
      return yes;
    },
    openSite: openSite,
    expand: expand,
    holding: holding,
    group: group,
    whenStill: whenStill,
    firstSites: firstSites
  };
})();

/* ---------- 62-keys.js ---------- */
/* ---------- the keyboard on the map: clusters open, popups take the focus and give it back ----------
 * Enter or Space on a cluster does what a click does (zoom in to where it falls apart) and then
 * puts the focus on the cluster's first place: its pin, or the smaller cluster that still holds it. Enter or
 * Space on a pin opens its popup with the focus on the popup's heading; Esc, on the pin or inside the popup,
 * closes it, and the focus goes back to the pin (or to the cluster that now holds it).
 */
(function () {
  var group = pins.group, container = map.getContainer();
  var open = null;  // the pin whose popup is open

  function activates(ev) {
    return ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar";
  }
  function focusOn(s) {  // the pin of `s`, else the cluster that shows it now, else the map
    var shown = s && pins.holding(s);
    var node = shown && shown.getElement();
    (node || container).focus({ preventScroll: true });
  }

  // Enter or Space on a cluster zooms in as a click does; on a pin, Space opens it as Enter does (Leaflet's own)
  group.on("keydown", function (e) {
    var ev = e.originalEvent;
    if (!activates(ev) || ev.target !== e.layer.getElement() || ev.repeat) return;
    var cluster = e.layer.options.cluster;
    if (!cluster && ev.key === "Enter") return;
    ev.preventDefault();
    if (!cluster) {
      e.layer.fire("click", { originalEvent: ev, latlng: e.layer.getLatLng() });
      return;
    }
    var first = pins.firstSites(cluster)[0];
    pins.expand(e.layer);
    // the zoom starts in the next frame; the pins are drawn when it ends
    L.Util.requestAnimFrame(function () {
      pins.whenStill(function () {
        focusOn(first);
      });
    });
  });

  group.on("popupopen", function (e) {
    open = e.layer;
    var box = e.popup.getElement();
    var close = box.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", STRINGS.closePopup);
    var pin = e.layer.getElement();
    // opened from the keyboard, search or the list: the reader goes on in the popup
    if ((pin && document.activeElement === pin) || pins.takesFocus(e.layer.options.site)) {
      var head = box.querySelector(".leaflet-popup-content h2");
      if (head) {
        head.tabIndex = -1;
        head.focus({ preventScroll: true });
      }
    }
  });
  group.on("popupclose", function (e) {
    if (open === e.layer) open = null;
    var box = e.popup.getElement(), active = document.activeElement;
    // closed while the focus was in it (Esc, ×): give the focus back to the pin rather than to the page
    if (!active || active === document.body || (box && box.contains(active))) {
      focusOn(D.find(e.layer.options.site));
    }
  });

  container.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" && ev.key !== "Esc") return;
    if (!open || !open.isPopupOpen()) return;
    var box = open.getPopup().getElement();
    if (ev.target === open.getElement() || (box && box.contains(ev.target))) {
      ev.preventDefault();
      ev.stopPropagation();
      open.closePopup();
    }
  });
})();

/* ---------- 70-panel.js ---------- */
/* ---------- the panel: its parts, built in the reader's language and built again when it changes ----------
 * Each later module adds a part with ui.part(build): build() appends its controls to panelBody and listens to
 * the state with ui.on(fn), listeners dropped when the parts are built again. Focus, the search text and which
 * sections are open survive a change of language.
 */
var panelBody = el("div", "mg-body");
panelBody.id = "mg-panel-body";
var toggle = document.getElementById("mg-toggle");
toggle.addEventListener("click", function () {
  var open = panel.classList.toggle("mg-open");
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
});
function closePanelOnPhone() {
  if (window.matchMedia("(max-width: 640px), (max-height: 480px)").matches) {  // as in mapgen.css
    panel.classList.remove("mg-open");
    toggle.setAttribute("aria-expanded", "false");
    layout();  // the map's controls back under the bar
  }
}

var ui = (function () {
  var parts = [], listeners = [];
  state.on("change", function (change) { listeners.slice().forEach(function (fn) { fn(change); }); });
  function build() {
    var focused = document.activeElement && panelBody.contains(document.activeElement) ? document.activeElement.id : "";
    var query = document.getElementById("mg-q") ? document.getElementById("mg-q").value : "";
    var open = Array.prototype.filter.call(panelBody.querySelectorAll("details[open]"), function (d) {
      return d.className;
    }).map(function (d) { return d.className; });
    listeners = [];
    panelBody.textContent = "";
    parts.forEach(function (build) { build(); });
    open.forEach(function (c) { var d = panelBody.querySelector("details." + c.split(" ")[0]); if (d) d.open = true; });
    if (query) document.getElementById("mg-q").value = query;
    var all = { keys: Object.keys(EVERYTHING).concat(["lang"]), filter: true, built: true };
    listeners.slice().forEach(function (fn) { fn(all); });
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }
  return {
    part: function (build) { parts.push(build); },
    on: function (fn) { listeners.push(fn); },
    build: build
  };
})();

/* the heading, the count of places shown, the landmarks' names: in the header, kept, and put in words again */
var heading = (function () {
  var h1 = panel.querySelector("h1"), count = document.getElementById("mg-count");
  var summary = document.getElementById("mg-summary");
  var h = cfg.heading || {};
  var own = h.kind && vocabEntry(h.kind, h.slug);  // the page's own period or category
  function what() {  // the page's own selection, as its title says it
    if (!own) return "";
    var name = vocabLabel(h.kind, own);
    return h.kind === "period" ? name + ", " + periodYears(own) : name;
  }
  function words() {
    var title = h.title || STRINGS.title;
    var w = what();
    var full = w ? text("page_title", { what: w, title: title }) : title;
    h1.textContent = full;  // a project's own title and description stay as given
    document.title = full;
    if (!h.description) {
      var which = !own ? "" : ", " + (h.kind === "category" ? inSentence(w) : vocabLabel("period", own));
      summary.textContent = text("description", { places: text("description_places", { n: D.count }),
        what: which, claims: text("description_claims", { n: D.claimCount }) });
    }
    toggle.textContent = STRINGS.filters;
    panel.setAttribute("aria-label", STRINGS.panel_label);
    map.getContainer().setAttribute("aria-label", STRINGS.map_label);
  }
  function counted() {
    count.textContent = placeCount(pins.visible().length, D.count);
  }
  state.on("change", function (change) {
    if (change.keys.indexOf("lang") >= 0) words();
    if (change.filter || change.keys.indexOf("lang") >= 0) counted();
  });
  return { words: words };
})();
function periodYears(p) {
  return p.end >= 9999 ? text("years_open", { start: p.start }) : text("years_span", { start: p.start, end: p.end });
}

// in an article: a compact legend of the categories the filter shows, the rest behind the toggle
if (cfg.embed) {
  panel.classList.add("mg-embed");
  var mini = el("ul", "mg-mini");
  panel.querySelector("header > div").appendChild(mini);
  var drawMini = function () {
    mini.textContent = "";
    D.CATS.forEach(function (c, k) {
      var any = false;
      for (var j = 0; j < D.claimCount && !any; j++) any = D.CAT[j] === k && claimAt(j);
      if (!any) return;
      var item = el("li");
      item.appendChild(el("span", "mg-swatch mg-c" + k));
      item.appendChild(document.createTextNode(vocabLabel("category", c)));
      mini.appendChild(item);
    });
  };
  drawMini();
  state.on("change", function (change) { if (change.filter || change.keys.indexOf("lang") >= 0) drawMini(); });
}

// the language switch: the languages by their own names, first in the panel
ui.part(function () {
  if (language.codes.length < 2) return;
  var lab = el("label", "mg-lang");
  lab.appendChild(el("span", "mg-lang-label", STRINGS.language));
  var select = el("select");
  select.id = "mg-lang";
  language.codes.forEach(function (code) {
    var option = el("option", null, CATALOGUES[code].languageName);
    option.value = code;
    option.lang = code;
    select.appendChild(option);
  });
  select.value = state.get("lang");
  select.addEventListener("change", function () {
    language.remember(select.value);
    state.set({ lang: select.value });
  });
  lab.appendChild(select);
  panelBody.appendChild(lab);
});
state.on("change", function (change) { if (change.keys.indexOf("lang") >= 0) ui.build(); });

/* ---------- 71-search.js ---------- */
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

/* ---------- 72-near.js ---------- */
/* ---------- near me: the closest places to where the reader stands (works offline: GPS) ---------- */
function nearest(lat, lon, n) {  // places one can go to, by straight-line distance: a region's pin is no destination
  var shown = pins.visible(), best = [];  // the n nearest so far, nearest first: [km, place number]
  for (var j = 0, count = shown.length || D.count; j < count; j++) {
    var i = shown.length ? shown[j] : j, d = km(lat, lon, D.LAT[i], D.LON[i]);
    if ((best.length < n || d < best[best.length - 1][0]) && D.precision(i) !== "region") {
      best.splice(best.length < n ? best.length : n - 1, 1, [d, i]);
      for (var b = best.length - 1; b > 0 && best[b][0] < best[b - 1][0]; b--) {
        var t = best[b]; best[b] = best[b - 1]; best[b - 1] = t;
      }
    }
  }
  return best.map(function (p) { return [p[0], D.site(p[1])]; });
}

var here = null;  // the reader's position on the map, kept when the panel is built again
ui.part(function () {
  function showNear(lat, lon) {  // the reader and the closest places, on the map and listed
    if (here) map.removeLayer(here);
    here = L.circleMarker([lat, lon], { radius: 8, color: "#fff", weight: 3, fillColor: "#1a73e8", fillOpacity: 1,
      interactive: false }).addTo(map);
    here.bindTooltip(STRINGS.youAreHere, { permanent: true, direction: "right", offset: [8, 0], className: "mg-here" });
    var near = nearest(lat, lon, 8);
    search.list(near.map(function (p) { return p[1]; }), near.map(function (p) {
      return text("km", { km: number(p[0], p[0] < 10 ? 1 : 0) });
    }));
    closePanelOnPhone();
    var bounds = L.latLngBounds([[lat, lon]]);
    near.slice(0, 3).forEach(function (p) { bounds.extend([p[1].lat, p[1].lon]); });
    map.fitBounds(bounds, { paddingTopLeft: panelPad(), paddingBottomRight: [30, 40], maxZoom: 12 });
  }
  var REFUSED = { 1: "nearDenied", 2: "nearUnavailable", 3: "nearTimeout" };  // GeolocationPositionError codes
  var button = el("button", "mg-small mg-near", STRINGS.nearMe);
  button.type = "button";
  button.title = STRINGS.nearMeTitle;
  button.addEventListener("click", function () {
    if (!navigator.geolocation) {
      search.say(STRINGS.noGeolocation);
      return;
    }
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (pos) {
      button.disabled = false;
      showNear(pos.coords.latitude, pos.coords.longitude);
    }, function (err) {
      button.disabled = false;
      search.say(STRINGS[REFUSED[err.code] || "nearUnavailable"]);  // a plain sentence, not the browser's
    }, { timeout: 15000, maximumAge: 600000 });
  });
  search.root.insertBefore(button, search.label);
});

/* ---------- 73-years.js ---------- */
/* ---------- time: the years from and to, one control with the periods ----------
 * Years are typed (or stepped with the arrow keys), exact to the year at any width. Years and periods never
 * contradict each other: choosing years ticks the periods they fall in, choosing periods sets the years
 * they span (state's coherent()); "All years" clears both.
 */
ui.part(function () {
  var box = el("fieldset", "mg-group mg-yearfilter");
  box.appendChild(el("legend", null, STRINGS.years));
  var all = el("button", "mg-small mg-tools", STRINGS.allYears);
  all.type = "button";
  all.addEventListener("click", function () { state.set({ y0: D.YMIN, y1: D.YMAX, pmask: D.ALL_P }); });
  box.appendChild(all);
  var row = el("div", "mg-years-row");
  var inputs = [[STRINGS.from, STRINGS.fromYear, "y0"], [STRINGS.to, STRINGS.toYear, "y1"]].map(function (t) {
    var lab = el("label", "mg-year");
    lab.appendChild(el("span", "mg-year-label", t[0]));
    var input = el("input");
    input.type = "number";
    input.min = D.YMIN;
    input.max = D.YMAX;
    input.step = 1;
    input.name = t[2];
    input.inputMode = "numeric";
    input.setAttribute("aria-label", t[1]);
    input.addEventListener("change", function () {
      var y = [Number(inputs[0].value), Number(inputs[1].value)];
      if (!y.every(Number.isFinite)) { show(); return; }  // an empty or half-typed field goes back
      y = y.map(function (v) { return Math.max(D.YMIN, Math.min(D.YMAX, Math.round(v))); });
      if (y[0] > y[1]) y = t[2] === "y0" ? [y[0], y[0]] : [y[1], y[1]];
      state.set(coherent({ y0: y[0], y1: y[1] }, "years"));
    });
    lab.appendChild(input);
    row.appendChild(lab);
    return input;
  });
  box.appendChild(row);
  box.appendChild(el("p", "mg-note mg-hint", STRINGS.yearsHint));
  function show() {
    inputs[0].value = state.get("y0");
    inputs[1].value = state.get("y1");
  }
  ui.on(function (change) { if (change.filter) show(); });
  panelBody.appendChild(box);
});

/* ---------- 74-filters.js ---------- */
/* ---------- filter groups: periods, then categories (which are also the legend) ---------- */
ui.part(function () {
  function used(kind, k) {  // does any claim of the map fall in this period or category?
    return ((kind === "period" ? D.usedP : D.usedC) & (1 << k)) !== 0;
  }
  function group(kind, key, title, all, none, vocab, describe) {  // key: the state's mask of this vocabulary
    var fs = el("fieldset", "mg-group mg-" + kind);
    fs.appendChild(el("legend", null, title));
    var tools = el("div", "mg-tools");
    var full = (1 << vocab.length) - 1;
    [[STRINGS.all, all, full], [STRINGS.none, none, 0]].forEach(function (t) {
      var b = el("button", "mg-small", t[0]);
      b.type = "button";
      b.setAttribute("aria-label", t[1]);
      b.addEventListener("click", function () {
        var patch = {};
        patch[key] = t[2];
        state.set(key === "pmask" ? coherent(patch, t[2] ? "periods" : "") : patch);
      });
      tools.appendChild(b);
    });
    fs.appendChild(tools);
    var boxes = vocab.map(function (v, k) {
      if (!used(kind, k)) return null;  // nothing in this map of it (an embed of memorials has no Civil War)
      var lab = el("label", "mg-check");
      var box = el("input");
      box.type = "checkbox";
      box.value = v.slug;
      box.name = kind;
      box.addEventListener("change", function () {
        var patch = {};
        patch[key] = state.get(key) ^ (1 << k);
        state.set(key === "pmask" ? coherent(patch, "periods") : patch);
      });
      lab.appendChild(box);
      describe(lab, v, k);
      fs.appendChild(lab);
      return box;
    });
    ui.on(function (change) {
      if (change.filter) boxes.forEach(function (b, k) { if (b) b.checked = (state.get(key) & (1 << k)) !== 0; });
    });
    panelBody.appendChild(fs);
  }
  group("period", "pmask", STRINGS.period, STRINGS.allPeriods, STRINGS.nonePeriods, D.PERIODS, function (lab, p) {
    lab.appendChild(el("span", "mg-text", vocabLabel("period", p)));
    lab.appendChild(el("span", "mg-years", periodYears(p)));
  });
  group("category", "cmask", STRINGS.category, STRINGS.allCategories, STRINGS.noneCategories, D.CATS,
    function (lab, c, k) {
      lab.appendChild(el("span", "mg-swatch mg-c" + k));
      lab.appendChild(el("span", "mg-text", vocabLabel("category", c)));
    });
});

/* ---------- 75-legend.js ---------- */
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

/* ---------- 76-links.js ---------- */
/* ---------- links: pre-filtered pages, sources, credits and the data ---------- */
ui.part(function () {
  if (cfg.pages && cfg.pages.length) {
    var pages = el("details", "mg-pages");
    pages.appendChild(el("summary", null, STRINGS.pagesTitle));
    cfg.pages.forEach(function (grp) {
      pages.appendChild(el("h3", null, grp.kind ? STRINGS["by_" + grp.kind] : grp.title));
      var list = el("ul");
      grp.links.forEach(function (l) {
        var item = el("li");
        var a = el("a", null, l.label);
        var v = grp.kind && vocabEntry(grp.kind, l.slug);
        if (v) a.textContent = grp.kind === "period" ? vocabLabel("period", v) + " (" + periodYears(v) + ")"
          : vocabLabel("category", v);
        a.href = cfg.root + l.href;
        item.appendChild(a);
        list.appendChild(item);
      });
      pages.appendChild(list);
    });
    panelBody.appendChild(pages);
  }

  var about = el("details", "mg-about");
  about.appendChild(el("summary", null, STRINGS.aboutTitle));
  var sources = el("ul");
  D.SOURCES.forEach(function (s) {
    var item = el("li");
    var a = el("a", null, s.title);
    a.href = D.sourcePage(s);
    item.appendChild(outward(a));
    item.appendChild(document.createTextNode(text("sourceNote", { origin: s.origin, licence: s.licence })));
    sources.appendChild(item);
  });
  about.appendChild(sources);
  var credit = cfg.tiles && (cfg.tiles.host ? text("tiles_credit", { host: cfg.tiles.host }) : STRINGS.osm_credit);
  about.appendChild(el("p", null, cfg.tiles ? text("baseMapTiles", { credit: credit }) : STRINGS.baseMap));
  if (cfg.data) {
    var dl = el("p", null, STRINGS.download);
    [[STRINGS.geojson, cfg.paths.geojson], [STRINGS.csv, cfg.paths.csv]].forEach(function (pair, k) {
      var a = el("a", null, pair[0]);
      a.href = cfg.root + pair[1];
      if (k) dl.appendChild(document.createTextNode(STRINGS.linkSeparator));
      dl.appendChild(a);
    });
    about.appendChild(dl);
  }
  panelBody.appendChild(about);
});

/* ---------- 77-list.js ---------- */
/* ---------- the list of places: a table of what the filter shows, in step with it ----------
 * Name, where, years, categories and questioned claims, a row a place; the name opens the place on the map.
 * Reached from the panel's button, from the skip link at the top of the page (the first Tab stop) and by
 * mapgen.showList(true|false). It covers the map while open; Esc or "Back to the map" closes it.
 */
var placeList = (function () {
  var LIMIT = 500;  // rows written at a time: a filter of 100,000 places lists the first ones and says so
  var box = el("section", "mg-list");
  box.id = "mg-list";
  box.hidden = true;
  box.tabIndex = -1;
  var head = box.appendChild(el("div", "mg-list-head"));
  var title = head.appendChild(el("h2", null, ""));
  title.id = "mg-list-title";
  box.setAttribute("aria-labelledby", title.id);
  var close = head.appendChild(el("button", "mg-small mg-list-close"));
  close.type = "button";
  close.addEventListener("click", function () { show(false); });
  var summary = box.appendChild(el("p", "mg-note"));
  var table = box.appendChild(el("table"));
  var more = box.appendChild(el("p", "mg-note"));
  document.querySelector("main").appendChild(box);
  var returnTo = null;

  function yearsOf(s) {
    var y0 = Infinity, y1 = -Infinity;
    s.claims.forEach(function (c) {
      if (!claimMatches(c)) return;
      y0 = Math.min(y0, c.start);
      y1 = Math.max(y1, c.end);
    });
    return y0 === y1 ? String(y0) : text("yearRange", { from: y0, to: y1 });
  }
  function write() {
    if (box.hidden) return;
    title.textContent = STRINGS.listTitle;
    close.textContent = STRINGS.listClose;
    var shown = pins.visible();
    summary.textContent = placeCount(shown.length, D.count);
    table.textContent = "";
    var tr = table.appendChild(el("thead")).appendChild(el("tr"));
    [STRINGS.listName, STRINGS.listWhere, STRINGS.listYears, STRINGS.listCategories, STRINGS.listFlags]
      .forEach(function (h) { tr.appendChild(el("th", null, h)).scope = "col"; });
    var body = table.appendChild(el("tbody"));
    shown.slice(0, LIMIT).map(D.site).forEach(function (s) {
      var row = body.appendChild(el("tr"));
      var cell = row.appendChild(el("th"));
      cell.scope = "row";
      var open = cell.appendChild(el("button", "mg-list-open", nameOf(s)));
      open.type = "button";
      open.setAttribute("aria-label", text("listOpen", { name: nameOf(s) }));
      open.addEventListener("click", function () { show(false, true); pins.openSite(s.id, true); });
      if (otherName(s)) cell.appendChild(el("span", "mg-result-local", otherName(s)));
      row.appendChild(el("td", null, whereText(s, 2)));
      row.appendChild(el("td", "mg-num", yearsOf(s)));
      var cats = row.appendChild(el("td"));
      var seen = {};
      s.claims.forEach(function (c) {
        if (!claimMatches(c) || seen[c.cat]) return;
        seen[c.cat] = true;
        var item = cats.appendChild(el("span", "mg-list-cat"));
        item.appendChild(el("span", "mg-swatch mg-c" + c.cat));
        item.appendChild(document.createTextNode(vocabLabel("category", D.CATS[c.cat])));
      });
      var flagged = s.claims.filter(function (c) { return c.flag && claimMatches(c); }).length;
      row.appendChild(el("td", "mg-num", flagged ? text("listFlagCount", { n: flagged }) : ""));
    });
    more.textContent = shown.length > LIMIT ? text("countSome", { shown: LIMIT, n: shown.length }) : "";
    if (!shown.length) more.textContent = STRINGS.emptyFilter;
  }
  function show(on, quiet) {  // quiet: a place is being opened, which takes the focus itself
    if (on === !box.hidden) return;
    box.hidden = !on;
    document.documentElement.classList.toggle("mg-listing", on);
    if (on) {
      returnTo = document.activeElement;
      closePanelOnPhone();
      write();
      box.focus();
    } else if (!quiet && returnTo && document.contains(returnTo)) {
      returnTo.focus();
    }
    state.set({});  // tells the panel's button
  }
  box.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); show(false); } });
  state.on("change", function (change) { if (change.filter || change.keys.indexOf("lang") >= 0) write(); });

  // the skip link: the page's first Tab stop, shown when it has the focus
  var skip = el("a", "mg-skip");
  skip.href = "#mg-list";
  skip.addEventListener("click", function (e) { e.preventDefault(); show(true); });
  document.body.insertBefore(skip, document.body.firstChild);
  function words() { skip.textContent = STRINGS.skipToList; write(); }
  words();
  state.on("change", function (change) { if (change.keys.indexOf("lang") >= 0) words(); });

  ui.part(function () {  // the list, and the map framed to what the filter shows
    var tools = el("div", "mg-view-tools");
    var b = tools.appendChild(el("button", "mg-small mg-list-button", STRINGS.listButton));
    b.type = "button";
    b.setAttribute("aria-controls", "mg-list");
    b.addEventListener("click", function () { show(box.hidden); });
    var frame = tools.appendChild(el("button", "mg-small mg-frame", STRINGS.frameShown));
    frame.type = "button";
    frame.addEventListener("click", function () {
      var shown = pins.visible();
      if (!shown.length) return;
      show(false, true);
      closePanelOnPhone();
      map.fitBounds(coreBounds(shown), { paddingTopLeft: panelPad(), paddingBottomRight: [30, 40], maxZoom: 12 });
    });
    ui.on(function () {
      b.setAttribute("aria-expanded", box.hidden ? "false" : "true");
      frame.disabled = !pins.visible().length;
    });
    panelBody.insertBefore(tools, panelBody.firstChild);
  });
  return { show: show, open: function () { return !box.hidden; } };
})();

/* ---------- 80-furniture.js ---------- */
/* ---------- map furniture: offline outline, tiles, attribution, full screen ---------- */
(function () {
  map.createPane("mg-outline").style.zIndex = 150;
  var outline = window.MAPGEN_OUTLINE ||
    (document.getElementById("mapgen-outline") && JSON.parse(document.getElementById("mapgen-outline").textContent));
  if (outline) {
    L.geoJSON(outline, { pane: "mg-outline", interactive: false, className: "mg-land",  // dark mode: mapgen.css
      style: { color: "#8c8c8c", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
  }
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles.url, { attribution: cfg.tiles.attribution, maxZoom: 18, crossOrigin: true }).addTo(map);
  }
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(cfg.attribution);

  var Full = L.Control.extend({
    options: { position: "topleft" },  // under the zoom buttons: no popup is ever placed over them
    onAdd: function () {
      var b = el("button", "mg-full");
      // a fixed icon, not data: corners of a frame
      b.innerHTML = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path d="M2 7V2h5M13 2h5v5' +
        'M18 13v5h-5M7 18H2v-5" fill="none" stroke="currentColor" stroke-width="2.2"/></svg>';
      b.type = "button";
      b.title = STRINGS.fullScreen;
      b.setAttribute("aria-label", STRINGS.fullScreen);
      L.DomEvent.disableClickPropagation(b);
      b.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
      });
      return b;
    }
  });
  if (document.fullscreenEnabled) map.addControl(new Full());

  function words() {  // the controls' names in the reader's language
    var c = map.getContainer();
    [[".leaflet-control-zoom-in", STRINGS.zoomIn], [".leaflet-control-zoom-out", STRINGS.zoomOut],
      [".mg-full", STRINGS.fullScreen]].forEach(function (pair) {
      var b = c.querySelector(pair[0]);
      if (b) { b.title = pair[1]; b.setAttribute("aria-label", pair[1]); }
    });
  }
  words();
  state.on("change", function (change) { if (change.keys.indexOf("lang") >= 0) words(); });
})();

/* ---------- 82-places.js ---------- */
/* ---------- orientation offline: the names of the towns and villages near the places ---------- */
// Without tiles (offline on site, or a map built with --tiles none), a place at local zoom is a dot on the
// outline. The build ships the settlements near the places (render/orientation.py: [label, English name,
// lat, lon, size class], most populous first); from zoom 8 the first of them that lie in view and fit are
// named here, in their own pane under the pins. They are decoration for the eye: not focusable, hidden from
// screen readers (the list of places says where each place is) and deaf to the pointer. While tiles are
// drawn, they name the towns themselves and these labels stand aside.
(function () {
  var block = document.getElementById("mapgen-places");
  var places = window.MAPGEN_PLACES || (block ? JSON.parse(block.textContent) : []);
  if (!places.length) return;
  var MIN_ZOOM = [8, 8, 9, 10];  // by size class: a million people or more, 100,000, 10,000, fewer
  var FONT = [15, 13.5, 12.5, 12];  // px, by size class; the English name is 11 px
  var MAX_LABELS = 60;
  var pane = map.createPane("mg-places");
  pane.style.zIndex = 350;  // over the outline (150) and the tiles (200), under the pins' layers (400 and up)
  pane.setAttribute("aria-hidden", "true");
  L.DomUtil.addClass(pane, "leaflet-zoom-hide");  // hidden while a zoom animates; redrawn when it ends

  var tiles = null;
  map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) tiles = layer; });
  var tilesFail = !tiles, broken = {};
  if (tiles) {  // a tile that fails (no network) brings the labels in; they go once no failed tile is left
    var key = function (e) { return e.coords.x + ":" + e.coords.y + ":" + e.coords.z; };
    var judge = function () {
      var fail = Object.keys(broken).length > 0;
      if (fail !== tilesFail) { tilesFail = fail; draw(); }
    };
    tiles.on("tileerror", function (e) { broken[key(e)] = true; judge(); });
    tiles.on("tileload tileunload", function (e) { delete broken[key(e)]; judge(); });
  }

  function covered() {  // what lies over the map (the panel, the controls): no label is drawn half under it
    var origin = map.getContainer().getBoundingClientRect(), boxes = [];
    document.querySelectorAll("#mg-panel, .leaflet-control").forEach(function (node) {
      var r = node.getBoundingClientRect();
      if (r.width && r.height) {
        boxes.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]);
      }
    });
    return boxes;
  }

  function draw() {
    var zoom = map.getZoom();
    L.DomUtil.empty(pane);
    if (!tilesFail || !(zoom >= MIN_ZOOM[0])) return;
    var size = map.getSize(), view = map.getBounds().pad(0.05), taken = covered(), shown = 0;
    for (var i = 0; i < places.length && shown < MAX_LABELS; i++) {
      var p = places[i], cls = p[4];
      if (zoom < MIN_ZOOM[cls] || !view.contains([p[2], p[3]])) continue;
      var at = map.latLngToContainerPoint([p[2], p[3]]);
      // the label's box, estimated from its length (measuring each would lay out the page each time): a dot at
      // the point, the name to its right, the English name under it
      var w = 9 + Math.max(String(p[0]).length * FONT[cls] * 0.6, String(p[1]).length * 11 * 0.58);
      var h = FONT[cls] * 1.2 + (p[1] ? 13 : 0);
      var box = [at.x - 4, at.y - FONT[cls] * 0.6 - 2, at.x + w + 2, at.y - FONT[cls] * 0.6 + h + 2];
      if (box[0] < 0 || box[2] > size.x || box[1] < 0 || box[3] > size.y) continue;  // whole, or not at all
      if (taken.some(function (b) { return b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]; })) continue;
      taken.push(box);
      var label = el("div", "mg-place mg-place-" + cls);
      label.appendChild(el("span", "mg-place-name", p[0]));
      if (p[1]) label.appendChild(el("span", "mg-place-en", p[1]));
      L.DomUtil.setPosition(label, map.latLngToLayerPoint([p[2], p[3]]).round());
      pane.appendChild(label);
      shown++;
    }
  }
  map.on("zoomend moveend resize", draw);
  draw();
})();

/* ---------- 85-hash.js ---------- */
/* ---------- URL hash: period=a,b&category=c&years=y0-y1&site=id&lang=xx, written on every change of the state ---------- */
var hash = (function () {
  var writing = false;
  function write() {
    if (cfg.embed) return;
    var parts = [];
    if (state.get("pmask") !== D.ALL_P) parts.push("period=" + D.slugsOf(state.get("pmask"), D.PERIODS).join(","));
    if (state.get("cmask") !== D.ALL_C) parts.push("category=" + D.slugsOf(state.get("cmask"), D.CATS).join(","));
    if (state.get("y0") !== D.YMIN || state.get("y1") !== D.YMAX) {
      parts.push("years=" + state.get("y0") + "-" + state.get("y1"));
    }
    if (state.get("site")) parts.push("site=" + encodeURIComponent(state.get("site")));
    if (state.get("lang") !== (cfg.lang || "en")) parts.push("lang=" + state.get("lang"));
    var h = parts.length ? "#" + parts.join("&") : "";
    if (h !== location.hash && !(h === "" && location.hash === "#")) {
      writing = true;
      history.replaceState(null, "", h || location.pathname + location.search);
      writing = false;
    }
  }
  state.on("change", write);

  function safeMask(list, vocab, what, fallback) {
    try { return D.maskOf(list, vocab, what); } catch (e) { return fallback; }
  }
  function filterOf(h) {  // what the hash asks for, else the page's own filter; a mistyped part is ignored
    var init = cfg.initial || {};
    var span = [D.YMIN, D.YMAX];
    try { if (h.years) span = D.yearsOf(h.years); } catch (e) { /* a mistyped link shows all years */ }
    return coherent({
      pmask: "period" in h ? safeMask(h.period, D.PERIODS, "period", D.ALL_P)
        : init.periods ? D.maskOf(init.periods, D.PERIODS, "period") : D.ALL_P,
      cmask: "category" in h ? safeMask(h.category, D.CATS, "category", D.ALL_C)
        : init.categories ? D.maskOf(init.categories, D.CATS, "category") : D.ALL_C,
      y0: span[0], y1: span[1]
    }, given(!!h.years, "period" in h || !!init.periods));
  }
  function follow(frame) {  // frame(filter): set the first view, before any pin is drawn
    var h = readHash();
    var f = filterOf(h);
    if (h.lang && language.supported(h.lang) && language.supported(h.lang) !== state.get("lang")) {
      state.set({ lang: language.supported(h.lang) });
    }
    if (frame && !h.site) frame(f);
    state.set(f);
    if (h.site && D.find(h.site)) pins.openSite(h.site);
  }
  window.addEventListener("hashchange", function () { if (!writing) follow(); });
  return { follow: follow };
})();

/* ---------- 90-start.js ---------- */
/* ---------- start: the panel in place, the first view, the pins ---------- */
// The first view frames the pins, less a few lone ones that would each stretch it to almost twice
// the size (one pin in Mexico should not shrink Europe and Russia to a corner); zooming out shows them.
function coreBounds(list) {  // list: place numbers (every place when it is empty)
  var count = list.length || D.count, out = [];  // out: the lone pins left out
  function at(j) { return list.length ? list[j] : j; }
  function box(skip) {  // [south, west, north, east] of the places but `out` and `skip`; the extremes' numbers
    var b = [Infinity, Infinity, -Infinity, -Infinity], ends = [-1, -1, -1, -1];
    for (var j = 0; j < count; j++) {
      var i = at(j), lat = D.LAT[i], lon = D.LON[i];
      if (i === skip || out.indexOf(i) >= 0) continue;
      if (lat < b[0]) { b[0] = lat; ends[0] = i; }  // ends: the southern-, northern-, western- and easternmost
      if (lat > b[2]) { b[2] = lat; ends[1] = i; }
      if (lon < b[1]) { b[1] = lon; ends[2] = i; }
      if (lon > b[3]) { b[3] = lon; ends[3] = i; }
    }
    return { b: b, ends: ends };
  }
  function extent(b) { return [b[3] - b[1] || 1e-9, b[2] - b[0] || 1e-9]; }
  for (var k = Math.min(3, Math.floor(count * 0.03)); k > 0; k--) {
    var whole = box(-1), size = extent(whole.b);
    var best = -1, bestRatio = 0.6;
    whole.ends.forEach(function (i) {
      var rest = extent(box(i).b);
      var ratio = Math.min(rest[0] / size[0], rest[1] / size[1]);
      if (ratio < bestRatio) { best = i; bestRatio = ratio; }
    });
    if (best < 0) break;
    out.push(best);
  }
  var b = box(-1).b;
  return b[0] <= b[2] ? L.latLngBounds([b[0], b[1]], [b[2], b[3]]) : L.latLngBounds([]);
}

panel.appendChild(panelBody);
ui.build();
heading.words();
layout();
window.addEventListener("resize", layout);
toggle.addEventListener("click", layout);
// the first view is set before any pin exists, so that no cluster animates on the way in
hash.follow(function (filter) {
  var shown = [];
  for (var i = 0; i < D.count; i++) if (matches(i, filter)) shown.push(i);
  var bounds = coreBounds(shown);
  if (bounds.isValid()) {
    map.fitBounds(bounds, { paddingTopLeft: panelPad(), paddingBottomRight: [30, 40], maxZoom: 9, animate: false });
  }
});

/* ---------- 95-api.js ---------- */
/* ---------- the page API: window.mapgen (README, "Page API") ---------- */
window.mapgen = {
  sites: function () { return D.ids(); },
  visibleSites: function () { return pins.visible().map(D.id); },
  setFilter: function (f) {
    f = f || {};
    var pm = "periods" in f ? D.maskOf(f.periods, D.PERIODS, "period") : D.ALL_P;
    var cm = "categories" in f ? D.maskOf(f.categories, D.CATS, "category") : D.ALL_C;
    var ys = "years" in f ? D.yearsOf(f.years) : [D.YMIN, D.YMAX];
    state.set(coherent({ pmask: pm, cmask: cm, y0: ys[0], y1: ys[1] }, given("years" in f, "periods" in f)));
  },
  getFilter: function () {
    return { periods: D.slugsOf(state.get("pmask"), D.PERIODS), categories: D.slugsOf(state.get("cmask"), D.CATS),
      years: [state.get("y0"), state.get("y1")] };
  },
  openSite: function (id) { pins.openSite(id); },
  nearest: function (lat, lon, n) {
    return nearest(lat, lon, n || 5).map(function (p) { return { id: p[1].id, km: p[0] }; });
  },
  setLanguage: function (code) {
    var lang = language.supported(code);
    if (!lang) throw new TypeError("no language " + JSON.stringify(code) + "; one of: " + language.codes.join(", "));
    language.remember(lang);
    state.set({ lang: lang });
  },
  showList: function (on) { placeList.show(on !== false); },
  getLanguage: function () { return state.get("lang"); },
  languages: function () { return language.codes.slice(); },
  map: map
};
document.documentElement.setAttribute("data-mapgen", "ready");

/* ---------- 96-height.js ---------- */
/* ---------- auto-height: an embed tells the article around it the height it wants ----------
 * The page posts {type: "mapgen:height", height} to the window that frames it; the listener printed with the
 * <iframe> snippet (`mapgen embed --auto-height`) sets the frame's height. The height follows the frame's
 * width (a map wider than tall on a desktop, taller on a phone) and, on a phone, grows to show the open panel
 * whole; it never depends on the frame's own height, so setting it cannot make it grow again.
 */
if (cfg.embed && window.parent !== window) {
  (function () {
    var sent = 0;
    function wanted() {
      var width = document.documentElement.clientWidth || window.innerWidth;
      var h = Math.round(width < 600 ? width * 1.15 : width * 0.62);
      // on a phone the open panel covers the map: show its content whole, though a part of it scrolls
      if (width < 600 && panel.classList.contains("mg-open")) {
        var content = panel.scrollHeight;
        Array.prototype.forEach.call(panel.children, function (c) { content += c.scrollHeight - c.clientHeight; });
        // the panel may take a share of the frame's height (max-height: 75%): ask for enough that it fits
        var max = parseFloat(getComputedStyle(panel).maxHeight);
        var share = max > 0 && window.innerHeight > 0 ? Math.min(1, max / window.innerHeight) : 1;
        h = Math.max(h, Math.ceil(content / share + 2 * panel.getBoundingClientRect().top));
      }
      return Math.min(1200, Math.max(380, h));
    }
    function send() {
      var h = wanted();
      if (h === sent) return;
      sent = h;
      try { window.parent.postMessage({ type: "mapgen:height", height: h }, "*"); } catch (e) { /* no parent */ }
    }
    window.addEventListener("resize", send);
    if (window.MutationObserver) new MutationObserver(send).observe(panel, { attributes: true, attributeFilter: ["class"] });
    send();
  })();
}
})();
