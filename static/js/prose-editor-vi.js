// The rich-text editor (django-prose-editor) for Vietnamese officers:
// - its toolbar's tooltips in Vietnamese (the library writes them in English, outside gettext;
//   its dialogs go through gettext and are translated in locale/vi/LC_MESSAGES/djangojs.po);
// - pasting from Word keeps lists: Word marks a list item as a paragraph with "mso-list" and a
//   "·", "o" or "1." in a span marked "Ignore"; the editor would keep those as plain paragraphs.
//   The same conversion runs on the server before sanitizing (publishing/richtext.py), for
//   anything that reaches it another way.
(function () {
  var TOOLTIPS = {
    "bold": "Chữ đậm", "italic": "Chữ nghiêng", "underline": "Gạch chân", "strike": "Gạch ngang",
    "unordered list": "Danh sách dấu đầu dòng", "ordered list": "Danh sách đánh số",
    "blockquote": "Trích dẫn", "insert link": "Chèn liên kết", "remove link": "Bỏ liên kết",
    "undo": "Hoàn tác", "redo": "Làm lại", "paragraph": "Đoạn văn", "horizontal rule": "Đường kẻ ngang",
    "heading 1": "Tiêu đề cấp 1", "heading 2": "Tiêu đề cấp 2", "heading 3": "Tiêu đề cấp 3",
    "heading 4": "Tiêu đề cấp 4", "heading 5": "Tiêu đề cấp 5", "heading 6": "Tiêu đề cấp 6",
    "Insert table": "Chèn bảng", "Merge cells": "Gộp ô", "Split cell": "Tách ô",
    "Add column after": "Thêm cột bên phải", "Add column before": "Thêm cột bên trái",
    "Delete column": "Xóa cột", "Add row after": "Thêm hàng bên dưới", "Add row before": "Thêm hàng bên trên",
    "Delete row": "Xóa hàng", "Delete table": "Xóa bảng", "Toggle header cell": "Đặt/bỏ ô tiêu đề",
    "edit HTML": "Sửa mã HTML", "Edit HTML": "Sửa mã HTML", "Toggle fullscreen": "Bật/tắt toàn màn hình",
    "subscript": "Chỉ số dưới", "superscript": "Chỉ số trên", "Code": "Mã", "Code block": "Khối mã",
    "figure": "Hình", "Block style": "Kiểu khối"
  };

  function translateToolbar(root) {
    root.querySelectorAll("[title], [aria-label]").forEach(function (element) {
      ["title", "aria-label"].forEach(function (name) {
        var value = element.getAttribute(name);
        if (value && TOOLTIPS[value]) { element.setAttribute(name, TOOLTIPS[value]); }
      });
    });
  }

  var NUMBERED = /^\(?([0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]$/;

  function listsFromWord(html) {
    if (!/mso-list|MsoListParagraph|<h1/i.test(html)) { return html; }
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.body.querySelectorAll("h1").forEach(function (heading) {
      var replacement = doc.createElement("h2");
      replacement.append.apply(replacement, Array.from(heading.childNodes));
      heading.replaceWith(replacement);
    });
    var open = [];  // the lists an item of each level goes into, outermost first
    doc.body.querySelectorAll("p").forEach(function (paragraph) {
      var level = /mso-list:\s*l\d+\s+level(\d+)/i.exec(paragraph.getAttribute("style") || "");
      if (!level && !/MsoListParagraph/i.test(paragraph.className)) { return; }
      if (!open.length || paragraph.previousElementSibling !== open[0]) { open = []; }
      var depth = level ? Number(level[1]) : 1;
      var ignored = paragraph.querySelector("[style*='mso-list:Ignore'], [style*='mso-list: Ignore']");
      var marker = ignored ? ignored.textContent.replace(/[\s\u00a0]/g, "") : "";
      if (ignored) { ignored.remove(); }
      var kind = NUMBERED.test(marker) ? "OL" : "UL";
      while (open.length > depth || (open.length === depth && open[open.length - 1].tagName !== kind)) { open.pop(); }
      while (open.length < depth) {
        var list = doc.createElement(kind);
        if (open.length) {
          var parent = open[open.length - 1];
          (parent.lastElementChild || parent).appendChild(list);
        } else {
          paragraph.before(list);
        }
        open.push(list);
      }
      var item = doc.createElement("li");
      var text = doc.createElement("p");
      text.append.apply(text, Array.from(paragraph.childNodes));
      item.appendChild(text);
      open[open.length - 1].appendChild(item);
      paragraph.remove();
    });
    return doc.body.innerHTML;
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    var root = editor.view.dom.closest(".prose-editor") || editor.view.dom.parentElement;
    translateToolbar(root);
    editor.view.dom.setAttribute("spellcheck", "true");
    editor.view.dom.setAttribute("lang", "vi");
    editor.view.setProps({ transformPastedHTML: listsFromWord });
  });
})();
