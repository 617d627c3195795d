"""Furniture lines: the line-level rules that remove what is not article text.

Both media types pass their lines through :func:`drop_furniture` (whole-line furniture
patterns, runs of share-button words, a trailing press-release or promo section) and HTML
also through :func:`drop_headline` (the headline line with a kicker above it and byline or
date lines below it). The rules work on finished lines, never on markup, and match lines
whole, so an article sentence that merely mentions cookies or likes stays.
"""

from __future__ import annotations

import re

from unspun.extract.normalise import fold

# Furniture lines: removed wherever they occur, matched as whole lines (case-insensitive).
_FURNITURE_LINES: tuple[str, ...] = (
    # comment sections and forms
    r"leave a (?:reply|comment)(?: to .{1,80})?",
    r"cancel reply",
    r"post comment",
    r"comments? (?:are|is) closed\.?",
    r"comments on this (?:article|story|post) (?:are|is) (?:now )?closed\.?",
    r"\d[\d,]* (?:comments?|responses?|replies|thoughts) (?:on|to) .{1,200}",
    r"\d[\d,]* (?:comments?|responses?|replies)",
    r"comments? \(\d[\d,]*\)",
    r"you are commenting using your [\w.]+ account\.?(?: \(? ?log ?out / change ?\)?)?",
    r"notify me of (?:new|follow-up) (?:comments|posts)(?: via| by) e-?mail\.?",
    r"fill in your details below or click an icon to log in:?",
    r"enter your comment here\.*",
    r"(?:e-?mail|name) \(required\)(?: \(address never made public\))?",
    r"reply(?: to .{1,60})?",
    # like and share widgets
    r"like this:?",
    r"like loading\.*",
    r"like(?: ?liked?)?(?: by \d+ (?:people|person|bloggers?))?",
    r"liked by \d+ (?:people|person|bloggers?)",
    r"loading\.*",
    r"(?:%d|\d+) bloggers? likes? this[:.]?",
    r"share this(?: article| page| story| post)?:?",
    r"share(?: on| via| by) (?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|e-?mail|"
    r"telegram|messenger|bluesky|threads|mastodon)",
    r"click to (?:share on|email|print|share|email a link to a friend)\b.{0,60}"
    r"(?:\(opens in new window\))?",
    r"\(opens in new window\)",
    r"tweet",
    r"copy (?:link|shortlink)",
    r"print this (?:page|article)",
    r"email this (?:page|article|story)",
    r"reblog",
    # related posts and teasers
    r"related(?: posts| articles| stories| content| reading| links| topics)?:?",
    r"(?:you (?:may|might) also (?:like|enjoy)|recommended(?: for you| stories)?|"
    r"more (?:on|about) this (?:story|topic)|more from .{1,40}|more stories|"
    r"most (?:read|popular|viewed|shared)|trending(?: now)?|popular (?:posts|stories|now))",
    r"(?:read|see) (?:more|also)(?::.{0,200})?",
    r"(?:also read|related|read next|recommended|further reading): .{1,200}",
    r"in [\"“][^\"”]{1,40}[\"”]",
    r"(?:previous|next|older|newer) (?:post|article|story|entry)",
    r"post navigation",
    # sidebars and blog widgets
    r"(?:recent|latest|top) (?:posts|comments|articles|stories)(?: (?:&|and) pages)?",
    r"archives|categories|tags|meta|blogroll|search|search for:?|search …|search \.\.\.",
    r"follow(?:ing)?(?: blog)?(?: via e-?mail)?",
    r"follow (?:us|me)(?: on .{1,40})?",
    r"enter your e-?mail address to (?:follow|subscribe to) this blog and receive "
    r"notifications of new posts by e-?mail\.?",
    r"join [\d,]+ other (?:followers|subscribers)",
    r"e-?mail address:?",
    r"sign me up!?",
    r"already have a wordpress\.com account\? log in now\.?",
    r"subscribe(?: now| today| here| via e-?mail| to (?:our|the) newsletters?)?!?",
    r"(?:sign up|subscribe) (?:to|for) (?:our|the) (?:\w+ )?newsletters?.{0,80}",
    r"sign (?:up|in|out)|log ?(?:in|out)|register|my account|customi[sz]e",
    r"report this (?:content|ad)",
    r"view (?:post|all posts) in reader|manage subscriptions|collapse this bar",
    r"by (?:signing up|subscribing|clicking|entering your e-?mail).{0,200}"
    r"(?:privacy|terms|policy|notice).{0,100}",
    r"you can unsubscribe at any time\.?",
    # site chrome and footers
    r"skip to (?:main )?(?:content|navigation|footer)",
    r"(?:back to |go to )?top(?: of page)? ?[↑⬆]?|up ?[↑⬆]|[↑⬆]? ?back to top",
    r"menu|main menu|toggle (?:navigation|menu)|close|open menu|home(?:page)?",
    r"blog at wordpress\.com\.?",
    r"(?:website |proudly )?powered by [^,;:!?]{1,60}",
    r"(?:theme|design)(?: by)?:? .{1,60} by .{1,60}",
    r"(?:©|\(c\)|copyright ©?|copyright \d{4}).{0,200}",
    r"all rights reserved\.?",
    # cookie banners
    r"(?:we|this (?:web)?site|our (?:web)?site) uses? (?:some )?(?:essential )?cookies\b.{0,300}",
    r"(?:accept|reject|allow|decline)(?: all| additional| optional)?(?: cookies)?",
    r"(?:manage|view|change) (?:cookies|cookie settings|preferences|settings|consent)",
    r"cookie (?:policy|settings|preferences|notice)",
    r"cookies on .{1,60}",
    # advertisements
    r"advertisements?|sponsored(?: content)?|ad|ads",
    r"(?:story |article )?continues? (?:reading )?below(?: advertisement)?",
    # captions' credits and photo galleries
    r"(?:photo|photograph|image|picture|illustration)(?: credit)?: .{1,80}",
    # author promo boxes
    r"about the author",
    # the same headings and teasers in the other languages of news crawls (German, French,
    # Spanish, Portuguese, Italian, Polish): "read also", "related", "you may be interested",
    # "advertisement", "most read", "sources:", "photo credits:"
    r"(?:auch interessant|das könnte sie (?:auch )?interessieren|zum weiterlesen|"
    r"(?:lesen|lies) sie (?:auch|mehr)|mehr zum thema|weitere (?:artikel|beiträge|themen)|"
    r"(?:(?:à|a) )?lire aussi|voir aussi|sur le même (?:sujet|thème)|(?:à|a) découvrir(?: aussi)?|"
    r"(?:le|te|les) (?:puede|pueden) interesar|(?:lee|lea|leer|leia|veja) (?:también|tambien|"
    r"más|também|mais)|puedes ver|te recomendamos|mir[ae]|leggi anche|potrebbe interessarti"
    r"(?: anche)?|(?:zobacz|czytaj) (?:też|także|również))(?:\s?:.{0,200})?",
    r"(?:notas|noticias|artículos|articulos|contenidos?|matérias|materias|articoli|artigos) "
    r"relacionad[oa]s|contenido relacionado|articoli correlati|beiträge aus dem forum",
    r"anzeige|werbung|publicité|publicidad|pubblicità|publicidade|reklama",
    r"meist(?:-| )?(?:gelesen|diskutiert|kommentiert)|les plus lus|lo más leído|"
    r"(?:os )?mais lid[oa]s|(?:i )?più letti",
    r"(?:quellen?(?:angaben)?|fuentes?|fonte|crédits? photos?|bildquellen?) ?:.{0,120}",
    r"sie sind (?:aktuell )?nicht (?:eingeloggt|angemeldet)\.?",
)
_FURNITURE_LINE = re.compile(
    "(?:" + "|".join(f"(?:{p})" for p in _FURNITURE_LINES) + ")", re.IGNORECASE
)

