"""The files a new plugin needs to be published: its licence, a .gitignore, and the GitHub
workflows that test it on every push and publish it to PyPI by trusted publishing."""

from __future__ import annotations

from textwrap import dedent

__all__ = ["CI", "GITIGNORE", "LICENSE", "RELEASE"]

LICENSE = dedent(
    """\
    MIT License

    Copyright (c) {p.year} The authors of {p.distribution}

    Permission is hereby granted, free of charge, to any person obtaining a copy of this
    software and associated documentation files (the "Software"), to deal in the Software
    without restriction, including without limitation the rights to use, copy, modify, merge,
    publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
    to whom the Software is furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all copies or
    substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
    INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
    PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
    FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
    OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
    DEALINGS IN THE SOFTWARE.
    """
)

GITIGNORE = dedent(
    """\
    __pycache__/
    *.py[cod]
    *.egg-info/
    .venv/
    .nox/
    .pytest_cache/
    .hypothesis/
    .mypy_cache/
    .ruff_cache/
    build/
    dist/
    """
)

# Runs the tests and the lint of every set on each push and pull request.
CI = dedent(
    """\
    name: ci

    on:
      push:
      pull_request:

    jobs:
      tests:
        runs-on: ubuntu-24.04
        strategy:
          matrix:
            python: ["3.11", "3.12", "3.13"]
        steps:
          - uses: actions/checkout@v4
          - uses: actions/setup-python@v5
            with:
              python-version: ${{{{ matrix.python }}}}
          - run: python -m pip install nox && python -m nox -s tests lint
    """
)

# Publishes to PyPI when a release is published, by trusted publishing: no token is stored
# (on PyPI, add this repository's "release" workflow as a trusted publisher first).
RELEASE = dedent(
    """\
    name: release

    on:
      release:
        types: [published]

    jobs:
      build:
        runs-on: ubuntu-24.04
        steps:
          - uses: actions/checkout@v4
          - uses: actions/setup-python@v5
            with:
              python-version: "3.11"
          - run: python -m pip install nox && python -m nox -s tests lint
          - run: python -m pip install build && python -m build
          - uses: actions/upload-artifact@v4
            with:
              name: dist
              path: dist/

      publish:
        needs: build
        runs-on: ubuntu-24.04
        environment: pypi
        permissions:
          id-token: write
        steps:
          - uses: actions/download-artifact@v4
            with:
              name: dist
              path: dist/
          - uses: pypa/gh-action-pypi-publish@release/v1
    """
)
