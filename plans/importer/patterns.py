"""The shapes of facts in Vietnamese official texts: document numbers, dates, issuing bodies.

Rules run on an accent-folded copy of the text that keeps every character at its place
(``fold_in_place``), so "Ủy ban nhân dân", "UY BAN NHAN DAN" and "Uy ban nhan dan" (a
legal database's copy that lost its diacritics) are one pattern, and the match is cut
from the original to keep its spelling.
"""

import datetime
import re
from functools import lru_cache

from unidecode import unidecode


@lru_cache(maxsize=4096)
def _fold_char(char):
    folded = unidecode(char).lower()
    return folded[0] if len(folded) == 1 else (" " if not folded or not char.isalpha() else folded[0])


def fold_in_place(text):
    """Lower-case ASCII, one character for one: offsets in the result are offsets in ``text``."""
    return "".join(_fold_char(char) if ord(char) > 127 else char.lower() for char in text)


# 11/KH-UBND, 132-KH/UBND, 02/2021/QĐ-UBND, 45/KH-SNV, 1234/QĐ-CT.UBND; folded (đ → d).
DOCUMENT_NUMBER = r"\d{1,5}\s?[/-]\s?(?:\d{4}\s?/\s?)?[a-z]{1,6}(?:\s?[-/.&]\s?[a-z0-9]{1,12}){0,3}\b"
# The kinds of unit a People's Committee governs, longest first so "thi xa" is not read as "xa".
UNIT_KINDS = ["thanh pho", "thi xa", "thi tran", "tinh", "huyen", "quan", "xa", "phuong", "tp"]
UNIT_KIND_LABELS = {
    "thanh pho": "thành phố", "tp": "thành phố", "thi xa": "thị xã", "thi tran": "thị trấn", "tinh": "tỉnh",
    "huyen": "huyện", "quan": "quận", "xa": "xã", "phuong": "phường",
}
COMMITTEE = r"(?:uy ban nhan dan|u\.?b\.?n\.?d)"
_KINDS = "|".join(kind.replace(" ", r"\s+") for kind in UNIT_KINDS)
# The name is read from ``rest`` by unit_name; a lookahead, so the next committee is still found.
COMMITTEE_OF_UNIT = re.compile(rf"\b{COMMITTEE}\s+(?P<kind>{_KINDS})\b\.?(?=(?P<rest>[^\n]{{0,60}}))")
UNIT_OF_KIND = re.compile(rf"\b(?P<kind>{_KINDS})\b\.?(?=(?P<rest>[^\n]{{0,60}}))")
# Words that end a unit's name even when capitalised (the next sentence, a heading in capitals).
_NAME_STOPS = {"so", "kh", "ve", "ban", "ngay", "tm", "kt", "ubnd", "cua", "vua", "tai", "theo", "tren", "voi", "va"}
# Words that are also places (Quảng Nam, Tiểu Cần, Kế Sách, Chi Lăng, Thống Nhất, Đà Nẵng) end a name only
# when they start one of these phrases.
_NAME_STOP_PHRASES = re.compile(
    r"(?:nam\s+(?:19|20)\d\d|can\s+cu|ke\s+hoach|chi\s+thi|thong\s+(?:tin|bao)|cong\s+(?:hoa|van)|doc\s+lap"
    r"|quyet\s+dinh|thuc\s+hien|to\s+chuc|uy\s+ban|chu\s+tich|trien\s+khai|da\s+ban)\b"
)
# Provincial bodies other than the committee; their names keep a capital on each part only.
AGENCY_HEAD = re.compile(r"\b(?P<head>so|bo|ban quan ly|van phong|phong|trung tam)\s+(?P<rest>[^\n]{2,80})")
_WORD = re.compile(r"[^\s,.;:()\"“”]+")

DATE_NUMERIC = re.compile(r"\b(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?((?:19|20)\d\d)\b")
DATE_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d\d)\b")
DAY_MONTH = re.compile(r"\bngay\s+(\d{1,2})\s?[/.-]\s?(\d{1,2})\b(?!\s?[/.-]\s?\d)")


def make_date(day, month, year):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:  # 30/02: a typo in the text, not a date to store
        return None


def first_date(folded, start=0, end=None):
    """(date, start, end) of the first full date in ``folded[start:end]``, or None."""
    window = folded[start:end]
    found = [match for pattern in (DATE_WORDS, DATE_NUMERIC) for match in [pattern.search(window)] if match]
    for match in sorted(found, key=lambda match: match.start()):
        date = make_date(*match.groups())
        if date:
            return date, start + match.start(), start + match.end()
    return None


def sentence_case(words):
    """A name written in capitals, as an agency is named: ``CÀNG LONG`` → ``Càng Long``."""
    return " ".join(word if not word.isupper() else word.capitalize() for word in words.split())


