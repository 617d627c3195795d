from __future__ import annotations

import re

import pytest

from unspun.errors import InputError, UnsupportedLanguageError
from unspun.nlp import detect_language, require_english
from unspun.nlp.language_id import MIN_WORDS_TO_IDENTIFY, language_name

GERMAN = ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Mieten in den "
          "großen Städten begrenzen soll. Die Opposition kritisierte den Entwurf scharf.")
SPANISH = ("El gobierno anunció hoy nuevas medidas económicas para el país, que según los "
           "expertos no serán suficientes para frenar la inflación.")
RUSSIAN = "Президент заявил, что правительство примет новые меры для поддержки экономики."


def test_english_prose_is_english() -> None:
    assert require_english("The minister said the troops would leave by Sunday.") == "en"


def test_short_text_made_of_names_is_still_english() -> None:
    assert require_english("Putin met Lukashenko in Minsk and they said it was good.") == "en"


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (SPANISH, "es"), (RUSSIAN, "ru")])
def test_other_languages_are_refused(text: str, code: str) -> None:
    assert detect_language(text).language == code
    with pytest.raises(UnsupportedLanguageError) as info:
        require_english(text)
    assert info.value.language == code
    assert "English only" in str(info.value)


@pytest.mark.parametrize("text", ["", "   ", "12345 !!! ---", "\x00\x01"])
def test_text_without_words_is_bad_input(text: str) -> None:
    with pytest.raises(InputError):
        require_english(text)


@pytest.mark.parametrize(("text", "named"), [
    (GERMAN, "German (de)"), (SPANISH, "Spanish (es)"), (RUSSIAN, "Russian (ru)")])
def test_the_refusal_names_the_language_in_words(text: str, named: str) -> None:
    with pytest.raises(UnsupportedLanguageError, match=rf"appears to be in {re.escape(named)}"):
        require_english(text)


@pytest.mark.parametrize(("text", "words"), [("Привет мир", 2), ("Danke schön, bis morgen", 4)])
def test_text_too_short_to_identify_is_not_a_language_guess(text: str, words: int) -> None:
    with pytest.raises(InputError, match=rf"too short to analyse: {words} words; at least"
                                         rf" {MIN_WORDS_TO_IDENTIFY} are needed") as info:
        require_english(text)
    assert not isinstance(info.value, UnsupportedLanguageError)


def test_language_names_come_from_cldr() -> None:
    assert (language_name("ru"), language_name("zh"), language_name("xx")) == (
        "Russian", "Chinese", None)


def test_a_short_chinese_text_is_chinese_not_too_short() -> None:
    with pytest.raises(UnsupportedLanguageError, match=r"Chinese \(zh\)"):
        require_english("新冠病毒疫情在中国蔓延，卫生部门宣布新的防控措施。")
