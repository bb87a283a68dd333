/* Progressive enhancement for Django formsets: remove and move rows without a round trip, and add
   rows in the page where a button is marked data-js-only. "Nog een …" submit buttons stay plain
   submits, so the server saves what was typed before it shows one more row.
   Without this script the pages still work: an extra empty row, "Verwijderen" checkboxes,
   "Volgorde" numbers and "Nog een …" buttons that save and show one more row.
   A form marked data-warn-unsaved asks before the page is left with changes not yet saved. */
(function () {
  "use strict";

  function rows(container) {
    return Array.prototype.slice.call(container.querySelectorAll(":scope > [data-formset-row]"));
  }

  function renumber(formset) {
    // Rows nested in a row's [data-formset-subrows] (sub-sections) are numbered among themselves: "1.2".
    var number = function (container, label) {
      var visible = rows(container).filter(function (row) { return !row.hidden; });
      visible.forEach(function (row, index) {
        var order = row.querySelector(".formset-order input");
        if (order) { order.value = index + 1; }
        var shown = row.querySelector("[data-formset-number]");
        if (shown) { shown.textContent = label + (index + 1); }
        var nested = row.querySelector(":scope > [data-formset-subrows]");
        if (nested) { number(nested, label + (index + 1) + "."); }
      });
    };
    number(formset.querySelector("[data-formset-rows]"), "");
  }

  function moveButton(label, text, onClick) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary btn-sm";
    button.textContent = text;
    button.setAttribute("aria-label", label);
    button.addEventListener("click", onClick);
    return button;
  }

  function enhanceRow(formset, row) {
    var order = row.querySelector(".formset-order");
    if (order && !order.parentNode.querySelector(":scope > [data-formset-move]")) {
      order.classList.add("d-none");
      var group = document.createElement("div");
      group.className = "btn-group";
      group.setAttribute("data-formset-move", "");
      // The page renders the labels in its own language: data-label-up / data-label-down.
      var up = formset.getAttribute("data-label-up") || "↑";
      var down = formset.getAttribute("data-label-down") || "↓";
      group.appendChild(moveButton(up, "↑ " + up, function () {
        var previous = row.previousElementSibling;
        if (previous) { row.parentNode.insertBefore(row, previous); renumber(formset); this.focus(); }
      }));
      group.appendChild(moveButton(down, "↓ " + down, function () {
        var next = row.nextElementSibling;
        if (next) { row.parentNode.insertBefore(next, row); renumber(formset); this.focus(); }
      }));
      order.parentNode.insertBefore(group, order);
    }
    var remove = row.querySelector("[data-formset-delete]");
    if (remove) {
      var mark = function () { row.classList.toggle("formset-row-removed", remove.checked); };
      remove.addEventListener("change", mark);
      mark();
    }
  }

  function addRow(formset) {
    var prefix = formset.getAttribute("data-prefix");
    var total = formset.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var template = formset.querySelector("template[data-formset-empty]");
    var index = parseInt(total.value, 10);
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.querySelector("[data-formset-row]");
    formset.querySelector("[data-formset-rows]").appendChild(row);
    total.value = index + 1;
    enhanceRow(formset, row);
    renumber(formset);
    var first = row.querySelector("input:not([type=hidden]), textarea, select");
    if (first) { first.focus(); }
  }

  document.querySelectorAll("[data-formset]").forEach(function (formset) {
    formset.querySelectorAll("[data-formset-rows] [data-formset-row]").forEach(function (row) { enhanceRow(formset, row); });
    var add = formset.querySelector("[data-formset-add]");
    if (add && add.hasAttribute("data-js-only")) {
      add.classList.remove("d-none");
      add.addEventListener("click", function (event) { event.preventDefault(); addRow(formset); });
    }
    formset.querySelectorAll("[data-no-js]").forEach(function (hint) { hint.hidden = true; });
  });

  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var changed = false;
    var submitting = false;
    var mark = function () { changed = true; };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("click", function (event) {
      if (event.target.closest("[data-formset-move]")) { mark(); }
    });
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (changed && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  });
})();
