"""What kind of source a speaker is: the basis of an article's sourcing profile.

A reader weighs "Health Minister Ana Ruiz said" and "experts say" very differently; so do
fact-checkers and editors comparing outlets. Each speaker gets one kind, first rule that
matches:

* ``anonymous``: a source that is deliberately not named: "a source close to the
  minister", "officials who asked not to be named", or any speaker whose sentence grants
  anonymity ("spoke on condition of anonymity", "declined to be identified");
* ``author``: "I" (or "we") in the article's own voice: the writer;
* ``document``: a text rather than a person: "a report", "figures published by the
  ministry", "a statement", "the study", or its writers, who speak through it ("the authors
  write", "the signatories write");
* ``person``: a named person, directly or through a pronoun resolved to one;
* ``organisation``: a named organisation (an ORG, NORP or GPE entity: "the Interior
  Ministry", "Reuters", "the palace press office") or an institution's office ("the press
  service", "police");
* ``vague``: an unnamed, unaccountable group or stand-in: "experts", "critics", "many
  observers", "some sources", "one analyst", "people", any plural without a name ("shop
  owners");
* ``role``: a role without a name: "a former European diplomat", "the minister", "a
  spokesperson".

The kind is read from the words that name the speaker as written, the entity labels inside
them, and the sentence around them; no model.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from unspun.quotes.names import first_name_gender

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from unspun.report import Entity

SpeakerKind = Literal["person", "organisation", "role", "vague", "anonymous", "author",
                      "document"]

ANONYMITY = re.compile(
    r"\b(?:(?:on|under) (?:the )?conditions? (?:of|that) (?:anonymity|(?:he|she|they) "
    r"(?:not )?be(?: not)? (?:named|identified))|ask(?:ed|ing) not to be (?:named|identified)|"
    r"declin(?:ed|ing) to be (?:named|identified)|"
    r"(?:did|does|do) not (?:wish|want) to be (?:named|identified)|"
    r"(?:were|was|is|are|being) not authori[sz]ed to "
    r"speak|speaking anonymously|anonymous(?:ly)?|unnamed|"
    r"(?:request|seek|sought|grant)(?:s|ed|ing)? anonymity)\b",
    re.IGNORECASE,
)
# "Not authorized to discuss" (comment, talk) grants anonymity only as a clause on the
# unnamed speaker itself ("an official, who was not authorized to comment,", "because he
# was not authorized to discuss", "a senior official in the ministry, who was not
# authorized to comment,"): "she was not authorized to discuss patient details" and
# "the mayor, who is not authorized to discuss personnel matters" withhold details, not a
# name.
_NOT_AUTHORIZED_ON_ITSELF = re.compile(
    r"^(?: (?:in|at|of|for|with|from|to|inside|within|under|involved in) [^,.;:\"“”]{1,50})?,? "
    r"(?:who (?:were|was|is|are)|being) "
    r"not authori[sz]ed to "
    r"(?:discuss|comment|talk)\b", re.IGNORECASE)
_BECAUSE_NOT_AUTHORIZED = re.compile(
    r"\b(?:because|as|since) (?:he|she|they|the (?:official|source)s?) (?:were|was|is|are) not "
    r"authori[sz]ed to (?:discuss|comment|talk)\b", re.IGNORECASE)
# The first words of an unnamed speaker: "an official", "two people", "one aide".
_UNNAMED_OPENERS = frozenset("a an one two three four several some".split())
# Who an unnamed source is, in the words around it: "a source close to the minister".
_UNNAMED_NOUNS = frozenset(
    "source sources insider insiders person people official officials aide aides someone".split()
)
_CLOSE_REACH = 30
_CLOSE_TO = re.compile(
    r"\b(?:close to|familiar with|with (?:direct )?knowledge of|briefed on)\b", re.IGNORECASE
)
# Offices some copy capitalises when it names the holder by them alone: "the Minister said";
# Ireland's heads of government always so ("the Taoiseach", "the Tánaiste").
CAPITALISED_OFFICES = frozenset(
    "minister premier treasurer governor mayor chancellor commissioner taoiseach tánaiste"
    .split())
DOCUMENT_NOUNS = frozenset(
    """report reports study studies survey surveys poll polls statement statements release
    releases document documents data figures filing filings letter memo analysis review audit
    paper website post tweet communique communiqué transcript minutes record records
    estimate estimates forecast assessment findings research bulletin notice clip clips video
    videos ad ads advert book books complaint brief slide slides audio recording recordings
    footage copy excerpt excerpts papers memos note notes email emails lawsuit lawsuits suit
    claim indictment affidavit petition legislation regulations judgment reply replies
    comment comments caption manifesto chapter essay editorial leaflet pamphlet handbook
    dossier invitation testimony statistics projections calculations guidelines census article
    articles""".split()
)
# Texts whose nouns are also names or modifiers ("Bill Powers", "Jude Law", "Ruling party
# spokesman", "guidance counselor", "trial lawyers", "the Orange Order", "order book", "the
# Marshall Plan", "budget airline", "the Decision Desk", "Award winner"): a document only as
# the phrase's head, in lower case
# ("according to the first clinical trial", "the order states", "according to the plan").
_HEAD_ONLY_TEXTS = frozenset(
    {"bill", "law", "ruling", "guidance", "trial", "trials", "order", "plan", "budget",
     "schedule", "timetable", "script", "decision", "award"})
# A court's or a government's order, not a religious one ("The order said it was
# cooperating", "the Jesuit order"): one a lower-case word makes a text ("the interim order"),
# one that speaks with a text's verbs ("the order states", "the order says that"), or one
# a court stands by, in its sentence or the one before ("A judge granted the injunction.
# The order said ...").
_ORDER_AS_TEXT = frozenset(
    "court interim executive restraining gag protective emergency administrative closure "
    "removal deportation compliance enforcement".split())
_TEXT_VERBS = frozenset(
    "state read require stipulate specify provide direct forbid prohibit bar mandate "
    "allow prevent instruct".split())
_COURT_WORDS = frozenset(
    "court courts judge judges tribunal magistrate magistrates injunction ruled".split())
# What a text is made of: "details of the legislation", "the wording of the order".
_PARTS_OF_TEXTS = frozenset("details detail text wording terms parts sections provisions".split())
_VAGUE_NOUNS = frozenset(
    """expert experts critic critics observer observers analyst analysts commentator
    commentators people sources source insiders insider others some many most several
    supporters opponents skeptics sceptics pundits economists scientists residents locals
    voters citizens users detractors watchers you""".split()
)
_NOBODY_IN_PARTICULAR = frozenset("someone somebody person anyone anybody".split())
_VAGUE_QUANTIFIERS = frozenset("some many several most few numerous various one".split())
ORGANISATION_NOUNS = frozenset(
    """ministry department office service agency government police council committee
    commission board court party union company firm bank embassy administration cabinet
    parliament congress senate army military authority authorities prosecutors campaign
    network newspaper team chamber club palace society alliance association federation
    institute foundation charity organisation organization coalition league corporation
    bureau unit directorate inspectorate secretariat district
    regulator watchdog chain retailer airline carrier lender insurer broadcaster start-up startup
    manufacturer supermarket brewer centre center trust opposition delegation force
    utility hospital clinic school university college museum library prison pub bar inn
    hotel restaurant cafe café tavern bakery
    presidency""".split()
)
# ("presidency": a head of state's office as Nigerian, South African, Angolan and Brazilian
# copy has it speak, "the Presidency said in a statement", "according to the Presidency of
# the Republic")
# Nouns that end a body's name when capitalised ("System Operator"), but are people in lower
# case ("a crane operator").
PROPER_ORGANISATION_NOUNS = frozenset({"operator"})
# What a body operates, in lower case: "the grid operator", "a mobile operator".
_OPERATED = frozenset("grid system network transmission pipeline port rail railway airport "
                      "mobile telecoms telecom satellite tour".split())
_ORGANISATION_LABELS = frozenset({"ORG", "NORP", "GPE"})
# The writers of a text the article quotes, who speak only through it.
_TEXT_WRITERS = frozenset("authors co-authors coauthors signatories signers co-signatories".split())
_DEFINITE = frozenset("the its their".split())
_WORD = re.compile(r"[\w’']+")


def speaker_kind(
    written: str,
    start: int,
    end: int,
    category: str | None,
    entities: list[Entity],
    doc: Doc | None = None,
    head_token: int | None = None,
) -> SpeakerKind:
    """The kind of the speaker written as ``written`` at ``[start, end)``; ``category`` is
    what resolution found ("person", "org", "plural" or None), ``head_token`` the index in
    ``doc`` of the phrase's head word ("Defenders" in "Defenders of the zone")."""
    words = [w.lower() for w in _WORD.findall(written)]
    sentence = _sentence(doc, start, end) if doc is not None else written
    # where the source sits follows the words that name it ("officials familiar with the
    # talks"), not a later "close to" ("officials said the bridge will close to traffic")
    around = doc_text(doc)[start:end + _CLOSE_REACH] if doc is not None else written
    # entities in the phrase, or one it cut short ("Norvane Therapeutics" of "..., Inc.")
    inside = ([e for e in entities if start <= e.start and e.end <= end]
              or [e for e in entities if e.start == start and e.end > end])
    if doc is not None and head_token is not None and start <= doc[head_token].idx < end:
        head = doc[head_token].lower_
        head_at = doc[head_token].idx
    else:
        head = words[-1] if words else ""
        head_at = end - len(head)
    # a full name the recogniser took for a body is a person's by its form ("Jonas Eklund"
    # tagged ORG), and so its surname alone later ("Eklund said")
    surnames = {e.text.split()[-1].lower() for e in entities
                if (e.label == "PERSON" or (e.label in _ORGANISATION_LABELS
                                            and unlabelled_name(e.text)))
                and len(e.text.split()) > 1}
    # A person's name as the head ("Laura Beck", "Beck" tagged ORG where "Laura Beck" is a
    # PERSON elsewhere), not as a modifier of an institution ("the Obama administration").
    named_person = any(
        (e.label == "PERSON" or (e.label in _ORGANISATION_LABELS and (
            e.text.lower() in surnames or unlabelled_name(e.text))))
        and not (head in ORGANISATION_NOUNS and e.end <= head_at)
        # nor a body's name after its kind that resolution found a body's, whatever the
        # recogniser took it for: "The mining company, Redbank Iron, said"
        and not (category == "org" and head in ORGANISATION_NOUNS and e.start > head_at)
        and not names_another(doc, head_token, e.start, e.end)
        and not (e.start > start and named_after_body_kind(doc, e.start))
        for e in inside
    )
    head_in_org = any(e.label in _ORGANISATION_LABELS and e.start <= head_at < e.end
                      for e in inside)
    unnamed = (not head_in_org
               and ((bool(words) and words[0] in _UNNAMED_OPENERS) or head in _UNNAMED_NOUNS))
    after = doc_text(doc)[end:end + 60] if doc is not None else ""
    if not named_person and (
        ANONYMITY.search(sentence) or (head in _UNNAMED_NOUNS and _CLOSE_TO.search(around))
        or _insider(words, head)
        or (unnamed and (_NOT_AUTHORIZED_ON_ITSELF.search(after)
                         or _BECAUSE_NOT_AUTHORIZED.search(sentence)))
    ):
        return "anonymous"
    if words in (["i"], ["we"]):
        return "author"
    head_lower = doc is None or head_token is None or doc[head_token].is_lower
    if not head_in_org and (head in DOCUMENT_NOUNS
                            or (head in _HEAD_ONLY_TEXTS and head_lower
                                and (head != "order" or _an_order_as_text(doc, head_token)))
                            or (words and words[0] in DOCUMENT_NOUNS)
                            or (head in _PARTS_OF_TEXTS and DOCUMENT_NOUNS & set(words))
                            or (head in _SECTIONS and _numbered_or_of_a_law(
                                doc_text(doc)[start:end + 40] if doc is not None
                                else written))):
        return "document"  # "a report", not "The New York Post"
    if not named_person and head in _TEXT_WRITERS and words[0] in _DEFINITE:
        # "the authors write", "the signatories write": the words are the paper's or the
        # letter's, which speaks for all of them; not some authors or other
        return "document"
    if named_person or category == "person" or _titled_surname(written):
        return "person"
    # An organisation's name as the head ("the Interior Ministry"), not as an adjective ("a
    # former European diplomat" is a role).
    # Not one named after the head, in its complement: "a spokesman for Eastshire Police" is
    # a role.
    # Or one named right after its kind: "rights group Karapatan".
    if words[:1] == ["the"] and len(words) == 2 and words[1] in CAPITALISED_OFFICES:
        return "role"  # "the Premier said", whatever the recogniser made of "Premier"
    # Or, resolved as a body, one named in apposition after its kind: "The buyer, Thornfield
    # Capital, said".
    text = doc_text(doc) if doc is not None else ""
    named_org = any(e.label in _ORGANISATION_LABELS and e.end >= end - 1
                    and (e.start <= head_at or head in ORGANISATION_NOUNS
                         or e.start == head_at + len(head) + 1
                         or (category == "org" and e.start > head_at
                             and text[head_at + len(head):e.start].strip() == ","))
                    for e in inside)
    if (named_org or head in ORGANISATION_NOUNS or head == "order"  # not a text: a body
            or (head in PROPER_ORGANISATION_NOUNS and (not head_lower or _OPERATED & set(words)))
            or _named_after_its_kind(doc, start, words)
            or any(e.start > start and named_after_body_kind(doc, e.start) for e in inside)
            or _counted_bodies(words, head) or _the_acronym(written)):
        return "organisation"
    # "the University of Surrey expert" is one the article has in mind: a role; "the
    # expert", "the source" go on with whoever the article brought in, as vague as they were
    definite_one = (words[:1] == ["the"] and len(words) >= 3 and not head.endswith("s")
                    and head not in _UNNAMED_NOUNS and category != "plural")
    if (head in _VAGUE_NOUNS and not definite_one) or (
            words and words[0] in _VAGUE_QUANTIFIERS and len(words) <= 3) or _one_of_many(
                words, head):
        return "vague"
    if head in _NOBODY_IN_PARTICULAR and words[:1] != ["the"]:
        # "someone at the meeting", "another person": no role; "the person who filmed it" is
        # one the article has in mind
        return "vague"
    if category == "plural":  # an unnamed group: "shop owners", "defenders of the zone"
        return "vague"
    if unlabelled_name(written):
        return "person"  # a name the recogniser missed: "Samantha Burgess confirms"
    if doc is not None and _unlabelled_body(doc, start, end):
        return "organisation"  # "Karibib Lithium said": a name, and no person's, is a body's
    return "role"


