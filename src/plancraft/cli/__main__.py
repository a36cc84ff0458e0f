"""`python -m plancraft.cli`."""

from . import run

run()
