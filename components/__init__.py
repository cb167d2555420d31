"""Importable, server-free building blocks of the dashboard."""
