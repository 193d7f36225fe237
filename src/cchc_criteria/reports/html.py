"""A self-contained HTML report: no network, no script, every text escaped, A4 when printed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from cchc_criteria.reports._common import (
    LABELS,
    facts,
    headers,
    index_text,
    number,
    points_text,
    rounding_note,
    rows,
)
from cchc_criteria.reports._official import Letterhead, letterhead_html, signatures_html
from cchc_criteria.reports.text import finding_line, ranking_title, summary_lines
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang

if TYPE_CHECKING:
    from cchc_criteria.analysis.ranking import Ranked
    from cchc_criteria.analysis.sensitivity import Sensitivity

__all__ = ["render_html", "render_ranking_html"]

_STYLE = """
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt;
       color: #111; margin: 24px; }
h1 { font-size: 15pt; margin: 0 0 6px; } h2 { font-size: 12pt; margin: 18px 0 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: top; }
td { overflow-wrap: break-word; } td.code { white-space: nowrap; }
thead { display: table-header-group; }
th { background: #e8eef7; } td.n { text-align: right; white-space: nowrap; }
tr.group td { font-weight: bold; background: #f6f6f6; }
table.letterhead, table.signatures { margin: 0 0 14px; table-layout: fixed; }
table.letterhead td, table.signatures td { border: none; text-align: center; width: 50%; }
table.signatures { margin-top: 18px; } table.signatures td { height: 90px; }
.bars { margin: 8px 0; } .bar { display: flex; align-items: center; margin: 3px 0; }
.bar .label { width: 38%; padding-right: 8px; }
.bar .track { flex: 1; background: #e5e5e5; height: 14px; position: relative; }
.bar .fill { background: #2b6cb0; height: 14px; }
.bar .value { width: 16%; text-align: right; padding-left: 8px; white-space: nowrap; }
.error { color: #a40000; } .warning { color: #8a5a00; } .info { color: #444; }
.state { font-weight: bold; } .rounding { font-style: italic; font-size: 9.5pt; }
ul { margin: 4px 0; padding-left: 20px; }
@media print {
  body { margin: 0; font-family: "Times New Roman", "Liberation Serif", Times, serif;
         font-size: 12pt; }
  h1 { font-size: 13pt; } h2 { font-size: 12pt; }
  tr { page-break-inside: avoid; } .bars { page-break-inside: avoid; }
  h1, h2 { page-break-after: avoid; }
  table.signatures { page-break-inside: avoid; }
}
"""


def _page(title: str, body: list[str], lang: Lang) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _bar(
    label: str, points: Decimal | None, maximum: Decimal, lang: Lang, shown: str | None = None
) -> str:
    """A bar of ``points`` against ``maximum``, labelled, with ``shown`` (else "points /
    maximum") at its end."""
    share = Decimal(0) if points is None or maximum == 0 else points / maximum * 100
    width = max(Decimal(0), min(share, Decimal(100))).quantize(Decimal("0.1"))
    if shown is None:
        shown = f"{number(points, lang) or '—'} / {number(maximum, lang)}"
    return (
        f'<div class="bar"><span class="label">{escape(label)}</span>'
        f'<span class="track"><span class="fill" style="display:block;width:{width}%"></span>'
        f'</span><span class="value">{escape(shown)}</span></div>'
    )


def render_html(card: Scorecard, *, lang: Lang = "vi", letterhead: Letterhead | None = None) -> str:
    """The scorecard under a letterhead (the set's authority and the unit, by default):
    facts, a bar per area (points against max), the table, totals, the signatures and the
    findings. It prints on A4, the table's heading repeated on every page."""
    lang = "vi" if lang == "vi" else "en"
    labels = LABELS[lang]
    cs = card.criterion_set
    if letterhead is None:
        letterhead = Letterhead.of(cs, card.assessment.unit)
    body = [letterhead_html(letterhead, lang), f"<h1>{escape(cs.title)}</h1>", "<p>"]
    body += [f"<b>{escape(k)}:</b> {escape(v)}<br>" for k, v in facts(card, lang)]
    body.append("</p>")
    body.append('<div class="bars">')
    for code in card.roots:
        node = card[code]
        got = points_text(node.points, cs, lang) or "—"
        shown = f"{got} / {points_text(node.max_points, cs, lang)}"
        body.append(_bar(f"{node.code}. {node.title}", node.points, node.max_points, lang, shown))
    body.append("</div>")
    summary = summary_lines(card, lang)
    body.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in summary[:3]) + "</ul>")
    header = headers(lang)
    body.append('<table class="card">')
    body.append("<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead>")
    for row in rows(card, lang):
        css = ' class="group"' if not row.node.is_leaf else ""
        indent = "&nbsp;" * 3 * (row.node.depth - 1)
        cells = [
            f'<td class="code">{escape(row.number)}</td>',
            f"<td>{indent}{escape(row.node.title)}</td>",
            f'<td class="n">{escape(row.max_points)}</td>',
            f'<td class="n">{escape(row.points)}</td>',
            f'<td class="n">{escape(row.self_assessed)}</td>',
            f'<td class="n">{escape(row.appraised)}</td>',
            f"<td>{escape(row.note)}</td>",
        ]
        body.append(f"<tr{css}>" + "".join(cells) + "</tr>")
    body.append("</table>")
    state = summary[3:-1]  # complete or not (with the points still open), accepted or not
    body += [f'<p class="state">{escape(line)}</p>' for line in state if line]
    body.append(f'<p class="rounding">{escape(summary[-1])}</p>')
    body.append(signatures_html(letterhead, lang))
    for title, findings in (
        (labels["findings"], card.findings),
        (labels["lint"], card.lint_findings),
    ):
        if not findings:
            continue
        body.append(f"<h2>{escape(title)}</h2><ul>")
        body += [
            f'<li class="{escape(str(f.severity))}">{escape(finding_line(f, lang))}</li>'
            for f in findings
        ]
        body.append("</ul>")
    return _page(cs.title, body, lang)


def render_ranking_html(
    ranking: Sequence[Ranked],
    *,
    lang: Lang = "vi",
    sensitivity: Sensitivity | None = None,
    letterhead: Letterhead | None = None,
) -> str:
    """A ranking: a chart of every unit's index, and the ranking table; with
    ``sensitivity`` (the cohort's, `sensitivity`),
    its chart and table follow: which criteria the units lose points on, and how far each
    moves them."""
    lang = "vi" if lang == "vi" else "en"
    labels = LABELS[lang]
    title = ranking_title(ranking, lang) if ranking else labels["ranking"]
    if letterhead is None:
        sets = [entry.standing.criterion_set for entry in ranking[:1]]
        letterhead = Letterhead.of(sets[0]) if sets else Letterhead()
    body = [letterhead_html(letterhead, lang), f"<h1>{escape(title)}</h1>"]
    for group in sorted({r.group for r in ranking}):
        members = [r for r in ranking if r.group == group]
        if group:
            body.append(f"<h2>{escape(labels['group'])}: {escape(group)}</h2>")
        body.append('<div class="bars">')
        for r in members:
            name = r.standing.unit or r.source
            index = r.standing.index
            place = f"{r.rank}." if r.rank is not None else f"({r.standing.unranked_reason(lang)})"
            shown = index_text(index, r.standing.criterion_set, lang)
            body.append(_bar(f"{place} {name}", index, Decimal(100), lang, shown))
        body.append("</div><table>")
        head = [labels["rank"], labels["unit"], labels["total"], labels["index"], labels["grade"]]
        body.append(
            "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead>"
        )
        for r in members:
            cs = r.standing.criterion_set
            cells = [
                str(r.rank) if r.rank is not None else r.standing.unranked_reason(lang),
                r.standing.unit or r.source,
                f"{points_text(r.standing.points, cs, lang)} / "
                f"{points_text(r.standing.max_points, cs, lang)}",
                index_text(r.standing.index, cs, lang),
                r.standing.grade or "—",
            ]
            body.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        body.append("</table>")
    if ranking:
        note = rounding_note(ranking[0].standing.criterion_set, lang)
        body.append(f'<p class="rounding">{escape(note)}</p>')
    body.append(signatures_html(letterhead, lang))
    if sensitivity is not None:
        heading = "Độ nhạy theo tiêu chí" if lang == "vi" else "Sensitivity by criterion"
        body += [f"<h2>{escape(heading)}</h2>", *_sensitivity_body(sensitivity, lang)]
    return _page(title, body, lang)


def render_sensitivity_html(sensitivity: Sensitivity, *, lang: Lang = "vi") -> str:
    """A cohort's sensitivity: a bar per criterion (the units losing points on it against all
    the units), and the table of index and place changes."""
    lang = "vi" if lang == "vi" else "en"
    vi = lang == "vi"
    title = f"Độ nhạy — {sensitivity.set_id}" if vi else f"Sensitivity — {sensitivity.set_id}"
    return _page(title, [f"<h1>{escape(title)}</h1>", *_sensitivity_body(sensitivity, lang)], lang)


def _sensitivity_body(sensitivity: Sensitivity, lang: Lang) -> list[str]:
    vi = lang == "vi"
    caption = (
        f"Số đơn vị chưa đạt điểm tối đa ở từng tiêu chí, trên {sensitivity.units} đơn vị; "
        "bảng: chỉ số (điểm %) và thứ hạng thay đổi trung bình nếu riêng tiêu chí đó lên tối "
        "đa, về 0 hoặc lên một khoảng."
        if vi
        else f"Units below the max on each criterion, of {sensitivity.units}; the table: the "
        "mean change of index (points of percentage) and place if that criterion alone went "
        "to its max, to 0 or one band up."
    )
    body = [f"<p>{escape(caption)}</p>", '<div class="bars">']
    for row in sensitivity:
        label = f"{row.code}. {row.title}"
        body.append(_bar(label, Decimal(row.losing), Decimal(row.units), lang))
    body.append("</div><table>")
    heads = (
        ["STT", "Tiêu chí", "Lên tối đa", "Về 0", "Hạng (tối đa)", "Hạng (0)", "Lên 1 khoảng"]
        if vi
        else ["Code", "Criterion", "To max", "To 0", "Places (max)", "Places (0)", "Band up"]
    )
    body.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr>")
    for row in sensitivity:
        values = (row.to_max, row.to_min, row.places_to_max, row.places_to_min, row.band_up)
        cells = [escape(row.code), escape(row.title)] + [
            "—" if v is None else escape(number(v.quantize(Decimal("0.01")), lang)) for v in values
        ]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body.append("</table>")
    return body
