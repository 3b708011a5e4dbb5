"""Ingest: turn bytes from a source (file, stdin, feed, WARC, JSONL, API body) into RawDocuments."""

from barometer.ingest.raw import RawDocument, decode_bytes, read_path

__all__ = ["RawDocument", "decode_bytes", "read_path"]
