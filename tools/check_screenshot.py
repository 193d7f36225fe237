"""Fail unless a screenshot shows a page: enough non-white pixels and more than two colours.

Used by the nox ``screenshot`` session: ``python tools/check_screenshot.py build/report.png``.
"""

from __future__ import annotations

import sys

from PIL import Image


def main(path: str) -> int:
    """Check the image at ``path``; print what was measured."""
    with Image.open(path) as image:
        pixels = image.convert("RGB")
        width, height = pixels.size
        sample = [pixels.getpixel((x, y)) for x in range(0, width, 4) for y in range(0, height, 4)]
    inked = sum(1 for pixel in sample if pixel != (255, 255, 255)) / len(sample)
    colours = len(set(sample))
    print(f"{path}: {width}x{height}, {inked:.1%} of sampled pixels not white, {colours} colours")
    if inked < 0.02 or colours < 3:
        print("the page looks blank", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
