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
        if single and (before in ",;-–" or not nxt.text[:1].isupper()):
            continue  # a wrapped line inside a sentence; else a heading above its paragraph
        if prev is not None and prev.text[-1:] not in CLOSING and nxt.text[:1].islower():
            continue
        nxt.is_sent_start = True
    return doc
