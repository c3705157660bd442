"""Form errors next to their fields: a refused form comes back as its page, with what was typed and, beside
each field it concerns, what is wrong in words (never a validator's own text).

A page registers the function that draws it for the forms it holds (`form_page`); when a POST to one of
those forms fails with an input error, the error handler draws that page again with a `Posted` value
(the form's address, its errors by field and the values sent) instead of an error page. Templates read it
through `fields(action)`: each field's value, its message, and the aria attributes that tie the two.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from jinja2 import pass_context
from markupsafe import Markup, escape
from pydantic import BaseModel, ValidationError

from calfcoach import i18n
from calfcoach.domain.errors import CalfCoachError, InputError, Phrase, problems_in_words
from calfcoach.i18n import N_
from calfcoach.web.language import page_language

# What is never sent back into a page: a password stays with the person who typed it.
_NOT_KEPT = frozenset({"password", "csrf_token"})
# The parts of a request FastAPI puts first in a place; the field is what follows.
_PARTS = ("body", "query", "path")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Posted:
    """A refused form: where it was sent, each field's problem ("" for the form as a whole), its values."""

    action: str
    errors: Mapping[str, str]
    values: Mapping[str, list[str]] = field(default_factory=dict)


class FormInvalid(InputError):
    """A form's values refused: every problem as (field, words), the words English and marked (N_), or a
    Phrase when a figure is put in ("Enter 300 kg or less.").

    Built from a validation error, it keeps the error's items too, so the page says them in its reader's
    language (a bound such as "Enter 10 or more." has its number put in after translating).
    """

    def __init__(
        self, problems: Sequence[tuple[str, str | Phrase]], items: list[Mapping[str, Any]] | None = None
    ) -> None:
        self.problems = list(problems) or [("", N_("The form is not valid."))]
        self.items = items
        place, words = self.problems[0]
        super().__init__(str(words), where=place or None)

    def in_language(self, language: str) -> list[tuple[str, str]]:
        """Every problem as (field, words) in `language`."""
        if self.items is not None:
            return problems_in_words(self.items, language=language)
        return [
            (place, words.text_in(language) if isinstance(words, Phrase) else i18n.translate(language, words))
            for place, words in self.problems
        ]


