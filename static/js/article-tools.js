// Article page tools that need JavaScript: copy the address, print. Without JavaScript
// their buttons stay hidden; the address field can still be selected and copied by hand.
(function () {
  function copy(field, status) {
    field.focus();
    field.select();
    var done = function () { status.textContent = "Đã sao chép liên kết."; };
    var fallback = function () {
      try {
        document.execCommand("copy");
        done();
      } catch (e) {
        status.textContent = "Hãy nhấn Ctrl+C (hoặc giữ và chọn Sao chép) để sao chép.";
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  function reveal(element) {
    var hidden = element.closest("[hidden]");
    if (hidden) { hidden.hidden = false; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.querySelector("[data-copy-status]");
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field || !status) { return; }
      reveal(button);
      button.addEventListener("click", function () { copy(field, status); });
      field.addEventListener("focus", function () { field.select(); });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      reveal(button);
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
