/* The verslag editor in place (after formsets.js): a subgroup named in the page gets its answer
   field under every deelvraag at once, and a new deelvraag one per named subgroup, so one save
   stores everything; "+ Onderdeel binnen …" adds the sub-section row in the page, and "Valt onder"
   offers the sections as they are typed. Without this script the buttons save and reload. */
(function () {
  "use strict";

  var form = document.querySelector("form.outcome-form");
  if (!form || !window.leerkringFormsets) { return; }
  var subgroups = document.getElementById("subgroep-lijst");
  var questions = document.getElementById("deelvraag-lijst");
  var sections = document.getElementById("onderdeel-lijst");
  var prototype = form.querySelector("template[data-answer-prototype]");

  function rowIndex(row) {
    var match = /-(\d+)$/.exec(row.id || "");
    return match ? match[1] : null;
  }

  function ownRows(container) {
    return Array.prototype.slice.call(container.querySelectorAll(":scope > [data-formset-row]"));
  }

  function removed(row) {
    var remove = row.querySelector("[data-formset-delete]");
    return row.hidden || Boolean(remove && remove.checked);
  }

  // Answers: one field per deelvraag and named subgroup, in the order of the subgroups.
  function columns() {
    return ownRows(subgroups.querySelector("[data-formset-rows]")).map(function (row) {
      var name = row.querySelector("input[name$='-name']");
      var text = name ? name.value.trim() : "";
      return { index: rowIndex(row), name: text, shown: Boolean(text) && !removed(row) };
    });
  }

  function answerField(question, column) {
    var holder = document.createElement("div");
    holder.innerHTML = prototype.innerHTML
      .replace(/__prefix__/g, question)
      .replace(/__col__/g, column);
    return holder.firstElementChild;
  }

  function syncAnswers() {
    var wanted = columns();
    ownRows(questions.querySelector("[data-formset-rows]")).forEach(function (row) {
      var question = rowIndex(row);
      var box = row.querySelector("[data-answer-fields]");
      if (!box || question === null) { return; }
      var any = false;
      wanted.forEach(function (column) {
        var name = "deelvraag-" + question + "-answer_" + column.index;
        var area = box.querySelector("[name='" + name + "']");
        var wrapper = area ? area.closest("[data-answer-field]") : null;
        if (!wrapper && column.shown) {
          wrapper = answerField(question, column.index);
          area = wrapper.querySelector("textarea");
        }
        if (!wrapper) { return; }
        if (wrapper.parentNode !== box || box.lastElementChild !== wrapper) { box.appendChild(wrapper); }
        wrapper.hidden = !column.shown;
        var label = wrapper.querySelector("label");
        if (label && column.name) { label.textContent = column.name; }
        any = any || column.shown;
      });
      var hint = row.querySelector("[data-answer-hint]");
      if (hint) { hint.hidden = any; }
    });
  }

  // Sections: "Valt onder" offers the top sections with a heading; "+ Onderdeel binnen …" names it.
  function topSections() {
    return ownRows(sections.querySelector("[data-formset-rows]")).filter(function (row) { return !removed(row); });
  }

  function heading(row) {
    var input = row.querySelector("input[name$='-heading']");
    return input ? input.value.trim() : "";
  }

  function syncSections() {
    var tops = topSections();
    sections.querySelectorAll("[data-formset-row]").forEach(function (row) {
      var select = row.querySelector("select[name$='-parent']");
      if (!select) { return; }
      var own = rowIndex(row);
      var current = select.value;
      var none = select.options[0] ? select.options[0].textContent : "";
      var choices = tops.filter(function (top) { return rowIndex(top) !== own && heading(top); });
      select.textContent = "";
      select.appendChild(new Option(none, ""));
      choices.forEach(function (top) { select.appendChild(new Option(heading(top), rowIndex(top))); });
      select.value = current;
      if (select.value !== current) { select.appendChild(new Option(current, current)); select.value = current; }
    });
    tops.forEach(function (top) {
      var button = top.querySelector(":scope > [data-section-under]");
      if (!button) { return; }
      var text = heading(top);
      var label = text ? sections.getAttribute("data-label-within").replace("__heading__", text) : sections.getAttribute("data-label-here");
      button.textContent = "+ " + label;
    });
  }

  function addUnder(top) {
    var container = top.querySelector(":scope > [data-formset-subrows]");
    var parent = rowIndex(top);
    var once = function (event) {
      sections.removeEventListener("formset:added", once);
      var row = event.detail.row;
      // A sub-section has no sub-sections of its own.
      row.querySelectorAll("[data-formset-subrows], [data-section-under]").forEach(function (part) { part.remove(); });
      row.classList.replace("bg-white", "bg-light");
      row.classList.replace("mb-3", "mb-2");
      var select = row.querySelector("select[name$='-parent']");
      select.appendChild(new Option(heading(top) || parent, parent));
      select.value = parent;
    };
    sections.addEventListener("formset:added", once);
    window.leerkringFormsets.addRow(sections, container);
  }

  sections.addEventListener("click", function (event) {
    var button = event.target.closest("[data-section-under]");
    if (!button) { return; }
    event.preventDefault();
    addUnder(button.closest("[data-formset-row]"));
  });

  form.addEventListener("input", function (event) {
    if (subgroups.contains(event.target)) { syncAnswers(); }
    if (event.target.matches("input[name$='-heading']")) { syncSections(); }
  });
  form.addEventListener("formset:changed", function (event) {
    if (event.target === subgroups || event.target === questions) { syncAnswers(); }
    if (event.target === sections) { syncSections(); }
  });

  questions.querySelectorAll("[data-answer-hint]").forEach(function (hint) {
    hint.textContent = hint.getAttribute("data-hint-js");
  });
  var template = questions.querySelector("template[data-formset-empty]");
  var hint = template.content.querySelector("[data-answer-hint]");
  if (hint) { hint.textContent = hint.getAttribute("data-hint-js"); }
  syncAnswers();
  syncSections();
})();

