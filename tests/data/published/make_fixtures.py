"""Build respondent- and school-level fixture data consistent with the published tables (frameworks.md B6).

Most sources publish only percentages or means, not the raw answers. This script invents the
smallest raw data set that reproduces every printed figure exactly, so the tests can load it into
a project and check that qual-si computes the published table cell by cell. Assumptions:

- Percentages are rounded half up. For a row of printed percentages the script takes the smallest
  number of respondents N (>= 10) for which whole counts exist whose shares round to every printed
  value with no x.5 ties; the first N respondents of the group answer that row and the others
  skip it (survey non-response), so N may differ between rows.
- F2 uses the real group sizes (209 core-team, 150 headteacher respondents); F3 uses the printed
  frequencies (which sum to 177 and 131, not the printed totals 165 and 132).
- E1 gives every role 10 respondents whose 1-10 ratings average exactly the printed mean.
- E2 (by role) and E3 (by MAT size, core team and heads pooled) are separate respondent sets; the
  source's two tables cannot be derived from one raw set without its microdata.
- F1: the 88 schools' phases (55 primary, 33 secondary) are spread over the ratings arbitrarily.
- F4/F5: which trusts carry each non-exclusive flag is arbitrary; only the counts are published.

Run ``python tests/data/published/make_fixtures.py`` to rewrite the CSV files beside it.
"""

from __future__ import annotations

import csv
import math
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
VALUES = ["Std", "Ali", "Aut", "Mixed"]

F1 = {"Outstanding": 21, "Good": 36, "Requires Improvement": 19, "Inadequate/Special Measures": 8, "No rating": 4}
F2 = {  # statement response -> (CT count, HT count), chosen to give the printed column %
    "Strongly agree": (121, 75), "Tend to agree": (67, 56), "Neither disagree nor agree": (15, 9),
    "Tend to disagree": (6, 6), "Strongly disagree": (0, 4),
}
F2_PUBLISHED = {"Strongly agree": (58, 50), "Tend to agree": (32, 37), "Neither disagree nor agree": (7, 6),
                "Tend to disagree": (3, 4), "Strongly disagree": (0, 3)}
F3 = {  # model -> (CT frequency, CT %, HT frequency, HT %) as printed
    "earned_autonomy": (20, 11, 37, 28), "school_to_school_support": (28, 16, 25, 19),
    "centrally_driven": (20, 11, 9, 7), "regional_hub_devolved": (3, 2, 0, 0), "partnership": (106, 60, 60, 46),
}
F3_PRINTED_TOTALS = (165, 132)
F4_GROUPING = {"MAT": 10, "Federation": 1, "Other type (e.g. MAC)": 2}
F4_FLAGS = {"Includes other types of education provision (special, UTC etc)": 3, "Is a school sponsor": 6,
            "Includes a Teaching School": 5}
F5_TITLE = {"Executive Head": 5, "CEO": 8}
F5_FLAGS = {"In a headship position prior to becoming a CEO/Exec head?": 12,
            "Head at one of the schools in the trust prior to becoming a CEO/Exec head?": 12,
            "Also hold another relevant role (e.g. NLE, Ofsted Inspector, governor)": 8}

