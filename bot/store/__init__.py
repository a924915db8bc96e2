"""The project's own store (SQLAlchemy): webhook de-duplication and push targets."""
