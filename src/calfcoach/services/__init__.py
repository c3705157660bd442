"""Use cases that join the engine and the store; shared by the CLI, the web pages and the API."""
