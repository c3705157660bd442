"""Rendering pages: the Jinja2 environment, the signed-in account on every page, and error pages."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NamedTuple
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from calfcoach import MEDICAL_DISCLAIMER, i18n, labels
from calfcoach.api.deps import Ctx, OptionalUser
from calfcoach.api.errors import ErrorDetail
from calfcoach.domain.errors import CalfCoachError, InputError
from calfcoach.domain.exercise import Dose, Tempo
from calfcoach.domain.messages import Message
from calfcoach.domain.units import METRIC
from calfcoach.i18n import N_
from calfcoach.library.screening import load_questionnaire, questionnaire_in
from calfcoach.services import import_notes, units
from calfcoach.services.access import COACH_ROLES, own_athlete
from calfcoach.services.accounts import AuthError, needs_setup
from calfcoach.services.render import said
from calfcoach.store.errors import StoreError
from calfcoach.store.records import Athlete, Role, User
from calfcoach.web.forms import fields
from calfcoach.web.js_messages import js_catalog
from calfcoach.web.language import page_language

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals["disclaimer"] = MEDICAL_DISCLAIMER


# Each page is drawn in its reader's language (`lang` in its context): the gettext functions look the
# catalog up per call, so one shared environment serves every language at once, with no per-request state.
@pass_context
def _gettext(context: Context, message: str) -> str:
    return i18n.translations(context.get("lang")).gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return i18n.translations(context.get("lang")).ngettext(singular, plural, n)


@pass_context
def _label(context: Context, code: str) -> str:
    """A stored code (`heel_raise`, `beginner`) in the page's words."""
    return i18n.translate(context.get("lang"), labels.english(str(code)))


# Dates without a year, ordered and punctuated by the locale: `Sun, Dec 6` / `So., 6. Dez.`; `12/6` / `6.12.`.
_SKELETONS = {"weekday": "MMMEd", "weekday_year": "yMMMEd", "month_day": "Md", "long_weekday": "MMMMEEEEd"}


@pass_context
def _day(context: Context, value: dt.date | str | None, style: str = "medium") -> str:
    """A date (or its ISO text) in the page's locale: medium `Dec 6, 2026` / `06.12.2026`; `weekday`
    `Sun, Dec 6` / `So., 6. Dez.`; `weekday_year` `Sun, Dec 6, 2026` / `So., 6. Dez. 2026`; `month_day`
    `12/6` / `6.12.`; `long_weekday` `Sun, December 6`;
    `short`, `long` or `full` as Babel has them."""
    if value is None or value == "":
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if style in _SKELETONS:
        return i18n.format_skeleton(day, context.get("lang"), _SKELETONS[style])
    return i18n.format_date(day, context.get("lang"), style)


@pass_context
def _moment(context: Context, value: dt.datetime, style: str = "medium") -> str:
    """A date and time in the page's locale, in the moment's own zone; `full_short` is the whole date and
    the hour: `Sunday, December 6, 2026, 7:30 AM` / `Sonntag, 6. Dezember 2026, 07:30`; `medium_short`
    `Jan 6, 2026, 7:00 AM` / `06.01.2026, 07:00`."""
    language = context.get("lang")
    if style in ("full_short", "medium_short"):  # the date in words, the time without seconds
        day = i18n.format_date(value.date(), language, style.split("_")[0])
        return f"{day}, {i18n.format_time(value, language)}"
    return i18n.format_datetime(value, language, style)


@pass_context
def _percent(context: Context, fraction: float) -> str:
    """A fraction as a whole percentage in the page's locale: 46% / 46 %."""
    return i18n.format_percent(fraction, context.get("lang"))


@pass_context
def _number(context: Context, value: float | int | None, digits: int | None = None) -> str:
    """A number with the page's decimal sign: 2.5 / 2,5 (`digits` fixed, else as few as show it)."""
    if value is None:
        return units.MISSING
    return i18n.format_decimal(value, context.get("lang"), digits)


templates.env.filters.update(label=_label, day=_day, moment=_moment, number=_number, percent=_percent)
templates.env.globals["weekday_names"] = labels.WEEKDAYS
templates.env.globals["js_catalog"] = js_catalog
templates.env.add_extension("jinja2.ext.i18n")
templates.env.policies["ext.i18n.trimmed"] = True  # {% trans %} blocks are extracted as one line, as drawn
templates.env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]


def _json_script(value: Any) -> Markup:
    """Serialise a value for a <script type="application/json"> block (no way to close the tag early)."""
    text = json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # safe: <, > and & are escaped above, so the script block cannot be closed


