"""Plan values, the funnel engine and plan edits: pure Python, no Qt, no TOML."""
