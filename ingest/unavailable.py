"""A Chroma server that does not answer, said as what to do about it.

The Chroma client raises httpx's transport errors (or, while connecting, a ValueError caused by
one) from deep inside; `answering()` turns any of them into `StoreUnavailable`, whose message
names the server and how to start it. The CLI prints it and exits 4; the app shows it in
`st.error`. Nothing is cached on failure, so the next call tries the server again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse


class StoreUnavailable(RuntimeError):
    """The Chroma server at `url` is not answering."""

    def __init__(self, url: str) -> None:
        self.url = url
        parsed = urlparse(url)
        start = f"chroma run --path DATA_FOLDER --host {parsed.hostname} --port {parsed.port}"
        super().__init__(
            f"Chroma server at {url} is not answering: start it with `{start}` "
            "or unset CASEBRIEF_CHROMA_URL"
        )


def _from_transport(error: BaseException) -> bool:
    """The error, or one it was raised from or while handling, is a failed HTTP exchange."""
    import httpx  # only when a call failed: the CLI's start-up does not pay for it

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, httpx.TransportError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


@contextmanager
def answering(url: str | None) -> Iterator[None]:
    """Run Chroma calls; a server at `url` that does not answer raises StoreUnavailable. With
    no URL (the embedded store) errors pass unchanged."""
    try:
        yield
    except StoreUnavailable:
        raise
    except Exception as error:
        if url and _from_transport(error):
            raise StoreUnavailable(url) from error
        raise
