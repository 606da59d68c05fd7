"""Ingest case bundles and learning documents: validate everything, then publish atomically."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel

from config.settings import Settings
from ingest import registry_file
from ingest.bundle import bundle_hash, case_id_problem, is_bundle, load_bundle
from ingest.containment import leaves, read_bounded
from ingest.encode_ahead import EncodeAhead, EncodeJob
from ingest.entries import build_entry
from ingest.errors import BundleError, Problem, PublishError
from ingest.learning import load_learning
from ingest.live import LiveVersion
from ingest.locks import ingest_locks
from ingest.safe_yaml import load_yaml
from ingest.store import LEARNING_KEY, Store, case_key

INDEX_VERSION = "2"  # 2: chronology and appointments embedded by what they say, names as roles
ProgressFactory = Callable[[str, int], Callable[[int], None]]


class IngestResult(BaseModel):
    key: str
    title: str
    status: Literal["new", "replaced", "unchanged"]
    counts: dict[str, int]
    records: int
    embedded: int
    seconds: float


def find_bundles(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Bundle folders given directly, or folders holding bundles one level down."""
    bundles: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if is_bundle(path):
            bundles.append(path)
        elif path.is_dir() and (found := sorted(p for p in path.iterdir() if is_bundle(p))):
            bundles.extend(found)
        elif path.exists():
            problems.append(
                Problem(
                    file=str(path),
                    message="not a case bundle (no case.yaml) and no bundle folders inside it",
                )
            )
        else:
            problems.append(Problem(file=str(path), message="no such file or folder"))
    return bundles, problems


def _salted_hash(folder: Path, settings: Settings) -> str:
    return f"{INDEX_VERSION}:{settings.chunk_size}:{settings.chunk_overlap}:{bundle_hash(folder)}"


def _declared_case_id(folder: Path, settings: Settings) -> str | None:
    """The case id case.yaml names, if usable; load_bundle reports every other case."""
    limits = settings.limits
    path = folder / "case.yaml"
    if leaves(path, folder):
        return None
    raw = read_bounded(path, str(path), int(limits.max_yaml_kb * 1024))
    if isinstance(raw, Problem):
        return None
    try:
        data = load_yaml(raw.decode("utf-8-sig"), max_depth=limits.max_yaml_depth)
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    value = data.get("case_id") if isinstance(data, dict) else None
    case_id = "" if value is None else str(value).strip()
    return case_id if case_id and case_id_problem(case_id, limits) is None else None


def ingest_cases(
    paths: list[Path], settings: Settings, progress: ProgressFactory | None = None
) -> list[IngestResult]:
    """Validate every bundle first and write none if any has a problem (BundleError); then
    publish them one by one, each in one step (PublishError says which are live). Holds the
    lock of every case named, so a second ingest of one of them waits (IngestBusy)."""
    folders, problems = find_bundles(paths)
    declared = {folder: _declared_case_id(folder, settings) for folder in folders}
    keys = [case_key(case_id) for case_id in declared.values() if case_id]
    with ingest_locks(keys, settings.lock_folder(), settings.ingest_lock_wait_s):
        quick = None if problems else _all_unchanged(folders, declared, settings)
        if quick is not None:
            return quick
        store = Store(settings.chroma_client())
        memo = settings.ingest_memo_texts
        with EncodeAhead(store, settings.embedder, progress, memo) as ahead:
            # the first case is encoded while the rest are validated; nothing is written
            # until all of them are (a problem stops the encoding: it is only dropped)
            unchanged = _validate(folders, declared, store, settings, problems, ahead)
            if problems:
                raise BundleError(problems)
            return unchanged + _publish_all(store, unchanged, ahead)


def _all_unchanged(
    folders: list[Path], declared: dict[Path, str | None], settings: Settings
) -> list[IngestResult] | None:
    """In an embedded store whose registry copy is current (ingest/registry_file.py), when every
    bundle names a different case that is live with this very content hash: their results, found
    without chromadb or the model (neither is imported). Otherwise None: the full path decides."""
    ids = list(declared.values())
    if settings.chroma_url or not folders or None in ids or len(set(ids)) != len(ids):
        return None
    copy = registry_file.current(settings.store)
    if copy is None:
        return None
    rows = {row.key: row for row in copy.rows}
    results: list[IngestResult] = []
    for folder in folders:
        started = time.perf_counter()
        live = rows.get(case_key(str(declared[folder])))
        if live is None or live.content_hash != _salted_hash(folder, settings):
            return None
        results.append(_unchanged(live, started))
    return results


def _unchanged(live: LiveVersion, started: float) -> IngestResult:
    """The result for a case whose live version already holds this bundle."""
    return IngestResult(
        key=live.key,
        title=live.title,
        status="unchanged",
        counts=live.counts,
        records=sum(live.counts.values()),
        embedded=0,
        seconds=time.perf_counter() - started,
    )


