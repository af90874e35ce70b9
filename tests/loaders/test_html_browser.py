"""The graph page in a real headless Chromium, with the network closed.

Drives Debian's `chromium` over the DevTools protocol: logs every request the page makes, reads the
page's network data, clicks, hovers and searches like a user, and saves screenshots under tmp_path.
Skipped (with the reason) when chromium or websocket-client is not installed.
"""
from __future__ import annotations

import base64
import json
import random
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import networkx as nx
import pytest

from loaders.html_view import write_html

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
websocket = pytest.importorskip("websocket", reason="websocket-client not installed: pip install -e '.[test]'")
if CHROMIUM is None:
    pytest.skip("chromium not installed: apt-get install -y chromium fonts-noto-cjk", allow_module_level=True)

LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome-error:")


class Browser:
    """One headless Chromium and one page, spoken to over the DevTools protocol."""

    def __init__(self, profile: Path, width: int = 1400, height: int = 900):
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions",
             "--disable-default-apps", "--mute-audio", f"--user-data-dir={profile}",
             "--remote-debugging-port=0", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    assert browser.eval("document.fonts.check('16px \"Noto Sans CJK SC\"', '会议')"), "no CJK font: apt-get install fonts-noto-cjk"
    shot = browser.screenshot(tmp_path / "seed.png")
    assert shot.stat().st_size > 20_000
    print(f"seed page ready in {seconds:.2f}s; screenshot {shot}")


def test_person_view_offline(browser, seed_graph, tmp_path):
    from loaders.json_export import write_json
    from loaders.html_view import write_view

    write_json(seed_graph, tmp_path / "graph.json")
    page = write_view(tmp_path, person="宗国英")
    browser.open(page)
    from loaders.subgraph import person_view
    H = person_view(seed_graph, "宗国英")
    assert_offline_and_complete(browser, H)
    assert "宗国英" in browser.eval("document.getElementById('details').textContent")
    chaired = {v for _, v, d in seed_graph.out_edges("Person:宗国英", data=True) if d["type"] == "CHAIRED"}
    assert len(chaired) >= 2, "the seeds have 宗国英 chairing two Yunnan meetings"
    browser.screenshot(tmp_path / "person.png")


def hand_graph() -> nx.MultiDiGraph:
    """Two meetings with a chair, a speaker and attendees; names with quotes and a script tag."""
    G = nx.MultiDiGraph()
    G.add_node("Document:d1", label="Document", name="a.txt", title="省政府召开常务会议", date="2020-02-21")
    G.add_node("Meeting:m1", label="Meeting", name="全省疫情防控工作会议", date="2020-02-20", place="昆明")
    G.add_node("Meeting:m2", label="Meeting", name="省政府常务会议", date="2020-04-02")
    G.add_node("Place:昆明", label="Place", name="昆明", kind="city")
    people = ["宗国英", "阮成发", "张国华", "李玛琳", '杨"杰</script><b>']
    for p in people:
        G.add_node(f"Person:{p}", label="Person", name=p, role="official", titles=["副省长"] if p == "宗国英" else [])

    def rel(t, u, v, i, **kw):
        G.add_edge(u, v, key=f"{t}:{i}", type=t, doc="a.txt", doc_id="Document:d1",
                   evidence=f"{u[7:]}在会上“讲话”</script>{i}", start=i, end=i + 5, **kw)
    rel("CHAIRED", "Person:宗国英", "Meeting:m1", 1)
    rel("CHAIRED", "Person:宗国英", "Meeting:m2", 2)
    rel("SPOKE_AT", "Person:阮成发", "Meeting:m1", 3, how="讲话")
    for i, p in enumerate(people):
        rel("ATTENDED", f"Person:{p}", "Meeting:m1", 10 + i)
    rel("ATTENDED", "Person:宗国英", "Meeting:m2", 20)
    rel("HELD_IN", "Meeting:m1", "Place:昆明", 30)
    rel("REPORTED_IN", "Meeting:m1", "Document:d1", 31)
    for i, p in enumerate(people):
        rel("MENTIONED_IN", f"Person:{p}", "Document:d1", 40 + i, count=1)
    return G


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
    assert lit == {"Meeting:m1"} | {f"Person:{p}" for p in ["宗国英", "阮成发", "张国华", "李玛琳", '杨"杰</script><b>']}
    # Hover a person: the tooltip shows its titles and an evidence sentence with its document.
    x, y = node_screen_position(browser, "Person:宗国英")
    browser.mouse("mouseMoved", x + 1, y + 1)
    browser.mouse("mouseMoved", x, y)
    time.sleep(0.3)
    tip = browser.eval("document.getElementById('tooltip').hidden ? '' : document.getElementById('tooltip').textContent")
    assert "副省长" in tip and "“宗国英在会上“讲话”</script>1”" in tip and "省政府召开常务会议" in tip and "a.txt" in tip
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


