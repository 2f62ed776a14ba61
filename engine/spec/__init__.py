"""The spec language: strict YAML reading, the model, loading, durations, diagnostics and the
rule registry. Every room of motcua (the case runtime, the validators, the renderers, the
importer to come) reads procedures through this package; it imports nothing else of motcua.
"""
