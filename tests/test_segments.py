"""store.segments writes the segments Whoosh's own SegmentWriter writes: the same postings, stored
fields and columns, whether documents are added one by one, segments are merged into an update, or
segments are written by forked processes and committed together."""

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from conftest import SEEDS_CORPUS
from searchsvc.ingest import CorpusReport, read_corpus
from searchsvc.store.codec import LeanCodec
from searchsvc.store.schema import build_schema, fields_of
from searchsvc.store.segments import open_builder, write_segments

OPTIONS = {"codec": LeanCodec(compression=0)}

FRENCH = [
    ("L’OTAN et l’Ukraine", "Le Secrétaire général de l’OTAN, Jens Stoltenberg, a rencontré à Bruxelles "
     "le ministre ukrainien. « L’OTAN reste aux côtés de l’Ukraine », a-t-il déclaré. L’Alliance, l’Alliance."),
    ("Sommet de Madrid", "Les chefs d’État et de gouvernement des pays de l’OTAN se réunissent à Madrid "
     "les 29 et 30 juin 2022 ; 2 % du PIB consacrés à la défense. Œuvre, cœur, Noël."),
    ("Défense aérienne", "La défense aérienne intégrée de l’OTAN protège l’espace aérien des Alliés, "
     "de la mer Baltique à la mer Noire, jour et nuit."),
]


def documents() -> list[dict]:
    """Announcements of the embedded corpus, and short French texts, as the index takes them."""
    announcements = list(read_corpus(SEEDS_CORPUS, CorpusReport()))
    docs = [fields_of(a, "seeds") for a in announcements]
    for n, (title, body) in enumerate(FRENCH):
        docs.append({**docs[n % len(docs)], "id": f"fr-{n}", "title": title, "body": body, "date": 20220629 + n})
    return docs


def contents(folder: Path) -> tuple:
    """Everything a search reads: each field's terms with their postings (document, weight, value),
    stored fields and the date column, by document number."""
    with whoosh_index.open_dir(str(folder)).searcher() as searcher:
        reader = searcher.reader()
        postings = sorted((field, term, doc, weight, value)
                          for field, term, doc, weight, value in reader.iter_postings())
        stored = [reader.stored_fields(doc) for doc in range(reader.doc_count_all())]
        dates = list(reader.column_reader("date"))
        return postings, stored, dates, searcher.doc_count()


def new_index(folder: Path) -> Path:
    folder.mkdir()
    whoosh_index.create_in(str(folder), build_schema())
    return folder


def writer(folder: Path, ours: bool):
    """Our SegmentBuilder, or Whoosh's own SegmentWriter, on the index in `folder`."""
    return open_builder(folder, **OPTIONS) if ours else SegmentWriter(whoosh_index.open_dir(str(folder)), **OPTIONS)


def write_both(tmp_path: Path, docs: list[dict]) -> None:
    """The documents in one segment of tmp_path/ours by our writer and of tmp_path/whoosh by Whoosh's."""
    for name in ("ours", "whoosh"):
        segment = writer(new_index(tmp_path / name), ours=name == "ours")
        for fields in docs:
            segment.add_document(**fields)
        segment.commit()


def test_a_segment_holds_what_whooshs_own_writer_writes(tmp_path):
    docs = documents()
    write_both(tmp_path, docs)
    ours, whoosh = contents(tmp_path / "ours"), contents(tmp_path / "whoosh")
    assert ours == whoosh
    assert any(field == "body" and term == b"otan" for field, term, *_ in ours[0])


def test_long_posting_lists_are_cut_into_blocks_like_whooshs(tmp_path):
    # more documents than a block holds (128 postings), so a term's list spans several blocks
    docs = [{**fields, "id": f"{fields['id']}-{n}"} for n in range(45) for fields in documents()]
    write_both(tmp_path, docs)
    assert contents(tmp_path / "ours") == contents(tmp_path / "whoosh")
    assert len(docs) > 2 * 128


def test_an_update_that_merges_segments_keeps_every_posting(tmp_path):
    docs = documents()
    for name in ("whoosh", "ours"):
        folder = new_index(tmp_path / name)
        for start, end in ((0, 2), (2, 4), (4, len(docs))):  # three segments, merged into one by the last
            segment = writer(folder, ours=name == "ours")
            last = end == len(docs)
            if last:
                segment.delete_by_term("id", docs[0]["id"])
            for fields in docs[start:end]:
                segment.add_document(**fields)
            segment.commit(merge=False, optimize=last)
    ours, whoosh = contents(tmp_path / "ours"), contents(tmp_path / "whoosh")
    assert len(whoosh_index.open_dir(str(tmp_path / "ours")).reader().leaf_readers()) == 1, "merged"
    assert ours == whoosh and ours[3] == len(docs) - 1


def test_segments_written_by_forked_processes_hold_every_document(tmp_path):
    docs = documents()
    alone, forked = new_index(tmp_path / "alone"), new_index(tmp_path / "forked")
    segment = writer(alone, ours=True)
    for fields in docs:
        segment.add_document(**fields)
    segment.commit()
    [segments] = write_segments([forked], docs, lambda fields: [[fields]], processes=2, segment_size=2,
                                options=OPTIONS)
    shares = (len(docs) // 2, len(docs) - len(docs) // 2)
    assert len(segments) == sum((share + 1) // 2 for share in shares)  # two processes, two documents a segment
    open_builder(forked, **OPTIONS).commit_segments(segments)
    ours = contents(forked)
    # document numbers differ between one segment and several: compare what each document holds
    assert ours[3] == len(docs)
    assert sorted(map(repr, ours[1])) == sorted(map(repr, contents(alone)[1]))
    assert {(f, t) for f, t, *_ in ours[0]} == {(f, t) for f, t, *_ in contents(alone)[0]}