E1 = [  # area, focus CT, focus HT, impact CT, impact HT
    ("Identifying and addressing under performance in specific schools", 9.4, 8.9, 8.7, 7.7),
    ("Improving the quality of leadership in all schools", 9.2, 8.5, 8.7, 8.1),
    ("Meeting the needs of disadvantaged children", 9.0, 8.4, 7.8, 7.4),
    ("Fostering collaboration between schools", 8.9, 8.7, 8.6, 8.2),
    ("Increasing financial efficiency", 8.7, 8.4, 7.9, 7.4),
    ("Securing robust QA and accountability for schools including peer or external reviews", 8.7, 8.4, 8.3, 8.1),
    ("Identifying, evaluating and spreading effective practice", 8.7, 8.3, 8.1, 7.9),
    ("Recruiting, developing and retaining talent", 8.7, 7.9, 7.9, 7.2),
    ("Developing shared approaches to curriculum and assessment", 8.2, 8.1, 7.9, 7.6),
    ("Professional development and feedback/coaching for staff", 8.1, 7.7, 8.6, 7.9),
    ("Developing a shared approach to pedagogy", 7.9, 7.7, 7.5, 7.3),
    ("Addressing behaviour and inclusion issues", 7.6, 7.1, 7.5, 6.7),
    ("Engaging parents and community", 7.0, 6.7, 6.5, 6.1),
]
E2 = [  # practice area, CT Std/Ali/Aut/Mixed, HT Std/Ali/Aut/Mixed (Table 4.6)
    ("Format/process for lesson planning", (6, 14, 68, 12), (7, 8, 72, 13)),
    ("Curriculum design/timetabling (e.g. curriculum-based budgeting)", (8, 24, 53, 15), (9, 11, 69, 11)),
    ("Targeted interventions for pupils with common challenges", (9, 27, 48, 16), (7, 20, 66, 7)),
    ("Curriculum content", (9, 24, 49, 18), (13, 14, 58, 14)),
    ("Approaches to teaching/pedagogy", (11, 36, 35, 19), (8, 26, 50, 15)),
    ("Behaviour management", (14, 16, 58, 11), (13, 20, 62, 5)),
    ("Marking and feedback to pupils", (15, 25, 49, 11), (7, 24, 59, 10)),
    ("Reporting to parents", (15, 21, 58, 7), (14, 25, 56, 6)),
    ("Managing teacher workloads", (16, 30, 43, 11), (10, 19, 63, 7)),
    ("Format/process for pupil progress reviews", (22, 27, 41, 10), (16, 28, 53, 3)),
    ("Monitoring the quality of day-to-day teaching (e.g. lesson observations)", (26, 31, 28, 15), (11, 31, 47, 11)),
    ("Moderating standards of pupil work", (39, 32, 14, 14), (23, 40, 23, 13)),
    ("Assessment e.g. exam boards", (39, 26, 24, 12), (46, 25, 22, 6)),
    ("Data capture and reporting", (56, 25, 11, 7), (57, 30, 7, 6)),
]
E3 = [  # practice area, 1-3, 4-6, 7+ (Std/Ali/Aut/Mixed each; Table B.1) and the printed 4-6 total
    ("Targeted interventions for pupils with common challenges", (17, 30, 39, 15), (4, 26, 59, 11), (6, 20, 61, 13)),
    ("Format/process for lesson planning", (17, 17, 44, 22), (5, 18, 68, 8), (3, 5, 83, 9)),
    ("Approaches to teaching/pedagogy", (17, 39, 24, 20), (12, 36, 8, 45), (2, 28, 51, 19)),
    ("Curriculum design/timetabling (e.g. curriculum-based budgeting)", (19, 26, 41, 15), (7, 21, 63, 9), (6, 10, 70, 14)),
    ("Curriculum content", (20, 28, 37, 15), (13, 18, 58, 12), (7, 13, 63, 17)),
    ("Behaviour management", (22, 26, 41, 11), (11, 16, 66, 8), (9, 16, 67, 7)),
    ("Reporting to parents", (28, 28, 33, 11), (13, 20, 63, 4), (5, 20, 67, 8)),
    ("Marking and feedback to pupils", (28, 28, 30, 15), (39, 34, 20, 7), (19, 43, 19, 19)),
    ("Format/process for pupil progress reviews", (31, 24, 11, 33), (16, 25, 53, 7), (13, 29, 52, 6)),
    ("Managing teacher workloads", (32, 28, 28, 11), (13, 28, 49, 11), (6, 23, 65, 5)),
    ("Monitoring the quality of day-to-day teaching (e.g. lesson observations)", (43, 22, 24, 11), (18, 38, 36, 8), (8, 27, 48, 17)),
    ("Moderating standards of pupil work", (46, 22, 15, 17), (39, 34, 20, 7), (19, 43, 19, 19)),
    ("Assessment e.g. exam boards", (48, 20, 19, 13), (47, 25, 17, 11), (39, 30, 23, 7)),
    ("Data capture and reporting", (67, 15, 13, 6), (53, 25, 12, 11), (55, 33, 5, 7)),
]
E3_BANDS = {"1-3": 2, "4-6": 5, "7+": 9}  # schools in each respondent's MAT, one value per band


def counts_for(percentages: tuple[int, ...], *, start: int = 10, stop: int = 1000) -> tuple[int, ...]:
    """The smallest N's counts whose shares round half up to ``percentages`` (no exact .5 ties)."""
    for n in range(start, stop):
        ranges = []
        for p in percentages:
            low = math.floor(Fraction(2 * p - 1, 200) * n) + 1  # strictly above p - 0.5
            high = math.ceil(Fraction(2 * p + 1, 200) * n) - 1  # strictly below p + 0.5
            ranges.append((max(low, 0), high))
        if all(lo <= hi for lo, hi in ranges) and sum(lo for lo, _ in ranges) <= n <= sum(hi for _, hi in ranges):
            counts = [lo for lo, _ in ranges]
            spare = n - sum(counts)
            for i, (lo, hi) in enumerate(ranges):
                step = min(spare, hi - lo)
                counts[i] += step
                spare -= step
            return tuple(counts)
    raise ValueError(f"no respondent count up to {stop} gives {percentages}")


