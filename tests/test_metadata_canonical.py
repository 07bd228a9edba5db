"""One name per person across the corpus: full names merged, surnames resolved by the date."""
from datetime import date

from searchsvc.metadata.canonical import Canon, canonicalise
from searchsvc.metadata.persons import CUT


def test_a_surname_alone_is_the_person_named_in_full_elsewhere_then():
    found = [(["Robertson"], date(2000, 3, 1)), (["George Robertson", "Javier Solana"], date(2001, 5, 2)),
             (["Lord Robertson"], None), (["Solana", "Robertson"], date(2002, 1, 9))]
    assert canonicalise(found) == [("George Robertson",), ("George Robertson", "Javier Solana"),
                                   ("Lord Robertson",), ("Javier Solana", "George Robertson")]


def test_spelling_variants_are_one_person_spelt_with_its_diacritics():
    found = [(["Mircea Geoana"], date(2020, 1, 1)), (["Mircea Geoană"], date(2021, 1, 1)),
             (["Hamid Karzai", "Karzai"], date(2005, 1, 1)), (["Karzaï"], date(2006, 1, 1)),
             (["Hamid Karzaï"], date(2007, 1, 1)), (["Vladimir V. Poutine"], date(2001, 1, 1)),
             (["Vladimir Poutine"], date(2002, 1, 1)), (["Vladimir Poutine", "Poutine"], date(2003, 1, 1)),
             (["Sergueï Ivanov"], date(2002, 1, 1)), (["Sergei Ivanov"], date(2003, 1, 1)),
             (["Sergueï Ivanov"], date(2004, 1, 1)), (["Jean-Yves Le Drian"], date(2015, 1, 1)),
             (["Jean Yves Le Drian"], date(2016, 1, 1)), (["Anders Fogh Rasmussen"], date(2010, 1, 1)),
             (["Anders Rasmussen", "Fogh Rasmussen"], date(2011, 1, 1))]
    values = {name for names in canonicalise(found) for name in names}
    assert values == {"Mircea Geoană", "Hamid Karzaï", "Vladimir Poutine", "Sergueï Ivanov",
                      "Jean-Yves Le Drian", "Anders Fogh Rasmussen"}


def test_two_people_of_one_surname_in_the_same_years_are_never_guessed_between():
    found = [(["Igor Ivanov"], date(2002, 1, 1)), (["Sergueï Ivanov"], date(2002, 6, 1)),
             (["Ivanov"], date(2002, 3, 1)), (["Gjorge Ivanov"], date(2015, 1, 1)),
             (["Gjorge Ivanov"], date(2016, 1, 1)), (["Ivanov"], date(2016, 3, 1))]
    assert canonicalise(found)[2] == ("Ivanov",)  # Igor or Sergueï: stays as written
    assert canonicalise(found)[5] == ("Gjorge Ivanov",)  # only one Ivanov was named then


def test_the_only_bearer_of_a_surname_takes_it_years_apart_but_not_a_lifetime_apart():
    found = [(["Hamid Karzaï"], date(2009, 11, 3)), (["Karzaï"], date(2004, 6, 29)),
             (["Ivo Sanader"], date(2006, 1, 1)), (["Sanader"], date(2020, 1, 1))]
    assert canonicalise(found)[1] == ("Hamid Karzaï",)  # five years before: the only Karzaï of the corpus
    assert canonicalise(found)[3] == ("Sanader",)  # fourteen years after: not assumed


def test_the_person_named_far_more_often_then_takes_the_surname():
    found = [(["Anders Fogh Rasmussen"], date(2010, m, 1)) for m in range(1, 8)]
    found += [(["Lars Løkke Rasmussen"], date(2010, 9, 1)), (["Rasmussen"], date(2011, 2, 1))]
    assert canonicalise(found)[-1] == ("Anders Fogh Rasmussen",)


def test_initials_choose_between_people_of_one_surname():
    found = [(["Wesley K. Clark"], date(1999, 1, 1)), (["Helen Clark"], date(1999, 6, 1)),
             (["W. Clark"], date(1999, 4, 1)), (["Clark"], date(1999, 4, 1))]
    assert canonicalise(found)[2:] == [("Wesley K. Clark",), ("Clark",)]


def test_a_cut_name_is_completed_from_the_corpus_or_dropped():
    found = [(["Edgars Rinkēvičs"], date(2024, 6, 11)), (["Jens Stoltenberg", "Edgars Ri" + CUT], date(2014, 11, 20)),
             (["Grand" + CUT], date(2019, 1, 1)), (["Jens Stoltenberg"], date(2015, 1, 1)), (["Stoltenb" + CUT], None)]
    assert canonicalise(found)[1:] == [("Jens Stoltenberg", "Edgars Rinkēvičs"), (), ("Jens Stoltenberg",),
                                       ("Jens Stoltenberg",)]


def test_variants_list_the_other_names_of_each_person():
    found = [(["Hamid Karzai"], date(2005, 1, 1)), (["Hamid Karzaï", "Karzaï"], date(2006, 1, 1))]
    canon = Canon(found)
    for names, when in found:
        canon.persons(names, when)
    assert canon.variants() == {"Hamid Karzaï": ["Hamid Karzai", "Karzaï"]}
