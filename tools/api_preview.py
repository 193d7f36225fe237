"""Cut the entries of a few public names out of the built API reference into a page of their
own, so that a screenshot shows them (headless Chromium paints a blank image when it opens
the long reference page at an anchor), and check the picture is not blank.

Used by the nox ``docs`` session after the site is built, where Chromium is installed::

    python tools/api_preview.py build/site/api/index.html build/api-preview score RuleKind

writes ``build/api-preview/NAME.html`` and ``NAME.png`` for each name, for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from check_screenshot import main as check_page


class _Entry(HTMLParser):
    """The ``div.doc-object`` that holds the heading with a given id, as its source text."""

    def __init__(self, anchor: str) -> None:
        super().__init__(convert_charrefs=False)
        self.anchor = anchor
        self.stack: list[tuple[bool, int]] = []  # (is an object div, its start offset)
        self.found: tuple[int, int] | None = None
        self.target: int | None = None  # depth of the object div holding the anchor
        self.lines: list[int] = []

    def feed_text(self, text: str) -> tuple[int, int] | None:
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.feed(text)
        return self.found

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "div":
            classes = (values.get("class") or "").split()
            self.stack.append(("doc-object" in classes, self._offset()))
        if values.get("id") == self.anchor and self.found is None and self.target is None:
            objects = [i for i, (is_object, _) in enumerate(self.stack) if is_object]
            self.target = objects[-1] if objects else None

    def handle_endtag(self, tag: str) -> None:
        if tag != "div" or not self.stack:
            return
        depth = len(self.stack) - 1
        _, start = self.stack.pop()
        if self.target is not None and depth == self.target and self.found is None:
            end = self.rawdata.index(">", self._offset()) + 1
            self.found = (start, end)


def preview(page: Path, name: str) -> str:
    """A page with the head of ``page`` (its style) and the entry of ``cchc_criteria.NAME``."""
    text = page.read_text(encoding="utf-8")
    span = _Entry(f"cchc_criteria.{name}").feed_text(text)
    if span is None:
        raise SystemExit(f"{page}: no entry for cchc_criteria.{name}")
    head = text[: text.index("</head>")]
    body = text[span[0] : span[1]]
    article = f'<article class="md-content__inner md-typeset">{body}</article>'
    return f'{head}</head><body><div class="md-content">{article}</div></body></html>'


def main(page_name: str, folder_name: str, *names: str) -> int:
    page, folder = Path(page_name), Path(folder_name)
    site = page.parent.parent
    folder.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium")
    failures = 0
    for name in names:
        html = site / "api-preview" / f"{name}.html"  # inside the site: its style resolves
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(preview(page, name), encoding="utf-8")
        shutil.copy(html, folder / f"{name}.html")
        if chromium is None:
            print(f"{html}: written (no Chromium here to take its picture)")
            continue
        image = (folder / f"{name}.png").resolve()
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--window-size=1000,800",
                f"--screenshot={image}",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
        )
        failures += check_page(str(image)) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
