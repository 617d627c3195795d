"""Quotes: who said what, found with quotation marks, speech cues and the dependency parse.

Entry point: :func:`find_quotes` (a plain function over the language layer's output).

Three kinds of :class:`~unspun.report.Quote` come out:

* ``direct``: text between double quotation marks (straight, curly, guillemets, or two
  apostrophes as some newspaper archives write them: ``''like this''``), or between single
  ones in an article that quotes in single marks, doubles inside (British style: every
  double-quoted stretch lies inside a single-quoted one), that a speech cue attributes, or
  that continues a quote attributed just before it. The span includes the marks, as news
  attribution corpora annotate it. A quote split around its cue (``"The
  troops", he said, "will stay."``) gives one Quote per piece, both with the same speaker and
  cue, so that every span covers only quoted words.
* ``indirect``: the clausal complement of a speech verb (``X said (that) ...``, ``..., X
  said``) or the rest of the clause of ``according to X``.
* ``mixed``: an indirect complement that itself contains quoted words.

A noun of saying with an owner and a "that" clause is a cue too: ``her claim that ...``, ``the
mayor's warning that ...``, ``a claim by X that ...`` (the owner speaks; a date owns nothing).

Translated agency copy's openings report the rest of their sentence: ``In his words, ...``,
``In the words of X, ...``, ``As X noted, ...`` (not a sentence with a speaker of its own:
``As X noted, Y said ...`` is Y's), and ``For the economist X, ...`` (a role whose view an
article seeks, or a main clause with words quoted: not ``For the defendant X, the trial
ended ...``); so does a verb of judging right after a quote (``"...," evaluates the
economist``). A sentence of its own that opens ``Adding, "..."`` goes on
with the speaker of the outermost verb of saying in the sentence before.

Cues are speech verbs (:data:`~unspun.quotes.cues.SPEECH_VERBS`, matched by lemma; "relate"
only with a "that" clause, "confide" only with the words after it (``X confided to the
panel, "..."``, ``confided that ...``; a quote before it, ``"...," X confided``, finds no
speaker), "estimate" only inverted before a person's name: ``..., estimates Evan Sparks, CEO
of ...``),
``according to``, and nouns such as "statement" or "press release" when they introduce a
quote (``a statement by X saying:``, ``According to an X press release:``). A cue ending
its paragraph with a colon (``..., adding:``) carries its speaker over the quoted paragraphs
that follow, a paragraph that is nothing but a quote continues the speaker of the quote just
before it (the multi-paragraph convention opens every paragraph with a mark and closes only
the last one) unless the line under it credits it to a name (``— Jane Doe, nurse``), a quote
that runs on into the next paragraph with no cue of its own takes the speaker of that
paragraph's quote (``"... I was wrong. / "I am sorry," the governor said.``), and a
quote with no cue of its own continues the one before it in its paragraph (``"...," said X.
"More."``), or, first in its paragraph, takes the speaker of the quote right after it when only
that quote's short cue clause stands between them (``"..." After all, he says, "..."``; not a
reply's, nor across a sentence). A cue counts for a quote only within the same
sentence, with two exceptions: a quote that has no cue and no quote before it in its
paragraph takes the speaker of the sentence just before it (``X visited the port and said ...
"More."``), and a quote that ends its sentence with no cue beside it and no quote before it in
its paragraph takes the speaker the next sentence names as its author (``"..." That was the
verdict of X``, ``So says X``, ``That is how X put it``; not a view X shares "too", nor a day
or an event).
A paragraph of nothing but a quote after one in which the writer asks someone (``I ask her
why ...``) is the answer of the person asked; "she replied" after ``a reporter asked X, "...?"``
is X's, the name the article gives a person that holds X (whatever the recogniser read X
as there), unless the gender it states clashes.
A cue that governs a clause of its own after it (``"..." Y said he would ...``) is no cue for
the quote before it. The speaker is the cue's subject outside quotes (a person's name before a
title the parse split off), the agent of a passive cue (``X was asked by the host Y,
"..."``; without one, a passive of telling, asking, warning or charging names no speaker:
"the families were told that ..."),
the person named just before a cue the parse gave no subject (``..., Senator X, the minority
leader, said``) or before a role whose relative clause no comma closes (``X, the polling guru
who founded the site tweeted``), the one person of two titles joined before a name
(``contender and former neurosurgeon X responded``), who speaks "in an interview" that hands
over with a colon, who released a statement that says something (not who cites one), or the
first noun phrase after an inverted cue (``"...," tweeted council spokesman X``; a name of
capitalised words closing the sentence, which the parse took for the cue's object: ``...,
reported Euro News.``); an
abbreviated title ("Gov.", "Sen.") ends no sentence, and the name after
one that ends the phrase, or heads it, is the speaker (``said Navy Capt. X``, ``said former
Ohio Gov. and party chairman X``).

Not speech: quoted text of one to four words with no adjacent cue (scare quotes, titles; the
cue after such a quote is adjacent across the speaker's own phrase, however long its
apposition: ``"Nobody asked us," Tom Reyes, founder of ..., told reporters``, unless the parse
hangs the quote on a preposition or a noun: ``In "Small Hours," Ana Ruiz, a novelist who ...,
writes``), quoted WORK_OF_ART entities and a title-case quote after a word such as "book", "film" or
"titled", or before its credit (``"Night Shift" actress X``), are dropped, not attributed; so
is a source's request to stay unnamed ("who asked that her surname not be used").

Speakers are kept as written (``Speaker.text/start/end``; a text with its author, "a report by
the ministry", is written whole) and resolved (``Speaker.name``): a span holding a PERSON
entity resolves to the fullest PERSON name in the article containing all its words, titles
ignored ("Kuzmin", "Mrs Brandt" -> "Renat Kuzmin", "Celia Brandt"; of two people sharing a
surname the one the article is about (the subject of more main clauses, else the one named
first; a namesake named in full every time never takes the bare surname), or the one the
article used the surname alone for again and again before it gave the other; "Pruett Jr." the
one whose name has the suffix, "the elder Pruett" by the suffixes, the ages given or the kin
word that introduced one of two), and where relatives share the surname, "Mr", "Mrs", "Ms" or
"Miss" before it means the one of that gender last made a subject, else last named ("Her
father, Sipho Mokoena, ... Mr Mokoena said" -> "Sipho Mokoena", not his daughter named first);
"her mother", "his brother" to the name the article gave with that word ("Her mother, Carol
Brandt, ..."; "Marlow's first wife, Ivana," however the recogniser read the name); "the
noble Lord" to the one peer of that title named outside quotes (of several,
the last sentence's subject, never the peer asking); "the Russian envoy" to the one person tied
to that role and that people, never a former holder ("the Kremlin spokesman", "the deputy
minister", "the expert" likewise, unless the article brings in another, unnamed one after the
name); "the head of the regional administration" to the one person named in apposition to
that office of the same thing ("the head of the region" to the akim named of it); "Shah Sahib"
to the one person named in full with that word; a call sign ("a soldier with the call sign
Zhuk") as given, never widened to a namesake's full name; an ORG likewise to the fullest
ORG; a title with a name in
apposition to the name ("Minister of State for Rail, Rt Hon Julia Penrose MP" -> "Julia
Penrose", honours dropped); a text to the organisation in its ``by``/``from`` complement ("an
analysis by the Pew Research Center"; a person "from" a place is not named after it: "the
senator from Ohio"); "the Minister of X, Elena Y," to the name set off after the office; "the
minister" to the holder the article named so far (of two brought in, the one just brought in
to act in a main clause; "the PAHO Director" to the one named after that title: "... (PAHO)
Director Carissa F. Etienne"); "the channel" to the outlet of that kind the article named;
"the court" or "the trust" to the one such body named before it (none where it named two);
"the department" never to a fuller name the article gives only after it; "the
Ohio Republican" to the one person in reach the article ties to that party or that state
("Republican Sen. X", "X (R-Ohio)"), else a role, as any description nobody resolves ("the
Swede"); "His Excellency" alone to the official last named after it (titles such as
"Chief" dropped); ranks ("Lt Col", "Pol Gen") and a nickname in brackets ("Nattapong (Ton)
Wisetkul") are no part of whom a later mention names, a nickname in quotation marks is part of
the name it stands in ('Sen. Lorna "Inday" Bautista-Reyes', a job before it left out; the
nickname itself still comes out as a direct quote of its bearer, a strict xfail), and a
dateline ("BOGOTÁ -") of none; a two-word name the recogniser leaves unlabelled is a body's
only on a sign of one ("the" before it, "its" after it, a company word); a pronoun after
"according to X" in its sentence to X.
He/she/they/it go to a resolver (:mod:`~unspun.quotes.coref`): a linear model trained on
PolNeAR train that picks among the names mentioned in the six sentences before and the last
speakers (on a live page, none before the rule that opens the pronoun's time-stamped entry,
"___." then "2:10 p.m.:"), weighing recency, subject position, the last quote's speaker, who
was last reported as saying, thinking or taking a stance ("Lind questioned the forecast",
"attacked the plan"; not "attacked the cashier"), number, the gender the article states
(honorifics, he/she in sentences about one person: a constraint, not a weight; where every
candidate clashes, the rules' answer stands, at a confidence of at most 0.4 where a title or
gendered noun states the other gender, 0.6 where only the first name's usual gender disagrees)
and the rules' own answer (he/she: a person named earlier in the same sentence outside quotes,
else the person quoted last, else the person last named as a subject outside quotes; they/it:
the most recent organisation, or plural, speaker). A name the article calls a thing ("his
album, Low Season") is no "he" or "she". Any other phrase ("a senior minister", "the Kremlin's
press service") stays as written. A transcript's turns go to the person their label names: initials,
an office, or a role the article introduced one person in ("hosted by Jess Amadi" for "HOST:";
never a newsroom's "UPDATE:"; after the turns only as "The dispatcher, X," for "DISPATCHER:"),
with the label as the cue. "I" and "we" in the writer's voice resolve to the article's author
("the writer" when it is not known; in an essay credited on a line of its own "As told to X",
the person the standfirst opens with, unless that paragraph is itself in the first person),
never to the pronoun; generic "you" is nobody's speech. An unresolvable pronoun has
``name=None``.

Unbalanced marks never raise: an opening mark closed nowhere in its paragraph counts only if
it opens the paragraph (a page that lost the closing mark) or the next paragraph opens with a
mark (the multi-paragraph convention); otherwise it is ignored. A quote in the other style of
double marks inside an open one (curly inside straight, straight inside curly) is part of it
when the open quote closes after it in its paragraph or runs on into the next one (not past a
third person's verb of saying between the marks: '"We will rebuild, Lux said, promising “a new
start”' is a stray mark before the writer's words).

Also not speech: the writer's asides ("it is worth noting that", "it is too soon to say
whether", "it should be noted that"; not a body's "It was careful to stress that"), an
infinitive nobody says ("even harder to predict how ...", "Is there any way to say that
..."), a participle's "that" that is a determiner ("Evidence confirming that thesis is now
everywhere."), and
"according to" a measure ("according to the size of each ward", "according to your taste",
"went according to plan"; "according to the plan" cites one). A mid-sentence "according to"
reports the clause it stands in ("The mayor, who according to aides is furious, said ...");
one after what a named person said (``X says ..., according to the Associated Press``, the
person named or in apposition to a role) leaves the words X's. A quote after a relative clause
with no relative pronoun (``Nothing the president said "will ease fears," the senator said``)
goes on with its sentence, not with the words the clause reports. "Chanted" reports only the
slogan beside it.

The package holds one concern a module: :mod:`~unspun.quotes.segments` (paragraphs and the
text between quotation marks), :mod:`~unspun.quotes.cues` (speech cues, the speaker as
written, reported speech), :mod:`~unspun.quotes.speakers` (who that speaker is),
:mod:`~unspun.quotes.coref` (what a pronoun speaker stands for), :mod:`~unspun.quotes.kinds`
(what kind of source it is) and :mod:`~unspun.quotes.find` (:func:`find_quotes`, which puts
them together).
"""

from unspun.quotes.find import find_quotes

__all__ = ["find_quotes"]
