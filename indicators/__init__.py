"""The domain: regions, indicators, targets, observations and the target arithmetic.

One sub-package per role, each importing only those below it (import-linter checks):

- `runs`: assessment and forecast runs over stored targets, and their outlooks;
- `catalogue`: the catalogue file format, its loader and the reviewed seed;
- `data`: functions over a session (queries, figures as known at a moment, records);
- `tables`: every ORM table (importing `indicators.tables` registers them all);
- `arithmetic`: the target arithmetic, pure functions with no database;
- `text`: the message catalogue and numbers and targets in words;
- `vocab`, `periods`, `clock`: the closed vocabularies, statistical periods and moments.
"""
