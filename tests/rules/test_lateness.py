"""The lateness kind: days late between dates, bounded work for any edge."""

from __future__ import annotations

from pathlib import Path

from cchc_support import run


def test_a_lateness_edge_past_ten_years_is_refused(tmp_path: Path) -> None:
    set_file = tmp_path / "late.toml"
    set_file.write_text(
        'id = "late"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 2\n'
        'rule = "lateness"\ndeadline = "2024-12-20"\ndays = "working"\nbands = [\n'
        "  { to = 0, points = 2 },\n  { above = 0, to = 10000000, points = 1 },\n"
        "  { above = 10000000, points = 0 },\n]\n",
        encoding="utf-8",
    )
    code, _, err = run("lint", str(set_file))
    assert code == 2
    assert "band 2: 10000000 days late; a band's edge is at most 3660 days" in err