def _in_units(write: Callable[..., str]) -> Callable[..., str]:
    """A filter that writes in the units the page is drawn in (`units` in its context, else metric), with
    the decimal sign of its language (`lang`)."""

    @pass_context
    def filter_(context: Context, value: float | None) -> str:
        return i18n.localize_decimals(write(value, context.get("units") or METRIC), context.get("lang"))

    return filter_


def _in_locale(write: Callable[[float | None], str]) -> Callable[..., str]:
    """A filter that writes a figure with the decimal sign of the page's language: 3.5% / 3,5%."""

    @pass_context
    def filter_(context: Context, value: float | None) -> str:
        return i18n.localize_decimals(write(value), context.get("lang"))

    return filter_


@pass_context
def _decimals(context: Context, text: str | None) -> str:
    """A service's text with figures in it (a dose: `20 min at 5.0 km/h`) with the page's decimal sign."""
    return "" if text is None else i18n.localize_decimals(str(text), context.get("lang"))


templates.env.filters["json_script"] = _json_script
templates.env.filters.update({name: _in_locale(write) for name, write in units.FILTERS.items()})
templates.env.filters.update({name: _in_units(write) for name, write in units.UNIT_FILTERS.items()})
templates.env.filters["decimals"] = _decimals


@pass_context
def _dose(context: Context, dose: dict[str, Any]) -> str:
    """A session item's dose (its SI fields) said in the page's units and language: `2 × 10, 45 s Pause`."""
    return Dose.model_validate(dose).describe(context.get("units") or METRIC, context.get("lang"))


@pass_context
def _tempo(context: Context, tempo: dict[str, Any]) -> str:
    """A session item's tempo said in the page's language: `1 s hoch, 1 s halten, 2 s runter`, each
    number kept on one line with its unit (a phone broke "down 2 s" after the 2)."""
    return _SECONDS_GAP.sub("\u00a0", Tempo.model_validate(tempo).describe(context.get("lang")))


_SECONDS_GAP = re.compile(r"(?<=\d) (?=s\b)")


@pass_context
def _said(context: Context, message: Message) -> str:
    """A message of the coach (a reason, a score's note) in the page's language and units."""
    return said(message, context.get("units") or METRIC, context.get("lang"))


templates.env.filters.update(dose=_dose, tempo=_tempo, said=_said)


@pass_context
def _import_note(context: Context, note: str) -> str:
    """A note an imported recording carries (stored in English) in the page's language."""
    return import_notes.note_in(note, context.get("lang"))


@pass_context
def _device(context: Context, device: str) -> str:
    """A recording's device ('garmin product 1967') in the page's language."""
    return import_notes.device_in(device, context.get("lang"))


templates.env.filters.update(import_note=_import_note, device=_device)


@pass_context
def _advice(context: Context, flag: Any) -> str:
    """A warning sign's advice in the page's language: a flag raised by a screening or check-in question
    carries that question's English advice, said here from the language's questionnaire (any other advice
    is shown as the coach wrote it)."""
    advice = str(flag["advice"])
    english = load_questionnaire()
    said = questionnaire_in(context.get("lang"))
    for mine, theirs in ((english.questions, said.questions), (english.checkin, said.checkin)):
        for question, translated in zip(mine, theirs, strict=True):
            if question.id == flag["id"] and question.advice == advice:
                return translated.advice
    return advice


templates.env.filters["advice"] = _advice

# A full stop right after another: a sentence that ends on an abbreviation (German `25 Min.`, `7. Dez.`).
_DOUBLE_STOP = re.compile(r"\.\.(?=\s|$)")


def _one_stop(text: str) -> str:
    """A sentence whose last word is an abbreviation keeps that word's full stop and takes no second."""
    if isinstance(text, Markup):  # already escaped: stays so (the full stops add nothing to escape)
        return Markup(_DOUBLE_STOP.sub(".", str(text)))
    return _DOUBLE_STOP.sub(".", text)


templates.env.filters["one_stop"] = _one_stop
templates.env.globals["fields"] = fields


class SignInRequired(AuthError):
    """A page needs a signed-in account."""


class OnboardingRequired(AuthError):
    """A page needs the account's athlete profile, which onboarding creates."""


class NavLink(NamedTuple):
    """One link of the main menu."""

    href: str
    label: str


# The pages that need the account's own athlete profile (without one they send it to onboarding).
# The labels are English here and translated where the menu is drawn (base.html).
ATHLETE_LINKS = (
    NavLink("/today", N_("Today")),
    NavLink("/plan", N_("Plan")),
    NavLink("/log", N_("Log")),
    NavLink("/history", N_("History")),
    NavLink("/activities", N_("Activities")),
    NavLink("/progress", N_("Progress")),
)
SIGNED_OUT_LINKS = (
    NavLink("/exercises", N_("Exercises")),
    NavLink("/login", N_("Sign in")),
    NavLink("/register", N_("Register")),
)


