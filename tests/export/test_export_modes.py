"""Exported files get the user's normal permissions (#23.4): 0666 minus the umask for a new file,
the old mode for a file replaced — cards, the handout and the view, in every format."""

import os
import stat

import pytest

from explorer.core.loading import load_dataset
from explorer.export.cards import CardOptions, export_cards
from explorer.export.handout import export_handout
from explorer.ui.export_view import ViewOptions, export_view


@pytest.fixture(scope="module")
def ds(qapp):
    from tests.helpers import BUNDLED

    return load_dataset(BUNDLED)


@pytest.fixture
def umask():
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def writers(ds):
    one = [ds.event("treaty-of-shimoda")]
    return {
        "cards.pdf": lambda out: export_cards(ds, one, out, CardOptions("A6", 1)),
        "handout.pdf": lambda out: export_handout(ds, out, CardOptions("A5", 2)),
        "view.pdf": lambda out: export_view(ds, out, ViewOptions(size="600x400")),
        "view.svg": lambda out: export_view(ds, out, ViewOptions(size="600x400")),
        "view.png": lambda out: export_view(ds, out, ViewOptions(size="600x400")),
    }


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask,expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_exported_file_mode_follows_the_umask(ds, tmp_path, umask, mask, expected):
    umask(mask)
    for name, write in writers(ds).items():
        write(tmp_path / name)
        assert mode(tmp_path / name) == expected, name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(writers(ds))  # no part files left


def test_a_replaced_file_keeps_its_mode(ds, tmp_path, umask):
    umask(0o022)
    for name, write in writers(ds).items():
        out = tmp_path / name
        out.write_bytes(b"an earlier export")
        out.chmod(0o600)
        write(out)
        assert mode(out) == 0o600, name
        assert out.read_bytes() != b"an earlier export"
