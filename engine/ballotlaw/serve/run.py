"""Starting the page: the files named on the command line checked, the address bound, the address printed,
then uvicorn until Ctrl-C."""

from __future__ import annotations

import ipaddress
import os
import socket

from ..errors import UsageError
from ..output import put, say
from .folder import RESULTS_SUFFIXES, Folder


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on `host`:`port` (0: a free port); a usage error when it cannot be had."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as error:
        raise UsageError(f"cannot listen on {host}: {getattr(error, 'strerror', None) or error}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError as error:
        sock.close()
        raise UsageError(
            f"cannot listen on {host} port {port} ({error.strerror or error}); choose another with --port"
        ) from None
    return sock


def serve(rules: str | None, results: str | None, host: str, port: int, open_browser: bool) -> None:
    """Serve the page for the current folder, opening `rules` on `results`, until interrupted."""
    import uvicorn

    from .app import LOCAL_HOSTS, create_app
    from .work import read

    folder = Folder(os.getcwd())
    opened = folder.given(rules, (".rules", ".spec")) if rules else None
    if opened is not None:
        read(folder, opened)  # a file that cannot be read is a usage error now, not a blank page
    chosen = folder.given(results, RESULTS_SUFFIXES) if results else None
    if chosen is not None and not os.path.isfile(folder.path(chosen)):
        raise UsageError(f"{results}: no such file")
    hosts = list(LOCAL_HOSTS)
    if not _loopback(host):
        hosts.append(host.strip("[]"))
        say(
            f"ballotlaw serve: listening on {host}: anyone who can reach it can read and change the rule files "
            "of this folder"
        )
        if host in ("0.0.0.0", "::"):
            hosts = ["*"]
    sock = listen(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    url = f"http://{shown}:{bound}/"
    put(f"ballotlaw serve: {url}  (the folder {folder.root}; press Ctrl-C to stop)\n")
    app = create_app(folder.root, opened, chosen, hosts)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops on Ctrl-C, then passes the signal on: the run ends as asked
        pass
    finally:
        sock.close()
