"""Derive the import test corpus from the sources: `python tests/importer/corpus/make_corpus.py`.

Each variant keeps the opening parts of a source and changes its form: renumbered (一、 at the
top, 第X章 with 一、 under it), a 目录 with running headers and page numbers, a web copy with
portal furniture, one cell per line tables, Word files with heading styles or automatic numbering.
`expected.json` records for each variant the source lines it carries (for the coverage check),
the depth of every numbered heading in order (for the outline check) and its 目录 entries.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
SOURCES = HERE.parents[2] / "sources"
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
CN = "一二三四五六七八九十百零〇"
DIGITS = "零一二三四五六七八九"
KINDS = {
    "part": re.compile(r"^第\s*[" + CN + r"0-9]+\s*部分\s*"),
    "chapter": re.compile(r"^第\s*[" + CN + r"0-9]+\s*章\s*"),
    "section": re.compile(r"^第\s*[" + CN + r"0-9]+\s*节\s*"),
    "cn": re.compile(r"^[" + CN + r"]+\s*[、.．]\s*"),
    "paren-cn": re.compile(r"^[（(]\s*[" + CN + r"]+\s*[)）]\s*"),
    "arabic": re.compile(r"^[0-9]{1,2}\s*[.．](?![0-9])\s*"),
    "paren-arabic": re.compile(r"^[（(]\s*[0-9]{1,2}\s*[)）]\s*"),
}
FORMS = {
    "part": "第{cn}部分 ",
    "chapter": "第{cn}章 ",
    "section": "第{cn}节 ",
    "cn": "{cn}、",
    "paren-cn": "（{cn}）",
    "arabic": "{n}.",
    "paren-arabic": "（{n}）",
}
HIERARCHY = {
    "beijing-municipal.txt": ("part", "cn", "paren-cn", "arabic"),
    "chaoyang.txt": ("part", "cn", "paren-cn", "arabic"),
    "mentougou.txt": ("part", "cn", "paren-cn", "arabic"),
    "tongzhou.txt": ("part", "cn", "paren-cn"),
    "zhushan.txt": ("chapter", "section"),
}
REPAIRS = {"mentougou.txt": {"亚洲通:": "门头沟区"}}


def chinese(number: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (below 100 is all the corpus needs)."""
    tens, units = divmod(number, 10)
    return (("" if tens == 1 else DIGITS[tens]) + "十" if tens else "") + (
        DIGITS[units] if units else ""
    )


def kind_of(text: str, in_box: bool) -> tuple[str, int] | None:
    """The heading kind a source line starts with and the length of its number."""
    text = BOOKMARK.sub("", text)
    if "\t" in text.strip():
        return None
    text = text.strip()
    for kind, pattern in KINDS.items():
        match = pattern.match(text)
        if (
            match
            and len(text) > match.end()
            and not (in_box and kind in ("arabic", "paren-arabic"))
        ):
            return kind, match.end()
    return None


def opening(name: str, parts: int) -> tuple[list[str], int]:
    """The source's lines up to its `parts`+1-th top-level heading, and how many lines that is."""
    lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    top = HIERARCHY[name][0]
    seen = 0
    for index, line in enumerate(lines):
        found = kind_of(line, False)
        if found and found[0] == top:
            seen += 1
            if seen > parts:
                return lines[:index], index
    return lines, len(lines)


def headings(lines: list[str], hierarchy: tuple[str, ...]) -> list[tuple[int, str, int]]:
    """(line index, kind, depth) of each numbered heading; 专栏 items are not headings."""
    found = []
    in_box = False
    for index, line in enumerate(lines):
        stripped = BOOKMARK.sub("", line).strip()
        if stripped.startswith("专栏"):
            in_box = True
            continue
        kind = kind_of(line, in_box)
        if kind and kind[0] in hierarchy:
            in_box = False
            found.append((index, kind[0], hierarchy.index(kind[0]) + 1))
    return found


