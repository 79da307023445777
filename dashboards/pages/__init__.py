"""Server-rendered pages: pure functions from plain data and a `PageContext` to HTML."""
