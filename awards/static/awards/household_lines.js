/* The household page: the result of each line and the hamlet's counts follow the ticks
   and votes as they are typed; "tick every household on this page" ticks them all. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("household-lines");
  if (!form) return;
  var needed = parseInt(form.dataset.needed, 10) || 0;
  var format = function (n) { return n.toLocaleString("vi-VN"); };

  function lineState(row) {
    var tick = row.querySelector("input[type=checkbox]");
    var box = row.querySelector("input.votes");
    if (!tick) return null;
    var votes = box && /^\d+$/.test(box.value.trim()) ? parseInt(box.value, 10) : null;
    return { registered: tick.checked, passes: tick.checked && needed > 0 && votes !== null && votes >= needed, votes: votes };
  }

  function refresh() {
    var registered = parseInt(form.dataset.registeredElsewhere, 10) || 0;
    var passing = parseInt(form.dataset.passingElsewhere, 10) || 0;
    form.querySelectorAll("tr.household-line").forEach(function (row) {
      var state = lineState(row);
      if (!state) return;
      if (state.registered) registered += 1;
      if (state.passes) passing += 1;
      var cell = row.querySelector(".line-result");
      if (!state.registered) cell.textContent = form.dataset.unregistered;
      else if (!needed || state.votes === null) cell.textContent = "—";
      else cell.textContent = state.passes ? form.dataset.passes : form.dataset.fails;
    });
    var shown = document.querySelector('#lines-summary [data-count="registered"]');
    if (shown) shown.textContent = format(registered);
    shown = document.querySelector('#lines-summary [data-count="passing"]');
    if (shown) shown.textContent = format(passing);
  }

  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  var all = document.getElementById("tick-page");
  if (all) {
    all.addEventListener("change", function () {
      form.querySelectorAll("tr.household-line input[type=checkbox]").forEach(function (tick) {
        tick.checked = all.checked;
      });
      refresh();
    });
  }
});
