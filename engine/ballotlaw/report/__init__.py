"""The report (issue 16): the outcome as people read it, a self-contained HTML page or a PDF with the status in
words, seat and threshold charts, the seat tables, the trace with its citations and the results' own checks,
in English, Russian or Kyrgyz (docs/report.md)."""
