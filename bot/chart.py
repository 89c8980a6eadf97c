"""The final report's chart: deliveries over time against the set pace, and the outcomes.

Its labels stay English for every admin (the caption under it follows the admin's language):
the image has no Devanagari font (DejaVu, matplotlib's own, has none), and matplotlib's Agg
renderer does not shape Indic scripts, so Hindi would come out as boxes or with its vowel
signs in the wrong place.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display: render to bytes

import matplotlib.pyplot as plt

OUTCOME_COLOURS = {"sent": "#2e7d32", "blocked": "#c62828", "failed": "#ef6c00",
                   "skipped": "#757575", "cancelled": "#9e9e9e", "recalled": "#6a1b9a",
                   "pending": "#1565c0"}


def broadcast_chart(per_second: list[tuple[int, int]], rate: float, counts: dict[str, int],
                    title: str) -> bytes:
    """A PNG: cumulative messages sent against the pace line, and a bar per outcome."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4), width_ratios=(2, 1))
    if per_second:
        start = per_second[0][0]
        xs, ys, total = [0.0], [0], 0
        for second, n in per_second:
            total += n
            xs.append(second - start + 1)
            ys.append(total)
        left.step(xs, ys, where="post", label="sent", color=OUTCOME_COLOURS["sent"])
        end = xs[-1]
        left.plot([0, end], [0, rate * end], "--", color="#555555",
                  label=f"pace {rate:g}/s")
        left.legend(loc="upper left")
    left.set_xlabel("seconds since the first message")
    left.set_ylabel("messages sent")
    left.set_title(title)
    names = [k for k in OUTCOME_COLOURS if counts.get(k)]
    bars = right.bar(names, [counts[k] for k in names],
                     color=[OUTCOME_COLOURS[k] for k in names])
    right.bar_label(bars)  # small counts (a few blocked) would otherwise be invisible
    right.set_title("outcomes")
    for label in right.get_xticklabels():
        label.set_rotation(30)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100)
    plt.close(fig)
    return out.getvalue()
