"""The web application of `ballotlaw serve` (Starlette): the page, its script and style (package data), and a
small JSON API over serve/work.py.

It serves this machine's user: the Host header must name the address it listens on (no other site can reach it
through a name of theirs), a request that changes anything must be JSON (a form of another site cannot send
it), and one that says where it comes from must come from the page itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import traceback
from collections.abc import AsyncIterator, Sequence
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import UsageError
from ..output import say
from ..render.escape import escape
from . import work
from .folder import RESULTS_SUFFIXES, Folder, Refused

#: The largest request body read (an uploaded results file, or a rule file's text): 64 MiB.
MAX_BODY = 64 * 1024 * 1024
#: The most uploaded results files kept (the oldest is forgotten first).
MAX_UPLOADS = 8
STATIC = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class Bad(Exception):
    """A request the page would not send: answered 400 (or `status`) with the reason."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


class State:
    """What the application knows: the folder, the files it was started with, the results uploaded."""

    def __init__(self, folder: Folder, rules: str | None, results: str | None) -> None:
        self.folder = folder
        self.rules = rules
        self.results = results
        self.uploads: dict[str, tuple[str, str]] = {}  # id -> (file name shown, path of the private copy)
        self.made = 0
        self._private: str | None = None

    @property
    def private(self) -> str:
        """A folder of this process's own (mode 700) for the uploaded copies, made when first needed."""
        if self._private is None:
            self._private = tempfile.mkdtemp(prefix="ballotlaw-serve-")
        return self._private

    def close(self) -> None:
        if self._private is not None:
            shutil.rmtree(self._private, ignore_errors=True)

    def upload(self, name: str, text: str) -> str:
        base = os.path.basename(name.replace("\\", "/")) or "results.csv"
        if not base.endswith(RESULTS_SUFFIXES):
            raise Bad(f"{base}: a results file is a .csv or .json file")
        self.made += 1
        key = f"upload-{self.made}"
        folder = os.path.join(self.private, key)
        os.mkdir(folder, 0o700)
        path = os.path.join(folder, base)
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as stream:
            stream.write(text)
        self.uploads[key] = (base, path)
        while len(self.uploads) > MAX_UPLOADS:
            oldest = next(iter(self.uploads))
            shutil.rmtree(os.path.dirname(self.uploads.pop(oldest)[1]), ignore_errors=True)
        return key


def _static(name: str) -> Response:
    body = resources.files(__package__).joinpath("static").joinpath(name).read_bytes()
    return Response(body, media_type=STATIC[name], headers=SECURITY_HEADERS)


def _answer(document: object, status: int = 200) -> JSONResponse:
    return JSONResponse(document, status_code=status, headers=SECURITY_HEADERS)


