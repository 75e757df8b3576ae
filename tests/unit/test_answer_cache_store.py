"""AnswerCache on its own: freshness, the size bound, clear() winning over a build, and
the request key."""

from app.answer_cache import AnswerCache, answer_key


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def builder(answer: bytes, calls: list[bytes]):
    def build() -> bytes:
        calls.append(answer)
        return answer

    return build


def test_an_answer_is_kept_for_the_ttl_then_built_again() -> None:
    clock, calls = Clock(), []
    cache = AnswerCache(ttl=5, max_entries=10, clock=clock)
    assert cache.get_or_build("k", builder(b"one", calls)) == b"one"
    clock.now = 4.9
    assert cache.get_or_build("k", builder(b"two", calls)) == b"one"
    clock.now = 5.0
    assert cache.get_or_build("k", builder(b"three", calls)) == b"three"
    assert calls == [b"one", b"three"]


def test_the_least_recently_used_answer_goes_first() -> None:
    cache, calls = AnswerCache(ttl=60, max_entries=2), []
    for key in ("a", "b", "a", "c"):  # "a" used again, so "b" is the one dropped
        cache.get_or_build(key, builder(key.encode(), calls))
    cache.get_or_build("a", builder(b"a2", calls))
    cache.get_or_build("b", builder(b"b2", calls))
    assert calls == [b"a", b"b", b"c", b"b2"]


def test_clear_forgets_answers_and_one_built_meanwhile() -> None:
    cache, calls = AnswerCache(ttl=60, max_entries=10), []
    cache.get_or_build("k", builder(b"old", calls))
    cache.clear()
    assert cache.get_or_build("k", builder(b"new", calls)) == b"new"

    def build_while_an_ingest_clears() -> bytes:
        cache.clear()
        return b"stale"

    assert cache.get_or_build("j", build_while_an_ingest_clears) == b"stale"
    assert cache.get_or_build("j", builder(b"fresh", calls)) == b"fresh"


def test_a_ttl_of_zero_keeps_nothing() -> None:
    cache, calls = AnswerCache(ttl=0, max_entries=10), []
    for answer in (b"1", b"2"):
        assert cache.get_or_build("k", builder(answer, calls)) == answer
    assert calls == [b"1", b"2"]


def test_a_request_key_ignores_parameter_order_and_keeps_every_value() -> None:
    one = answer_key("/who", b"target=NATO&stance=criticizes&limit=")
    assert one == answer_key("/who", b"stance=criticizes&limit=&target=NATO")
    assert one != answer_key("/who", b"stance=criticizes&target=NATO")  # blank value kept
    assert one != answer_key("/statements", b"stance=criticizes&limit=&target=NATO")
    repeated = answer_key("/statements", b"outlet=TASS&outlet=Xinhua")
    assert repeated == answer_key("/statements", b"outlet=Xinhua&outlet=TASS")
    assert repeated != answer_key("/statements", b"outlet=TASS")
    # Percent-encoding and '+' decode before the key is made.
    assert answer_key("/ask", b"q=who+criticized%20NATO") == answer_key(
        "/ask", b"q=who%20criticized+NATO"
    )


def test_get_sees_only_fresh_answers() -> None:
    clock = Clock()
    cache = AnswerCache(ttl=5, max_entries=10, clock=clock)
    assert cache.get("a") is None
    cache.get_or_build("a", lambda: b"A")
    assert cache.get("a") == b"A"
    clock.now = 5.0
    assert cache.get("a") is None
    assert AnswerCache(ttl=0, max_entries=10).get("a") is None
