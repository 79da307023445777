"""Data functions over a `Session`: catalogue and figure queries, the figures of a series as
they stood at a moment, and flat records for the API and exports. They flush, never
commit: the caller owns the transaction."""
