"""The plan's own title and its issuers, settled from everything the front matter stated."""

from __future__ import annotations

import re

from ..i18n import N_, _
from .structure import Document, Note, Para

ORG_SUFFIX_RE = re.compile(
    r"(人民政府办公厅|人民政府办公室|人民政府|委员会|办公厅|办公室|总局|管理局|中央|部|局|厅|委|署|院|中心|队)$"
)
ORG_MIN = 3
BARE_SUFFIXES = {"办公厅", "办公室", "委员会", "管理局", "中心"}
"""Parts that are no issuer on their own (北京市人民政府|办公厅 is one issuer)."""
NOTICE_TITLE_RE = re.compile(
    r"(?:关于(?:印发|发布|转发|公布)?.*?《(.+?)》.*?的?通知|印发\s*《(.+?)》$)"
)
NOTICE_ISSUER_RE = re.compile(r"^(.{3,60}?)(?:关于|印发\s*《)")
HEADLINE_MAX = 60
YEAR_TAG_RE = re.compile(r"(?<=[）)》议])\s*[（(]\d{4}年[)）]$")
"""The year a site tags a stated title with (…的建议（2025年）, 印发《…（2023—2027年）》（2023年）)."""


ISSUER_SOURCES = (
    ("cover_issuers", N_("the cover")),
    ("notice_issuers", N_("the notice title")),
    ("title_issuers", N_("the plan title")),
    ("signers", N_("the signature")),
    ("source", N_("the 来源 field")),
)
"""Where an issuer not stated as 发文机关 is taken from, strongest first."""


def split_orgs(text: str) -> list[str] | None:
    """Issuers run together (交通运输部科学技术部) as a list, or None if the text is not only issuers."""
    text = re.sub(r"[\s、，,]+", "", text)
    if not text:
        return None
    if ORG_SUFFIX_RE.search(text) and ORG_MIN <= len(text) <= 30 and text not in BARE_SUFFIXES:
        for cut in range(ORG_MIN, len(text) - ORG_MIN + 1):
            head = text[:cut]
            if (
                ORG_SUFFIX_RE.search(head)
                and head not in BARE_SUFFIXES
                and not text[cut:].startswith(tuple(BARE_SUFFIXES))
            ):
                rest = split_orgs(text[cut:])
                if rest:
                    return [head, *rest]
        return [text]
    return None


def title_in_notice(text: str) -> str:
    """The plan named in a notice's title (关于印发《X规划》的通知 → X规划), else empty."""
    match = NOTICE_TITLE_RE.search(text)
    return (match.group(1) or match.group(2)).strip() if match else ""


def issuers_of_notice(text: str) -> list[str]:
    """The issuers a notice title opens with (交通运输部科学技术部关于印发… → both)."""
    match = NOTICE_ISSUER_RE.match(text)
    return (split_orgs(match.group(1)) or []) if match else []


def settle(document: Document) -> None:
    """Title and issuer from the strongest source: stated fields, the cover, the notice, a signature, 来源."""
    meta = document.meta
    notice_title = next((para.text for para in document.notice if "通知" in para.text), "")
    headline = next(
        (
            para.text
            for para in document.preface[:1]
            if isinstance(para, Para) and len(para.text) <= HEADLINE_MAX and "印发《" in para.text
        ),
        "",
    )
    notice_title = notice_title or headline
    stated = YEAR_TAG_RE.sub("", meta.get("title", ""))
    named = title_in_notice(notice_title) or title_in_notice(stated)
    if not document.title or title_in_notice(document.title):
        title = named or (stated if "通知" not in stated else "")
        if title:
            document.title = title
            document.notes.append(
                Note(
                    0,
                    _("took the plan title '{title}' from the notice").format(title=title[:30]),
                    "import-meta",
                )
            )
    if meta.get("issuer"):
        return
    meta.setdefault("notice_issuers", " ".join(issuers_of_notice(notice_title)))
    meta.setdefault("title_issuers", " ".join(issuers_of_notice(document.title)))
    for key, where in ISSUER_SOURCES:
        value = meta.get(key, "")
        orgs = split_orgs(value) if key == "source" else value.split()
        if orgs:
            meta["issuer"] = " ".join(orgs)
            message = _("took the issuer '{issuer}' from {where}")
            document.notes.append(
                Note(0, message.format(issuer=meta["issuer"], where=_(where)), "import-meta")
            )
            return
