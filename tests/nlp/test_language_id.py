from __future__ import annotations

import pytest

from unspun.errors import InputError, UnsupportedLanguageError
from unspun.nlp import detect_language, require_english

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
