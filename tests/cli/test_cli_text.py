"""No English written straight into the CLI's output: every text a person reads goes through the catalogs.

An AST check over src/calfcoach/cli: the arguments of the calls that write or ask something (console
prints, typer.echo/prompt/confirm, fail(), InputError, tables' headers and titles, panels, the player's
event and status lines) may hold no English word outside `_()` or `ngettext()`. Rich markup (`[bold]`), option
names (`--set`), file names and the few words below are not language. A text first put in a variable and
printed later is not seen by this check: put it through `_()` where it is written (`N_()` when it is
translated later).

Help is translated when it is shown (cli/helptext.py), so every `help=` of a command, an option, an argument
or a group must be a marked message (`N_()`, or `filled()`/`joined()` of marked ones, or a name bound to
`N_()`), and every command must be given its help so (a docstring is not extracted by Babel).

Also: no `_()` inside an f-string. Babel reads Python 3.11's f-strings as one token, so a message there never
reaches the catalog and would stay English in every language.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[2] / "src" / "calfcoach" / "cli"

# Calls that put text in front of the person (by the called name or method).
WRITERS = frozenset(
    {
        "print",  # console().print, out.print, Console().print
        "echo",
        "prompt",
        "confirm",
        "fail",
        "_fail",
        "InputError",
        "BadParameter",
        "Table",
        "add_column",
        "add_row",
        "Panel",
        "Text",
        "assemble",
        "TextColumn",
        "_event",
        "_status",
        "_wait",
        "_ask_scale",
    }
)
TRANSLATED = frozenset({"_", "ngettext", "N_"})
# Keywords that are not read as text: styles, layout, where an error is (an option's name), defaults.
NOT_TEXT = frozenset(
    {
        "style",
        "border_style",
        "title_justify",
        "title_align",
        "overflow",
        "justify",
        "box",
        "where",
        "default",
    }
)
# Names and units written the same in every language (ID: the column of codes a person types back), and
# Rich's style names (`[bold {colour}]`, `Text.assemble((label, "bold yellow"))`).
ALLOWED = frozenset(
    {"CalfCoach", "calfcoach", "ID", "id", "UTC", "KiB", "KB", "MET", "bpm", "kcal", "GAP"}
    | {"bold", "dim", "italic", "red", "green", "yellow", "cyan", "white"}
)
# Calls whose arguments are not text for a person: JSON for scripts, lengths, lookups, separators.
NOT_WRITTEN = frozenset(
    {
        "dumps",
        "emit_json",
        "len",
        "get",
        "join",
        "replace",
        "rsplit",
        "split",
        "strip",
        "ljust",
        "rjust",
        "escape",
    }
)

_MARKUP = re.compile(r"\[/?[a-z ]*\]")
_FIELD = re.compile(r"\{[^}]*\}")  # a template's field, e.g. TextColumn("{task.description}")
_OPTION = re.compile(r"--[a-z-]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def _words(text: str) -> list[str]:
    plain = _OPTION.sub(" ", _FIELD.sub(" ", _MARKUP.sub(" ", text)))
    return [word for word in _WORD.findall(plain) if word not in ALLOWED]


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _english(node: ast.AST) -> list[str]:
    """The English words in an expression, outside translated calls, keys and lookups."""
    if isinstance(node, ast.Call) and _name(node) in TRANSLATED:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _words(node.value)
    if isinstance(node, ast.Subscript):
        return _english(node.value)  # data["name"]: a key, not a text
    if isinstance(node, ast.Call):
        if _name(node) in NOT_WRITTEN:
            return _english(node.func)  # view.get("id"), ", ".join(...): keys and separators
        parts = [node.func, *node.args, *(k.value for k in node.keywords if k.arg not in NOT_TEXT)]
        return [word for part in parts for word in _english(part)]
    return [word for child in ast.iter_child_nodes(node) for word in _english(child)]


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, word) for each English word written straight into a writing call of a module's source."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node) in WRITERS:
            parts = [*node.args, *(k.value for k in node.keywords if k.arg not in NOT_TEXT)]
            found += [(node.lineno, word) for part in parts for word in _english(part)]
    return sorted(set(found))


def translated_in_fstrings(source: str) -> list[int]:
    """Lines where `_()` or `ngettext()` is called inside an f-string (Babel does not extract it)."""
    return sorted(
        {
            call.lineno
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.JoinedStr)
            for call in ast.walk(node)
            if isinstance(call, ast.Call) and _name(call) in TRANSLATED
            if call.args
            and isinstance(call.args[0], ast.Constant)  # a variable's message is marked where set
        }
    )


MODULES = sorted(p.name for p in CLI.glob("*.py"))


@pytest.mark.parametrize("module", MODULES)
def test_every_text_the_cli_writes_is_translated(module: str) -> None:
    words = untranslated((CLI / module).read_text(encoding="utf-8"))
    assert not words, f"cli/{module}: English outside _(): {words[:12]} (docs/translations.md)"


@pytest.mark.parametrize("module", MODULES)
def test_no_message_hides_in_an_f_string(module: str) -> None:
    lines = translated_in_fstrings((CLI / module).read_text(encoding="utf-8"))
    assert not lines, (
        f"cli/{module}: _() inside an f-string on lines {lines}: not extracted, never translated"
    )


def test_the_check_finds_english_written_straight_in() -> None:
    assert untranslated('console().print("Rest day.")') == [(1, "Rest"), (1, "day")]
    assert untranslated('out.print(f"[green]Logged[/] {day}: {n} sets")') == [(1, "Logged"), (1, "sets")]
    assert untranslated('raise InputError("not a set", where="--set")') == [(1, "not"), (1, "set")]
    assert untranslated('Table("day", title="Tests")') == [(1, "Tests"), (1, "day")]
    assert untranslated('fail("a" if x else "no way")') == [(1, "no"), (1, "way")]
    assert untranslated('out.print(_("Rest day on {day}.", day=d))') == []
    assert untranslated("out.print(f\"[bold]{view['name']}[/] · {_('x')}\")") == []
    assert untranslated('out.print(f"  [yellow]•[/] {reason}", soft_wrap=True)') == []
    assert untranslated('table.add_column("ID", style="bold")') == []
    assert translated_in_fstrings("out.print(f\"{_('error:')} {m}\")") == [1]
    assert translated_in_fstrings('out.print(_("error:") + f" {m}")') == []


HELP_MAKERS = frozenset({"N_", "filled", "joined"})


def unmarked_help(source: str) -> list[int]:
    """Lines where a `help=` is not a marked message, or a command is registered without `help=`."""
    tree = ast.parse(source)
    marked_names = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and _name(node.value) == "N_"
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        helps = [k.value for k in node.keywords if k.arg == "help"]
        for value in helps:
            marked = (isinstance(value, ast.Call) and _name(value) in HELP_MAKERS) or (
                isinstance(value, ast.Name) and value.id in marked_names
            )
            if not marked:
                found.add(node.lineno)
        if _name(node) == "command" and not helps:
            found.add(node.lineno)
    return sorted(found)


@pytest.mark.parametrize("module", MODULES)
def test_every_help_text_is_marked_for_translation(module: str) -> None:
    lines = unmarked_help((CLI / module).read_text(encoding="utf-8"))
    assert not lines, f"cli/{module}: help not marked with N_() (or a command without help=) on lines {lines}"


def test_the_help_check_finds_unmarked_help() -> None:
    assert unmarked_help('typer.Option(None, "--x", help="Say it.")') == [1]
    assert unmarked_help('app.command("today")(today)') == [1]
    assert unmarked_help('app.command("today", help=N_("Show today."))(today)') == []
    assert unmarked_help('H = N_("Days.")\ntyper.Option(None, help=H)') == []
    assert unmarked_help('H = "Days."\ntyper.Option(None, help=H)') == [2]
    assert unmarked_help('typer.Option(None, help=filled(N_("Use {v}."), v=ENV))') == []
