"""Every data file is read through ``load_data`` with its own model, and documented in docs/rules.md."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from barometer.data import DataFile, load_data, parse_data, parse_yaml
from barometer.errors import KnowledgeBaseError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def _models() -> dict[str, type[DataFile]]:
    from barometer.actors.epithets import EpithetsFile
    from barometer.actors.kb import CountriesFile, GroupsFile, IgosFile, PeopleFile, RolesFile
    from barometer.amounts.extractor import AmountLexiconFile
    from barometer.clean.boilerplate import BoilerplateFile
    from barometer.events.argdata import ArgumentsFile
    from barometer.events.calibration import CalibrationFile
    from barometer.events.filters import FiltersFile
    from barometer.events.known import KnownEventsFile
    from barometer.events.lexicon import ModalityFile, TriggersFile
    from barometer.events.ontology import PloverFile
    from barometer.events.past import PastFile
    from barometer.events.speech import SpeechActsFile
    from barometer.places.resolver import AliasesFile, PlaceRolesFile, RegionsFile
    from barometer.quotes.lexicon import CuesFile
    from barometer.times.resolver import RelativeFile, TimeLexiconFile

    return {"actors/roles.yaml": RolesFile, "actors/countries.yaml": CountriesFile, "actors/igos.yaml": IgosFile,
            "actors/people.yaml": PeopleFile, "actors/leaders.yaml": PeopleFile,
            "actors/organisations.yaml": IgosFile, "actors/groups.yaml": GroupsFile,
            "actors/epithets.yaml": EpithetsFile, "amounts/lexicon.yaml": AmountLexiconFile,
            "clean/boilerplate.yaml": BoilerplateFile, "events/plover.yaml": PloverFile,
            "events/triggers.yaml": TriggersFile, "events/modality.yaml": ModalityFile,
            "events/arguments.yaml": ArgumentsFile, "events/calibration.yaml": CalibrationFile, "events/past.yaml": PastFile, "events/known_events.yaml": KnownEventsFile, "events/speech_acts.yaml": SpeechActsFile, "events/filters.yaml": FiltersFile,
            "places/regions.yaml": RegionsFile, "places/aliases.yaml": AliasesFile,
            "places/roles.yaml": PlaceRolesFile, "quotes/cues.yaml": CuesFile,
            "times/lexicon.yaml": TimeLexiconFile, "times/relative.yaml": RelativeFile}


def _data_files(suffixes: tuple[str, ...]) -> list[str]:
    root = Path(str(resources.files("barometer.data")))
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.suffix in suffixes)


def test_every_yaml_file_has_a_model_and_loads():
    models = _models()
    assert _data_files((".yaml", ".yml")) == sorted(models), "a YAML data file without a model (or a model "\
        "without a file): add it to _models() and to docs/rules.md"
    for path, model in models.items():
        assert isinstance(load_data(path, model), model)


def test_every_data_file_is_documented():
    text = DOCS.read_text("utf-8")
    missing = [p for p in _data_files((".yaml", ".yml", ".tsv")) if f"`{p}`" not in text]
    assert not missing, f"data files missing from docs/rules.md: {missing}"
    missing = [m.__name__ for m in _models().values() if m.__name__ not in text]
    assert not missing, f"models missing from docs/rules.md: {missing}"


def test_unknown_keys_duplicate_ids_and_other_versions_are_refused():
    from barometer.places.resolver import AliasesFile

    good = {"version": 1, "aliases": [{"id": "alias.a", "names": ["A"], "country": "AAA"}]}
    assert parse_data("places/aliases.yaml", good, AliasesFile).aliases[0].country == "AAA"
    typo = {"version": 1, "aliases": [{"id": "alias.a", "names": ["A"], "contry": "AAA"}]}
    with pytest.raises(KnowledgeBaseError, match=r"(?s)places/aliases.yaml: malformed.*aliases\.0\.contry "
                                                 r"\(id='alias\.a'\)"):
        parse_data("places/aliases.yaml", typo, AliasesFile)
    twice = {"version": 1, "aliases": [{"id": "alias.a", "names": ["A"], "country": "AAA"},
                                       {"id": "alias.a", "names": ["B"], "country": "BBB"}]}
    with pytest.raises(KnowledgeBaseError, match="duplicate id 'alias.a'"):
        parse_data("places/aliases.yaml", twice, AliasesFile)
    with pytest.raises(KnowledgeBaseError, match="version 2, but this Barometer reads version 1"):
        parse_data("places/aliases.yaml", {**good, "version": 2}, AliasesFile)
    with pytest.raises(KnowledgeBaseError, match="version None"):
        parse_data("places/aliases.yaml", {"aliases": []}, AliasesFile)


def test_a_key_named_twice_in_one_mapping_is_refused():
    with pytest.raises(KnowledgeBaseError, match="key 'country' appears twice"):
        parse_yaml("version: 1\naliases:\n  - {id: a, names: [A], country: AAA, country: BBB}\n", "x.yaml")


def test_yaml_booleans_are_not_words():
    from barometer.events.lexicon import TriggersFile

    raw = parse_yaml("version: 2\nlight_verbs: [hold]\ntriggers:\n"
                     "  - {id: t.a, lemma: [meet], pos: [VERB], type: CONSULT, prep_any: [on]}\n")
    with pytest.raises(KnowledgeBaseError, match=r"triggers\.0\.prep_any\.0 \(id='t\.a'\)"):
        parse_data("events/triggers.yaml", raw, TriggersFile)
