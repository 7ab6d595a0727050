"""Spiders: one per registered outlet (made from the registry in ``outlets.py``) and ``generic``."""
