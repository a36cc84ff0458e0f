"""The typed model of a plan: what the loader builds and every later stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Location

PLAN_FILE = "plan.yaml"
INDICATORS_FILE = "indicators.yaml"
TABLES_DIR = "tables"
"""The files of a plan folder besides its Markdown (text/, as plan.yaml names it)."""
ROLES = ("background", "requirements", "tasks", "safeguards")
NUMBERING_STYLES = ("parts", "chapters", "chapters-cn", "cn", "volumes")
"""The numbering a plan can name in plan.yaml; compile.numbering.LEVELS says how each numbers."""


@dataclass(slots=True)
class Prose:
    """One top-level Markdown block (paragraph, list, table …) kept as tokens until rendering."""

    tokens: list[Any]
    location: Location
    classes: tuple[str, ...] = ()


@dataclass(slots=True)
class Placement:
    """A `{{indicators}}` or `{{table ID}}` line: where a table is printed."""

    kind: str
    target: str
    location: Location


@dataclass(slots=True)
class Section:
    """A numbered heading with its content: a part, chapter, section or box item."""

    id: str
    title: str
    depth: int
    location: Location
    role: str | None = None
    run_in: bool = False
    in_box: bool = False
    content: list[Item] = field(default_factory=list)
    number: int = 0
    label: str = ""
    ref_label: str = ""

    @property
    def sections(self) -> list[Section]:
        """The child sections, in order."""
        return [item for item in self.content if isinstance(item, Section)]


@dataclass(slots=True)
class Box:
    """A 专栏 feature box: numbered 专栏N, with its own items."""

    id: str
    title: str
    location: Location
    content: list[Item] = field(default_factory=list)
    number: int = 0
    label: str = ""


Item = Prose | Placement | Section | Box


@dataclass(slots=True)
class Quantity:
    """An indicator value as printed, with its parsed comparator and number when it has them."""

    text: str
    comparator: str = ""
    value: float | None = None
    percent: bool = False


@dataclass(slots=True)
class Indicator:
    """One row of the indicator table."""

    id: str
    name: str
    location: Location
    unit: str = ""
    domain: str = ""
    subdomain: str = ""
    baseline: Quantity | None = None
    target: Quantity | None = None
    nature: str = "预期性"
    note: str = ""
    number: int = 0
    field_locations: dict[str, Location] = field(default_factory=dict)
    parent_id: str = ""
    compare: bool = True
    nature_reason: str = ""
    target_kind: str = ""
    """How progress is measured (level, cumulative, growth, reduction, upper-limit); empty: inferred."""

    def locate(self, name: str) -> Location:
        """Where field `name` (e.g. target) is written, else the row."""
        return self.field_locations.get(name, self.location)

    @property
    def binding(self) -> bool:
        """Whether the indicator is 约束性."""
        return self.nature == "约束性"


@dataclass(slots=True)
class IndicatorTable:
    """The plan's 主要指标 table."""

    title: str
    location: Location
    indicators: list[Indicator]
    columns: list[str]
    labels: dict[str, str]
    id: str = "indicators"
    baseline_year: int | None = None
    target_year: int | None = None
    binding_mark: str = ""
    numbered: bool = False
    notes: list[str] = field(default_factory=list)
    number: int = 0
    label: str = ""
    landscape: bool | None = None
    """landscape: true or false in the YAML; None lets the compiler decide from the content."""


@dataclass(slots=True)
class Cell:
    """A table cell."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class Table:
    """A table other than the indicator table."""

    id: str
    title: str
    location: Location
    header: list[list[Cell]]
    rows: list[list[Cell]]
    numbered: bool = True
    unit: str = ""
    notes: list[str] = field(default_factory=list)
    number: int = 0
    label: str = ""
    row_locations: list[Location] = field(default_factory=list)
    landscape: bool | None = None
    """landscape: true or false in the YAML; None lets the compiler decide from the content."""


@dataclass(slots=True)
class Metadata:
    """Who issued the plan, when, and for which period."""

    title: str
    issuer: str = ""
    doc_number: str = ""
    signer: str = ""
    notice_header: str = ""
    dates: dict[str, str] = field(default_factory=dict)
    validity: str = ""
    period_start: int | None = None
    period_end: int | None = None
    outlook: int | None = None
    parent: str = ""
    predecessor: str = ""
    """The previous period's plan this one was started from (`new --from`), as plan.yaml names it."""
    numbering: str = "parts"
    toc_depth: int = 2
    title_lines: list[str] = field(default_factory=list)
    """The cover title's lines as written in plan.yaml (empty: broken automatically)."""
    notice_title_lines: list[str] = field(default_factory=list)
    """The notice title's lines as written in plan.yaml (empty: broken automatically)."""
    public: str = ""
    """公开属性, e.g. 此件公开发布."""
    copy_to: list[str] = field(default_factory=list)
    """版记: 抄送机关."""
    printer: str = ""
    """版记: 印发机关."""
    printed: str = ""
    """版记: 印发日期, YYYY-MM-DD or YYYY-MM."""
    appendix: bool = True
    """Whether the indicator appendix (附表) is printed."""
    pdf_variant: str = ""
    """The PDF variant for archiving or accessibility (pdf/a-3b …); empty for a plain PDF."""
    cover_metadata: bool = False
    """Whether the cover prints the website's document information (发文单位, 发文字号, dates, 文件有效性)."""
    tolerance: float | None = None
    """monitoring.tolerance: the share of the span within which progress is on track (None: 0.1)."""
    locations: dict[str, Location] = field(
        default_factory=dict, compare=False, metadata={"source_only": True}
    )

    def locate(self, key: str) -> Location:
        """Where the value of top-level key `key` of plan.yaml is written (the file itself when absent)."""
        return self.locations.get(key) or next(iter(self.locations.values()), Location("plan.yaml"))


