"""Who is who: link names, pronouns and descriptions to the people and bodies they refer to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from workbench.domain import SourceType
from workbench.extraction.lexicon import (
    DOCUMENT_NOUNS,
    FEMALE_NAMES,
    MALE_NAMES,
    NAME_PARTICLES,
    ORGANIZATION_NOUNS,
)
from workbench.extraction.mentions import (
    DESCRIPTION,
    NAME,
    ORGANIZATION,
    PRONOUN,
    PUBLICATION,
    Mention,
    is_anonymous_description,
)

# Titles tell the role a later description ("the senator") refers back to.
_TITLE_ROLES = {
    "sen": "senator lawmaker democrat republican",
    "senator": "senator lawmaker",
    "rep": "representative congressman congresswoman lawmaker",
    "representative": "representative congressman congresswoman lawmaker",
    "gov": "governor",
    "governor": "governor",
    "lt": "lieutenant",
    "dr": "doctor",
    "prof": "professor",
    "professor": "professor",
    "gen": "general",
    "mayor": "mayor",
    "president": "president",
    "judge": "judge",
    "justice": "justice judge",
    "minister": "minister",
    "secretary": "secretary",
    "chancellor": "chancellor",
    "ambassador": "ambassador envoy diplomat",
    "atty": "attorney general prosecutor",
    "attorney": "attorney prosecutor",
    "sheriff": "sheriff",
    "chief": "chief",
    "speaker": "speaker",
    "commissioner": "commissioner",
    "councilman": "councilman",
    "councilwoman": "councilwoman",
}


@dataclass
class Entity:
    name: str
    type: SourceType
    anonymous: bool
    gender: str | None = None  # "m", "f", "p" (a group) or None when unknown
    roles: set[str] = field(default_factory=set)
    mentions: set[tuple[int, int]] = field(default_factory=set)
    last_seen: int = -1
    spoke_at: int = -1  # where it was last credited with a quote or a claim
    subject_at: int = -1  # where it was last named at the start of a sentence

    @property
    def surname(self) -> str:
        return surname_of(self.name)


def surname_of(name: str) -> str:
    parts = name.replace(",", "").split()
    while len(parts) > 1 and parts[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv"):
        parts.pop()
    return parts[-1].lower() if parts else ""


# English, German and French pronouns at a cue, by the gender (or group) they refer to.
_PRONOUN_GENDERS = {
    "he": "m",
    "she": "f",
    "they": "p",
    "it": "n",
    "er": "m",
    "sie": "f",
    "il": "m",
    "elle": "f",
    "ils": "p",
    "elles": "p",
}

# How far back (in characters) a speaker still outranks a person merely named since.
_SALIENCE_WINDOW = 600


def _role_words(text: str | None) -> set[str]:
    return {w.lower().strip(".,’'") for w in re.findall(r"[\w’'\-]+", text or "")}


class EntityRegistry:
    """Entities in order of appearance; each resolution reads only what came before it."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_name: dict[str, Entity] = {}  # named (not anonymous) entities
        self._people_by_surname: dict[str, list[Entity]] = {}
        self._people_by_first_name: dict[str, list[Entity]] = {}

    def _add(self, entity: Entity) -> Entity:
        self.entities.append(entity)
        if not entity.anonymous:
            self._by_name[entity.name.lower()] = entity
            if entity.type == SourceType.PERSON:
                self._people_by_surname.setdefault(entity.surname, []).append(entity)
                parts = entity.name.split()
                if len(parts) > 1:
                    self._people_by_first_name.setdefault(parts[0].lower(), []).append(entity)
        return entity

    def _touch(
        self, entity: Entity, mention: Mention | None, position: int, record: bool = True
    ) -> Entity:
        if mention is not None and record:
            entity.mentions.add((mention.start, mention.end))
        entity.last_seen = max(entity.last_seen, position)
        return entity

    def resolve(self, mention: Mention, *, as_speaker: bool = False) -> Entity | None:
        if mention.kind == PRONOUN:
            entity = self._resolve_pronoun(mention)
        elif mention.kind == DESCRIPTION:
            entity = self._resolve_description(mention, as_speaker=as_speaker)
        else:
            entity = self._resolve_name(mention, as_speaker=as_speaker)
        if entity is not None and as_speaker:
            entity.spoke_at = mention.start
        return entity

    # Proper names -------------------------------------------------------------------------
    def _resolve_name(self, mention: Mention, *, as_speaker: bool) -> Entity:
        name = mention.name
        key_words = name.split()
        found = self._by_name.get(name.lower())
        if found is None and mention.kind == NAME:
            people = self._people_by_surname.get(surname_of(name), [])
            core = [w for w in key_words if w.lower() not in NAME_PARTICLES]
            first_named = self._people_by_first_name.get(key_words[0].lower(), [])
            if people and len(core) == 1:
                # "Smith" or "Sen. Smith" after "Julie Smith".
                found = people[-1]
            elif len(key_words) == 1 and not mention.title and len(first_named) == 1:
                # Features call people by first name once introduced: "Maria says".
                found = first_named[0]
            elif people and len(people[-1].name.split()) == 1:
                # "Julie Smith" after a bare "Smith": the fuller name wins.
                found = people[-1]
                del self._by_name[found.name.lower()]
                found.name = name
                self._by_name[name.lower()] = found
        if found is None:
            found = self._add(
                Entity(name, _source_type(mention.kind), False, gender=_gender_from(mention))
            )
        if mention.title:
            for word in mention.title.lower().replace(".", "").split():
                found.roles |= set(_TITLE_ROLES.get(word, word).split())
            if found.gender is None:
                found.gender = _gender_from(mention)
        if mention.role:
            found.roles |= _role_words(mention.role)
        return self._touch(found, mention, mention.start)

    # Pronouns -----------------------------------------------------------------------------
    def _resolve_pronoun(self, mention: Mention) -> Entity | None:
        pronoun = mention.text.lower()
        if pronoun in ("i", "we"):
            return None  # the writer: nobody the article introduces
        wanted = _PRONOUN_GENDERS.get(pronoun)
        candidates = sorted(
            (e for e in self.entities if e.last_seen <= mention.start),
            key=lambda e: e.last_seen,
            reverse=True,
        )
        for entity in candidates:
            if wanted == "n":
                if entity.type in (SourceType.ORGANIZATION, SourceType.PUBLICATION):
                    return self._touch(entity, None, mention.start)
                continue
            if wanted == "p":
                if entity.gender == "p" or entity.type == SourceType.ORGANIZATION:
                    return self._touch(entity, None, mention.start)
                continue
            if entity.type != SourceType.PERSON and not _singular_unnamed(entity):
                continue
            if entity.gender in (None, wanted):
                entity = self._salient_speaker(entity, candidates, wanted, mention.start)
                if entity.gender is None:
                    entity.gender = wanted
                return self._touch(entity, None, mention.start)
        if wanted == "p":
            # Singular they, or a person of unknown gender.
            for entity in candidates:
                if entity.type == SourceType.PERSON:
                    return self._touch(entity, None, mention.start)
        return None

    def _salient_speaker(
        self, nearest: Entity, candidates: list[Entity], wanted: str | None, position: int
    ) -> Entity:
        """'Trump spent the speech attacking Biden, whom he called …': a pronoun at a cue
        refers to the person being quoted rather than to someone merely named since, when
        that person has spoken within the last few sentences."""
        if nearest.spoke_at >= 0 or nearest.subject_at == nearest.last_seen:
            return nearest  # "Thomas Brindle disagreed. “…,” he said": the subject speaks
        for entity in candidates:
            if entity is nearest or entity.type != SourceType.PERSON:
                continue
            if entity.spoke_at >= 0 and position - entity.spoke_at < _SALIENCE_WINDOW:
                return entity if entity.gender in (None, wanted) else nearest
        return nearest

    # Descriptions -------------------------------------------------------------------------
    def _resolve_description(self, mention: Mention, *, as_speaker: bool) -> Entity:
        text = mention.text
        head = mention.head or ""
        lowered = text.lower()
        earlier = sorted(
            (e for e in self.entities if e.last_seen <= mention.start),
            key=lambda e: e.last_seen,
            reverse=True,
        )
        if lowered in ("another", "one", "others", "both", "several", "some", "many"):
            # "said another": one more of the last unnamed speakers ("another official").
            for entity in earlier:
                if entity.anonymous:
                    head_word = next(
                        (
                            w
                            for w in reversed(entity.name.split())
                            if w.lower().rstrip("s") in entity.roles or w.lower() in entity.roles
                        ),
                        entity.name.split()[-1],
                    )
                    label = f"{lowered} {head_word}" if lowered in ("another", "one") else lowered
                    member = Entity(label, SourceType.ANONYMOUS, True, roles=set(entity.roles))
                    return self._touch(self._add(member), mention, mention.start)
        if lowered.startswith("one of "):
            # "one of them", "one of the aides": a member of the last unnamed group.
            for entity in earlier:
                if entity.anonymous and entity.gender == "p":
                    member = Entity(
                        f"one of {entity.name}", SourceType.ANONYMOUS, True, roles=set(entity.roles)
                    )
                    return self._touch(self._add(member), mention, mention.start)
        if lowered.startswith(("the ", "this ", "that ")):
            for entity in earlier:
                if _describes(entity, head, text):
                    return self._touch(entity, mention, mention.start)
            if head in ORGANIZATION_NOUNS:
                # "the company", "the consortium": the organisation last named.
                for entity in earlier[:3]:
                    if entity.type == SourceType.ORGANIZATION and not entity.anonymous:
                        return self._touch(entity, mention, mention.start)
        full = mention.full or text
        for entity in self.entities:
            if entity.name.lower() == full.lower():
                return self._touch(entity, mention, mention.start)
        anonymous = is_anonymous_description(full) or (
            lowered.startswith("the ") and head in ("official", "officials", "source", "sources")
        )
        if anonymous:
            source_type = SourceType.ANONYMOUS
        elif head in DOCUMENT_NOUNS:
            source_type = SourceType.PUBLICATION  # a report or filing speaks for itself
        elif head in ORGANIZATION_NOUNS:
            source_type = SourceType.ORGANIZATION
        else:
            source_type = SourceType.PERSON
        plural = head.endswith("s") and head not in ("boss", "witness")
        entity = Entity(
            full,
            source_type,
            anonymous,
            gender="p" if plural else None,
            roles={head} | _role_words(full),
        )
        return self._touch(self._add(entity), mention, mention.start)

    def resolve_audience(self, mention: Mention) -> Entity | None:
        """Who was told: "told the Harbour Ledger" is an outlet, "told Smith" a person.

        An unknown single name after "told" is taken for an outlet, so publications the
        engine has never seen are still recognised.
        """
        possessive = re.match(r"(.+?)[’']s\s+\S", mention.name)
        if possessive:
            # "told CNN's Jake Tapper": the outlet is CNN.
            outlet = possessive.group(1)
            mention = replace(
                mention, end=mention.start + len(outlet), text=outlet, name=outlet, kind=PUBLICATION
            )
        if mention.kind == NAME:
            people = self._people_by_surname.get(surname_of(mention.name))
            first = mention.name.split()[0].lower()
            if people or mention.title or first in FEMALE_NAMES or first in MALE_NAMES:
                return None
            mention = replace(mention, kind=PUBLICATION)
        if mention.kind != PUBLICATION:
            return None
        return self._resolve_name(mention, as_speaker=False)

    def note_mention(self, mention: Mention, *, new_person: bool, subject: bool = False) -> None:
        """A name met in running text: a later 'he' or 'the senator' may refer to it.

        Only names that look like people start a new entity; a bare surname refreshes
        the person it belongs to, so "she" after "Bellamy-Soto has heard…" is her.
        """
        if mention.kind == ORGANIZATION and new_person:
            self._resolve_name(mention, as_speaker=False)
            return
        if mention.kind != NAME:
            return
        if new_person:
            entity = self._resolve_name(mention, as_speaker=False)
        else:
            people = self._people_by_surname.get(surname_of(mention.name))
            if not people:
                return
            entity = self._touch(people[-1], mention, mention.start)
        if subject:
            entity.subject_at = mention.start


