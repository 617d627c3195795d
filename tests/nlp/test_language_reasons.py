"""Language refusals that say why, and English that stays English with junk in it.

English with stray bytes (decoded into odd letters or another script), symbols, markup or
code punctuation was refused under a wrong language ("fy", "ko", "lij", "pcm"); a text that
is mostly numbers or links, or in two languages, was refused as some language too.
"""

from __future__ import annotations

import random

import pytest

from unspun.errors import InputError, UnsupportedLanguageError
from unspun.ingest import Page
from unspun.ingest.decode import decode
from unspun.nlp import require_english

ARTICLE = (
    "Household water bills in Northgate will rise by 14% from October 1 after the city"
    " council approved a new tariff on Wednesday night, ending an eight-hour session. The"
    " utility says the money will pay for pipes laid in the 1950s, and critics say the"
    " council should have looked for savings first."
)
# Headlines: few function words, so English rests on the identifier alone.
HEADLINES = (
    "Mayor Smith resigns amid budget row. Council vote Tuesday. Residents furious over bridge"
    " closure. Police chief quits. Stocks tumble; pound slides. Storm warning issued for"
    " coast. Rail strike looms."
)
SPANISH = (
    "El gobierno anunció hoy nuevas medidas económicas para el país, que según los expertos"
    " no serán suficientes para frenar la inflación."
)
SPANISH_MORE = [
    SPANISH,
    "Los vecinos protestaron frente al ayuntamiento durante toda la tarde del martes.",
    "La policía dijo que no hubo detenidos y que la manifestación terminó sin incidentes.",
]
ENGLISH_TERSE = [
    "Mayor Smith resigns amid budget row; council vote set for Tuesday night.",
    "Residents furious over bridge closure, police chief quits after protest.",
    "Stocks tumble, pound slides, storm warning issued for northern coast.",
]
ENGLISH_MORE = [
    "The minister said on Tuesday that the troops would leave the region by Sunday.",
    "Officials were not available for comment on the decision.",
    "The opposition said it would raise the matter in parliament next week.",
]


def _with_stray_bytes(text: str, share: float, charset: str | None, seed: int) -> str:
    """*text* with random bytes 0x80-0xFF inserted, decoded as a page in *charset* would be."""
    rnd = random.Random(seed)
    data = bytearray(text.encode())
    for _ in range(int(len(data) * share)):
        data.insert(rnd.randrange(len(data)), rnd.randrange(0x80, 0x100))
    return decode(Page(body=bytes(data), source="x", media_type="text/plain", charset=charset))


@pytest.mark.parametrize("charset", ["euc-kr", "windows-1252", "utf-8", "shift_jis", "koi8-r"])
@pytest.mark.parametrize("share", [0.05, 0.2, 0.4])
@pytest.mark.parametrize("text", [ARTICLE, HEADLINES], ids=["article", "headlines"])
def test_english_with_stray_bytes_is_english(text: str, share: float, charset: str) -> None:
    garbled = _with_stray_bytes(text, share, charset, seed=2)
    assert require_english(garbled) == "en", garbled


@pytest.mark.parametrize(
    "text",
    [
        # Mis-decoded UTF-8 (mojibake), replacement characters, control bytes.
        "The ministerâ€™s office said the troops wouldnâ€™t leave by Sunday. â€œWe are not"
        " going anywhere,â€\x9d he told reporters. Ã©Ã¨Ã  Ã¢â‚¬Å“",
        "Ã‚Â Mayor Smith resigns Ã¢â‚¬â€œ budget row Ã¢â‚¬â€œ council vote Tuesday. Ã‚Â"
        " Residents furious over bridge closure. Ã‚Â Police chief quits.",
        "\ufffd\ufffdM\ufffdayor Smi\ufffdth resi\ufffdgns ami\ufffdd bud\ufffdget row."
        " Coun\ufffdcil vo\ufffdte Tue\ufffdsday. Resid\ufffdents furi\ufffdous \ufffd\ufffd.",
        "Mayor\x00 Smith\x01 resigns\x7f amid\x1b budget\x02 row.\x03 Council\x04 vote\x05"
        " Tuesday.\x06 Residents\x0e furious\x0f over bridge closure.",
        # Heavy punctuation, symbols, markup and code-like punctuation.
        "*** " + " *** ".join(HEADLINES.split()) + " ***",
        " ".join(f"«{w}»!! ★☆ →" for w in HEADLINES.split()),
        " ".join(f"{{{w}}};" if i % 2 else f"<{w}/>" for i, w in enumerate(HEADLINES.split())),
        " ".join(f"${w}=>{{}}" if i % 2 else f"{w}();" for i, w in enumerate(ARTICLE.split())),
        "function(x) { return x.map(y => y * 2); } // The council's API: GET /api/v1/votes?id=42"
        " => {\"mayor\": \"Smith\", \"result\": [1, 2, 3]}; the council said it would vote on the"
        " tariff, and the mayor said that was fair. if (a && b || !c) { x++; }",
        "-".join(HEADLINES.split()),
        "_".join(HEADLINES.split()),
        "Mayor Smith resigns https://example.org/a/b?c=1 amid budget row www.example.net/x."
        " Council vote Tuesday mailto:news@example.org. Residents furious over bridge closure."
        " Police chief quits. https://example.com/2024/05/01/very-long-story-name-here",
    ],
)
def test_english_with_junk_is_english(text: str) -> None:
    assert require_english(text) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (SPANISH, "es"),
        ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Mieten in den"
         " großen Städten begrenzen soll.", "de"),
        ("A polgármester kedden bejelentette, hogy a hidat karbantartás miatt lezárják, ami"
         " nagyon feldühítette a lakókat.", "hu"),
        ("Primarul a anunțat marți că podul va fi închis pentru întreținere, ceea ce i-a"
         " înfuriat foarte mult pe locuitori.", "ro"),
        ("De boargemaster hat tiisdei bekend makke dat de brêge ticht giet foar ûnderhâld, ta"
         " grutte argewaasje fan de bewenners.", "fy"),
        ("시장은 화요일 다리가 보수를 위해 폐쇄될 것이라고 발표했다.", "ko"),
        ("Thủ tướng Chính phủ đã ký quyết định phê duyệt kế hoạch phát triển kinh tế xã hội"
         " giai đoạn tới, theo thông báo của văn phòng.", "vi"),
        ("Президент заявил, что правительство примет новые меры. Apple iPhone Google.", "ru"),
    ],
)
def test_other_languages_are_still_refused_by_name(text: str, code: str) -> None:
    """Hungarian's "a" or Romanian's "a", "i", "at" are not English function words enough."""
    with pytest.raises(UnsupportedLanguageError) as info:
        require_english(text)
    assert info.value.language == code


