"""The HTML writer: the document tree to one self-contained HTML file (Jinja2 template, CSS inlined)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from html import escape as escape_attribute

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from markupsafe import Markup
from markupsafe import escape as escape_markup

from ..compile import document as doc
from ..compile.fit import SHORT_CELL, has_landscape
from ..resources import template_text
from .formats import WriteContext
from .punctuation import MARKS, compressed, mark_runs, numbered_title

HEADING_CLASSES: dict[str, str] = {
    "volume": "lv-volume",
    "part": "lv-part",
    "chapter": "lv-chapter",
    "section": "lv-section",
    "cn": "lv-cn",
    "paren-cn": "lv-paren-cn",
    "arabic": "lv-arabic",
    "paren-arabic": "lv-paren-arabic",
    "box-item": "lv-box",
}
CELL_CLASSES: dict[str, str] = {
    "data": "",
    "domain": "group-cell",
    "name": "name",
    "seq": "seq",
    "group": "group",
}
TABLE_CLASSES: dict[str, str] = {
    "grid": "grid",
    "indicators": "indicators",
    "appendix": "indicators appendix-grid",
    "prose": "",
}
TEMPLATE = "plan.html.j2"
STYLESHEET = "plan.css"
LANDSCAPE_STYLESHEET = "landscape.css"
"""Added only when a table is landscape, so plans without one print as before."""
STYLE_SHEETS = {"volumes": "volumes.css"}
"""Added only to plans numbered in that style: the 篇 heading and the bookmark levels below it."""
SCREEN_STYLESHEET = "screen.css"
"""Reading on a screen and a phone: a `<style media="screen">` that the PDF never sees."""
SCREEN_STYLE_RE = re.compile(r'<style media="screen">\n.*?</style>\n', re.DOTALL)


class _PackageLoader(BaseLoader):
    """Loads templates from the installed package, read anew whenever asked (a long-running preview sees edits)."""

    def get_source(
        self, environment: Environment, name: str
    ) -> tuple[str, str | None, Callable[[], bool]]:
        try:
            source = template_text(name)
        except FileNotFoundError as exc:
            raise TemplateNotFound(name) from exc
        return source, None, lambda: _unchanged(name, source)


def _unchanged(name: str, source: str) -> bool:
    """Whether a template still reads as `source`: Jinja2 recompiles it only when it does not."""
    try:
        return template_text(name) == source
    except FileNotFoundError:
        return False


@cache
def environment() -> Environment:
    """A Jinja2 environment over the bundled templates, with the tree's helpers."""
    env = Environment(
        loader=_PackageLoader(),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = lambda runs: Markup(inline_html(runs))
    env.filters["blocks"] = lambda blocks: Markup(prose_html(blocks))
    env.filters["marks"] = lambda text: Markup(mark_runs(str(escape_markup(text))))
    env.globals.update(
        heading_class=HEADING_CLASSES.get,
        cell_class=CELL_CLASSES.get,
        table_class=TABLE_CLASSES.get,
    )
    env.globals["cell_classes"] = cell_classes
    env.globals["hanging_indent"] = hanging_indent
    env.globals["numbered"] = lambda number, title, kind="": Markup(
        numbered_title(number, title, "　" if kind in doc.SPACED_KINDS else "")
    )
    return env


def render_html(document: doc.Document) -> str:
    """The whole document as one HTML file."""
    template = environment().get_template(TEMPLATE)
    css = template_text(STYLESHEET)
    if document.numbering in STYLE_SHEETS:
        css += template_text(STYLE_SHEETS[document.numbering])
    if has_landscape(document):
        css += template_text(LANDSCAPE_STYLESHEET)
    return template.render(
        document=document, css=Markup(css), screen_css=Markup(template_text(SCREEN_STYLESHEET))
    )


def print_html(html: str) -> str:
    """The HTML without its screen-only stylesheet: what the PDF is laid out from and identified by,
    so a rule for reading on a screen never changes a PDF."""
    return SCREEN_STYLE_RE.sub("", html, count=1)


def write(document: doc.Document, context: WriteContext) -> bytes:
    """The HTML writer (output/formats.py): the rendered page as UTF-8."""
    return render_html(document).encode("utf-8")


def cell_classes(cell: doc.Cell, tag: str) -> str:
    """The class attribute of a table cell: its kind (td only), and `short` for a short header or
    data cell, which must not wrap (seq and domain cells never wrap anyway)."""
    classes = [CELL_CLASSES.get(cell.kind, "")] if tag == "td" else []
    short = tag == "th" or cell.kind == "data"
    if short and len(doc.plain_text(cell.runs)) <= SHORT_CELL:
        classes.append("short")
    return " ".join(name for name in classes if name)


def hanging_indent(entry: doc.TocEntry) -> str:
    """How far a table-of-contents entry's wrapped lines are indented, so that they start under its
    title and not under its number: the printed width of the number and the space after it."""
    if not entry.number:
        return "0em"
    head = entry.number + ("　" if entry.entry_kind in doc.SPACED_KINDS else "")
    width = sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5 for char in head)
    pair = head[-1] + entry.title[:1]
    if len(pair) == 2 and all(char in MARKS for char in pair) and compressed(pair)[0]:
        width -= 0.5
    return f"{width:g}em"


