/* Feedback forms, enhanced. Without JavaScript they are ordinary HTML forms that POST to the
   receiver and land on a thank-you page (or open the visitor's e-mail program). With it they
   submit in place and announce the result; errors come from the receiver, so the browser and
   the server never disagree, and are shown GOV.UK-style: a summary first, the message at the field. */
(function () {
  "use strict";

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function controlId(slug, field) { return "veld-" + slug + "-" + field; }

  function clearErrors(form) {
    var summary = form.previousElementSibling;
    if (summary && summary.classList.contains("portaal-error-summary")) summary.remove();
    form.querySelectorAll(".portaal-field-error").forEach(function (e) { e.remove(); });
    form.querySelectorAll(".portaal-field--error").forEach(function (f) { f.classList.remove("portaal-field--error"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
    form.querySelectorAll("[aria-describedby]").forEach(function (c) {
      var kept = c.getAttribute("aria-describedby").split(" ").filter(function (id) { return !/-fout$/.test(id); });
      if (kept.length) c.setAttribute("aria-describedby", kept.join(" "));
      else c.removeAttribute("aria-describedby");
    });
  }

  function showErrors(form, slug, errors) {
    clearErrors(form);
    var summary = element("div", "", { "class": "portaal-error-summary", role: "alert", tabindex: "-1",
                                       "aria-labelledby": "fouten-" + slug });
    summary.appendChild(element("h2", "Er ging iets mis", { id: "fouten-" + slug }));
    var list = element("ul");
    errors.forEach(function (error) {
      var id = controlId(slug, error.field);
      var item = element("li");
      var link = element("a", error.message, { href: "#" + id });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var control = document.getElementById(id);
        if (control) control.focus();
      });
      item.appendChild(link);
      list.appendChild(item);
      var control = document.getElementById(id);
      if (!control) return;
      var field = control.closest(".portaal-field");
      field.classList.add("portaal-field--error");
      var message = element("p", "", { "class": "portaal-field-error", id: id + "-fout" });
      message.appendChild(element("span", "Fout: ", { "class": "portaal-visually-hidden" }));
      message.appendChild(document.createTextNode(error.message));
      var before = field.querySelector(".portaal-answers, input:not([type=radio]), textarea");
      before.parentNode.insertBefore(message, before);
      field.querySelectorAll("input, textarea").forEach(function (c) {
        if (c.name === error.field) c.setAttribute("aria-invalid", "true");
      });
      var describedBy = (field.getAttribute("aria-describedby") || control.getAttribute("aria-describedby") || "");
      var target = field.tagName === "FIELDSET" ? field : control;
      target.setAttribute("aria-describedby", (describedBy + " " + id + "-fout").trim());
    });
    summary.appendChild(list);
    form.parentNode.insertBefore(summary, form);
    summary.focus();
  }

  function status(form, message) {
    form.querySelector("[data-form-status]").textContent = message;
  }

  // A follow-up question (show_when in the form definition) appears only after its choice;
  // while hidden it is disabled, so it is not sent.
  function followUps(form) {
    form.querySelectorAll("[data-show-when-field]").forEach(function (field) {
      var name = field.getAttribute("data-show-when-field");
      var wanted = field.getAttribute("data-show-when-value");
      function update() {
        var chosen = form.querySelector('input[name="' + name + '"]:checked');
        field.hidden = !(chosen && chosen.value === wanted);
        field.querySelectorAll("input, textarea").forEach(function (c) { c.disabled = field.hidden; });
      }
      form.addEventListener("change", update);
      update();
    });
  }

  function answersAsText(form) {
    var lines = [];
    form.querySelectorAll(".portaal-field").forEach(function (field) {
      var label = (field.querySelector("legend, .portaal-label") || {}).textContent || "";
      label = label.replace("(mag leeg blijven)", "").trim();
      var checked = field.querySelector("input:checked");
      var control = field.querySelector("textarea, input:not([type=radio])");
      var value = checked ? checked.value : control ? control.value.trim() : "";
      if (value) lines.push(label + "\n" + value + "\n");
    });
    return lines.join("\n");
  }

  function sendByMail(form) {
    var title = document.querySelector("h1") ? document.querySelector("h1").textContent.trim() : "Reactie";
    var address = form.getAttribute("action");
    var url = address + (address.indexOf("?") < 0 ? "?" : "&") + "subject=" + encodeURIComponent(title) + "&body=" + encodeURIComponent(answersAsText(form));
    status(form, "Je e-mailprogramma wordt geopend. Je antwoorden staan al in de e-mail; verstuur hem daar.");
    window.location.href = url;
  }

  function send(form, slug) {
    status(form, "Bezig met versturen…");
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.getAttribute("action"), { method: "POST", body: new FormData(form), headers: { Accept: "application/json" },
                                         credentials: "omit" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) { return { response: response, body: body }; });
      })
      .then(function (result) {
        button.disabled = false;
        if (result.response.ok && result.body.ok) {
          clearErrors(form);
          var thanks = element("p", result.body.message || "Dank je wel. Je antwoord is verstuurd.",
                               { "class": "portaal-form-thanks", role: "status", tabindex: "-1" });
          form.replaceWith(thanks);
          thanks.focus();
        } else if (result.response.status === 422 && result.body.errors) {
          status(form, "");
          showErrors(form, slug, result.body.errors);
        } else {
          status(form, result.body.message || "Versturen is niet gelukt. Probeer het later opnieuw.");
        }
      })
      .catch(function () {
        button.disabled = false;
        status(form, "Versturen is niet gelukt: er is geen verbinding. Probeer het later opnieuw.");
      });
  }

  document.querySelectorAll("form[data-feedback-form]").forEach(function (form) {
    var slug = form.getAttribute("data-feedback-form");
    followUps(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.hasAttribute("data-mailto")) sendByMail(form);
      else send(form, slug);
    });
  });
})();
