"""The target catalogue: its file format (`format`), the loader that checks and stores it
(`loader`), and the reviewed seed catalogue with its source documents (`seed/`)."""
