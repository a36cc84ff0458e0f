"""`python -m plancraft.cli`."""

from ..program import run

run()
