"""The HTML worksheet in a real browser: headless Chromium (installed by .ci/run, never skipped)
opens the file with the network cut off, takes a screenshot, dumps the DOM and prints to PDF.

Checks: the page rendered (the screenshot is not blank and shows the bars' colours), the
headline is in the DOM, ledger text stays text, the PDF is letter-sized with each form starting
on a new page, and no request left the file (the HTML names no URL, and Chromium's net log
shows no request made by the page; a control page with external URLs proves the log check
sees them).
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from form8606.ledger import load_ledger, load_text
from form8606.pipeline import compute
from form8606.render.worksheet import render_html
from tests.helpers import ROOT

PRORATA = ROOT / "fixtures" / "backdoor-prorata.toml"
COUPLE = ROOT / "fixtures" / "married-couple.toml"
HEADLINE = "$6,300 of the $7,000 converted to a Roth IRA in 2025 is taxable (line 18)"
TAXABLE = (0xD9, 0x82, 0x2B)  # --taxable in the template: the taxable part of the conversion bar
BASIS = (0x1F, 0x6F, 0xB2)  # --basis / --free

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars"]


def chromium_binary() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "chromium is not installed: .ci/run installs Debian's chromium (apt-get install chromium)"
    return found


def chromium(tmp: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    command = [chromium_binary(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def page_requests(netlog: Path) -> list[str]:
    """URLs the page asked for, from Chromium's net log (--log-net-log).

    A request made for a page carries the page's origin as its initiator ("null" for a file://
    page); Chromium's own background services (network time, update checks, account lookups,
    which the flags do not all silence) log the initiator "not an origin" and are left out: they
    are not the worksheet's doing, and the host-resolver rule keeps them off the network too.
    The file itself is read by the browser process and never appears as a URL request."""
    log = json.loads(netlog.read_text("utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if event["type"] == start and "url" in params and params.get("initiator") != "not an origin":
            urls.append(params["url"])
    return [u for u in urls if not u.startswith("file://")]


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """A small PNG decoder (8-bit RGB or RGBA, not interlaced): width, height, RGB pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, bytearray(), None
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(bytes(idat)), width * bpp
    previous, pixels = bytearray(stride), []
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        pixels.extend(tuple(line[x:x + 3]) for x in range(0, stride, bpp))
        previous = line
    return width, height, pixels


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("worksheets")
    prorata = compute(load_ledger(PRORATA))
    couple = compute(load_ledger(COUPLE))
    hostile = compute(load_text(PRORATA.read_text().replace('name = "Jordan Whitaker"',
                                                            'name = "<script>alert(1)</script>"'),
                                source="hostile.toml"))
    out = {"prorata": tmp / "prorata.html", "couple": tmp / "couple.html", "hostile": tmp / "hostile.html"}
    out["prorata"].write_text(render_html(prorata, audience="client"), "utf-8")
    out["couple"].write_text(render_html(couple, audience="preparer"), "utf-8")
    out["hostile"].write_text(render_html(hostile), "utf-8")
    return out


def test_the_page_names_no_url(pages):
    for page in pages.values():
        html = page.read_text("utf-8")
        assert "http://" not in html and "https://" not in html and "url(" not in html


def test_screenshot_on_a_phone_is_not_blank_and_shows_the_bars(pages, tmp_path):
    shot, netlog = tmp_path / "phone.png", tmp_path / "net.json"
    chromium(tmp_path, pages["prorata"], f"--screenshot={shot}", "--window-size=390,1400",
             f"--log-net-log={netlog}")
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (390, 1400)
    ink = sum(1 for p in pixels if p != (255, 255, 255))
    assert ink > len(pixels) * 0.05, "the screenshot is (nearly) blank"
    assert len(set(pixels)) > 50  # text, rules and bars, not a flat fill
    assert sum(near(p, TAXABLE) for p in pixels) > 2000, "no taxable-part bar drawn"
    assert sum(near(p, BASIS) for p in pixels) > 300, "no basis bar drawn"
    assert page_requests(netlog) == []


def test_the_headline_is_in_the_dom(pages, tmp_path):
    netlog = tmp_path / "net.json"
    dom = chromium(tmp_path, pages["prorata"], "--dump-dom", f"--log-net-log={netlog}").stdout
    assert HEADLINE in dom.replace("&nbsp;", " ")
    assert "<title>Form 8606 worksheet: Jordan Whitaker, 2025</title>" in dom
    assert "<svg" in dom and "<rect" in dom
    assert page_requests(netlog) == []


def test_ledger_text_stays_text_in_the_browser(pages, tmp_path):
    dom = chromium(tmp_path, pages["hostile"], "--dump-dom").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "<script" not in dom


def test_print_to_pdf_letter_pages_one_form_per_page(pages, tmp_path):
    pdf, netlog = tmp_path / "couple.pdf", tmp_path / "net.json"
    chromium(tmp_path, pages["couple"], f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
             f"--log-net-log={netlog}")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 4
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # letter
    texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    titles = ("Daniel Okafor (you): Form 8606 for 2023", "Daniel Okafor (you): Form 8606 for 2024",
              "Grace Okafor (spouse): Form 8606 for 2023", "Grace Okafor (spouse): Form 8606 for 2024")
    assert titles[0] in texts[0]  # under the document's title (the list of forms is not printed)
    starts = [0] + [next((i for i, text in enumerate(texts) if text.startswith(t)), None) for t in titles[1:]]
    assert None not in starts, starts  # every later form begins a page
    assert starts == sorted(set(starts)), starts
    assert "$3 of the $7,003 converted to a Roth IRA in 2024 is taxable (line 18)" in " ".join(texts)
    assert page_requests(netlog) == []
    page = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(page)], check=True,
                   timeout=60)
    (png,) = tmp_path.glob("page*.png")
    _, _, pixels = png_pixels(png.read_bytes())
    assert sum(1 for p in pixels if p != (255, 255, 255)) > len(pixels) * 0.02, "the printed page is blank"


def test_the_net_log_check_sees_a_page_that_loads_from_the_network(tmp_path):
    """The control: a page that does reference outside URLs is caught by page_requests."""
    page = tmp_path / "leaky.html"
    page.write_text('<!doctype html><title>leaky</title><img src="http://example.invalid/x.png">'
                    '<link rel="stylesheet" href="https://example.invalid/a.css"><p>hello</p>', "utf-8")
    netlog = tmp_path / "net.json"
    chromium(tmp_path, page, "--dump-dom", f"--log-net-log={netlog}")
    assert sorted(page_requests(netlog)) == ["http://example.invalid/x.png", "https://example.invalid/a.css"]
