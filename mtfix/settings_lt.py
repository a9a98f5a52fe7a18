"""The ``[languagetool]`` settings and the LanguageTool defaults they start from.

Kept apart from :mod:`mtfix.settings` (which re-exports every name here) for
room: that module is at the size limit. Fields are built with
:func:`mtfix.settings_fields._spec`, as every settings module's are.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from mtfix.settings_fields import _spec

__all__ = ["LanguageToolSettings", "NOISY_FALSE_FRIENDS", "LT_RULES_OFF", "DEFAULT_LT_TIERS"]

#: French false friends on words whose English sense is the usual one in news:
#: off since before docs/languagetool-rules.md, where none measures 50 %.
NOISY_FALSE_FRIENDS: tuple[str, ...] = tuple(f"FALSE_FRIEND_{w}" for w in (
    "ABILITY", "ACHIEVE", "CHANGE", "CHARACTER", "CHARGE", "CHECK", "CLOSE", "COMPREHENSIVE",
    "CONFIDENCE", "CONTEMPLATE", "DEMAND", "HABIT", "INJURE", "ISSUE", "LARGE", "LOCATION",
    "MECHANIC", "PHOTOGRAPH", "PHYSICIAN", "POSITIVE", "PREVENT", "QUEUE", "REFUSE", "REGARD",
    "RELIEVE", "REST", "ROUTE"))

#: LanguageTool rules off by default (``disabled_rules``; setting the key replaces
#: the list), the "off" column of docs/languagetool-rules.md (tests/test_lt_defaults.py):
#: the weekday rule (checks a date against *today's* year), the false friends above,
#: rules measured under 50 %, then rules firing on the controls more than they find
#: gold. FALSE_FRIEND_ACTUALLY stays on against the controls: issue #6's acceptance.
LT_RULES_OFF: tuple[str, ...] = ("EN_DATE_WEEKDAY_CURRENTYEAR", *NOISY_FALSE_FRIENDS, *"""
    COMMA_COMPOUND_SENTENCE COMMA_COMPOUND_SENTENCE_2 COVID_19 FALSE_FRIEND_ESTATE MISSING_COMMA_AFTER_WEEKDAY
    ALL_OF_THE AUXILIARY_DO_WITH_INCORRECT_VERB_FORM BREATHE_BREATH COMPERE CONSEQUENCES_OF_FOR
    DOWN_COMPOUNDS DT_JJ_NO_NOUN ENGLISH_WORD_REPEAT_BEGINNING_RULE EN_COMPOUNDS_CARE_GIVERS
    EN_COMPOUNDS_LIFE_THREATENING EN_COMPOUNDS_WELL_PLACED EN_DIACRITICS_REPLACE_ORTHOGRAPHY_CIUDAD_JUAREZ
    EN_DIACRITICS_REPLACE_ORTHOGRAPHY_IBRAHIMOVIC EN_DIACRITICS_REPLACE_ORTHOGRAPHY_SAINT_ETIENNE
    EN_DIACRITICS_REPLACE_ORTHOGRAPHY_SENORA EN_MULTITOKEN_SPELLING_THREE EN_US_SIMPLE_REPLACE_COMPERE
    EN_US_SIMPLE_REPLACE_MOTORWAY EN_WORD_COHERENCY FALSE_FRIEND_ABUSE FALSE_FRIEND_BRIBE FALSE_FRIEND_CRY
    FALSE_FRIEND_DELAY FALSE_FRIEND_DISPUTE FALSE_FRIEND_EVENTUALLY FALSE_FRIEND_EXTRA FALSE_FRIEND_GRAND
    FALSE_FRIEND_HURT FALSE_FRIEND_INDULGE
    FALSE_FRIEND_ISOLATION FALSE_FRIEND_NURSE FALSE_FRIEND_PRETEND FALSE_FRIEND_RESUME FALSE_FRIEND_SENSIBLE
    FALSE_FRIEND_SUIT FALSE_FRIEND_TAPE FEWER_LESS FIRST_OF_ALL INTERJECTIONS_PUNCTUATION LESS_COMPARATIVE
    MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE ONE_OF_THE_ONLY PCT_PLURAL_NOUN_SINGULAR_VERB_AGREEMENT
    PRESIDENT_ELECT RECOMMENDED_COMPOUNDS SECOND_LARGEST_HYPHEN SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA
    UKRAINE_NO_THE WHETHER WRITER_COMPOUNDS""".split())

#: Tiers of LanguageTool matches (others: ``default_tier``, review; a config's
#: ``tiers`` is merged over this). "suggested" only for rules measured at 90 % or
#: more in docs/languagetool-rules.md (>= 5 matches, replacement the gold fix at
#: least half the time). ENGLISH_WORD_REPEAT_RULE deletes a repeated word ("tell
#: you you should" is English): never without review.
DEFAULT_LT_TIERS: dict[str, str] = {
    "category:FALSE_FRIENDS": "review",
    "COMMA_PARENTHESIS_WHITESPACE": "suggested",  # 16/16 on gold
    "ENGLISH_WORD_REPEAT_RULE": "review",
}


@dataclass(frozen=True)
class LanguageToolSettings:
    """``[languagetool]``: the local LanguageTool server and how its matches are tiered."""

    language: str = _spec("en-US", "str", "variant: en-US, en-GB, en-CA, en-AU, en-NZ, en-ZA")
    mother_tongue: str = _spec("fr", "str", "turns on LanguageTool's French false-friend rules")
    spelling: bool = _spec(False, "bool", "news is full of proper nouns")
    # LT_RULES_OFF (docs/languagetool-rules.md). Setting the key replaces this list.
    disabled_rules: tuple[str, ...] = _spec(LT_RULES_OFF, "strs", "LanguageTool rule ids to switch off")
    disabled_categories: tuple[str, ...] = _spec((), "strs", "LanguageTool category ids")
    enabled_rules: tuple[str, ...] = _spec((), "strs", "opt-in LanguageTool rules")
    picky: bool = _spec(False, "bool", "LanguageTool's picky level")
    # mtfix.grammar.selection: `fix` asks only for the rules whose matches can reach its tiers
    enabled_only: bool = _spec(True, "bool", "fix: ask only for the rules it could apply; "
                               "false: every rule not disabled, always")
    category: str = _spec("grammar", "str", "mtfix category of every LanguageTool finding")
    default_tier: str = _spec("review", "tier", "tier of a match no entry of tiers names")
    tiers: Mapping[str, str] = _spec(None, "tiers", "rule id / glob / category:ID / type:ISSUE -> tier")
    max_replacements: int = _spec(5, "int", "candidate replacements kept per match", min=1)
    skip_headings: bool = _spec(True, "bool", "drop matches inside title and heading lines")
    server_url: str | None = _spec(None, "url?", "use this running server (also $MTFIX_LT_SERVER)")
    ltp_path: str | None = _spec(None, "str?", "folder holding LanguageTool-6.8/ (also $LTP_PATH)")
    java: str = _spec("java", "str", "the Java 17 executable")
    jvm_options: tuple[str, ...] = _spec(("-Xms128m", "-Xmx2g", "-XX:+UseSerialGC"), "strs",
                                         "options for the server's JVM")
    start_timeout: float = _spec(120.0, "float", "seconds to wait for the server to start", min=1)
    request_timeout: float = _spec(60.0, "float", "seconds one check request may take", min=1)
    ngram_path: str | None = _spec(None, "str?", "LanguageTool n-gram index (enables its n-gram rules)")

    def __post_init__(self) -> None:
        # The tiers table is merged over the defaults, so that naming one rule
        # does not drop the others.
        merged = dict(DEFAULT_LT_TIERS)
        merged.update(self.tiers or {})
        object.__setattr__(self, "tiers", merged)
