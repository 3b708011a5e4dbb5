"""The dashboard shell, its static files, the favicon and ``/docs`` (Swagger UI), all served from
the package: nothing is loaded from a CDN, so every page works on a machine without internet access.

Swagger UI is vendored (``static/vendor/swagger-ui/``, from the npm package ``swagger-ui-dist``)
and started by ``static/docs.js``: no inline script, so the page's Content-Security-Policy can
forbid every script but its own files.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from barometer.api.security import check_read

HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
       "frame-ancestors 'none'")
#: Swagger UI sets style attributes on its elements: its page allows inline styles, never inline scripts.
DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "connect-src 'self'; frame-ancestors 'none'")

DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Barometer API</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""


def mount_web(app: FastAPI) -> None:
    web = resources.files("barometer.web")
    static_dir = Path(str(web.joinpath("static")))
    index_html = web.joinpath("templates", "index.html").read_text("utf-8")
    app.mount("/static", StaticFiles(directory=static_dir), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> HTMLResponse:
        # Static shell: every piece of data arrives as JSON and is inserted with textContent.
        return HTMLResponse(index_html, headers={"Content-Security-Policy": CSP, **HEADERS})

    # with api_read_requires_token the API reference needs the token, as the schema it reads does
    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(check_read)])
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_HTML, headers={"Content-Security-Policy": DOCS_CSP, **HEADERS})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(static_dir / "favicon.svg", media_type="image/svg+xml", headers=HEADERS)
