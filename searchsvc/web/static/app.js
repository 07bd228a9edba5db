/* searchsvc — small improvements over pages that work without JavaScript:
 *  - "/" puts the cursor in the search box;
 *  - the facet filter boxes suggest values as one types (/api/facets/<facet>?prefix=…);
 *  - the "Citer" and "Copier l’adresse" buttons copy a text of the page to the clipboard.
 * No framework, no build step; loaded with `defer` from /static (no inline script anywhere). */
(function () {
  "use strict";

  function typingIn(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  // "/" focuses the search box, unless one is already typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
    var box = document.getElementById("q");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  // Facet filter boxes: suggestions from the API in the input's <datalist>; choosing one submits.
  function autocomplete(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var source = input.getAttribute("data-source");
    if (!list || !source || !window.fetch) return;
    var timer = null;
    var asked = null;
    var known = {};

    function fill(values) {
      list.textContent = "";
      known = {};
      values.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v.label;
        option.textContent = v.label + " (" + v.count + ")";
        list.appendChild(option);
        known[v.label] = true;
      });
    }

    function ask() {
      var prefix = input.value.trim();
      if (prefix === asked) return;
      asked = prefix;
      var url = source + "?limit=12&prefix=" + encodeURIComponent(prefix);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { values: [] }; })
        .then(function (body) { if (asked === prefix) fill(body.values || []); })
        .catch(function () { /* no suggestions: the form still works */ });
    }

    input.addEventListener("focus", ask);
    input.addEventListener("input", function (event) {
      // Picking a suggestion replaces the text in one go: submit it right away.
      if (known[input.value] && (event.inputType === "insertReplacementText" || event.inputType === undefined)) {
        input.form.requestSubmit ? input.form.requestSubmit() : input.form.submit();
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-facet][data-source]"), autocomplete);

  // "Citer": copy the citation shown on the page (visible and selectable without JavaScript too).
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source) return;
    function say(text) { if (status) status.textContent = text; }
    function selectSource() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () {
          say(button.getAttribute("data-done") || "Citation copiée dans le presse-papiers.");
        }, function () {
          selectSource();
          say("Copie refusée par le navigateur\u00a0: le texte est sélectionné, copiez-le avec Ctrl+C.");
        });
      } else {
        selectSource();
        say("Le texte est sélectionné\u00a0: copiez-le avec Ctrl+C.");
      }
    });
  });
})();
