// Claimdesk review interface: keyboard shortcuts and adding a claim by selecting text.
(function () {
  "use strict";

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function claimLinks() {
    return Array.prototype.slice.call(document.querySelectorAll("#article-body mark.claim a"));
  }

  function currentIndex(links) {
    var panel = document.getElementById("claim-panel");
    var id = panel ? panel.getAttribute("data-claim") : null;
    for (var i = 0; i < links.length; i++) {
      if (links[i] === document.activeElement || links[i].getAttribute("data-claim") === id) return i;
    }
    return -1;
  }

  function openClaim(link) {
    link.focus();
    link.click();
  }

  function chooseVerdict(value) {
    var radio = document.querySelector('#verdict-form input[name="verdict"][value="' + value + '"]');
    if (!radio) return;
    radio.checked = true;
    if (value === "unverifiable") { radio.focus(); return; }
    focusSource();
  }

  function focusSource() {
    var url = document.querySelector('#verdict-form input[name="source-0-url"]');
    if (url) url.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
    if (typing(event.target)) return;
    var links = claimLinks();
    var rows = document.querySelectorAll("table.queue td.claim-text a");
    if (!links.length && rows.length && (event.key === "j" || event.key === "k")) {
      // In the queue, j/k move between claims and Enter opens one.
      rows = Array.prototype.slice.call(rows);
      var at = rows.indexOf(document.activeElement);
      var to = event.key === "j" ? Math.min(at + 1, rows.length - 1) : Math.max(at - 1, 0);
      rows[at < 0 ? 0 : to].focus();
      event.preventDefault();
      return;
    }
    switch (event.key) {
      case "j":
      case "k": {
        if (!links.length) return;
        var i = currentIndex(links);
        var next = event.key === "j" ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0);
        openClaim(links[i < 0 ? 0 : next]);
        break;
      }
      case "v": chooseVerdict("verified"); break;
      case "d": chooseVerdict("disputed"); break;
      case "u": chooseVerdict("unverifiable"); break;
      case "s": focusSource(); break;
      default: return;
    }
    event.preventDefault();
  });

  // Mark the open claim in the text, and reveal extra source rows on request.
  function markSelected() {
    var panel = document.getElementById("claim-panel");
    var id = panel ? panel.getAttribute("data-claim") : null;
    document.querySelectorAll("#article-body mark.claim").forEach(function (m) {
      m.classList.toggle("selected", m.id === "claim-" + id);
    });
  }
  document.addEventListener("htmx:afterSettle", markSelected);
  document.addEventListener("DOMContentLoaded", markSelected);
  document.addEventListener("click", function (event) {
    var more = event.target.closest && event.target.closest("[data-more-sources]");
    if (!more) return;
    var hidden = document.querySelector("#verdict-form fieldset[data-extra-source][hidden]");
    if (hidden) { hidden.hidden = false; var first = hidden.querySelector("input"); if (first) first.focus(); }
    if (!document.querySelector("#verdict-form fieldset[data-extra-source][hidden]")) more.hidden = true;
  });

  // Offsets in the article body are counted in characters (code points), as the server does.
  function offsetOf(node, offset) {
    var el = node.nodeType === 3 ? node.parentElement : node;
    var run = el && el.closest("[data-o]");
    if (!run) {
      var mark = el && el.closest("mark.claim");
      return mark ? parseInt(mark.getAttribute("data-start"), 10) : null;
    }
    var before = node.nodeType === 3 ? node.data.slice(0, offset) : "";
    return parseInt(run.getAttribute("data-o"), 10) + Array.from(before).length;
  }

  var lastSelection = null;
  document.addEventListener("click", function (event) {
    var use = event.target.closest && event.target.closest("[data-span-from-selection]");
    var form = document.getElementById("span-form");
    if (!use || !form || !lastSelection) return;
    form.querySelector("input[name=start]").value = lastSelection.start;
    form.querySelector("input[name=end]").value = lastSelection.end;
  });

  document.addEventListener("selectionchange", function () {
    var body = document.getElementById("article-body");
    var form = document.getElementById("add-claim-form");
    var sel = window.getSelection();
    if (!body || !form || !sel || sel.isCollapsed || !sel.rangeCount) return;
    var range = sel.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return;
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    lastSelection = { start: start, end: end };
    form.querySelector("#add-start").value = start;
    form.querySelector("#add-end").value = end;
    form.querySelector("textarea[name=text]").value = sel.toString();
  });
  document.addEventListener("input", function (event) {
    if (event.target.name === "text" && event.target.closest("#add-claim-form")) {
      document.getElementById("add-start").value = "";
      document.getElementById("add-end").value = "";
    }
  });

  // A failed in-page request (403, 404, 500, network) must not fail silently.
  function showError() {
    var box = document.getElementById("page-error");
    if (!box) return;
    box.textContent = box.getAttribute("data-message");
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }
  // The editor rule refused a write: the answer (403) is the panel saying why; show it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.status === 403 && xhr.getResponseHeader("X-Claimdesk-Refusal")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:responseError", showError);
  document.addEventListener("htmx:sendError", showError);
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("page-error");
    if (box) box.hidden = true;
  });

  // Ingesting can take a while: say so.
  document.addEventListener("submit", function (event) {
    if (event.target.id === "ingest-form") {
      var p = event.target.querySelector("[data-progress]");
      if (p) p.hidden = false;
    }
  });
})();
