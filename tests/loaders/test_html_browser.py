"""The graph page in a real headless Chromium, with the network closed.

Drives Debian's `chromium` over the DevTools protocol: logs every request the page makes, reads the
page's network data, clicks, hovers and searches like a user, and saves screenshots under tmp_path.
Skipped (with the reason) when chromium or websocket-client is not installed.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import networkx as nx
import pytest
from view_graphs import PEOPLE, hand_graph, synthetic_graph

from huiyi.loaders.html_view import write_html

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
websocket = pytest.importorskip("websocket", reason="websocket-client not installed: pip install -e '.[test]'")
if CHROMIUM is None:
    pytest.skip("chromium not installed: apt-get install -y chromium fonts-noto-cjk", allow_module_level=True)

LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome-error:")


class Browser:
    """One headless Chromium and one page, spoken to over the DevTools protocol."""

    def __init__(self, profile: Path, width: int = 1400, height: int = 900):
        # chromium's own temporary files (a lock socket's folder, left behind at every start) go in a
        # folder removed at close: a short path, as a socket's path may not pass 107 bytes
        self.temp = tempfile.mkdtemp(prefix="huiyi-chromium-")
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions",
             "--disable-default-apps", "--mute-audio", f"--user-data-dir={profile}",
             "--remote-debugging-port=0", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": self.temp})
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            page = next(t for t in json.load(r) if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id, self.events = 0, []
        self.call("Network.enable")
        self.call("Network.emulateNetworkConditions", offline=True, latency=0,
                  downloadThroughput=-1, uploadThroughput=-1)
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def eval(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, path: Path, timeout: float = 60) -> float:
        """Load a page and wait until it says it is ready; returns the seconds that took."""
        start = time.monotonic()
        self.call("Page.navigate", url=path.resolve().as_uri())
        while time.monotonic() - start < timeout:
            if self.eval("!!(window.huiyi && window.huiyi.ready)"):
                return time.monotonic() - start
            time.sleep(0.05)
        raise AssertionError(f"{path.name} not ready after {timeout}s; errors: {self.errors()}")

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def errors(self) -> list[str]:
        return [json.dumps(e["params"])[:300] for e in self.events if e.get("method") == "Runtime.exceptionThrown"]

    def mouse(self, kind: str, x: float, y: float) -> None:
        args = {"type": kind, "x": x, "y": y}
        if kind in ("mousePressed", "mouseReleased"):
            args.update(button="left", clickCount=1)
        self.call("Input.dispatchMouseEvent", **args)

    def click(self, x: float, y: float) -> None:
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y)
        self.mouse("mouseReleased", x, y)

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))
        return path

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.temp, ignore_errors=True)


@pytest.fixture
def browser(tmp_path):
    b = Browser(tmp_path / "profile")
    yield b
    b.close()


def node_screen_position(browser: Browser, node_id: str, scale: float = 1.4) -> tuple[float, float]:
    """Centre the node on screen at a readable zoom and return its position in page pixels."""
    js = f"""(() => {{ const n = huiyi.network, id = {json.dumps(node_id)};
        n.moveTo({{position: n.getPosition(id), scale: {scale}, animation: false}});
        const p = n.canvasToDOM(n.getPosition(id)), r = document.getElementById('graph').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }})()"""
    x, y = browser.eval(js)
    return x, y


def assert_chinese_legible(browser: Browser) -> None:
    """The page's Chinese is drawn with a CJK font: in the DOM (what Chromium says it used for the
    title) and on the canvas (two different characters in the graph's font give different pixels,
    where a missing font gives the same empty box twice)."""
    browser.call("DOM.enable")
    browser.call("CSS.enable")
    root = browser.call("DOM.getDocument")["root"]["nodeId"]
    title = browser.call("DOM.querySelector", nodeId=root, selector="#legend-labels .zh")["nodeId"]
    fonts = [f["familyName"] for f in browser.call("CSS.getPlatformFontsForNode", nodeId=title)["fonts"]]
    assert any("CJK" in f or "Hei" in f or "Song" in f for f in fonts), f"Chinese drawn with {fonts}"
    same = browser.eval("""(() => {
        const font = getComputedStyle(document.documentElement).getPropertyValue('--cjk');
        const draw = ch => { const c = document.createElement('canvas'); c.width = c.height = 40;
            const g = c.getContext('2d'); g.font = '32px ' + font; g.fillText(ch, 2, 34);
            return Array.from(g.getImageData(0, 0, 40, 40).data); };
        const a = draw('会'), b = draw('议');
        return [a.some(v => v > 0), a.every((v, i) => v === b[i])]; })()""")
    assert same == [True, False], "the canvas cannot draw Chinese: apt-get install fonts-noto-cjk"


def assert_offline_and_complete(browser: Browser, G: nx.MultiDiGraph) -> None:
    remote = [u for u in browser.requests() if not u.startswith(LOCAL_SCHEMES)]
    assert remote == [], f"the page asked the network for {remote}"
    assert browser.errors() == []
    in_data = set(browser.eval("huiyi.nodes.getIds()"))
    drawn = set(browser.eval("Object.keys(huiyi.network.body.nodes)"))
    assert in_data == set(G.nodes), "page data differs from the graph"
    assert set(G.nodes) <= drawn, f"not drawn: {sorted(set(G.nodes) - drawn)[:5]}"
    assert browser.eval("huiyi.edges.length") == G.number_of_edges()


def test_seed_page_offline_every_node(browser, seed_graph, tmp_path):
    page = write_html(seed_graph, tmp_path / "graph.html")
    seconds = browser.open(page)
    assert_offline_and_complete(browser, seed_graph)
    assert_chinese_legible(browser)
    shot = browser.screenshot(tmp_path / "seed.png")
    assert shot.stat().st_size > 20_000
    print(f"seed page ready in {seconds:.2f}s; screenshot {shot}")


def test_person_view_offline(browser, seed_graph, tmp_path):
    from huiyi.loaders.html_view import write_view
    from huiyi.loaders.json_export import write_json
    from huiyi.loaders.subgraph import find_person, person_view

    write_json(seed_graph, tmp_path / "graph.json")
    page = write_view(tmp_path, person="宗国英")
    browser.open(page)
    H = person_view(seed_graph, "宗国英")
    assert_offline_and_complete(browser, H)
    assert_chinese_legible(browser)
    me = find_person(seed_graph, "宗国英")
    chaired = {v for _, v, d in seed_graph.out_edges(me, data=True) if d["type"] == "CHAIRED"}
    assert len(chaired) >= 2, "the seeds have 宗国英 chairing two Yunnan meetings"
    assert chaired <= set(browser.eval("huiyi.nodeView.getIds()"))
    assert browser.eval("huiyi.network.getSelectedNodes()") == [me]
    assert browser.eval("document.querySelector('#details .head').firstChild.textContent") == "宗国英"
    browser.screenshot(tmp_path / "person.png")


def test_click_hover_search_filters(browser, tmp_path):
    G = hand_graph()
    browser.open(write_html(G, tmp_path / "hand.html"))
    assert_offline_and_complete(browser, G)
    # MENTIONED_IN is in the data but not drawn until switched on.
    assert browser.eval("huiyi.edgeView.getIds().filter(id => id.startsWith('MENTIONED_IN')).length") == 0
    # Click the meeting: it and exactly its people light up.
    x, y = node_screen_position(browser, "Meeting:m1")
    browser.click(x, y)
    lit = set(browser.eval("huiyi.highlighted"))
    assert lit == {"Meeting:m1"} | {f"Person:{p}" for p in PEOPLE}
    # Hover a person: the tooltip shows its titles and an evidence sentence with its document.
    x, y = node_screen_position(browser, "Person:宗国英")
    browser.mouse("mouseMoved", x + 1, y + 1)
    browser.mouse("mouseMoved", x, y)
    time.sleep(0.3)
    tip = browser.eval("document.getElementById('tooltip').hidden ? '' : document.getElementById('tooltip').textContent")
    assert "常务副省长" in tip and "“宗国英在会上“讲话”</script>1”" in tip and "省政府召开常务会议" in tip and "a.txt" in tip
    # Search by name, press Enter: the person is selected and the details panel names them.
    browser.eval("document.getElementById('search').focus()")
    browser.call("Input.insertText", text="李玛")
    browser.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13)
    assert "Person:李玛琳" in browser.eval("huiyi.network.getSelectedNodes()")
    assert browser.eval("document.querySelector('#details .head').firstChild.textContent") == "李玛琳"
    # The odd name is text, not markup.
    assert browser.eval("document.querySelectorAll('#details b, #side b').length") == browser.eval(
        "document.querySelectorAll('#details .evidence > b').length")
    # Filters: untick Person, then a date range that leaves only the April meeting.
    browser.eval("document.querySelector('#legend-labels input[data-key=Person]').click()")
    assert not any(i.startswith("Person:") for i in browser.eval("huiyi.nodeView.getIds()"))
    browser.eval("document.querySelector('#legend-labels input[data-key=Person]').click()")
    browser.eval("""(() => { const f = document.getElementById('date-from'); f.value = '2020-03-01';
                  f.dispatchEvent(new Event('change')); })()""")
    shown = set(browser.eval("huiyi.nodeView.getIds()"))
    assert "Meeting:m2" in shown and "Meeting:m1" not in shown and "Document:d1" not in shown
    browser.eval("document.querySelector('#legend-relations input[data-key=MENTIONED_IN]').click()")
    browser.eval("document.getElementById('reset').click()")
    assert set(browser.eval("huiyi.nodeView.getIds()")) == set(G.nodes)
    assert browser.errors() == []


@pytest.mark.parametrize("size", [0, 1])
def test_tiny_graphs_still_open(browser, tmp_path, size):
    G = nx.MultiDiGraph()
    G.add_nodes_from([("Person:甲", {"label": "Person", "name": "甲"})][:size])
    browser.open(write_html(G, tmp_path / "tiny.html"), timeout=10)
    assert_offline_and_complete(browser, G)


def test_5000_nodes_interactive_within_10s(browser, tmp_path):
    G = synthetic_graph(5000)
    start = time.monotonic()
    page = write_html(G, tmp_path / "big.html")
    build = time.monotonic() - start
    seconds = browser.open(page, timeout=30)
    assert_offline_and_complete(browser, G)
    page_ms = browser.eval("huiyi.readyAt")  # since navigation started, by the page's own clock
    assert browser.eval("huiyi.overviewLabels") > 5, "the overview names no hub"
    browser.screenshot(tmp_path / "big-overview.png")
    # Interactive: a search finds a name, and a click on a meeting lights up its people.
    t = time.monotonic()
    browser.eval("document.getElementById('search').focus()")
    browser.call("Input.insertText", text="第17次全省")
    browser.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13)
    assert browser.eval("huiyi.network.getSelectedNodes()")[:1] == ["Meeting:第17次全省工作会议"]
    search = time.monotonic() - t
    meeting = max((n for n in G if n.startswith("Meeting:")), key=G.in_degree)
    t = time.monotonic()
    x, y = node_screen_position(browser, meeting, scale=1.5)
    browser.click(x, y)
    lit = set(browser.eval("huiyi.highlighted"))
    click = time.monotonic() - t
    people = {u for u, _, d in G.in_edges(meeting, data=True) if d["type"] in ("CHAIRED", "SPOKE_AT", "ATTENDED")}
    assert lit == people | {meeting}
    browser.screenshot(tmp_path / "big-click.png")
    print(f"\n5000 nodes, {G.number_of_edges()} edges: page written in {build:.2f}s "
          f"({page.stat().st_size / 1e6:.1f} MB), ready in {seconds:.2f}s ({page_ms / 1000:.2f}s by the page), "
          f"search answered in {search:.2f}s, click in {click:.2f}s")
    assert seconds + click < 10, f"5,000-node page took {seconds + click:.1f}s to become interactive"
