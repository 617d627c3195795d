"""Speaker kinds and the sourcing profile, on sentences written for these tests."""

from __future__ import annotations

import pytest

from unspun.nlp.pipeline import LanguageLayer
from unspun.quotes import find_quotes
from unspun.render.summary import source_kinds, sourcing_line, summarise

CASES = [
    ("person", '"The bridge will reopen in March," Transport Minister Lena Koval said.'),
    ("person", '"We have the money," said Lena Koval. "She has always said so," Koval added.'),
    ("organisation", "The Interior Ministry said the border crossing would stay closed."),
    ("organisation", '"Talks are continuing," the palace press office said on Tuesday.'),
    ("role", '"This is a disaster for the region," said a former European diplomat.'),
    ("role", "The minister said on Monday that the budget would be balanced by 2027."),
    ("vague", '"The numbers simply do not add up," experts say.'),
    ("vague", '"It will pass within weeks," one analyst said.'),
    ("vague", "Many observers said the vote had been rigged from the start."),
    ("vague", "Shop owners on the high street say trade is already down this year."),
    ("anonymous", '"Nobody expected the resignation," a source close to the mayor said.'),
    ("anonymous", '"It was chaos all night," said an official, who spoke on condition of'
                  " anonymity."),
    ("anonymous", "A Treasury source said the chancellor had been irritated by the question."),
    ("role", "A representative for Marlowe said the tour dates would be moved to the spring."),
    ("author", '"I was wrong about the tunnel," I told the council the next morning.'),
    ("document", '"Unemployment fell by two points," a report by the statistics office said.'),
    ("document", '"The cooling pumps are past their safe life," the memo reads.'),
    ("document", "Court papers show the landlord was fined twice for damp."),
    ("document", "A lawsuit filed on Monday alleges that the landlord ignored the damp."),
    ("document", "The claim says the river was polluted for six years."),
    ("anonymous", "A senior aide, requesting anonymity, said the vote would be delayed."),
    ("organisation", "In a joint statement, the two governments said the border would reopen."),
    ("vague", "Some companies say the new tax is far too high."),
    ("vague", '"It feels like a city, not a lake," said someone at the hearing.'),
    ("document", "Details of the new regulations reveal that the fine can be doubled."),
    ("role", '"The sample is far too small," the University of Leeds expert said.'),
    ("document", '"Please eat something, you look unwell," read one comment.'),
    ("person", '"We will appeal," Bill said outside the court.'),
    ("person", '"Acting is a strange job," said Jude Law.'),
    ("person", '"Students need support," guidance counselor Maria Lopez said.'),
    ("role", '"The crane swung wide," said a crane operator who saw the accident.'),
    ("vague", '"There is no plan B," the critic said.'),
    ("role", '"I was shaking," said the person who filmed the video.'),
    ("organisation", '"We are devastated for our staff," Harbour Bar says on Facebook.'),
    ("organisation", "The hospital says visiting is suspended from today."),
    ("document", "The manifesto said the party would build 300,000 homes a year."),
    ("document", "The mayor will speak at the gala, according to an invitation seen by us."),
    ("document", "The new law says landlords must fix damp within a month."),
    ("person", '"This should never have happened," said Bill Powers, an engineer.'),
    ("organisation", "The grid operator said it acted after three plants shut down."),
    ("vague", '"The plan makes me wince," said another person on the call.'),
    ("organisation", "The opposition said the budget was a gift to landlords."),
    ("organisation", '"This echoes a conspiracy theory," the Anti-Defamation Center tweeted.'),
    ("organisation", '"Families will lose out," the Fair-Housing Trust said.'),
    ("document", "The drug halved relapses, according to the second clinical trial."),
    ("document", "Rents rose by a fifth, according to council statistics."),
    ("vague", "Trial lawyers say the reform goes too far."),
    ("person", "From the Alpine Snow Service, Rebecca Tollund confirms that the glacier has "
               "shrunk by a third."),
]


@pytest.mark.parametrize(("kind", "text"), CASES, ids=[f"{k}-{i}" for i, (k, _) in
                                                       enumerate(CASES)])
def test_each_speaker_kind(language: LanguageLayer, kind: str, text: str) -> None:
    quotes = find_quotes(language.analyze(text, None), text)
    assert quotes, text
    speaker = quotes[-1].speaker
    assert speaker is not None and speaker.start is not None and speaker.end is not None
    assert text[speaker.start:speaker.end] == speaker.text
    assert speaker.kind == kind, (speaker.text, speaker.kind)


def test_close_to_after_the_source_places_nobody(language: LanguageLayer) -> None:
    # "close to traffic" is not "a source close to the minister"
    text = "Officials said on Monday that the old bridge would close to traffic in June."
    (quote,) = find_quotes(language.analyze(text, None), text)
    assert quote.speaker is not None and quote.speaker.kind != "anonymous"


def test_sourcing_profile_counts_kinds_and_the_named_share(language: LanguageLayer) -> None:
    text = "\n".join(t for _, t in CASES[:1] + CASES[6:8] + CASES[10:11])
    quotes = find_quotes(language.analyze(text, None), text)
    profile = dict(source_kinds(quotes))
    assert profile == {"person": 1, "vague": 2, "anonymous": 1}
    from unspun import __version__
    from unspun.report import Document, Report

    report = Report(unspun_version=__version__, source="-", document=Document(text=text),
                    quotes=quotes)
    summary = summarise(report)
    assert summary.named_source_share == pytest.approx(0.25)
    assert sourcing_line(summary) == "25% from a named source · 1 person · 2 vague · 1 anonymous"
