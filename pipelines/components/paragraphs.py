"""dg_paragraphs: a blank line starts a new sentence, so headers never glue onto sentences.

Runs before the parser, which respects sentence starts set earlier. The text keeps every
character of the original (boilerplate is blanked, not cut), so blank lines mark paragraphs.
A blank line inside a sentence ("but we are\\n\\ncommitted") does not count: the next
paragraph must not start in lower case after a line without closing punctuation.
"""

import numpy
from spacy.language import Language
from spacy.tokens import Doc

CLOSING = set(".!?:;\"”’')]")
OPENING_MARKS = {'"', "“", "«", "'", "‘"}


@Language.component("dg_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    # Whitespace tokens only, found for the whole Doc at once (to_array).
    for i in numpy.flatnonzero(doc.to_array("IS_SPACE")[:-1]).tolist():
        token = doc[i]
        if token.text.count("\n") < 1:
            continue
        nxt = doc[token.i + 1]
        prev = doc[token.i - 1] if token.i > 0 else None
        before = prev.text[-1:] if prev is not None else "."
        single = token.text.count("\n") == 1 and before not in CLOSING
        if single and (before in ",;-–" or not _opens_capitalised(doc, token.i + 1)):
            continue  # a wrapped line inside a sentence; else a heading above its paragraph
        if prev is not None and prev.text[-1:] not in CLOSING and nxt.text[:1].islower():
            continue
        nxt.is_sent_start = True
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if nxt.is_alpha and after is not None and after.is_alpha:
            # A paragraph's first word is no sentence of its own: after a blanked dateline
            # the parser split "Pakistan | on Saturday firmly rejected …".
            after.is_sent_start = False
    return doc


def _opens_capitalised(doc: Doc, i: int) -> bool:
    """The line starts with a capital, or with a quote mark before one: a heading above a
    lead that opens with a quote ("Blinken warns China\n\"China uses coercion …")."""
    first = doc[i].text
    if first in OPENING_MARKS and i + 1 < len(doc):
        first = doc[i + 1].text
    return first[:1].isupper()
