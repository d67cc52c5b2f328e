"""Text handed to Qt widgets that guess rich text goes through `ui.text.plain()`.

QLabel, QMessageBox, tooltips (setToolTip, QToolTip.showText) and What's This render a string as HTML when
Qt.mightBeRichText() guesses so: a dataset title like "<img src=…>" or "a <b> c"
would be rendered (or hidden) instead of shown. So every such call in
src/explorer/ui/ must pass either a literal (a string, or an f-string whose
values are reviewed as holding no data text: ALLOWED below) or `plain(...)`.

Found with `ast`, per module: `.setText(`/`.setInformativeText(` count only on
names assigned a QLabel/QMessageBox (or inside a subclass of one) in the same
module, and not on those given `setTextFormat(Qt.TextFormat.PlainText)`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "src" / "explorer" / "ui"

RICH_CLASSES = {"QLabel", "QMessageBox"}
TEXT_METHODS = {"setText", "setInformativeText"}  # on a QLabel / QMessageBox
TIP_METHODS = {"setToolTip", "setWhatsThis"}  # the text is the last argument (items: column first)
# QStatusBar paints showMessage / status tips as plain text (checked: "&amp;" shows literally),
# so they are not rich-text sinks and must NOT be escaped.
STATUS_METHODS: set[str] = set()
BOX_STATICS = {"critical", "warning", "information", "question", "about"}

# (file relative to ui/, source of the argument): reviewed, no dataset or user text in it.
ALLOWED = {
    ("shell/wiring.py", "f'Cursor: {display_day(day)}'"),  # a day number formatted by us
    ("panels/search_bar.py", "f'{total} events'"),  # counts
    ("panels/search_bar.py", "f'{matches} of {total} match'"),
    ("panels/search_bar.py", "f'match {current} of {matches}'"),
    ("shell/actions.py", "f'{key.tip} ({key.shortcut})' if key.shortcut else key.tip"),  # our own action texts
    ("shell/actions.py", "key.tip"),
    ("map/map_view.py", "self.tooltip_html(rid)"),  # built with html.escape of every data string
    ("panels/search_bar.py", "name"),  # _combo's own accessible names
    ("panels/search_bar.py", "tip"),  # _button's own tips
    ("shell/file_actions.py", "about_html(__version__, win.session.dataset, qVersion(), PySide6.__version__)"),  # escapes inside
}


def _is_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, int, float)) or node.value is None
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_literal(node.left) and _is_literal(node.right)
    if isinstance(node, ast.IfExp):
        return _is_literal(node.body) and _is_literal(node.orelse)
    if isinstance(node, ast.Call) and _name(node.func) == "tr":  # self.tr("…")
        return all(_is_literal(a) for a in node.args)
    return False


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_plain_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) == "plain"


class _Scan(ast.NodeVisitor):
    def __init__(self, rel: str, tree: ast.Module):
        self.rel = rel
        self.found: list[tuple[str, int, str, str]] = []
        self.rich_receivers: set[str] = set()
        self.plain_receivers: set[str] = set()
        self.rich_class_stack: list[bool] = []
        for node in ast.walk(tree):  # names bound to a QLabel / QMessageBox anywhere in the module
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call) \
                    and _name(node.value.func) in RICH_CLASSES:
                for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    self.rich_receivers.add(ast.unparse(t))
            if isinstance(node, ast.Call) and _name(node.func) == "setTextFormat" \
                    and isinstance(node.func, ast.Attribute) and "PlainText" in ast.unparse(node.args[0] if node.args else node):
                self.plain_receivers.add(ast.unparse(node.func.value))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.rich_class_stack.append(any(_name(b) in RICH_CLASSES for b in node.bases))
        self.generic_visit(node)
        self.rich_class_stack.pop()

    def check(self, call: ast.Call, arg: ast.AST | None, what: str) -> None:
        if arg is None or _is_plain_call(arg) or _is_literal(arg):
            return
        src = ast.unparse(arg)
        if (self.rel, src) in ALLOWED:
            return
        self.found.append((self.rel, call.lineno, what, src))

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        args = node.args
        kw = {k.arg: k.value for k in node.keywords}
        receiver = ast.unparse(node.func.value) if isinstance(node.func, ast.Attribute) else ""
        if name in TIP_METHODS | STATUS_METHODS and args:
            self.check(node, args[-1] if name in TIP_METHODS else args[0], name)
        elif name in TEXT_METHODS and isinstance(node.func, ast.Attribute):
            rich = receiver in self.rich_receivers or (receiver == "self" and any(self.rich_class_stack))
            if rich and receiver not in self.plain_receivers:
                self.check(node, args[0] if args else kw.get("text"), f"{receiver}.{name}")
        elif name == "showText" and receiver == "QToolTip":
            self.check(node, args[1] if len(args) > 1 else kw.get("text"), "QToolTip.showText")
        elif name in BOX_STATICS and receiver == "QMessageBox":
            self.check(node, args[2] if len(args) > 2 else kw.get("text"), f"QMessageBox.{name}")
        elif name == "QLabel" and args and not (isinstance(args[0], ast.Name) and args[0].id in ("self", "parent")):
            self.check(node, args[0], "QLabel")
        elif name == "QMessageBox" and len(args) > 2:
            self.check(node, args[2], "QMessageBox")
        self.generic_visit(node)


def scan() -> list[tuple[str, int, str, str]]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        rel = path.relative_to(UI).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        s = _Scan(rel, tree)
        s.visit(tree)
        found += s.found
    return found


def test_the_scanner_finds_what_it_should(tmp_path):
    """The scanner itself works (this part passes today)."""
    code = '''
from PySide6.QtWidgets import QLabel, QMessageBox
class Box(QMessageBox):
    def show_it(self, title):
        self.setText(title)
def f(ev, w, item):
    lab = QLabel(ev.title)
    lab.setText(ev.title)
    lab.setText(plain(ev.title))
    lab.setText("literal")
    w.setToolTip(ev.summary)
    item.setToolTip(1, f"{ev.title}")
    w.setToolTip(plain(ev.title))
    QMessageBox.warning(w, "Title", str(ev))
    edit.setText(ev.title)  # not a label: plain text
    QToolTip.showText(pos, ev.title, w)
    pl = QLabel()
    pl.setTextFormat(Qt.TextFormat.PlainText)
    pl.setText(ev.title)
'''
    tree = ast.parse(code)
    s = _Scan("x.py", tree)
    s.visit(tree)
    assert [(line, what) for _, line, what, _ in s.found] == [
        (5, "self.setText"), (7, "QLabel"), (8, "lab.setText"), (11, "setToolTip"), (12, "setToolTip"),
        (14, "QMessageBox.warning"), (16, "QToolTip.showText"),
    ]


def test_rich_text_widgets_get_plain_text():
    found = scan()
    assert not found, "wrap in plain(...) (src/explorer/ui/text.py):\n" + "\n".join(
        f"  src/explorer/ui/{rel}:{line}: {what}({src})" for rel, line, what, src in found)


@pytest.mark.parametrize("text", ['<img src="/dev/zero">', '<img src="/etc/passwd" width=40000 height=40000>',
                                  "a <b>bold</b> & <i>claim</i>", "line one\nline two"])
def test_plain_shows_exactly_the_characters_and_loads_nothing(qtbot, text):
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QLabel

    from explorer.ui.text import plain

    doc = QTextDocument()
    doc.setHtml(plain(text))
    assert doc.toPlainText() == text
    label = QLabel()
    qtbot.addWidget(label)
    label.setText(plain(text))  # a rich-text-guessing widget: must not read /dev/zero or /etc/passwd
    label.adjustSize()
    assert not label.grab().isNull() and label.width() < 5000