def validated(model: type[M], data: Mapping[str, Any]) -> M:
    """The model built from a form's values, or FormInvalid (a handled error: the form comes back)."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise FormInvalid(problems_in_words(error), items=list(error.errors())) from None


# What a page draws its forms from before anything was sent.
NOTHING_POSTED = Posted(action="", errors={})

FormRenderer = Callable[[Request, Posted], Response]
_PAGES: dict[str, tuple[FormRenderer, tuple[type[Exception], ...]]] = {}


def form_page(
    *actions: str, refusals: tuple[type[Exception], ...] = ()
) -> Callable[[FormRenderer], FormRenderer]:
    """Register the function that draws the page holding the forms posted to these addresses.

    Input errors always come back on the form. `refusals` are other errors said there too: a wrong
    password on the sign-in form (AuthError: elsewhere it means "sign in first"), an unknown invitation.
    """

    def register(renderer: FormRenderer) -> FormRenderer:
        for action in actions:
            _PAGES[action] = (renderer, refusals)
        return renderer

    return register


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _field_of(place: str) -> str:
    """The form field a place is in: `weekdays[0]` and `weekdays` are both the field `weekdays`."""
    return place.split("[", 1)[0].split(".", 1)[0]


def field_errors(error: Exception, language: str | None = None) -> dict[str, str] | None:
    """Each field's problem in words, in `language`, from an input or validation error (None for any other).

    A place such as `weekdays[0]` belongs to the field `weekdays` (forms name their fields as the models
    do). A problem that names no field of the form is drawn as the form's own. A service's own message is
    translated when the catalog holds its template (its named fields put in after translating).
    """
    found: dict[str, str] = {}
    if isinstance(error, FormInvalid):
        for place, words in error.in_language(language or i18n.DEFAULT):
            found.setdefault(_field_of(place), words)
        return found
    if isinstance(error, RequestValidationError | ValidationError):
        for problem in error.errors():
            loc = tuple(problem["loc"])
            loc = loc[1:] if loc and loc[0] in _PARTS else loc
            [(place, words)] = problems_in_words([{**problem, "loc": loc}], language=language)
            found.setdefault(_field_of(place), words)
        return found
    if isinstance(error, InputError):
        hint = error.hint_in(language)
        text = _sentence(error.said(language)) + (f" {_sentence(hint)}" if hint else "")
        found[_field_of(error.where or "")] = text
        return found
    return None


class Fields:
    """One form's fields as its template draws them, after a refused post of that form (else empty)."""

    def __init__(self, posted: Posted | None, action: str, language: str | None = None) -> None:
        self._posted = posted if posted is not None and posted.action == action else None
        self._language = language

    @property
    def sent(self) -> bool:
        """Whether this form was the one posted (its values replace the page's defaults)."""
        return self._posted is not None

    def error(self, name: str) -> str:
        return "" if self._posted is None else self._posted.errors.get(name, "")

    def form_error(self, *names: str) -> Markup:
        """An alert at the top of the form: the problems that name none of its fields `names` (a name
        ending in "*" covers every field it starts), and how many fields below are marked."""
        if self._posted is None or not self._posted.errors:
            return Markup("")

        def named(key: str) -> bool:
            return any(key == n or (n.endswith("*") and key.startswith(n[:-1])) for n in names)

        texts = [text for key, text in self._posted.errors.items() if not named(key)]
        marked = sum(1 for key in self._posted.errors if named(key))
        if marked:
            texts.append(
                i18n.translate_plural(
                    self._language,
                    "Check the field marked below.",
                    "Check the {n} fields marked below.",
                    marked,
                ).format(n=marked)
            )
        return Markup('<p class="error form-error" role="alert">{}</p>').format(" ".join(texts))

    def value(self, name: str, default: Any = "") -> Any:
        if self._posted is None:
            return default
        return (self._posted.values.get(name) or [""])[0]

    def checked(self, name: str, value: str, default: bool = False) -> bool:
        if self._posted is None:
            return default
        return value in self._posted.values.get(name, [])

    def invalid(self, name: str, field_id: str) -> Markup:
        """aria-invalid and aria-describedby for a field with a problem (nothing otherwise)."""
        if not self.error(name):
            return Markup("")
        return Markup(' aria-invalid="true" aria-describedby="{}-error"').format(field_id)

    def describes(self, name: str, field_id: str) -> Markup:
        """aria-describedby alone, for a group of choices (a fieldset) whose problem is the group's."""
        if not self.error(name):
            return Markup("")
        return Markup(' aria-describedby="{}-error"').format(field_id)

    def message(self, name: str, field_id: str) -> Markup:
        """The field's problem, as the paragraph its aria-describedby names (nothing when it has none)."""
        text = self.error(name)
        if not text:
            return Markup("")
        return Markup('<p class="field-error" id="{}-error">{}</p>').format(field_id, escape(text))


@pass_context
def fields(context: Mapping[str, Any], action: str) -> Fields:
    """The template function: `{% set f = fields("/log/checkin") %}`."""
    posted = context.get("posted")
    return Fields(posted if isinstance(posted, Posted) else None, action, context.get("lang"))


async def form_error_page(request: Request, status: int, error: Exception) -> Response | None:
    """The page of the form whose post failed, drawn again with the problems by field; None when the
    request is not a registered form's post or the error is not about what was typed."""
    route = request.scope.get("route")
    page = _PAGES.get(getattr(route, "path", ""))
    if request.method != "POST" or page is None:
        return None
    renderer, refusals = page
    language = page_language(request)
    errors = field_errors(error, language)
    if errors is None and isinstance(error, refusals):
        said = error.text_in(language) if isinstance(error, CalfCoachError) else str(error)
        errors = {"": _sentence(said)}
    if errors is None:
        return None
    form = await request.form()
    # Text only: an uploaded file is not sent back (the person chooses it again).
    values = {
        key: [v for v in form.getlist(key) if isinstance(v, str)] for key in form if key not in _NOT_KEPT
    }
    response = renderer(request, Posted(action=request.url.path, errors=errors, values=values))
    response.status_code = status
    # A boosted form would put its action in the address bar: the page it was on stays there instead.
    response.headers["hx-push-url"] = "false"
    # Nor jump to the page's top (a boost's default): app.js brings the form's alert into view.
    response.headers["hx-reswap"] = "innerHTML show:none"
    return response