def write(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (HERE / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def judgements(prefix: str, groups: dict[str, list[tuple[str, tuple[int, ...]]]], attribute: str,
               values_of: dict[str, object]) -> tuple[list[list[object]], list[list[object]]]:
    """Respondents (one per answering person) and their judgements per practice area."""
    respondents: list[list[object]] = []
    answers: list[list[object]] = []
    for group, rows in groups.items():
        needed = [counts_for(p) for _, p in rows]
        size = max(sum(c) for c in needed)
        names = [f"{prefix}-{group}-{i:03d}" for i in range(1, size + 1)]
        respondents += [[n, values_of[group]] for n in names]
        for (area, _), counts in zip(rows, needed, strict=True):
            people = iter(names)
            for value, count in zip(VALUES, counts, strict=True):
                answers += [[next(people), area, value] for _ in range(count)]
    return respondents, answers


def main() -> None:
    schools = [[f"S{i:02d}", "primary" if i <= 55 else "secondary"] for i in range(1, 89)]
    ratings = [r for r, n in F1.items() for _ in range(n)]
    ratings = ratings[::2] + ratings[1::2]  # mix the ratings over both phases
    write("f1_schools.csv", ["school", "phase", "ofsted"], [s + [r] for s, r in zip(schools, ratings, strict=True)])
    write("f1_published.csv", ["Ofsted Rating", "Number of schools"], [*[[k, v] for k, v in F1.items()],
                                                                       ["Grand Total", 88]])

    f2_rows: list[list[object]] = []
    for response, (ct, ht) in F2.items():
        f2_rows += [["CT", response]] * ct + [["HT", response]] * ht
    write("f2_respondents.csv", ["respondent", "role", "response"],
          [[f"R{i:03d}", *row] for i, row in enumerate(f2_rows, start=1)])
    write("f2_published.csv", ["Percentage", "MAT Core Team", "Headteachers in MATs"],
          [*[[k, *v] for k, v in F2_PUBLISHED.items()], ["Total", 100, 100]])

    f3_rows: list[list[object]] = []
    for model, (ct, _, ht, _) in F3.items():
        f3_rows += [["CT", model]] * ct + [["HT", model]] * ht
    write("f3_respondents.csv", ["respondent", "role", "model"],
          [[f"M{i:03d}", *row] for i, row in enumerate(f3_rows, start=1)])
    write("f3_published.csv", ["model", "CT: n", "CT: %", "HT: n", "HT: %"],
          [*[[k, *v] for k, v in F3.items()], ["Total", F3_PRINTED_TOTALS[0], 100, F3_PRINTED_TOTALS[1], 100]])

    trusts = []
    grouping = [g for g, n in F4_GROUPING.items() for _ in range(n)]
    for i, kind in enumerate(grouping):
        flags = ["Yes" if i < n else "No" for n in F4_FLAGS.values()]
        trusts.append([f"Trust {i + 1:02d}", kind, *flags])
    write("f4_trusts.csv", ["trust", "grouping", *F4_FLAGS], trusts)
    leaders = []
    titles = [t for t, n in F5_TITLE.items() for _ in range(n)]
    for i, title in enumerate(titles):
        flags = ["Yes" if (i + k) % 13 < n else "No" for k, n in enumerate(F5_FLAGS.values())]
        leaders.append([f"Leader {i + 1:02d}", title, *flags])
    write("f5_leaders.csv", ["leader", "title", *F5_FLAGS], leaders)

    respondents = [[f"E1-{role}-{i:02d}", role] for role in ("CT", "HT") for i in range(1, 11)]
    write("e1_respondents.csv", ["respondent", "role"], respondents)
    header = ["case"] + [f"{kind}_{i:02d}" for kind in ("focus", "impact") for i in range(1, 14)]
    table = []
    for r, (name, role) in enumerate(respondents):
        row: list[object] = [name]
        for kind_index in (0, 1):
            for a, area in enumerate(E1):
                mean = area[1 + 2 * kind_index + (role == "HT")]
                total = round(mean * 10)
                base, extra = divmod(total, 10)
                rotated = (r % 10 - a - 3 * kind_index) % 10
                row.append(base + 1 if rotated < extra else base)
        table.append(row)
    write("e1_ratings.csv", header, table)
    write("e1_published.csv", ["Area", "Focus: CT", "Focus: HT", "Impact: CT", "Impact: HT"],
          [[a[0], a[1], a[2], a[3], a[4]] for a in E1])

    people, answers = judgements("E2", {"CT": [(a, ct) for a, ct, _ in E2], "HT": [(a, ht) for a, _, ht in E2]},
                                 "role", {"CT": "CT", "HT": "HT"})
    write("e2_respondents.csv", ["respondent", "role"], people)
    write("e2_judgements.csv", ["case", "facet", "value"], answers)
    write("e2_published.csv", ["Practice area", *[f"{g}: {v}" for g in ("CT", "HT") for v in VALUES]],
          [[a, *ct, *ht] for a, ct, ht in E2])

    bands = {band: [(row[0], row[1 + i]) for row in E3] for i, band in enumerate(E3_BANDS)}
    people, answers = judgements("E3", bands, "schools", E3_BANDS)
    write("e3_respondents.csv", ["respondent", "schools"], people)
    write("e3_judgements.csv", ["case", "facet", "value"], answers)
    write("e3_published.csv", ["Practice area", *[f"{b}: {v}" for b in E3_BANDS for v in VALUES]],
          [[row[0], *row[1], *row[2], *row[3]] for row in E3])


if __name__ == "__main__":
    main()
