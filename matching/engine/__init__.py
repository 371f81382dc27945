"""The pure matching engine: plain data in, plain data out.

Nothing in this package imports Django models or queries the database; callers build
the dataclasses in `matching.engine.types` from their selectors and pass them in.
"""
