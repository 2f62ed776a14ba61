"""The reform room: compare versions of a procedure, measure a catalogue's reform, watch cases
as an inspection team does, and simulate a change before making it.

It reads specs through ``motcua.engine.spec``, runs cases through ``motcua.engine`` and draws
through ``motcua.render``; see docs/architecture.md.
"""
