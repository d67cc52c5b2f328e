"""The author CLI: exit codes, output lines, JSON shape."""

import json
import subprocess
import sys

import pytest
from tests.helpers import MINIMAL_HEAD, event

from explorer import __version__
from explorer.commands import main
from tests.helpers import BUNDLED


def run(*args):
    env = dict(__import__("os").environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "explorer", *map(str, args)], capture_output=True, text=True, timeout=120, env=env)


def test_validate_bundled_ok(bundled, capsys):
    assert main(["validate", str(bundled)]) == 0
    out = capsys.readouterr().out
    from explorer.core.loading import open_dataset

    r = open_dataset(BUNDLED)
    assert f"valid: {len(r.files)} file(s), {len(r.dataset.events)} event(s), 0 error(s), 0 warning(s)" in out


def test_validate_errors_exit_1(make_dataset, capsys):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": event("e1", "1951-02-30")})
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert "events/a.toml:4:1: error: event `e1`: field `date` is not a valid date" in out
    assert "INVALID" in out


def test_validate_usage_and_unreadable(tmp_path):
    assert run("validate").returncode == 2
    r = run("validate", tmp_path / "missing")
    assert r.returncode == 2 and "no such file or folder" in r.stderr
    assert "Traceback" not in r.stderr


def test_broken_input_never_tracebacks(make_dataset):
    root = make_dataset({"dataset.toml": b"\xff\xfe[[[", "x.toml": "a = [1, 'b'"})
    for cmd in (["validate", root], ["list", root], ["positions", root, "--at", "1950"]):
        r = run(*cmd)
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr


def test_version():
    r = run("--version")
    assert r.returncode == 0 and __version__ in r.stdout


def test_list_json_shape(bundled, capsys):
    assert main(["list", "--json", "--party", "ukraine"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["ukraine-recognises-claim-2022"]
    r = rows[0]
    for key in ("id", "date", "start", "end", "precision", "title", "category", "parties", "summary", "names", "sources"):
        assert key in r
    assert r["start"] == r["end"] == "2022-10-07" and r["precision"] == "day"


def test_list_filters_and_bce(make_dataset, capsys):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "a.toml": event("caesar", "-0043-03-15") + event("later", "1947/1949")})
    assert main(["list", str(root), "--json", "--from", "-0100", "--to", "1948"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["start"], r["end"]) for r in rows] == [
        ("caesar", "-0043-03-15", "-0043-03-15"), ("later", "1947-01-01", "1949-12-31")]
    assert main(["list", str(root), "--query", "Event later"]) == 0
    assert "later" in capsys.readouterr().out


def test_list_unknown_filter_is_usage_error(bundled, capsys):
    assert main(["list", "--category", "nope"]) == 2
    assert main(["list", "--from", "1951-13-01"]) == 2


def test_positions_json(capsys):
    assert main(["positions", "--at", "1958", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    russia = next(p for p in data["positions"] if p["party"] == "russia")
    assert russia["name"] == "Soviet Union" and russia["since"] == "1956-10-19"
    assert russia["sources"] and russia["rationale"]
    assert main(["positions", "--at", "2021", "--json"]) == 0
    russia = next(p for p in json.loads(capsys.readouterr().out)["positions"] if p["party"] == "russia")
    assert russia["name"] == "Russian Federation"


@pytest.mark.parametrize("bad", [["positions"], ["positions", "--at", "soon"], ["list", "--bogus"]])
def test_usage_errors_exit_2(bad):
    assert main(bad) == 2 if bad[-1] != "--bogus" else True
    r = run(*bad)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_self_test_passes():
    r = run("self-test")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "self-test passed" in r.stdout


def test_dark_is_an_app_option(capsys):
    """`explorer --dark` opens the app dark (it used to reach the subcommand parser and exit 2)."""
    assert main(["--dark", "/no/such/dataset"]) == 2
    err = capsys.readouterr().err
    assert "no such file or folder" in err and "unrecognized" not in err and "invalid choice" not in err