def renumber(
    lines: list[str], hierarchy: tuple[str, ...], target: tuple[str, ...]
) -> tuple[list[str], list[int]]:
    """The lines with each level's number printed as the target's kind, counted afresh."""
    out = list(lines)
    counters = [0] * len(target)
    depths = []
    for index, _kind, depth in headings(lines, hierarchy):
        counters[depth - 1] += 1
        counters[depth:] = [0] * (len(target) - depth)
        text = BOOKMARK.sub("", lines[index]).strip()
        rest = text[kind_of(text, False)[1] :]  # type: ignore[index]
        number = counters[depth - 1]
        out[index] = FORMS[target[depth - 1]].format(cn=chinese(number), n=number) + rest
        depths.append(depth)
    return out, depths


def outline(lines: list[str], name: str) -> list[int]:
    return [depth for _, _, depth in headings(lines, HIERARCHY[name])]


def toc_page(lines: list[str], name: str, style: str) -> list[str]:
    """A 目录 of the top two levels: dot leaders and page numbers, glued, or bare."""
    entries = []
    for index, _, depth in headings(lines, HIERARCHY[name]):
        if depth > 2:
            continue
        text = BOOKMARK.sub("", lines[index]).strip()
        page = 1 + index // 12
        entries.append(
            {"leaders": f"{text}{'…' * 12}{page}", "glued": f"{text}{page}", "bare": text}[style]
        )
    return ["目  录", *entries]


def with_pages(lines: list[str], header: str, form: str, every: int = 25) -> list[str]:
    """A running header and a page number every `every` lines, as in a printed copy."""
    out: list[str] = []
    total = len(lines) // every + 1
    for index, line in enumerate(lines):
        if index and index % every == 0:
            page = index // every
            out.extend([form.format(page=page, total=total), header])
        out.append(line)
    return out


def cells_per_line(lines: list[str]) -> list[str]:
    """Tab-separated table rows written one cell per line, as a PDF copy gives them."""
    out: list[str] = []
    for line in lines:
        if "\t" in line and not kind_of(line, False):
            out.extend(cell.strip() for cell in line.split("\t") if cell.strip())
        else:
            out.append(line)
    return out


def insert_after_front(lines: list[str], name: str, extra: list[str]) -> list[str]:
    """`extra` put before the first top-level heading (or the 前言 before it)."""
    for index, line in enumerate(lines):
        text = re.sub(r"\s+", "", BOOKMARK.sub("", line))
        if text in ("前言", "序言") or (kind_of(line, False) or ("", 0))[0] == HIERARCHY[name][0]:
            return lines[:index] + extra + lines[index:]
    return extra + lines


WEB_HEAD = [
    "首页 > 政务公开 > 规划计划",
    "",
    "{title}",
    "",
    "发布时间：2022-08-26 09:30 来源：{issuer} 浏览次数：1024 【字体：大 中 小】",
    "",
]
WEB_META = [
    "索引号：11000D024/2022-00089",
    "发布机构：{issuer}",
    "成文日期：{written}",
    "发文字号：{number}",
    "",
]
WEB_TAIL = [
    "",
    "抄送：区委办公室，区人大常委会办公室，区政协办公室。",
    "{issuer}办公室 2022年8月26日印发",
    "",
    "【打印本页】 【关闭窗口】",
    "扫一扫在手机打开当前页",
    "分享到：微信 微博 QQ空间",
]


def web_copy(lines: list[str], title: str, issuer: str, written: str, number: str) -> list[str]:
    fill = {"title": title, "issuer": issuer, "written": written, "number": number}
    head = [line.format(**fill) for line in WEB_HEAD]
    if not any(line.startswith(("成文日期", "发文字号")) for line in lines):
        head += [line.format(**fill) for line in WEB_META]
    tail = [line.format(**fill) for line in WEB_TAIL]
    return [line for line in head if line != "首页 > 政务公开 > 规划计划"] + lines + tail


