"""The synthetic bundle generator writes spec-conformant, deterministic bundles."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from eval.synth import main, write_bundle, write_bundles

# copied from /work/shared/spec/case-bundle.md, so a drift in eval.synth is caught
SPEC_EVENT_TYPES = {
    "referral", "home_visit", "no_access_visit", "assessment", "strategy_discussion",
    "section_47", "conference", "core_group", "meeting", "education", "health", "police",
    "housing", "environmental_health", "move", "court", "case_closed", "note",
}  # fmt: skip
SPEC_OUTCOMES = {
    "attended", "was_not_brought", "did_not_attend", "cancelled_by_family",
    "cancelled_by_service", "no_access", "rescheduled", "upcoming",
}  # fmt: skip
SPEC_SOURCE_TYPES = {"professional", "family", "neighbour", "public", "child", "anonymous"}
HEADERS = {
    "professionals.csv": ["id", "name", "role", "agency", "members", "start", "end", "phone",
                          "email", "lead", "notes"],
    "chronology.csv": ["id", "date", "agency", "event_type", "summary", "members", "source",
                       "source_type", "action", "outcome", "child_seen", "recorded_by"],
    "appointments.csv": ["id", "date", "member", "agency", "type", "outcome", "notes"],
}  # fmt: skip


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _iso(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("synth")
    return write_bundles(out, 8, seed=3)


def test_write_bundles_names_and_layout(bundles: list[Path]) -> None:
    assert [b.name for b in bundles] == [f"SYN-{n:05d}" for n in range(1, 9)]
    for b in bundles:
        for name in ("case.yaml", *HEADERS):
            assert (b / name).is_file()
        assert len(list((b / "documents").glob("*.md"))) == 4


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    a = write_bundle(tmp_path / "a", 7, seed=11)
    b = write_bundle(tmp_path / "b", 7, seed=11)
    c = write_bundle(tmp_path / "c", 7, seed=12)
    assert _files(a) == _files(b)
    assert _files(a) != _files(c)
    again = write_bundle(tmp_path / "a", 7, seed=11, documents=1)  # rewrite replaces the folder
    assert len(list((again / "documents").iterdir())) == 1


def test_sizes_are_honoured(tmp_path: Path) -> None:
    b = write_bundle(tmp_path, 1, chronology=40, appointments=9, professionals=3, addresses=2,
                     documents=0)  # fmt: skip
    assert len(_read_csv(b / "chronology.csv")[1]) == 40
    assert len(_read_csv(b / "appointments.csv")[1]) == 9
    assert len(_read_csv(b / "professionals.csv")[1]) == 3
    assert len(yaml.safe_load((b / "case.yaml").read_text())["addresses"]) == 2
    assert not (b / "documents").exists()


def test_case_yaml_and_addresses(bundles: list[Path]) -> None:
    for b in bundles:
        case: dict[str, Any] = yaml.safe_load((b / "case.yaml").read_text(encoding="utf-8"))
        assert case["case_id"] == b.name
        assert case["title"] and case["local_authority"] and case["summary"]
        assert isinstance(case["opened"], dt.date)
        members = case["members"]
        roles = [m["role"] for m in members]
        assert roles.count("parent") == 2 and 1 <= roles.count("child") <= 6
        ids = [m["id"] for m in members] + [a["id"] for a in case["addresses"]]
        assert len(ids) == len(set(ids))
        addrs = case["addresses"]
        assert len(addrs) == 13
        assert all(a["to"] is not None for a in addrs[:-1]) and addrs[-1]["to"] is None
        for prev, nxt in zip(addrs, addrs[1:], strict=False):
            assert prev["from"] <= prev["to"] < nxt["from"]


def test_csv_headers_ids_dates_and_vocabularies(bundles: list[Path]) -> None:
    for b in bundles:
        member_ids = {m["id"] for m in yaml.safe_load((b / "case.yaml").read_text())["members"]}
        children = {m for m in member_ids if m.startswith("child-")}
        for name, header in HEADERS.items():
            got, rows = _read_csv(b / name)
            assert got == header, name
            ids = [r["id"] for r in rows]
            assert len(ids) == len(set(ids)), name
            for r in rows:
                listed = r.get("members") or r.get("member") or ""
                assert set(filter(None, listed.split(";"))) <= member_ids, (name, r["id"])
                for col in ("date", "start", "end"):
                    if r.get(col):
                        _iso(r[col])

        _, chron = _read_csv(b / "chronology.csv")
        types = {r["event_type"] for r in chron}
        assert types == SPEC_EVENT_TYPES  # 150 rows rotate through all 18
        assert {r["source_type"] for r in chron} - {""} <= SPEC_SOURCE_TYPES
        assert len({r["summary"] for r in chron}) > len(chron) // 2
        for r in chron:
            seen = r["child_seen"]
            if ":" in seen:
                pairs = [p.split(":") for p in seen.split(";")]
                assert {k for k, _ in pairs} <= children
                assert {v for _, v in pairs} <= {"yes", "no", "alone"}
            else:
                assert seen in {"", "yes", "no", "alone"}
            if r["event_type"] == "home_visit":
                assert seen

        _, appts = _read_csv(b / "appointments.csv")
        assert {r["outcome"] for r in appts} == SPEC_OUTCOMES
        for r in appts:
            assert r["member"] in member_ids
            if r["outcome"] == "was_not_brought":
                assert r["member"] in children
            if r["outcome"] == "did_not_attend":
                assert r["member"] not in children


def test_professionals_have_one_current_lead(bundles: list[Path]) -> None:
    for b in bundles:
        _, rows = _read_csv(b / "professionals.csv")
        leads = [r for r in rows if r["lead"] == "yes"]
        assert len(leads) == 1 and leads[0]["end"] == ""
        assert {r["lead"] for r in rows} <= {"yes", ""}
        for r in rows:
            assert r["phone"].startswith("01632 960") and r["email"].endswith("@example.org")
            if r["end"]:
                assert _iso(r["start"]) <= _iso(r["end"])


def test_documents_have_headings_and_known_members(bundles: list[Path]) -> None:
    for b in bundles:
        member_ids = {m["id"] for m in yaml.safe_load((b / "case.yaml").read_text())["members"]}
        for doc in (b / "documents").glob("*.md"):
            text = doc.read_text(encoding="utf-8")
            _, front, body = text.split("---\n", 2)
            meta = yaml.safe_load(front)
            assert set(meta["members"].split(";")) <= member_ids
            assert isinstance(meta["date"], dt.date)
            lines = body.splitlines()
            assert sum(1 for line in lines if line.startswith("# ")) == 1
            assert 3 <= sum(1 for line in lines if line.startswith("## ")) <= 6
            paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
            assert 3 <= len(paragraphs) <= 12


def test_cli(tmp_path: Path) -> None:
    assert main([str(tmp_path), "--cases", "2", "--chronology", "5", "--seed", "1"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["SYN-00001", "SYN-00002"]
    assert len(_read_csv(tmp_path / "SYN-00002" / "chronology.csv")[1]) == 5


def test_negative_size_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="chronology"):
        write_bundle(tmp_path, 1, chronology=-1)
