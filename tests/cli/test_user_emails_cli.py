"""`leadsieve user add` with look-alike addresses, on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.cli.test_cli import run

CYRILLIC_ALICE = "\u0430lice@example.com"  # the first letter is U+0430 CYRILLIC SMALL LETTER A


def test_user_add_refuses_a_homoglyph_and_folds_fullwidth(database_url: str) -> None:
    """A Cyrillic а in an address that reads "alice@example.com" is INVALID_VALUE (exit 6, no
    traceback) naming the scripts, and makes no second user; the fullwidth spelling of the
    same address is the same user."""
    env = {"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": "alice@example.com"}
    assert run("user", "add", "alice@example.com", env=env).returncode == 0  # the owner
    refused = run("user", "add", CYRILLIC_ALICE, env=env)
    assert refused.returncode == 6, refused.stdout + refused.stderr
    assert "INVALID_VALUE" in refused.stderr
    assert "Cyrillic" in refused.stderr and "Latin" in refused.stderr
    assert "one script" in refused.stderr
    fullwidth = run("user", "add", "\uff41\uff4c\uff49\uff43\uff45@EXAMPLE.COM", env=env)
    assert fullwidth.returncode == 0, fullwidth.stderr
    assert "alice@example.com is already owner" in fullwidth.stdout
    listed = run("user", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("@") == 1 and "alice@example.com" in listed.stdout
