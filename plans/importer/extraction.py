"""From a plan's text to its facts: number, issue date, issuer, period, topic, title, channels.

Two shapes of text carry them. A plan document states them in its header ("ỦY BAN NHÂN DÂN
HUYỆN …", "Số: …", "…, ngày … tháng … năm …", "KẾ HOẠCH" and the trích yếu); news, reports
and database copies state them where they cite the plan ("… ban hành Kế hoạch số 11/KH-UBND
ngày 19/02/2024 về …"). Among several cited documents the answer is the communication plan
the text reports, not the decision it implements. Nothing is guessed: a fact the text does
not state stays None.
"""

import datetime
import re
from dataclasses import dataclass

from plans.importer import parts
from plans.importer.channels import match_channels
from plans.importer.mentions import (
    COMMUNICATION,
    PLAN_WORD,
    clean_number,
    issuer_in_headline,
    issuer_near_issuing,
    mentions_in,
)
from plans.importer.patterns import (
    AGENCY_HEAD,
    COMMITTEE_OF_UNIT,
    DOCUMENT_NUMBER,
    UNIT_KIND_LABELS,
    UNIT_OF_KIND,
    agency_name,
    committee_at,
    first_date,
    fold_in_place,
    sentence_case,
    unit_name,
)

NOT_A_PLAN_MESSAGE = "Không tìm thấy kế hoạch trong văn bản."
SCALAR_FIELDS = ["number", "issue_date", "issuer", "locality", "period_start", "period_end", "topic", "title"]
# The national motto stands beside the issuer in every header; it names no issuer.
_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc")
_YEARS = re.compile(
    r"\b(?:nam|giai doan|nhiem ky|cac nam)\s+((?:19|20)\d\d)(?:\s*(?:[-–—]|den|va)\s*(?:nam\s+)?((?:19|20)\d\d))?\b"
)


_ABOUT_COMMUNICATION = re.compile(r"tuyen truyen|truyen thong|pho bien|cai cach hanh chinh|\bcchc\b|\btthc\b")


class NotAPlan(Exception):
    """The text states no plan at all; a draft of it would be noise."""

    message = NOT_A_PLAN_MESSAGE


@dataclass
class Source:
    """The text and its accent-folded twin, character for character."""

    original: str
    folded: str

    def snippet(self, start, end, margin=50):
        """The words around ``start:end`` on their line(s), for the officer to check against."""
        left = max(self.original.rfind("\n", 0, start) + 1, start - margin)
        right = self.original.find("\n", end)
        right = min(right if right != -1 else len(self.original), end + margin)
        return " ".join(self.original[left:right].split())


def prepare(text):
    # A legal database's copy keeps the header's table as cells separated by "|".
    text = text.replace("|", "\n")
    folded = fold_in_place(text)
    for match in _MOTTO.finditer(folded):
        blank = "\n" + " " * (match.end() - match.start() - 1)
        text = text[:match.start()] + blank + text[match.end():]
        folded = folded[:match.start()] + blank + folded[match.end():]
    return Source(text, folded)


