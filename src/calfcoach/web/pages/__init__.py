"""One module per page or group of pages; each exposes `router`."""

from __future__ import annotations

from types import ModuleType

from calfcoach.web.pages import (
    account,
    activities,
    api_docs,
    coach,
    library,
    logs,
    media,
    onboarding,
    plan,
    player,
    progress,
    recovery,
    today,
)

PAGE_MODULES: tuple[ModuleType, ...] = (
    account,
    recovery,
    onboarding,
    today,
    player,
    logs,
    activities,
    progress,
    plan,
    library,
    coach,
    media,
    api_docs,
)
