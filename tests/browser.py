"""Headless Chromium screenshots and a small PNG reader, to check a report really renders."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

# Debian's package installs `chromium`; other systems name the same browser differently.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Without the networking flags Chromium keeps trying to reach Google's hosts, which a closed CI
# network refuses; --no-sandbox because CI runs as root, where the sandbox will not start.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def find_browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(browser: str, page: Path, out: Path, width: int = 1200, height: int = 1600) -> None:
    """Render the local file ``page`` and save what the window shows as the PNG ``out``."""
    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
        cmd += [f"--screenshot={out}", page.resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, timeout=120, check=False, env=_env())
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(
            f"{browser} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-400:]}"
        )


def print_pdf(browser: str, page: Path, out: Path) -> None:
    """Print the local file ``page`` to the PDF ``out`` as the browser's print dialog would (A4/Letter)."""
    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer"]
        cmd += [f"--print-to-pdf={out}", page.resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, timeout=120, check=False, env=_env())
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(
            f"{browser} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-400:]}"
        )


def find_pdftotext() -> str | None:
    """Poppler's pdftotext (Debian's poppler-utils), which reads a PDF's text page by page."""
    return shutil.which("pdftotext")


def pdf_pages(pdftotext: str, pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, in order (pdftotext ends every page with a form feed)."""
    proc = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, timeout=60, check=True)
    pages = proc.stdout.decode("utf-8", errors="replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)  # headless: never try to open a window on a screen that may exist
    return env


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    pixels: list[tuple[int, int, int]]  # row-major RGB, alpha dropped


def read_png(path: Path) -> Image:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or color not in (2, 6) or interlace:
                raise ValueError(
                    f"unsupported PNG: depth {depth}, colour type {color}, interlace {interlace}"
                )
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for y in range(height):
        start = y * (stride + 1)
        kind_byte = raw[start]
        row = bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(kind_byte, row, previous, channels)
        pixels.extend((row[i], row[i + 1], row[i + 2]) for i in range(0, stride, channels))
        previous = row
    return Image(width, height, pixels)


def _unfilter(kind: int, row: bytearray, prev: bytearray, bpp: int) -> None:
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up = prev[i]
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            corner = prev[i - bpp] if i >= bpp else 0
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            row[i] = (row[i] + pred) & 0xFF
        elif kind != 0:
            raise ValueError(f"unknown PNG filter {kind}")


def hex_rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
