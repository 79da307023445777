"""Statistics-bureau uploads: reading a file, checking its figures, storing them as vintages,
and telling the clerk what was wrong (the pull schedule itself is service/jobs/pulls.py)."""
