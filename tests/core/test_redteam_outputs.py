"""Red-team findings about where outputs land (redteam/REPORT.md, finding 7)."""

import os
import sys

import pytest

from explorer.core.output import ExportError, write_text_atomic


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0,
                    reason="planting a link owned by another user needs root (os.lchown)")
def test_redteam_a_link_planted_by_another_user_in_a_sticky_folder_is_not_followed(tmp_path):
    shared = tmp_path / "tmp"  # stands for /tmp: world-writable and sticky
    shared.mkdir()
    os.chmod(shared, 0o1777)
    home = tmp_path / "home"
    home.mkdir()
    victim = home / ".bashrc"
    victim.write_text("# the user's own file\n")
    link = shared / "timeline.json"
    os.symlink(victim, link)
    os.lchown(link, 65534, 65534)  # planted by `nobody`
    try:
        write_text_atomic(link, '{"events": []}\n')
    except ExportError:
        pass
    assert victim.read_text() == "# the user's own file\n", "the export replaced the file the link points to"
