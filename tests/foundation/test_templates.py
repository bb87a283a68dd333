"""Templates ask the models about status; template tags only render."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from circles.models import Circle, Registration
from reports.models import Report
from sessions.models import Action, Outcome

ROOT = Path(__file__).resolve().parents[2]
STATUS_VALUES = {
    value
    for choices in (Circle.Status, Registration.Status, Outcome.Status, Report.Status, Action.Status)
    for value in choices.values
}
IF_TAG = re.compile(r"{%-?\s*(?:el)?if\b(.*?)-?%}", re.S)
QUOTED = re.compile(r"""["']([^"']*)["']""")
TAG_MODULES = sorted(ROOT.glob("*/templatetags/*.py")) + sorted(ROOT.glob("leerkring/*/templatetags/*.py"))


def _status_comparisons(text: str) -> list[str]:
    found = []
    for condition in IF_TAG.findall(text):
        compares_status = re.search(r"status\s*[!=]=|[!=]=\s*\S*status\b", condition)
        if compares_status or set(QUOTED.findall(condition)) & STATUS_VALUES:
            found.append(condition.strip())
    return found


def test_no_template_compares_a_status_string() -> None:
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "templates").rglob("*"))
        if path.is_file() and (found := _status_comparisons(path.read_text()))
    }
    assert offenders == {}


def test_the_scan_catches_each_way_of_comparing_a_status() -> None:
    assert _status_comparisons('{% if circle.status == "concept" %}')
    assert _status_comparisons("{% elif report.status != 'klaar' %}")
    assert _status_comparisons('{% if to == "geannuleerd" %}')
    assert not _status_comparisons("{% if circle.is_concept %}{% elif message.tags == 'error' %}")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_template_tags_import_no_models_selectors_or_access() -> None:
    """A tag that cannot reach the database or the permission rules cannot query or decide per row."""
    assert TAG_MODULES, "no template tag modules found"
    forbidden = re.compile(r"(^|\.)(models|selectors|access|services)(\.|$)|^django\.db")
    offenders = {
        str(path.relative_to(ROOT)): sorted(name for name in _imports(path) if forbidden.search(name))
        for path in TAG_MODULES
    }
    assert {path: names for path, names in offenders.items() if names} == {}


RESPONSIVE = re.compile(r"<div\b[^>]*\btable-responsive\b[^>]*>")
NAMED = re.compile(r"""\baria-(?:label|labelledby)="([^"]+)\"""")
INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+)["']([^%]*)%}""")


def _unreachable_tables(path: Path, text: str, includes: list[tuple[str, str]]) -> list[str]:
    """Wrappers that scroll sideways but cannot be reached and named: WCAG 2.1.1 and 4.1.2."""
    found = []
    name = str(path.relative_to(ROOT / "templates"))
    for wrapper in RESPONSIVE.findall(text):
        label = NAMED.search(wrapper)
        if 'tabindex="0"' not in wrapper or 'role="region"' not in wrapper or label is None:
            found.append(wrapper)
        elif variable := re.fullmatch(r"{{\s*(\w+)\s*}}", label.group(1)):
            # A name the include passes in: every include must pass it.
            found += [
                f"{wrapper} included without {variable.group(1)}="
                for used, args in includes
                if used == name and f"{variable.group(1)}=" not in args
            ]
    return found


def test_every_table_that_scrolls_sideways_is_reachable_by_keyboard_and_named() -> None:
    templates = [path for path in sorted((ROOT / "templates").rglob("*.html")) if path.is_file()]
    includes = [match for path in templates for match in INCLUDE.findall(path.read_text())]
    wrappers = [path for path in templates if "table-responsive" in path.read_text()]
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in wrappers
        if (found := _unreachable_tables(path, path.read_text(), includes))
    }
    assert len(wrappers) >= 10
    assert offenders == {}
