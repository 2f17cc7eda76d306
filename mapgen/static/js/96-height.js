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
