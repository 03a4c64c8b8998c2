"use strict";
// The side menu starts folded unless the user opened it (Django keeps the choice here).
if (window.localStorage && localStorage.getItem("django.admin.navSidebarIsOpen") === null) {
  localStorage.setItem("django.admin.navSidebarIsOpen", "false");
}
// On a phone each list row becomes a card: every cell is labelled by its column's header.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("#result_list").forEach(function (table) {
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