def write_text(name: str, lines: list[str]) -> None:
    (HERE / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def text_variants(expected: dict) -> None:
    def record(name: str, source: str, count: int, depths: list[int], **more: object) -> None:
        expected[name] = {
            "source": source,
            "lines": count,
            "outline": depths,
            "repairs": REPAIRS.get(source, {}),
        }
        expected[name].update(more)

    lines, count = opening("beijing-municipal.txt", 2)
    renumbered, depths = renumber(
        lines, HIERARCHY["beijing-municipal.txt"], ("cn", "paren-cn", "arabic", "paren-arabic")
    )
    write_text("beijing-cn-top.txt", renumbered)
    record("beijing-cn-top.txt", "beijing-municipal.txt", count, depths)

    lines, count = opening("chaoyang.txt", 2)
    renumbered, depths = renumber(
        lines, HIERARCHY["chaoyang.txt"], ("cn", "paren-cn", "arabic", "paren-arabic")
    )
    write_text("chaoyang-cn-top.txt", renumbered)
    record("chaoyang-cn-top.txt", "chaoyang.txt", count, depths)

    lines, count = opening("zhushan.txt", 2)
    renumbered, depths = renumber(lines, HIERARCHY["zhushan.txt"], ("chapter", "cn"))
    write_text("zhushan-chapter-cn.txt", renumbered)
    record("zhushan-chapter-cn.txt", "zhushan.txt", count, depths)

    lines, count = opening("tongzhou.txt", 2)
    renumbered, depths = renumber(lines, HIERARCHY["tongzhou.txt"], ("chapter", "cn", "paren-cn"))
    write_text("tongzhou-chapter-cn.txt", renumbered)
    record("tongzhou-chapter-cn.txt", "tongzhou.txt", count, depths)

    lines, count = opening("mentougou.txt", 2)
    toc = toc_page(lines, "mentougou.txt", "leaders")
    paged = with_pages(
        insert_after_front(lines, "mentougou.txt", toc + [""]),
        "亚洲通:“十四五”时期民政事业规划",
        "— {page} —",
    )
    write_text("mentougou-toc-leaders.txt", paged)
    record(
        "mentougou-toc-leaders.txt",
        "mentougou.txt",
        count,
        outline(lines, "mentougou.txt"),
        toc=toc[1:],
    )

    lines, count = opening("chaoyang.txt", 2)
    toc = toc_page(lines, "chaoyang.txt", "glued")
    paged = with_pages(
        ["目  录", *toc[1:], ""] + lines, "朝阳区民政事业发展规划", "第{page}页 共{total}页"
    )
    write_text("chaoyang-toc-glued.txt", paged)
    record(
        "chaoyang-toc-glued.txt", "chaoyang.txt", count, outline(lines, "chaoyang.txt"), toc=toc[1:]
    )

    lines, count = opening("zhushan.txt", 2)
    toc = toc_page(lines, "zhushan.txt", "bare")
    paged = with_pages(
        lines[:1] + [""] + toc + [""] + lines[1:], "珠山区民政事业发展“十四五”规划", "-{page}-"
    )
    write_text("zhushan-toc-bare.txt", paged)
    record("zhushan-toc-bare.txt", "zhushan.txt", count, outline(lines, "zhushan.txt"), toc=toc[1:])

    lines, count = opening("tongzhou.txt", 2)
    web = web_copy(
        lines,
        "北京城市副中心（通州区）“十四五”时期民政事业发展规划",
        "北京市通州区民政局",
        "二〇二一年十二月二十日",
        "通民政文[2021]65号",
    )
    write_text("tongzhou-web.txt", web)
    record(
        "tongzhou-web.txt",
        "tongzhou.txt",
        count,
        outline(lines, "tongzhou.txt"),
        meta={"doc_number": "通民政文〔2021〕65号", "written": "2021-12-20"},
    )

    lines, count = opening("beijing-municipal.txt", 2)
    web = web_copy(
        lines,
        "北京市“十四五”时期民政事业发展规划",
        "北京市民政局",
        "2021年9月28日",
        "京民发（2021）118号",
    )
    write_text("beijing-web.txt", web)
    record(
        "beijing-web.txt",
        "beijing-municipal.txt",
        count,
        outline(lines, "beijing-municipal.txt"),
        meta={
            "doc_number": "京民发〔2021〕118号",
            "written": "2021-09-28",
            "issuer": "北京市民政局",
        },
    )

    lines, count = opening("tongzhou.txt", 2)
    write_text("tongzhou-cells.txt", cells_per_line(lines))
    record("tongzhou-cells.txt", "tongzhou.txt", count, outline(lines, "tongzhou.txt"))


def main() -> None:
    expected: dict = {}
    text_variants(expected)
    from docx_variants import docx_variants  # noqa: PLC0415 - python-docx only when building the corpus

    docx_variants(expected)
    (HERE / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE))
    main()
