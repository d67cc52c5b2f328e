"""Every error the foundation issue lists: file, line and the words of the message."""

from tests.helpers import MINIMAL_HEAD, POSITIONS, event

from tests.helpers import parse_path as load


def problems(root):
    return [str(p) for p in load(root).problems]


def only(root, severity="error"):
    ps = [p for p in load(root).problems if p.severity == severity]
    return ps


def test_valid_minimal(mini):
    r = load(mini)
    assert r.ok, problems(mini)
    assert [e.id for e in r.dataset.events] == ["e1", "e2", "e3"]
    assert r.problems == []


def test_bundled_dataset_is_clean(bundled):
    r = load(bundled)
    assert r.ok and r.problems == [], [str(p) for p in r.problems]


def test_syntax_error_uses_tomli_position(make_dataset):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/x.toml": event("e1") + "\ntitle = \n"})
    [p] = only(root)
    assert p.path == "events/x.toml"
    text = (root / "events/x.toml").read_text().splitlines()
    assert p.line == len(text) and p.col == 9
    assert "TOML syntax error" in p.message and "Invalid value" in p.message


def test_not_utf8(make_dataset):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/x.toml": b'[[event]]\nid = "e1"\ntitle = "caf\xe9"\n'})
    [p] = only(root)
    assert (p.path, p.line, p.col) == ("events/x.toml", 3, 13)
    assert "not UTF-8" in p.message


def test_empty_folder(tmp_path):
    [p] = only(tmp_path)
    assert "empty dataset folder" in p.message


def test_missing_dataset_toml(make_dataset):
    root = make_dataset({"events/a.toml": event("e1")})
    [p] = only(root)
    assert p.path == "dataset.toml" and "missing `dataset.toml`" in p.message


def test_duplicate_id_across_files(make_dataset):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS.replace('event = "e1"\n', ''),
                         "events/a.toml": event("e1"), "events/b.toml": "\n\n" + event("e1")})
    [p] = only(root)
    assert p.path == "events/b.toml" and p.line == 5
    assert "duplicate event id `e1`" in p.message and "events/a.toml:3" in p.message


def test_unknown_references(make_dataset):
    bad = event("e1").replace('parties = ["a", "b"]', 'parties = ["a", "zeta"]').replace('category = "treaty"', 'category = "treatty"')
    bad = bad.replace('parties = ["a", "zeta"]\n', 'parties = ["a", "zeta"]\nrelated = [{ id = "nope", relation = "implements" }]\n')
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": bad})
    msgs = {p.message: p for p in only(root)}
    cat = next(p for m, p in msgs.items() if "unknown category" in m)
    assert "event `e1`: unknown category `treatty`; did you mean `treaty`?" == cat.message and cat.line == 7
    party = next(p for m, p in msgs.items() if "unknown party" in m)
    assert "unknown party `zeta`" in party.message and party.line == 8
    rel = next(p for m, p in msgs.items() if "related event" in m)
    assert "related event `nope` does not exist" in rel.message and rel.line == 9


def test_impossible_dates(make_dataset):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": event("e1", "1951-13-08") + event("e2", "1951-02-30")})
    ps = only(root)
    assert [(p.line, p.col) for p in ps] == [(4, 1), (16, 1)]
    assert "event `e1`: field `date` is not a valid date: `1951-13-08`: month 13 does not exist" == ps[0].message
    assert "has 28 days, not 30" in ps[1].message


def test_interval_ends_before_start(make_dataset):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": event("e1", "1949/1947")})
    [p] = only(root)
    assert p.line == 4 and "ends (1947) before it starts (1949)" in p.message


def test_position_until_before_since(make_dataset):
    pos = '\n[[position]]\nparty = "a"\nsince = "1990"\nuntil = "1980"\nstance = "x"\n  [[position.source]]\n  title = "S"\n'
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + pos, "events/a.toml": event("e1")})
    [p] = only(root)
    head_lines = MINIMAL_HEAD.count("\n")
    assert p.path == "dataset.toml" and p.line == head_lines + 5
    assert "`until` (1980) is before `since` (1990)" in p.message


def test_unknown_key_suggests(make_dataset):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": event("e1", extra='sumary = "typo"\n')})
    [p] = only(root)
    assert p.message == "unknown key `sumary` in event `e1`; did you mean `summary`?"
    assert (p.line, p.col) == (9, 1)


def test_wrong_type(make_dataset):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": event("e1").replace('title = "Event e1"', "title = 12")})
    [p] = only(root)
    assert p.line == 5 and p.message == "event `e1`: field `title` must be text, not a number (12)"


def test_warnings_no_source_and_no_stance(make_dataset):
    ev = event("e1").split("  [[event.source]]")[0]
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": ev})
    r = load(root)
    assert r.ok  # warnings do not stop loading
    ws = [str(p) for p in r.warnings]
    assert "events/a.toml:2:3: warning: event `e1` has no source; add at least one [[event.source]]" in ws
    assert any(w.startswith("dataset.toml:9:3: warning: party `a` has no stance") for w in ws)


def test_all_problems_collected(make_dataset):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": event("e1", "1951-13-01") + event("e2", "x"),
                         "events/b.toml": "broken = = ="})
    assert len(only(root)) == 3


def test_non_http_source_url_rejected(make_dataset):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": event("e1").replace("https://example.org/e1", "file:///etc/passwd")})
    [p] = only(root)
    assert "must start with http:// or https://" in p.message


def test_single_file_dataset(tmp_path):
    f = tmp_path / "one.toml"
    f.write_text(MINIMAL_HEAD + event("e1") + POSITIONS, encoding="utf-8")
    r = load(f)
    assert r.ok, [str(p) for p in r.problems]
    assert r.dataset.events[0].id == "e1"


def test_positions_at_and_names(mini):
    from explorer.core.dates import Date

    ds = load(mini).dataset
    day = Date.parse("2000").start
    assert ds.positions_at(day)["a"].stance == "Alpha's first stance"
    assert ds.positions_at(Date.parse("2010").start)["a"].stance == "Alpha's second stance"
    assert ds.positions_at(Date.parse("1980").start)["a"] is None
    assert ds.parties["b"].name_at(Date.parse("1990").start) == "Old Beta"
    assert ds.parties["b"].name_at(Date.parse("2001").start) == "Beta"