def extract(text, vocabulary):
    """The plan the text states, as the ``extract_plan`` JSON; raises NotAPlan when it states none."""
    source = prepare(text)
    if not PLAN_WORD.search(source.folded) and not re.search(r"/kh\b|\bkh[-/]", source.folded):
        raise NotAPlan
    facts, evidence = {field: None for field in SCALAR_FIELDS}, {}

    def put(field, value, at):
        if value not in (None, "") and facts[field] in (None, ""):
            facts[field] = value
            evidence[field] = source.snippet(*at)

    _from_metadata(source, put)
    header = _document_header(source)
    if header:
        _from_header(source, header, put)
    else:
        _from_number_line(source, put)
    mentions = mentions_in(source)
    best = max(mentions, key=lambda mention: mention.score, default=None)
    # In a plan's own document, the plans it names are the ones it cites: its header alone says
    # its number and date (a draft's "Số: /KH-UBND" stays without one).
    if best is not None and not header:
        put("number", best.number, best.number_at or (best.start, best.end))
        if isinstance(best.date, datetime.date):
            put("issue_date", best.date.isoformat(), best.date_at or (best.start, best.end))
        put("issuer", best.issuer, best.issuer_at or (best.start, best.end))
        if best.subject:
            put("title", "Kế hoạch " + _lower_first(best.subject), best.subject_at)
    if facts["issuer"] is None:
        issuer = issuer_near_issuing(source) or issuer_in_headline(source)
        if issuer:
            put("issuer", *issuer)
    if facts["issuer"] and facts["issuer"].split()[-1] in UNIT_KIND_LABELS.values():
        _complete_issuer(source, facts, evidence)
    if facts["number"] is None and facts["issue_date"] is None and facts["issuer"] is None and facts["title"] is None:
        raise NotAPlan
    # The portal holds communication plans: a text about another kind of plan (sowing, budgets) is not one.
    if not _ABOUT_COMMUNICATION.search(fold_in_place(facts["title"] or "") + " " + source.folded[:3000]):
        raise NotAPlan
    _period(source, facts, evidence, mentions, best)
    if facts["issue_date"] is None and best is not None and isinstance(best.date, tuple):
        _date_in_plan_year(source, facts, evidence, best)
    facts["topic"] = _topic(source, facts["title"], best)
    body_start = header["end"] if header else 0
    channels, other_channels = match_channels(source, vocabulary, body_start)
    result = {
        **facts,
        "channels": channels,
        "other_channels": other_channels,
        **parts.extract_parts(source, answer=best, body_start=body_start),
        "evidence": evidence,
    }
    return result


def _from_metadata(source, put):
    """A legal database's header: "Số hiệu: …", "Ngày ban hành: …", "Cơ quan ban hành: …", "Trích yếu: …"."""
    for label, field in (("so hieu", "number"), ("ngay ban hanh", "issue_date"),
                         ("(?:co quan|noi) ban hanh", "issuer"), ("trich yeu", "title")):
        match = re.search(rf"^\s*{label}\s*:\s*(?P<value>[^\n]+)", source.folded, re.MULTILINE)
        if not match:
            continue
        start, end = match.span("value")
        value = source.original[start:end].strip()
        if field == "number" and re.fullmatch(rf"{DOCUMENT_NUMBER}|\d{{1,5}}", match.group("value").strip()):
            put(field, value, (start, end))
        elif field == "issue_date":
            found = first_date(source.folded, start, end)
            if found:
                put(field, found[0].isoformat(), (start, end))
        elif field == "issuer":
            put(field, _issuer_in(source, start, end, fallback_place=value), (start, end))
        elif field == "title":
            put(field, value, (start, end))


def _issuer_in(source, start, end, fallback_place=None):
    """The issuing body named in ``start:end``: a committee, a provincial body, or (database copies) a place."""
    committee = COMMITTEE_OF_UNIT.search(source.folded, start, end)
    if committee:
        return committee_at(source.original, source.folded, committee)[0]
    place = UNIT_OF_KIND.search(source.folded, start, end)
    if place and fallback_place:
        kind = UNIT_KIND_LABELS[re.sub(r"\s+", " ", place.group("kind"))]
        name = unit_name(source.original, source.folded, place.start("rest"))[0]
        return f"UBND {kind} {name}" if name else None
    return None


