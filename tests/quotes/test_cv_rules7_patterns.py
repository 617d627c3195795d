"""Who said what, on patterns left in the PolNeAR train cross-validation errors (seventh round).

Every text is written for these tests (the articles the patterns were seen in stay outside
the project); every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def test_a_speaker_set_off_by_a_participle_after_a_subordinator(
        language: LanguageLayer) -> None:
    text = ('The row began Monday after Ms. Lane, asked about the cuts to the school budget, '
            'had said, "We will find the money somewhere."')
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ['"We will find the money somewhere."']
    speaker = quotes[0].speaker
    assert speaker is not None and speaker.text == "Ms. Lane"
    at = text.index("Ms. Lane")
    assert (speaker.start, speaker.end) == (at, at + len("Ms. Lane"))
    assert quotes[0].cue is not None and quotes[0].cue.text == "said"
