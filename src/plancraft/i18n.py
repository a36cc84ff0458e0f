"""Messages in the reader's language: Chinese for a Chinese locale, English otherwise (gettext)."""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from .resources import package_files

DOMAIN = "plancraft"
LANGUAGES = ("zh", "en")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""Where the locale is read from, in POSIX order of precedence."""

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def language_from(environ: Mapping[str, str], argv: Sequence[str] = ()) -> str:
    """The language asked for: `--lang zh|en` in `argv`, else the locale (zh_* → zh), else en."""
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
    catalog = package_files() / "locale" / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.mo"
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
    """Mark `message` for translation where it is defined; translate it with _() where used."""
    return message


CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "types",
    "termui",
    "utils",
)
CLICK_MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("No such option {name!r}."),
    N_("default: {default}"),
    N_("Aborted!"),
    N_("{value} is not in the range {range}."),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("Missing {param_type}"),
    N_("Positional arguments"),
)
"""The messages of click's own that plancraft users meet, translated in plancraft's catalog."""


def _click_plurals() -> None:
    """Mark click's plural messages for extraction."""
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
    )
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)


def translate_click() -> None:
    """Let click's own help headings and errors speak the current language (plancraft's catalog)."""
    import importlib

    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside the block, then the language spoken before it."""
    before = _language
    set_language(language)
    try:
        yield
    finally:
        set_language(before)
