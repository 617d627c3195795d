"""The HTML report in a real browser: Playwright driving Debian's Chromium, as the web app's
browser tests do (their module's skip rules and ``browser`` fixture are reused here).

Pages are written to a temporary folder and opened from file://, like a report saved by
``unspun analyze --format html``. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from render.test_html_view import with_weak_technique
from unspun.render import to_html
from web import test_web_browser as shared

browser = shared.browser  # the module-scoped Chromium of the web browser tests
ARTIFACTS = shared.ARTIFACTS
TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture
def report_url(tmp_path: Path, make_sample: Any) -> str:
    """A page of two reports: the sample with a 0.19 technique span added, and a second one."""
    first = with_weak_technique(make_sample(), 0.19)
    path = tmp_path / "report.html"
    path.write_text(to_html([first, make_sample(title="Second")]), encoding="utf-8")
    return path.as_uri()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (empty localStorage) that fails the test on any CSP violation or error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    problems: list[str] = []
    tab.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    tab.on("pageerror", lambda error: problems.append(str(error)))
    yield tab
    context.close()
    assert not problems, problems


def css(page: Any, selector: str, prop: str) -> str:
    return str(page.eval_on_selector(selector, f"el => getComputedStyle(el).{prop}"))


def weak_id(page: Any) -> str:
    """The span id of the 0.19 technique in the first report."""
    return str(
        page.evaluate(
            """() => {
              const spans = JSON.parse(document.getElementById('r0-data').textContent).spans;
              return Object.keys(spans).find(id => spans[id].layer === 'tk'
                                               && spans[id].confidence < 0.2);
            }"""
        )
    )


def test_default_view_shows_only_techniques(page: Any, report_url: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(report_url)
    for article in ("#r0", "#r1"):
        assert page.is_checked(f"{article} .tg-tk")
        for key in ("cl", "qt", "ent", "dt"):
            assert not page.is_checked(f"{article} .tg-{key}"), key
    # Techniques drawn; claims, entities, quotes and dates not.
    assert css(page, '#r0 .tk[data-s~="t0"], #r0 [data-s~="t0"] .tk', "borderBottomColor") != (
        TRANSPARENT
    )
    assert css(page, "#r0 .cl", "backgroundColor") == TRANSPARENT
    assert css(page, "#r0 .en", "backgroundColor") == TRANSPARENT
    assert css(page, "#r0 .qt", "fontStyle") == "normal"
    assert css(page, "#r0 .dt", "textDecorationLine") == "none"
    # And no speaker badge: the paragraph with the quote reads as the article does.
    quote_paragraph = page.locator("#r0 .doc-text p").nth(1).inner_text()
    assert quote_paragraph.startswith("“This is a betrayal of every American family,” Smith told")
    page.screenshot(path=str(ARTIFACTS / "report-1-default.png"), full_page=True)


def test_layer_choice_persists_across_reload(page: Any, report_url: str) -> None:
    page.goto(report_url)
    page.check("#r0 .tg-cl")
    assert css(page, "#r0 .cl", "backgroundColor") != TRANSPARENT
    page.uncheck("#r0 .tg-tk")
    assert css(page, "#r0 .tk", "borderBottomColor") == TRANSPARENT
    page.reload()
    page.wait_for_selector("html.js")
    # Both articles open with the reader's choice, not the defaults.
    for article in ("#r0", "#r1"):
        assert page.is_checked(f"{article} .tg-cl")
        assert not page.is_checked(f"{article} .tg-tk")
        assert css(page, f"{article} .cl", "backgroundColor") != TRANSPARENT
        assert css(page, f"{article} .tk", "borderBottomColor") == TRANSPARENT
    page.check("#r1 .tg-tk")
    page.reload()
    assert page.is_checked("#r0 .tg-tk") and page.is_checked("#r0 .tg-cl")
    assert page.evaluate("JSON.parse(localStorage.getItem('unspun.view')).layers") == {
        "cl": True,
        "tk": True,
    }


def test_threshold_control_hides_and_shows_weak_spans(page: Any, report_url: str) -> None:
    page.goto(report_url)
    weak = weak_id(page)
    bar = f'#r0 .tk[data-s~="{weak}"], #r0 [data-s~="{weak}"] .tk.cf-1'
    item = f'#r0 .fd-spans a[data-j="{weak}"]'
    # Under the default 30%: no line in the text, no entry in the findings.
    assert page.input_value("#r0 .thr-sel") == "3"
    assert css(page, bar, "borderBottomColor") == TRANSPARENT
    assert not page.is_visible(item)
    assert "1 of 9 hidden" in page.inner_text("#r0 .thr-count")
    assert page.inner_text('#r0 .fd-tech[data-t="5"] .n-below') == "all under the threshold"
    # Clicking where it is shows no highlight there.
    page.click(bar)
    assert "No visible highlight here." in page.inner_text("#r0 .details")

    page.select_option("#r0 .thr-sel", "0")
    shown = css(page, bar, "borderBottomColor")
    assert shown != TRANSPARENT and page.is_visible(item)
    assert page.inner_text("#r0 .thr-v") == "0%"
    # Strength: the 0.19 line is thinner and fainter than the 0.91 one.
    strong = '#r0 [data-s~="t0"] .tk.cf-9, #r0 .tk.cf-9[data-s~="t0"]'
    assert css(page, bar, "borderBottomWidth") == "1px"
    assert css(page, strong, "borderBottomWidth") == "3px"
    # color-mix() gives "color(srgb r g b / alpha)" (or rgba()): the line is mostly see-through.
    alpha = re.search(r"[/,]\s*([\d.]+)\)$", shown)
    assert alpha is not None and 0 < float(alpha.group(1)) < 0.5, shown
    page.screenshot(path=str(ARTIFACTS / "report-2-threshold-0.png"), full_page=True)

    page.reload()
    assert page.input_value("#r0 .thr-sel") == "0"
    assert css(page, bar, "borderBottomColor") != TRANSPARENT
    page.select_option("#r0 .thr-sel", "9")
    assert css(page, strong, "borderBottomColor") != TRANSPARENT  # 91% stays
    assert css(page, bar, "borderBottomColor") == TRANSPARENT


def test_findings_jump_link_scrolls_to_and_focuses_its_span(page: Any, report_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto(report_url)
    findings = page.locator("#r0-findings")
    findings.scroll_into_view_if_needed()
    link = page.locator('#r0 .fd-spans a[data-j="t4"]')  # "reckless gamble"
    link.click()
    focused = page.evaluate(
        "() => ({ s: document.activeElement.getAttribute('data-s'),"
        " top: document.activeElement.getBoundingClientRect().top })"
    )
    assert "t4" in focused["s"].split()
    assert 0 <= focused["top"] <= 500
    details = page.inner_text("#r0 .details")
    assert "Loaded language" in details and "reckless gamble" in details
    assert re.search(r"Reliability\s+(usually|often|not measured)", details), details

    # A quote while the quotes layer is off: its details still open, with the speaker.
    findings.scroll_into_view_if_needed()
    page.click('#r0 .sources a[data-j="q0"]')
    assert "q0" in (page.evaluate("document.activeElement.getAttribute('data-s')") or "")
    details = page.inner_text("#r0 .details")
    assert "Jane Smith" in details and "betrayal of every American family" in details
    page.screenshot(path=str(ARTIFACTS / "report-3-jump.png"))


def test_without_scripts_defaults_threshold_and_links_work(browser: Any, report_url: str) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 600}
    )
    page = context.new_page()
    page.goto(report_url)
    weak = weak_id(page)  # Playwright's own evaluation still runs
    bar = f'#r0 .tk[data-s~="{weak}"], #r0 [data-s~="{weak}"] .tk.cf-1'
    assert css(page, "#r0 .cl", "backgroundColor") == TRANSPARENT
    assert css(page, bar, "borderBottomColor") == TRANSPARENT
    page.select_option("#r0 .thr-sel", "0")
    assert css(page, bar, "borderBottomColor") != TRANSPARENT
    page.check("#r0 .tg-cl")
    assert css(page, "#r0 .cl", "backgroundColor") != TRANSPARENT
    page.click('#r0 .fd-spans a[data-j="t4"]')
    assert page.url.endswith("#r0-t4")
    top = page.evaluate("document.getElementById('r0-t4').getBoundingClientRect().top")
    assert 0 <= top <= 600
    context.close()


def test_print_keeps_text_and_findings_and_drops_controls(page: Any, report_url: str) -> None:
    page.goto(report_url)
    page.emulate_media(media="print")
    assert not page.is_visible("#r0 .side")
    assert page.is_visible("#r0-findings") and page.is_visible("#r0 .doc-text")
    assert css(page, '#r0 [data-s~="t0"] .tk.cf-9, #r0 .tk.cf-9[data-s~="t0"]',
               "borderBottomColor") != TRANSPARENT
    page.screenshot(path=str(ARTIFACTS / "report-4-print.png"), full_page=True)
