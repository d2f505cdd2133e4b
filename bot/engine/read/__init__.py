"""Reading: a message becomes evidence (sentences, danger now, the person, the moment).

Each reader is pure and reads only the text it is given; the vocabularies it uses are
data files under ``bot/engine/vocab/`` that a safeguarding lead can review.
"""
