"use strict";
// The side menu starts folded unless the user opened it (Django keeps the choice here).
if (window.localStorage && localStorage.getItem("django.admin.navSidebarIsOpen") === null) {
  localStorage.setItem("django.admin.navSidebarIsOpen", "false");
}
// On a phone each list row becomes a card: every cell is labelled by its column's header.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("#result_list, #change-history").forEach(function (table) {
    table.classList.add("cards");
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.innerText.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i]) cell.setAttribute("data-label", heads[i]);
      });
    });
  });
});
// A button that cannot be undone asks first (the hamlet head's "Nộp kết quả").
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
