"""The server's HTML pages: submission form, analysis (permalink) with its sharing, history,
comparison of two analyses, errors.

Every value that came from a user or an article goes through :func:`_e`
(``html.escape(..., quote=True)``). Inline CSS and JS are constants here, allowed by their
SHA-256 hashes in the Content-Security-Policy, so no other script or style can run. The
analysis page hosts the report view of :func:`unspun.render.html.report_parts` (the same
style, script and articles as ``to_html``'s page), with their hashes added to our CSP.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse

from unspun import __version__
from unspun.render.html import ReportParts, csp_hash, report_parts, safe_url
from unspun.render.summary import Summary, plural, summarise
from unspun.report import Report
from unspun.web import store as st
from unspun.web.downloads import FORMATS
from unspun.web.figures import technique_mix, technique_name

if TYPE_CHECKING:
    from unspun.web.jobs import Progress

_STYLE = """
:root{--ink:#1b1d21;--muted:#565c66;--line:#d9dde3;--paper:#fff;--page:#f4f5f7;
--accent:#1d4ed8;--bad:#9f1239}
*{box-sizing:border-box}
body{margin:0;background:var(--page);color:var(--ink);font:16px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent)}
.app-bar{background:#111827;color:#f9fafb}
.app-bar nav{max-width:1240px;margin:0 auto;padding:.6rem 1.25rem;display:flex;gap:1.25rem;
align-items:center}
.app-bar a{color:#f9fafb;text-decoration:none}
.app-bar .app-brand{font-weight:700;letter-spacing:.02em;margin-right:auto}
.app-bar .app-account button{background:transparent;border-color:#9ca3af;
padding:.1rem .6rem;margin-left:.5rem}
.app-main{max-width:1240px;margin:0 auto;padding:1rem 1.25rem}
.card{background:var(--paper);border:1px solid var(--line);border-radius:10px;
padding:1rem 1.25rem;margin:0 0 1rem}
.card h1,.card h2{margin:.1rem 0 .6rem;font-size:1.2rem}
.submit-grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(300px,1fr))}
.submit-grid form{display:flex;flex-direction:column;gap:.5rem}
input[type=url],input[type=search],textarea{width:100%;padding:.45rem .55rem;font:inherit;
border:1px solid #b8bec8;border-radius:6px}
textarea{min-height:9rem;resize:vertical}
input[type=date]{padding:.35rem .5rem;font:inherit;border:1px solid #b8bec8;border-radius:6px;
align-self:flex-start}
button{font:inherit;padding:.4rem .9rem;border-radius:6px;border:1px solid #1e40af;
background:var(--accent);color:#fff;cursor:pointer;align-self:flex-start}
button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
.muted,.hint{color:var(--muted);font-size:.9rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
.meta dt{color:var(--muted)}.meta dd{margin:0;overflow-wrap:anywhere}
.status{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.85rem;
background:#e5e7eb}
.status.done{background:#dcfce7}.status.pending{background:#fef9c3}
.status.err{background:#ffe4e6;color:var(--bad)}
.error-box{border-left:4px solid var(--bad);padding:.4rem .8rem;background:#fff1f2}
table{width:100%;border-collapse:collapse;background:var(--paper)}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);
vertical-align:top}
td.title{overflow-wrap:anywhere}
form.inline{display:inline}
.search{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin-bottom:1rem}
.search input{max-width:20rem}
.pager{margin-top:1rem}
.actions{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin-top:.6rem}
ul.downloads{display:flex;gap:.9rem;flex-wrap:wrap;list-style:none;margin:0;padding:0}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.table-wrap{overflow-x:auto}
.compare-bar{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap;margin:.75rem 0}
.compare-table th[scope=row]{font-weight:normal;color:var(--muted)}
.compare-table thead th{overflow-wrap:anywhere}
.compare-table meter{width:5rem;vertical-align:middle;margin-left:.4rem}
.share-note{display:block;color:var(--muted);font-size:.85rem}
ul.shares{list-style:none;margin:0 0 .6rem;padding:0}
ul.shares li{padding:.15rem 0}
.share-form{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin:.4rem 0}
.share-form input[type=text]{max-width:16rem;padding:.35rem .5rem;font:inherit;
border:1px solid #b8bec8;border-radius:6px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
"""

# Polls the JSON API while an analysis is pending, shows its place in the queue and the time
# it has waited (worded as queue_text and elapsed_text word them), and reloads once finished.
_POLL_SCRIPT = """(function () {
  var el = document.getElementById("poll");
  if (!el) { return; }
  var url = el.getAttribute("data-status-url");
  var queue = document.getElementById("queue");
  var clock = document.getElementById("elapsed");
  var base = clock ? Number(clock.getAttribute("data-seconds")) || 0 : 0;
  var since = Date.now();
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function elapsed(s) {
    s = Math.max(0, Math.floor(s));
    if (s < 60) { return s + " s"; }
    if (s < 3600) { return Math.floor(s / 60) + " min " + pad(s % 60) + " s"; }
    return Math.floor(s / 3600) + " h " + pad(Math.floor(s % 3600 / 60)) + " min";
  }
  function place(n) {
    if (n === null || n === undefined) { return "In the queue"; }
    if (n === 0) { return "Being analysed now"; }
    if (n === 1) { return "Next in the queue"; }
    return "Number " + n + " in the queue";
  }
  function show() {
    if (clock) { clock.textContent = elapsed(base + (Date.now() - since) / 1000); }
  }
  setInterval(show, 1000);
  var wait = 500;
  function tick() {
    fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (body && body.status !== "pending") { window.location.reload(); return; }
        if (body && body.progress) {
          if (queue) { queue.textContent = place(body.progress.queue_position); }
          base = Number(body.progress.elapsed_seconds) || base;
          since = Date.now();
          show();
        }
        wait = Math.min(wait * 1.5, 5000);
        setTimeout(tick, wait);
      })
      .catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, wait);
})();"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


_STYLE_HASH = csp_hash(_STYLE)
_POLL_HASH = csp_hash(_POLL_SCRIPT)


def content_security_policy(styles: list[str], scripts: list[str]) -> str:
    """default-src 'none' plus exactly what our pages need."""
    script_src = " ".join(scripts) if scripts else "'none'"
    return (
        "default-src 'none'; "
        f"style-src {' '.join(styles)}; "
        f"script-src {script_src}; "
        "connect-src 'self'; img-src data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )


@dataclass(frozen=True, slots=True)
class HtmlPage:
    body: str
    csp: str

    def response(self, status: int = 200) -> HTMLResponse:
        """The page as a response, with its CSP; never cached."""
        response = HTMLResponse(self.body, status_code=status)
        response.headers["Content-Security-Policy"] = self.csp
        response.headers["Cache-Control"] = "no-store"
        return response


def _layout(
    title: str,
    content: str,
    *,
    extra_head: str = "",
    extra_styles: tuple[str, ...] = (),
    scripts: tuple[str, ...] = (),
    extra_hashes: tuple[str, ...] = (),
    account: str = "",
) -> HtmlPage:
    """Our page shell. ``extra_styles``/``scripts`` are trusted inline code (hashed);
    ``account`` is the header's sign-out form (:func:`_account`), if any."""
    styles = [_STYLE_HASH, *(csp_hash(s) for s in extra_styles)]
    script_hashes = [*(csp_hash(s) for s in scripts), *extra_hashes]
    head_styles = "".join(f"<style>{s}</style>" for s in (_STYLE, *extra_styles))
    tail_scripts = "".join(f"<script>{s}</script>" for s in scripts)
    body = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_e(title)} · unspun</title>\n{extra_head}{head_styles}\n</head>\n<body>\n"
        '<header class="app-bar"><nav aria-label="Main">'
        '<a class="app-brand" href="/">unspun</a>'
        '<a href="/">New analysis</a><a href="/analyses">History</a>'
        f'<a href="/docs">API</a>{account}</nav></header>\n'
        f"{content}\n{tail_scripts}\n</body>\n</html>\n"
    )
    return HtmlPage(body, content_security_policy(styles, script_hashes))


def _hidden_token(token: str) -> str:
    return f'<input type="hidden" name="csrf_token" value="{_e(token)}">'


def _account(user: str | None, token: str) -> str:
    """Who is signed in, and the button that ends the session; nothing without one."""
    if user is None:
        return ""
    return (
        f'<form class="inline app-account" method="post" action="/logout">{_hidden_token(token)}'
        f'<span>{_e(user)}</span><button type="submit">Sign out</button></form>'
    )


def _status_badge(status: str) -> str:
    css = "done" if status == st.DONE else "pending" if status == st.PENDING else "err"
    return f'<span class="status {css}">{_e(status)}</span>'


def _when(timestamp: float) -> str:
    moment = dt.datetime.fromtimestamp(timestamp, dt.UTC).replace(microsecond=0)
    return f'<time datetime="{moment.isoformat()}">{moment:%Y-%m-%d %H:%M} UTC</time>'


def _label(item: st.Analysis) -> str:
    return (item.title or "").strip() or item.source or "Untitled"


@dataclass(frozen=True, slots=True)
class Access:
    """What the pages show of sharing; pages get None where access control is off (everything
    is everyone's, so there is nothing to show)."""

    viewer: str | None
    """Who is looking (a token or proxy user's name)."""
    shares: Mapping[str, st.Sharing] = field(default_factory=dict)
    """The sharing of the analyses on the page, by id."""
    manage: bool = False
    """Whether the viewer may change the sharing of the analysis an analysis page shows."""
    admin: bool = False
    """Whether the viewer sees every analysis (so none is shared *with* them)."""


NAMES_SHOWN = 3


def _with_whom(sharing: st.Sharing) -> str:
    names = list(sharing.users[:NAMES_SHOWN])
    if len(sharing.users) > NAMES_SHOWN:
        names.append(plural(len(sharing.users) - NAMES_SHOWN, "other user"))
    if sharing.everyone:
        names.append("all users")
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def sharing_note(item: st.Analysis, access: Access | None) -> str:
    """Who else reads ``item``, in a few words: "shared by OWNER" to one it was shared with,
    "shared with …" to its owners and admins; "" when it is not shared (or no access)."""
    sharing = access.shares.get(item.id) if access else None
    if access is None or sharing is None or not sharing.shared:
        return ""
    viewer = access.viewer
    if (
        not access.admin
        and viewer not in sharing.owners
        and (sharing.everyone or viewer in sharing.users)
    ):
        owner = item.owner or (sharing.owners[0] if sharing.owners else None)
        return f"shared by {owner}" if owner else "shared with you"
    return f"shared with {_with_whom(sharing)}"


def _published_field(form: str) -> str:
    """The optional publication date of one submission form (``published``, YYYY-MM-DD)."""
    return (
        f'<label for="{form}-published">Published <span class="hint">(optional; if the'
        " article has no date)</span></label>"
        f'<input type="date" id="{form}-published" name="published">'
    )


def submit_forms(token: str, limits: str) -> str:
    return (
        '<section class="card" aria-labelledby="new-h"><h1 id="new-h">Analyse an article</h1>'
        '<div class="submit-grid">'
        '<form method="post" action="/analyses" aria-label="Analyse a URL">'
        f'{_hidden_token(token)}<label for="f-url">Article URL</label>'
        '<input type="url" id="f-url" name="url" required placeholder="https://…">'
        f'{_published_field("f-url")}'
        '<button type="submit">Analyse URL</button></form>'
        '<form method="post" action="/analyses" aria-label="Analyse pasted text">'
        f'{_hidden_token(token)}<label for="f-text">Or paste the article text</label>'
        '<textarea id="f-text" name="text" required></textarea>'
        f'{_published_field("f-text")}'
        '<button type="submit">Analyse text</button></form>'
        '<form method="post" action="/analyses" enctype="multipart/form-data"'
        ' aria-label="Analyse a saved page">'
        f'{_hidden_token(token)}<label for="f-file">Or upload a saved page</label>'
        '<input type="file" id="f-file" name="file" required'
        ' accept=".html,.htm,.txt,.warc,.warc.gz,text/html,text/plain">'
        f'{_published_field("f-file")}'
        '<button type="submit">Analyse file</button>'
        f'<p class="hint">.html, .txt or .warc.gz; {_e(limits)}. In a WARC holding several'
        " articles, the first one is analysed.</p></form>"
        "</div></section>"
    )


def _density(figures: st.Figures | None) -> str:
    density = figures.techniques_per_1000_words if figures else None
    return f"{density:.1f}" if density is not None else ""


def _count(value: int | None) -> str:
    return f"{value:,}" if value is not None else ""


def _figure_cells(item: st.Analysis) -> str:
    """Techniques per 1,000 words, the top technique, claims and quotes (blank when unknown
    or not run)."""
    figures = item.figures
    top = technique_name(figures.top_technique) if figures and figures.top_technique else ""
    return (
        f'<td class="num">{_density(figures)}</td><td>{_e(top)}</td>'
        f'<td class="num">{_count(figures.claims if figures else None)}</td>'
        f'<td class="num">{_count(figures.quotes if figures else None)}</td>'
    )


COMPARE_FORM = "compare"


def _compare_cell(item: st.Analysis) -> str:
    if item.status != st.DONE:
        return "<td></td>"
    # Outside the compare form (rows hold delete forms, and forms cannot nest): form= ties it.
    return (
        f'<td><input type="checkbox" name="id" value="{_e(item.id)}" form="{COMPARE_FORM}"'
        f' class="pick" aria-label="Compare {_e(_label(item))}"></td>'
    )


def _note(item: st.Analysis, access: Access | None) -> str:
    note = sharing_note(item, access)
    return f'<span class="share-note">{_e(note)}</span>' if note else ""


def _history_rows(
    items: list[st.Analysis],
    token: str,
    *,
    compare: bool = False,
    access: Access | None = None,
) -> str:
    if not items:
        return '<p class="muted">No analyses yet.</p>'
    rows = []
    for item in items:
        rows.append(
            "<tr>"
            + (_compare_cell(item) if compare else "")
            + f'<td class="title"><a href="/analyses/{_e(item.id)}">{_e(_label(item))}</a>'
            f"{_note(item, access)}</td>"
            f"<td>{_e(item.site or '')}</td><td>{_status_badge(item.status)}</td>"
            f"<td>{_when(item.created)}</td>"
            + _figure_cells(item)
            + f'<td><form class="inline" method="post" action="/analyses/{_e(item.id)}/delete">'
            f'{_hidden_token(token)}<button class="danger" type="submit"'
            f' aria-label="Delete {_e(_label(item))}">Delete</button></form></td>'
            "</tr>"
        )
    head = (
        ('<th><span class="sr-only">Compare</span></th>' if compare else "")
        + "<th>Title</th><th>Site</th><th>Status</th><th>Analysed</th>"
        '<th class="num">Techniques per 1,000 words</th>'
        '<th>Top technique</th><th class="num">Claims</th><th class="num">Quotes</th><th></th>'
    )
    return (
        f'<div class="table-wrap"><table class="history"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def home_page(
    token: str,
    recent: list[st.Analysis],
    limits: str,
    *,
    user: str | None = None,
    access: Access | None = None,
) -> HtmlPage:
    content = (
        '<main class="app-main">'
        + submit_forms(token, limits)
        + '<section class="card" aria-labelledby="recent-h"><h2 id="recent-h">Recent</h2>'
        + _history_rows(recent, token, access=access)
        + '<p><a href="/analyses">All analyses</a></p></section></main>'
    )
    return _layout("Analyse an article", content, account=_account(user, token))


def history_page(
    token: str,
    items: list[st.Analysis],
    q: str,
    site: str,
    next_cursor: str | None,
    *,
    hide_failed: bool = False,
    user: str | None = None,
    access: Access | None = None,
) -> HtmlPage:
    pager = ""
    if next_cursor:
        params = {
            k: v
            for k, v in (
                ("q", q),
                ("site", site),
                ("hide_failed", "1" if hide_failed else ""),
                ("cursor", next_cursor),
            )
            if v
        }
        pager = f'<p class="pager"><a href="/analyses?{_e(urlencode(params))}">Older</a></p>'
    checked = " checked" if hide_failed else ""
    compare = (
        f'<form class="compare-bar" id="{COMPARE_FORM}" method="get" action="/compare">'
        '<button type="submit">Compare the two ticked</button>'
        '<span class="hint">Tick two finished analyses to see them side by side.</span>'
        "</form>"
        if any(item.status == st.DONE for item in items)
        else ""
    )
    content = (
        '<main class="app-main"><section class="card" aria-labelledby="hist-h">'
        '<h1 id="hist-h">Past analyses</h1>'
        '<form class="search" method="get" action="/analyses" role="search">'
        f'<label for="q">Title or site</label><input type="search" id="q" name="q"'
        f' value="{_e(q)}"><label for="site">Site</label><input type="search" id="site"'
        f' name="site" value="{_e(site)}">'
        f'<label><input type="checkbox" id="hide-failed" name="hide_failed" value="1"{checked}>'
        " Hide failed</label>"
        '<button type="submit">Search</button></form>'
        + compare
        + _history_rows(items, token, compare=True, access=access)
        + pager
        + "</section></main>"
    )
    return _layout("History", content, account=_account(user, token))


@lru_cache(maxsize=64)
def _report_parts(report_json: str) -> ReportParts:
    """The report's style, script and articles (cached: rendering is the slow part)."""
    return report_parts(Report.model_validate_json(report_json))


def queue_text(position: int | None) -> str:
    """A pending analysis's place in the queue, in words (the poll script words it alike)."""
    if position is None:
        return "In the queue"
    if position == 0:
        return "Being analysed now"
    if position == 1:
        return "Next in the queue"
    return f"Number {position} in the queue"


def elapsed_text(seconds: float) -> str:
    """``12 s``, ``3 min 05 s``, ``1 h 02 min`` (the poll script counts on alike)."""
    s = max(0, int(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def _waiting(item: st.Analysis, progress: Progress | None) -> str:
    status_url = f"/api/v1/analyses/{item.id}"
    position = progress.position if progress else None
    elapsed = progress.elapsed if progress else 0.0
    return (
        f'<section class="card" id="poll" data-status-url="{_e(status_url)}">'
        "<p>Analysing… this page updates when the report is ready.</p>"
        '<dl class="meta progress">'
        f'<dt>Queue</dt><dd id="queue" aria-live="polite">{_e(queue_text(position))}</dd>'
        f'<dt>Elapsed</dt><dd><span id="elapsed" role="timer"'
        f' data-seconds="{int(elapsed)}">{_e(elapsed_text(elapsed))}</span></dd>'
        "</dl></section>"
    )


def _downloads(item: st.Analysis) -> str:
    links = "".join(
        f'<li><a href="/analyses/{_e(item.id)}/download/{_e(name)}" download'
        f' data-format="{_e(name)}">{_e(fmt.label)}</a></li>'
        for name, fmt in FORMATS.items()
    )
    return f'<dt>Download</dt><dd><ul class="downloads" aria-label="Downloads">{links}</ul></dd>'


def _sharing_form(
    item: st.Analysis, token: str, fields: Mapping[str, str], button: str, *, danger: bool = False
) -> str:
    """A one-button form that posts ``fields`` to the analysis's sharing route."""
    hidden = "".join(
        f'<input type="hidden" name="{_e(k)}" value="{_e(v)}">' for k, v in fields.items()
    )
    css = ' class="danger"' if danger else ""
    return (
        f'<form class="inline" method="post" action="/analyses/{_e(item.id)}/sharing">'
        f'{_hidden_token(token)}{hidden}<button{css} type="submit">{_e(button)}</button></form>'
    )


def _sharing_row(item: st.Analysis, access: Access | None) -> str:
    """The summary's line on sharing (nothing where access control is off)."""
    if access is None:
        return ""
    note = sharing_note(item, access)
    text = note[:1].upper() + note[1:] if note else "Not shared: only its owners and admins see it"
    return f'<dt>Sharing</dt><dd id="sharing-state">{_e(text)}</dd>'


def _sharing_card(item: st.Analysis, token: str, access: Access | None) -> str:
    """Who the analysis is shared with, and the forms that change it: for its owners and
    admins only (``access.manage``)."""
    sharing = access.shares.get(item.id) if access and access.manage else None
    if sharing is None:
        return ""
    rows = [
        f"<li>{_e(user)} "
        + _sharing_form(item, token, {"action": "unshare", "user": user},
                        f"Stop sharing with {user}", danger=True)
        + "</li>"
        for user in sharing.users
    ]
    if sharing.everyone:
        rows.append(
            "<li>All signed-in users "
            + _sharing_form(item, token, {"action": "unshare", "everyone": "1"},
                            "Stop sharing with all users", danger=True)
            + "</li>"
        )
    owners = ", ".join(sharing.owners) or "nobody"
    listed = (
        f'<ul class="shares" aria-label="Shared with">{"".join(rows)}</ul>'
        if rows
        else f'<p class="muted">Only its owners ({_e(owners)}) and admins can read it.</p>'
    )
    add = (
        f'<form class="share-form" method="post" action="/analyses/{_e(item.id)}/sharing">'
        f'{_hidden_token(token)}<input type="hidden" name="action" value="share">'
        '<label for="share-user">Share with the user</label>'
        '<input type="text" id="share-user" name="user" required maxlength="200"'
        ' autocomplete="off" spellcheck="false"><button type="submit">Share</button></form>'
    )
    everyone = (
        ""
        if sharing.everyone
        else _sharing_form(item, token, {"action": "share", "everyone": "1"},
                           "Share with all users")
    )
    stop = (
        _sharing_form(item, token, {"action": "stop"}, "Stop sharing", danger=True)
        if sharing.shared
        else ""
    )
    return (
        '<section class="card" aria-labelledby="share-h"><h2 id="share-h">Sharing</h2>'
        f'{listed}{add}<div class="actions">{everyone}{stop}</div>'
        '<p class="hint">Users it is shared with can read it and its report; only its owners'
        " and admins can share it, only admins delete it.</p></section>"
    )


def analysis_page(
    item: st.Analysis,
    token: str,
    report_json: str | None,
    progress: Progress | None = None,
    *,
    user: str | None = None,
    access: Access | None = None,
) -> HtmlPage:
    """An analysis's permalink: the report when done; while pending, its place in the
    queue and the time it has waited (``progress``); the error when it failed. With access
    control on (``access``), who else reads it, and for its owners the sharing forms."""
    permalink = f"/analyses/{item.id}"
    source = _e(item.source)
    link = safe_url(item.url)
    url_row = (
        f'<dt>URL</dt><dd><a href="{_e(link)}" rel="noopener noreferrer nofollow">'
        f"{_e(link)}</a></dd>"
        if link
        else ""
    )
    meta = (
        f'<dl class="meta"><dt>Status</dt><dd>{_status_badge(item.status)}</dd>'
        f"<dt>Source</dt><dd>{source}</dd>{url_row}"
        f"<dt>Analysed</dt><dd>{_when(item.created)}</dd>"
        f'<dt>Permalink</dt><dd><a id="permalink" href="{_e(permalink)}">{_e(permalink)}</a>'
        "</dd>"
        + (
            f"<dt>Content hash</dt><dd><code>sha256:{_e(item.content_hash)}</code></dd>"
            if item.content_hash
            else ""
        )
        + _sharing_row(item, access)
        + (_downloads(item) if item.status == st.DONE and report_json else "")
        + "</dl>"
    )
    actions = (
        '<div class="actions">'
        f'<a href="/api/v1/analyses/{_e(item.id)}">JSON API</a>'
        f'<form class="inline" method="post" action="{_e(permalink)}/delete">'
        f'{_hidden_token(token)}<button class="danger" type="submit">Delete</button></form>'
        "</div>"
    )
    title = _label(item)
    head = ""
    scripts: tuple[str, ...] = ()
    extra_styles: tuple[str, ...] = ()
    extra_hashes: tuple[str, ...] = ()
    body = ""
    if item.status == st.PENDING:
        body = _waiting(item, progress)
        # Without scripts the page still refreshes itself (and so its progress).
        head = '<noscript><meta http-equiv="refresh" content="3"></noscript>\n'
        scripts = (_POLL_SCRIPT,)
    elif item.status == st.DONE and report_json:
        parts = _report_parts(report_json)
        extra_styles = (parts.style,)
        extra_hashes = (csp_hash(parts.script),)
        body = f'<div class="report-host">{parts.articles}</div><script>{parts.script}</script>'
    else:
        body = (
            '<section class="card error-box" role="alert"><h2>This analysis failed</h2>'
            f"<p>{_e(item.error or 'unknown error')}</p></section>"
        )
    summary = (
        f'<section class="card" aria-labelledby="sum-h"><h1 id="sum-h">{_e(title)}</h1>'
        f"{meta}{actions}</section>"
    )
    content = f'<main class="app-main">{summary}{_sharing_card(item, token, access)}{body}</main>'
    return _layout(
        title,
        content,
        extra_head=head,
        extra_styles=extra_styles,
        scripts=scripts,
        extra_hashes=extra_hashes,
        account=_account(user, token),
    )


def _pct(share: float | None) -> str:
    return f"{share:.0%}" if share is not None else "—"


def _figure_rows(s: Summary) -> list[tuple[str, str]]:
    """The summary figures the compare page sets side by side, named as the report names
    them; a layer that did not run says so."""

    def layer(name: str, value: str) -> str:
        return "not run" if name in s.skipped else value

    density = s.techniques_per_1000_words
    if density is None and "techniques" not in s.skipped and s.words:
        density = 0.0
    share = s.technique_sentence_share
    if share is None and "techniques" not in s.skipped and s.sentences:
        share = 0.0
    return [
        ("Words", f"{s.words:,}"),
        ("Sentences", layer("sentences", f"{s.sentences:,}")),
        ("Techniques", layer("techniques", f"{s.techniques:,}")),
        (
            "Techniques per 1,000 words",
            layer("techniques", f"{density:.1f}" if density is not None else "—"),
        ),
        ("Sentences with a technique", layer("techniques", _pct(share))),
        ("Claims", layer("claims", f"{s.claims:,}")),
        ("Quotes", layer("quotes", f"{s.quotes:,}")),
        ("Speakers", layer("quotes", f"{s.speakers:,}")),
        ("Named sources", layer("quotes", _pct(s.named_source_share))),
        ("Entities", layer("entities", f"{s.entities:,}")),
        ("Dates", layer("dates", f"{s.dates:,} ({s.dates_resolved:,} resolved)")),
    ]


def _share_cell(count: int, share: float | None) -> str:
    meter = (
        f'<meter min="0" max="1" value="{share:.3f}" aria-hidden="true"></meter>'
        if share is not None
        else ""
    )
    return f'<td class="num">{count:,}</td><td class="num">{_pct(share)}{meter}</td>'


def compare_page(pair: tuple[tuple[st.Analysis, Report], tuple[st.Analysis, Report]]) -> HtmlPage:
    """Two finished analyses side by side: their summary figures and their technique mix."""
    (a, report_a), (b, report_b) = pair
    sa, sb = summarise(report_a), summarise(report_b)

    def heading(item: st.Analysis) -> str:
        return f'<th scope="col"><a href="/analyses/{_e(item.id)}">{_e(_label(item))}</a></th>'

    def meta(item: st.Analysis, report: Report) -> list[tuple[str, str]]:
        """(name, HTML) of what the article is: its site, date and when it was analysed."""
        doc = report.document
        return [
            ("Site", _e(item.site or doc.site or "")),
            ("Published", _e(doc.date or "unknown")),
            ("Analysed", _when(item.created)),
        ]

    meta_rows = "".join(
        f'<tr><th scope="row">{name}</th><td>{x}</td><td>{y}</td></tr>'
        for (name, x), (_, y) in zip(meta(a, report_a), meta(b, report_b), strict=True)
    )
    figure_rows = "".join(
        f'<tr><th scope="row">{_e(name)}</th><td class="num">{_e(x)}</td>'
        f'<td class="num">{_e(y)}</td></tr>'
        for (name, x), (_, y) in zip(_figure_rows(sa), _figure_rows(sb), strict=True)
    )
    figures = (
        '<section class="card" aria-labelledby="cmp-fig-h"><h2 id="cmp-fig-h">Summary</h2>'
        '<div class="table-wrap"><table class="compare-table figures"><thead><tr>'
        f'<th scope="col">Figure</th>{heading(a)}{heading(b)}</tr></thead>'
        f"<tbody>{meta_rows}{figure_rows}</tbody></table></div></section>"
    )
    mix = technique_mix(sa, sb)
    if mix:
        rows = "".join(
            f'<tr><th scope="row">{_e(row.name)}</th>'
            f"{_share_cell(row.counts[0], row.shares[0])}"
            f"{_share_cell(row.counts[1], row.shares[1])}</tr>"
            for row in mix
        )
        totals = (
            '<tr class="total"><th scope="row">All techniques</th>'
            f'<td class="num">{sa.techniques:,}</td><td></td>'
            f'<td class="num">{sb.techniques:,}</td><td></td></tr>'
        )
        mix_table = (
            '<div class="table-wrap"><table class="compare-table mix"><thead>'
            f'<tr><th scope="col" rowspan="2">Technique</th>'
            f'<th scope="colgroup" colspan="2">{_e(_label(a))}</th>'
            f'<th scope="colgroup" colspan="2">{_e(_label(b))}</th></tr>'
            '<tr><th scope="col" class="num">Spans</th><th scope="col" class="num">Share</th>'
            '<th scope="col" class="num">Spans</th><th scope="col" class="num">Share</th></tr>'
            f"</thead><tbody>{rows}{totals}</tbody></table></div>"
        )
    else:
        mix_table = '<p class="muted">Neither article has a technique span.</p>'
    mix_section = (
        '<section class="card" aria-labelledby="cmp-mix-h"><h2 id="cmp-mix-h">Technique mix</h2>'
        '<p class="hint">Each technique\'s spans, and their share of the article\'s'
        f" technique spans ({_e(plural(sa.techniques, 'span'))} and"
        f" {_e(plural(sb.techniques, 'span'))}).</p>{mix_table}</section>"
    )
    title = f"{_label(a)} and {_label(b)}"
    content = (
        '<main class="app-main"><section class="card" aria-labelledby="cmp-h">'
        f'<h1 id="cmp-h">Comparing two analyses</h1><p><a href="/analyses">Back to the'
        " history</a></p></section>"
        f"{figures}{mix_section}</main>"
    )
    return _layout(f"Compare: {title}", content)


def login_page(token: str, next_path: str, error: str | None = None) -> HtmlPage:
    """The sign-in form: an API token (``unspun tokens create``) opens a browser session."""
    problem = f'<p class="error-box" role="alert">{_e(error)}</p>' if error else ""
    content = (
        '<main class="app-main"><section class="card"><h1>Sign in</h1>'
        "<p>This server requires an access token. Ask its administrator for one"
        " (<code>unspun tokens create NAME --role analyst</code>).</p>"
        f'{problem}<form method="post" action="/login">{_hidden_token(token)}'
        f'<input type="hidden" name="next" value="{_e(next_path)}">'
        '<label for="login-token">Token</label> '
        '<input id="login-token" name="token" type="password" autocomplete="current-password"'
        ' required> <button type="submit">Sign in</button></form></section></main>'
    )
    return _layout("Sign in", content)


def error_page(status: int, message: str) -> HtmlPage:
    content = (
        '<main class="app-main"><section class="card error-box" role="alert">'
        f"<h1>{status}</h1><p>{_e(message)}</p>"
        '<p><a href="/">Back to the start page</a></p></section></main>'
    )
    return _layout(f"Error {status}", content)


def docs_page(openapi: dict[str, object]) -> HtmlPage:
    """A list of the API's operations from the OpenAPI document, without a CDN-hosted UI."""
    rows = []
    paths = openapi.get("paths", {})
    assert isinstance(paths, dict)
    for path, ops in paths.items():
        for method, op in ops.items():
            summary = op.get("summary", "") if isinstance(op, dict) else ""
            rows.append(
                f"<tr><td><code>{_e(method.upper())}</code></td><td><code>{_e(path)}</code></td>"
                f"<td>{_e(summary)}</td></tr>"
            )
    content = (
        '<main class="app-main"><section class="card"><h1>JSON API</h1>'
        '<p>The machine-readable description is <a href="/openapi.json">/openapi.json</a>'
        f" (OpenAPI; unspun {_e(__version__)}). POST bodies must be"
        " <code>application/json</code>.</p>"
        "<table><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section></main>"
    )
    return _layout("API", content)