def _validate(
    folders: list[Path],
    declared: dict[Path, str | None],
    store: Store,
    settings: Settings,
    problems: list[Problem],
    ahead: EncodeAhead,
) -> list[IngestResult]:
    """Unchanged cases (as results); each bundle to write is given to `ahead` as it is found,
    while no problem is; problems go to `problems`."""
    unchanged: list[IngestResult] = []
    owners: dict[str, Path] = {}
    for folder in folders:
        started = time.perf_counter()
        content_hash = _salted_hash(folder, settings)
        case_id = declared[folder]
        live = store.live(case_key(case_id)) if case_id else None
        if live is not None and live.content_hash == content_hash and case_id not in owners:
            owners[case_id] = folder
            unchanged.append(_unchanged(live, started))
            continue
        try:
            bundle = load_bundle(
                folder,
                chunk_size=settings.chunk_size,
                chunk_overlap=settings.chunk_overlap,
                limits=settings.limits,
            )
        except BundleError as error:
            problems.extend(error.problems)
            continue
        case_id = bundle.case.case_id
        if case_id in owners:
            problems.append(
                Problem(
                    file=f"{folder.name}/case.yaml",
                    field="case.case_id",
                    message=f"case {case_id!r} is also in {owners[case_id]}; one bundle a case",
                )
            )
            continue
        if case_id != declared[folder]:  # not locked; cannot happen unless the file changed
            problems.append(
                Problem(file=f"{folder.name}/case.yaml", message="changed while being read")
            )
            continue
        owners[case_id] = folder
        if not problems:
            ahead.add(bundle, content_hash, live)
    return unchanged


def _publish_all(
    store: Store,
    unchanged: list[IngestResult],
    ahead: EncodeAhead,
) -> list[IngestResult]:
    """Publish the cases given to `ahead` in order, the next encoded while one is written; on
    the first failure stop and say exactly which cases are live."""
    results: list[IngestResult] = []
    while (job := ahead.next()) is not None:
        try:
            results.append(_commit(store, job))
        except Exception as error:
            ahead.stop()  # what runs ahead writes nothing: it is only let finish
            rest = [job.bundle.case.case_id, *ahead.waiting()]
            had = {case_id: _is_live(store, case_id) for case_id in rest}
            raise PublishError(
                failed=job.bundle.case.case_id,
                cause=error,
                published=[r.key.partition(":")[2] for r in results],
                kept=[r.key.partition(":")[2] for r in unchanged]
                + [case_id for case_id in rest if had[case_id]],
                not_published=[case_id for case_id in rest if not had[case_id]],
            ) from error
    return results


def _is_live(store: Store, case_id: str) -> bool:
    try:
        return store.live(case_key(case_id)) is not None
    except Exception:  # the store itself failing: say nothing is known to be live
        return False


def _commit(store: Store, job: EncodeJob) -> IngestResult:
    """Write one case whose new texts were encoded ahead, and make it live."""
    draft, fresh = job.result()
    bundle = job.bundle
    live = store.commit(
        draft,
        fresh,
        content_hash=job.content_hash,
        title=bundle.case.title,
        counts=bundle.counts(),
    )
    return IngestResult(
        key=draft.key,
        title=live.title,
        status="replaced" if draft.previous is not None else "new",
        counts=live.counts,
        records=len(draft.entries),
        embedded=len(draft.to_embed),
        seconds=time.perf_counter() - job.started,
    )


def ingest_learning(
    paths: list[Path], settings: Settings, progress: ProgressFactory | None = None
) -> IngestResult:
    """Add or replace learning documents by file name; documents not given are kept."""
    with ingest_locks([LEARNING_KEY], settings.lock_folder(), settings.ingest_lock_wait_s):
        return _ingest_learning(paths, settings, progress)


def _ingest_learning(
    paths: list[Path], settings: Settings, progress: ProgressFactory | None
) -> IngestResult:
    started = time.perf_counter()
    documents = load_learning(
        paths,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        limits=settings.limits,
    )
    store = Store(settings.chroma_client())
    live = store.live(LEARNING_KEY)
    hashes = dict(json.loads(live.detail.get("documents", "{}"))) if live else {}
    titles = dict(json.loads(live.detail.get("titles", "{}"))) if live else {}
    changed = [d for d in documents if hashes.get(d.doc_id) != d.content_hash]
    if live is not None and not changed:
        return IngestResult(
            key=LEARNING_KEY,
            title="Learning corpus",
            status="unchanged",
            counts=live.counts,
            records=live.counts.get("passages", 0),
            embedded=0,
            seconds=time.perf_counter() - started,
        )
    replaced = {d.doc_id for d in changed}
    kept = [
        e for e in (store.read_all(live) if live else []) if str(e.metadata["file"]) not in replaced
    ]
    new_entries = [build_entry(p, None, {}) for d in changed for p in d.passages]
    entries = kept + new_entries
    for document in changed:
        hashes[document.doc_id] = document.content_hash
        titles[document.doc_id] = document.title
    tick = progress("learning: embedding", len(new_entries)) if progress else None
    new_live, embedded = store.publish(
        LEARNING_KEY,
        entries,
        settings.embedder(),
        content_hash=json.dumps(hashes, sort_keys=True),
        title="Learning corpus",
        counts={"documents": len(hashes), "passages": len(entries)},
        detail={"documents": json.dumps(hashes), "titles": json.dumps(titles)},
        progress=tick,
    )
    return IngestResult(
        key=LEARNING_KEY,
        title=new_live.title,
        status="replaced" if live else "new",
        counts=new_live.counts,
        records=len(new_entries),
        embedded=embedded,
        seconds=time.perf_counter() - started,
    )
