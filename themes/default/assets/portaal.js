/* Small enhancements for every page. The site works without them.
   - Glossary tooltips can be dismissed with Escape (WCAG 1.4.13).
   - "Lees voor": the browser's own speech synthesis reads the page aloud with a Dutch voice.
     Nothing is sent to another service; without JavaScript or a Dutch voice there is no control. */
(function () {
  "use strict";

  // --- glossary tooltips ------------------------------------------------------------------
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".portaal-term").forEach(function (term) {
      if (term.matches(":hover") || term.contains(document.activeElement)) term.classList.add("portaal-term--dismissed");
    });
  });
  ["mouseleave", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var term = event.target.closest && event.target.closest(".portaal-term");
      if (term) term.classList.remove("portaal-term--dismissed");
    }, true);
  });

  // --- read aloud ---------------------------------------------------------------------------
  var synth = window.speechSynthesis;
  var article = document.querySelector(".md-content__inner");
  var heading = article && article.querySelector("h1");
  if (!synth || !heading || typeof window.SpeechSynthesisUtterance !== "function") return;

  function dutchVoice() {
    var voices = synth.getVoices() || [];
    return voices.filter(function (v) { return /^nl(-|_|$)/i.test(v.lang); })[0] || null;
  }

  // The blocks a listener needs, in reading order; menus, tooltips and hidden parts are skipped.
  function blocks() {
    var selector = "h1, h2, h3, h4, p, li, dt, dd, blockquote, figcaption, legend, td, th";
    return Array.prototype.filter.call(article.querySelectorAll(selector), function (el) {
      return !el.closest(".portaal-readaloud, .portaal-term__tip, nav, [hidden], .portaal-visually-hidden") &&
        !el.parentElement.closest(selector) && el.offsetParent !== null && el.textContent.trim();
    }).map(function (el) {
      var copy = el.cloneNode(true);
      copy.querySelectorAll(".portaal-term__tip").forEach(function (tip) { tip.remove(); });
      return copy.textContent.replace(/\s+/g, " ").trim();
    });
  }

  function build(voice) {
    var group = document.createElement("div");
    group.className = "portaal-readaloud";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Voorlezen");
    function button(label, handler) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button";
      b.textContent = label;
      b.addEventListener("click", handler);
      group.appendChild(b);
      return b;
    }
    var status = document.createElement("span");
    status.className = "portaal-visually-hidden";
    status.setAttribute("aria-live", "polite");

    var play = button("Lees voor", function () {
      synth.cancel();
      blocks().forEach(function (text, index, all) {
        var utterance = new window.SpeechSynthesisUtterance(text);
        utterance.lang = voice.lang;
        utterance.voice = voice;
        if (index === all.length - 1) utterance.onend = function () { setState("stopped"); };
        synth.speak(utterance);
      });
      setState("speaking");
    });
    var pause = button("Pauzeer", function () {
      if (state === "speaking") { synth.pause(); setState("paused"); }
      else if (state === "paused") { synth.resume(); setState("speaking"); }
    });
    var stop = button("Stop", function () { synth.cancel(); setState("stopped"); });
    group.appendChild(status);

    var state = "stopped";
    function setState(next) {
      state = next;
      // A button that is about to be disabled must not take the keyboard focus with it.
      if (next === "stopped" && (document.activeElement === pause || document.activeElement === stop)) play.focus();
      pause.textContent = next === "paused" ? "Ga verder" : "Pauzeer";
      pause.disabled = next === "stopped";
      stop.disabled = next === "stopped";
      status.textContent = { speaking: "Voorlezen gestart.", paused: "Voorlezen gepauzeerd.", stopped: "" }[next];
    }
    setState("stopped");
    heading.insertAdjacentElement("afterend", group);
    window.addEventListener("pagehide", function () { synth.cancel(); });
    return play;
  }

  var voice = dutchVoice();
  if (voice) build(voice);
  else if (typeof synth.addEventListener === "function") {
    // Voices often load after the page: offer the control as soon as a Dutch one is there.
    synth.addEventListener("voiceschanged", function once() {
      var later = dutchVoice();
      if (later && !document.querySelector(".portaal-readaloud")) build(later);
    });
  }
})();
