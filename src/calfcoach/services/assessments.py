"""Self-tests from the terminal or a page: the protocol to follow, then the result stored and explained."""

from __future__ import annotations

import datetime as dt
from typing import Literal, cast

from calfcoach.assess.interpret import interpret
from calfcoach.assess.protocols import protocol
from calfcoach.assess.readiness import running_readiness
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.services.history import load_local
from calfcoach.services.logbook import record_test
from calfcoach.services.render import all_said, said
from calfcoach.services.views import GateCheck, ProtocolView, RunningGateView, TestTaken
from calfcoach.store.store import Store

Side = Literal["left", "right"]


def protocol_view(kind: TestKind) -> ProtocolView:
    """The protocol of a test: purpose, setup, steps, when to stop, what to record."""
    found = protocol(kind)
    return ProtocolView(
        kind=kind.value,
        name=found.name,
        purpose=found.purpose.strip(),
        unit=found.unit,
        value_label=found.value_label,
        equipment=list(found.equipment),
        setup=list(found.setup),
        steps=list(found.steps),
        stop_when=list(found.stop_when),
        record=list(found.record),
        safety=list(found.safety),
    )


def take_test(store: Store, result: TestResult, *, today: dt.date, language: str | None = None) -> TestTaken:
    """Store a test result (one transaction), explain it, and apply the running gate to the latest tests.

    Written in `language` when the shell knows the reader's (the CLI: the machine's locale for a person who
    chose none), else in the profile's."""
    athlete, _ = load_local(store, since=today)
    profile = athlete.profile
    language = language or profile.language
    explained = interpret(result, age=profile.age_on(result.day), sex=profile.sex, language=language)
    record_test(store, athlete.id, result, today=today)
    _, history = load_local(store, since=today)
    gate = running_readiness(history.latest_test(TestKind.HEEL_RAISE), history.latest_test(TestKind.HOP_PAIN))
    units = profile.preferred_units
    return TestTaken(
        result=result,
        unit=explained.unit,
        lsi_pct=explained.lsi_pct,
        weaker_side=None if explained.weaker_side is None else cast(Side, explained.weaker_side.value),
        summary=list(explained.summary),
        running_gate=RunningGateView(
            ready=gate.ready,
            checks=[
                GateCheck(name=c.name, met=c.met, detail=said(c.detail, units, language)) for c in gate.checks
            ],
            reasons=all_said(gate.reasons, units, language),
        ),
    )
