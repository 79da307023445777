"""User-facing text: the one message catalogue (Chinese first, English beside it), numbers
as people read them, and a target in a few words."""