# Words that make a capitalised phrase an office or a title, not a body's name: "Deputy
# Minister", "His Excellency", "Chief Executive".
_TITLE_WORDS = CAPITALISED_OFFICES | frozenset(
    "president vice deputy chief executive officer director secretary chairman chairwoman "
    "chair head leader spokesman spokeswoman spokesperson senator sen rep gov judge justice "
    "prosecutor attorney counsel coach manager editor professor prof dr mr mrs ms cde "
    "comrade sheikh sheikha king queen prince princess pope bishop monsignor father his her "
    "their excellency majesty highness lord lady ambassador envoy speaker captain commander "
    "general inspector detective superintendent constable sergeant mp senior junior".split())
# Lower-case words inside a body's name: "Frente Comunero del Sur", "Bank of Kigali".
_NAME_LINKS = frozenset("de del la las los y of and for da das do dos".split())


def _unlabelled_body(doc: Doc, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is a name the recogniser labelled nothing and no person's
    (:func:`unlabelled_name` has said so): two or more capitalised proper nouns, "the" before
    them and lower-case links between aside, no title or office among them ("Karibib
    Lithium", "the Bloque Andino Revolucionario"; not "Deputy Minister", "His Excellency"),
    that something shows to be a body's (:func:`body_by_form`, :func:`body_by_context`).
    A first name missing from the list is no such sign: "Thabo Nkosi said", "Chidi Eze, the
    union's secretary, said" and "Otieno Odhiambo said he would" are people, and "Fire
    Marshal", "State Auditor" offices."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    text = doc_text(doc)
    the = span[0].lower_ == "the" or (span.start > 0 and doc[span.start - 1].lower_ == "the")
    words = [t for t in span if not (t.i == span.start and t.lower_ == "the")]
    names = [t for t in words if t.lower_ not in _NAME_LINKS]
    if not (len(names) >= 2 and names[0].i == words[0].i and names[-1].i == words[-1].i
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:].islower()
                    and t.ent_type_ == "" and t.lower_.rstrip(".") not in _TITLE_WORDS
                    for t in names)):
        return False
    said = body_by_context(text, span.start_char, span.end_char)
    if said is not None:
        return said
    lower = [t.lower_ for t in names]
    # "the" before a capitalised name marks a body's ("the Bloque Andino Revolucionario"),
    # not an office's ("The Fire Marshal", "the County Coroner": a person's noun last)
    return body_by_form(lower) or (the and (len(lower) > 2 or len(words) > len(names)
                                            or not _OFFICE_SHAPED.search(lower[-1])))