# Share-button captions: furniture in runs of two or more, words otherwise.
_SHARE_WORDS = frozenset(
    "facebook twitter x linkedin whatsapp reddit pinterest telegram tumblr pocket email "
    "e-mail print share messenger more flipboard mastodon bluesky threads".split()
)

# A byline or dateline line right under the headline: metadata, not article text. Names must
# be capitalised (the pattern is case-sensitive outside the keywords), so "By the time the vote
# came" is not a byline.
NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|le|la|al|bin))*"
_BYLINE_OR_DATE = re.compile(
    rf"(?i:by)\s+{NAME}(?:\s*(?:,|and|&)\s*{NAME})*(?:,\s[^.!?]{{1,60}})?"
    r"|(?i:(?:first )?published|updated|posted|last (?:updated|modified))(?i: on| at)?:?\s"
    r"(?=[^.!?]*\d)[^.!?]{1,60}?(?:\s(?i:by)\s[^.!?]{1,60})?"
    r"|(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)(?i:day),?\s)?"
    r"(?:\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}|[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+(?i:at\s+)?\d{1,2}[:.]\d{2}\s*(?i:am|pm)?(?:\s+[A-Z]{2,4})?)?",
)

# Trailing press-release and promo boilerplate: the section such a heading opens is cut.
# Unmistakable markers cut wherever they follow some text; "About <Name>" and "Contact" also
# head real sections, so they cut only late in the text (see _cut_trailer). "About" must be
# followed by a capitalised name ("About the Ministry of …", "About Acme"), so that a
# subheading like "About the plan" is never taken for boilerplate.
_TRAILER_STRONG = re.compile(
    r"ENDS|#{3}"
    r"|(?i:notes? (?:to|for) editors?|editors?['’]? notes?|about the authors?"
    r"|(?:media|press) (?:contacts?|enquiries|inquiries|information)"
    r"|for (?:further|more) information(?:,? (?:please )?contact[^.!?]{0,80})?:?"
    r"|-+ ?ends ?-+)"
)
_TRAILER_WEAK = re.compile(r"About (?:the )?[A-Z][^.!?]{0,80}|(?i:contacts?)")

