"""Reports as one self-contained HTML page: tables coloured by status, filters, sorting, inline SVG."""

from __future__ import annotations

from html import escape

from .. import i18n
from .cells import folded, text_of
from .model import Cell, Column, Group, Mark, Report, Row, Sheet


def render(report: Report) -> bytes:
    """The page; it loads nothing from elsewhere."""
    lang = "zh-CN" if i18n.language() == "zh" else "en"
    title = escape(report.title)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}{_status_css(report)}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n",
        *(f'<p class="meta">{escape(line)}</p>\n' for line in report.meta),
    ]
    sheets = report.sheets_in("html")
    for number, sheet in enumerate(sheets, start=1):
        parts.append(_sheet(sheet, number, report))
    parts += [f'<p class="summary">{escape(line)}</p>\n' for line in report.summary]
    parts.append(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(parts).encode("utf-8")


def _status_css(report: Report) -> str:
    return "".join(
        f"td.s-{key}{{background:#{status.fill}}}"
        f".key.s-{key}{{background:#{status.fill};border-color:#{status.ink}}}"
        for key, status in report.statuses.items()
    )


def _sheet(sheet: Sheet, number: int, report: Report) -> str:
    out = [f'<section class="sheet" id="s{number}">\n']
    if sheet.title:
        out.append(f"<h2>{escape(sheet.title)}</h2>\n")
    out += [f'<p class="note">{escape(note)}</p>\n' for note in sheet.notes]
    out.append(_tools(sheet, report))
    columns = sheet.columns_in("html")
    level = "h3" if sheet.title else "h2"
    for group in sheet.groups:
        out.append(_group(group, columns, sheet, level))
    if sheet.figures:
        if sheet.figures_title:
            out.append(f"<h2>{escape(sheet.figures_title)}</h2>\n")
        out += [f'<p class="note">{escape(note)}</p>\n' for note in sheet.figures_notes]
        cards = "".join(
            f'<figure class="card" id="{escape(figure.id)}">'
            f"<figcaption>{escape(figure.caption)}</figcaption>{figure.svg}</figure>\n"
            for figure in sheet.figures
        )
        out.append(f'<div class="cards">{cards}</div>\n')
    out.append("</section>\n")
    return "".join(out)


def _tools(sheet: Sheet, report: Report) -> str:
    counts = {key: 0 for key in report.statuses}
    for row in sheet.rows():
        for cell in row.cells.values():
            if cell.status in counts:
                counts[cell.status] += 1
    keys = "".join(
        f'<button type="button" class="key s-{key}" data-status="{key}" '
        f'aria-pressed="true">{escape(report.statuses[key].label)} <b>{count}</b></button>'
        for key, count in counts.items()
        if count
    )
    search = escape(sheet.search, quote=True)
    box = (
        f'<input type="search" placeholder="{search}" aria-label="{search}">'
        if sheet.search
        else ""
    )
    return f'<div class="tools"><div class="keys">{keys}</div>{box}</div>\n' if keys or box else ""


def _group(group: Group, columns: list[Column], sheet: Sheet, level: str) -> str:
    out = [f"<{level}>{escape(group.heading)}</{level}>\n"] if group.heading else []
    out += [f'<p class="note">{escape(note)}</p>\n' for note in group.notes]
    if not group.rows:
        return "".join(out)
    heads = "".join(
        f'<th class="{column.type}" data-sort="{index}" data-type="{column.type}">'
        f"{escape(column.label)}</th>"
        for index, column in enumerate(columns)
    )
    out.append(f'<table class="{escape(sheet.css)}">\n<thead><tr>{heads}</tr></thead>\n<tbody>\n')
    out += [_row(row, columns) for row in group.rows]
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _row(row: Row, columns: list[Column]) -> str:
    statuses = " ".join(sorted({cell.status for cell in row.cells.values() if cell.status}))
    cells = "".join(_td(row.cell(column.key), column) for column in columns)
    return f'<tr data-statuses="{statuses}">{cells}</tr>\n'


def _td(cell: Cell, column: Column) -> str:
    classes = column.type + (f" s-{cell.status}" if cell.status else "")
    status = f' data-status="{cell.status}"' if cell.status else ""
    title = f' title="{escape(cell.title)}"' if cell.title else ""
    if cell.marks:
        content = "".join(_mark(cell.marks, index) for index in range(len(cell.marks)))
    else:
        content = escape(text_of(cell.value))
    if cell.href:
        content = f'<a href="{escape(cell.href)}">{content}</a>'
    return f'<td class="{classes}"{status}{title}>{content}</td>'


def _mark(marks: list[Mark], index: int) -> str:
    op, text = marks[index].op, marks[index].text
    if op == "+":
        return f"<ins>{escape(text)}</ins>"
    if op == "-":
        return f"<del>{escape(text)}</del>"
    head, middle, tail = folded(marks, index)
    if middle:
        return (
            f'{escape(head)}<details class="ctx"><summary>…</summary>'
            f"{escape(middle)}</details>{escape(tail)}"
        )
    return escape(text)


CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:24px;color:#222;font-size:14px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 6px}h3{font-size:15px;margin:20px 0 6px}
.meta{margin:4px 0;color:#444}.note{color:#666;font-size:12px;margin:4px 0 10px}
.summary{margin:4px 0}
.tools{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:10px 0}
.keys{display:flex;flex-wrap:wrap;gap:4px}
.key{border:1px solid #999;border-radius:3px;padding:3px 7px;font:inherit;font-size:12px;
cursor:pointer}
.key[aria-pressed=false]{opacity:.35}
input[type=search]{font:inherit;padding:3px 6px;min-width:14em}
table{border-collapse:collapse;font-size:13px;margin:6px 0}
th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
thead th{position:sticky;top:0;background:#f2f2f2;cursor:pointer}
td.number{text-align:right;color:#666}td.status{text-align:center}
td a{color:inherit;text-decoration:none}td a:hover{text-decoration:underline}
ins{background:#dfd;color:#060;text-decoration:underline}del{background:#fdd;color:#a00}
details.ctx{display:inline;color:#888}details.ctx summary{display:inline;cursor:pointer}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{margin:0;border:1px solid #ddd;border-radius:4px;padding:6px 8px;background:#fff}
.card figcaption{font-size:13px;margin-bottom:4px;max-width:400px}
svg text{font-size:11px}svg .tick{fill:#888;font-size:10px}svg .note{fill:#888}
svg .value{font-weight:bold}
tr.hidden{display:none}
table.matrix td:nth-child(2){min-width:8em}svg{max-width:100%;height:auto}.card{max-width:100%;box-sizing:border-box}
@media (max-width:40rem){body{margin:12px}table{display:block;overflow-x:auto;max-width:100%}
input[type=search]{min-width:0;width:100%}}
"""

SCRIPT = """
document.querySelectorAll('section.sheet').forEach(function (section) {
  var search = section.querySelector('input[type=search]');
  var keys = Array.prototype.slice.call(section.querySelectorAll('.key'));
  var rank = keys.map(function (key) { return key.dataset.status; });
  var rows = Array.prototype.slice.call(section.querySelectorAll('tbody tr'));
  function filter() {
    var on = keys.filter(function (k) { return k.getAttribute('aria-pressed') === 'true'; })
      .map(function (k) { return k.dataset.status; });
    var text = search ? search.value.trim() : '';
    rows.forEach(function (row) {
      var statuses = row.dataset.statuses ? row.dataset.statuses.split(' ') : [];
      var shown = (!statuses.length || statuses.some(function (s) { return on.indexOf(s) >= 0; })) &&
        (!text || row.textContent.indexOf(text) >= 0);
      row.classList.toggle('hidden', !shown);
    });
  }
  keys.forEach(function (key) {
    key.addEventListener('click', function () {
      var pressed = key.getAttribute('aria-pressed') === 'true';
      key.setAttribute('aria-pressed', pressed ? 'false' : 'true');
      filter();
    });
  });
  if (search) { search.addEventListener('input', filter); }
  section.querySelectorAll('th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      var body = th.closest('table').tBodies[0];
      var column = Number(th.dataset.sort);
      var sorted = Array.prototype.slice.call(body.rows);
      var cell = function (row) { return row.cells[column]; };
      if (th.dataset.type === 'status') {
        var at = function (row) {
          var x = rank.indexOf(cell(row).dataset.status || '');
          return x < 0 ? 99 : x;
        };
        sorted.sort(function (a, b) { return at(a) - at(b); });
      } else {
        sorted.sort(function (a, b) {
          var x = cell(a).textContent, y = cell(b).textContent;
          var m = parseFloat(x), n = parseFloat(y);
          return isNaN(m) || isNaN(n) ? x.localeCompare(y, 'zh') : m - n;
        });
      }
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""
