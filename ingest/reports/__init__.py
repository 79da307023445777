"""What the clerk is told: one issue per problem, grouped and shortened, and the
report as a terminal table, CSV, XLSX or JSON."""
