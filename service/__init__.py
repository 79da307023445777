"""The shell: settings, database sessions, FastAPI, CLI, scheduler and email."""
