#!/usr/bin/env python3
"""Draw the picture link previews show for every page (Open Graph ``og:image``): static/og-card.png, 1200 x 630.

Run once, by hand, when the site's name or colours change; the PNG is shipped in the repository. It is the site's
mark and name drawn by Chromium from the HTML below (Debian's chromium package, driven by Playwright, as the browser
tests do), so no image editor or font file is needed:

    .venv/bin/python scripts/build_og_card.py static/og-card.png

The Open Graph protocol (ogp.me) lists og:image among the four properties every page must have; 1200 x 630 is the
size the large link previews use.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTH, HEIGHT = 1200, 630
CHROMIUM = "/usr/bin/chromium"

CARD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: 1200px; height: 630px; }
  body { background: #073f52; color: #fff; font-family: "DejaVu Sans", Arial, sans-serif; display: flex;
         align-items: center; }
  .card { margin: 0 96px; display: flex; align-items: center; gap: 56px; }
  svg { width: 200px; height: 200px; flex: none; }
  h1 { font-size: 76px; line-height: 1.05; margin: 0 0 28px; }
  p { font-size: 34px; line-height: 1.35; margin: 0; color: #d6ecf2; }
</style></head><body><div class="card">
  <svg viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#fff"/>
    <path d="M13 6h6v7h7v6h-7v7h-6v-7H6v-6h7z" fill="#073f52"/></svg>
  <div><h1>Healthcare Careers Guide</h1>
  <p>What each job involves, what it pays, how to get in, and every US school that teaches for it.</p></div>
</div></body></html>"""


def main(out):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(CARD)
        page.screenshot(path=out, type="png")
        browser.close()
    print(f"{out}: {Path(out).stat().st_size:,} bytes, {WIDTH} x {HEIGHT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "static/og-card.png")
