"""Checking an upload's records against the catalogue and the figures on record:
names, permissions, units, periods, plausibility, unit mistakes, year-to-date totals."""
