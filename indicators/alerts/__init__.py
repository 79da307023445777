"""Variance alerts: the rules (one registry), their evaluation after each assessment, and
each alert's stored life (firing → acknowledged → resolved). Who hears about an alert and
how it is delivered belong to the service, not here."""
