"""Where a text names a plan ("… ban hành Kế hoạch số 11/KH-UBND ngày 19/02/2024 của UBND … về …"),
and which of those places is the plan the text is about.

Every mention is scored by rules one can read: the text reports it as issued ("ban hành"), its
subject is communication ("tuyên truyền", "truyền thông"), it has a plan's number (…/KH-…),
and it is not what the text implements or cites ("thực hiện", "căn cứ", "theo").
"""

import re
from dataclasses import dataclass

from plans.importer.patterns import (
    AGENCY_HEAD,
    COMMITTEE_OF_UNIT,
    DATE_NUMERIC,
    DOCUMENT_NUMBER,
    UNIT_KIND_LABELS,
    UNIT_OF_KIND,
    agency_name,
    committee_at,
    first_date,
    fold_in_place,
    make_date,
    unit_name,
)

PLAN_WORD = re.compile(r"\bke\s+hoach\b|\bkh\s+so\b")
_PLAN_NUMBER = re.compile(rf"\s*(?:so|so hieu)?\s*:?\s*(?P<number>{DOCUMENT_NUMBER}|\d{{1,5}}\b(?!\s?[/.-]\s?\d))")
COMMUNICATION = re.compile(r"tuyen truyen|truyen thong|thong tin|pho bien")
_ISSUED = re.compile(r"ban hanh|xay dung|phe duyet")
# Words that, just before "Kế hoạch", make it a document the text implements or cites.
_CITED = re.compile(r"(?:can cu|thuc hien|trien khai|theo|tai|cu the hoa|cua)\s*(?:cac\s+)?$")
# A full stop ends a sentence unless it ends an abbreviation ("UBND TP. Thủ Đức", "TX. Ninh Hòa").
_NOT_ABBREVIATION = r"(?<!\btp)(?<!\btx)(?<!\btt)(?<!\bths)(?<!\bts)(?<!\bq)(?<!\bp)"
_SENTENCE_END = re.compile(rf"\n|(?:[;!?]|{_NOT_ABBREVIATION}\.)(?=\s|$)")


def clean_number(number):
    return re.sub(r"\s+", "", number).strip(".-/")


@dataclass
class Mention:
    """A place where the text names a plan ("Kế hoạch số … ngày … của … về …")."""

    start: int
    end: int
    number: str | None = None
    number_at: tuple | None = None
    date: object = None
    date_at: tuple | None = None
    issuer: str | None = None
    issuer_at: tuple | None = None
    subject: str = ""
    subject_at: tuple | None = None
    score: float = 0.0
    by_decision: bool = False



def mentions_in(source):
    """Every place the text names a plan, scored: reported as issued, about communication, numbered."""
    mentions = []
    folded = source.folded
    for match in PLAN_WORD.finditer(folded):
        mention = Mention(match.start(), match.end())
        cursor = match.end()
        number = _PLAN_NUMBER.match(folded, cursor)
        if number and not re.fullmatch(r"(19|20)\d\d", number.group("number")):
            mention.number_at = number.span("number")
            mention.number = clean_number(source.original[slice(*mention.number_at)])
            cursor = number.end()
        date = re.match(r"[\s,]*(?:ban hanh\s+)?(?:ngay\s+)?", folded[cursor:])
        found = first_date(folded, cursor, cursor + date.end() + 24) if date else None
        if found and found[1] <= cursor + date.end() + 1:
            mention.date, mention.date_at = found[0], found[1:]
            cursor = found[2]
        issuer = re.match(r"[\s,]*(?:cua\s+)?(?=(?:chu tich\s+)?(?:uy ban|ubnd|so\b))", folded[cursor:])
        if issuer:
            named = _issuer_in_clause(source, cursor + issuer.end())
            if named:
                mention.issuer, mention.issuer_at = named[0], named[1]
                cursor = named[1][1]
        sentence_end = _SENTENCE_END.search(folded, cursor)
        end = sentence_end.start() if sentence_end else len(folded)
        subject = source.original[cursor:end].strip(" ,:-–")
        subject = re.split(
            r"\s+(?:với|nhằm|trong đó|theo đó|voi|nham)\s+|,\s*(?:trong đó|theo đó|cụ thể|ngày|ngay)\s|\s+(?:và|va)\s+(?=(?:Kế|Ke|Quyết|Quyet)\s)",
            subject)[0].rstrip(" ,;:")
        subject = re.sub(r"\s+(?:(?:với những|với các|gồm các)\s+nội dung\s+)?(?:như sau|nhu sau)\s*:?$", "", subject)
        # A title ends with its year; a comma after the year starts the sentence's next clause.
        subject = re.split(r"(?<=(?:năm|nam) \d{4}),\s|(?<=\d{4}\s-\s\d{4}),\s|(?<=\d{4}-\d{4}),\s", subject)[0]
        subject = re.sub(r"^(?:về\s+việc|về|v/v|ve viec|ve)\s+", "", subject, flags=re.IGNORECASE).strip()
        if mention.issuer is None and issuer_before(source, match.start()) is None:
            # "Kế hoạch tuyên truyền CCHC năm 2022 của UBND huyện X": the issuer closes the subject
            # (unless the sentence opened with who issued it: "của …" may then name a cited document's issuer).
            named = _issuer_closing(source, cursor, cursor + len(source.original[cursor:end]))
            if named:
                mention.issuer, mention.issuer_at = named
                subject = source.original[source.original.find(subject, cursor):named[1][0]]
                subject = re.sub(r"\s+(?:của|cua)(?:\s+Chủ tịch)?\s*$", "", subject.strip(" ,"))
        subject = subject[:300]
        subject_start = source.original.find(subject, cursor) if subject else cursor
        mention.subject, mention.subject_at = subject, (subject_start, subject_start + len(subject))
        if mention.date is None:
            mention.date, mention.date_at = _day_month_before(source, match.start())
        if mention.issuer is None:
            before = issuer_before(source, match.start())
            if before:
                mention.issuer, mention.issuer_at = before
        if mention.number is None:
            _issuing_decision(source, mention)
        mention.score = _score(source, mention)
        mentions.append(mention)
    return mentions


