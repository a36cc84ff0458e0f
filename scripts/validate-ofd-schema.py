"""Validate every XML part of .ofd files against the GB/T 33190-2016 (Annex A) XML schemas.

The schemas are not shipped with plancraft (they are not published with the standard in machine-readable
form; docs/archive.md says where transcriptions are found). Each part is checked against the schema named
after its root element: OFD.xml against OFD.xsd, Document.xml against Document.xsd, PublicRes.xml and
DocumentRes.xml against Res.xsd, Content.xml against Page.xsd.

    .venv/bin/python scripts/validate-ofd-schema.py SCHEMA_DIR dist/*.ofd
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from lxml import etree


def main(schema_dir: Path, files: list[Path]) -> int:
    schemas: dict[str, etree.XMLSchema] = {}
    failures = checked = 0
    for ofd in files:
        with zipfile.ZipFile(ofd) as archive:
            for name in (n for n in archive.namelist() if n.endswith(".xml")):
                part = etree.fromstring(archive.read(name))
                root = etree.QName(part).localname
                if root not in schemas:
                    schemas[root] = etree.XMLSchema(etree.parse(str(schema_dir / f"{root}.xsd")))
                checked += 1
                if not schemas[root].validate(part):
                    failures += 1
                    for error in schemas[root].error_log:
                        print(f"{ofd}:{name}:{error.line}: {error.message}")
    print(f"{checked} part(s) in {len(files)} file(s), {failures} invalid")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), [Path(arg) for arg in sys.argv[2:]]))
