"""Gazetteer entities keep their types, and the NER learns no new labels from them."""

from pipelines.nlp import load_pipeline


def test_gazetteer_entities_keep_their_types_and_the_ner_its_actions() -> None:
    nlp = load_pipeline()
    ner = nlp.get_pipe("ner")
    actions = ner.moves.n_moves
    doc = nlp("Russia and the United States signed the New START treaty, Sergey Lavrov said.")
    typed = {(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents if ent.ent_id_}
    assert ("Russia", "Country", "country:RUS") in typed
    assert ("New START treaty", "Treaty", "treaty:new-start") in typed
    assert ("Sergey Lavrov", "Person", "person:sergey-lavrov") in typed
    # A label the NER does not know would have grown its output layer (slower on every text).
    assert ner.moves.n_moves == actions
