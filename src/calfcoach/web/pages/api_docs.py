"""The REST API's documentation page: the vendored Swagger UI over /openapi.json, served by the app itself.

FastAPI's own /docs page loads Swagger UI from a CDN and starts it with an inline script: the app's CSP
blocks both, and a self-hosted server may have no internet. This page takes the files from
static/vendor and its start-up code from static/api-docs.js.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.web.templating import templates

router = APIRouter()
SWAGGER_UI = "5.35.0"
# As the app's own policy, without 'unsafe-eval' (no chart compiles expressions here). Swagger UI sets
# style attributes, hence 'unsafe-inline' styles, as on every page.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """Swagger UI over the app's OpenAPI schema; "Try it out" sends requests with the browser's session."""
    response = templates.TemplateResponse(request, "api_docs.html", {"version": SWAGGER_UI})
    response.headers["content-security-policy"] = DOCS_CSP
    return response
