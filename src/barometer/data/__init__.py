"""Rules, lexicons and tables (YAML), every one read through one loader: ``load_data(path, Model)``.

Why one loader: a typo in a data file must not silently disable a rule, so every file is checked the
same way before any code reads it —

* its ``version:`` must be the one the reading code was written for (``Model.VERSION``);
* every mapping key and every ``id`` must be unique in the file (YAML itself keeps the last of two
  equal keys without a word);
* it must match its pydantic model (``Model``, a :class:`DataFile`): unknown keys and wrong types are
  errors, named by file, place and entry id.

Each stage declares the model of its files next to the code that reads them; docs/rules.md documents
every file's format.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from typing import Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from barometer.errors import KnowledgeBaseError


class Strict(BaseModel):
    """An entry of a data file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class DataFile(Strict):
    """A whole data file. ``VERSION`` is the format the reading code understands."""

    VERSION: ClassVar[int] = 1
    version: int
    #: Where the facts come from (optional, free text).
    source: str | None = None


M = TypeVar("M", bound=DataFile)


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (libyaml's parser where installed: the generated leaders table has
    8,000 lines), refusing a mapping that names one key twice."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"key {key!r} appears twice", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def read_data(path: str) -> Any:
    """The parsed YAML of ``data/<path>`` (no checks beyond YAML's own and unique keys)."""
    return parse_yaml(resources.files("barometer.data").joinpath(path).read_text("utf-8"), path)


def parse_yaml(text: str, path: str = "<data>") -> Any:
    """YAML text parsed with the safe loader, a key named twice in one mapping being an error."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None


def load_data(path: str, model: type[M]) -> M:
    """``data/<path>`` read, checked (version, unique ids, unknown keys, types) and parsed into ``model``.

    Raises ``KnowledgeBaseError`` with a message naming the file and the entry.
    """
    return parse_data(path, read_data(path), model)


def parse_data(path: str, raw: Any, model: type[M]) -> M:
    """``load_data`` on YAML already parsed (tests build small files this way)."""
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{path}: expected a mapping with `version: {model.VERSION}` at the top")
    if raw.get("version") != model.VERSION:
        raise KnowledgeBaseError(f"{path}: version {raw.get('version')!r}, but this Barometer reads version "
                                 f"{model.VERSION} of the format (docs/rules.md)")
    dupes = [i for i, n in Counter(_ids(raw)).items() if n > 1]
    if dupes:
        raise KnowledgeBaseError(f"{path}: duplicate id {', '.join(map(repr, sorted(dupes, key=str)))}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:5]:
            loc = ".".join(str(p) for p in err["loc"])
            problems.append(f"  at {loc}{_entry_hint(raw, err['loc'])}: {err['msg']}")
        raise KnowledgeBaseError(f"{path}: malformed entry\n" + "\n".join(problems)) from None


def _ids(node: Any) -> list[Any]:
    """Every ``id`` value of the mappings in a parsed file."""
    if isinstance(node, dict):
        own = [node["id"]] if "id" in node and isinstance(node["id"], str | int) else []
        return own + [i for v in node.values() for i in _ids(v)]
    if isinstance(node, list):
        return [i for v in node for i in _ids(v)]
    return []


def _entry_hint(data: Any, loc: tuple) -> str:
    """Name the offending entry (its id/alpha3/alias/name) so a data author can find it."""
    node = data
    best = ""
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            for key in ("id", "alpha3", "alias", "name"):
                if isinstance(node.get(key), str):
                    best = f" ({key}={node[key]!r})"
                    break
    return best
