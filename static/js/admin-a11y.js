// Accessible names for the admin widgets that lack one (WCAG 4.1.2): the autocomplete boxes
// (select2), the rich-text editors (ProseMirror) and the fields of tabular inlines, whose only
// label is the column heading. Each is named by the label a sighted user reads beside it.
// Rows added later ("Thêm một …") and widgets that start after this script are named too.
(function () {
  var serial = 0;

  function idOf(element, prefix) {
    if (!element.id) { element.id = prefix + "-" + (++serial); }
    return element.id;
  }

  // The <label for> of a field, or the heading of its column in a tabular inline.
  function labelOf(field) {
    if (field.labels && field.labels.length) { return field.labels[0]; }
    var cell = field.closest(".tabular td");
    var head = cell && cell.closest("table").tHead;
    return head ? head.rows[0].cells[cell.cellIndex] : null;
  }

  function labelledBy(element, label, extra) {
    if (!element || element.hasAttribute("data-a11y-named")) { return; }
    var ids = [idOf(label, "admin-label")];
    if (extra) { ids.push(extra); }
    element.setAttribute("aria-labelledby", ids.join(" "));
    element.setAttribute("data-a11y-named", "");
  }

  function nameWidgets() {
    document.querySelectorAll(".tabular td :is(input, select, textarea)").forEach(function (field) {
      if (field.type === "hidden" || (field.labels && field.labels.length) || field.closest(".empty-form")) { return; }
      var label = labelOf(field);
      if (label) { labelledBy(field, label); }
    });
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = labelOf(select);
      var widget = select.nextElementSibling;
      if (!label || !widget || !widget.classList.contains("select2")) { return; }
      var shown = widget.querySelector(".select2-selection__rendered");
      // The box reads as its label and the chosen value ("Cơ quan ban hành: UBND huyện …").
      labelledBy(widget.querySelector("[role=combobox]"), label, shown && shown.id);
      if (shown && shown.getAttribute("role") === "textbox") { labelledBy(shown, label); }
      labelledBy(widget.querySelector(".select2-search__field"), label);
      // The "×" that clears a multiple choice sits inside the list of choices; it is for the
      // mouse (Backspace clears from the keyboard), so it stays out of the accessibility tree.
      widget.querySelectorAll(".select2-selection__clear").forEach(function (clear) {
        clear.setAttribute("aria-hidden", "true");
      });
    });
    document.querySelectorAll(".prose-editor").forEach(function (editor) {
      var textarea = editor.querySelector("textarea");
      var label = textarea && labelOf(textarea);
      if (label) { labelledBy(editor.querySelector("[contenteditable=true]"), label); }
    });
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; nameWidgets(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    schedule();
    new MutationObserver(function (mutations) {
      // Typing in an editor changes its contents only; widgets appear elsewhere.
      if (mutations.some(function (m) { return !m.target.closest || !m.target.closest("[contenteditable=true]"); })) {
        schedule();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
