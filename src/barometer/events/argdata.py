"""Argument readings as data: ``data/events/arguments.yaml`` (format in docs/rules.md).

Why data: which nouns stand for the party their "for" phrase names, which name another party than
their owner, which objects' "from" phrase is the addressee of a speech act, and which nouns a
misattached phrase may hang on are facts about English words, not code; each reading has an id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from barometer.data import DataFile, Strict, load_data


class _Nouns(Strict):
    id: str
    nouns: list[str]


class _Words(Strict):
    id: str
    words: list[str]


class RepresentativeSpec(_Nouns):
    preps: list[str]


class ObjectPartySpec(Strict):
    id: str
    types: list[str]
    preps: list[str]


class AnaphorSpec(Strict):
    """Object nouns that refer back to an earlier act of the article ("condemned these comments")."""

    id: str
    nouns: list[str]
    #: PLOVER types of the acts the noun may refer to; ``quote`` also takes a quotation's speaker
    refers_to: list[str]
    quote: bool = False
    #: types of the verb the noun is the object of (the answering act)
    verb_types: list[str]


class MeansSpec(Strict):
    """"was killed in a US operation": an agentless passive's phrase with one of ``preps`` holding an
    act noun of the verb's own type names the doer (that noun's possessor or adjective)."""

    id: str
    preps: list[str]


class RecipientSpec(Strict):
    """"supplied Ukraine with artillery": for these verbs, a phrase with one of ``preps`` holds the
    thing given, and the object is the recipient (the target)."""

    id: str
    verbs: list[str]
    preps: list[str]


class OngoingSpec(Strict):
    """An event of these types (and parts of speech) with a source and no target of its own ("Russia escalates its
    military campaign", "Moscow's invasion of its neighbor") goes on an act coded before: the target of
    the nearest earlier event of its type by the same source."""

    id: str
    types: list[str]
    pos: list[str]
    #: a definite noun ("the attack") also takes the target of the nearest earlier event of its type by anyone
    definite: bool = False
    #: how many sentences back the earlier act may be (``ongoing_doer``; 0: the whole article)
    window: int = 0


class ResponseSpec(Strict):
    """An act of these types done over, for or in response to someone's act ("sanctions over Russia's
    invasion of Ukraine") is aimed at whoever did that act, not at its victim."""

    id: str
    types: list[str]
    preps: list[str]
    #: nouns that carry the act in their own "to" phrase: "in response to X's invasion"
    via: list[str] = []


class MembersSpec(Strict):
    """A plural noun of these whose phrase lists its members ("the presidents of Comoros, Senegal and
    Zambia", "his Greek, Cypriot and French counterparts", "countries like the UK and Poland") stands for
    each member named: one party each (docs/annotation.md section 1, one event per pair of parties)."""

    id: str
    nouns: list[str]
    #: prepositions whose coordinated objects are the members ("of", "from", "like", "including")
    preps: list[str]


class MovedSpec(Strict):
    """Acts that move forces: a target of these sectors with no country of its own is the force moved
    ("Russia withdraws its troops", "send more troops to Saudi Arabia"), not whom the act is aimed at."""

    id: str
    types: list[str]
    sectors: list[str]


class AskerSpec(Strict):
    """Acts of these types asked for by one of ``words`` go to the asker when they name no recipient."""

    id: str
    types: list[str]
    words: list[str]


class JointSpec(Strict):
    id: str
    types: list[str]


class ArgumentsFile(DataFile):
    """``data/events/arguments.yaml``."""

    VERSION = 1
    representatives: list[RepresentativeSpec]
    relational: list[_Nouns]
    object_parties: list[ObjectPartySpec]
    through_time: list[_Nouns]
    anaphora: list[AnaphorSpec] = []
    non_agents: list[_Nouns] = []
    joint: list[JointSpec] = []
    relative_pronouns: list[_Words] = []
    shared_subject: list[_Words] = []
    ongoing: list[OngoingSpec] = []
    reciprocal: list[_Words] = []
    responses: list[ResponseSpec] = []
    recipients: list[RecipientSpec] = []
    raising: list[_Words] = []
    moved: list[MovedSpec] = []
    members: list[MembersSpec] = []
    doers: list[_Words] = []
    agentless: list[_Words] = []
    disjoint: list[_Words] = []
    located: list[MovedSpec] = []
    deeds: list[JointSpec] = []
    undone: list[JointSpec] = []
    object_of: list[_Nouns] = []
    askers: list[AskerSpec] = []
    patients: list[_Nouns] = []
    shared_subject_nouns: list[_Nouns] = []
    roles: list[_Nouns] = []
    observers: list[_Words] = []
    destination: list[JointSpec] = []
    ongoing_doer: list[OngoingSpec] = []
    means: list[MeansSpec] = []
    maker_of: list[JointSpec] = []
    settings: list[ObjectPartySpec] = []
    joint_members: list[ObjectPartySpec] = []


@dataclass(frozen=True)
class ArgRules:
    #: noun -> prepositions whose object is the party it stands for
    representative: dict[str, frozenset[str]]
    relational: frozenset[str]
    #: PLOVER type -> prepositions of an object noun whose object is the other party
    object_preps: dict[str, frozenset[str]]
    time_nouns: frozenset[str]
    anaphora: tuple[AnaphorSpec, ...]
    #: nouns whose owner is not the agent of what they bring about ("Macron's remarks prompted the drills")
    non_agents: frozenset[str] = frozenset()
    #: PLOVER types of joint acts: one event for both parties, whichever direction
    joint: frozenset[str] = frozenset()
    #: pronouns that head a relative clause and stand for the noun it modifies ("Cyprus, which Turkey ...")
    relative_pronouns: frozenset[str] = frozenset()
    #: verb lemma -> prepositions of the thing given ("supplied Ukraine with artillery": Ukraine receives)
    recipients: dict[str, frozenset[str]] = field(default_factory=dict)
    #: prepositions whose gerund shares the subject of the verb it modifies ("by increasing", "in invading")
    shared_subject_preps: frozenset[str] = frozenset()
    ongoing: tuple[OngoingSpec, ...] = ()
    #: verbs whose coordinated subject acts on each other ("Kyiv and Moscow traded accusations")
    reciprocal: frozenset[str] = frozenset()
    responses: tuple[ResponseSpec, ...] = ()
    #: passive verbs whose subject is the understood subject of their infinitive ("are expected to promise")
    raising: frozenset[str] = frozenset()
    #: PLOVER type -> sectors of countryless targets that are the force an act moves (``moved``)
    moved: dict[str, frozenset[str]] = field(default_factory=dict)
    #: plural noun -> prepositions whose coordinated objects are its members (``members``)
    members: dict[str, frozenset[str]] = field(default_factory=dict)
    #: verbs whose "by" agent did the act their event noun names ("sanctions imposed by the EU",
    #: "the attack was claimed by the Houthis")
    doers: frozenset[str] = frozenset()
    #: verbs whose agentless passive is an act of the state where it happens ("71 people were arrested")
    agentless: frozenset[str] = frozenset()
    #: object pronoun -> rule id: it never stands for its own clause's subject ("police fired at them")
    disjoint: dict[str, str] = field(default_factory=dict)
    #: PLOVER type -> (rule id, sectors of a countryless target that is of the sentence's other country)
    located: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    #: PLOVER types of verbal acts whose event-noun object is a deed: aimed at its doer (``deeds``)
    deed_types: frozenset[str] = frozenset()
    #: PLOVER types of concessions that end a deed: the deed's doer concedes to its victim (``undone``)
    undone_types: frozenset[str] = frozenset()
    #: object nouns whose "of" phrase holds the event noun that names the target (``object_of``)
    object_of: frozenset[str] = frozenset()
    #: PLOVER type -> asking verbs whose subject receives the act asked for (``askers``)
    askers: dict[str, frozenset[str]] = field(default_factory=dict)
    #: event nouns whose possessor is the one acted upon ("ordered Putin's arrest": ``patients``)
    patients: frozenset[str] = frozenset()
    #: object nouns whose "of" gerund shares their verb's subject ("had no intention of attacking")
    shared_subject_nouns: frozenset[str] = frozenset()
    #: nouns of taking part whose owner did the act of their "in"/"for" phrase ("his role in the attack")
    roles: frozenset[str] = frozenset()
    #: verbs of telling, seeing or expecting whose subject never did their object's act (``observers``)
    observers: frozenset[str] = frozenset()
    #: PLOVER types whose event noun's "to" phrase is where its "of" victim is taken (``destination``)
    destination_types: frozenset[str] = frozenset()
    #: an event of these types with a target and no source goes on the act coded before against that
    #: target: its doer (``ongoing_doer``)
    ongoing_doer: tuple[OngoingSpec, ...] = ()
    #: prepositions of an agentless passive whose act noun of the same type names the doer (``means``)
    means_preps: frozenset[str] = frozenset()
    #: PLOVER types whose event noun's "of" phrase is who makes the act ("the demands of the protesters")
    maker_of_types: frozenset[str] = frozenset()
    #: PLOVER type -> prepositions of a talks noun whose "with" phrase is the addressee (``settings``)
    settings: dict[str, frozenset[str]] = field(default_factory=dict)
    #: PLOVER type -> prepositions of a joint act noun whose two actors or more are its parties (``joint_members``)
    joint_members: dict[str, frozenset[str]] = field(default_factory=dict)

    def anaphor(self, lemma: str, verb_type: str) -> AnaphorSpec | None:
        """The anaphora entry of an object noun of a verb of ``verb_type``, if any."""
        return next((a for a in self.anaphora if verb_type in a.verb_types and lemma in a.nouns), None)


def _low(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=1)
def arg_rules() -> ArgRules:
    f = load_data("events/arguments.yaml", ArgumentsFile)
    rep: dict[str, frozenset[str]] = {}
    for r in f.representatives:
        for n in r.nouns:
            rep[n.lower()] = rep.get(n.lower(), frozenset()) | _low(r.preps)
    obj: dict[str, frozenset[str]] = {}
    for o in f.object_parties:
        for t in o.types:
            obj[t] = obj.get(t, frozenset()) | _low(o.preps)
    return ArgRules(rep, frozenset().union(*(_low(r.nouns) for r in f.relational)), obj,
                    frozenset().union(*(_low(r.nouns) for r in f.through_time)), tuple(f.anaphora),
                    frozenset().union(*(_low(r.nouns) for r in f.non_agents)),
                    frozenset(t for j in f.joint for t in j.types),
                    frozenset().union(*(_low(r.words) for r in f.relative_pronouns)),
                    {v.lower(): _low(r.preps) for r in f.recipients for v in r.verbs},
                    frozenset().union(*(_low(r.words) for r in f.shared_subject)), tuple(f.ongoing),
                    frozenset().union(*(_low(r.words) for r in f.reciprocal)), tuple(f.responses),
                    frozenset().union(*(_low(r.words) for r in f.raising)),
                    {t: frozenset(m.sectors) for m in f.moved for t in m.types},
                    {n.lower(): _low(m.preps) for m in f.members for n in m.nouns},
                    frozenset().union(*(_low(r.words) for r in f.doers)),
                    frozenset().union(*(_low(r.words) for r in f.agentless)),
                    {w.lower(): r.id for r in f.disjoint for w in r.words},
                    {t: (m.id, frozenset(m.sectors)) for m in f.located for t in m.types},
                    frozenset(t for d in f.deeds for t in d.types),
                    frozenset(t for d in f.undone for t in d.types),
                    frozenset().union(*(_low(r.nouns) for r in f.object_of)),
                    {t: frozenset().union(*(_low(a.words) for a in f.askers if t in a.types))
                     for r in f.askers for t in r.types},
                    frozenset().union(*(_low(r.nouns) for r in f.patients)),
                    frozenset().union(*(_low(r.nouns) for r in f.shared_subject_nouns)),
                    frozenset().union(*(_low(r.nouns) for r in f.roles)),
                    frozenset().union(*(_low(r.words) for r in f.observers)),
                    frozenset(t for d in f.destination for t in d.types), tuple(f.ongoing_doer),
                    frozenset().union(*(_low(r.preps) for r in f.means)),
                    frozenset(t for d in f.maker_of for t in d.types),
                    {t: _low(r.preps) for r in f.settings for t in r.types},
                    {t: _low(r.preps) for r in f.joint_members for t in r.types})
