"""The command line: Typer commands with Rich output, thin over the services."""
