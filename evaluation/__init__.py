"""Scores the diplograph pipeline on the shared open data (../shared/data).

    dev_statements  the dev-statements cases, scored by the data set's own score.py
    event_stance    criticize/support triples between actors on PLOVER and PETRARCH-2
    attribution     cue/source/content spans on GUM, scored the way BBC Citron scores PARC
    report          run_eval (all three, one pipeline) and render_table

`python -m evaluation --help` runs it from the command line.
"""

from evaluation.metrics import PRF
from evaluation.report import EvalReport, render_table, run_eval

__all__ = ["PRF", "EvalReport", "render_table", "run_eval"]