def _singular_unnamed(entity: Entity) -> bool:
    return entity.type == SourceType.ANONYMOUS and entity.gender != "p"


def _describes(entity: Entity, head: str, description: str) -> bool:
    if not head:
        return False
    words = _role_words(description) - {"the", "this", "that", "former", "new", "senior"}
    if head in entity.roles or head.rstrip("s") in entity.roles:
        return True
    if entity.type == SourceType.ANONYMOUS and head.rstrip("s") in _role_words(entity.name):
        return True
    if entity.type == SourceType.ORGANIZATION and head in _role_words(entity.name):
        return True
    if head in ("democrat", "republican"):
        marker = "d-" if head == "democrat" else "r-"
        return any(r.startswith(marker) for r in entity.roles) or head in entity.roles
    return bool(words and words <= entity.roles)


def _source_type(kind: str) -> SourceType:
    if kind == PUBLICATION:
        return SourceType.PUBLICATION
    if kind == ORGANIZATION:
        return SourceType.ORGANIZATION
    return SourceType.PERSON


def _gender_from(mention: Mention) -> str | None:
    title = (mention.title or "").lower().replace(".", "")
    if title in ("mr", "sir", "lord", "king", "prince", "father", "brother"):
        return "m"
    if title in ("ms", "mrs", "miss", "dame", "lady", "queen", "princess", "sister"):
        return "f"
    first = mention.name.split()[0].lower() if mention.name.split() else ""
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    return None