def navigation(user: User | None, *, has_profile: bool) -> tuple[NavLink, ...]:
    """The main menu for this account: only links to pages it can use.

    The training pages need an athlete profile; the clients' dashboard needs a coach (or admin). An account
    that is both sees both. An athlete or admin without a profile yet is offered the onboarding instead
    (a coach without one is not: the home page sends a coach to the dashboard, not to onboarding).
    """
    if user is None:
        return SIGNED_OUT_LINKS
    links: list[NavLink] = []
    if has_profile:
        links.extend(ATHLETE_LINKS)
    elif user.role is not Role.COACH:
        links.append(NavLink("/onboarding", N_("Set up your training")))
    if user.role in COACH_ROLES:
        links.append(NavLink("/coach", N_("Clients")))
    links += [NavLink("/exercises", N_("Exercises")), NavLink("/settings/account", N_("Account"))]
    return tuple(links)


def _has_profile(request: Request, user: User | None) -> bool:
    if user is None:
        return False
    if getattr(request.state, "athlete", None) is not None:  # page_athlete already read it
        return True
    try:
        return own_athlete(request.app.state.context.store, user) is not None
    except StoreError:
        # An error page must still render when the database is what failed; it shows the shorter menu.
        return False


def render(request: Request, name: str, *, status: int = 200, **values: Any) -> HTMLResponse:
    """Render a page template with the CSRF token, the signed-in account, its menu and its language."""
    user = getattr(request.state, "user", None)
    nav = navigation(user, has_profile=_has_profile(request, user))
    athlete = getattr(request.state, "athlete", None)
    # Figures in the units of the person whose page it is (the signed-in athlete's); a page may say otherwise.
    shown_in = METRIC if athlete is None else athlete.profile.preferred_units
    context = {
        "csrf": request.state.csrf,
        "user": user,
        "nav": nav,
        "units": shown_in,
        "lang": page_language(request),
        **values,
    }
    response = templates.TemplateResponse(request, name, context, status_code=status)
    if request.method == "GET" and request.headers.get("hx-boosted") == "true":
        # A boosted form's redirect ends here: put this page's address in the address bar, not the form's.
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        response.headers["hx-push-url"] = here
    return response


def redirect(url: str) -> RedirectResponse:
    """Redirect after a form (303, so the browser follows with GET)."""
    return RedirectResponse(url, status_code=303)


def page_user(request: Request, user: OptionalUser) -> User:
    """Return the signed-in account for a page; send others to sign in."""
    if user is None:
        raise SignInRequired("sign in to see this page")
    request.state.user = user
    return user


PageUser = Annotated[User, Depends(page_user)]


def page_athlete(request: Request, user: PageUser, ctx: Ctx) -> Athlete:
    """Return the signed-in account's athlete profile; send the account to onboarding before it has one."""
    found = own_athlete(ctx.store, user)
    if found is None:
        raise OnboardingRequired("complete your profile first")
    request.state.athlete = found  # the menu needs to know; saves reading it again
    return found


PageAthlete = Annotated[Athlete, Depends(page_athlete)]


def in_page_language(detail: ErrorDetail, error: Exception, language: str) -> ErrorDetail:
    """A service's error in the page's language (the API's detail keeps the English words)."""
    if isinstance(error, StarletteHTTPException) and isinstance(error.__cause__, CalfCoachError):
        error = error.__cause__
    if isinstance(error, InputError):
        return detail.model_copy(update={"message": error.said(language), "hint": error.hint_in(language)})
    if isinstance(error, CalfCoachError):
        return detail.model_copy(update={"message": error.text_in(language)})
    return detail


def error_page(request: Request, status: int, detail: ErrorDetail, error: Exception) -> Response:
    """Answer a page error: sign-in redirects, an htmx fragment into #errors, or a whole error page."""
    if isinstance(error, OnboardingRequired):
        return redirect("/onboarding")
    if isinstance(error, SignInRequired):
        context = request.app.state.context
        if needs_setup(context.store):
            return redirect("/setup")
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return redirect(f"/login?next={quote(here, safe='/')}")
    detail = in_page_language(detail, error, page_language(request))
    if request.headers.get("hx-request") == "true":
        response = templates.TemplateResponse(
            request, "_error.html", {"error": detail, "lang": page_language(request)}, status_code=status
        )
        response.headers["hx-retarget"] = "#errors"
        response.headers["hx-reswap"] = "innerHTML"
        return response
    return render(request, "error.html", status=status, error=detail)
