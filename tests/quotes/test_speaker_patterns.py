"""Speakers on the patterns the error analysis of PolNeAR train found (the model card's
table): a quote's second piece, inverted cues, titles split off a name.

Every text is written for these tests; every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

import pytest

from quotes.quotes_support import kinds_and_names, quotes_of, said, speaker_of
from unspun.nlp.pipeline import LanguageLayer
from unspun.quotes.segments import find_segments, split_paragraphs
from unspun.report import Quote


def speakers(quotes: list[Quote]) -> list[str | None]:
    return [speaker_of(q) for q in quotes]


def test_a_name_inside_the_quote_is_not_the_speaker(language: LanguageLayer) -> None:
    text = (
        "“I hear it from parents every week, [Okafor] can be very stubborn,” Hanna Lidell "
        "said. “But then I ask them who else would fix the roads.”"
    )
    quotes = quotes_of(language, text)
    assert [q.text[:6] for q in quotes] == ["“I hea", "“But t"]
    assert speakers(quotes) == ["Hanna Lidell", "Hanna Lidell"]


def test_an_abbreviated_title_ends_no_sentence(language: LanguageLayer) -> None:
    text = (
        "Who will win the cup final?\n"
        "“The northern side, without a doubt,” Gov. Piet Maren replied. “I am sorry to say "
        "it, but they will win.”"
    )
    quotes = quotes_of(language, text)
    assert speakers(quotes) == ["Piet Maren", "Piet Maren"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Gov. Piet Maren"


def test_a_quote_after_the_speakers_sentence(language: LanguageLayer) -> None:
    text = (
        "The mayor, Edda Stromberg, visited the harbour on Friday and said the dredging would "
        "start in spring. “We have waited for this for twenty years.”"
    )
    direct = [q for q in quotes_of(language, text) if q.kind == "direct"]
    assert [q.text for q in direct] == ["“We have waited for this for twenty years.”"]
    assert speakers(direct) == ["Edda Stromberg"]


def test_an_inverted_cue_with_the_speaker_after_it(language: LanguageLayer) -> None:
    text = (
        '"Budget night," tweeted council spokesman Ivo Renner. "Fewer buses, more parking. '
        'We will see how long that lasts."'
    )
    quotes = quotes_of(language, text)
    assert speakers(quotes) == ["Ivo Renner", "Ivo Renner"]
    # the cue is no part of the speaker as written
    assert quotes[0].speaker is not None
    assert quotes[0].speaker.text == "council spokesman Ivo Renner"


def test_a_title_split_off_the_name_by_the_parse(language: LanguageLayer) -> None:
    text = (
        "“The generals have never understood the reserves,” said Army Capt. Lena Dahl, who "
        "said she would vote for neither party. “They plan for a war nobody fights.”"
    )
    direct = [q for q in quotes_of(language, text) if q.kind == "direct"]
    assert speakers(direct) == ["Lena Dahl", "Lena Dahl"]


def test_a_cue_with_its_own_clause_belongs_to_its_own_speaker(
    language: LanguageLayer,
) -> None:
    text = (
        '"It is a sad day for the party," Senator Arne Holt told reporters in the lobby. '
        '"Nobody should be shoved at a rally. Nobody." Governor Ruth Ekberg said she would '
        "wait for the police report."
    )
    direct = [q for q in quotes_of(language, text) if q.kind == "direct"]
    assert speakers(direct) == ["Arne Holt", "Arne Holt"]


def test_doubled_apostrophes_are_quotation_marks(language: LanguageLayer) -> None:
    text = (
        "''We will not close the mill,'' Mr. Halvard Moe said on Monday. ''Not this year, "
        "and not next year.''\n"
        "''What does that promise mean?'' Mrs. Ilse Brun asked, adding that the owners had "
        "said the same in 2019."
    )
    direct = [q for q in quotes_of(language, text) if q.kind == "direct"]
    assert [q.text for q in direct] == [
        "''We will not close the mill,''",
        "''Not this year, and not next year.''",
        "''What does that promise mean?''",
    ]
    assert speakers(direct) == ["Halvard Moe", "Halvard Moe", "Ilse Brun"]


def test_an_apostrophe_pair_inside_a_word_opens_nothing() -> None:
    text = "The rock 'n'' roll club ''reopened'' on Friday."
    segments = find_segments(text, split_paragraphs(text))
    assert [text[s.start:s.end] for s in segments] == ["''reopened''"]


def test_a_works_title_is_not_speech(language: LanguageLayer) -> None:
    text = (
        "In his book “The Salt Roads”, the maritime historian Piet Quist describes how the "
        "ring road was pitched as a cure for congestion."
    )
    quotes = quotes_of(language, text)
    assert "“The Salt Roads”" not in [q.text for q in quotes]


def test_a_name_the_parse_hung_on_an_earlier_noun(language: LanguageLayer) -> None:
    text = (
        "Alarmed by the unrest in Ohio, Senator Pavel Lind, the minority leader, said that he "
        "spoke with Mr. Berg on Tuesday."
    )
    (quote,) = quotes_of(language, text)
    assert quote.text == "that he spoke with Mr. Berg on Tuesday"
    assert speakers([quote]) == ["Pavel Lind"]


def test_a_second_cue_the_parse_joined_to_the_first_clause(language: LanguageLayer) -> None:
    text = (
        "Mayor Sten Ohlin said the closure was ordered by fire commissioner Lars Berg and "
        "said, “Who are you going to trust on safety?”"
    )
    # the first clause runs on to the quote that ends the sentence: Ohlin's either way
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        "the closure was ordered by fire commissioner Lars Berg and said, “Who are you going "
        "to trust on safety?”"]
    assert speakers(quotes) == ["Sten Ohlin"]


def test_a_question_asked_by_the_host(language: LanguageLayer) -> None:
    text = (
        "On Sunday the senator was asked by host Clara Vinter, who has backed him before, "
        "“Will you stay in the race until the convention?”"
    )
    direct = [q for q in quotes_of(language, text) if q.kind == "direct"]
    assert speakers(direct) == ["Clara Vinter"]


@pytest.mark.parametrize(("text", "name"), [
    ("Turnout rose by a fifth in the northern districts, according to an analysis by the "
     "Pew Research Center.", "the Pew Research Center"),
    ("A living wage in the valley is about $14 an hour, according to calculations by Ada "
     "Lindgren of the Northern Institute of Technology.", "Ada Lindgren"),
])
def test_a_text_by_its_author(language: LanguageLayer, text: str, name: str) -> None:
    (quote,) = quotes_of(language, text)
    assert quote.speaker is not None
    assert quote.speaker.name == name
    assert name.removeprefix("the ") in quote.speaker.text  # the text and its author


def test_a_name_after_the_cue_the_parse_gave_to_the_quote(language: LanguageLayer) -> None:
    # The parse makes "said" a side clause and the name the subject of the quote's verb.
    text = ('"The danger," said Marta Okonjo, an economist, "is that we will attract '
            'workers and repel jobs."')
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        '"The danger,"', '"is that we will attract workers and repel jobs."']
    assert speakers(quotes) == ["Marta Okonjo", "Marta Okonjo"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Marta Okonjo"


@pytest.mark.parametrize("text", [
    'In Lisbon, Premier Rui Falcao released a statement late on Friday condemning "what '
    'looks like a deliberate attack on the harbour."',
    'Hours later, Senator Ada Brandt issued a statement calling on the ministry "to '
    'publish every contract it signed with the firm."',
])
def test_a_statement_doing_something(language: LanguageLayer, text: str) -> None:
    quotes = quotes_of(language, text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith(text[text.index('"')])
    name = "Rui Falcao" if "Falcao" in text else "Ada Brandt"
    assert speaker_of(quotes[0]) == name
    assert quotes[0].cue is not None and quotes[0].cue.text in ("condemning", "calling")


@pytest.mark.parametrize(("text", "name"), [
    ("Any honest reading of the treaty, said Lena Varga, a lawyer in Vienna, would find "
     "the clause void.", "Lena Varga"),
    ("The real danger, said Tomas Rehn, a retired general, is a long war of attrition.",
     "Tomas Rehn"),
])
def test_a_cue_set_off_in_mid_sentence(language: LanguageLayer, text: str, name: str) -> None:
    # The parse makes the fronted words the subject of "said"; the speaker is the name after.
    quotes = quotes_of(language, text)
    assert len(quotes) == 1
    assert speaker_of(quotes[0]) == name
    assert quotes[0].speaker is not None and quotes[0].speaker.text == name


def test_a_cue_in_mid_sentence_keeps_its_subject(language: LanguageLayer) -> None:
    text = "Mayor Ines Duarte, speaking in Porto, said Karl Weber would lose the vote."
    quotes = quotes_of(language, text)
    assert speakers(quotes) == ["Ines Duarte"]


@pytest.mark.parametrize("text", [
    'Lena Orr seemed to be ready to joke about the delay in Tartu, telling the crowd, "Some '
    'people get a little lost, have you noticed that?"',
    'Ivo Kask seemed to be ready to talk about the strike in Narva, telling the crowd, "Some '
    'people get a little carried away, have you noticed that?"',
])
def test_a_cue_the_parse_hung_on_the_quotes_verb(language: LanguageLayer, text: str) -> None:
    # "telling" hangs on "noticed", inside the quote; the crowd is told, not telling.
    quotes = quotes_of(language, text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None
    assert quotes[0].speaker.text == text.split(" seemed")[0]


def test_the_noun_after_a_participle_cue_is_not_its_speaker(language: LanguageLayer) -> None:
    text = ("“We finished the last song in March,” Mara Quill said, mentioning the new record "
            "is “almost mixed.”")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["“We finished the last song in March,”",
                                        "“almost mixed.”"]
    assert speakers(quotes) == ["Mara Quill", "Mara Quill"]


def test_a_text_that_says_is_its_authors(language: LanguageLayer) -> None:
    text = ("In its campaign, Orlen Foods released a video that said, “Every farm we buy from "
            "is inspected twice a year.”")
    quotes = quotes_of(language, text)
    assert [q.text[:7] for q in quotes] == ["“Every "]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Orlen Foods"


def test_a_relative_that_is_never_the_speaker(language: LanguageLayer) -> None:
    text = ("Priest Anton Haller told mourners the town had lost a voice that said “kindness "
            "costs nothing and buys everything.”")
    quotes = quotes_of(language, text)
    assert all(q.speaker is None or q.speaker.text.lower() != "that" for q in quotes)


def test_a_fronted_noun_is_no_second_subject(language: LanguageLayer) -> None:
    text = 'No wonder Greenpeace said, "The budget is a wish list."'
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ('"The budget is a wish list."', "Greenpeace")]


def test_a_quoted_paragraph_after_reported_speech_is_the_reporters(
    language: LanguageLayer,
) -> None:
    text = ("Harbour chief Lena Morrow said that for years ministers had promised a new pier, "
            "but it had never been built.\n\n"
            "“We cannot wait another decade. The ships are going elsewhere.”\n")
    quotes = quotes_of(language, text)
    assert [(q.text[:9], speaker_of(q)) for q in quotes] == [
        ("that for ", "Lena Morrow"), ("“We canno", "Lena Morrow")]


def test_the_phrase_right_before_a_cue_without_subject_is_its_speaker(
    language: LanguageLayer,
) -> None:
    # the parse joins "office" to the phrase before and leaves "announced" no subject
    text = ("After a day of tensions between two of the league’s highest-profile owners, "
            "Commissioner Ralph Dunne’s office announced Friday that Dunne will meet both of "
            "them on Monday.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["that Dunne will meet both of them on Monday"]
    assert quotes[0].speaker is not None
    assert quotes[0].speaker.text == "Commissioner Ralph Dunne’s office"


def test_an_adverb_between_the_name_and_its_cue(language: LanguageLayer) -> None:
    text = ("Speaking to about 80 growers at the county fair, many of them worried about the "
            "drought, the board's chairman, Tomas Ekdahl, bluntly suggested that the reservoir "
            "had been mismanaged.")
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("that the reservoir had been mismanaged", "Tomas Ekdahl")]


def test_a_participle_hung_on_a_thing_is_said_by_the_clauses_subject(
    language: LanguageLayer,
) -> None:
    # the parse hangs "telling" on "microphone"
    text = ("Varga was heard on a microphone telling Holm to get on a train and go home after "
            "the debate in Pecs.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["to get on a train and go home after the debate in Pecs"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Varga"


def test_a_fronted_of_phrase_is_not_the_speaker(language: LanguageLayer) -> None:
    text = ("“He is fun at a party. And if I went fishing, I’d take him along,” Tallinn lawyer "
            "Ada Pirn said of Kallas. “But as premier, he scares me.” Of Veski, Pirn, who has "
            "given money to the Greens, said, “She is simply vague. I like her, but she is "
            "vague.”")
    quotes = quotes_of(language, text)
    assert [q.text[:8] for q in quotes] == ["“He is f", "“But as ", "“She is "]
    assert speakers(quotes) == ["Ada Pirn", "Ada Pirn", "Ada Pirn"]


def test_a_contracted_has_is_not_the_speaker(language: LanguageLayer) -> None:
    text = ("Meanwhile, the senator’s record on farming is mixed. While she’s said she believes "
            "the subsidy is fair fairly consistently, she’s also voted against it twice.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["she believes the subsidy is fair fairly consistently"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "she"


def test_a_participle_under_a_word_that_is_no_verb(language: LanguageLayer) -> None:
    text = ("Likely Labour nominee Ilse Brandt has offered few ideas for easing rents aside "
            "from stating that the council shouldn't profit from its housing.\n\n"
            "And she made a point of saying the old library \"was a place of learning and "
            "shelter,\" where the city's children \"came together to read.\"")
    quotes = quotes_of(language, text)
    assert [q.speaker.text if q.speaker else None for q in quotes] == [
        "Labour nominee Ilse Brandt", "she"]
    assert speaker_of(quotes[0]) == "Ilse Brandt"


def test_a_second_verb_the_parse_joins_loosely_shares_the_subject(
    language: LanguageLayer,
) -> None:
    text = ("The crowd fell silent. Brandt paused, then revealed why the closure of the mine "
            "mattered so much to her family.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        "why the closure of the mine mattered so much to her family"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Brandt"


def test_a_hyphenated_group_the_parse_broke_up_speaks_whole(language: LanguageLayer) -> None:
    text = ("The minister blamed the colleges. But vice-chancellors have hit back hard, saying "
            "the ministry changed the rules at the last minute.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["the ministry changed the rules at the last minute"]
    speaker = quotes[0].speaker
    assert speaker is not None
    assert text[speaker.start:speaker.end] == "vice-chancellors"
    assert speaker.kind == "vague"


ASKED = (
    "Governor Tom Hale named the judge on Monday.\n"
    "At a news conference announcing her appointment, a reporter asked Rosa Delgado, “What "
    "is the biggest problem in the courts?”\n"
    "“Getting people to see their own bias,” she replied. “We all have it.”\n"
    "“She will be superb,” he said."
)


@pytest.mark.parametrize("asker_goes_on", [
    # the asker's own next words: "added" goes on with them
    "At the hearing, Tom Reed asked Mark Dale, \"Did you know about the losses?\"\n"
    "\"I think you did,\" he added.",
    # the question does not end its sentence: the asker does more
    "Tom Reed asked Mark Dale, \"Did you know?\" and then turned to the chair.\n"
    "\"This man should resign,\" he said.",
])
def test_the_asker_going_on_is_not_the_person_asked(
    language: LanguageLayer, asker_goes_on: str
) -> None:
    assert speakers(quotes_of(language, asker_goes_on))[-1] == "Tom Reed"


def test_who_was_asked_the_question_answers_it(language: LanguageLayer) -> None:
    quotes = quotes_of(language, ASKED)
    assert [q.text[:8] for q in quotes] == ["“What is", "“Getting", "“We all ", "“She wil"]
    assert speakers(quotes) == ["a reporter", "Rosa Delgado", "Rosa Delgado", "Tom Hale"]
    answer = quotes[1].speaker
    assert answer is not None and ASKED[answer.start:answer.end] == "she"


def test_the_person_asked_answers_only_in_the_gender_stated(language: LanguageLayer) -> None:
    text = ASKED.replace("she replied", "he replied").replace(
        "announcing her appointment", "on the appointment").replace(
        "a reporter asked Rosa Delgado", "a reporter asked Mrs Rosa Delgado")
    quotes = quotes_of(language, text)
    assert speakers(quotes)[1] == "Tom Hale"


def test_a_title_after_a_body_s_name_is_the_officer_not_the_body(
    language: LanguageLayer,
) -> None:
    text = ("Cases are climbing in the south, the WHO Director warned on Tuesday, urging "
            "countries to keep their testing sites open.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["Cases are climbing in the south"]
    speaker = quotes[0].speaker
    assert speaker is not None
    assert text[speaker.start:speaker.end] == "the WHO Director"
    assert (speaker.name, speaker.kind) == ("the WHO Director", "role")


def test_who_was_told_is_not_who_spoke(language: LanguageLayer) -> None:
    text = "The families were told that “nothing more could be done” for the village."
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        "that “nothing more could be done” for the village"]
    assert quotes[0].speaker is None
    assert quotes[0].confidence == 0.3  # as for any quote whose speaker was not found


def test_a_scare_quote_beside_a_charge_is_nobody_s_words(language: LanguageLayer) -> None:
    text = "Those “well-connected” clients were not charged, but the inquiry goes on."
    assert quotes_of(language, text) == []


SPOKESMAN_GOES_ON = (
    "Rhona Vail, who leads the lecturers' union, said staff were exhausted.\n\n"
    "But a spokesman for the Colleges Employers' Forum (CEF) said its members had cut "
    "short contracts.\n\n"
    "“We have worked with the unions for years,” he said.\n\n"
    "“Our figures show growth in permanent posts.”\n\n"
    "Vail was not persuaded."
)


def test_an_unnamed_speaker_goes_on_in_the_next_paragraph(language: LanguageLayer) -> None:
    quotes = quotes_of(language, SPOKESMAN_GOES_ON)
    assert [q.text[:8] for q in quotes] == ["staff we", "its memb", "“We have", "“Our fig"]
    spokesman = quotes[1].speaker
    assert spokesman is not None
    # the acronym's bracket closes inside the speaker's phrase
    assert SPOKESMAN_GOES_ON[spokesman.start:spokesman.end] == (
        "a spokesman for the Colleges Employers' Forum (CEF)")
    assert kinds_and_names(quotes[1:]) == [
        ("role", spokesman.name)] * 3
    he = quotes[2].speaker
    assert he is not None and SPOKESMAN_GOES_ON[he.start:he.end] == "he"


def test_an_asker_does_not_go_on_into_the_answer(language: LanguageLayer) -> None:
    text = ("The mayor, Helen Marsh, gave an interview to CBS this month, when a reporter "
            "asked if the new deployments meant a change of course.\n\n"
            "“We are not changing course at all,” she said.")
    quotes = quotes_of(language, text)
    assert speakers(quotes) == ["a reporter", "Helen Marsh"]


def test_a_pronoun_the_cue_acts_on_is_not_its_speaker(language: LanguageLayer) -> None:
    text = ("Told of the poll, Early described it as “news to me” and moved on.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["“news to me”"]
    assert quotes[0].speaker is None or quotes[0].speaker.text != "it"


def test_speech_left_unsaid_is_nobody_s_quote(language: LanguageLayer) -> None:
    text = ("Staff could be fined if they fail to tell their managers that they must "
            "isolate. The rule also covers anyone who omitted to mention that they had met "
            "a friend.")
    assert quotes_of(language, text) == []


def test_a_passive_sharing_its_subject_names_no_speaker(language: LanguageLayer) -> None:
    text = ("The fines could hit someone who knows they are ill and has been told to stay "
            "away from others.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["to stay away from others"]
    assert quotes[0].speaker is None


def test_one_word_is_a_first_name_or_a_surname_never_a_middle_one() -> None:
    from unspun.quotes.speakers import fullest_name

    family = ["Marie-Claire Lenoir Dufresne", "Anaïs Lenoir"]
    assert fullest_name(["Lenoir"], family) == "Anaïs Lenoir"
    # a double surname's first part, as Spanish names use it
    assert fullest_name(["Lenoir"], family[:1]) == "Marie-Claire Lenoir Dufresne"
    # but not a name the article gave only after using the word alone again and again
    assert fullest_name(["Lenoir"], ["Lenoir"] * 3 + family[:1]) == "Lenoir"
    assert fullest_name(["Lenoir"], ["Lenoir", family[0]]) == "Marie-Claire Lenoir Dufresne"
    # "Jr." is matched when the name has it, and not preferred when it has not
    sons = ["Donald Trump Jr.", "Donald Trump"]
    assert fullest_name(["Trump"], sons) == "Donald Trump"
    assert fullest_name(["Trump", "Jr."], sons) == "Donald Trump Jr."
    assert fullest_name(["Kennedy", "Jr."], ["Robert F. Kennedy Jr."]) == "Robert F. Kennedy Jr."
    assert fullest_name(["Marie-Claire"], family) == "Marie-Claire Lenoir Dufresne"
    # a surname outranks a longer name that opens with the same word
    assert fullest_name(["Dean"], ["Dean Patrick Moore", "Ruth Dean"]) == "Ruth Dean"
    assert fullest_name(["King"], ["Martin Luther King Jr."]) == "Martin Luther King Jr."
    # two people sharing a surname: the longer name, unless the article used the surname
    # alone again and again for the one named first before it gave the other
    assert fullest_name(["Halloran"], ["Ted Halloran", "Rose Anne Halloran"]) == (
        "Rose Anne Halloran")
    assert fullest_name(["Halloran"], ["Ted Halloran"] + ["Halloran"] * 3 + [
        "Rose Anne Halloran"]) == "Ted Halloran"
    assert fullest_name(["Halloran"], ["Ted Halloran", "Ted J. Halloran", "Rose Halloran"]) == (
        "Ted J. Halloran")


NAMED_LATER = (
    "Sen. Ted Halloran spent the summer on a bill to fund school nurses. Halloran wrote it "
    "after the shooting, and Halloran says it is the work of his life.\n\n"
    "On the Senate floor, Halloran read the names of the victims, among them a librarian, "
    "Rose Anne Halloran, who was no relation.\n\n"
    "“Nobody here should sleep well tonight,” Halloran said."
)


def test_a_surname_is_the_person_named_first_not_a_longer_name_given_later(
        language: LanguageLayer) -> None:
    quotes = quotes_of(language, NAMED_LATER)
    assert [q.text for q in quotes][-1] == "“Nobody here should sleep well tonight,”"
    quotes = quotes[-1:]
    speaker = quotes[0].speaker
    assert speaker is not None and speaker.name == "Ted Halloran"
    assert NAMED_LATER[speaker.start:speaker.end] == "Halloran"


def test_a_surname_is_the_longer_name_of_a_relative_who_speaks(
        language: LanguageLayer) -> None:
    # the subject of the event is named first; the relative quoted after, in full
    cases = [
        ("When Martha Quintero died in 2015, her son, Carlos Alberto Quintero, took over the "
         "restaurant. “It was her dream,” Quintero said.", "Carlos Alberto Quintero"),
        ("Police said Kevin Harte, 19, was arrested. The victim's mother, Mary Ellen Harte, "
         "spoke outside court. “He took my son's life,” Harte said.", "Mary Ellen Harte"),
    ]
    for text, name in cases:
        assert said(language, text)[-1] == (text[text.index("“"):text.index("”") + 1], name,
                                            "person")


ECLIPSED = (
    "Maria Kessler released her first record in 1990. A year later, Maria Kessler sang a duet "
    "with soul star Robert Quayle.\n\n"
    "Maria Kessler married her manager in 1994, and Maria Kessler toured for years.\n\n"
    "Maria Kessler's son was born in 2001.\n\n"
    "Asked about the tour, the star said: “I never wanted to stop.”"
)


def test_an_epithet_named_once_long_ago_is_not_the_article_s_subject(
    language: LanguageLayer,
) -> None:
    quotes = quotes_of(language, ECLIPSED)
    assert [q.text for q in quotes] == ["“I never wanted to stop.”"]
    # (she is the one the article is about; "soul star" Quayle, named once, is not)
    assert kinds_and_names(quotes) == [
        ("person", "Maria Kessler")]
    near = ECLIPSED.replace("Maria Kessler's son was born in 2001.",
                            "Robert Quayle recorded again in 2001.")
    assert speakers(quotes_of(language, near)) == ["Robert Quayle"]


def test_a_title_case_headline_gives_no_name_its_fullest_form(language: LanguageLayer) -> None:
    text = ("Marla Quinn Defends Her Record On Housing Ahead Of The Vote\n\n"
            "Marla Quinn spoke to reporters on Tuesday.\n\n"
            "“We built more homes than anyone before us,” Marla Quinn said.")
    quotes = quotes_of(language, text)
    assert speakers(quotes) == ["Marla Quinn"]


def test_a_statement_in_the_sentence_before_hands_over_its_maker(
    language: LanguageLayer,
) -> None:
    text = ("The court ruled against the retailer on Thursday.\n\n"
            "The shopper's lawyer, Jeremy Robb, had a more succinct statement after the "
            "ruling. “It is impossible to overstate the magnitude of this ruling.”")
    quotes = quotes_of(language, text)
    assert speakers(quotes) == ["Jeremy Robb"]
    # the statement is the cue a reader sees, not the verb "had"
    assert [q.cue.text for q in quotes if q.cue] == ["statement"]


def test_a_body_s_name_cut_before_its_last_word_is_whole(language: LanguageLayer) -> None:
    text = ("The Western Power Exchange Operator, the nonprofit that runs the grid, said it "
            "acted after three plants shut down.")
    quotes = quotes_of(language, text)
    speaker = quotes[0].speaker
    assert speaker is not None and speaker.kind == "organisation"
    assert speaker.name is not None and speaker.name.endswith("Operator")


def test_no_comment_hands_over_nothing(language: LanguageLayer) -> None:
    for before in ("The shopper's lawyer, Jeremy Robb, had no comment after the ruling.",
                   "The shopper's lawyer, Jeremy Robb, did not give a statement.",
                   "The shopper's lawyer, Jeremy Robb, declined comment on Tuesday.",
                   "Reporters requested a comment from Jeremy Robb, the shopper's lawyer.",
                   "Neither Jeremy Robb nor his partner had any comment."):
        text = f"{before} “It is impossible to overstate the magnitude of this ruling.”"
        assert speakers(quotes_of(language, text)) == [None]


def test_an_unnamed_speaker_of_the_other_gender_does_not_go_on(
    language: LanguageLayer,
) -> None:
    text = ("Mayor John Hale defended the housing plan at Monday's council meeting.\n\n"
            "A spokeswoman for the residents' association said the plan would drive out "
            "families.\n\n"
            "“We have listened to everyone and we will not back down,” he said.")
    assert speakers(quotes_of(language, text))[-1] == "John Hale"


def test_a_headline_keeps_a_person_s_two_words(language: LanguageLayer) -> None:
    text = ("Senator Elizabeth Warren Slams Fed Over Rate Hikes\n\n"
            "The senator spoke on Tuesday.\n\n"
            "“This is reckless,” Warren said.")
    assert speakers(quotes_of(language, text)) == ["Elizabeth Warren"]


def test_irish_offices_are_titles(language: LanguageLayer) -> None:
    text = ("“It is a huge blow for the trade,” Tanaiste Leo Varadkar said. “We will "
            "review it in three weeks,” Taoiseach Micheal Martin added.")
    assert speakers(quotes_of(language, text)) == ["Leo Varadkar", "Micheal Martin"]


def test_which_is_to_say_is_the_writer_s_idiom(language: LanguageLayer) -> None:
    text = ("Why was the election so ordinary? Which is to say, why did a reality star win "
            "the same share as any other candidate? Needless to say, nobody agreed.")
    assert quotes_of(language, text) == []


def test_a_relative_set_off_without_its_closing_comma_is_a_person(
    language: LanguageLayer,
) -> None:
    text = ("Speaking with reporters on Thursday, the hunter's sister, Inderdai Deyal said "
            "that he had left home at eight to go hunting.\n\n"
            "“He left the Thursday night on his tractor,” Deyal told this newspaper.")
    quotes = quotes_of(language, text)
    assert kinds_and_names(quotes) == [
        ("person", "Inderdai Deyal")] * 2


def test_a_relative_pronoun_is_no_speaker(language: LanguageLayer) -> None:
    text = ("It turned out that there is a single statistical score for a team—just as "
            "there is for a worker—that predicts how well the team will do on a broad set "
            "of jobs.")
    # what a score "predicts" is no one's speech
    assert quotes_of(language, text) == []


def test_a_writer_s_name_after_the_role_is_a_person(language: LanguageLayer) -> None:
    text = ("Not much, at least conclusively, as noted by health writer Hrefna Pálsdóttir. "
            "“The evidence for heart health is mixed,” she wrote in an article.")
    quotes = quotes_of(language, text)
    assert kinds_and_names(quotes) == [
        ("person", "Hrefna Pálsdóttir")]


def test_a_surname_read_as_a_body_shows_the_person_s_full_name(
    language: LanguageLayer,
) -> None:
    text = ("Dr. Sobhi Skaik, the director of the hospital, said in an interview last week "
            "that fuel had run out.\n\n"
            "During an interview, Skaik paused. “A cancer patient here dies three times,” "
            "Skaik said.")
    quotes = quotes_of(language, text)
    assert kinds_and_names(quotes) == [
        ("person", "Sobhi Skaik")] * 2


def test_that_said_is_the_writer_s_turn(language: LanguageLayer) -> None:
    text = ("The board's mistake shows that our election systems are not perfect. That "
            "said, I believe the doubts it cast are troubling.")
    assert quotes_of(language, text) == []


def test_suppositions_and_manners_of_speaking_are_no_quotes(language: LanguageLayer) -> None:
    text = ("Let’s say you have two modules, each importing the other. As a maintainer, "
            "it's natural to ask what else we could have built. It is safe to say that the "
            "switch took years. Flavours vary with the waters added from springs.")
    assert quotes_of(language, text) == []


def test_the_writer_s_asides_are_no_quotes(language: LanguageLayer) -> None:
    text = ("It is also important to note that the totals leave out Cornwall. It is worth "
            "noting that the trust never answered. It should be noted that the sample was "
            "small, and it could be argued that the audit came late.\n\n"
            "It must be stressed that no one was hurt, police said.")
    quotes = quotes_of(language, text)
    # someone else's words that open the same way still report them
    assert [(q.text, q.speaker.text if q.speaker else None) for q in quotes] == [
        ("It must be stressed that no one was hurt", "police")]


def test_a_name_read_as_a_company_whose_surname_speaks_is_a_person(
    language: LanguageLayer,
) -> None:
    # the recogniser reads "Nadia Corvell" as an organisation
    text = ("Raising rents now would be a mistake for the whole city, Nadia Corvell said "
            "Monday.\n\n\"The motion will not pass,\" Corvell told reporters. \"We will "
            "fight it street by street,\" she said.\n\nMorgan Stanley said on Tuesday that "
            "its profits had risen sharply over the year.")
    assert said(language, text) == [
        ("Raising rents now would be a mistake for the whole city", "Nadia Corvell", "person"),
        ("\"The motion will not pass,\"", "Nadia Corvell", "person"),
        ("\"We will fight it street by street,\"", "Nadia Corvell", "person"),
        ("that its profits had risen sharply over the year", "Morgan Stanley", "organisation")]
    # a surname that another person named in full has speaks for that person, not the body
    text = ("Raising rents now would be a mistake for the whole city, Nadia Corvell said "
            "Monday.\n\nThe councillor Tom Corvell disagreed. \"The motion will pass,\" "
            "Corvell told reporters.")
    # (the recogniser's "Nadia Corvell", a body, then stays one: the cautious side)
    assert said(language, text)[1:] == [
        ("\"The motion will pass,\"", "Tom Corvell", "person")]


def test_a_titled_surname_is_the_relative_named_last(language: LanguageLayer) -> None:
    text = ("Ada Brandt was six when the seizures began.\n\n"
            "Her mother, Carol Brandt, kept a diary of every one. \"We wrote down the time, the "
            "food, the weather,\" Mrs Brandt said.\n\n"
            "Her father, Peter Brandt, gave up his job. \"Someone had to be home,\" Mr Brandt "
            "said.\n\n\"I can ride a bike now,\" Ada said.")
    assert said(language, text) == [
        ("\"We wrote down the time, the food, the weather,\"", "Carol Brandt", "person"),
        ("\"Someone had to be home,\"", "Peter Brandt", "person"),
        ("\"I can ride a bike now,\"", "Ada Brandt", "person")]


def test_a_body_s_it_was_careful_to_stress_is_its_statement(language: LanguageLayer) -> None:
    text = ("The central bank kept rates on hold on Thursday. It was careful to stress that "
            "further rises were possible.")
    quotes = quotes_of(language, text)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("that further rises were possible", "The central bank")]


def test_her_mother_is_the_mother_the_article_named(language: LanguageLayer) -> None:
    text = ("Ada Brandt was six when the seizures began.\n\nHer mother, Carol Brandt, kept a "
            "diary of every one.\n\nDr Oliver Grant noticed the pattern. \"It followed the "
            "light,\" he said.\n\n\"We cried,\" her mother said.\n\n"
            "Her aunt said the family was grateful.\n")
    # an aunt the article never named stays as written
    assert said(language, text) == [
        ("\"It followed the light,\"", "Oliver Grant", "person"),
        ("\"We cried,\"", "Carol Brandt", "person"),
        ("the family was grateful", "Her aunt", "role")]


def test_according_to_a_measure_is_no_source(language: LanguageLayer) -> None:
    text = ("Council seats are allocated according to the size of each ward. Add the stock "
            "slowly according to your taste. Everything went according to plan, the coach "
            "said.\n\nAccording to the timetable published on Monday, the final vote comes "
            "in March.")
    quotes = quotes_of(language, text)
    assert [(q.text, q.speaker.text if q.speaker else None) for q in quotes] == [
        ("Everything went according to plan", "the coach"),
        ("the final vote comes in March", "the timetable")]
    # a plan the story brought in is cited, unlike the idiom
    text = ("The ministry published its plan on Monday. According to the plan, troops "
            "will leave the border by June.")
    assert [(q.text, q.speaker.text if q.speaker else None,
             q.speaker.kind if q.speaker else None) for q in quotes_of(language, text)] == [
        ("troops will leave the border by June", "the plan", "document")]


def test_what_a_participle_describes_is_not_who_described_it(
    language: LanguageLayer,
) -> None:
    text = "You can order nachos. Or dumplings, described as “Oriental tortillas.”"
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["“Oriental tortillas.”"]
    assert quotes[0].speaker is None


def test_a_fan_club_read_as_a_person_is_no_one_s_full_name() -> None:
    from unspun.quotes.speakers import person_like

    assert not person_like("Anders Tegnell & co'")
    assert not person_like("Meghan cry")
    assert person_like("Ursula von der Leyen")
    assert person_like("Bashar al-Assad")
    assert person_like("Tip O'Neill")
    assert person_like("Robert F. Kennedy Jr.")


def test_names_with_particles_and_the_definite_article(language: LanguageLayer) -> None:
    text = ("The gallery moved first. The Hermitage declared the sketch a national treasure. "
            "“We will bring it home,” said Amandine des Roches, the gallery’s director.\n\n"
            "Brussels wants more. Recently, Margarethe von der Lahnstein stated that the "
            "target holds.")
    quotes = quotes_of(language, text)
    assert [text[q.start:q.end] for q in quotes] == [
        "the sketch a national treasure", "“We will bring it home,”",
        "that the target holds"]
    assert kinds_and_names(quotes) == [
        ("organisation", "Hermitage"), ("person", "Amandine des Roches"),
        ("person", "Margarethe von der Lahnstein")]


def test_what_a_speaker_indicated_and_the_quote_after_it(language: LanguageLayer) -> None:
    text = ("Later, Governor Ruth Ambrose indicated that she would publish the inquiry's "
            "report early.\n\n"
            "“The inquiry looked at governance, not at the drug trade.”")
    quotes = quotes_of(language, text)
    assert [text[q.start:q.end] for q in quotes] == [
        "that she would publish the inquiry's report early",
        "“The inquiry looked at governance, not at the drug trade.”"]
    assert [speaker_of(q) for q in quotes] == ["Ruth Ambrose"] * 2


def test_something_added_is_not_something_said(language: LanguageLayer) -> None:
    text = ("Come back soon, as we will be adding new recipes every week.\n\n"
            "“The best cooking site I have found.”\n\n"
            "The index added two points by noon. “The gap is too wide,” added a Leeds "
            "councillor.")
    quotes = quotes_of(language, text)
    # the testimonial is no one's the article names, not "we"'s
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("“The best cooking site I have found.”", None),
        ("“The gap is too wide,”", "a Leeds councillor")]


def test_a_name_line_without_a_dash_is_no_credit(language: LanguageLayer) -> None:
    # a caption or a reporter's sign-off under a quote is no credit: the quote above it keeps
    # the running speaker, and the one after the caption has none the article gives
    text = ("“Passengers have waited long enough,” said Ruth Calder, the transport "
            "secretary.\n\n"
            "“We will act in our first year.”\n\n"
            "Tobias Brandt, the prime minister, in Downing Street on Monday\n\n"
            "“The line will reopen in May.”\n\n"
            "Sarah Jones, Reuters")
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("“Passengers have waited long enough,”", "Ruth Calder"),
        ("“We will act in our first year.”", "Ruth Calder"),
        ("“The line will reopen in May.”", None)]


def test_what_a_fact_suggests_is_the_writer_s_inference(language: LanguageLayer) -> None:
    text = ("The scraper was found near Leiden. The researchers note that the coast was "
            "then tundra. This suggests the tools were prized.")
    quotes = quotes_of(language, text)
    assert [text[q.start:q.end] for q in quotes] == ["that the coast was then tundra"]
    assert kinds_and_names(quotes) == [("vague", "The researchers")]


def test_it_was_reported_names_no_one(language: LanguageLayer) -> None:
    text = ("Polo reached Argentina early. In the 1890s in Argentina, it was reported that "
            "ten thousand people watched a single match.\n\n"
            "The council met on Monday. It was announced that the bridge would close.")
    quotes = quotes_of(language, text)
    assert [text[q.start:q.end] for q in quotes] == [
        "that ten thousand people watched a single match", "that the bridge would close"]
    assert kinds_and_names(quotes) == [("vague", None)] * 2


def test_this_explains_is_the_writer_s_own(language: LanguageLayer) -> None:
    text = ("Voters have turned on the party. But this only explains why the base left. "
            "“That, sadly,” the senator said, “is what happens.”")
    quotes = quotes_of(language, text)
    assert [text[q.start:q.end] for q in quotes] == ["“That, sadly,”", "“is what happens.”"]


def test_telling_apart_is_not_telling_someone(language: LanguageLayer) -> None:
    text = ("Weigh yourself at the same hour, so that it is easier to tell if the diet "
            "works. Only time will tell whether the clinic's method lasts. The nurse told "
            "patients that the scales were accurate.")
    quotes = quotes_of(language, text)
    assert [text[q.start:q.end] for q in quotes] == ["that the scales were accurate"]


def test_a_name_the_parse_took_for_an_auxiliary_speaks(language: LanguageLayer) -> None:
    text = ("Showa Denko is the largest maker of platters. This week SDK announced it had "
            "improved upon the technology to allow for bigger drives.")
    quotes = quotes_of(language, text)
    assert [speaker_of(q) for q in quotes] == ["SDK"]


def test_the_star_of_a_profile_is_its_subject(language: LanguageLayer) -> None:
    text = ("Julia Brennan on stage fright and sisters\n\n"
            "Julia Brennan arrives late, soaked from the rain. The singer has come from a "
            "rehearsal.\n\n"
            "“I look like a drowned cat,” the star says.\n\n"
            "Her sister, the cellist Claire Brennan, joined the band in May.\n\n"
            "“She still tunes before I do,” the singer says.")
    quotes = quotes_of(language, text)
    assert [speaker_of(q) for q in quotes] == ["Julia Brennan", "Julia Brennan"]


def test_given_names_the_recogniser_left_out_are_the_speaker_s(
    language: LanguageLayer,
) -> None:
    text = ("Akosua Ama Serwaa Boateng, an analyst at a brokerage in Accra, said investors "
            "were returning. “The money is cautious, but it is back,” she said.\n\n"
            "Captain Lewis Okoro said the dressing room was flat.")
    quotes = quotes_of(language, text)
    assert [speaker_of(q) for q in quotes] == [
        "Akosua Ama Serwaa Boateng", "Akosua Ama Serwaa Boateng", "Lewis Okoro"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Rovers reunion tour sells out\n\nPeter Grant, the manager, said the tour sold out in an "
     "hour. Peter Grant added that more dates were planned.\n\nThe band's singer, Liam "
     "Hart, said the band had rehearsed for months. “We'll find it,” the singer said.",
     "Liam Hart"),
    ("A new epic opens in London\n\nChristopher Nolan, the director, arrived early. "
     "Christopher Nolan said the film took four years.\n\nThe film stars Aaron "
     "Taylor-Johnson. “It was the hardest shoot of my life,” the actor said.",
     "Aaron Taylor-Johnson"),
])
def test_the_actor_of_a_news_story_is_not_its_first_name(
    language: LanguageLayer, text: str, expected: str,
) -> None:
    quotes = quotes_of(language, text)
    assert quotes[-1].text == text[text.rindex("“"):text.rindex("”") + 1]
    assert speaker_of(quotes[-1]) == expected


def test_review_cases_of_the_round(language: LanguageLayer) -> None:
    text = ("The Sheikh said the talks would resume.\n\n"
            "The regulator fined the bank on Monday. It said the failings were serious.\n\n"
            "This, said union leader Ewan Lusk, “is the last chance for the bosses.”\n\n"
            "Governor Andrew Bailey added a caveat that the data were preliminary. He also "
            "added a warning that prices could rise again.")
    quotes = quotes_of(language, text)
    assert [text[q.start:q.end] for q in quotes] == [
        "the talks would resume", "the failings were serious",
        "“is the last chance for the bosses.”", "that the data were preliminary",
        "that prices could rise again"]
    # a title alone after "the" is no body; an active "It said" is no "it was reported"
    assert kinds_and_names(quotes) == [
        ("person", "Sheikh"), ("organisation", "The regulator"), ("person", "Ewan Lusk"),
        ("person", "Andrew Bailey"), ("person", "Andrew Bailey")]


def test_it_is_the_body_the_sentence_before_is_about(language: LanguageLayer) -> None:
    text = ("Harlow imports more grain than last year.\n\n"
            "The ministry published its figures on Monday. It said that exports fell by a "
            "tenth.\n\n"
            "Northwind Bank posted a loss. The regulator fined the lender on Tuesday. It said "
            "the failings were serious.")
    quotes = quotes_of(language, text)
    assert kinds_and_names(quotes) == [
        ("organisation", "The ministry"), ("organisation", "The regulator")]


def test_he_after_a_title_given_alone_is_its_holder(language: LanguageLayer) -> None:
    text = ("Pope Clement XVI opened the assembly on Sunday.\n\n"
            "“Heresy is a word for changing doctrine quietly,” said Cardinal Aldo Ferri, "
            "the retired archbishop of Turin.\n\n"
            "The pontiff also sent a message to the people of Sudan. “Khartoum is in my "
            "prayers every day,” he said.")
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("“Heresy is a word for changing doctrine quietly,”", "Cardinal Aldo Ferri"),
        ("“Khartoum is in my prayers every day,”", "Pope Clement XVI")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Laura Mills said the bills had doubled. Her husband, Tom Mills, was laid off in March. "
     "“We are behind on the rent,” she said.", "Laura Mills"),
    ("Kerry Dunn said the damp was the worst part. Her son, Jake, 8, has asthma. “He can't "
     "breathe at night,” she said.", "Kerry Dunn"),
    ("Anne Lee said the ward was short of staff. Nurse Joy Banda died of Covid in April. “We "
     "will miss her every day,” she said.", "Anne Lee"),
    ("Pope Leo XIV paid tribute to Pope Francis at a Mass on Sunday.\n\nThe pontiff also met "
     "pilgrims from Peru. “Peru is in my heart,” he said.", "Leo XIV"),
    ("Prosecutor Jane Miller told the jury the money was stolen. “He knew it,” Miller said.",
     "Jane Miller"),
])
def test_the_second_review_s_cases(language: LanguageLayer, text: str, expected: str) -> None:
    quotes = quotes_of(language, text)
    said_in_quotes = [q for q in quotes if q.text.startswith("“")]
    assert len(said_in_quotes) == 1
    assert [speaker_of(q) for q in quotes] == [expected] * len(quotes)


def test_an_unnamed_body_between_keeps_it_open(language: LanguageLayer) -> None:
    text = ("Harlow Mills sued the council. The court heard from the company. It said the "
            "claims were false.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["the claims were false"]
    assert kinds_and_names(quotes) == [("organisation", "Harlow Mills")]


def test_the_elder_and_the_younger_are_told_apart(language: LanguageLayer) -> None:
    # by the ages the article gives
    text = ("Hiroshi Tanabe, 78, founded the lacquer workshop in 1971. His son, Kenji Tanabe, "
            "45, has run it since 2019.\n\n\"We never borrowed a single yen,\" the elder Tanabe "
            "said.\n\n\"I intend to keep it that way,\" the younger Tanabe said.")
    assert said(language, text) == [
        ("\"We never borrowed a single yen,\"", "Hiroshi Tanabe", "person"),
        ("\"I intend to keep it that way,\"", "Kenji Tanabe", "person")]
    # by the kin word that introduced one of the two, a title between
    text = ("Grace Okafor opened the pharmacy in 1988. Her daughter, Ngozi Okafor, came home "
            "in 2015.\n\n\"People trusted us first,\" the younger Ms. Okafor said.\n\n"
            "\"She knows every customer,\" the elder Okafor said of her daughter.")
    assert said(language, text) == [
        ("\"People trusted us first,\"", "Ngozi Okafor", "person"),
        ("\"She knows every customer,\"", "Grace Okafor", "person")]


def test_a_quote_after_someone_spoke_or_was_asked_is_theirs(language: LanguageLayer) -> None:
    text = ("Mara Quinn talked about the closure on Tuesday. \"We had no warning at all.\"\n\n"
            "The minister was asked about the delay. \"It is not acceptable to anyone.\"\n\n"
            "Dev Arora spoke to reporters outside the depot after the vote.\n\n"
            "\"This is the first pay rise in four years.\"\n\n"
            "Councillor Tom Hale was asked whether the depot would close.\n\n"
            "\"Not while I am on this council.\"")
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes_of(language, text)
            if q.kind == "direct"] == [
        ("\"We had no warning at all.\"", "Mara Quinn"),
        ("\"It is not acceptable to anyone.\"", "The minister"),
        ("\"This is the first pay rise in four years.\"", "Dev Arora"),
        ("\"Not while I am on this council.\"", "Tom Hale")]


def test_a_quote_after_one_asked_a_question_or_silent_is_not_theirs(
        language: LanguageLayer) -> None:
    # the question may be the quote; one who did not speak said nothing
    text = ("The senator was asked a question about the tariffs. \"Will you vote for the "
            "bill?\"\n\nRuth Ellis did not speak at the hearing.\n\n"
            "\"She is devastated by all of it.\"")
    assert [(q.text, q.speaker) for q in quotes_of(language, text)] == [
        ("\"Will you vote for the bill?\"", None),
        ("\"She is devastated by all of it.\"", None)]


def test_the_question_of_a_fronted_asked_is_no_answerer_s(language: LanguageLayer) -> None:
    text = ("Asked if he would run again, Mayor Tom Hale said he had not decided.\n\n"
            "Asked by reporters whether she would resign, Priya Desai said she would not.")
    assert [(q.text, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None)
            for q in quotes_of(language, text)] == [
        ("if he would run again", None, "Asked"),
        ("he had not decided", "Mayor Tom Hale", "said"),
        ("whether she would resign", "reporters", "Asked"),
        ("she would not", "Priya Desai", "said")]


def test_a_relative_given_a_first_name_alone_is_a_person(language: LanguageLayer) -> None:
    # the recogniser reads "Colin" as a place, and his "he says" went to his wife
    text = ("When the river rose, Lena Marsh was already awake. \"By midnight it was at the "
            "door,\" she recalls.\n\nHer husband, Colin, carried their two dogs to the car. "
            "\"I didn't think, I just grabbed them,\" he says.")
    assert said(language, text) == [
        ("\"By midnight it was at the door,\"", "Lena Marsh", "person"),
        ("\"I didn't think, I just grabbed them,\"", "Colin", "person")]


def test_an_interview_frame_a_heckler_or_a_question_is_not_the_one_who_spoke(
        language: LanguageLayer) -> None:
    # after "I/The Guardian spoke to X" or "X spoke with her lawyer" the words may be
    # either side's; a question after "X spoke" or "X was asked about" is someone else's
    text = ("I spoke to Dev Arora after the vote. \"This is the first pay rise in four years, "
            "and it is not enough.\"\n\n"
            "The Guardian spoke to Mara Quinn on Friday. \"We lost everything we ever owned "
            "in one night.\"\n\n"
            "The mayor spoke at the town hall on Monday. \"Liar, you promised us a new school, "
            "where is it?\"\n\n"
            "Mara Quinn spoke with her lawyer on Friday. \"There is no case here and there "
            "never was.\"\n\n"
            "The mayor was asked about the closure. \"Will the depot close before Christmas "
            "or not?\"\n\n"
            "Mara Quinn was asked to leave the meeting. \"Please go now, or we will call the "
            "police.\"")
    assert [q.speaker for q in quotes_of(language, text)] == [None] * 6


def test_the_answer_after_a_fronted_asked_is_the_subject_s(language: LanguageLayer) -> None:
    text = ("Asked whether he would resign, Tom Hale was blunt: \"Not a chance, not while I "
            "am mayor.\"")
    assert [(q.text, q.speaker.name if q.speaker else None)
            for q in quotes_of(language, text)] == [
        ("whether he would resign", None),
        ("\"Not a chance, not while I am mayor.\"", "Tom Hale")]


def test_a_relative_s_first_name_leaves_a_namesake_country_alone(
        language: LanguageLayer) -> None:
    text = ("Lena Marsh was already awake. Her daughter, India, was at school in Leeds.\n\n"
            "India said on Wednesday that it would send aid to the region.")
    assert kinds_and_names(quotes_of(language, text)) == [("organisation", "India")]


def test_the_elder_is_the_relative_named_not_a_longer_namesake(
        language: LanguageLayer) -> None:
    text = ("Ann Tanabe, 70, and her daughter Mary Ann Tanabe, 41, run the shop together. "
            "\"We never close,\" the elder Tanabe said. \"I want to open on Sundays,\" the "
            "younger Tanabe said.")
    assert said(language, text) == [
        ("\"We never close,\"", "Ann Tanabe", "person"),
        ("\"I want to open on Sundays,\"", "Mary Ann Tanabe", "person")]


def test_a_named_reporter_or_an_answering_audience_is_no_speaker_by_spoke(
        language: LanguageLayer) -> None:
    text = ("BBC correspondent Jane Porter spoke to residents of the flooded town on Tuesday. "
            "\"We lost everything we had in one night.\"\n\n"
            "Mayor Tom Reyes spoke to residents on Tuesday.\n\n"
            "\"We have waited three months for help and nobody came.\"\n\n"
            "Mayor Dana Ortiz spoke to reporters after the meeting. \"Who could have "
            "predicted this flood? Nobody did.\"")
    # a question answered in the quote itself is still the speaker's
    assert [(q.speaker.name if q.speaker else None) for q in quotes_of(language, text)] == [
        None, None, "Dana Ortiz"]



def test_spoke_and_asked_after_the_second_review(language: LanguageLayer) -> None:
    # a party leader named after an organisation's word still spoke; "asked why X said"
    # takes X's words as said; an unattributed question is at the confidence of one
    text = ("Labour leader Keir Starmer spoke to reporters in Hull. \"We will not raise "
            "income tax this year or next.\"\n\n"
            "When asked why Lind said the plan was dead, Hale replied that nobody had "
            "checked.\n\n"
            "Asked whether she would run again, the senator smiled.")
    quotes = quotes_of(language, text)
    assert [(q.text, q.speaker.name if q.speaker else None, q.confidence)
            for q in quotes] == [
        ("\"We will not raise income tax this year or next.\"", "Keir Starmer", 0.7),
        ("the plan was dead", "Lind", 0.7),
        ("that nobody had checked", "Hale", 0.7),
        ("whether she would run again", None, 0.3)]


def test_an_unnamed_official_in_a_place_not_authorized_to_comment_is_anonymous(
        language: LanguageLayer) -> None:
    text = ("A senior official in the ministry, who was not authorized to comment, said the "
            "talks had stalled.")
    assert kinds_and_names(quotes_of(language, text)) == [("anonymous", "A senior official")]


def test_a_narrator_keeps_his_he_when_the_article_s_pronouns_read_her(
        language: LanguageLayer) -> None:
    # "her" and "she" are the octopus's, yet they vote the narrator female: every candidate
    # for "he" then clashes in gender, and the rules' answer stands rather than nobody
    text = ("The film follows an octopus across the reef. Its narrator, Martin Hale, explains "
            "that her arms can taste what they touch. She lives alone, and her den is an old "
            "shell. \"Everything on this reef is hiding from something,\" he explains.\n")
    assert said(language, text) == [
        ("that her arms can taste what they touch", "Martin Hale", "person"),
        ("\"Everything on this reef is hiding from something,\"", "Martin Hale", "person"),
    ]


def test_a_reporter_or_a_family_heard_is_no_speaker_by_spoke(language: LanguageLayer) -> None:
    cases = [
        ("Jane Porter, a BBC reporter, spoke to mourners at the vigil. \"He was loved by "
         "everyone on this street, every single one.\"", None),
        ("The Guardian's Jane Porter spoke to mourners at the vigil. \"He was loved by "
         "everyone on this street, every single one.\"", None),
        ("Mayor Karen Bass spoke to family members of the victims on Tuesday. \"We just want "
         "answers about what happened to our children.\"", None),
        ("The prime minister spoke to party members in Leeds. \"We will win this election "
         "and we will win it well.\"", "The prime minister"),
    ]
    for text, speaker in cases:
        assert [q.speaker.name if q.speaker else None
                for q in quotes_of(language, text)] == [speaker], text


def test_a_title_before_a_surname_introduces_no_company(language: LanguageLayer) -> None:
    text = ("Chancellor Merz visited the Siemens factory in Munich. The plant will hire 500 "
            "workers, the company said.")
    assert said(language, text) == [
        ("The plant will hire 500 workers", "Siemens", "organisation")]


def test_an_aside_on_someone_else_grants_the_speaker_no_anonymity(
        language: LanguageLayer) -> None:
    text = ("An aide said the mayor, who was not authorized to discuss the deal, had signed "
            "it anyway.")
    assert kinds_and_names(quotes_of(language, text)) == [("role", "An aide")]


def test_a_finished_quote_is_not_the_next_scene_s(language: LanguageLayer) -> None:
    # "In a later vote, Tom Reyes warned ..." opens a new scene: the quote before it stays
    # with the paragraph's speaker; a cue right after the quote still speaks for it
    text = ("\"We will never accept this,\" Ada Lind said. \"It is a betrayal of voters.\" In a "
            "later vote, Tom Reyes warned of a dangerous precedent.\n\n"
            "\"It is a betrayal of voters.\" Tom Reyes warned of a dangerous precedent.\n\n"
            "\"We have given everything we can and more.\" Outside the hall, union leader Tom "
            "Reyes told reporters.")
    # (a quote opening its paragraph, with no speaker before it, is the next sentence's)
    assert [(q.text, q.speaker.name if q.speaker else None)
            for q in quotes_of(language, text) if q.kind == "direct"] == [
        ("\"We will never accept this,\"", "Ada Lind"),
        ("\"It is a betrayal of voters.\"", "Ada Lind"),
        ("\"It is a betrayal of voters.\"", "Tom Reyes"),
        ("\"We have given everything we can and more.\"", "Tom Reyes")]


def test_the_last_review_of_spoke_titles_streets_and_anonymity(
        language: LanguageLayer) -> None:
    # each paragraph alone, as a reader meets it
    cases = [
        ("Dr. Martens, which sells its boots through Amazon, cut its profit forecast on "
         "Tuesday. \"Demand in America has been weaker than we hoped,\" the company said.",
         [("organisation", "Dr. Martens")]),
        ("Mayor Karen Bass spoke to family members of the council worker who died in the "
         "blast. \"He was our whole world and we want answers.\"", []),
        ("Labour's Angela Rayner spoke to supporters in Manchester. \"We will win this "
         "fight, and we will win it together.\"", [("person", "Angela Rayner")]),
        ("The president spoke to members of the media at the White House. \"I am not going "
         "anywhere, not now and not ever.\"", [("role", "The president")]),
        ("The fire started on Ifor ap Glyn Way. Sian Jones, who lives nearby, said the noise "
         "never stops.", [("person", "Sian Jones")]),
        ("An adviser to the president, who was not authorized to discuss the talks, said the "
         "deal was close.", [("anonymous", "An adviser")]),
    ]
    for text, expected in cases:
        assert kinds_and_names(quotes_of(language, text)) == expected, text


def test_a_party_member_from_a_place_is_the_one_the_article_ties_to_both(
        language: LanguageLayer) -> None:
    # by the party before the name, or by party and state in brackets after it
    tied = ("Republican Sen. Nora Pell questioned the agency's chief on Tuesday. \"We will "
            "keep asking until we get answers,\" the Nebraska Republican said.")
    assert said(language, tied) == [
        ("\"We will keep asking until we get answers,\"", "Nora Pell", "person")]
    bracketed = ("Rep. Tom Gowan (R-S.C.) released the report. \"This is damning,\" said "
                 "Gowan. The South Carolina Republican admitted that the server was never "
                 "central to the inquiry.")
    assert said(language, bracketed) == [
        ("\"This is damning,\"", "Tom Gowan", "person"),
        ("that the server was never central to the inquiry", "Tom Gowan", "person")]
    # the one answering the person just quoted, whom the article ties to neither: a role
    answer = ("Sen. Sherrod Kline said the bill would help workers. \"It will not,\" the "
              "Ohio Republican said.")
    assert said(language, answer) == [
        ("the bill would help workers", "Sherrod Kline", "person"),
        ("\"It will not,\"", "the Ohio Republican", "role")]
    # nor one of the other party, or of another state
    other = ("The Texas Democrat, Beto Ruiz, spoke first. \"No,\" the Texas Republican said.")
    assert said(language, other) == [("\"No,\"", "the Texas Republican", "role")]
    elsewhere = ("Rep. Tom Gowan (R-S.C.) released the report. \"It is late,\" the Ohio "
                 "Republican said.")
    assert said(language, elsewhere) == [("\"It is late,\"", "the Ohio Republican", "role")]


def test_a_verb_of_saying_in_a_relative_clause_ends_at_its_sentence(
        language: LanguageLayer) -> None:
    # "asked" hangs on "show" as a relative clause with no relative pronoun of its own, as in
    # 'Nothing the president said "...," X said'; a full stop lies between it and the quote
    text = ("Daniel Marsh runs a bakery in Leeds. \"Nobody pays me for this!\" Marsh said, a line "
            "he has used since a show during which listeners asked how much he earned. "
            "\"I make my own money.\"")
    assert [(q.text, q.speaker.name if q.speaker else None)
            for q in quotes_of(language, text) if q.kind == "direct"] == [
        ("\"Nobody pays me for this!\"", "Daniel Marsh"),
        ("\"I make my own money.\"", "Daniel Marsh")]


def test_a_quote_between_two_handing_cues_is_the_first_cue_s(
        language: LanguageLayer) -> None:
    text = ("Senator Ada Lind answered the aide's email on Friday. Lind replied to Tom Reyes "
            "with, \"Why now? Who asked for this?\" Reyes then wrote back, \"The chairman did.\"")
    assert [(q.text, q.speaker.name if q.speaker else None)
            for q in quotes_of(language, text) if q.kind == "direct"] == [
        ("\"Why now? Who asked for this?\"", "Ada Lind"),
        ("\"The chairman did.\"", "Tom Reyes")]
    # a cue hands over only to the quote right after it, not past it to the next
    turns = ("Ada Lind told reporters: \"We won.\" \"It was hard,\" Tom Reyes said, \"but "
             "we did it.\"")
    assert [q.speaker.name if q.speaker else None
            for q in quotes_of(language, turns) if q.kind == "direct"] == [
        "Ada Lind", "Tom Reyes", "Tom Reyes"]
    # with no cue before it, the quote is still the next cue's
    alone = "\"Why now?\" Tom Reyes wrote back, \"The chairman did.\""
    assert [q.speaker.name if q.speaker else None
            for q in quotes_of(language, alone) if q.kind == "direct"] == ["Tom Reyes"] * 2
