"""What a 文秘 would send back in the text itself: markup, stray English, mangled ratios, web furniture."""

from __future__ import annotations

import re

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.model import Plan
from .rule import rule
from .runs import text_runs

# TeX: a $…$ formula holding a command (Markdown may escape its backslashes), or a bare command.
TEX_RE = re.compile(
    r"\$[^$\n]*\\+[A-Za-z]+[^$\n]*\$"
    r"|\\+(?:geq|leq|neq|ge|le|times|div|pm|cdot|frac|sqrt|text|mathrm|mathbf|approx|sim|circ"
    r"|degree|alpha|beta|sum|left|right)(?![A-Za-z])"
)
# HTML typed as text: a tag (escaped in Markdown, or any in a YAML value) or an entity.
HTML_RE = re.compile(
    r"(?:<|&lt;|\\<)/?(?:br|p|div|span|td|tr|th|table|sup|sub|b|i|u|strong|em|font|img|a|li|ul|ol"
    r"|h[1-6])\b[^<>\n]{0,80}?/?\\?(?:>|&gt;)"
    r"|&(?:nbsp|amp|lt|gt|quot|ensp|emsp|middot|ldquo|rdquo|mdash|hellip|#[0-9]{2,5});"
)
HAN = r"\u3400-\u9fff"
CJK_AROUND = HAN + r"，。、；：“”‘’（）《》"
# A Latin word between Chinese characters (spaces allowed around it).
LATIN_WORD_RE = re.compile(
    rf"(?<=[{CJK_AROUND}])[ \u3000]*([A-Za-z][A-Za-z'\-]*)[ \u3000]*(?=[{CJK_AROUND}])"
)
LATIN_ALLOWED = {
    # units
    "km",
    "cm",
    "mm",
    "kg",
    "mg",
    "ha",
    "kw",
    "kwh",
    "mw",
    "ml",
    "min",
    "mu",
    # words written so in Chinese text
    "app",
    "wifi",
    "wi-fi",
    "e",
}
"""Latin words that belong in Chinese text (lower-cased). Acronyms in capitals (GDP, APP, AI, VR) and
tokens with digits (5G, PM2.5, O2O, 4A) are always allowed."""
# A ratio that a spreadsheet turned into a clock time: 1:07 for 1:7, 1:07:00.
CLOCK_RATIO_RE = re.compile(r"(?<![0-9:.：])([0-9]{1,2})[:：](0[0-9])(?:[:：]00)?(?![0-9:：])")
# What a web page puts around a document: 【字体：大 中 小】 anywhere, and lines such as 问答解读：…,
# 浏览次数：12, 发布时间：…, 【打印本页】【关闭窗口】.
FONT_SIZES_RE = re.compile(r"【?\s*字体\s*[:：]\s*【?大】?\s*【?中】?\s*【?小】?\s*】?")
FURNITURE_LINE_RE = re.compile(
    r"\s*(?:(?:问答解读|政策解读|图文解读|相关解读|发布时间|信息来源|责任编辑)\s*[:：]"
    r"|(?:浏览次数|访问次数|阅读次数|点击数|浏览量)\s*[:：]?\s*[0-9]*\s*$"
    r"|(?:[【\[]?(?:打印本页|打印|关闭窗口|关闭|分享到|扫一扫|收藏|返回顶部)[】\]]?\s*)+$)"
)


@rule("markup", "tex-markup", "html-markup")
def check_markup(plan: Plan, diagnostics: Diagnostics) -> None:
    """No TeX formula or HTML tag is printed as text."""
    for run in text_runs(plan):
        for match in TEX_RE.finditer(run.text):
            diagnostics.warning(
                run.locate(match.start()),
                _("TeX markup {markup} is printed as typed").format(markup=match.group(0)),
                code="tex-markup",
                hint=_("write the symbols themselves, e.g. ≥300 m²"),
            )
        for match in HTML_RE.finditer(run.text):
            diagnostics.warning(
                run.locate(match.start()),
                _("HTML markup {markup} is printed as typed").format(markup=match.group(0)),
                code="html-markup",
                hint=_("delete it; a new paragraph is a blank line, a line break a backslash"),
            )


@rule("latin-words", "latin-word")
def check_latin_words(plan: Plan, diagnostics: Diagnostics) -> None:
    """No English word inside a Chinese sentence; units and capital acronyms are allowed."""
    for run in text_runs(plan):
        for match in LATIN_WORD_RE.finditer(run.text):
            word = match.group(1)
            if word.isupper() or word.lower() in LATIN_ALLOWED or len(word) < 2:
                continue
            diagnostics.warning(
                run.locate(match.start(1)),
                _("the Latin word '{word}' stands inside Chinese text").format(word=word),
                code="latin-word",
                hint=_("write it in Chinese (和 for and), or an acronym in capitals"),
            )


@rule("clock-ratios", "clock-ratio")
def check_clock_ratios(plan: Plan, diagnostics: Diagnostics) -> None:
    """No ratio that a spreadsheet turned into a clock time (1:07 for 1:7)."""
    for run in text_runs(plan):
        for match in CLOCK_RATIO_RE.finditer(run.text):
            ratio = f"{match.group(1)}:{int(match.group(2))}"
            diagnostics.warning(
                run.locate(match.start()),
                _("'{typed}' looks like a clock time, not a ratio").format(typed=match.group(0)),
                code="clock-ratio",
                hint=_(
                    "a spreadsheet turns a ratio into a time; if it is one, write {ratio}"
                ).format(ratio=ratio),
            )


@rule("web-furniture", "web-furniture")
def check_web_furniture(plan: Plan, diagnostics: Diagnostics) -> None:
    """No line of the web page the text was copied from (问答解读, 【字体：大 中 小】, 打印本页 …)."""
    for run in text_runs(plan):
        found = [match.start() for match in FONT_SIZES_RE.finditer(run.text)]
        offset = 0
        for line in run.text.split("\n"):
            if FURNITURE_LINE_RE.match(line):
                found.append(offset + len(line) - len(line.lstrip()))
            offset += len(line) + 1
        for start in sorted(found):
            diagnostics.warning(
                run.locate(start),
                _("'{line}' is a line of the web page, not of the document").format(
                    line=run.text[start:].split("\n", 1)[0][:40]
                ),
                code="web-furniture",
                hint=_("delete it"),
            )
