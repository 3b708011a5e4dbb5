"""The layout shows the architecture: small modules, imports one way, stages that talk through layers.

Each rule here is one the renovation of issue 19 set (docs/architecture.md): a module over 500
lines, a stage importing another stage, a side channel through ``doc.user_data``, ``get_settings()``
outside an entry point, or a stale import graph in the docs fails the test run.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "barometer"
MAX_LINES = 500
STAGES = ("actors", "times", "amounts", "places", "quotes", "events")
#: The only modules that may read the process's settings from the environment.
ENTRY_POINTS = {"settings.py", "pipeline.py", "api/app.py"}


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "web/static" not in str(p))


def _script():  # noqa: ANN202 - the scripts/import_graph.py module
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_graph", module)
    spec.loader.exec_module(module)
    return module


def test_no_module_is_over_500_lines():
    long = {str(p.relative_to(SRC)): n for p in _modules() if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them by concern): {long}"


def test_the_import_graph_in_the_docs_is_current_and_has_no_cycle():
    pytest.importorskip("grimp")
    graph = _script()
    edges = graph.package_edges()
    assert not graph.cycles(edges), f"import cycles between packages: {graph.cycles(edges)}"
    doc = graph.DOC.read_text("utf-8")
    assert graph.section(edges) in doc, "docs/architecture.md is stale: run scripts/import_graph.py"


def test_stages_import_no_other_stage_and_ingest_no_orchestration():
    pytest.importorskip("grimp")
    edges = _script().package_edges()
    crossing = {a: sorted(edges[a] & set(STAGES)) for a in STAGES if edges.get(a, set()) & set(STAGES)}
    assert not crossing, f"stages must talk through the layers, not import each other: {crossing}"
    assert not edges["ingest"] & {"scale", "store", "batch", "pipeline"}, edges["ingest"]
    assert not edges["store"] & {"scale", "batch", "pipeline", *STAGES}, edges["store"]


def _calls(path: Path, name: str) -> list[int]:
    tree = ast.parse(path.read_text("utf-8"))
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call)
            and getattr(n.func, "id", getattr(n.func, "attr", None)) == name]


def test_settings_are_read_from_the_environment_only_by_entry_points():
    found = {str(p.relative_to(SRC)): lines for p in _modules()
             if str(p.relative_to(SRC)) not in ENTRY_POINTS and (lines := _calls(p, "get_settings"))}
    assert not found, f"get_settings() outside an entry point (pass the Settings or the Pipeline down): {found}"


def _nodes(path: Path) -> list[ast.AST]:
    return list(ast.walk(ast.parse(path.read_text("utf-8"))))


def test_only_the_pipeline_resolves_stages_and_no_stage_uses_doc_user_data():
    resolving = {str(p.relative_to(SRC)) for p in _modules() for n in _nodes(p)
                 if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get"
                 and isinstance(n.func.value, ast.Name) and n.func.value.id == "registry"}
    assert resolving <= {"pipeline.py"}, f"stage lookup outside the pipeline: {resolving}"
    channels = {str(p.relative_to(SRC)) for p in _modules() for n in _nodes(p)
                if isinstance(n, ast.Attribute) and n.attr == "user_data"}
    assert not channels, f"doc.user_data used as a channel between stages: {channels}"
