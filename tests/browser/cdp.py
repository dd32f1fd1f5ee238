"""A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fds 3 and 4).

Enough to load a page in headless Chromium and record everything that shows a script ran or
the page reached out: console messages, exceptions, dialogs, navigations, network requests
and CSP reports. No websocket library needed: the pipe carries NUL-separated JSON.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--mute-audio", "--remote-debugging-pipe",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or \
        shutil.which("google-chrome")


class Browser:
    """One headless Chromium; `visit(path)` loads a page and returns what happened."""

    def __init__(self, binary: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="unroll-chromium-")
        commands_read, self.commands = os.pipe()
        self.replies, replies_write = os.pipe()

        def wire() -> None:  # in the child: fd 3 reads commands, fd 4 writes replies
            os.dup2(commands_read, 3)
            os.dup2(replies_write, 4)

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=wire, pass_fds=(3, 4), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(commands_read)
        os.close(replies_write)
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=True)

    def _send(self, message: dict[str, Any]) -> None:
        os.write(self.commands, json.dumps(message).encode() + b"\0")

    def _receive(self, timeout: float) -> dict[str, Any] | None:
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.replies], [], [], left)[0]:
                return None
            chunk = os.read(self.replies, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        if message.get("method") == "Page.javascriptDialogOpening":
            self._send({"id": -1, "method": "Page.handleJavaScriptDialog",
                        "params": {"accept": False}, "sessionId": self.session})
        return message

    def call(self, method: str, params: dict[str, Any] | None = None, *,
             session: bool = False, timeout: float = 30) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self._send(message)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self._receive(deadline - time.monotonic())
            if reply is None:
                break
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self.events.append(reply)
        raise TimeoutError(method)

    def visit(self, path: Path, settle: float = 0.3) -> list[dict[str, Any]]:
        """Load `path`; return the events that mean something ran or reached out."""
        self.events.clear()
        url = path.resolve().as_uri()
        self.call("Page.navigate", {"url": url}, session=True)
        deadline = time.monotonic() + 20
        loaded = False
        while time.monotonic() < deadline:
            event = self._receive(0.5 if not loaded else settle)
            if event is None:
                if loaded:
                    break
                continue
            self.events.append(event)
            loaded = loaded or event.get("method") == "Page.loadEventFired"
        here = self.call("Runtime.evaluate", {"expression": "location.href"},
                         session=True)["result"]["value"]
        found = [e for e in self.events if _alarming(e, url)]
        if here != url:
            found.append({"method": "navigated away", "params": {"url": here}})
        return found

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        for fd in (self.commands, self.replies):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


def _alarming(event: dict[str, Any], url: str) -> bool:
    method = event.get("method", "")
    params = event.get("params", {})
    if method in ("Runtime.consoleAPICalled", "Runtime.exceptionThrown",
                  "Page.javascriptDialogOpening", "Page.windowOpen"):
        return True
    if method == "Network.requestWillBeSent":
        return bool(params.get("request", {}).get("url") != url)
    if method == "Page.frameNavigated":
        return bool(params.get("frame", {}).get("url") != url)
    return method == "Log.entryAdded"  # CSP reports, blocked loads, script errors