_ISSUING_DECISION = re.compile(
    rf"\b(?:quyet dinh|qd)\s+(?:so\s+)?(?P<number>{DOCUMENT_NUMBER})(?P<tail>[^.;\n]{{0,140}}?)"
    r"(?:ve viec\s+)?(?:ban hanh|phe duyet)\s+$"
)


def _issuing_decision(source, mention):
    """"… ban hành Quyết định số 123/QĐ-UBND ngày … ban hành Kế hoạch …": a plan issued by a decision has
    no number of its own; the decision's number, date and issuer are the plan's (unless the text implements it)."""
    start = _sentence_start(source, mention.start)
    decision = _ISSUING_DECISION.search(source.folded, start, mention.start)
    if decision is None or re.search(r"(?:can cu|thuc hien|theo|trien khai)\s*$", source.folded[start:decision.start()]):
        return
    mention.number_at = decision.span("number")
    mention.number = clean_number(source.original[slice(*mention.number_at)])
    mention.by_decision = True
    tail_start, tail_end = decision.span("tail")
    dated = first_date(source.folded, tail_start, tail_end)
    if dated and mention.date is None:
        mention.date, mention.date_at = dated[0], dated[1:]
    elif mention.date is None:
        mention.date, mention.date_at = _day_month_before(source, decision.start())
    if mention.issuer is None:
        named = _issuer_closing(source, tail_start, tail_end)
        if named:
            mention.issuer, mention.issuer_at = named


def _issuer_closing(source, start, end):
    by = re.search(r"\bcua\s+(?=(?:chu tich\s+)?(?:uy ban|ubnd|so\b))", source.folded[start:end])
    return _issuer_in_clause(source, start + by.end()) if by else None


def _issuer_in_clause(source, position):
    window_end = min(len(source.folded), position + 120)
    committee = COMMITTEE_OF_UNIT.match(source.folded, position, window_end)
    if committee is None:
        chairman = re.match(r"chu tich\s+", source.folded[position:])
        if chairman:
            committee = COMMITTEE_OF_UNIT.match(source.folded, position + chairman.end(), window_end)
    if committee:
        issuer, end = committee_at(source.original, source.folded, committee)
        return issuer, (committee.start(), end)
    body = AGENCY_HEAD.match(source.folded, position, window_end)
    if body and body.group("head") == "so":
        return _agency_with_place(source, body)
    return None


def _agency_with_place(source, body):
    name, end = agency_name(source.original, source.folded, body)
    if not name:
        return None
    place = UNIT_OF_KIND.match(source.folded, end + 1)
    if place and source.folded[end:place.start()].strip() == "":
        kind = UNIT_KIND_LABELS[re.sub(r"\s+", " ", place.group("kind"))]
        place_name, end = unit_name(source.original, source.folded, place.start("rest"))
        return f"{name} {kind} {place_name}".strip(), (body.start(), end)
    place_name, place_end = unit_name(source.original, source.folded, end + 1)
    if place_name and source.original[end:end + 1] == " ":
        return f"{name} tỉnh {place_name}", (body.start(), place_end)
    return name, (body.start(), end)


