"""Words that say nothing about what a card is about, per language.

Workshops have no language setting: cards are written in whatever the room
speaks, so the language of a board is guessed from its cards (the one whose
common words they use most). The lists are short on purpose: the function
words of each language, the words of the retrospective itself (start, stop,
continue, more, less) and the filler cards share by accident (time, week,
five). Anything else common to many cards weighs little by its frequency.
"""
from __future__ import annotations

from collections.abc import Iterable

ENGLISH = frozenset("""
a about above after again against all also always am an and any are as at be because been before being below
between both but by can cannot could did do does doing done down during each either else enough even ever
every few fewer for from further get gets getting go goes going good got great had has have having he her here
hers him his how i if in into is it its itself just keep keeps kind less let lets like lot lots make makes
making many may me might more most much must my need needs never new no nor not now of off often on once one
only or other our ours out over own per please quite rather really same she should since so some still
such than that the their theirs them then there these they thing things this those though through to too
under until up upon us use used using very was way ways we well were what when where whether which while who
whom whose why will with within without would yet you your yours
start started starting stop stopped stopping continue continued continuing better worse again
time times day days week weeks weekly month months monthly year years today tomorrow
two three four five six seven eight nine ten twenty first second last next minute minutes hour hours
bit little big small lot someone something everyone everything nobody nothing people person team
ask asks asked asking give gives gave giving leave leaves leaving left put puts putting take takes taking
try tries trying run runs running ran share shares shared sharing read reads reading write writes writing
""".split())

GERMAN = frozenset("""
aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bitte da damit dann das dass
dem den denn der des die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
eines er es etwas für gegen gibt hat hatte haben hier ich ihr im immer in ist ja jede jeden jeder jedes kann
kein keine mehr mit muss nach nicht nichts noch nur ob oder ohne schon sehr sein sich sie sind so soll sollen
sollten um und uns unser unsere unter viel viele vom von vor war was weil weiter weniger wenn wer wie wieder
wir wird wo zu zum zur zwischen anfangen aufhören weitermachen beginnen besser mal zeit woche wochen tag tage
""".split())

FRENCH = frozenset("""
à au aux avec ce ces cette chaque comme dans de des du elle en encore est et être eux il ils je la le les
leur leurs lui ma mais me même mes moi moins mon ne nos notre nous on ou où par pas plus pour qu que qui
sa sans se ses si son sont sur ta te tes toi ton tous tout toute toutes très tu un une vos votre vous y
commencer arrêter continuer mieux faire fait temps semaine semaines jour jours
""".split())

SPANISH = frozenset("""
a al algo como con cada de del donde el ella ellos en entre era es esa ese eso esta este esto estos hay la
las le les lo los más me menos mi muy nada ni no nos nuestra nuestro nuestros o para pero poco por que qué
se sea ser si sin sobre son su sus también tan te todo todos tu un una uno unos y ya
empezar comenzar dejar parar seguir continuar mejor hacer tiempo semana semanas día días
""".split())

DUTCH = frozenset("""
aan al alle als altijd ben bij dan dat de deze die dit doen door dus een en er geen heb hebben het hier hij
hoe iets ik in is je kan kunnen maar meer met mijn minder na naar niet nog nu of om onder ons onze ook op
over te tegen toch tot uit van veel voor want was wat we wel wie wij worden wordt zal ze zich zij zijn zo
zonder beginnen stoppen doorgaan blijven beter tijd week weken dag dagen
""".split())

BY_LANGUAGE: dict[str, frozenset[str]] = {
    "en": ENGLISH, "de": GERMAN, "fr": FRENCH, "es": SPANISH, "nl": DUTCH,
}


def guess_language(words: Iterable[str]) -> str:
    """The language whose stop words these (lower-case) words use most; English on a tie."""
    counts = dict.fromkeys(BY_LANGUAGE, 0)
    for word in words:
        for language, stop in BY_LANGUAGE.items():
            if word in stop:
                counts[language] += 1
    return max(counts, key=lambda language: (counts[language], language == "en"))


def stop_words(language: str) -> frozenset[str]:
    """A language's stop words; English's too, since teams mix English tech words in."""
    return BY_LANGUAGE[language] | ENGLISH if language != "en" else ENGLISH
