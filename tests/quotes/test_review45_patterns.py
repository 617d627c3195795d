"""Fixes for what review 45 found in the fresh29 rules: every text is written for these
tests, and every span is checked against it."""

from __future__ import annotations

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def _spoken(language: LanguageLayer, text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(quoted text, speaker's name, speaker's kind, speaker's span as written) per quote;
    ``quotes_of`` checks every span against the text."""
    return [(q.text, q.speaker.name if q.speaker else None,
             q.speaker.kind if q.speaker else None,
             text[q.speaker.start:q.speaker.end] if q.speaker else "")
            for q in quotes_of(language, text)]


def test_an_unlabelled_name_is_a_body_s_only_on_a_sign_of_one(
        language: LanguageLayer) -> None:
    # a first name missing from the list, or an office whose head is no title word, is no
    # body: nothing in these sentences says "it"
    for text, name in (
            ("Dorji Wangchuk said the glacier had shrunk by a third.\n", "Dorji Wangchuk"),
            ("Uzoma Ibekwe, who runs a shop on the corner, said the road would reopen next "
             "month.\n", "Uzoma Ibekwe"),
            ("Otieno Odhiambo said on Sunday he would contest the seat.\n", "Otieno Odhiambo"),
            ("State Auditor said the count would be finished by midnight.\n", "State Auditor"),
            ("The Fire Marshal said the blaze was under control.\n", "The Fire Marshal"),
            ("The County Coroner said the inquest would open next week.\n",
             "The County Coroner")):
        spoken = _spoken(language, text)
        assert len(spoken) == 1, text
        assert spoken[0][1] == name and spoken[0][3] == name
        assert spoken[0][2] != "organisation", text
    # "its" opening what it said, "the" before a long name, or a body's word last is a
    # body's sign
    text = ("Karoo Lithium said on Monday that its new plant would use less water.\n\n"
            "The Bloque Popular Andino said in a statement that it would free the hostages.\n\n"
            "Usakos Tin said the mine would close.\n")
    spoken = _spoken(language, text)
    assert spoken == [
        ("that its new plant would use less water", "Karoo Lithium", "organisation",
         "Karoo Lithium"),
        ("that it would free the hostages", "The Bloque Popular Andino", "organisation",
         "The Bloque Popular Andino"),
        ("the mine would close", "Usakos Tin", "organisation", "Usakos Tin")]


def test_a_person_run_into_a_dateline_is_no_body(language: LanguageLayer) -> None:
    # the recogniser reads the dateline, a title and the name as one body; without the
    # dateline only a body's own words keep it one
    text = "ABUJA - Bishop Chidi Eze said on Monday the new clinic would open by December.\n"
    assert _spoken(language, text) == [
        ("the new clinic would open by December", "Chidi Eze", "person", "Bishop Chidi Eze")]
    for text, body in (
            ("JOHANNESBURG - Eskom Holdings said on Monday the power cuts would end.\n",
             "Eskom Holdings"),
            ("ASUNCIÓN - The Frente Sur said the strike would go on.\n", "The Frente Sur")):
        spoken = _spoken(language, text)
        assert len(spoken) == 1 and spoken[0][1:] == (body, "organisation", body), text


def test_a_name_after_a_person_s_noun_and_a_relative_clause_is_that_person_s(
        language: LanguageLayer) -> None:
    # "who was arrested" is the student's: the father is not named
    text = ("The father of the student, Thabo Nkosi, who was arrested on Monday, said the "
            "college owed the family answers.\n")
    assert _spoken(language, text) == [
        ("the college owed the family answers", "The father of the student", "role",
         "The father of the student")]
    text = ("The lawyer of the suspect, Thabo Nkosi, who has been held since June, said the "
            "police had lost the file.\n")
    assert _spoken(language, text) == [
        ("the police had lost the file", "The lawyer of the suspect", "role",
         "The lawyer of the suspect")]
    # after a place the name is the office holder's, as before
    text = ("The mayor of Arauca, Hector Julio Villamizar, who is expected to go with the "
            "mission, said the families had been told.\n")
    spoken = _spoken(language, text)
    assert [s[:3] for s in spoken] == [
        ("the families had been told", "Hector Julio Villamizar", "person")]


def test_a_nicknamed_name_starts_after_a_job_the_recogniser_read_into_it(
        language: LanguageLayer) -> None:
    for text, name in (
            ("Boxer Manny \"Pacman\" Santos told reporters he would fight again.\n",
             "Manny \"Pacman\" Santos"),
            ("Rapper Thabo \"Tbo\" Nkosi told the crowd the show would go on.\n",
             "Thabo \"Tbo\" Nkosi"),
            ("Pastor Joel \"Jojo\" Mendoza said the church would help.\n",
             "Joel \"Jojo\" Mendoza")):
        # (the nickname itself also comes out as a quote: a gap this leaves alone)
        reported = [s for s in _spoken(language, text) if not s[0].startswith("\"")]
        assert len(reported) == 1, text
        assert reported[0][1:3] == (name, "person")
        assert reported[0][3].endswith(name)


def test_his_excellency_alone_is_the_official_without_the_usual_titles(
        language: LanguageLayer) -> None:
    for opening, name in (
            ("His Excellency Chief Emeka Nwosu, the Ambassador, said trade had doubled.",
             "Emeka Nwosu"),
            ("His Excellency Bishop Musa Bello, the envoy to Kenya, said the visit went well.",
             "Musa Bello")):
        text = f"{opening}\n\n\"We are partners,\" His Excellency said.\n"
        spoken = _spoken(language, text)
        assert ("\"We are partners,\"", name, "person", "His Excellency") in spoken, text
