// Plots on a narrow screen (tipcourse.css): each plot is in a box of its own that scrolls
// sideways when the column is narrower than the plot at a legible size. This marks the boxes
// that do scroll, so the hint under them shows and the keyboard reaches them (tabindex), and
// puts the plots that widgets draw (an Output widget's image) in such a box too. Its words are
// the page's language's (window.tipcourseWords, written by conf.py through gettext).
(function () {
  "use strict";
  var WORDS = window.tipcourseWords || {
    hint: "Scroll sideways to see all of the plot.",
    widgetPlot: "Plot {n} drawn by a widget"
  };

  function mark(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("tipcourse-scrolls", scrolls);
    if (scrolls) {
      box.setAttribute("tabindex", "0");
    } else {
      box.removeAttribute("tabindex");
    }
  }

  var resized = "ResizeObserver" in window
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { mark(entry.target); });
      })
    : null;

  function watch(box) {
    mark(box);
    if (resized) resized.observe(box);
  }

  function boxWidgetPlot(img, n) {
    var box = document.createElement("div");
    box.className = "tipcourse-plot-box";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", WORDS.widgetPlot.replace("{n}", n));
    img.parentNode.insertBefore(box, img);
    box.appendChild(img);
    var hint = document.createElement("p");
    hint.className = "tipcourse-plot-hint";
    hint.textContent = WORDS.hint;
    box.insertAdjacentElement("afterend", hint);
    function sized() {
      box.style.setProperty("--tipcourse-plot-width", img.naturalWidth + "px");
      watch(box);
    }
    if (img.complete && img.naturalWidth) sized(); else img.addEventListener("load", sized);
  }

  var drawn = 0;
  function scan() {
    document.querySelectorAll(".widget-output img").forEach(function (img) {
      if (!img.closest(".tipcourse-plot-box")) boxWidgetPlot(img, ++drawn);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".tipcourse-plot-box").forEach(watch);
    scan();
    // The widget manager draws the widgets after the page has loaded.
    new MutationObserver(scan).observe(document.body, {childList: true, subtree: true});
  });
  window.addEventListener("load", function () {
    document.querySelectorAll(".tipcourse-plot-box").forEach(mark);
  });
})();
