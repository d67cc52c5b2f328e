"""The class handout (#23.3): the question and the introduction, the whole span on one page with
the stance band, the story's steps in order as cards, and the sources they cite."""

import pypdf
import pytest

from explorer.core.loading import load_dataset
from explorer.core.output import ExportError
from explorer.export.cards import CardOptions
from explorer.export.handout import export_handout, number_sources, story_events
from tests.export.printed_text import card_fragments, missing, pdf_text, squash


@pytest.fixture(scope="module")
def ds(qapp):
    from tests.helpers import BUNDLED

    return load_dataset(BUNDLED)


@pytest.fixture(scope="module")
def handout(ds, tmp_path_factory, qapp):
    from explorer.ui.print_view import timeline_painter

    out = tmp_path_factory.mktemp("handout") / "handout.pdf"
    pages = export_handout(ds, out, CardOptions("A4", 1), timeline_painter(ds))
    return out, pages


def page_texts(path):
    return [squash(p.extract_text()) for p in pypdf.PdfReader(path).pages]


def test_cover_has_the_question_and_the_introduction(ds, handout):
    out, pages = handout
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == pages
    cover = squash(reader.pages[0].extract_text())
    assert squash(ds.question) in cover
    assert squash(ds.introduction) in cover
    assert squash(f"THE STORY IN {len(ds.stories[0].steps)} STEPS") in cover
    assert reader.metadata.title.endswith("class handout")


def test_the_whole_span_on_one_landscape_page_with_the_band(ds, handout):
    out, _ = handout
    page = pypdf.PdfReader(out).pages[1]
    assert page.mediabox.width > page.mediabox.height
    text = squash(page.extract_text())
    assert squash("The whole span at a glance") in text
    assert squash("United States") in text  # the timeline's lanes
    assert "Japan" in text and squash("Russian Federation") in text  # the band's rows
    assert all(str(n) in text for n in range(1, len(ds.stories[0].steps) + 1))  # the steps, numbered


def test_the_steps_come_in_order_as_whole_cards(ds, handout):
    out, _ = handout
    text = pdf_text(out, ds.title)
    steps = story_events(ds)
    refs = number_sources([ev for _, ev in steps])
    where = [text.index(squash(f"STEP {i} OF {len(steps)}")) for i in range(1, len(steps) + 1)]
    assert where == sorted(where)
    for (narrative, ev), at in zip(steps, where):
        assert text.index(squash(narrative[:60]), at) < text.index(squash(ev.title), at)
    lost = {ev.id: m for _, ev in steps if (m := missing(card_fragments(ds, ev, refs=refs), text))}
    assert lost == {}


def test_every_source_is_listed_with_its_address(ds, handout):
    out, _ = handout
    last = "".join(page_texts(out)[-3:])
    steps = story_events(ds)
    sources = [s for _, ev in steps for s in ev.details().sources]
    assert squash("Sources") in last
    assert [s.url for s in sources if squash(s.url) not in last] == []
    refs = number_sources([ev for _, ev in steps])
    assert sorted(refs.values()) == list(range(1, len(refs) + 1))
    assert len(refs) == len({(s.title, s.url) for s in sources})


def test_without_the_timeline_painter_the_page_still_shows_the_span(ds, tmp_path):
    out = tmp_path / "h.pdf"
    export_handout(ds, out, CardOptions("A5", 2))
    second = squash(pypdf.PdfReader(out).pages[1].extract_text())
    assert squash("The whole span at a glance") in second and "Japan" in second


def test_a_dataset_without_a_story_has_no_handout(ds, tmp_path):
    import copy

    bare = copy.copy(ds)
    bare.stories = []
    with pytest.raises(ExportError, match="no story"):
        export_handout(bare, tmp_path / "h.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_card_dialog_makes_a_handout(ds, tmp_path, qtbot):
    from explorer.core.session import Session
    from explorer.ui.dialogs.export_dialog import ExportDialog

    s = Session()
    s.set_dataset(ds)
    dlg = ExportDialog(ds, {k: s.export_scope(k) for k in ("selected", "view", "matching", "all")}, False)
    qtbot.addWidget(dlg)
    assert dlg.kind_cards.isChecked() and dlg.kind_handout.isEnabled()
    dlg.kind_handout.setChecked(True)
    assert dlg.handout() and not dlg.scope_all.isEnabled()  # a handout follows the story
    dlg.per_page.setCurrentText("2")
    out = tmp_path / "handout.pdf"
    assert dlg.run_export(str(out))
    reader = pypdf.PdfReader(out)
    assert reader.metadata.title.endswith("class handout")
    assert squash(ds.question) in squash(reader.pages[0].extract_text())
    dlg.kind_cards.setChecked(True)
    assert dlg.scope_all.isEnabled()
