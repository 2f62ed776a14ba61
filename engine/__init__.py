"""The spec model, strict loading and the case runtime: the part of motcua every other part stands on."""
