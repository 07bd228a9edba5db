"""Corpus ingestion: files → `Announcement`s (readers, site-chrome stripping, metadata)."""

from searchsvc.ingest.corpus import CorpusReport, announcement_from_text, read_corpus
from searchsvc.ingest.readers import Problem

__all__ = ["CorpusReport", "Problem", "announcement_from_text", "read_corpus"]