# Last words of a body's name by what it mines, makes or runs ("Karibib Lithium", "Dangote
# Cement", "Rand Water"), besides :data:`NOT_IN_NAMES`: no person's name ends so.
_INDUSTRY_ENDS = frozenset(
    "tin copper lithium gold platinum nickel cobalt uranium zinc iron steel cement cements "
    "coal oil gas petroleum mining mines minerals metals resources water electric "
    "electricity telecom telecoms mobile wireless pharma pharmaceuticals beverages breweries "
    "textiles logistics shipping transport mills sugar tea coffee cocoa".split())
# First words of a body's name in Spanish and Portuguese copy ("Minera Andina", "Cementos
# Peninsulares", "Frente Sur").
_BODY_OPENERS = frozenset(
    "grupo banco compañía companhia empresa minera mineração cementos frente bloque "
    "movimiento movimento partido ejército fuerzas sindicato asociación federación "
    "fundación instituto consejo corporación".split())
# The ends of a person's noun: "Auditor", "Registrar", "Marshal", "Principal", "Master".
_OFFICE_SHAPED = re.compile(r"(?:or|er|ar|ist|ian|al|ant|ent|ee)$|^(?:whip|clerk|mufti)$")


def body_by_form(words: list[str]) -> bool:
    """Whether the lower-case words of a capitalised name make it a body's by their form: a
    body's or an industry's word last ("Eskom Holdings", "Ondangwa Copper") or a body's
    word first in Spanish or Portuguese ("Minera Andina")."""
    return bool(words) and (words[-1].rstrip(".") in NOT_IN_NAMES | _INDUSTRY_ENDS
                            or words[0] in _BODY_OPENERS)


