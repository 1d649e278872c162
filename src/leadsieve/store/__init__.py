"""The lead store: SQLAlchemy tables, repositories (every SQL statement, never a commit) and
migrations, on SQLite and PostgreSQL. Services own the transactions."""
