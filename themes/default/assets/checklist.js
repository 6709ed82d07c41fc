/* Checklist enhancement: answers saved in this browser only (localStorage, nothing is sent),
   progress per section announced to screen readers, a summary, export to Markdown and CSV,
   import of such a file, and a reset with confirmation. Without JavaScript the page is a
   readable, printable list of questions; this file only adds to it. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-checklist]");
  if (!form) return;

  var LABELS = { ja: "Ja", deels: "Deels", nee: "Nee", "weet-niet": "Weet ik niet" };
  var FORMAT = "portaal-checklist 1";
  var slug = form.getAttribute("data-checklist");
  var title = form.getAttribute("data-title");
  var storageKey = "portaal-checklist:" + slug;
  var tools = document.querySelector("[data-checklist-tools]");
  var summary = document.querySelector("[data-summary]");
  var live = document.querySelector("[data-live]");
  var errorBox = document.querySelector("[data-error]");

  // The questions, in page order, read from the server-rendered form.
  var items = Array.prototype.map.call(form.querySelectorAll("fieldset[data-item]"), function (fieldset) {
    var section = form.querySelector('section[data-section="' + fieldset.getAttribute("data-section") + '"]');
    return {
      id: fieldset.getAttribute("data-item"),
      section: fieldset.getAttribute("data-section"),
      sectionTitle: section.querySelector("h2").textContent.trim(),
      question: fieldset.querySelector("legend").textContent.trim().replace(/^\d+\.\s*/, ""),
      fieldset: fieldset
    };
  });
  var byId = Object.create(null);  // no inherited keys: 'constructor' is not a question
  items.forEach(function (item) { byId[item.id] = item; });
  var sections = [];
  items.forEach(function (item) { if (sections.indexOf(item.section) < 0) sections.push(item.section); });

  // --- state: {itemId: {answer: "ja"|..., note: "..."}} ---------------------------------

  function emptyState() { return {}; }

  function readForm() {
    var state = emptyState();
    items.forEach(function (item) {
      var checked = item.fieldset.querySelector("input[type=radio]:checked");
      var note = item.fieldset.querySelector("textarea").value;
      if (checked || note.trim()) state[item.id] = { answer: checked ? checked.value : "", note: note };
    });
    return state;
  }

  function writeForm(state) {
    items.forEach(function (item) {
      var entry = state[item.id] || { answer: "", note: "" };
      Array.prototype.forEach.call(item.fieldset.querySelectorAll("input[type=radio]"), function (radio) {
        radio.checked = radio.value === entry.answer;
      });
      item.fieldset.querySelector("textarea").value = entry.note || "";
    });
  }

  function validState(candidate) {
    if (!candidate || typeof candidate !== "object" || Array.isArray(candidate)) return false;
    return Object.keys(candidate).every(function (id) {
      var entry = candidate[id];
      return Object.prototype.hasOwnProperty.call(byId, id) && entry && typeof entry.note === "string" &&
        (entry.answer === "" || Object.prototype.hasOwnProperty.call(LABELS, entry.answer));
    });
  }

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey) || "{}");
      return validState(saved) ? saved : emptyState();
    } catch (e) {
      return emptyState();
    }
  }

  function save(state) {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (e) {
      showError("Je antwoorden konden niet worden bewaard in deze browser. Download ze als bestand om ze te bewaren.");
    }
  }

  // --- progress and summary ---------------------------------------------------------------

  var lastStatus = {};

  function sectionStatus(state, section) {
    var own = items.filter(function (item) { return item.section === section; });
    var done = own.filter(function (item) { return state[item.id] && state[item.id].answer; }).length;
    var status = done === 0 ? "niet begonnen" : done === own.length ? "klaar" : "bezig";
    return { done: done, total: own.length, status: status };
  }

  function renderProgress(state, announce) {
    var answered = items.filter(function (item) { return state[item.id] && state[item.id].answer; }).length;
    document.querySelector("[data-progress]").value = answered;
    document.querySelector("[data-progress-text]").textContent = answered + " van " + items.length + " vragen beantwoord";
    var changes = [];
    sections.forEach(function (section) {
      var s = sectionStatus(state, section);
      document.querySelector('[data-status-for="' + section + '"]').textContent = s.status;
      document.querySelector('[data-count-for="' + section + '"]').textContent = s.done + " van " + s.total;
      if (announce && lastStatus[section] && lastStatus[section] !== s.status) {
        var name = items.filter(function (item) { return item.section === section; })[0].sectionTitle;
        changes.push("Onderdeel " + name + ": " + s.status + ".");
      }
      lastStatus[section] = s.status;
    });
    if (changes.length) say(changes.join(" ") + " " + answered + " van " + items.length + " vragen beantwoord.");
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function renderSummary(state) {
    var body = summary.querySelector("[data-summary-body]");
    body.textContent = "";
    sections.forEach(function (section) {
      var own = items.filter(function (item) { return item.section === section; });
      body.appendChild(element("h3", own[0].sectionTitle));
      var list = element("dl", undefined, { "class": "portaal-summary-list" });
      own.forEach(function (item) {
        var entry = state[item.id] || { answer: "", note: "" };
        list.appendChild(element("dt", item.question));
        var dd = element("dd");
        dd.appendChild(element("span", entry.answer ? "Antwoord: " + LABELS[entry.answer] : "Nog niet beantwoord"));
        if (entry.note.trim()) dd.appendChild(element("span", "Notitie: " + entry.note, { "class": "portaal-summary-note" }));
        var change = element("a", "Wijzig", { href: "#vraag-" + item.id });
        change.appendChild(element("span", " antwoord op: " + item.question, { "class": "portaal-visually-hidden" }));
        change.addEventListener("click", function (event) {
          event.preventDefault();
          item.fieldset.scrollIntoView();
          (item.fieldset.querySelector("input:checked") || item.fieldset.querySelector("input")).focus();
        });
        dd.appendChild(change);
        list.appendChild(dd);
      });
      body.appendChild(list);
    });
  }

  function render(state, announce) {
    renderProgress(state, announce);
    renderSummary(state);
  }

  function say(message) {
    // Clearing first makes screen readers announce a repeated message too.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
  }

  function showError(message) {
    errorBox.textContent = message;
  }

  // --- export ---------------------------------------------------------------------------

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function toMarkdown(state) {
    var lines = ["<!-- " + FORMAT + ": " + slug + " -->", "# " + title, "", "Ingevuld op " + today() + ".", ""];
    var current = null;
    items.forEach(function (item) {
      if (item.section !== current) {
        current = item.section;
        lines.push("## " + item.sectionTitle, "");
      }
      var entry = state[item.id] || { answer: "", note: "" };
      lines.push("### " + item.question + " {#" + item.id + "}", "");
      lines.push("- Antwoord: " + (entry.answer ? LABELS[entry.answer] : "nog niet beantwoord"));
      var note = entry.note.replace(/\r\n?/g, "\n").split("\n");
      lines.push("- Notitie: " + note[0]);
      note.slice(1).forEach(function (line) { lines.push("  " + line); });
      lines.push("");
    });
    return lines.join("\n");
  }

  function csvField(value) {
    return /[";\n\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  // Semicolons, because spreadsheets set to Dutch expect them; a BOM so accents survive.
  function toCsv(state) {
    var rows = [["checklist", "onderdeel", "vraag_id", "vraag", "antwoord", "notitie"]];
    items.forEach(function (item) {
      var entry = state[item.id] || { answer: "", note: "" };
      rows.push([slug, item.sectionTitle, item.id, item.question, entry.answer ? LABELS[entry.answer] : "", entry.note]);
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvField).join(";"); }).join("\r\n") + "\r\n";
  }

  function download(text, type, extension) {
    var blob = new Blob([text], { type: type + ";charset=utf-8" });
    var link = element("a", undefined, { href: URL.createObjectURL(blob), download: slug + "-" + today() + "." + extension });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // --- import ---------------------------------------------------------------------------

  function ImportError(message) { this.message = message; }

  function answerFromLabel(label, where) {
    var text = label.trim().toLowerCase();
    if (text === "" || text === "nog niet beantwoord") return "";
    for (var value in LABELS) if (LABELS[value].toLowerCase() === text) return value;
    throw new ImportError(where + ": onbekend antwoord \u2018" + label.trim() + "\u2019.");
  }

  function fromMarkdown(text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    var header = /^<!-- portaal-checklist 1: ([a-z0-9-]+) -->$/.exec(lines[0] || "");
    if (!header) throw new ImportError("Dit bestand is geen antwoordbestand van een checklist van deze site.");
    if (header[1] !== slug) throw new ImportError("Dit bestand hoort bij een andere checklist (" + header[1] + ").");
    var state = emptyState();
    var current = null;
    var inNote = false;
    lines.forEach(function (line, index) {
      var where = "Regel " + (index + 1);
      var heading = /^### [^\n]* \{#([a-z0-9-]+)\}$/.exec(line);
      if (heading) {
        if (!byId[heading[1]]) throw new ImportError(where + ": onbekende vraag \u2018" + heading[1] + "\u2019.");
        current = heading[1];
        state[current] = { answer: "", note: "" };
        inNote = false;
        return;
      }
      // [^\n]* rather than .*: notes may hold U+2028/U+2029, which '.' does not match.
      var answer = /^- Antwoord: ([^\n]*)$/.exec(line);
      var note = /^- Notitie: ?([^\n]*)$/.exec(line);
      if ((answer || note) && !current) throw new ImportError(where + ": antwoord zonder vraag.");
      if (answer) { state[current].answer = answerFromLabel(answer[1], where); inNote = false; }
      else if (note) { state[current].note = note[1]; inNote = true; }
      else if (inNote && /^ {2}/.test(line)) state[current].note += "\n" + line.slice(2);
      else inNote = false;
    });
    return state;
  }

  function parseCsv(text) {
    var rows = [], row = [], field = "", quoted = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"' && field === "") quoted = true;
      else if (ch === ";") { row.push(field); field = ""; }
      else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        row.push(field); rows.push(row); row = []; field = "";
      } else field += ch;
    }
    if (quoted) throw new ImportError("Het bestand is beschadigd: een aanhalingsteken is niet afgesloten.");
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows;
  }

  function fromCsv(text) {
    var rows = parseCsv(text.replace(/^\ufeff/, ""));
    if (!rows.length || rows[0].join(";") !== "checklist;onderdeel;vraag_id;vraag;antwoord;notitie") {
      throw new ImportError("Dit bestand is geen antwoordbestand van een checklist van deze site.");
    }
    var state = emptyState();
    rows.slice(1).forEach(function (row, index) {
      var where = "Regel " + (index + 2);
      if (row.length === 1 && row[0] === "") return;
      if (row.length !== 6) throw new ImportError(where + ": verwacht 6 kolommen, gevonden " + row.length + ".");
      if (row[0] !== slug) throw new ImportError("Dit bestand hoort bij een andere checklist (" + row[0] + ").");
      if (!byId[row[2]]) throw new ImportError(where + ": onbekende vraag \u2018" + row[2] + "\u2019.");
      state[row[2]] = { answer: answerFromLabel(row[4], where), note: row[5] };
    });
    return state;
  }

  function importText(text) {
    var state = /^\ufeff?checklist;/.test(text) ? fromCsv(text) : fromMarkdown(text);
    Object.keys(state).forEach(function (id) {
      if (!state[id].answer && !state[id].note.trim()) delete state[id];
    });
    return state;
  }

  // --- wiring ---------------------------------------------------------------------------

  var state = load();
  writeForm(state);
  tools.hidden = false;
  summary.hidden = false;
  render(state, false);

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  function update() {
    state = readForm();
    save(state);
    errorBox.textContent = "";
    render(state, true);
  }

  tools.querySelectorAll("[data-export]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (button.getAttribute("data-export") === "csv") download(toCsv(state), "text/csv", "csv");
      else download(toMarkdown(state), "text/markdown", "md");
      say("Het bestand is gedownload.");
    });
  });

  var fileInput = tools.querySelector("[data-import]");
  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var imported;
      try {
        imported = importText(text);
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        showError("Het bestand \u2018" + file.name + "\u2019 is niet geladen. " + error.message + " Er is niets veranderd.");
        return;
      }
      state = imported;
      writeForm(state);
      save(state);
      errorBox.textContent = "";
      render(state, false);
      say("Antwoorden geladen uit " + file.name + ": " + Object.keys(state).length + " vragen.");
    }).finally(function () { fileInput.value = ""; });
  });

  var confirmPanel = tools.querySelector("[data-confirm]");
  var resetButton = tools.querySelector("[data-reset]");
  resetButton.addEventListener("click", function () {
    confirmPanel.hidden = false;
    confirmPanel.querySelector("[data-confirm-no]").focus();
  });
  confirmPanel.querySelector("[data-confirm-no]").addEventListener("click", function () {
    confirmPanel.hidden = true;
    resetButton.focus();
  });
  confirmPanel.querySelector("[data-confirm-yes]").addEventListener("click", function () {
    state = emptyState();
    writeForm(state);
    window.localStorage.removeItem(storageKey);
    confirmPanel.hidden = true;
    render(state, false);
    resetButton.focus();
    say("Alle antwoorden zijn gewist.");
  });
})();
