"""Content checks for the bundled Kuril dataset, second edition (issue #20).

Sources on every entry, the right stance in force in each corrected period,
the factual slips fixed, and text that speaks only to the reader.
"""

import re
import tomllib
from pathlib import Path

import pytest

from tests.helpers import BUNDLED
from explorer.core.dates import Date
from explorer.core.loading import open_dataset as load


def day(text: str) -> float:
    return Date.parse(text).start


@pytest.fixture(scope="module")
def ds():
    result = load(BUNDLED)
    assert result.dataset is not None, result.problems
    return result.dataset


def raw_events() -> dict[str, dict]:
    """Events as written in the TOML, with the fields the model does not carry yet."""
    return {e["id"]: e for f in sorted((BUNDLED / "events").glob("*.toml"))
            for e in tomllib.loads(f.read_text("utf-8")).get("event", [])}


def raw_positions() -> dict[str, dict]:
    data = tomllib.loads((BUNDLED / "positions.toml").read_text("utf-8"))
    return {p["id"]: p for p in data["position"]}


def all_text() -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(Path(BUNDLED).rglob("*.toml")))


def is_web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


# ---------------------------------------------------------------- (a) sources with URLs

def test_every_event_has_a_source_with_a_url(ds):
    assert len(ds.events) >= 90
    missing = [e.id for e in ds.events if not any(is_web(s.url or "") for s in e.sources)]
    assert not missing


def test_every_stance_has_a_source_with_a_url(ds):
    missing = [f"{p.party} since {p.since}" for p in ds.positions
               if not any(is_web(s.url or "") for s in p.sources)]
    assert not missing


def test_no_source_lacks_a_url():
    for e in raw_events().values():
        for s in e.get("source", []):
            assert is_web(s.get("url", "")), (e["id"], s["title"])
    for p in raw_positions().values():
        for s in p.get("source", []):
            assert is_web(s.get("url", "")), (p["id"], s["title"])


def test_both_sides_official_and_scholarly_sources_are_cited():
    text = all_text()
    assert "kremlin.ru" in text and "mid.ru" in text  # Russian official texts
    assert "mofa.go.jp" in text and "kantei.go.jp" in text  # Japanese official texts
    for scholarly in ("hup.harvard.edu", "apjjf.org", "ISBN0198215630", "booklog.jp/item/1/4103047712"):
        assert scholarly in text


def test_weak_sources_are_replaced():
    text = all_text()
    for weak in ("syriatimes.sy", "taishu.jp", "petrograd.ru", "karafuto.ie-t.net/s-120"):
        assert weak not in text, weak
    assert "Gorbachev's visit to Japan recalled" not in text  # a title that did not match its article


# ---------------------------------------------------------------- (b) the stance in force per corrected period

@pytest.mark.parametrize(("party", "when", "position_id", "phrase"), [
    ("japan", "1906-01-01", "jp-1905-karafuto-and-kurils", "Southern Sakhalin"),
    ("russia", "1906-01-01", "ru-1905-portsmouth-cession", "ceded to Japan by the Treaty of Portsmouth"),
    ("japan", "1917-06-01", "jp-1905-karafuto-and-kurils", "Karafuto"),
    ("russia", "1917-06-01", "ru-1905-portsmouth-cession", "Portsmouth"),
    ("japan", "1930-01-01", "jp-1925-portsmouth-confirmed", "confirms the Portsmouth border"),
    ("russia", "1930-01-01", "ru-1925-basic-convention", "remains in force"),
    ("japan", "1945-08-20", "jp-1945-surrender-occupation", "Potsdam"),
    ("russia", "1945-08-20", "ru-1945-war-claim", "all the Kuril Islands"),
    ("japan", "2005-01-01", "jp-2002-four-islands-first", "all four islands belong to Japan"),
    ("russia", "2005-01-01", "ru-2004-at-most-two", "1956 Declaration"),
])
def test_stance_in_force(ds, party, when, position_id, phrase):
    p = ds.position_at(party, day(when))
    assert p is not None and p.id == position_id, (party, when, p and p.id)
    assert phrase in p.stance


def test_no_stance_says_all_of_sakhalin_is_russian_while_the_south_is_japanese(ds):
    for when in ("1906-01-01", "1930-01-01", "1940-01-01"):
        for party in ("japan", "russia"):
            assert "All of Sakhalin is Russian" not in ds.position_at(party, day(when)).stance


def test_soviet_claim_starts_with_yalta_not_the_1875_cession(ds):
    assert ds.position_at("russia", day("1945-03-01")).id == "ru-1945-yalta-terms"
    assert ds.position_at("russia", day("1945-08-20")).id == "ru-1945-war-claim"
    assert ds.position_at("russia", day("1946-01-01")).id == "ru-1945-lawful-acquisition"


def test_mori_parallel_talks_end_with_koizumi(ds):
    assert ds.position_at("japan", day("2001-06-01")).id == "jp-2001-parallel-talks"
    for when in ("2002-06-01", "2010-01-01", "2015-12-31"):
        assert ds.position_at("japan", day(when)).id == "jp-2002-four-islands-first"
    assert ds.position_at("japan", day("2016-06-01")).id == "jp-2016-new-approach"


