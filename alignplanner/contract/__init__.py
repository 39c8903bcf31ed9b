"""The plan file: TOML <-> plan, versions and migrations, the computed requirements.

Pure Python (no Qt). The public entry points are `reader.loads`/`reader.load` and
`writer.dumps`/`writer.dump`; every file write goes through `atomic.atomic_write_bytes`.
Submodules are imported on demand so that importing this package stays cheap.
"""
