"""Fuzzing the loader in `make test` (a few hundred cases; `make fuzz` runs 10,000)."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzzing
from tests.helpers import MINIMAL_HEAD
from tests.helpers import parse_path as load
from explorer.interop.toml_out import _value


def test_mutations_of_the_real_dataset():
    n, findings = fuzzing.run(300, seed=7, report_every=0)
    assert not findings, findings[0]


scalars = st.one_of(
    st.text(max_size=40), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.sampled_from(["1945-09-02", "1945-13-02", "../..", "1956~/1957?", "-9999", "10000", "19XX", "194X-01",
                     "2001-02-29", "", " ", "event:x", "https://x.org", "javascript:alert(1)"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.sampled_from(["id", "title", "x", "url"]),
                                                                        inner, max_size=3)), max_leaves=8)
EVENT_KEYS = ["id", "date", "title", "summary", "category", "parties", "names", "places", "tags", "notes",
              "related", "source", "bogus"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.dictionaries(st.sampled_from(EVENT_KEYS), values, max_size=10), max_size=4))
def test_generated_event_tables(tmp_path_factory, events):
    root = tmp_path_factory.mktemp("gen")
    lines = [MINIMAL_HEAD]
    for ev in events:
        lines.append("[[event]]")
        for k, v in ev.items():
            lines.append(f"{k} = {_value(v)}")
    (root / "dataset.toml").write_text("\n".join(lines), encoding="utf-8")
    fuzzing.check(root, {"dataset.toml"})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=string.printable + "[]{}=\"'#\\日本語\u202e\x00", max_size=300))
def test_arbitrary_text_as_an_events_file(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("txt")
    (root / "dataset.toml").write_text(MINIMAL_HEAD, encoding="utf-8")
    (root / "events.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    fuzzing.check(root, {"dataset.toml", "events.toml"})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_an_events_file(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("bin")
    (root / "dataset.toml").write_text(MINIMAL_HEAD, encoding="utf-8")
    (root / "events.toml").write_bytes(data)
    fuzzing.check(root, {"dataset.toml", "events.toml"})
    assert load(root) is not None