def synthetic_graph(n_nodes: int = 5000, seed: int = 7, provinces: int = 20) -> nx.MultiDiGraph:
    """A graph shaped like many reports' worth: meetings with chairs, speakers and attendees (mostly
    from the meeting's own province), places, bodies, policies and documents, every participant
    MENTIONED_IN the report, and some people at no meeting at all."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    sizes = {"Meeting": n_nodes * 8 // 100, "Place": n_nodes * 4 // 100, "Body": n_nodes * 8 // 100,
             "Policy": n_nodes * 5 // 100, "Document": n_nodes * 10 // 100}
    sizes["Person"] = n_nodes - sum(sizes.values())
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "国华明军建平志伟海东晓玲丽红春成发英杰强"
    ids: dict[str, list[list[str]]] = {}
    for label, count in sizes.items():
        ids[label] = [[] for _ in range(provinces)]
        for i in range(count):
            if label == "Person":
                name = rng.choice(surnames) + rng.choice(given) + rng.choice(given) + str(i)
            else:
                name = f"{label}{i}号" if label != "Meeting" else f"第{i}次全省工作会议"
            node = f"{label}:{name}"
            attrs = {"label": label, "name": name}
            if label in ("Meeting", "Document"):
                attrs["date"] = f"20{rng.randint(18, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            G.add_node(node, **attrs)
            ids[label][i % provinces].append(node)
    k = 0

    def rel(t, u, v, doc, **kw):
        nonlocal k
        k += 1
        G.add_edge(u, v, key=f"{t}:{k}", type=t, doc=G.nodes[doc]["name"] + ".txt", doc_id=doc,
                   evidence=f"{G.nodes[u]['name']}出席{G.nodes[v]['name']}并讲话。", start=k, end=k + 10, **kw)
    for p, meetings in enumerate(ids["Meeting"]):
        local = ids["Person"][p][: len(ids["Person"][p]) * 4 // 5]
        for m in meetings:
            doc = rng.choice(ids["Document"][p])
            present = rng.sample(local, rng.randint(6, 14))
            present += [rng.choice(ids["Person"][rng.randrange(provinces)]) for _ in range(rng.randint(0, 2))]
            rel("CHAIRED", present[0], m, doc)
            for x in present[1:3]:
                rel("SPOKE_AT", x, m, doc, how="讲话")
            for x in dict.fromkeys(present):
                rel("ATTENDED", x, m, doc)
                rel("MENTIONED_IN", x, doc, doc, count=1)
            rel("HELD_IN", m, rng.choice(ids["Place"][p]), doc)
            rel("REPORTED_IN", m, doc, doc)
            rel("CONVENED", rng.choice(ids["Body"][p]), m, doc)
            rel("DIRECTED", present[0], rng.choice(ids["Policy"][p]), doc)
        for x in ids["Person"][p]:
            if rng.random() < 0.4:
                rel("HOLDS_POSITION", x, rng.choice(ids["Body"][p]), rng.choice(ids["Document"][p]), title="副省长")
    return G


def test_5000_nodes_interactive_within_10s(browser, tmp_path):
    G = synthetic_graph(5000)
    start = time.monotonic()
    page = write_html(G, tmp_path / "big.html")
    build = time.monotonic() - start
    seconds = browser.open(page, timeout=30)
    assert_offline_and_complete(browser, G)
    # Interactive: a click on a meeting lights up its people, and a search finds a name.
    meeting = max((n for n in G if n.startswith("Meeting:")), key=G.in_degree)
    t = time.monotonic()
    x, y = node_screen_position(browser, meeting, scale=1.5)
    browser.click(x, y)
    lit = set(browser.eval("huiyi.highlighted"))
    click = time.monotonic() - t
    people = {u for u, _, d in G.in_edges(meeting, data=True) if d["type"] in ("CHAIRED", "SPOKE_AT", "ATTENDED")}
    assert lit == people | {meeting}
    total = seconds + click
    browser.eval("huiyi.network.fit({animation: false})")
    browser.screenshot(tmp_path / "big.png")
    print(f"5000 nodes, {G.number_of_edges()} edges: page written in {build:.2f}s, "
          f"ready in {seconds:.2f}s, click answered in {click:.2f}s")
    assert total < 10, f"5,000-node page took {total:.1f}s to become interactive"