/* Autosave of a concept (form[data-autosave]): a few seconds after typing stops the form is posted in
   the background to the same save, with its version; the answer brings the new version and the ids
   of new rows, so the next save neither conflicts nor adds them twice. After a version conflict it
   stops: "Concept opslaan" then shows both people's changes. */
(function () {
  "use strict";

  var form = document.querySelector("form.outcome-form[data-autosave]");
  var status = document.getElementById("autosave-status");
  if (!form || !status || !window.fetch) { return; }
  var url = form.getAttribute("data-autosave");
  var delay = parseInt(form.getAttribute("data-autosave-delay") || "3000", 10);
  var timer = null;
  var busy = false;
  var stopped = false;
  var edits = 0;
  var saved = 0;
  var submitter = null;

  function schedule() {
    if (stopped) { return; }
    edits += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  function apply(answer) {
    form.elements.namedItem("version").value = answer.version;
    Object.keys(answer.ids).forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field) { field.value = answer.ids[name] === null ? "" : answer.ids[name]; }
    });
  }

  function save() {
    timer = null;
    if (busy || stopped) { return; }
    busy = true;
    var sent = edits;
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (answer) { return { response: response, answer: answer }; });
      })
      .then(function (result) {
        status.textContent = result.answer.message || "";
        status.classList.toggle("text-danger", !result.response.ok);
        if (result.response.ok) {
          apply(result.answer);
          saved = sent;
          if (saved === edits) { form.dispatchEvent(new CustomEvent("autosave:saved")); }
        } else if (result.response.status === 409) {
          stopped = true;
        }
      })
      .catch(function () {
        status.textContent = status.getAttribute("data-label-failed");
        status.classList.add("text-danger");
      })
      .then(function () {
        busy = false;
        if (submitter !== null) {
          // A save clicked while this one was under way goes now, with the new version.
          var button = submitter;
          submitter = null;
          form.requestSubmit(button || undefined);
        } else if (edits !== saved && !stopped && timer === null) {
          timer = window.setTimeout(save, delay);
        }
      });
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("formset:changed", schedule);
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer);
    timer = null;
    if (busy) {
      event.preventDefault();
      submitter = event.submitter || false;
      return;
    }
    stopped = true;
  });
})();
