"""The coach says why only in messages (domain/messages.py): never an f-string a page could not put in the
person's units or language."""

import ast
import typing
from pathlib import Path

import calfcoach.coach
from calfcoach.assess.readiness import GateCheck as ReadinessCheck
from calfcoach.assess.readiness import Readiness
from calfcoach.coach.gates import GateCheck
from calfcoach.coach.pain import Finding, PainStatus, referral_triggers
from calfcoach.coach.progression import Situation, Step
from calfcoach.coach.redflags import OpenFlag
from calfcoach.coach.safety import SafetyStatus
from calfcoach.domain.messages import Message
from calfcoach.domain.plan import Plan, PlannedItem, PlannedSession

COACH = Path(calfcoach.coach.__file__).parent
# The player's spoken cues and a watch's step names are not reasons (coach/guide.py, coach/workout.py).
NOT_REASONS = {"guide.py", "workout.py"}
# A recording's score keeps its English text too (Score.reason, StepScore.note, cardio_logs.plan_reason), for
# clients and scores from before its messages (`why`, `notes`, cardio_logs.plan_why) were kept.
STORED_AS_TEXT = {
    ("compliance.py", "_reason"),
    ("compliance.py", "_score_step"),
    ("compliance.py", "_minutes"),
}


def _allowed(node: ast.JoinedStr, parents: dict[ast.AST, ast.AST]) -> bool:
    """An f-string that never reaches a person as a reason: an error raised, an id, a lookup key."""
    parent = parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.Raise):
            return True
        if isinstance(parent, ast.keyword) and parent.arg == "id":
            return True
        if isinstance(parent, ast.Call) and getattr(parent.func, "id", "") == "define":
            return True  # a message's code
        if isinstance(parent, ast.Assign) and any(getattr(t, "id", "") == "key" for t in parent.targets):
            return True
        parent = parents.get(parent)
    return False


def test_no_reason_in_the_coach_is_an_f_string() -> None:
    found = []
    for path in sorted(COACH.glob("*.py")):
        if path.name in NOT_REASONS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        skipped = {
            child
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef) and (path.name, function.name) in STORED_AS_TEXT
            for child in ast.walk(function)
        }
        found += [
            f"{path.name}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr) and node not in skipped and not _allowed(node, parents)
        ]
    assert found == []


def test_every_reason_the_coach_hands_out_is_a_message() -> None:
    fields = {
        PlannedItem: ["reason"],
        PlannedSession: ["notes"],
        Plan: ["notes"],
        Finding: ["text"],
        Step: ["cause"],
        Situation: ["why"],
        GateCheck: ["met", "unmet"],
        OpenFlag: ["advice"],
        Readiness: ["reasons"],
        ReadinessCheck: ["detail"],
    }
    for model, names in fields.items():
        hints = typing.get_type_hints(model)
        for name in names:
            assert Message in (hints[name], *typing.get_args(hints[name])), f"{model.__name__}.{name}"
    for function, name in ((referral_triggers, "return"),):
        assert typing.get_args(typing.get_type_hints(function)[name])[0] is Message
    assert typing.get_args(typing.get_type_hints(PainStatus.reasons.fget)["return"])[0] is Message  # type: ignore[attr-defined]
    assert typing.get_args(typing.get_type_hints(SafetyStatus.advice.fget)["return"])[0] is Message  # type: ignore[attr-defined]