async def _body(request: Request) -> dict[str, Any]:
    """The request's JSON object; refused unless it is JSON from the page, of at most MAX_BODY bytes."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Bad("requests are JSON", 415)
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise Bad("not from this page", 403)
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise Bad(f"larger than {MAX_BODY // (1024 * 1024)} MiB", 413)
        chunks.append(chunk)
    try:
        document = json.loads(b"".join(chunks).decode("utf-8", errors="surrogateescape"))
    except ValueError:
        raise Bad("not JSON") from None
    if not isinstance(document, dict):
        raise Bad("not a JSON object")
    return document


def _text(document: dict[str, Any], key: str) -> str:
    value = document.get(key)
    if not isinstance(value, str):
        raise Bad(f"`{key}` must be text")
    return value


def _results(state: State, document: dict[str, Any]) -> tuple[str | None, str | None]:
    """The results chosen: (path to read, the name to show for an upload)."""
    upload = document.get("upload")
    if isinstance(upload, str) and upload:
        if upload not in state.uploads:
            raise Bad("that upload is no longer kept; upload the file again", 404)
        name, path = state.uploads[upload]
        return path, name
    chosen = document.get("results")
    if isinstance(chosen, str) and chosen:
        return state.folder.path(chosen, RESULTS_SUFFIXES), None
    return None, None


def _renamed(value: Any, old: str, new: str) -> Any:
    if isinstance(value, dict):
        return {k: _renamed(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, old, new) for v in value]
    return new if value == old else value


#: The names the page may be reached by when it listens on this machine only.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def create_app(
    root: str, rules: str | None = None, results: str | None = None, hosts: Sequence[str] = LOCAL_HOSTS
) -> Starlette:
    """The application for the folder `root`, opening `rules` and `results` (paths relative to it) if given,
    answering requests addressed to one of `hosts`."""
    state = State(Folder(root), rules, results)

    def guard(handler: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)  # type: ignore[no-any-return]
            except Bad as error:
                return _answer({"error": str(error)}, error.status)
            except Refused as error:
                return _answer({"error": str(error)}, 403)
            except UsageError as error:
                return _answer({"error": str(error)}, 400)
            except Exception as error:  # noqa: BLE001 - a defect: said to the page and on standard error
                if os.environ.get("BALLOTLAW_DEBUG") == "1":
                    traceback.print_exc()
                message = (
                    f"internal error ({type(error).__name__}: {error}). This is a defect in ballotlaw; please "
                    "report it with the files that caused it. Set BALLOTLAW_DEBUG=1 for details."
                )
                say(f"ballotlaw serve: {escape(message)}")
                return _answer({"error": message}, 500)

        return endpoint

    async def page(request: Request) -> Response:
        return _static("index.html")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return _answer({"error": "no such file"}, 404)
        return _static(name)

    async def start(request: Request) -> Response:
        folder = state.folder
        return _answer(
            {
                "folder": os.path.basename(folder.root) or folder.root,
                "rules": state.rules,
                "results": state.results,
                "rule_files": await run_in_threadpool(folder.files, "", (".rules",)),
                "results_files": await run_in_threadpool(folder.files, "data", RESULTS_SUFFIXES),
                "keywords": await run_in_threadpool(work.keywords),
                "max_examples": work.MAX_EXAMPLES,
            }
        )

    async def open_file(request: Request) -> Response:
        path = request.query_params.get("path", "")
        return _answer(await run_in_threadpool(work.read, state.folder, path))

    async def check(request: Request) -> Response:
        document = await _body(request)
        return _answer(
            await run_in_threadpool(work.check, state.folder, _text(document, "text"), _text(document, "path"))
        )

    async def evaluate(request: Request) -> Response:
        document = await _body(request)
        path, shown = _results(state, document)
        answer = await run_in_threadpool(
            work.evaluate,
            state.folder,
            _text(document, "text"),
            _text(document, "path"),
            path,
            document.get("accept_data_errors") is True,
        )
        if shown is not None and path is not None:
            answer = _renamed(answer, path, f"{shown} (uploaded)")
        return _answer(answer)

    async def upload(request: Request) -> Response:
        document = await _body(request)
        key = state.upload(_text(document, "name"), _text(document, "text"))
        return _answer({"upload": key, "name": state.uploads[key][0]})

    async def verify(request: Request) -> Response:
        document = await _body(request)
        examples = document.get("examples", 100)
        if not isinstance(examples, int) or isinstance(examples, bool) or not 1 <= examples <= work.MAX_EXAMPLES:
            raise Bad(f"`examples` must be a whole number from 1 to {work.MAX_EXAMPLES}")
        answer = await run_in_threadpool(
            work.verify, state.folder, _text(document, "text"), _text(document, "path"), examples
        )
        return _answer(answer)

    async def save(request: Request) -> Response:
        document = await _body(request)
        loaded = document.get("sha256")
        status, answer = await run_in_threadpool(
            work.save,
            state.folder,
            _text(document, "text"),
            _text(document, "path"),
            loaded if isinstance(loaded, str) else None,
            document.get("force") is True,
        )
        return _answer(answer, status)

    routes = [
        Route("/", page),
        Route("/static/{name}", asset),
        Route("/api/start", guard(start)),
        Route("/api/file", guard(open_file)),
        Route("/api/check", guard(check), methods=["POST"]),
        Route("/api/evaluate", guard(evaluate), methods=["POST"]),
        Route("/api/upload", guard(upload), methods=["POST"]),
        Route("/api/verify", guard(verify), methods=["POST"]),
        Route("/api/save", guard(save), methods=["POST"]),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            state.close()

    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
