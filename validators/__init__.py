"""Checks on loaded specs: schema, references, graph, timing, one-stop and language rules, yielding diagnostics."""
