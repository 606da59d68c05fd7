"""What the audit log is checked against, kept outside its store: the HMAC key and the head
file (the newest entry's number and MAC, itself MAC-signed), rewritten on every append, the way
log-integrity systems publish signed digests.

The head is one JSON line padded to one 512-byte sector. It is created (or, if it is not that
size, replaced) atomically: a temporary file, fsync, rename, fsync of the folder. After that an
append overwrites the sector in place and flushes it with one fdatasync (no new file, no
rename, no folder to flush), which `put` hands back to run beside the log's COMMIT; a reader
that meets a half-written head (another writer mid-overwrite) reads it again."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from pydantic import BaseModel, ValidationError

from config.settings import Settings

GENESIS = "genesis"
MIN_KEY_CHARS = 32
HEAD_BYTES = 512  # one sector: overwritten in place, it is the old head or the new one
REREADS = 3  # a head that does not parse or verify is read again (a writer mid-overwrite)


class AuditError(RuntimeError):
    """The audit trail cannot be written or checked; said in one line."""


class AuditNotSetUp(AuditError):
    """No key (or no head for a log with entries): `casebrief audit init` first."""


class AuditTampered(AuditError):
    """The log no longer matches its head: entries were removed, replaced or forged."""


class AuditKey:
    """The HMAC-SHA256 key; `id` names it without revealing it."""

    def __init__(self, secret: bytes, source: str) -> None:
        self._secret = secret
        self.source = source
        self.id = self.mac("casebrief audit key id")[:16]

    def mac(self, message: str) -> str:
        return hmac.new(self._secret, message.encode(), hashlib.sha256).hexdigest()


def load_key(settings: Settings) -> AuditKey:
    if settings.audit_key is not None:
        value = settings.audit_key.get_secret_value()
        if len(value) < MIN_KEY_CHARS:
            raise AuditNotSetUp(
                f"CASEBRIEF_AUDIT_KEY is too short ({len(value)} characters; at least "
                f"{MIN_KEY_CHARS})."
            )
        return AuditKey(value.encode(), "CASEBRIEF_AUDIT_KEY")
    path = settings.audit_key_path()
    try:
        value = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise AuditNotSetUp(
            f"No audit key: {path} does not exist. Run `casebrief audit init` (or set "
            "CASEBRIEF_AUDIT_KEY)."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise AuditNotSetUp(f"Audit key {path} cannot be read: {error}.") from None
    if len(value) < MIN_KEY_CHARS:
        raise AuditNotSetUp(f"Audit key {path} is too short (at least {MIN_KEY_CHARS} characters).")
    return AuditKey(value.encode(), str(path))


def create_key_file(path: Path) -> None:
    """A new random key, readable by its owner only; never overwrites one (FileExistsError).
    Written whole under a temporary name, then linked into place: another process starting
    on the same new store at the same moment reads a whole key or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32) + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class Head(BaseModel):
    """The newest entry as last written: its number and MAC, with the key's id."""

    entries: int
    mac: str
    key_id: str
    at: str
    signature: str = ""

    def body(self) -> str:
        return json.dumps(self.model_dump(exclude={"signature"}), sort_keys=True)


class HeadFile:
    def __init__(self, path: Path, key: AuditKey) -> None:
        self.path = path
        self.key = key
        self._executor: ThreadPoolExecutor | None = None

    def read(self) -> Head | None:
        """The head, or None if there is none yet; a head not signed with this key is refused.
        One that does not parse or verify is read again a few times, a millisecond apart:
        another writer may be overwriting it (a tampered head stays wrong)."""
        for attempt in range(REREADS):
            try:
                return self._read()
            except AuditTampered:
                if attempt == REREADS - 1:
                    raise
                time.sleep(0.001)
        raise AssertionError("unreachable")

    def _read(self) -> Head | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError:
            raise AuditTampered(f"Audit head file {self.path} is not a head file.") from None
        try:
            head = Head.model_validate_json(text)
        except ValidationError:
            raise AuditTampered(f"Audit head file {self.path} is not a head file.") from None
        if head.key_id != self.key.id:
            raise AuditTampered(
                f"The audit key ({self.key.source}) is not the key the head file {self.path} "
                "was written with."
            )
        if not hmac.compare_digest(head.signature, self.key.mac("head|" + head.body())):
            raise AuditTampered(f"Audit head file {self.path} was edited: its MAC does not match.")
        return head

    def restore(self, head: Head | None) -> None:
        """Put back the head an append replaced before its transaction failed."""
        if head is None:
            self.path.unlink(missing_ok=True)
        else:
            self.write(head.entries, head.mac)

    def write(self, entries: int, mac: str) -> Head:
        """Replace the head durably (on disk when this returns)."""
        head, flushed = self.put(entries, mac)
        flushed.result()
        return head

    def put(self, entries: int, mac: str) -> tuple[Head, Future[None]]:
        """Write the head now (readers see it at once) and hand back its flush, running on the
        head's own thread: the head is on disk once the future is done (it raises OSError if
        it could not be flushed)."""
        head = Head(
            entries=entries,
            mac=mac,
            key_id=self.key.id,
            at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        head.signature = self.key.mac("head|" + head.body())
        line = head.model_dump_json().encode()
        data = line + b" " * (HEAD_BYTES - 1 - len(line)) + b"\n"
        descriptor = self._in_place()
        if descriptor is None or len(data) != HEAD_BYTES:
            self._replace(data)
            done: Future[None] = Future()
            done.set_result(None)
            return head, done
        try:
            os.pwrite(descriptor, data, 0)
        except BaseException:
            os.close(descriptor)
            raise
        return head, self._flusher().submit(_flush_and_close, descriptor)

    def _in_place(self) -> int | None:
        """The head file open for writing if it is one sector long already, else None."""
        try:
            descriptor = os.open(self.path, os.O_WRONLY)
        except FileNotFoundError:
            return None
        if os.fstat(descriptor).st_size != HEAD_BYTES:
            os.close(descriptor)
            return None
        return descriptor

    def _replace(self, data: bytes) -> None:
        """Replace the head atomically: a temporary file, fsync, rename, fsync the folder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

    def _flusher(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="audit-head")
        return self._executor


def _flush_and_close(descriptor: int) -> None:
    try:
        getattr(os, "fdatasync", os.fsync)(descriptor)
    finally:
        os.close(descriptor)


def outside_store(settings: Settings) -> None:
    """The key and the head must not live where the log's writers keep the log."""
    places = [settings.store.resolve()]
    if not settings.database_url:
        places.append(settings.audit_file().resolve().parent)
    named = [("audit head", settings.audit_head_path())]
    if settings.audit_key is None:
        named.append(("audit key", settings.audit_key_path()))
    for what, path in named:
        resolved = path.resolve()
        for place in places:
            if resolved.is_relative_to(place):
                raise AuditNotSetUp(
                    f"The {what} {path} is inside {place}, beside the log it checks: put it "
                    "where the store's writers cannot reach (CASEBRIEF_AUDIT_HEAD, "
                    "CASEBRIEF_AUDIT_KEY_FILE)."
                )
