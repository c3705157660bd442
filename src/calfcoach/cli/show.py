"""Rich renderings shared by commands: a prescribed session, a plan."""

from __future__ import annotations

from typing import Any

from calfcoach.cli.common import console
from calfcoach.cli.words import _, day, number, weekday


def print_session(view: dict[str, Any], *, reasons: bool = True) -> None:
    """Print one session view (services.render.session_view) as a table with its reasons."""
    from rich.table import Table

    minutes = _("about {minutes} min", minutes=number(round(view["minutes"])))
    title = f"{weekday(view['day'], view['weekday'])} {day(view['day'])} · {view['name']} · {minutes}"
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column(_("Exercise"), style="bold")
    table.add_column(_("Dose"))
    if reasons:
        table.add_column(_("Why"), style="dim", overflow="fold")
    for item in view["items"]:
        dose = item["dose_text"] + (f"\n[dim]{item['tempo_text']}[/]" if item["tempo_text"] else "")
        why = item["reason"] + (f"\n[italic]{item['note']}[/]" if item["note"] else "")
        table.add_row(item["exercise_name"], dose, *([why] if reasons else []))
    console().print(table)
    for note in view["notes"]:
        console().print(f"  [yellow]•[/] {note}")
