"""`export html` in a real browser: headless Chromium (the system's package, e.g. Debian's
`chromium`), driven over the DevTools protocol on a pipe, renders every page of the report
from file:// URLs at a phone width (390 px) and a desktop width (1280 px). Every event and
conflict must be there, nothing may be wider than the window, no word in a table cell may
be split across lines, no request may leave the file, and the screenshots go to docs/ for
the README. Where no browser is installed the tests skip, saying so; in CI (CI=true) they
fail instead, since .ci/run installs Chromium."""

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import ROOT, run_usclet

BROWSER = next((path for path in (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))
                if path), None)
if BROWSER is None and os.environ.get("CI") == "true":
    raise RuntimeError("CI=true but no Chromium is installed: .ci/run installs the system's chromium package")
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no headless Chromium installed (apt-get install chromium)")

# Every word of a table cell whose pieces lie on more than one line. A word is a run of
# letters and digits between spaces and hyphens: a line may break after a hyphen (as in a
# long claim id), never inside a word.
SPLIT_WORDS = """(() => {
  const split = [];
  for (const cell of document.querySelectorAll('th, td, caption')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const words = /[^\\s\\-\u2010-\u2014]+/g;
      let found;
      while ((found = words.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, found.index);
        range.setEnd(node, found.index + found[0].length);
        const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) split.push(found[0]);
      }
    }
  }
  return split;
})()"""
DOCS = ROOT / "docs"


class DevTools:
    """The DevTools protocol over --remote-debugging-pipe: JSON messages ended by NUL,
    written to the browser's fd 3 and read from its fd 4."""

    def __init__(self, profile):
        to_browser, self._to_browser = os.pipe()
        self._from_browser, from_browser = os.pipe()

        def pipes():
            # out of the way first, so that placing one on 3 or 4 cannot close the other
            reading, writing = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser))
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
             "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=pipes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self.events = []

    def _read(self):
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, session=None, **params):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method):
        while True:
            for number, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(number)
            self.events.append(self._read())

    def close(self):
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_browser)
        os.close(self._from_browser)


def render(urls, width, profile):
    """{url: (requests the page made, facts measured in the page, PNG of its top)} at this width."""
    tools = DevTools(profile)
    seen = {}
    try:
        target = tools.send("Target.createTarget", url="about:blank")["targetId"]
        session = tools.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tools.send("Network.enable", session)
        tools.send("Page.enable", session)
        tools.send("Emulation.setDeviceMetricsOverride", session, width=width, height=900, deviceScaleFactor=1,
                   mobile=width < 600)
        for url in urls:
            tools.events = [event for event in tools.events if event.get("method") != "Network.requestWillBeSent"]
            tools.send("Page.navigate", session, url=url)
            tools.wait_for("Page.loadEventFired")
            requests = [event["params"]["request"]["url"] for event in tools.events
                        if event.get("method") == "Network.requestWillBeSent"]
            facts = tools.send("Runtime.evaluate", session, returnByValue=True, expression=f"""JSON.stringify({{
                text: document.body.innerText,
                ids: Array.from(document.querySelectorAll('[id]'), e => e.id),
                overflow: document.documentElement.scrollWidth - window.innerWidth,
                split: {SPLIT_WORDS},
                data: Array.from(document.querySelectorAll('script[type="application/ld+json"]'), e => e.textContent),
                h1: document.querySelectorAll('h1').length,
                title: document.title}})""")["result"]["value"]
            shot = tools.send("Page.captureScreenshot", session, format="png")["data"] if url == urls[0] else ""
            seen[url] = (requests, json.loads(facts), base64.b64decode(shot))
        return seen
    finally:
        tools.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_html_in_a_browser(width, tmp_path):
    site = tmp_path / "site"
    assert run_usclet("export", "html", site).returncode == 0
    index = (site / "index.html").as_uri()
    events = json.loads(run_usclet("list", "events", "--format", "json").stdout)
    pages = [index] + [(site / "events" / f"{event['id']}.html").as_uri() for event in events]
    with tempfile.TemporaryDirectory() as profile:
        seen = render(pages, width, profile)
    ids = set()
    for url, (requests, facts, _) in seen.items():
        assert requests == [url]  # the page itself, and nothing else
        assert facts["overflow"] <= 0, f"{url} is {facts['overflow']} px wider than a {width} px window"
        assert facts["split"] == [], f"{url}: words split across lines at {width} px: {facts['split']}"
        assert facts["h1"] == 1
        assert len(facts["data"]) == 1 and json.loads(facts["data"][0])["@context"] == "https://schema.org"
        ids.update(facts["ids"])
    assert seen[index][1]["title"].startswith("U.S.–Cuba")
    for event in events:
        assert f"event-{event['id']}" in ids
    for conflict in json.loads(run_usclet("conflicts", "--format", "json").stdout):
        claims = conflict["claims"] if conflict["field"] == "claims" else [c for v in conflict["values"] for c in v["claims"]]
        for claim in claims:
            assert f"claim-{claim}" in ids
    png = seen[index][2]
    assert png.startswith(b"\x89PNG")
    # the README's screenshots are refreshed on request: a test run leaves the checkout as it was
    folder = DOCS if os.environ.get("USCLET_SCREENSHOTS") else tmp_path
    folder.mkdir(exist_ok=True)
    (folder / f"export-html-{width}.png").write_bytes(png)
