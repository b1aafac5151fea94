"""What a sentence says happened: the facts extract reads, each from words of the sentence."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from usclet.text.facts import facts_of


@pytest.mark.parametrize("sentence, expected", [
    ("United States and Cuba Hold Third Law Enforcement Dialogue in Washington, DC",
     {"kind": "dialogue", "name": "Third Law Enforcement Dialogue", "ordinal": 3, "place": "Washington, D.C."}),
    # a number in lower case is the writer's count, not the name
    ("The United States and Cuba held the fourth Law Enforcement Dialogue in Washington, DC on Tuesday, July 10.",
     {"kind": "dialogue", "name": "Law Enforcement Dialogue", "ordinal": 4, "place": "Washington, D.C."}),
    ("the third such meeting was held on September 15 also in Washington, D.C.",
     {"ordinal": 3, "place": "Washington, D.C."}),
    ("A new technical meeting was held on Tuesday between authorities of Cuba and the United States.",
     {"kind": "meeting"}),
    ("On September 15th, 2017 the third meeting between authorities of Cuba and the U.S. was held in the United "
     "States Capital.", {"ordinal": 3, "place": "Washington, D.C."}),
    ("This meeting was the sixth Law Enforcement Dialogue since 2015.",
     {"kind": "dialogue", "name": "Law Enforcement Dialogue", "ordinal": 6}),
    ("The two sides signed a memorandum of understanding on law enforcement cooperation.", {"kind": "agreement"}),
    # "the first ... since": the first after a pause, not the first of a series
    ("These discussions marked the first Law Enforcement Dialogue between the United States and Cuba since 2018.",
     {"kind": "dialogue", "name": "Law Enforcement Dialogue"}),
    ("The first round of talks in Havana took place after a five-year hiatus.", {"kind": "talks", "place": "Havana"}),
    ("The first meeting in three years was held in Havana.", {"place": "Havana"}),  # no ordinal; a bare meeting, no kind
    ("The first Law Enforcement Dialogue was held in Washington on November 21, 2015.",
     {"kind": "dialogue", "name": "Law Enforcement Dialogue", "ordinal": 1, "place": "Washington, D.C."}),
    # a headline's capitalised verb names nothing; a word pointing back says no kind
    ("Cuba and U.S. Hold Meeting on Illegal Trafficking of Migrants and Immigration Fraud", {}),
    ("The talks were held in Washington, DC, with the objective of increasing cooperation.",
     {"place": "Washington, D.C."}),
    ("Both parties agreed on the usefulness of the meeting.", {}),
    ("Cuba is currently receiving one deportation flight per month.", {"count": 1}),
])
def test_kind_name_number_place_and_counts(sentence, expected):
    facts, _ = facts_of(sentence)
    assert {k: v for k, v in facts.items() if k not in ("leads", "participants")} == expected


@pytest.mark.parametrize("sentence, name", [
    # a Havana Times headline (13 January): the subject and its verb, then the series' name
    ("Cuba Considers Migration Talks Fruitful", "Migration Talks"),
    # Radio Habana Cuba, 7 December 2016: a verb after the subject, and a number alone, name nothing
    ("Cuba and United Sates Hold Fifth Meeting of Bilateral Commission", None),
    # the wording of a translated footnote (celebrar, to hold): a verb, not a name
    ("Cuba and the USA Celebrate Meeting on Law Enforcement", None),
    # Havana Live, 30 November 2015: a series named in the body, a hyphenated name in quotes
    ("According to a statement from the U.S. Department of State, the migration discussion is part of the U.S. and "
     "Cuba’s biannual Migration Talks.", "Migration Talks"),
    ("On Dec. 1, respective government officials will gather for the “Counter-Narcotics Dialogue” in Washington, "
     "D.C.", "Counter-Narcotics Dialogue"),
    # a country paired with another is part of the name (State Department note, 7 February 2024)
    ("On February 7, U.S. and Cuban officials met in Washington, D.C. to discuss law enforcement matters of bilateral "
     "interest under the U.S. – Cuba Law Enforcement Dialogue.", "Cuba Law Enforcement Dialogue"),
])
def test_a_name_is_a_naming_phrase_never_a_verb(sentence, name):
    assert facts_of(sentence)[0].get("name") == name


@pytest.mark.parametrize("sentence, leads", [
    ("Acting Assistant Secretary for Western Hemisphere Affairs Francisco L. Palmieri, Department of Justice Deputy "
     "Assistant Attorney General Bruce Swartz, and Department of Homeland Security Acting Deputy Assistant Secretary "
     "for Law Enforcement Policy Justin Matthes led the U.S. delegation.",
     {"us": ["Francisco L. Palmieri", "Bruce Swartz", "Justin Matthes"]}),
    ("The Ministry of Foreign Affairs Director of Bilateral Affairs for the United States, Yuri A. Gala López, and the "
     "National Defense and Security Commission Deputy Advisor, Abel Gonzalez Santamaria, led the Cuban delegation.",
     {"cuba": ["Yuri A. Gala López", "Abel Gonzalez Santamaria"]}),
    ("The U.S. delegation was led by Deputy Assistant Secretary John S. Creamer, Bruce Schwartz and Alan Bersin.",
     {"us": ["John S. Creamer", "Bruce Schwartz", "Alan Bersin"]}),
    # each delegation's lead in its own clause; the "and" of a list of names is not one
    ("The U.S. delegation was led by Deputy Assistant Secretary John S. Creamer, and the Cuban delegation was led by "
     "Carlos Fernández de Cossío.", {"us": ["John S. Creamer"], "cuba": ["Carlos Fernández de Cossío"]}),
    ("The dialogue took place in Washington; Bruce Swartz headed the U.S. delegation and Yuri Gala López led the "
     "Cuban delegation.", {"us": ["Bruce Swartz"], "cuba": ["Yuri Gala López"]}),
    ("The Cuban delegation will be led by Vice Minister Carlos Fernandez de Cossio Dominguez, while the U.S. "
     "delegation will be coordinated by Eric Jacobstein, the Deputy Assistant Secretary of State for Western "
     "Hemisphere Affairs.", {"cuba": ["Carlos Fernandez de Cossio Dominguez"], "us": ["Eric Jacobstein"]}),
    ("The talks were held in Havana on Tuesday, and Deputy Assistant Secretary John S. Creamer led the U.S. "
     "delegation.", {"us": ["John S. Creamer"]}),
    ("The U.S. delegation was co-chaired by the Department of State, the Department of Homeland Security and the "
     "Department of Justice.",
     {"us": ["Department of State", "Department of Homeland Security", "Department of Justice"]}),
])
def test_who_led_each_delegation_without_their_titles(sentence, leads):
    assert facts_of(sentence)[0]["leads"] == leads


def test_participants_are_bodies_on_their_side():
    facts, words = facts_of("The Cuban delegation included representatives of the Ministry of the Interior, the "
                            "Ministry of Justice and the Attorney General's Office.")
    assert facts["participants"] == {"cuba": ["Ministry of the Interior", "Ministry of Justice",
                                              "Attorney General's Office"]}
    assert words["participants"] == "Ministry of the Interior, Ministry of Justice, Attorney General's Office"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_gives_facts_each_from_its_own_words(text):
    facts, words = facts_of(text)
    assert set(words) <= set(facts) | {"date", "end_date"}
    for key, value in words.items():
        if key not in ("participants",):  # participants list the bodies found, joined
            assert value in text, (key, value)
    json.dumps(facts)  # plain data, as the store keeps it


def test_extract_gives_each_candidate_its_facts_and_their_words(run, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("United States and Cuba Hold Fourth Law Enforcement Dialogue\n\nThe United States and Cuba held "
                    "the fourth Law Enforcement Dialogue in Washington, DC on Tuesday, July 10, 2018.\n",
                    encoding="utf-8")
    result = run("extract", note, "--published", "2018-07-10", "--format", "json")
    assert result.exit_code == 0, result.output
    lines = json.loads(result.stdout)
    held = next(c for c in lines if c.get("type") != "event" and c["date"] == "2018-07-10")
    assert held["facts"] == {"kind": "dialogue", "name": "Law Enforcement Dialogue", "ordinal": 4,
                             "place": "Washington, D.C.", "date": "2018-07-10"}
    assert held["review"]["facts"]["ordinal"] == "fourth Law Enforcement Dialogue"
    assert held["review"]["facts"]["date"] == "July 10, 2018"
