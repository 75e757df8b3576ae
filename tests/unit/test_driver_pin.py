"""The Neo4j driver runs with its Rust extension, of the driver's own version.

neo4j-rust-ext replaces the driver's PackStream codec; its releases follow the driver's
(driver 5.28.8 pairs with extension 5.28.8.x). A mismatch installs fine and fails at run time.
"""

from importlib.metadata import version


def test_the_rust_extension_matches_the_driver_version() -> None:
    driver, extension = version("neo4j"), version("neo4j-rust-ext")
    assert extension.rsplit(".", 1)[0] == driver


def test_the_driver_packs_with_the_rust_codec() -> None:
    from neo4j._codec.packstream import RUST_AVAILABLE  # the driver's own switch

    assert RUST_AVAILABLE
