"""What a person's name is made of, for the finder in one text (persons) and the corpus pass (canonical).

A name's *core* is what identifies the person whatever the spelling: its words folded (accents and
case gone), hyphens split, without particles (`de`, `von`, `bin`) and initials (`P.`). So
`Vladimir V. Poutine` and `Vladimir Poutine`, `Mircea Geoană` and `Mircea Geoana`, `Minuto‑RIzzo` and
`Minuto Rizzo`, `David Van Weel` and `David van Weel` have the same core.
"""
from __future__ import annotations

from searchsvc.metadata.places import fold

# Lower-case particles inside names: `Jaap de Hoop Scheffer`, `Tamin bin Hamad`, `Thomas de Maizière`.
PARTICLES = frozenset({"de", "du", "van", "von", "der", "den", "da", "di", "del", "della", "dos", "das",
                       "bin", "ben", "ibn", "al", "el", "ter", "y", "zu", "af", "la", "le"})

# Capitalised words that are titles, not names: stripped from the front of a name (`Lord Robertson`).
TITLES = frozenset("""m mm mme mmes mlle dr pr lord sir dame lady cheikh sheikh emir prince princesse roi
reine altesse president presidente ambassadeur ambassadrice general generale gnral amiral colonel
commandant capitaine lieutenant professeur docteur mgr monseigneur chancelier chanceliere premier
premiere ministre secretaire secrtaire vice-amiral contre-amiral lieutenant-colonel lieutenant-general
marechal pape senateur senatrice juge maire excellence vice-premier vice-premiere vice-president
vice-presidente vice-ministre sous-secretaire royal royale grand-duc grand-duchesse majeste monsieur
madame mesdames messieurs mademoiselle""".split())

# Capitalised function words: a sentence's first word is not a name (`Le`, `Lors`, `Ce`).
FUNCTION = frozenset("""le la les un une des du de d l ce cet cette ces il elle ils elles nous vous je on
au aux en dans pour par sur avec lors apres avant depuis selon mais et ou si comme quand a y ainsi
enfin cela ceci son sa ses leur leurs notre nos votre vos mon ma mes tous toutes tout chaque
plusieurs certains aujourd'hui hier demain entre sous vers chez contre sans durant pendant parmi
outre des pres face afin lorsque puisque alors cependant toutefois neanmoins par-dessus celui-ci
celle-ci ceux-ci celles-ci celui celle ceux lui eux chacun chacune aucun aucune the of and
to in for on at by with from an as is dear ici la-bas voici voila mesdames messieurs""".split())
# Words that make a capitalised sequence an organisation, an operation, a ship or a place.
NOT_A_NAME = frozenset("""otan nato alliance conseil comite union nations unies organisation commission
parlement assemblee sommet traite republique royaume federation etat etats gouvernement ministere
mission force forces operation operations programme conference agence centre college ecole division
secretariat bureau cabinet institut universite fondation academie banque cour tribunal direction
service departement armee marine garde corps brigade regiment bataillon flotte base port aeroport
palais maison musee place rue ile iles mer ocean golfe detroit canal mont lac cap nord sud est ouest
europe afrique asie amerique balkans caucase sahel mediterranee arctique baltique partenariat
dialogue initiative plan concept declaration charte communique strategie affaires defense securite
paix science cooperation capacite capacites commandement quartier journee semaine prix medaille
coalition global international internationale national nationale europeen europeenne atlantique
euro-atlantique nord-atlantique occidental occidentale oriental orientale central centrale allie
allies allied joint support shield endeavour endeavor guardian protector command agency council
institute summit meeting program center navy army air hawk corporation group foundation university
school studies policy sentry coasts noon jaguar javelin mongoose trident steadfast dynamic cyber
defender saber baltops juncture unified resolute active sea eagle assist harvest horizon spear storm
strike response rapid reaction freedom enduring sword medias media presse video photo photos
multimedia nouvelles opinions historique liens evenements dossiers textes note projet
communiques hebdo janvier fevrier mars avril mai juin juillet aout septembre octobre novembre
decembre lundi mardi mercredi jeudi vendredi samedi dimanche internet web site forum groupe
accords accord diana kfor isaf sfor fias ueo osce onu ue gcc ccg dcaf transformation
representant representante directeur directrice commandante chef conseiller conseillere porte-parole
delegue deleguee adjoint adjointe tel fax telecopieur courriel email haut haute commissariat
haut-commissariat street road avenue square rada duma knesset bundestag sejm storting
riksdag folketing""".split())


def core(words) -> tuple[str, ...]:
    """The folded words that carry a name: no particles, no initials, hyphenated parts apart."""
    out = []
    for word in words:
        folded = fold(word)
        if folded in PARTICLES or word.endswith("."):
            continue
        out += [part for part in folded.split("-") if part]
    return tuple(out)


def initials(words) -> tuple[str, ...]:
    """The initials a name gives, folded: `J. Appathurai` → ('j',)."""
    return tuple(fold(w[0]) for w in words if w.endswith(".") and len(w) == 2)


def ends_with(full: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """`Stoltenberg`, `de Hoop Scheffer` end `Jens Stoltenberg`, `Jaap de Hoop Scheffer`."""
    return 0 < len(short) < len(full) and full[-len(short):] == short


def diacritics(name: str) -> int:
    """How many letters of `name` carry an accent (the canonical spelling keeps them)."""
    return sum(1 for ch, plain in zip(name, fold(name)) if ch.isalpha() and ch.lower() != plain)


def oddities(name: str) -> int:
    """What a careful spelling avoids: a capital after a capital inside a word (`Minuto-RIzzo`),
    typographic hyphens and spaces (the canonical name is typed in filters)."""
    return (sum(1 for a, b in zip(name, name[1:]) if a.isupper() and b.isupper())
            + sum(1 for ch in name if ch in "\u2010\u2011\u00a0\u202f"))
