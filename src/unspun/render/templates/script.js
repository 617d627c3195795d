(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var LAYER_NAMES = {
    ent: "Entity", dt: "Date", qt: "Quote", spk: "Speaker", cue: "Quote cue",
    cl: "Check-worthy claim", tk: "Technique", ext: "Layer"
  };
  // Speaker and cue marks belong to the quotes layer: one checkbox governs all three.
  var TOGGLE_OF = { ent: "ent", dt: "dt", qt: "qt", spk: "qt", cue: "qt", cl: "cl", tk: "tk", ext: "ext" };
  // The reader's choice of layers and threshold, kept for every report this browser opens.
  var STORE = "unspun.view";
  var REMEMBERED = ["tk", "cl", "qt", "ent", "dt", "ext"];

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch (e) { return {}; }
  }

  function save(change) {
    var view = load();
    if (change.layers) {
      var layers = view.layers && typeof view.layers === "object" ? view.layers : {};
      Object.keys(change.layers).forEach(function (key) { layers[key] = change.layers[key]; });
      view.layers = layers;
    }
    if (change.min !== undefined) { view.min = change.min; }
    try { window.localStorage.setItem(STORE, JSON.stringify(view)); } catch (e) { /* private mode */ }
  }

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
    var view = load();
    var threshold = art.querySelector(".thr-sel");
    var min = 0;

    art.querySelectorAll("input[data-off]").forEach(function (box) {
      var key = box.getAttribute("data-off").replace(/^off-/, "");
      var remembered = REMEMBERED.indexOf(key) >= 0;
      if (remembered && !box.disabled && view.layers && typeof view.layers[key] === "boolean") {
        box.checked = view.layers[key];
      }
      var sync = function () { art.classList.toggle("off-" + key, !box.checked); };
      box.addEventListener("change", function () {
        sync();
        if (remembered) {
          var change = {};
          change[key] = box.checked;
          save({ layers: change });
        }
      });
      sync();
    });

    // The display threshold, in tenths of confidence: technique highlights (and their findings)
    // under it are hidden by the CSS rules of class min-N.
    function applyThreshold(value) {
      art.classList.remove("min-" + min);
      min = value;
      if (min > 0) { art.classList.add("min-" + min); }
      var hidden = 0;
      var total = 0;
      Object.keys(spans).forEach(function (id) {
        if (spans[id].layer === "tk") {
          total += 1;
          if (spans[id].cf < min) { hidden += 1; }
        }
      });
      art.querySelectorAll(".thr-v").forEach(function (node) { node.textContent = (min * 10) + "%"; });
      var count = art.querySelector(".thr-count");
      if (count) {
        count.hidden = false;
        count.textContent = hidden ? hidden + " of " + total + " hidden: choose a lower threshold to see them" : "All " + total + " shown.";
      }
      art.querySelectorAll(".fd-tech").forEach(function (group) {
        var items = group.querySelectorAll(".fd-spans > li");
        var below = 0;
        items.forEach(function (li) {
          var m = /(?:^|\s)cf-(\d)(?:\s|$)/.exec(li.className);
          if (m && Number(m[1]) < min) { below += 1; }
        });
        var note = group.querySelector(".n-below");
        if (note) {
          note.hidden = below === 0;
          note.textContent = below === items.length ? "all under the threshold" : below + " under the threshold";
        }
        group.classList.toggle("all-below", below > 0 && below === items.length);
      });
    }
    if (threshold) {
      if (typeof view.min === "number" && view.min >= 0 && view.min <= 9) {
        threshold.value = String(view.min);
      }
      threshold.addEventListener("change", function () {
        applyThreshold(Number(threshold.value));
        save({ min: Number(threshold.value) });
      });
      applyThreshold(Number(threshold.value));
    }

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
      if (span.layer !== "tk") { return true; }
      return !art.classList.contains("off-tk-" + span.t) && !(span.cf < min);
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
        row(kv, "Confidence", pct(span.confidence) + (span.cf < min ? " (under the threshold)" : ""));
        var tk = techniques[span.t] || {};
        row(kv, "Reliability", tk.reliability && tk.reliability +
          (typeof tk.f1 === "number" ? " (F1 " + tk.f1.toFixed(2) + " out of fold)" : ""));
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

    // The visible spans of a stretch of text; ``wanted`` (a span id) is listed first even when
    // its layer is off or it is under the threshold: a findings link asked for it.
    function show(seg, wanted) {
      if (!body) { return; }
      var ids = (seg.getAttribute("data-s") || "").split(" ").filter(function (id) {
        return spans[id] && id !== wanted && visible(spans[id]);
      });
      if (wanted && spans[wanted]) { ids.unshift(wanted); }
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
      mark(wanted ? [wanted] : ids);
    }

    // A link of the findings (a technique, claim or quote): bring its span into view, focus it
    // and show its details, as a click would. Without scripts the link goes to its anchor.
    var findings = art.querySelector(".findings");
    if (findings) {
      findings.addEventListener("click", function (ev) {
        var link = ev.target.closest("a[data-j]");
        var id = link && link.getAttribute("data-j");
        var seg = id && art.querySelector('.hl[data-s~="' + id + '"]');
        if (!seg) { return; }
        ev.preventDefault();
        seg.scrollIntoView({ block: "center" });
        seg.focus({ preventScroll: true });
        show(seg, id);
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
