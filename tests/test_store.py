import os
import stat

import pytest

from linter import store


def test_checked_entries_read_back_and_damaged_ones_read_as_missing(tmp_path):
    entry = tmp_path / "a" / "b" / "entry"
    store.write_checked(entry, b"payload")
    assert bytes(store.read_checked(entry)) == b"payload"
    entry.write_bytes(entry.read_bytes()[:-1] + b"X")
    assert store.read_checked(entry) is None
    entry.write_bytes(b"\x00\x00")
    assert store.read_checked(entry) is None
    with pytest.raises(OSError):
        store.read_checked(tmp_path / "missing")


def test_a_write_leaves_no_temporary_file_even_when_it_fails(tmp_path, monkeypatch):
    target = tmp_path / "kept"
    store.write_atomic(target, b"one")
    assert target.read_bytes() == b"one" and os.listdir(tmp_path) == ["kept"]

    def no_rename(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OSError):
        store.write_atomic(target, b"two")
    assert target.read_bytes() == b"one" and os.listdir(tmp_path) == ["kept"]


def test_rewrite_keeps_permissions_follows_links_and_gives_a_new_file_the_usual_ones(tmp_path):
    target = tmp_path / "baseline.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    store.rewrite(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    mask = os.umask(0)
    os.umask(mask)
    fresh = tmp_path / "fresh.json"
    store.rewrite(fresh, b"x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask


def test_keep_newest_deletes_the_oldest_entries(tmp_path):
    entries = []
    for i in range(5):
        entry = tmp_path / f"e{i}"
        entry.write_bytes(b"")
        os.utime(entry, ns=(i * 10**9, i * 10**9))
        entries.append(entry)
    store.keep_newest(entries + [tmp_path / "gone"], 2)
    assert sorted(os.listdir(tmp_path)) == ["e3", "e4"]