def _sentence_start(source, position):
    """Where the sentence holding ``position`` starts."""
    window_start = max(0, position - 800)
    ends = list(_SENTENCE_END.finditer(source.folded, window_start, position))
    return ends[-1].end() if ends else window_start


def issuer_before(source, position):
    """"UBND huyện X (vừa) ban hành Kế hoạch": the committee or body named earlier in the sentence."""
    start = _sentence_start(source, position)
    found = None
    for committee in COMMITTEE_OF_UNIT.finditer(source.folded, start, position):
        issuer, end = committee_at(source.original, source.folded, committee)
        found = (issuer, (committee.start(), end), committee.start())
    for body in AGENCY_HEAD.finditer(source.folded, start, position):
        if body.group("head") == "so" and (found is None or body.start() > found[2]):
            named = _agency_with_place(source, body)
            if named:
                found = (*named, body.start())
    if found and _ISSUED.search(source.folded, found[1][1], position):
        return found[0], found[1]
    return None


def issuer_in_headline(source):
    """The committee or department a news item's headline names ("SỞ NGOẠI VỤ TÂY NINH ĐẨY MẠNH …")."""
    lines = [line for line in source.folded[:600].split("\n") if line.strip()][:4]
    end = source.folded.find(lines[-1]) + len(lines[-1]) if lines else 0
    committee = COMMITTEE_OF_UNIT.search(source.folded, 0, end)
    if committee:
        issuer, issuer_end = committee_at(source.original, source.folded, committee)
        if issuer.split()[-1] not in UNIT_KIND_LABELS.values():
            return issuer, (committee.start(), issuer_end)
    for body in AGENCY_HEAD.finditer(source.folded, 0, end):
        if body.group("head") == "so":
            named = _agency_with_place(source, body)
            if named:
                return named
    return None


def issuer_near_issuing(source):
    """The first committee or body that "ban hành" anything: a headline that names no number."""
    for issued in _ISSUED.finditer(source.folded):
        named = issuer_before(source, issued.end() + 1)
        if named:
            return named
    return None


_DATE_BEFORE = re.compile(
    r"\bngay\s+(?:(\d{1,2})\s?[/.-]\s?(\d{1,2})(?:\s?[/.-]\s?((?:19|20)\d\d))?"
    r"|(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+((?:19|20)\d\d))?)\b"
)


def _day_month_before(source, position):
    """"Ngày 19/02, UBND huyện … ban hành Kế hoạch …": a date just before the issuer that issued it.

    Without a year the article's own dateline gives it (the plan is not dated after the article).
    """
    start = max(_sentence_start(source, position), position - 120)
    for match in reversed(list(_DATE_BEFORE.finditer(source.folded, start, position))):
        between = source.folded[match.end():position]
        if re.search(r"ke hoach|quyet dinh|nghi quyet|\bso\b|\d", between):
            continue
        day, month, year = [value for value in match.groups() if value is not None] + [None] * (3 - len(
            [value for value in match.groups() if value is not None]))
        if year is None:
            dateline = DATE_NUMERIC.search(source.folded[:400])
            published = make_date(*dateline.groups()) if dateline else None
            if published is None:
                # Day and month only: extract() may still date it by the plan's own year.
                return (int(day), int(month)), match.span()
            year = published.year if (int(month), int(day)) <= (published.month, published.day) else published.year - 1
        return make_date(day, month, year), match.span()
    return None, None


def _score(source, mention):
    score = 0.0
    head = source.folded[slice(*mention.subject_at)][:160] if mention.subject_at else ""
    if COMMUNICATION.search(head) or COMMUNICATION.search(source.folded[mention.start:mention.start + 40]):
        score += 3
    before = source.folded[max(_sentence_start(source, mention.start), mention.start - 60):mention.start]
    if _ISSUED.search(before):
        score += 2
    if _CITED.search(before.rstrip()):
        score -= 2.5
    if mention.number:
        plan_number = "kh" in fold_in_place(mention.number) or mention.number.isdigit() or mention.by_decision
        score += 1 if plan_number else -4
    if mention.date:
        score += 0.5
    if mention.issuer:
        score += 0.5
    return score