def _document_header(source):
    """Where a plan document's header ends and its title begins: the "KẾ HOẠCH" line in capitals, or
    the "QUYẾT ĐỊNH" line of a decision whose title is "Ban hành Kế hoạch …" (the plan it issues)."""
    offset = 0
    lines = source.original.split("\n")
    for index, line in enumerate(lines[:40]):
        folded = source.folded[offset:offset + len(line)].strip()
        title_at = offset + len(line) + 1
        if re.fullmatch(r"ke\s*hoach(\s*so\b.*)?", folded) and line.strip()[:2].isupper():
            return {"start": 0, "title_at": title_at, "end": title_at}
        following = fold_in_place(next((text for text in lines[index + 1:index + 3] if text.strip()), ""))
        if re.fullmatch(r"quyet\s*dinh", folded) and re.match(r"\s*(?:ve viec\s+)?ban hanh ke hoach", following) \
                and COMMUNICATION.search(following):
            return {"start": 0, "title_at": title_at, "end": title_at, "decision": True}
        offset += len(line) + 1
    return None


def _from_header(source, header, put):
    start, end = header["start"], header["title_at"]
    number = re.search(rf"\bso(?: hieu)?\s*:?\s*(?P<number>{DOCUMENT_NUMBER}|\d{{1,5}}\b)", source.folded[start:end])
    if number:
        at = (start + number.start("number"), start + number.end("number"))
        put("number", clean_number(source.original[at[0]:at[1]]), at)
    dated = re.search(r"[^\n,]*,\s*(ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}|ngay\s+\d{1,2}\s?[/.-].*)",
                      source.folded[start:end])
    found = first_date(source.folded, start + dated.start(1), start + dated.end(1) + 4) if dated else None
    found = found or first_date(source.folded, start, end)
    if found:
        put("issue_date", found[0].isoformat(), found[1:])
    issuer = _header_issuer(source, start, end)
    if issuer:
        put("issuer", *issuer)
    title_lines, offset = [], header["title_at"]
    for line in source.original[offset:].split("\n")[:6]:
        folded = fold_in_place(line).strip()
        if not folded and title_lines:
            break
        # The title ends where the preamble starts: bases, the authority that decides, section I.
        if re.match(r"(can cu|thuc hien|de |[ivx]+\s*[.-]|\d+\s*[.)]|[-_*=]{3,}|uy ban nhan dan|chu tich|bo truong|"
                    r"giam doc|quyet dinh)", folded):
            break
        if folded:
            title_lines.append(line.strip())
        offset += len(line) + 1
    if title_lines:
        subject = " ".join(title_lines)
        subject = re.sub(r"^(?:v/v|về việc|ve viec)\s*", "", subject, flags=re.IGNORECASE)
        if header.get("decision"):
            subject = re.sub(r"^(?:ban hành|ban hanh)\s+(?:kế hoạch|ke hoach)\s*", "", subject, flags=re.IGNORECASE)
        put("title", "Kế hoạch " + _lower_first(subject), (header["title_at"], offset))


def _from_number_line(source, put):
    """A copy that lost the "KẾ HOẠCH" heading still opens with "Số: 983/KH-UBND  Tây Ninh, ngày …"."""
    line = re.search(rf"^[^\S\n]*so\s*:\s*(?P<number>{DOCUMENT_NUMBER})[^\n]*(?:\n[^\n]*){{0,2}}", source.folded[:1500],
                     re.MULTILINE)
    if line is None or "kh" not in line.group("number"):
        return
    put("number", clean_number(source.original[slice(*line.span("number"))]), line.span("number"))
    found = first_date(source.folded, line.end("number"), line.end())
    if found:
        put("issue_date", found[0].isoformat(), found[1:])
    issuer = _header_issuer(source, 0, line.start())
    if issuer:
        put("issuer", *issuer)


def _header_issuer(source, start, end):
    """The issuer in a header: the committee, or a body under it ("UBND TỈNH X" over "SỞ NỘI VỤ")."""
    committee = COMMITTEE_OF_UNIT.search(source.folded, start, end)
    body = None
    for match in AGENCY_HEAD.finditer(source.folded, start, end):
        line_start = source.folded.rfind("\n", 0, match.start()) + 1
        if not source.folded[line_start:match.start()].strip():
            body = match
            break
    if body is not None:
        name, body_end = agency_name(source.original, source.folded, body)
        if name:
            place = ""
            if committee and committee.start() < body.start():
                place = committee_at(source.original, source.folded, committee)[0].removeprefix("UBND ")
            return (f"{name} {place}".strip(), (body.start(), body_end))
    if committee:
        issuer, issuer_end = committee_at(source.original, source.folded, committee)
        return issuer, (committee.start(), issuer_end)
    return None


