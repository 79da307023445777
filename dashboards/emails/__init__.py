"""Alert messages as their recipients read them: emails (HTML and plain text, the target-gap
chart inline) and group-robot markdown, rendered from templates out of plain alert views.
Pure rendering: what to send to whom, and the sending, belong to the service."""