def test_names_over_time(ds):
    japan, russia = ds.parties["japan"], ds.parties["russia"]
    assert japan.name_at(day("1855-02-07")) == "Tokugawa shogunate"
    assert japan.name_at(day("1930-01-01")) == "Empire of Japan"
    assert japan.name_at(day("2005-01-01")) == "Japan"
    assert russia.name_at(day("1917-06-01")) == "Russian Provisional Government"
    assert russia.name_at(day("1917-01-01")) == "Russian Empire"
    assert russia.name_at(day("1918-01-01")) == "Soviet Russia"


def test_imputed_motives_are_in_notes_not_in_rationale():
    for pid, p in raw_positions().items():
        for point in p.get("rationale", []):
            for imputed in ("pull Japan away", "attract Japanese investment", "attract investment",
                            "economic help"):
                assert imputed not in point, (pid, point)
    assert "imputed" in raw_positions()["ru-1993-law-and-justice"]["notes"]


# ---------------------------------------------------------------- (c) the factual slips are fixed

def test_lavrov_and_the_foreign_minister_talks(ds):
    e = ds.event("lavrov-article-107")
    assert e.date.edtf() == "2019-01-14/2019-01-16"
    assert "14 January" in e.summary and "Article 107" in e.summary
    assert "launched talks between their foreign ministers on 22 January" not in e.summary
    assert "Buenos Aires on 1 December 2018" in raw_events()["lavrov-article-107"]["misconception"]
    assert ds.event("buenos-aires-2018").date.edtf() == "2018-12-01"
    assert ds.event("moscow-summit-2019").date.edtf() == "2019-01-22"
    assert ds.position_at("russia", day("2019-01-15")).id == "ru-2019-results-of-war"


def test_habomai_taken_after_the_signing(ds):
    e = ds.event("instrument-of-surrender")
    assert "still going on" not in e.summary and "3–5 September" in e.summary


def test_yoshida_called_them_the_south_kuriles(ds):
    e = ds.event("yoshida-speech")
    assert "South Kuriles" in e.summary and "1955–56" in e.summary
    assert "Habomai" in ds.event("dulles-san-francisco-1951").summary
    assert ds.event("morishita-statement-1956").date.edtf() == "1956-02-11"


def test_grave_visits_run_under_their_own_arrangement(ds):
    e = ds.event("visit-agreements-terminated-2022")
    assert "separate arrangement" in e.summary and "1964" in e.summary
    assert "lose their legal route to visit family graves" not in e.summary
    assert ds.event("grave-visits-1964").date.edtf() == "1964-09-08"


def test_fishing_agreement_suspended_separately():
    rationale = " ".join(raw_positions()["ru-2022-talks-suspended"]["rationale"])
    assert "7 June 2022" in rationale and "suspended separately" in rationale


def test_imprecise_entries_are_corrected(ds):
    assert ds.event("london-talks").date.edtf() == "1955-06-01"
    assert "3 June" in ds.event("london-talks").summary
    pact = ds.event("neutrality-pact").summary
    assert "25 April 1941" in pact and "April 1946" in pact and "13 April 1946" not in pact
    assert ds.event("islanders-expelled").date.edtf().startswith("1945")
    assert "northernmost" not in ds.event("kuril-landing").summary
    assert "Tsutsui Masanori" in ds.event("treaty-of-shimoda").summary
    assert {"etorofu", "kunashiri"} <= set(ds.event("scapin-677").places)
    nishimura = ds.event("nishimura-diet-answer")
    assert nishimura.category == "parliament"
    assert any("kokkai.ndl.go.jp" in (s.url or "") or "会議録" in s.title for s in nishimura.sources)
    assert "explicit" not in ds.event("putin-us-bases-2018").summary
    kaifu = ds.event("kaifu-gorbachev-1991").summary
    assert "since 1961" not in kaifu and "in writing" in kaifu
    assert "both parliaments have ratified" in ds.event("joint-declaration-1956").summary
    missiles = ds.event("missiles-2016")
    assert any(is_web(s.url or "") for s in missiles.sources)
    assert raw_events()["missiles-2016"]["reported"]


def test_neutral_wording():
    text = all_text()
    # Territory is 'occupied' or 'incorporated' (boats may still be 'seized').
    assert not re.search(r"(Soviet|Russian) seizure|seiz(e|ed|ing) (the|four|two) islands|seizure of the islands",
                         text, re.IGNORECASE)
    assert "Soviet decree incorporates" in text
    assert "expulsion; Russia: repatriation" in text


def test_reported_and_misconception_fields_are_used():
    events = raw_events()
    assert sum(1 for e in events.values() if e.get("misconception")) >= 8
    assert sum(1 for e in events.values() if e.get("reported")) >= 5
    for eid in ("kawana-summit", "tanaka-brezhnev-1973", "putin-2005-sovereignty"):
        assert events[eid].get("reported"), eid


def test_question_and_introduction():
    data = tomllib.loads((BUNDLED / "dataset.toml").read_text("utf-8"))["dataset"]
    assert data["question"].endswith("?")
    assert 80 <= len(data["introduction"].split()) <= 150


def test_story_is_coherent(ds):
    [story] = ds.stories
    assert 10 <= len(story.steps) <= 14
    starts = [ds.event(s.event).start for s in story.steps]
    assert starts == sorted(starts)


# ---------------------------------------------------------------- (d) text for readers only

def test_no_text_mentions_an_explainer_or_the_seed():
    text = all_text()
    assert "explainer" not in text.lower()
    assert not re.search(r"\bseed\b", text, re.IGNORECASE)