@pytest.mark.parametrize("text", [SPANISH, "Der Bürgermeister sagte am Dienstag, die Brücke"
                                           " wird morgen früh geschlossen."])
def test_other_languages_with_stray_bytes_are_not_english(text: str) -> None:
    for seed in range(5):
        with pytest.raises(UnsupportedLanguageError):
            require_english(_with_stray_bytes(text, 0.05, "windows-1252", seed))


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["https://example.org/news/2024/05/01/mayor-resigns-after-budget-row?utm=rss",
                  "www.example.net/local/politics/council-vote-tuesday",
                  "mailto:editor@example.org",
                  "https://news.example.com/world/europe/storm-warning-coast"] * 3),
        "1-0 2-1 3-3 45' 90+2' 12.5% 3,400 +1.2 -0.5 2024-05-01 10:00 11:30 14:45 " * 4
        + "Ipsum Lorem Dolor",
        "== ++ -- ** // ## !! ?? ;; :: .. ,, ~~ ^^ %% $$ && || << >> " * 10 + "xq zv",
        "Zxq vlorp 12 34 ktang 56 mibble 78 ## 90 frozzle 11 quib 22 narf 33 zort 44 plink 55"
        " 66 77 88 99 00 11 22 33 44 55 66 77 88 99 00 11 22 33 44 55",
    ],
    ids=["links", "numbers", "punctuation", "numbers-and-words"],
)
def test_too_little_alphabetic_text_says_so(text: str) -> None:
    with pytest.raises(InputError, match="too little alphabetic text to tell its language") as info:
        require_english(text, "page.html")
    assert not isinstance(info.value, UnsupportedLanguageError)
    assert "(page.html)" in str(info.value)
    assert "numbers, symbols, links" in str(info.value)


@pytest.mark.parametrize(("english", "spanish"), [(3, 3), (4, 3), (6, 3)])
def test_mixed_languages_say_so(english: int, spanish: int) -> None:
    """Headline-like English (few function words) and Spanish paragraphs, neither two
    thirds of the words: neither language is named alone."""
    text = "\n\n".join(
        [ENGLISH_TERSE[i % 3] for i in range(english)]
        + [SPANISH_MORE[i % 3] for i in range(spanish)]
    )
    with pytest.raises(UnsupportedLanguageError, match="the article mixes languages") as info:
        require_english(text)
    message = str(info.value)
    assert "% English" in message and "% Spanish (es)" in message
    assert "appears to be in" not in message
    assert info.value.language is None


def test_a_german_article_quoting_english_is_german() -> None:
    """A third or less in English is the other language's article (tweets quoted)."""
    german = [
        "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Mieten in den"
        " großen Städten begrenzen soll.",
        "Die Opposition kritisierte den Entwurf scharf und kündigte eine Klage an.",
        "Nach Angaben des Ministeriums soll das Gesetz im kommenden Frühjahr in Kraft treten.",
    ]
    text = "\n".join([*german, ENGLISH_TERSE[0], ENGLISH_TERSE[1], *german])
    with pytest.raises(UnsupportedLanguageError) as info:
        require_english(text)
    assert info.value.language == "de"


def test_an_english_article_quoting_another_language_is_english() -> None:
    text = "\n\n".join(ENGLISH_MORE * 3 + [SPANISH])
    assert require_english(text) == "en"


def test_a_little_english_in_a_foreign_article_is_that_language() -> None:
    text = "\n\n".join([ENGLISH_MORE[0]] + SPANISH_MORE * 2)
    with pytest.raises(UnsupportedLanguageError) as info:
        require_english(text)
    assert info.value.language == "es"


def test_no_language_named_without_confidence() -> None:
    gibberish = "zxq vlorp ktang mibble frozzle quib narf zort plink womble grizzle snark"
    with pytest.raises(UnsupportedLanguageError, match="cannot tell which language") as info:
        require_english(gibberish)
    assert info.value.language is None
    assert "appears to be in" not in str(info.value)


def test_the_letters_view_keeps_words_and_drops_junk() -> None:
    from unspun.nlp.language_id import letters_view

    view = letters_view("Mayor\ufffd S\x00mi★th r—esigns: see https://x.org/a, 12 times! 시")
    assert view.words == ["Mayor", "Smith", "r", "esigns", "see", "times"]
    assert view.script == "LATIN"
    assert view.non_ascii_share == 0.0
    assert 0 < view.letter_share < 1
