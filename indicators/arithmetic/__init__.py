"""Target arithmetic: required paths, progress, statuses, in-year checks, chances and units.

Pure functions over numbers and dataclasses; nothing here touches a database (an
import-linter contract forbids SQLAlchemy in this package).
"""
