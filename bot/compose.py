"""The deterministic composer: tool lines (plain text, record text among it) become Markdown
sentences ending in citation markers; the text is escaped (`bot.markup.md`), so a record's words
are shown as written and can never add an image, a link or HTML to the answer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.citations import citation, render_markers
from bot.evidence import Line, ToolResult
from bot.markup import md
from bot.records import Records
from bot.types import Citation

NO_EVIDENCE = "I found no records that answer this."


@dataclass
class Composed:
    text: str
    citations: list[Citation]
    abstained: bool
    searched: str


def compose(
    results: list[ToolResult],
    sources: dict[str, Records],
    notes: list[str] | None = None,
    caveats: list[Line] | None = None,
) -> Composed:
    """`sources` maps each record id to the Records it comes from (case or learning); `notes`
    say how the question was read (corrections, time phrases not resolved); `caveats` close
    the answer (gaps in the records of the period asked about), citing the records that bound
    them; an abstention names those records instead, after what was searched."""
    markers: dict[str, int] = {}
    citations: list[Citation] = []

    def marker_for(record_id: str) -> int:
        if record_id not in markers:
            records = sources[record_id]
            markers[record_id] = len(markers) + 1
            citations.append(citation(markers[record_id], records.by_id[record_id], records))
        return markers[record_id]

    found = [r for r in results if r.found]
    blocks: list[str] = []
    seen: set[str] = set()
    for result in results:
        rendered: list[str] = []
        for line in result.lines:
            if line.text in seen:
                continue  # two parts of a question may give the same sentence
            seen.add(line.text)
            if line.record_ids:
                cited = render_markers([marker_for(i) for i in line.record_ids])
                sentence = f"{md(line.text)} {cited}"
            elif line.note:
                sentence = f"_{md(line.text)}_"
            else:
                sentence = f"_Not found: {md(line.text)}_" if found else md(line.text)
            rendered.append(f"- {sentence}" if line.bullet else sentence)
        blocks.append(_join(rendered))
    searched = " | ".join(r.searched for r in results)
    preface = "".join(f"_{md(note)}_\n\n" for note in notes or [])
    if not found:
        text = f"{preface}{NO_EVIDENCE} " + " ".join(blocks) + f"\n\nSearched: {md(searched)}."
        text += "".join(f"\n\n_{md(_named(c))}_" for c in caveats or [])
        return Composed(text, [], True, searched)
    closing = []
    answered = set(markers)
    for caveat in caveats or []:
        cited = [marker_for(i) for i in caveat.record_ids]
        closing.append(f"_{md(caveat.text)}_" + (f" {render_markers(cited)}" if cited else ""))
    citations = [
        c if c.record_id in answered else c.model_copy(update={"caveat": True}) for c in citations
    ]
    return Composed(preface + "\n\n".join(blocks + closing), citations, False, searched)


def _named(caveat: Line) -> str:
    """A caveat of an abstention, which cites nothing: the records named by id instead."""
    if not caveat.record_ids:
        return caveat.text
    head, colon, tail = caveat.text.partition(": ")
    ids = " and ".join(caveat.record_ids)
    return f"{head} (records {ids}){colon}{tail}" if colon else f"{caveat.text} ({ids})"


def _join(lines: list[str]) -> str:
    """Consecutive bullets form one list; other lines are paragraphs."""
    out: list[str] = []
    for line in lines:
        if out and line.startswith("- ") and out[-1].startswith("- "):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return "\n\n".join(out)
