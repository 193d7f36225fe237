"""Write every node of many scorecards to a text file, to compare scoring before and after a
change that must not change a single digit (a refactor of a rule kind or of the plan)::

    git stash; python tools/card_snapshot.py /tmp/before.txt
    git stash pop; python tools/card_snapshot.py /tmp/after.txt
    cmp /tmp/before.txt /tmp/after.txt

The cards: the benchmark's national set with 40 units in every answer form people type
(``benchmarks/forms.py``), 60 units with odd answers mixed in (hostile numbers, fractions,
text, NA), a cohort under ``relative`` rows, the seed set with Decimal and text answers, and
300 generated sets with generated assessments (Hypothesis, derandomized). Each node gives its
points, exact and rounded values, figure, band, explanation, and each card its findings.
"""

from __future__ import annotations

import random
import re
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import forms
import national
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.testing import assessments, criterion_sets

FIELDS = (
    "points",
    "points_display",
    "rule_points",
    "applicable",
    "complete",
    "open_points",
    "figure",
    "value",
    "matched",
    "max_points",
)
ODD: list[object] = [
    "93.5", "3/41", "0,5", "0.5", "100", "100,0", " 93 ", "1e2", "-3", "1000", "99,9999999",
    "12345678901234567890", "0", Decimal("93.50"), Decimal("1E+1"), 0.1, 1e-7, 1e20, 7,
    "7/0", "0/0", "187/200", "93 %", "93,5%", None, True, "Có", "abc", 10**17, -1,
    cc.ChosenBand(1), cc.ChosenBand(3), cc.ChosenBand(9), cc.ChosenBand("dưới 60%"),
    cc.ChosenBand("Từ 90% trở lên", figure="95"), cc.ChosenBand("Từ 90% trở lên", figure="40"),
    cc.ChosenBand(2, figure="0,5"), cc.ChosenBand(1, figure="abc"), cc.ChosenBand("không có"),
]  # fmt: skip


def main(path: str) -> None:
    out: list[str] = []

    def dump(tag: str, card: cc.Scorecard) -> None:
        out.append(f"== {tag} {card.points!r} {card.max_points!r}")
        for node in card:
            fields = tuple(getattr(node, name) for name in FIELDS)
            out.append(repr((node.code, *fields, str(node.explanation))))
        out.append(repr([(f.code, f.criterion, str(f.text), f.severity) for f in card.findings]))

    tree = national.national_spec()
    text = national.set_toml(tree)
    plain = cc.loads_set(text, source="national.toml")
    relative = re.sub(r'(?m)^rule = "proportional"$', 'rule = "relative"', text)
    relative_set = cc.loads_set(relative, source="relative.toml")
    units = national.answers(tree, 40, seed=5)
    rates = frozenset(x.code for x in national.leaves(tree) if x.kind in ("bands", "proportional"))
    for form in forms.FORMS:
        for i, unit in enumerate(units):
            answers = forms.typed(plain, unit, form, rates)
            dump(f"national {form} {i}", cc.score(plain, answers))
    rng = random.Random(7)
    for i in range(60):
        unit = dict(units[i % len(units)])
        for code in rng.sample(sorted(unit), 30):
            unit[code] = rng.choice(ODD)
        dump(f"national odd {i}", cc.score(plain, unit))
    for i, card in enumerate(cc.score_many(relative_set, units)):
        dump(f"relative {i}", card)
    seed = cc.get_set("quangngai.so.2019")
    for i, answers in enumerate(forms.seed_answers(40)):
        dump(f"seed {i}", cc.score(seed, answers))
        typed = {
            k: (str(v).replace(".", ",") if isinstance(v, Decimal) else v)
            for k, v in answers.items()
        }
        dump(f"seed text {i}", cc.score(seed, typed))

    @settings(
        max_examples=300,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def generated(data: st.DataObject) -> None:
        criterion_set = data.draw(criterion_sets())
        answers = data.draw(assessments(criterion_set))
        dump("generated", cc.score(criterion_set, answers))
        dump("generated, again", cc.score(criterion_set, answers))

    generated()
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{path}: {len(out)} lines")


if __name__ == "__main__":
    main(sys.argv[1])
