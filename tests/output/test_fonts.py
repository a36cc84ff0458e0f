from __future__ import annotations

from click.testing import CliRunner

from plancraft.cli import main
from plancraft.output.fonts import report_lines, resolve_roles, stylesheet_stacks


def test_stacks_put_official_names_first_then_fandol_then_noto() -> None:
    stacks = stylesheet_stacks()
    assert set(stacks) == {"fangsong", "xiaobiaosong", "heiti", "kaiti"}
    firsts = {
        "fangsong": "仿宋_GB2312",
        "xiaobiaosong": "方正小标宋简体",
        "heiti": "黑体",
        "kaiti": "楷体_GB2312",
    }
    for role, official in firsts.items():
        stack = stacks[role]
        fandol = next(i for i, name in enumerate(stack) if name.startswith("Fandol"))
        noto = next(i for i, name in enumerate(stack) if name.startswith(("Noto", "LXGW")))
        assert stack[0] == official and fandol < noto


def test_every_role_resolves_to_fandol_after_setup() -> None:
    roles = {font.role: font for font in resolve_roles()}
    assert roles["fangsong"].resolved == "FandolFang"
    assert roles["xiaobiaosong"].resolved == "FandolSong"
    assert roles["heiti"].resolved == "FandolHei"
    assert roles["kaiti"].resolved == "FandolKai"
    assert not any(font.fell_back for font in roles.values())


def test_a_role_past_fandol_is_a_warning() -> None:
    css = ':root { --fangsong: "仿宋_GB2312", "Noto Serif CJK SC", serif; --heiti: "NoSuchFont"; }'
    roles = {font.role: font for font in resolve_roles(css)}
    assert roles["fangsong"].resolved == "Noto Serif CJK SC" and roles["fangsong"].fell_back
    assert roles["heiti"].resolved is None
    assert all(warning for _line, warning in report_lines(list(roles.values())))


def test_fonts_command_prints_each_role() -> None:
    result = CliRunner().invoke(main, ["fonts"])
    assert result.exit_code == 0
    assert "body 仿宋: FandolFang" in result.output and "heading 黑体: FandolHei" in result.output