# What follows a speaker's name and its verb, up to the subject of what it said: "said on
# Friday that its new plant", "said he would", "said in a communiqué on Tuesday that it".
_PRONOUN_AFTER_CUE = re.compile(
    r"\s+[a-z]+(?:\s+on\s+[A-Z][a-z]+)?(?:\s+(?:[^\s.,;:!?\"“”]+\s+){0,6}?that)?"
    r"\s+(it|its|he|she|his|her)\b")
# A phrase set off after a name: "Chidi Eze, the union's secretary," or ", who runs a shop".
_APPOSED_AFTER = re.compile(r",\s+(?:(who|whose|which)\b|(?:the|a|an)\s+[^,.;:\"“”]{1,60}?"
                            r"(\w+),)")


def body_by_context(text: str, start: int, end: int) -> bool | None:
    """What the words after a name at ``[start, end)`` say it is: a body's (True) where "it"
    or "its" opens what it said ("Usakos Tin said on Friday that its new plant"), or "which"
    or a phrase ending in a body's noun follows it set off (", the mining company,"); a
    person's (False) where "he", "she", "his" or "her" opens what it said, or "who" or a
    phrase ending in another noun follows it ("Chidi Eze, the union's secretary,"); else
    None."""
    after = text[end:end + 200]
    apposed = _APPOSED_AFTER.match(after)
    if apposed is not None:
        if apposed.group(1) is not None:
            return apposed.group(1) == "which"
        return apposed.group(2).lower() in _BODY_KIND_WORDS | NOT_IN_NAMES
    pronoun = _PRONOUN_AFTER_CUE.match(after)
    if pronoun is None:
        return None
    return pronoun.group(1) in ("it", "its")


