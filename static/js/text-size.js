// Text-size control (A− A A+), remembered between pages. Without JavaScript the
// control stays hidden and the page keeps the browser's own text size.
(function () {
  var KEY = "cchc-text-size";
  var STEPS = [100, 112.5, 125, 150];
  var root = document.documentElement;

  function stored() {
    try { return parseFloat(window.localStorage.getItem(KEY)) || 100; } catch (e) { return 100; }
  }
  function apply(size) {
    root.style.fontSize = size === 100 ? "" : size + "%";
    try { window.localStorage.setItem(KEY, String(size)); } catch (e) { /* private mode */ }
  }
  function step(size, direction) {
    var index = STEPS.indexOf(size);
    if (index < 0) { index = 0; }
    return STEPS[Math.min(Math.max(index + direction, 0), STEPS.length - 1)];
  }

  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    var control = document.querySelector(".text-size");
    if (!control) { return; }
    control.hidden = false;
    control.addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-text-size");
      if (!action) { return; }
      var size = stored();
      apply(action === "reset" ? 100 : step(size, action === "larger" ? 1 : -1));
    });
  });
})();