def _lower_first(text):
    """A title in capitals reads as a sentence; its abbreviations (CCHC, TTHC, UBND) stay in capitals."""
    if sum(char.isupper() for char in text) > 0.6 * sum(char.isalpha() for char in text):
        text = " ".join(word if re.fullmatch(r"[A-ZĐ]{2,6}", word) and word in _ABBREVIATIONS else word.lower()
                        for word in text.split())
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


_ABBREVIATIONS = {"CCHC", "TTHC", "UBND", "HĐND", "PAR", "PCI", "PAPI", "SIPAS", "DTI", "KT-XH"}


def _complete_issuer(source, facts, evidence):
    """"UBND huyện" without a name: the name, if the text gives one unit of that kind and no other."""
    kind = facts["issuer"].split()[-1]
    names = set()
    for place in UNIT_OF_KIND.finditer(source.folded):
        if UNIT_KIND_LABELS[re.sub(r"\s+", " ", place.group("kind"))] == kind:
            name = unit_name(source.original, source.folded, place.start("rest"))[0]
            if name:
                names.add((name, place.start()))
    distinct = {name for name, _start in names}
    if len(distinct) == 1:
        name, start = min(names, key=lambda item: item[1])
    else:
        # The place of the header's date line is the issuer's own: "Tây Ninh, ngày 15 tháng 5 năm 2019".
        dated = re.search(r"^[^\S\n]*(?P<place>[^\n,]{2,30}),\s*ngay\s+\d", source.folded[:1500], re.MULTILINE)
        if not dated or not source.original[dated.start("place")].isupper():
            return
        name, start = sentence_case(source.original[slice(*dated.span("place"))].strip()), dated.start("place")
    facts["issuer"] = f"{facts['issuer']} {name}"
    evidence["issuer"] += " … " + source.snippet(start, start + len(name) + 8, margin=20)


def _period(source, facts, evidence, mentions, best):
    """The plan's years from its title; failing that, from another mention of the same plan's subject."""
    texts = []
    if facts["title"]:
        texts.append((fold_in_place(facts["title"]), evidence.get("title", "")))
    for mention in sorted(mentions, key=lambda mention: mention is not best):
        if mention.score >= 3 and mention.subject_at:
            texts.append((source.folded[slice(*mention.subject_at)], source.snippet(*mention.subject_at)))
    for folded, snippet in texts:
        years = _YEARS.search(folded)
        if years:
            start = int(years.group(1))
            end = int(years.group(2)) if years.group(2) else start
            if end >= start:
                facts["period_start"], facts["period_end"] = start, end
                evidence["period_start"] = snippet
            return


def _date_in_plan_year(source, facts, evidence, best):
    """"Ngày 19/02, UBND huyện … ban hành Kế hoạch … năm 2024", and no dateline: a plan for one year is
    issued in that year or in the last quarter before it; from January to September the year is certain."""
    day, month = best.date
    year = facts["period_start"]
    if year is None or facts["period_end"] != year or month > 9:
        return
    try:
        facts["issue_date"] = datetime.date(year, month, day).isoformat()
    except ValueError:
        return
    evidence["issue_date"] = f"{source.snippet(*best.date_at)} (năm theo năm kế hoạch {year})"


def _topic(source, title, best):
    """The title decides; a text that gives no title is judged by its opening lines."""
    text = fold_in_place(title) if title else source.folded[:800]
    if re.search(r"kiem soat\s+(?:thu tuc hanh chinh|tthc)", text):
        return "kiem-soat-tthc"
    if re.search(r"cai cach hanh chinh|\bcchc\b|cai cach thu tuc", text):
        return "cchc"
    return "khac"
