"""Durable case stores behind one small repository interface."""
