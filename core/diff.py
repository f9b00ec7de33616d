"""Word-level differences between two texts, for the admin's version comparisons (any versioned model, guides
included)."""

import difflib
import re
from dataclasses import dataclass, field


@dataclass
class Segment:
    """A run of words in a compared text: ``kind`` is "same", "added" or "removed"."""

    kind: str
    text: str


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    segments: list[Segment] = field(default_factory=list)


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of ``old`` and ``new`` with what was removed and added marked, for an inline diff."""
    # Each word keeps the space before it, so a change reads as whole words and spaces never match on their own.
    old_words = re.findall(r"\s*\S+|\s+$", old)
    new_words = re.findall(r"\s*\S+|\s+$", new)
    segments = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("same", "".join(old_words[a1:a2])))
            continue
        if op in ("replace", "delete"):
            segments.append(Segment("removed", "".join(old_words[a1:a2])))
        if op in ("replace", "insert"):
            segments.append(Segment("added", "".join(new_words[b1:b2])))
    return segments


def field_change(label, old: str, new: str) -> FieldChange:
    """One changed field as a comparison shows it: its label, both texts and the word diff between them."""
    return FieldChange(str(label), old, new, word_diff(old, new))
