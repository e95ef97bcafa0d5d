"""Outputs of the analysis: CSV, Excel workbooks, Word tables, charts (PNG/SVG) and case vignettes.

Every writer refuses to overwrite an existing file unless ``force`` is given
(:class:`qual_si.errors.OutputExists`) and writes atomically (temporary file, then rename).
openpyxl, python-docx and matplotlib (Agg canvas, no pyplot) are imported inside the functions.

- :mod:`.tables` - ``write_tables`` to .csv / .xlsx / .docx
- :mod:`.charts` - heatmap, radar against the sample mean, quadrant scatter, stacked bars
- :mod:`.vignettes` - one-page Word vignette per case
"""

from __future__ import annotations

from .files import atomic_output, check_target

__all__ = ["atomic_output", "check_target"]
