"""Review .docx files in a real LibreOffice session, as reviewers do: tracked edits and comments.

Run with the system Python that has LibreOffice's `uno` module (Debian: python3-uno), not the venv:

    /usr/bin/python3 tests/support/libreoffice_review.py PROFILE_DIR JOBS.json

JOBS.json is a list of jobs, each {"source": in.docx, "target": out.docx, "author": name,
"date": "2024-03-04T09:00:00", "edits": [...]}. An edit finds the one place `find` occurs and
either rewrites it as `replace` (only the characters that differ are changed, so "坚持" → "始终坚持"
is an insertion of 始终, "多渠道、投入" → "投入" a deletion) or anchors a comment `comment` on it.
With "table": N the text is looked for in the cells of the document's N-th table only, and with
"row" too in the cells of the rows that hold that text.
LibreOffice runs headless with the private profile PROFILE_DIR; the author is the profile's user
name (Tools › Options › User Data), set before each job; record changes is on; each file is saved
with the "MS Word 2007 XML" filter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.util import DateTime  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def start(profile: Path) -> tuple[subprocess.Popen, object]:
    """LibreOffice headless on a pipe of its own, and its component context once it answers."""
    pipe = f"plancraft-{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _attempt in range(240):
        try:
            return office, resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None:
                raise SystemExit(f"soffice exited with {office.returncode}") from None
            time.sleep(0.5)
    office.kill()
    raise SystemExit("soffice did not answer within 120 s")


def set_user_name(context: object, name: str) -> None:
    """Tools › Options › LibreOffice › User Data: the name tracked changes and comments carry."""
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context
    )
    data = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    data.setPropertyValue("givenname", name)
    data.setPropertyValue("sn", "")
    data.setPropertyValue("initials", name[:1])
    data.commitChanges()


def uno_date(text: str) -> DateTime:
    moment = DateTime()
    date, _, clock = text.partition("T")
    moment.Year, moment.Month, moment.Day = (int(part) for part in date.split("-"))
    moment.Hours, moment.Minutes, moment.Seconds = (int(part) for part in clock.split(":")[:3])
    return moment


def find(document: object, edit: dict) -> object:
    """The one text range holding edit["find"], in the body or in the cells of one table."""
    wanted = edit["find"]
    if "table" in edit:
        table = document.getTextTables().getByIndex(edit["table"])
        names = table.getCellNames()
        rows = {
            name.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            for name in names
            if edit.get("row", "") in table.getCellByName(name).getString()
        }
        ranges = []
        for name in names:
            cell = table.getCellByName(name)
            at = cell.getString().find(wanted)
            if at >= 0 and name.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") in rows:
                cursor = cell.getText().createTextCursor()
                cursor.gotoStart(False)
                cursor.goRight(at, False)
                cursor.goRight(len(wanted), True)
                ranges.append(cursor)
    else:
        search = document.createSearchDescriptor()
        search.SearchString = wanted
        search.SearchCaseSensitive = True
        count = document.findAll(search).getCount()
        ranges = [document.findFirst(search)] * count  # findAll's ranges take no annotation
    if len(ranges) != 1:
        raise SystemExit(f"{wanted!r} found {len(ranges)} times, not once")
    return ranges[0]


def rewrite(found: object, old: str, new: str) -> None:
    """Change `old` (the text of `found`) to `new`, touching only the characters between their
    common beginning and end."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    cursor = found.getText().createTextCursorByRange(found.getStart())
    cursor.goRight(head, False)
    cursor.goRight(len(old) - head - tail, True)
    cursor.setString(new[head : len(new) - tail])


def comment(document: object, found: object, text: str, author: str, date: str) -> None:
    note = document.createInstance("com.sun.star.text.textfield.Annotation")
    note.setPropertyValue("Author", author)
    note.setPropertyValue("Initials", author[:1])
    note.setPropertyValue("Content", text)
    note.setPropertyValue("DateTimeValue", uno_date(date))
    cursor = found.getText().createTextCursorByRange(found)
    found.getText().insertTextContent(cursor, note, True)


def review(context: object, job: dict) -> None:
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    set_user_name(context, job["author"])
    document = desktop.loadComponentFromURL(
        Path(job["source"]).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),)
    )
    try:
        document.setPropertyValue("RecordChanges", True)
        for edit in job["edits"]:
            found = find(document, edit)
            if "comment" in edit:
                comment(document, found, edit["comment"], job["author"], job["date"])
            else:
                rewrite(found, edit["find"], edit["replace"])
        document.storeToURL(
            Path(job["target"]).resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),)
        )
    finally:
        document.close(True)


def main() -> None:
    profile, jobs = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    office, context = start(profile)
    try:
        for job in jobs:
            review(context, job)
    finally:
        try:
            context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context
            ).terminate()
        except Exception:  # noqa: BLE001 - the bridge goes down with the office
            pass
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    main()
