"""LangChain adapters: our offline embedder as a LangChain `Embeddings`."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from ingest.embedder import Embedder


class MiniLMEmbeddings(Embeddings):
    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_one(text)
