"""docs/cli.md documents every command, and the JSON of every command that has --json."""

import re
from pathlib import Path

import typer

from calfcoach.cli.main import app

CLI_DOCS = Path(__file__).parents[2] / "docs" / "cli.md"


def _sections() -> dict[str, str]:
    text = CLI_DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    return {part.split("\n", 1)[0].strip(): part for part in parts}


def _commands() -> dict[str, typer.models.CommandInfo]:
    found = {c.name or c.callback.__name__: c for c in app.registered_commands if c.callback is not None}
    found.update({g.name: g for g in app.registered_groups if g.name})  # type: ignore[misc]
    return found


def test_every_command_has_a_section_in_the_cli_docs() -> None:
    missing = sorted(set(_commands()) - set(_sections()))
    assert not missing, f"undocumented commands: {missing}"


def test_every_command_with_json_output_documents_its_json() -> None:
    import inspect

    sections = _sections()
    for name, info in _commands().items():
        callback = getattr(info, "callback", None)
        if not inspect.isfunction(callback):
            continue
        if "as_json" in inspect.signature(callback).parameters:
            assert "JSON" in sections[name], f"`{name} --json` is not described in docs/cli.md"


def test_the_docs_name_every_option_of_every_command() -> None:
    import inspect

    sections = _sections()
    for name, info in _commands().items():
        callback = getattr(info, "callback", None)
        if not inspect.isfunction(callback):
            continue
        for parameter in inspect.signature(callback).parameters.values():
            default = parameter.default
            flags = [d for d in getattr(default, "param_decls", None) or () if d.startswith("--")]
            for flag in flags:
                plain = flag.split("/")[0]
                assert plain in sections[name], f"{name} {plain} is not documented"


def test_the_help_embedded_in_the_docs_lists_the_real_commands_with_their_real_summaries() -> None:
    from typer.testing import CliRunner

    text = CLI_DOCS.read_text(encoding="utf-8")
    block = text[text.index(" Commands\n") : text.index("```", text.index(" Commands\n"))]
    documented = {
        line.split()[0]: " ".join(line.split()[1:]) for line in block.splitlines()[1:] if line.strip()
    }
    assert set(documented) == set(_commands())
    shown = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "300"}).stdout
    for name, summary in documented.items():
        assert summary[:40] in shown, f"the docs' summary of {name} is not what --help says"
