"""What a briefing is made of: lines that cite records, sections of lines, the briefing."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BriefingKind = Literal["home_visit", "meeting"]
ExportFormat = Literal["markdown", "docx"]


class BriefingLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    record_ids: tuple[str, ...] = Field(min_length=1, description="Never empty: every line cites.")


class Section(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    lines: list[BriefingLine]
    empty: str = Field("None recorded.", description="Shown when there are no lines.")


class Briefing(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: BriefingKind
    title: str
    case_id: str
    prepared_on: dt.date
    since: dt.date | None = None
    sections: list[Section]

    def record_ids(self) -> list[str]:
        """Every cited record id, in order of first citation."""
        ids = (i for s in self.sections for line in s.lines for i in line.record_ids)
        return list(dict.fromkeys(ids))

    def file_name(self, extension: str) -> str:
        return f"{self.case_id}-{self.kind.replace('_', '-')}-{self.prepared_on}.{extension}"


def line(text: str, *record_ids: str) -> BriefingLine:
    return BriefingLine(text=text, record_ids=tuple(dict.fromkeys(record_ids)))
