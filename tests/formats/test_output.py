"""Writing files: all or nothing, never through a link, the mode and the umask kept."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import cchc_criteria as cc
from cchc_support import EXAMPLE, S, run


def test_the_output_file_never_follows_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / "card.html.partial").symlink_to(victim)
    (tmp_path / "card.txt").symlink_to(victim)
    for name, fmt in (("card.html", "html"), ("card.txt", "text"), ("card.xlsx", "xlsx")):
        code, _, err = run("score", S, str(EXAMPLE), "-f", fmt, "-o", str(tmp_path / name))
        assert code == 1, err
        assert not (tmp_path / name).is_symlink()
        assert (tmp_path / name).stat().st_size > 100
    assert victim.read_text(encoding="utf-8") == "precious"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["card.html", "card.html.partial", "card.txt", "card.xlsx", "victim.txt"]


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    cc.formats.write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o600
    cc.formats.write_atomic(tmp_path / "fresh.bin", b"\x00\x01")
    assert (tmp_path / "fresh.bin").stat().st_mode & 0o777 == 0o644


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_device_is_written_in_place_never_replaced() -> None:
    before = os.stat("/dev/full")
    code, _, err = run("score", S, str(EXAMPLE), "-o", "/dev/full")
    assert code == 2
    assert "/dev/full: cannot write the file: " in err
    after = os.stat("/dev/full")
    assert (after.st_mode, after.st_rdev) == (before.st_mode, before.st_rdev)
    code, _, err = run("score", S, str(EXAMPLE), "-o", "/dev/null")
    assert code == 1, err  # the seed card is incomplete: written, not an error
    assert Path("/dev/null").is_char_device()


def test_new_files_honour_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        cc.formats.write_atomic(tmp_path / "private.txt", "x")
    finally:
        os.umask(previous)
    assert (tmp_path / "private.txt").stat().st_mode & 0o777 == 0o600


def test_write_atomic_refuses_what_it_cannot_write_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(cc.ArgumentError):
        cc.formats.write_atomic(tmp_path / "x.bin", [1, 2])  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_writes_chunks_as_they_come_and_nothing_when_they_fail(
    tmp_path: Path,
) -> None:
    target = tmp_path / "ranking.csv"
    cc.formats.write_atomic(target, iter(["Đơn vị,", b"1\n", "tiếp\n"]))
    assert target.read_text(encoding="utf-8") == "Đơn vị,1\ntiếp\n"

    def broken() -> Iterator[str]:
        yield "half a report"
        raise ValueError("a row that cannot be written")

    with pytest.raises(ValueError, match="cannot be written"):
        cc.formats.write_atomic(target, broken())
    assert target.read_text(encoding="utf-8") == "Đơn vị,1\ntiếp\n"  # the old file stays
    with pytest.raises(cc.ArgumentError):
        cc.formats.write_atomic(tmp_path / "other.csv", iter(["text", 3]))  # type: ignore[list-item]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ranking.csv"]
