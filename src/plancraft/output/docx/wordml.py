"""WordprocessingML pieces: escaped text, run properties, runs and paragraphs."""

from __future__ import annotations

from xml.sax.saxutils import escape as _escape


def escape_xml(text: str) -> str:
    return _escape(text, {'"': "&quot;"})


RUN_PROPERTIES = {
    "code": '<w:rStyle w:val="CodeChar"/>',
    "b": "<w:b/><w:bCs/>",
    "i": "<w:i/><w:iCs/>",
    "strike": "<w:strike/>",
    "u": '<w:u w:val="single"/>',
}


def run_properties(flags: frozenset[str] | str) -> str:
    """Run properties in schema order, from flags (code, b, i, strike, u) or a character style id."""
    if isinstance(flags, str):
        return f'<w:rStyle w:val="{flags}"/>' if flags else ""
    return "".join(xml for key, xml in RUN_PROPERTIES.items() if key in flags)


def run_xml(text: str, flags: frozenset[str] | str = "") -> str:
    if not text:
        return ""
    props = run_properties(flags)
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape_xml(text)}</w:t></w:r>'


def paragraph_xml(content: str, style: str = "", extra: str = "") -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + extra
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{content}</w:p>"
