"""How a clause opens and ends: the opening word lists and the predicates that read them.

``PREAMBLE_OPENERS`` and ``OPERATIVE_VERBS`` are the words that open preambular
and operative paragraphs. The frame (``lines``) uses them to find where a body
without an opening line starts; ``blocks`` uses them to decide where a
paragraph starts and ends.
"""

from __future__ import annotations

import re

from resdiff.model import Section
from resdiff.normalize import SUPERSCRIPT_DIGITS, strip_emphasis

_TERMINAL = (",", ";", ".", ":")
_MARK_THEN_DIGITS_RE = re.compile(r"[,;:.]\s*\d{1,3}$")
_COMMA_THEN_DIGITS_RE = re.compile(r",\s*\d{1,3}$")

# Words that open preambular paragraphs. Participles ending in -ing are
# recognised by form; these are the other openers and the adverbs that precede
# a participle ("Deeply concerned", "Further noting").
PREAMBLE_OPENERS = frozenset(
    """
    Acknowledging Acting Affirming Again Alarmed Also Anxious Appreciating Aware Bearing Being
    Believing Calling Cognizant Commending Committed Concerned Condemning Conscious
    Considering Convinced Deeply Deploring Desirous Determined Determining Dismayed
    Disturbed Emphasizing Encouraged Encouraging Expressing Fully Further Grateful
    Gravely Guided Having Heartened Highlighting Highly Honouring Keenly Mindful Noting
    Observing Once Outraged Paying Pleased Profoundly Re-emphasizing Reaffirming
    Recalling Recognizing Regretting Reiterating Resolved Saddened Satisfied Seriously
    Shocked Stressing Strongly Taking Underlining Underscoring Urging Welcoming
    """.split()
)


def ends_clause(text: str, section: Section = "preamble") -> bool:
    """True when ``text`` ends as a paragraph of ``section`` may (a comma: preamble only)."""
    endings = _TERMINAL if section == "preamble" else _TERMINAL[1:]
    if text.endswith(endings):
        return True  # the common case, without the clean-up below
    last = text[-1:]
    if last.isalpha() and not text.endswith((" and", " or")):
        return False  # a word: no mark, marker or emphasis to look behind
    if "0" <= last <= "9":  # a footnote marker after the mark ("session,1", "2024, 3") or a number
        return _MARK_THEN_DIGITS_RE.search(text) is not None and (
            section == "preamble" or not _COMMA_THEN_DIGITS_RE.search(text)
        )
    if last == ")" and text[-2:-1].isalnum() and "(" in text[-12:]:
        return False  # "(2005)", "(A/80/53)": a parenthesis closes, not the clause
    plain = re.sub(r"(?:\s*\[\^\d+\])+$", "", strip_emphasis(text).rstrip())
    plain = plain.rstrip(f" {SUPERSCRIPT_DIGITS}”’\"')]").rstrip()
    plain = re.sub(r"(?<=[;,])\s+(?:and|or)$", "", plain)  # "...; and" before a sub-item
    plain = re.sub(r"(?<=[,;:.])\s*\d{1,3}$", "", plain)  # a footnote marker after the mark
    return plain.endswith(endings)


OPERATIVE_VERBS = frozenset(
    """
    Acknowledges Adopts Affirms Again Agrees Also Appeals Approves Authorizes Calls
    Commends Condemns Confirms Considers Decides Declares Demands Deplores Directs
    Emphasizes Encourages Endorses Expresses Extends Further Invites Notes Once
    Reaffirms Recalls Recognizes Recommends Regrets Reiterates Reminds Renews Requests
    Resolves Stresses Strongly Supports Takes Underlines Underscores Urges Welcomes
    """.split()
)


def starts_operative(text: str) -> bool:
    """True when ``text`` opens with an operative verb ("Requests", "Also decides")."""
    first = re.match(r"[A-Z][a-z]+", strip_emphasis(text).lstrip("*_ "))
    return first is not None and first.group(0) in OPERATIVE_VERBS


def starts_preamble(text: str, *, strict: bool = False) -> bool:
    """True when ``text`` opens like a preambular paragraph ("Recalling", "Deeply concerned")."""
    plain = strip_emphasis(text).lstrip("*_ ")
    first = re.match(r"[A-Z][\w\-]*", plain)
    if not first:
        return False
    word = first.group(0)
    if word in PREAMBLE_OPENERS:
        return True
    follows_word = re.match(r"[A-Z][\w\-]* [a-z]", plain) is not None
    return not strict and word.endswith("ing") and len(word) > 5 and follows_word


# Operative verbs that open clauses but carry no strength of their own in the phrase
# scale: they tell the structure apart, not the force.
_MORE_CLAUSE_VERBS = frozenset(
    """
    Accepts Admits Appoints Appreciates Authorises Censures Congratulates Designates
    Determines Dissolves Elects Emphasises Establishes Exhorts Finds Highlights Insists
    Instructs Looks Orders Pays Proclaims Recognises Refers Rejects Remains Stands
    Terminates Thanks Transmits Warns
    """.split()
)
_ADVERBS = frozenset(
    "also further again once finally strongly firmly deeply urgently hereby accordingly".split()
)


def opens_operative_clause(text: str) -> bool:
    """True when ``text`` opens with an operative verb in the third person, after any
    adverbs: "Requests", "Also decides", "Once again calls", "Strongly condemns".

    Unlike ``starts_operative`` it never takes a preambular opening ("Further
    noting", "Strongly condemning") for an operative one.

    >>> opens_operative_clause("Further decides to"), opens_operative_clause("Further noting")
    (True, False)
    """
    words = re.findall(r"[A-Za-z\-]+", strip_emphasis(text)[:80])
    index = 0
    while index < len(words) - 1 and words[index].lower() in _ADVERBS:
        index += 1
    if index >= len(words):
        return False
    word = words[index]
    if index == 0 and not word[:1].isupper():
        return False
    verb = word.capitalize()
    known = verb in OPERATIVE_VERBS or verb in _MORE_CLAUSE_VERBS
    return known and word.lower().endswith("s")