def unit_name(original, folded, start):
    """The capitalised words that name a unit from ``start`` on the same line: ``Càng Long``, ``9``."""
    words = []
    for match in _WORD.finditer(original, start):
        gap = original[words[-1][1] if words else start:match.start()]
        if "\n" in gap or re.search(r"[,.;:()/]", gap):  # "tỉnh, Cổng …": a comma ends what names the unit
            break
        word = match.group()
        if not (word[0].isupper() or word.isdigit()) or folded[match.start():match.end()] in _NAME_STOPS:
            break
        if _NAME_STOP_PHRASES.match(folded, match.start()):
            break
        words.append((word, match.end()))
        if len(words) == 5:
            break
    if not words:
        return "", start
    if len(words) == 5 and all(word.isupper() or word.isdigit() for word, _end in words):
        # A headline in capitals runs on past the name: most unit names are two syllables (Tây Ninh).
        words = words[:2]
    return sentence_case(" ".join(word for word, _end in words)), words[-1][1]


def committee_at(original, folded, match):
    """``UBND huyện Càng Long`` from a COMMITTEE_OF_UNIT match; the name may be empty ("UBND tỉnh")."""
    kind = UNIT_KIND_LABELS[re.sub(r"\s+", " ", match.group("kind"))]
    name, end = unit_name(original, folded, match.start("rest"))
    return (f"UBND {kind} {name}".strip(), end)


# The departments of a province, as they are officially written: in a headline in capitals
# ("SỞ NGOẠI VỤ TÂY NINH ĐẨY MẠNH …") only the list tells where the name ends.
DEPARTMENTS = [
    "Nội vụ", "Tư pháp", "Ngoại vụ", "Tài chính", "Y tế", "Công Thương", "Xây dựng", "Giao thông vận tải",
    "Kế hoạch và Đầu tư", "Thông tin và Truyền thông", "Văn hóa, Thể thao và Du lịch", "Văn hóa và Thể thao",
    "Du lịch", "Giáo dục và Đào tạo", "Lao động - Thương binh và Xã hội", "Tài nguyên và Môi trường",
    "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường", "Khoa học và Công nghệ",
    "Dân tộc và Tôn giáo", "Khoa học, Công nghệ và Chuyển đổi số",
]
_DEPARTMENT = re.compile(
    r"so\s+(?P<name>" + "|".join(
        re.escape(fold_in_place(name)).replace(r"\ ", r"\s+") for name in sorted(DEPARTMENTS, key=len, reverse=True)
    ) + r")\b"
)


def agency_name(original, folded, match):
    """``Sở Nội vụ`` from an AGENCY_HEAD match: the words up to a place, a verb or punctuation."""
    head = original[match.start():match.start() + 2].lower()
    # "số 225/QĐ-TTg" folds as "Sở" does, "bổ sung" as "Bộ".
    if (match.group("head") == "so" and head != "sở") or (match.group("head") == "bo" and head != "bộ"):
        return "", match.start()
    if match.group("head") == "so":
        department = _DEPARTMENT.match(folded, match.start())
        if department:
            name = next(name for name in DEPARTMENTS
                        if re.fullmatch(r"\s+".join(map(re.escape, fold_in_place(name).split())), department.group("name")))
            return f"Sở {name}", department.end()
    words, end = [], match.start()
    for word_match in _WORD.finditer(original, match.start()):
        gap = original[end:word_match.start()]
        if "\n" in gap or (words and re.search(r"[.;:()]", gap)):
            break
        folded_word = folded[word_match.start():word_match.end()]
        if words and (folded_word in {"tinh", "thanh", "huyen", "quan", "ban", "vua", "da", "ve", "so", "ngay", "cua",
                                      "tham", "phoi", "chu", "tai", "trien", "thuc", "xay", "nam"}
                      or folded_word.isdigit()):
            break
        word = word_match.group()
        # In running text a capitalised word after a lower-case one starts a place: "Sở Ngoại vụ Tây Ninh".
        if words and word[0].isupper() and not word.isupper() and words[-1][0].islower() and words[-1] != "và":
            break
        words.append(word)
        end = word_match.end()
        if len(words) == 9:
            break
    if len(words) < 2:
        return "", match.start()
    text = " ".join(words).rstrip(",")
    return _capital_parts(text), end


def _capital_parts(name):
    """``SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH`` → ``Sở Văn hóa, Thể thao và Du lịch`` (official capitalisation)."""
    parts = re.split(r"(,\s*|\s+và\s+|\s+VÀ\s+)", name)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(part.lower())
            continue
        words = part.split()
        if index == 0 and len(words) > 1:
            head, *rest = words
            out.append(" ".join([head.capitalize(), rest[0].capitalize(), *(w.lower() for w in rest[1:])]))
        else:
            out.append(" ".join([words[0].capitalize(), *(w.lower() for w in words[1:])]) if words else "")
    return "".join(out)
