"""The page tests use the API tests' fixtures (an app on each backend, people signed in)."""

from tests.api.conftest import ada, bob, cheap_hashes, client, mailbox

__all__ = ["ada", "bob", "cheap_hashes", "client", "mailbox"]
