"""The phrase depth stance uses to pick the nearest target, on hand-built Docs."""

import spacy
from spacy.tokens import Doc

from pipelines.components.stance import _depth


def test_depth_stops_at_the_root_of_the_phrase() -> None:
    # "Iran welcomed the deal": with the root among the tokens considered, the walk up
    # must end at it (spaCy returns a new Token object on every .head access).
    words = ["Iran", "welcomed", "the", "deal"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 1, 3, 1],
        deps=["nsubj", "ROOT", "det", "dobj"],
    )
    inside = {t.i for t in doc}
    assert _depth(doc[3], inside) == 1
    assert _depth(doc[1], inside) == 0
    assert _depth(doc[2], {2, 3}) == 0  # a determiner is transparent
