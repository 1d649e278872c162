"""Use cases that span files or storage and the engine."""