def escape(text: str) -> str:
    """Text escaped for HTML content and double-quoted attributes (& < > ")."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def inline_html(runs: list[doc.Inline]) -> str:
    """Inline runs as HTML."""
    return "".join(_inline(run) for run in runs)


def _inline(run: doc.Inline) -> str:
    if isinstance(run, doc.Text):
        return mark_runs(escape(run.text))
    if isinstance(run, doc.Strong):
        return f"<strong>{inline_html(run.children)}</strong>"
    if isinstance(run, doc.Emphasis):
        return f"<em>{inline_html(run.children)}</em>"
    if isinstance(run, doc.Revision):
        tag = "ins" if run.op == "+" else "del"
        return f"<{tag}>{inline_html(run.children)}</{tag}>"
    if isinstance(run, doc.Code):
        return f"<code>{escape(run.text)}</code>"
    if isinstance(run, doc.Link):
        title = f' title="{escape(run.title)}"' if run.title else ""
        return f'<a href="{escape(run.href)}"{title}>{inline_html(run.children)}</a>'
    if isinstance(run, doc.Reference):
        if not run.label:
            return f'<span class="xref-missing">{escape(run.source)}</span>'
        return f'<a class="xref" href="#{escape(run.target)}">{escape(run.label)}</a>'
    if isinstance(run, doc.Image):
        alt = escape_attribute(run.alt)
        if run.data_url is None:
            return f'<span class="image-refused">{alt}</span>'
        return f'<img src="{escape_attribute(run.data_url)}" alt="{alt}">'
    return "<br />\n" if run.hard else "\n"


def prose_html(blocks: list[doc.Block]) -> str:
    """Prose blocks (paragraphs, lists, quotes, code, rules, Markdown tables) as HTML, one block a line."""
    return "".join(_prose_block(block) for block in blocks)


def _prose_block(block: doc.Block) -> str:
    if isinstance(block, doc.Paragraph):
        if block.tight:
            return inline_html(block.runs)
        attrs = (f' id="{escape(block.id)}"' if block.id else "") + (
            f' class="{escape(" ".join(block.classes))}"' if block.classes else ""
        )
        return f"<p{attrs}>{inline_html(block.runs)}</p>\n"
    if isinstance(block, doc.ListBlock):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        return (
            f"<{tag}{start}>\n" + "".join(_list_item(item) for item in block.items) + f"</{tag}>\n"
        )
    if isinstance(block, doc.Quote):
        return "<blockquote>\n" + prose_html(block.blocks) + "</blockquote>\n"
    if isinstance(block, doc.CodeBlock):
        language = f' class="language-{escape(block.language)}"' if block.language else ""
        return f"<pre><code{language}>{escape(block.text)}</code></pre>\n"
    if isinstance(block, doc.Rule):
        return "<hr />\n"
    if isinstance(block, doc.Table):
        return _prose_table(block)
    raise TypeError(f"{type(block).__name__} is not a prose block")


def _list_item(blocks: list[doc.Block]) -> str:
    out = "<li>"
    if blocks and not (isinstance(blocks[0], doc.Paragraph) and blocks[0].tight):
        out += "\n"
    after_tight = False
    for block in blocks:
        out += ("\n" if after_tight else "") + _prose_block(block)
        after_tight = isinstance(block, doc.Paragraph) and block.tight
    return out + "</li>\n"


def _prose_table(table: doc.Table) -> str:
    def rows(part: list[doc.Row], tag: str) -> str:
        out = ""
        for row in part:
            out += "<tr>\n"
            for cell in row.cells:
                style = f' style="text-align:{cell.align}"' if cell.align else ""
                out += f"<{tag}{style}>{inline_html(cell.runs)}</{tag}>\n"
            out += "</tr>\n"
        return out

    html = "<table>\n<thead>\n" + rows(table.header, "th") + "</thead>\n"
    if table.rows:
        html += "<tbody>\n" + rows(table.rows, "td") + "</tbody>\n"
    return html + "</table>\n"
