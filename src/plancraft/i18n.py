"""Messages in the reader's language: Chinese when the locale is Chinese, English otherwise (gettext catalogs)."""
from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from importlib import resources

DOMAIN = "plancraft"
LANGUAGES = ("zh", "en")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""Where the locale is read from, in POSIX order of precedence."""

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def language_from(environ: Mapping[str, str], argv: Sequence[str] = ()) -> str:
    """The language asked for: `--lang zh|en` on the command line, else the locale (zh_* → zh), else en."""
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if argument.startswith("--lang=") and argument.removeprefix("--lang=") in LANGUAGES:
            return argument.removeprefix("--lang=")
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(language: str) -> None:
    """Speak `language` (zh or en) from now on, in this process."""
    global _translation, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; plancraft speaks {', '.join(LANGUAGES)}")
    _language = language
    if language == "en":
        _translation = gettext.NullTranslations()
        return
    catalog = resources.files("plancraft") / "locale" / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with catalog.open("rb") as handle:
        _translation = gettext.GNUTranslations(handle)


def language() -> str:
    """The language messages are in now: zh or en."""
    return _language


def _(message: str) -> str:
    """`message` in the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for `count`, in the current language."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for translation where it is defined; translate it with _() where it is used."""
    return message


def setup_from_environment() -> None:
    """Pick the language from the process's command line and locale."""
    set_language(language_from(os.environ, _command_line()))


def _command_line() -> list[str]:
    import sys

    return sys.argv[1:]