@dataclass(frozen=True, slots=True)
class ParentPlan:
    """The plan a plan follows (`parent:`), as source/parent.py read it: where, and what it sets."""

    name: str
    """As written in `parent:`, or as given on the command line."""
    source: Path
    """What it names: a plan folder, or a provincial plan's indicators file."""
    found: bool
    """Whether it is there: a folder with plan.yaml, or the file."""
    title: str = ""
    """The parent plan's title from its plan.yaml ('' for a lone indicators file)."""
    indicators: IndicatorTable | None = None
    """Its indicator table; None when it has none or it does not load (see `problems`)."""
    indicators_file: Path | None = None
    """Where its indicator table is (or would be)."""
    files: tuple[Path, ...] = ()
    """The files it is read from, whether they are there or not: the build cache hashes them, the
    preview watches them."""
    problems: tuple[Diagnostic, ...] = ()
    """What was wrong with its indicators file, located in that file."""

    @property
    def root(self) -> Path:
        """The parent's folder (for an indicators file, the folder holding it)."""
        return self.source.parent if self.source.suffix in (".yaml", ".yml") else self.source


@dataclass(slots=True)
class YearValue:
    """One indicator's value in a monitoring year file."""

    id: str
    location: Location
    """Where the indicator's id is written."""
    written: Any = None
    """The value as written (a number, a string, or None when only `assessed` is given)."""
    value: float | None = None
    """The number, when the written value is one (a trailing % is allowed)."""
    provisional: bool = False
    source: str = ""
    note: str = ""
    assessed: str = ""
    """The department's own status for a target that is not a number."""
    value_location: Location | None = None


@dataclass(slots=True)
class MonitoringYear:
    """monitoring/<year>.yaml: the values reached in one year."""

    year: int
    path: Path
    location: Location
    """Where `year:` is written."""
    values: dict[str, YearValue] = field(default_factory=dict)


@dataclass(slots=True)
class Reviewer:
    """Who sent one comment or change: the unit, the author Word recorded, the date, Word's id."""

    unit: str
    author: str = ""
    date: str = ""
    ref: str = ""
    file: str = ""


@dataclass(slots=True)
class RoundItem:
    """One comment or change received in a round, and what the drafter decided."""

    number: int
    kind: str
    target: str
    location: Location
    reviewers: list[Reviewer]
    decision: str
    decision_location: Location
    field: str = ""
    place: str = ""
    quoted: str = ""
    text: str = ""
    reason: str = ""


@dataclass(slots=True)
class Round:
    """reviews/<round>.yaml: the comments of one round of consultation."""

    name: str
    path: Path
    items: list[RoundItem] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    """A whole plan, as loaded from `plans/<slug>/`."""

    slug: str
    root: Path
    meta: Metadata
    outline: list[Section]
    indicators: IndicatorTable | None = None
    tables: list[Table] = field(default_factory=list)
    notice: list[Item] = field(default_factory=list)
    preface: Section | None = None
    sources: list[Path] = field(default_factory=list)
    complete: bool = True
    labels: dict[str, str] = field(default_factory=dict)
    unloaded: set[str] = field(default_factory=set)
    """Ids of tables whose files have errors (a table's id is taken from its file name): not reported again."""
    parent: ParentPlan | None = None
    """The plan named by `parent:`, read when the plan loaded (None when it names none, or itself)."""
    monitoring: list[MonitoringYear] = field(default_factory=list)
    """The monitoring year files that loaded, by year."""
    rounds: list[Round] = field(default_factory=list)
    """The comment rounds (reviews/*.yaml) that loaded, by file name."""
