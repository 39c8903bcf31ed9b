"""Reading a plan file's tables (as tomllib parses them) into validated domain values."""