# How a line that is not a heading (nor a headline) ends.
HEADING_END = re.compile(r"[.,;:]$")


def _is_heading_like(line: str) -> bool:
    return len(line) <= 100 and not HEADING_END.search(line)


def _is_share_word(line: str) -> bool:
    return line.casefold() in _SHARE_WORDS


def drop_furniture(lines: list[str]) -> list[str]:
    """Remove furniture lines (whole-line patterns, share-word runs, trailing boilerplate)."""
    kept = [line for line in lines if not _FURNITURE_LINE.fullmatch(line)]
    out: list[str] = []
    i = 0
    while i < len(kept):
        j = i
        while j < len(kept) and _is_share_word(kept[j]):
            j += 1
        if j - i >= 2:
            i = j
            continue
        if j == i:
            out.append(kept[i])
            i += 1
        else:
            out.extend(kept[i:j])
            i = j
    return _cut_trailer(out)


def _cut_trailer(lines: list[str]) -> list[str]:
    """Cut a trailing "Notes to editors" / "About X" / "Media enquiries" section."""
    total = sum(len(line) + 1 for line in lines)
    seen = 0
    for index, line in enumerate(lines):
        if index > 0 and _is_heading_like(line):
            if _TRAILER_STRONG.fullmatch(line):
                return lines[:index]
            if seen >= total / 2 and total - seen < 0.4 * total and _TRAILER_WEAK.fullmatch(line):
                return lines[:index]
        seen += len(line) + 1
    return lines


def _loose(text: str) -> str:
    """Letters and digits only, case folded: "Abrechnung: Musik-Stars" = "Abrechnung Musik
    Stars"."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _repeats_headline(line: str, loose_titles: set[str]) -> bool:
    """The headline spelled with other punctuation, or after a short breadcrumb ("Home
    Issues <headline>": at most 40 letters before it)."""
    key = _loose(line)
    if not key:
        return False
    return any(
        key == title or (len(title) >= 20 and key.endswith(title) and len(key) - len(title) <= 40)
        for title in loose_titles
    )


def drop_headline(lines: list[str], titles: set[str]) -> list[str]:
    """Drop the headline line (with a kicker above and byline/date lines below it).

    Further down, a line repeating a headline of four words or more is furniture too (a
    "thoughts on <headline>" box split by the markup, a repeated teaser).
    """
    if not lines:
        return lines
    start = 0
    loose_titles = {_loose(title) for title in titles}
    for index, line in enumerate(lines[:4]):
        if fold(line) in titles or _repeats_headline(line, loose_titles):
            # Everything above the headline must be a short label (kicker, section name).
            if all(len(prev.split()) <= 8 and _is_heading_like(prev) for prev in lines[:index]):
                start = index + 1
            break
    while start < len(lines) - 1 and start < 6 and _BYLINE_OR_DATE.fullmatch(lines[start]):
        start += 1
    long_titles = {_loose(title) for title in titles if len(title.split()) >= 4}
    return [line for line in lines[start:] if _loose(line) not in long_titles]