# A numbered part of a law or a contract that speaks for it: "Section 4 of the bill states".
_SECTIONS = frozenset("section sections clause clauses subsection".split())
_LAWS = frozenset("bill act law statute contract treaty agreement constitution code".split())
_NUMBERED_OR_OF_A_LAW = re.compile(
    r"^\S+\s+(?:\d|[IVX]+\b|\(?[a-z]\)|of (?:the |this |that )?(?:\w+ )?(?:"
    + "|".join(sorted(_LAWS)) + r")\b)", re.IGNORECASE)


def _numbered_or_of_a_law(phrase: str) -> bool:
    """Whether a section's phrase, read on past it, numbers it or names the law it is part
    of ("Section 4 of the bill", "a clause of the treaty"): not "a section of the crowd", a
    part of a crowd."""
    return _NUMBERED_OR_OF_A_LAW.match(phrase) is not None


# Offices written in capitals, which are roles ("the CEO said"), not bodies ("the DNA said").
_ROLE_ACRONYMS = frozenset(
    "ceo cfo coo cto cio cmo md gm mp mep msp mla mpp mk pm dpm da ag gp vp svp evp".split())


def _the_acronym(written: str) -> bool:
    """Whether ``written`` is "the" and a body's initials the recogniser left unlabelled
    ("the DNA said", "the CNAS added"), not an office written in capitals ("the CEO")."""
    words = written.split()
    return (len(words) == 2 and words[0].lower() == "the" and words[1].isalpha()
            and words[1].isupper() and 2 <= len(words[1]) <= 6
            and words[1].lower() not in _ROLE_ACRONYMS)


