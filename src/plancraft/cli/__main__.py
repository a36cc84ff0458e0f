"""`python -m plancraft.cli`."""

from . import main

main()
