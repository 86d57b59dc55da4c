"""The parts of a plan in its text: objectives, content groups, assigned units, targets, results,
legal bases, reporting schedule and signer. Each is read from the section that holds it
("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "IV. TỔ CHỨC THỰC HIỆN", "Căn cứ …", the signature
block) and, in news and reports, from the sentences that state it.
"""

import re

from plans.importer.patterns import (
    COMMITTEE_OF_UNIT,
    DOCUMENT_NUMBER,
    committee_at,
    first_date,
)

_TOP_HEADING = re.compile(r"^\s*(?P<numeral>[ivx]{1,4})\s*[.-]\s*(?P<title>[^\n]+)", re.MULTILINE)
_ITEM = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\s*\)|[-+•*–]|\(\d{1,2}\))\s*(?P<text>[^\n]+)", re.MULTILINE)
_UNIT_WORDS = re.compile(
    r"(?:cac\s+)?(?:phong|so|trung tam|uy ban|ubnd|dai|van phong|mat tran|doan|hoi|cong an|ban|bo phan|cong chuc|"
    r"co quan|truong|chi cuc|bao|cong dong|thu truong|cac don vi)\b"
)
_CITATION = re.compile(
    rf"\b(?P<kind>ke hoach|quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi|cong van|chuong trinh)\s+"
    rf"(?:so\s+)?(?P<number>{DOCUMENT_NUMBER}|\d{{1,5}}\b)"
)
_COUNTED = re.compile(
    r"\b\d[\d.]*\s+(?:bai|tin|cum|luot|buoi|pa no|bang ron|to roi|to gap|phong su|cuoc|hoi nghi|lop|nguoi|"
    r"chuyen muc|video|clip|khau hieu|ban tin|san pham|tai lieu|ho so)"
)
_POSITIONS = {
    "pho chu tich": "Phó Chủ tịch", "chu tich": "Chủ tịch", "pho giam doc": "Phó Giám đốc", "giam doc": "Giám đốc",
    "truong phong": "Trưởng phòng", "pho truong phong": "Phó Trưởng phòng",
}


def extract_parts(source, *, answer=None, body_start=0):
    sections = _sections(source)
    return {
        "objectives": _items_of(source, sections, r"muc dich|muc tieu|yeu cau"),
        "content_groups": _content_groups(source, sections),
        "assignments": _assignments(source, sections),
        "targets": _targets(source),
        "results": _results(source),
        "legal_bases": _legal_bases(source, answer, body_start),
        "reporting_schedule": _reporting(source),
        "signer": _signer(source),
    }


def _sections(source):
    """(folded title, start, end) of each top-level section (I., II., III. …)."""
    headings = [match for match in _TOP_HEADING.finditer(source.folded) if match.group("title")[:1].isalpha()]
    return [
        (match.group("title").strip(), match.end(), headings[index + 1].start() if index + 1 < len(headings) else len(source.folded))
        for index, match in enumerate(headings)
    ]


def _section(sections, pattern):
    return next(((start, end) for title, start, end in sections if re.search(pattern, title)), None)


def _items(source, start, end):
    """The listed items (numbered, lettered or dashed lines) between ``start`` and ``end``, as written."""
    found = []
    for match in _ITEM.finditer(source.folded, start, end):
        text = source.original[match.start("text"):match.end("text")].strip()
        found.append((text, match.start("text")))
    return found


def _items_of(source, sections, pattern, limit=12):
    span = _section(sections, pattern)
    if not span:
        return []
    items = [text for text, _at in _items(source, *span) if not re.fullmatch(r"[^:]{0,30}:", text)]
    return [text[:500] for text in items][:limit]


def _content_groups(source, sections):
    span = _section(sections, r"^noi dung")
    if not span:
        return []
    groups = []
    for text, _at in _items(source, *span):
        title = re.split(r":\s", text, maxsplit=1)[0].strip().rstrip(":;.")
        if 3 <= len(title) <= 500 and title not in groups:
            groups.append(title)
    return groups[:20]


def _assignments(source, sections):
    """Units named at the head of an item of "Tổ chức thực hiện" ("1. Phòng Nội vụ: …"), or after "giao"."""
    span = _section(sections, r"to chuc thuc hien|trach nhiem|phan cong")
    found = []
    if span:
        for text, at in _items(source, *span):
            folded = source.folded[at:at + len(text)]
            if not _UNIT_WORDS.match(folded):
                continue
            head, _colon, rest = text.partition(":")
            if not rest and len(head) > 160:
                continue
            task = rest.strip() or _task_after_heading(source, at + len(text))
            found.append(_assignment(head.strip(), task))
    else:
        for match in re.finditer(r"\bgiao\s+(?:cho\s+)?", source.folded):
            unit_start = match.end()
            verb = re.search(r"\s(chu tri|thuc hien|phoi hop|theo doi|tham muu|trien khai|to chuc)\b",
                             source.folded[unit_start:unit_start + 120])
            if not verb or not _UNIT_WORDS.match(source.folded, unit_start):
                continue
            end = re.search(r"[.;\n]", source.folded[unit_start:]) or None
            stop = unit_start + (end.start() if end else len(source.folded) - unit_start)
            unit = source.original[unit_start:unit_start + verb.start()].strip(" ,")
            found.append(_assignment(unit, source.original[unit_start + verb.start():stop].strip()))
    return found[:20]


