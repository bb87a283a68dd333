"""People's names in the order Dutch readers expect: by surname, the tussenvoegsel left out.

"Sandra de Groot" sorts under G, "Berry van den Bos" under B, as in a Dutch phone book
("Groot, Sandra de"). Every page, CSV and PDF that lists people sorts with the keys here, so the
order is the same everywhere. Sorting happens in Python, not in the database: the lists are a
circle's people (tens, a few hundred at most), and a database collation would treat case and
accents differently on SQLite and PostgreSQL.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from django.db import connection
from django.db.models.functions import Collate
from django.forms.models import ModelChoiceIterator

# The voorvoegsels a Dutch surname may start with (Dutch ones and the foreign ones the
# Basisregistratie Personen lists too). "Al" and "El" are left out: mostly part of the name itself.
TUSSENVOEGSELS = frozenset(
    [
        "aan", "bij", "d'", "da", "das", "de", "del", "della", "den", "der", "des", "di", "dos", "du", "het",
        "in", "l'", "la", "le", "les", "onder", "op", "over", "'s", "'t", "te", "ten", "ter", "uit", "van",
        "vd", "v.d.", "voor", "von", "zu",
    ]
)  # fmt: skip

SortKey = tuple[str, str, str]


class Named(Protocol):
    """A user or a sign-up: anything with a first and a last name."""

    first_name: str
    last_name: str


N = TypeVar("N", bound=Named)


def _fold(text: str) -> str:
    """Case and accents do not count: "Özdemir" sorts with the O's, "Yılmaz" with the Y's."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold().strip()


def _is_tussenvoegsel(word: str) -> bool:
    return word.casefold() in TUSSENVOEGSELS


def surname_split(last_name: str) -> tuple[str, str]:
    """'de Groot' → ('de', 'Groot'); 'van der Berg' → ('van der', 'Berg'); the surname itself is never empty."""
    words = last_name.split()
    count = 0
    while count < len(words) - 1 and _is_tussenvoegsel(words[count]):
        count += 1
    return " ".join(words[:count]), " ".join(words[count:])


def sort_key(first_name: str, last_name: str) -> SortKey:
    """Surname without tussenvoegsel, then first name, then the tussenvoegsel."""
    if not last_name.strip():
        return full_name_sort_key(first_name)
    prefix, surname = surname_split(last_name)
    return _fold(surname), _fold(first_name), _fold(prefix)


def full_name_sort_key(name: str) -> SortKey:
    """For a name typed in one field ("Sandra de Groot", a guest): the surname starts at the first
    tussenvoegsel after the first name, or is the last word."""
    words = name.split()
    if len(words) < 2:
        return _fold(name), "", ""
    start = next((i for i in range(1, len(words) - 1) if _is_tussenvoegsel(words[i])), len(words) - 1)
    return sort_key(" ".join(words[:start]), " ".join(words[start:]))


def sort_text(name: str) -> str:
    """`full_name_sort_key` as one string, for a name a database sorts (an action's owner on a
    paginated board): the parts are joined by a tab, which sorts before every letter when compared
    byte by byte (`bytewise`)."""
    return "\t".join(full_name_sort_key(name))


def bytewise(field: str) -> Collate:
    """Order a `sort_text` column byte by byte: the text is already folded, and a language collation
    (PostgreSQL's default) would skip the tab and sort "Bos" after "Bosch, A"."""
    return Collate(field, "C" if connection.vendor == "postgresql" else "BINARY")


def person_sort_key(person: Named) -> SortKey:
    """A user (falling back to the username when no name is filled in) or a sign-up."""
    if not (person.first_name or person.last_name):
        return full_name_sort_key(getattr(person, "username", ""))
    return sort_key(person.first_name, person.last_name)


def people_sorted(people: Iterable[N]) -> list[N]:
    return sorted(people, key=person_sort_key)


def names_sorted(names: Iterable[str]) -> list[str]:
    return sorted(names, key=full_name_sort_key)


class ByNameChoiceIterator(ModelChoiceIterator):
    """The choices of a people field (facilitators, project leaders, participants) in name order."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for person in people_sorted(self.queryset):
            yield self.choice(person)
