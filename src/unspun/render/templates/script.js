(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var LAYER_NAMES = {
    ent: "Entity", dt: "Date", qt: "Quote", spk: "Speaker", cue: "Quote cue",
    cl: "Check-worthy claim", tk: "Technique", ext: "Layer"
  };
  // Speaker and cue marks belong to the quotes layer: one checkbox governs all three.
  var TOGGLE_OF = { ent: "ent", dt: "dt", qt: "qt", spk: "qt", cue: "qt", cl: "cl", tk: "tk", ext: "ext" };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clip(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
  }

  function pct(x) { return Math.round(x * 100) + "%"; }

  function setup(art) {
    var dataNode = document.getElementById(art.id + "-data");
    if (!dataNode) { return; }
    var data;
    try { data = JSON.parse(dataNode.textContent); } catch (e) { return; }
    var spans = data.spans || {};
    var techniques = data.techniques || {};
    var panel = art.querySelector(".details");
    var body = art.querySelector(".details-body");
    var current = [];
    var hint = body && body.firstElementChild ? body.firstElementChild.cloneNode(true) : null;

    art.querySelectorAll("input[data-off]").forEach(function (box) {
      var sync = function () { art.classList.toggle(box.getAttribute("data-off"), !box.checked); };
      box.addEventListener("change", sync);
      sync();
    });
    art.querySelectorAll(".tk-actions").forEach(function (bar) {
      bar.hidden = false;
      bar.addEventListener("click", function (ev) {
        var button = ev.target.closest("button[data-all]");
        if (!button) { return; }
        var on = button.getAttribute("data-all") === "1";
        art.querySelectorAll(".tk-list input[data-off]").forEach(function (box) {
          box.checked = on;
          box.dispatchEvent(new Event("change"));
        });
      });
    });
    if (panel) {
      panel.hidden = false;
      var close = panel.querySelector(".close");
      if (close) {
        close.addEventListener("click", function () {
          panel.classList.remove("open");
          mark([]);
          if (body) {
            body.textContent = "";
            if (hint) { body.appendChild(hint.cloneNode(true)); }
          }
        });
      }
    }

    function visible(span) {
      if (art.classList.contains("off-" + TOGGLE_OF[span.layer])) { return false; }
      return !(span.layer === "tk" && art.classList.contains("off-tk-" + span.t));
    }

    function mark(ids) {
      current.forEach(function (node) { node.classList.remove("cur"); });
      current = [];
      ids.forEach(function (id) {
        art.querySelectorAll('.hl[data-s~="' + id + '"]').forEach(function (node) {
          node.classList.add("cur");
          current.push(node);
        });
      });
    }

    function row(list, key, value) {
      if (value === undefined || value === null || value === "") { return; }
      list.appendChild(el("dt", null, key));
      list.appendChild(el("dd", null, value));
    }

    function item(id, span) {
      var li = el("li");
      var what = el("div", "what");
      var title = LAYER_NAMES[span.layer] || span.layer;
      if (span.layer === "tk") {
        var tech = techniques[span.t] || {};
        var swatch = el("span", "sw sw-tk tk-sw-" + span.t);
        swatch.setAttribute("aria-hidden", "true");
        what.appendChild(swatch);
        title = (tech.label || span.technique);
      } else if (span.layer === "ent") {
        title = span.group + " \u00b7 " + span.label;
      } else if (span.layer === "ext") {
        title = span.name + (span.label ? " \u00b7 " + span.label : "");
      }
      what.appendChild(el("span", null, title));
      li.appendChild(what);
      li.appendChild(el("blockquote", null, clip(span.text, 400)));
      var kv = el("dl", "kv");
      row(kv, "Layer", LAYER_NAMES[span.layer]);
      if (span.layer === "dt") {
        row(kv, "Resolved", span.value ? span.value + " (" + span.kind + ")" : "not resolved");
      }
      if (span.layer === "qt") {
        row(kv, "Speaker", span.speaker || "not identified");
        if (span.speaker_text && span.speaker_text !== span.speaker) {
          row(kv, "As written", span.speaker_text);
        }
        row(kv, "Kind", span.kind);
        row(kv, "Source", span.source_kind);
        row(kv, "Confidence", pct(span.confidence));
      }
      if (span.layer === "spk" || span.layer === "cue") {
        var quote = spans[span.quote];
        if (quote) {
          row(kv, "Quote", clip(quote.text, 200));
          row(kv, "Speaker", quote.speaker);
        }
      }
      if (span.layer === "ext") {
        row(kv, "Layer", span.name);
        row(kv, "Label", span.label);
        if (span.score !== null && span.score !== undefined) { row(kv, "Score", span.score.toFixed(2)); }
      }
      if (span.layer === "cl") {
        row(kv, "Score", span.score.toFixed(2));
        row(kv, "Kind", span.kind);
      }
      if (span.layer === "tk") {
        row(kv, "Confidence", pct(span.confidence));
        row(kv, "Id", span.technique);
      }
      if (span.sentence !== undefined) { row(kv, "Sentence", "#" + (span.sentence + 1)); }
      row(kv, "Characters", span.start + "\u2013" + span.end);
      li.appendChild(kv);
      if (span.layer === "tk" && techniques[span.t] && techniques[span.t].explanation) {
        li.appendChild(el("p", "explain", techniques[span.t].explanation));
      }
      li.addEventListener("click", function () { mark([id]); });
      return li;
    }

    function show(seg) {
      if (!body) { return; }
      var ids = (seg.getAttribute("data-s") || "").split(" ").filter(function (id) {
        return spans[id] && visible(spans[id]);
      });
      body.textContent = "";
      if (!ids.length) {
        body.appendChild(el("p", "hint", "No visible highlight here."));
        mark([]);
        return;
      }
      var list = el("ol");
      ids.forEach(function (id) { list.appendChild(item(id, spans[id])); });
      body.appendChild(list);
      if (panel) { panel.classList.add("open"); }
      mark(ids);
    }

    // A quote in the Sources panel: bring it into view and show its details, as a click would.
    var sources = art.querySelector(".sources");
    if (sources) {
      sources.addEventListener("click", function (ev) {
        var link = ev.target.closest("a[data-q]");
        var seg = link && art.querySelector('.hl[data-s~="' + link.getAttribute("data-q") + '"]');
        if (!seg) { return; }
        ev.preventDefault();
        seg.scrollIntoView({ block: "center" });
        show(seg);
        seg.focus({ preventScroll: true });
      });
    }

    var text = art.querySelector(".doc-text");
    if (!text) { return; }
    text.addEventListener("click", function (ev) {
      var selection = window.getSelection && window.getSelection();
      if (selection && !selection.isCollapsed) { return; }
      var seg = ev.target.closest(".hl");
      if (seg) { show(seg); }
    });
    text.addEventListener("focusin", function (ev) {
      var seg = ev.target.closest(".hl");
      if (seg) { show(seg); }
    });
    text.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== " ") { return; }
      var seg = ev.target.closest(".hl");
      if (!seg) { return; }
      ev.preventDefault();
      show(seg);
      if (panel) { panel.focus(); }
    });
  }

  document.querySelectorAll("article.report").forEach(setup);
}());