# Titles only a person's name follows: "Mr Ó Dálaigh", "Ms Lopez", whatever the recogniser
# made of the name.
PERSONAL_TITLES = frozenset("mr mrs ms miss mx dr".split())


def _titled_surname(written: str) -> bool:
    """Whether ``written`` is a personal title and a capitalised name ("Mr Ó Dálaigh", "Dr
    Wendy Hale"), not a body named after someone ("Dr Martens Ltd") nor a role ("Mr
    Speaker" is the Speaker, a role)."""
    words = written.split()
    return (2 <= len(words) <= 4 and words[0].lower().rstrip(".") in PERSONAL_TITLES
            and all(w[:1].isupper() for w in words[1:])
            and not {w.lower() for w in words[1:]} & (NOT_IN_NAMES | _OFFICE_TITLES))


# Offices that follow "Mr" or "Madam" as a form of address: "Mr Speaker", "Madam Chair".
_OFFICE_TITLES = frozenset("speaker chair chairman president deputy".split())


def _one_of_many(words: list[str], head: str) -> bool:
    """One of many like them whom the article does not single out, however many words say
    what they are: "one City fund manager" (as "one analyst" is); not one picked out of a
    group it named ("one of the ministers") nor a phrase going on after its noun ("one
    spokesperson for the club"). Not "another diplomat", a second of the kind the article
    brought in, whose kind is the noun's (a role)."""
    return 2 <= len(words) <= 4 and words[0] == "one" and words[-1] == head and (
        "of" not in words)


def unlabelled_name(written: str) -> bool:
    """Whether ``written`` is a person's name by its form: two to four capitalised words
    that open with a common first name ("Samantha Burgess"; not "Chief Executive Officer")."""
    words = written.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words)
            and not {w.lower() for w in words} & NOT_IN_NAMES
            and first_name_gender(written) is not None)


# Words of bodies' names that open with a first name: "Kent Police", "Christian Aid", "Georgia
# Power", "Virginia Tech", "Sierra Club", "Ruby Tuesday", "Grace Church", "Dean Foods".
NOT_IN_NAMES = ORGANISATION_NOUNS | PROPER_ORGANISATION_NOUNS | frozenset(
    "aid power tech energy club bank group police force trust fund foundation partners "
    "capital media press news network airlines airways motors tuesday monday wednesday "
    "thursday friday saturday sunday records studios games sports health care church "
    "chapel cathedral parish mosque temple synagogue ministries holdings ventures "
    "investments associates inc ltd llc plc corp limited foods stores brands homes hotels "
    "living".split())


_COUNTED = frozenset("the both two three four".split())


def _counted_bodies(words: list[str], head: str) -> bool:
    """Bodies the article has counted out ("the two governments", "both companies"), not
    an unnamed many ("some companies", "unions")."""
    singular = head[:-3] + "y" if head.endswith("ies") else head[:-1]
    return (len(words) >= 2 and words[0] in _COUNTED and head.endswith("s")
            and singular in ORGANISATION_NOUNS)


# Words before "source" that say where an unnamed insider sits, not how many there are
# or how good they are: "a Treasury source", "one government source", "a senior party source".
_NOT_A_SEAT = frozenset("reliable credible trusted good other independent news outside".split())


def _insider(words: list[str], head: str) -> bool:
    """One source placed inside a body without a name ("a Treasury source", "a Downing Street
    insider", "an insider at the chef's restaurant"); "sources" and "some sources" say less,
    and stay vague."""
    if head not in ("source", "insider") or words[:1] not in (["a"], ["an"], ["one"]):
        return False
    if len(words) >= 3 and words[-1] == head:
        return not _NOT_A_SEAT & set(words)
    at = words.index(head) if head in words else len(words)
    return at + 1 < len(words) and words[at + 1] in _SEATS and not _NOT_A_SEAT & set(words[:at])