def _task_after_heading(source, position):
    line = source.original[position:].lstrip("\n").split("\n", 1)[0]
    return line.strip()[:1000]


def _assignment(unit, task):
    folded = re.sub(r"\s+", " ", task.lower())
    lead = bool(re.search(r"chủ trì|chu tri|đầu mối|dau moi|theo dõi, tổng hợp|tổng hợp(?:,| và)? báo cáo|tham mưu", folded))
    return {"unit": unit[:255], "task": task[:2000], "lead": lead}


def _sentences(source):
    for match in re.finditer(r"[^.;\n]+(?:[.;\n]|$)", source.folded):
        yield match.start(), match.end()


def _targets(source):
    found = []
    for start, end in _sentences(source):
        folded = source.folded[start:end]
        if re.search(r"\d\s?%|chi tieu|phan dau", folded) and not re.search(r"\bda\b (?:dat|thuc hien)", folded):
            if re.search(r"\d\s?%|nang cao chi so|par index|sipas|papi|\bpci\b", folded):
                found.append(source.original[start:end].strip(" -+•.;\n"))
    return found[:15]


def _results(source):
    found = []
    for start, end in _sentences(source):
        folded = source.folded[start:end]
        if re.search(r"\bda\b", folded) and _COUNTED.search(folded):
            # "Thực hiện Kế hoạch số …, Đài truyền thanh đã phát 148 tin": the citation is not the result.
            cited = re.match(r"\s*(?:thuc hien|can cu|theo|trien khai)\b[^,]*,\s*", folded)
            if cited and re.search(r"\bda\b", folded[cited.end():]):
                start += cited.end()
            found.append(source.original[start:end].strip(" -+•.;\n"))
    return found[:20]


def _legal_bases(source, answer, body_start):
    """The documents cited as basis: "Căn cứ …" lines, and the documents a news item says it implements
    ("Thực hiện Quyết định số … và Kế hoạch số …, UBND huyện ban hành …"), never the plan itself."""
    bases, seen = [], set()
    folded = source.folded
    for clause in re.finditer(r"(?:can cu|thuc hien|trien khai|theo)\s+(?=" + _CITED_KINDS + ")", folded):
        stop = re.compile(r"\n|\.\s").search(folded, clause.end())
        region_end = stop.start() if stop else len(folded)
        if answer and clause.end() <= answer.start < region_end:
            region_end = answer.start
        citations = [match for match in _CITATION.finditer(folded, clause.end(), region_end)]
        for index, citation in enumerate(citations):
            number = re.sub(r"\s+", "", source.original[slice(*citation.span("number"))])
            if number in seen:
                continue
            seen.add(number)
            end = citations[index + 1].start() if index + 1 < len(citations) else region_end
            cut = re.search(r";|,\s*(?:ngay\s+\d|ubnd|uy ban|so\b|phong)", folded[citation.end():end])
            end = citation.end() + cut.start() if cut else end
            bases.append(_basis(source, citation, number, end))
    return bases[:15]


_CITED_KINDS = r"(?:ke hoach|quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi|cong van|chuong trinh)"


def _basis(source, citation, number, end):
    dated = first_date(source.folded, citation.end(), min(end, citation.end() + 40))
    committee = COMMITTEE_OF_UNIT.search(source.folded, citation.end(), end)
    issuer = committee_at(source.original, source.folded, committee)[0] if committee else None
    if issuer is None:
        by = re.search(r"\bcua\s+([^,;\n]{3,60}?)(?:\s+(?:ve|ban hanh|phe duyet|quy dinh|huong dan)\b|[,;\n]|$)",
                       source.folded[citation.end():end])
        if by:
            issuer = source.original[citation.end() + by.start(1):citation.end() + by.end(1)].strip()
    title = re.sub(r"\s+(?:và|va)$", "", source.original[citation.start():end].strip(" ,;"))
    return {"number": number, "date": dated[0].isoformat() if dated else None, "issuer": issuer, "title": title[:500]}


def _reporting(source):
    found = []
    for start, end in _sentences(source):
        folded = source.folded[start:end]
        if "bao cao" in folded and re.search(r"dinh ky|hang quy|\bquy\b|6 thang|9 thang|hang nam|truoc ngay|hang thang", folded):
            found.append(source.original[start:end].strip(" -+•.;\n"))
    return " ".join(found[:3])


def _signer(source):
    """The name under the last position of the signature block ("CHỦ TỊCH", then the name)."""
    metadata = re.search(r"^\s*nguoi ky\s*:\s*(?P<name>[^\n]+)", source.folded, re.MULTILINE)
    lines = source.original.split("\n")
    folded_lines = source.folded.split("\n")
    tail = max(0, len(lines) - 40)
    for index in range(len(lines) - 1, tail - 1, -1):
        folded = re.sub(r"^(?:kt\.?|tm\.?|q\.?)\s*", "", folded_lines[index].strip())
        position = next((name for name in _POSITIONS if folded == name), None)
        if position is None:
            continue
        for following in lines[index + 1:index + 6]:
            name = following.strip()
            if re.fullmatch(r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s){1,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*", name) and not re.search(r"\d", name):
                return {"name": " ".join(word.capitalize() if word.isupper() else word for word in name.split()),
                        "position": _POSITIONS[position]}
        break
    if metadata:
        start, end = metadata.span("name")
        return {"name": source.original[start:end].strip(), "position": None}
    return {"name": None, "position": None}
