"""Statistics-bureau uploads: parsing, validation and scheduled pulls."""
