"""A fontconfig setup with the project's stand-in aliases, as scripts/setup.sh installs them."""

from __future__ import annotations

from pathlib import Path

STAND_INS = Path(__file__).resolve().parents[2] / "scripts/fontconfig/65-plancraft-stand-ins.conf"
"""The fontconfig aliases setup.sh installs: the official fonts the .docx names → the Fandol fonts."""


def fontconfig_with_stand_ins(folder: Path) -> Path:
    """A fontconfig file: the system's setup plus the project's stand-in aliases, as setup.sh installs them."""
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<include>{STAND_INS}</include></fontconfig>\n",
        encoding="utf-8",
    )
    return config
