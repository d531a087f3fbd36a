// The widget manager loads its modules through require.js: map their AMD names to the copy in
// _static/html-manager next to this file, so that none is fetched from a CDN.
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": here + "html-manager",
      "@jupyter-widgets": here + "html-manager",
    },
  });
})();
