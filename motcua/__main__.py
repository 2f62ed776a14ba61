"""``python -m motcua`` runs the command line."""

from motcua.cli import main

main(prog_name="motcua")