# Prepositions that place a source inside a body after it: "an insider at the firm".
_SEATS = frozenset("at in inside within".split())


def names_another(doc: Doc | None, head: int | None, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` in a speaker's phrase headed by ``head`` is
    someone other than the speaker: the body's namesake before an organisation ("Harcourt's
    campaign", "the Obama administration"), the owner before a role ("Ms Pryor's son") or in
    one ("an aide on Vane's campaign"), or the object of a preposition after a role,
    whom the role serves ("a representative for Vane"; not "the member for Eastbrook,
    Gareth Lowe", the name hung on the place, nor "calculations by Ada Lindgren")."""
    if doc is None or head is None:
        return False
    tok = doc[head]
    if tok.lower_ in ORGANISATION_NOUNS and end <= tok.idx:
        return True
    if tok.pos_ != "NOUN":
        return False
    if doc_text(doc).startswith(("'s", "’s"), end):
        # whose relative or employee the speaker is: "Ms Pryor's son"; or whose place or
        # campaign a role is at: "an insider at Sienna's new restaurant"
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if (span is not None and end <= tok.idx and span.start > 0
            and doc[span.start - 1].lower_ in ("a", "an")):
        # "a Garda spokesman", "a Kessler aide": no one's name takes "a"; the name is the
        # body or the person the role works for
        return True
    # a name set off by a comma is the role's holder ("head of legal, Grace Wanjiku"), however
    # the parse hangs it
    return (span is not None and span.root.dep_ == "pobj" and span.root.head.head.i == head
            and span.root.head.lower_ not in ("by", "from") and doc[span.start - 1].text != ",")


# Kinds of body a name may follow as its own: "the campaign group Cymdeithas yr Iaith".
_BODY_KIND_WORDS = ORGANISATION_NOUNS | frozenset({"group"})


def named_after_body_kind(doc: Doc | None, at: int) -> bool:
    """Whether the name at ``at`` follows, in lower case, the kind of body it names
    ("supporters' group Rovers Together", "the charity Hope Lane"): the body's name, whatever
    the recogniser labelled it; not a role between ("club captain Lewis Okoro")."""
    found = _name_and_word_before(doc, at)
    return found is not None and found[1].is_lower and found[1].lower_ in _BODY_KIND_WORDS


def _named_after_its_kind(doc: Doc | None, start: int, words: list[str]) -> bool:
    """Whether a name the recogniser missed follows the kind of body it names: "the charity
    ClearSpring", "the start-up Dashly" (the speaker as written being the name alone)."""
    found = _name_and_word_before(doc, start) if words else None
    if found is None:
        return False
    first, before = found
    return first.pos_ == "PROPN" and not first.ent_type_ and before.lower_ in ORGANISATION_NOUNS


def _name_and_word_before(doc: Doc | None, at: int) -> tuple[Token, Token] | None:
    """The token at ``at`` and the one before it; None at the document's start."""
    if doc is None:
        return None
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    return span[0], doc[span.start - 1]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document: spaCy joins every token's text each time it is
    read, which made the kind of each speaker cost a pass over the whole article."""
    text = doc.user_data.get("unspun_text")
    if not isinstance(text, str):
        text = doc.user_data["unspun_text"] = doc.text
    return text


def _an_order_as_text(doc: Doc | None, head_token: int | None) -> bool:
    """Whether "order", the head of a speaker's phrase, is a text rather than a religious
    order: see ``_ORDER_AS_TEXT``. Without a parse, only a lower-case word before it."""
    if doc is None or head_token is None:
        return False
    head = doc[head_token]
    if any(w.lower_ in _ORDER_AS_TEXT for w in head.lefts) or (
            head.dep_ == "compound" and head.head.lower_ in _ORDER_AS_TEXT):
        return True
    verb = head.head
    if head.dep_ in ("nsubj", "nsubjpass") and (
            verb.lemma_ in _TEXT_VERBS or (verb.lemma_ == "say" and verb.tag_ == "VBZ")):
        return True
    sentence = head.sent
    opening = sentence.start
    if opening > 0:
        opening = doc[opening - 1].sent.start
    return any(w.lower_ in _COURT_WORDS for w in doc[opening:sentence.end])


def _sentence(doc: Doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.sent.text if span is not None else ""
