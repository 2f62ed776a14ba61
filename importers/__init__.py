"""Importers: records of other systems turned into spec YAML.

A room of its own on the spec language: it reads a foreign record, writes spec files and agency
files that ``motcua validate`` then judges, and says what it could not place. It imports only
``motcua.engine.spec`` (strict reading, the error kinds, durations) and itself; the command line
(``motcua import``) lives in the front door, ``motcua/cli/importing.py``.
"""
