/* Progressive enhancement for Django formsets: add, remove and move rows in the page, without a
   round trip. A formset with a <template data-formset-empty> gets its "add" button taken over: the
   row is copied from the template and TOTAL_FORMS counted up. In a formset marked
   data-formset-hide-removed, ticking "Verwijderen" hides the row (with an undo), else it is greyed.
   Without this script the pages still work: an extra empty row, "Verwijderen" checkboxes,
   "Volgorde" numbers and "Nog een …" buttons that save and show one more row.
   Other scripts hear "formset:added" (detail.row) and "formset:changed" on the formset, and may
   call window.leerkringFormsets.addRow(formset, container) to add a row inside another row.
   A form marked data-warn-unsaved asks before the page is left with changes not yet saved. */
(function () {
  "use strict";

  function rows(container) {
    return Array.prototype.slice.call(container.querySelectorAll(":scope > [data-formset-row]"));
  }

  function changed(formset) {
    formset.dispatchEvent(new CustomEvent("formset:changed", { bubbles: true }));
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

  function sibling(row, direction) {
    // The nearest shown row that way; removed rows and their undo notes are passed over.
    var next = row[direction];
    while (next && (!next.hasAttribute("data-formset-row") || next.hidden)) { next = next[direction]; }
    return next;
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

  function firstField(row) {
    var fields = Array.prototype.slice.call(row.querySelectorAll("input:not([type=hidden]), textarea, select"));
    return fields.filter(function (field) { return !field.closest(".formset-controls"); })[0];
  }

  function hideRemoved(formset, row, remove) {
    var note = row.nextElementSibling;
    note = note && note.hasAttribute("data-formset-undo") ? note : null;
    if (!remove.checked || note) { return; }
    row.hidden = true;
    note = document.createElement("p");
    note.className = "small text-body-secondary mb-3";
    note.setAttribute("data-formset-undo", "");
    note.textContent = (formset.getAttribute("data-label-removed") || "") + " ";
    var undo = document.createElement("button");
    undo.type = "button";
    undo.className = "btn btn-link btn-sm p-0 align-baseline";
    undo.textContent = formset.getAttribute("data-label-undo") || "↺";
    undo.addEventListener("click", function () {
      remove.checked = false;
      row.hidden = false;
      note.remove();
      renumber(formset);
      changed(formset);
      var field = firstField(row);
      if (field) { field.focus(); }
    });
    note.appendChild(undo);
    row.parentNode.insertBefore(note, row.nextSibling);
    return undo;
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
        var previous = sibling(row, "previousElementSibling");
        if (previous) { row.parentNode.insertBefore(row, previous); renumber(formset); changed(formset); this.focus(); }
      }));
      group.appendChild(moveButton(down, "↓ " + down, function () {
        var next = sibling(row, "nextElementSibling");
        if (next) { row.parentNode.insertBefore(row, next.nextSibling); renumber(formset); changed(formset); this.focus(); }
      }));
      order.parentNode.insertBefore(group, order);
    }
    var remove = row.querySelector("[data-formset-delete]");
    if (!remove) { return; }
    if (formset.hasAttribute("data-formset-hide-removed")) {
      remove.addEventListener("change", function () {
        var undo = hideRemoved(formset, row, remove);
        renumber(formset);
        changed(formset);
        if (undo) { undo.focus(); }
      });
      hideRemoved(formset, row, remove);
    } else {
      var mark = function () { row.classList.toggle("formset-row-removed", remove.checked); };
      remove.addEventListener("change", mark);
      mark();
    }
  }

  function addRow(formset, container) {
    var prefix = formset.getAttribute("data-prefix");
    var total = formset.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var template = formset.querySelector("template[data-formset-empty]");
    var index = parseInt(total.value, 10);
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.querySelector("[data-formset-row]");
    (container || formset.querySelector("[data-formset-rows]")).appendChild(row);
    total.value = index + 1;
    formset.dispatchEvent(new CustomEvent("formset:added", { bubbles: true, detail: { row: row } }));
    row.querySelectorAll("[data-formset-row]").forEach(function (nested) { enhanceRow(formset, nested); });
    enhanceRow(formset, row);
    renumber(formset);
    changed(formset);
    var first = firstField(row);
    if (first) { first.focus(); }
    return row;
  }

  window.leerkringFormsets = { addRow: addRow, renumber: renumber };

  document.querySelectorAll("[data-formset]").forEach(function (formset) {
    formset.querySelectorAll("[data-formset-rows] [data-formset-row]").forEach(function (row) { enhanceRow(formset, row); });
    var add = formset.querySelector("[data-formset-add]");
    if (add && formset.querySelector("template[data-formset-empty]")) {
      add.classList.remove("d-none");
      add.addEventListener("click", function (event) { event.preventDefault(); addRow(formset); });
    }
    formset.querySelectorAll("[data-no-js]").forEach(function (hint) { hint.hidden = true; });
    renumber(formset);
  });

  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var dirty = false;
    var submitting = false;
    var mark = function () { dirty = true; };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("formset:changed", mark);
    form.addEventListener("submit", function () { submitting = true; });
    // The autosave (outcome-editor.js) says when everything typed is stored.
    form.addEventListener("autosave:saved", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  });
})();
