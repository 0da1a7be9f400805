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

  // The grades of the desk's rating scale say the status they give (data-verdict); a key
  // chooses the grade of that name, or else the scale's first grade giving that status.
  function statusOf(radio) {
    return radio.getAttribute("data-verdict") || radio.value;
  }

  function chooseVerdict(value) {
    var radio = document.querySelector('#verdict-form input[name="verdict"][value="' + value + '"]') ||
      document.querySelector('#verdict-form input[name="verdict"][data-verdict="' + value + '"]');
    if (!radio) return;
    radio.checked = true;
    value = statusOf(radio);
    followVerdict(value);
    if (value === "unverifiable") { radio.focus(); return; }
    focusSource();
  }

  // A source's stance follows the verdict (supports / refutes / context) until the reviewer
  // picks one; a stance picked by hand that the new verdict contradicts must be chosen again.
  var STANCE = { verified: "supports", disputed: "refutes", unverifiable: "context" };
  var CONTRADICTS = { verified: "refutes", disputed: "supports" };

  function stanceSelects() {
    return Array.prototype.slice.call(document.querySelectorAll('#verdict-form select[name$="-stance"]'));
  }

  function markStance(select, needed) {
    var note = select.parentElement.querySelector(".need-stance");
    if (needed) {
      select.setAttribute("aria-invalid", "true");
      select.setAttribute("data-need", "1");
      if (!note) {
        note = document.createElement("span");
        note.className = "need-stance errorlist";
        note.id = select.id + "-need";
        note.textContent = document.getElementById("verdict-form").getAttribute("data-need-stance");
        select.parentElement.appendChild(note);
        select.setAttribute("aria-describedby", note.id);
      }
    } else {
      select.removeAttribute("aria-invalid");
      select.removeAttribute("data-need");
      select.removeAttribute("aria-describedby");
      if (note) note.remove();
    }
  }

  function followVerdict(value) {
    stanceSelects().forEach(function (select) {
      if (!select.hasAttribute("data-chosen")) {
        select.value = STANCE[value] || "";
        markStance(select, false);
      } else if (select.value && select.value === CONTRADICTS[value]) {
        select.value = "";
        markStance(select, true);
      }
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.closest || !target.closest("#verdict-form")) return;
    if (target.name === "verdict") followVerdict(statusOf(target));
    if (/-stance$/.test(target.name)) {
      if (target.value) target.setAttribute("data-chosen", "1");
      else target.removeAttribute("data-chosen");
      markStance(target, false);
    }
  });

  // Capture: runs before htmx sends the form, and stops it while a stance must be chosen.
  document.addEventListener("submit", function (event) {
    if (event.target.id !== "verdict-form") return;
    var needed = stanceSelects().filter(function (s) {
      var row = s.closest("fieldset");
      var filled = row && Array.prototype.some.call(
        row.querySelectorAll("input[type=url], input[type=text], textarea"),
        function (field) { return field.value.trim() !== ""; }
      );
      return filled && s.hasAttribute("data-need") && !s.value && !row.hidden;
    });
    if (!needed.length) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    needed[0].focus();
  }, true);

  function focusSource() {
    var url = document.querySelector('#verdict-form input[name="source-0-url"]');
    if (url) url.focus();
  }

  // Close the open claim: the panel goes back to its hint, the address to the article's,
  // and focus to the claim in the text so j/k go on from there.
  function closePanel() {
    var panel = document.getElementById("panel");
    var open = document.getElementById("claim-panel");
    var empty = document.getElementById("panel-empty");
    var body = document.getElementById("article-body");
    if (!panel || !open || !empty || !body) return false;
    var id = open.getAttribute("data-claim");
    panel.replaceChildren(empty.content.cloneNode(true));
    panel.classList.remove("open");
    document.body.classList.remove("sheet-open");
    if (window.location.pathname !== body.getAttribute("data-url")) {
      window.history.pushState({}, "", body.getAttribute("data-url"));
    }
    markSelected();
    var link = document.querySelector("#claim-" + id + " a");
    if (link) link.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var close = event.target.closest && event.target.closest("[data-close-panel]");
    if (close && closePanel()) event.preventDefault();
  });

  // After a save, focus goes back to the claim in the text (not the emptied source field),
  // so the next j moves on.
  document.addEventListener("claimdesk:saved", function (event) {
    var id = event.detail && event.detail.claim;
    var link = document.querySelector("#claim-" + id + " a");
    if (link) { link.focus(); return; }
    var title = document.getElementById("panel-title");
    if (title) title.focus();
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") {
      // An open menu of the header (saved views) closes first, focus back on its summary.
      var menu = document.querySelector("details.views-menu[open]");
      if (menu) {
        menu.open = false;
        menu.querySelector("summary").focus();
        event.preventDefault();
        return;
      }
      if (typing(event.target)) { event.target.blur(); return; }
      if (closePanel()) event.preventDefault();
      return;
    }
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
      case "n":
      case "p": {
        // Next / previous claim of the queue the claim was opened from (its panel's links).
        var step = document.querySelector('[data-queue-step="' + (event.key === "n" ? "next" : "previous") + '"]');
        if (!step) return;
        step.click();
        break;
      }
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
  // A claim's panel came in: mark it in the text, open the panel (a bottom sheet on a
  // phone, with the claim scrolled into view above it), and let the stances follow the
  // verdict the form shows.
  function panelChanged() {
    markSelected();
    var panel = document.getElementById("panel");
    var open = document.getElementById("claim-panel");
    if (!panel) return;
    panel.classList.toggle("open", !!open);
    document.body.classList.toggle("sheet-open", !!open && isSheet());
    if (!open) return;
    var checked = document.querySelector('#verdict-form input[name="verdict"]:checked');
    if (checked) followVerdict(statusOf(checked));
    if (isSheet()) {
      var mark = document.getElementById("claim-" + open.getAttribute("data-claim"));
      if (mark) mark.scrollIntoView({ block: "start" });
    }
  }
  function isSheet() {
    return window.matchMedia("(max-width: 900px)").matches;
  }
  document.addEventListener("htmx:afterSettle", panelChanged);
  document.addEventListener("DOMContentLoaded", panelChanged);
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

  // On a phone the queue's filters fold away unless one is set.
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.matchMedia("(max-width: 700px)").matches) return;
    var params = new URLSearchParams(window.location.search);
    params.delete("status");
    params.delete("after");
    document.querySelectorAll("details[data-collapse-narrow]").forEach(function (box) {
      if (!params.toString()) box.open = false;
    });
  });

  // The queue's bulk actions: "select all on this page", and Enter in a field sends that
  // field's own action (not the form's first button).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.matches || !target.matches('[data-select-all], input[name="claim"][form="bulk-form"]')) return;
    var actions = document.querySelector(".bulk-box");
    if (actions && target.checked) actions.open = true;  // folded on a phone
    if (!target.matches("[data-select-all]")) return;
    document.querySelectorAll('input[name="claim"][form="bulk-form"]').forEach(function (box) {
      box.checked = target.checked;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.closest) return;
    var set = event.target.closest("#bulk-form fieldset");
    var button = set && set.querySelector("button[formaction]");
    if (!button || event.target.tagName === "BUTTON") return;
    event.preventDefault();
    button.click();
  });

  // Ingesting can take a while: say so, count the seconds, and send the form once.
  document.addEventListener("submit", function (event) {
    if (event.target.id !== "ingest-form") return;
    var box = event.target.querySelector("[data-progress]");
    var button = event.target.querySelector("[data-ingest-button]");
    if (button) button.disabled = true;
    if (!box) return;
    box.hidden = false;
    var elapsed = box.querySelector("[data-elapsed]");
    var started = Date.now();
    window.setInterval(function () {
      if (elapsed) elapsed.textContent = String(Math.floor((Date.now() - started) / 1000));
    }, 1000);
  });
  // Back from the browser's cache after a submission: the form works again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-ingest-button]").forEach(function (b) { b.disabled = false; });
    document.querySelectorAll("#ingest-form [data-progress]").forEach(function (p) { p.hidden = true; });
  });
})();
