"""Channels named in a plan, matched to the project's vocabulary (plans.Channel and its spellings).

The spellings live on the Channel rows (``synonyms``, editable in the admin); the few here are
the abbreviations and slips of real texts that an officer would not think to add there.
Where spellings overlap ("cuộc thi trực tuyến" holds "cuộc thi"), the longest claims the words.
"""

import re

from publishing.text import fold

# slug -> spellings seen in real plans beyond those on the Channel rows.
EXTRA_SPELLINGS = {
    "phat-thanh-truyen-hinh": ["Đài PT&TH", "Đài PTTH", "Đài PT - TH", "Đài Phát thanh - Truyền hình", "Đài PT-TH"],
    "truyen-thanh-co-so": ["đài truyền thanh", "loa truyền thanh", "trạm truyền thanh", "truyền thanh không dây",
                           "hệ thống loa truyền thanh", "truyền thanh", "Đài Truyền thanh - Truyền hình",
                           "Đài Truyền thanh – Truyền hình", "Đài TT-TH"],
    "cong-thong-tin-dien-tu": ["Cổng TTĐT", "Trang TTĐT", "trang thông tin", "cổng thông tin", "Website", "Trang tin"],
    "pa-no-ap-phich": ["pa-nô", "panô", "pa nô", "pano", "băng-rôn", "băng rôn", "áp-phích", "băng zôn"],
    "to-roi-to-gap": ["tờ rơi", "tờ gấp", "tờ bướm"],
    "mang-xa-hoi": ["Zalo", "Fanpage", "Facebook", "mạng xã hội", "Tiktok"],
    "man-hinh-led": ["màn hình LED", "bảng LED", "màn hình led", "bảng điện tử"],
    "xe-loa": ["phát thanh lưu động", "tuyên truyền lưu động", "loa lưu động"],
}
# A newspaper is named "Báo" and its name: "Báo Bạc Liêu", "Báo Nhân Dân" (not "báo cáo", a report).
PRESS = "bao-chi"
_NEWSPAPER = re.compile(r"\b(?:Báo|Bao|BÁO)\s+(\w+)")
# Phrases that hold a channel's spelling without naming the channel: "phát thanh trên loa" is loudspeakers.
NOT_CHANNELS = ["phát thanh trên", "phát thanh qua", "phát thanh tại", "phát thanh bằng", "truyền hình trực tiếp hội nghị"]
# A channels section: "hình thức tuyên truyền", "III. HÌNH THỨC", "Nội dung và hình thức".
_SECTION_HEADING = re.compile(r"^\s*(?:[ivx]+|\d+|[a-z])?\s*[.)-]?\s*(?:noi dung(?: va|,)\s*)?hinh thuc[^\n]{0,60}", re.MULTILINE)
_NEXT_HEADING = re.compile(r"^\s*(?:[ivx]+\s*[.-]|[ivx]+\s*$|to chuc thuc hien|kinh phi|noi nhan)", re.MULTILINE)


def vocabulary_from(channels):
    """(slug, patterns) for each Channel row, longest spellings first."""
    vocabulary = []
    for channel in channels:
        spellings = {fold(term) for term in [channel.name, *channel.synonym_list, *EXTRA_SPELLINGS.get(channel.slug, [])]}
        patterns = [re.compile(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])") for term in sorted(spellings, key=len, reverse=True)]
        vocabulary.append((channel.slug, patterns))
    vocabulary.append((None, [re.compile(rf"(?<![a-z0-9]){re.escape(fold(term))}(?![a-z0-9])") for term in NOT_CHANNELS]))
    return vocabulary


def channels_section(source, body_start=0):
    """The span of the text that lists the channels, or the whole body when it has no such section."""
    heading = _SECTION_HEADING.search(source.folded, body_start)
    if heading is None:
        return body_start, len(source.folded)
    following = _NEXT_HEADING.search(source.folded, heading.end())
    return heading.start(), following.start() if following else len(source.folded)


def match_channels(source, vocabulary, body_start=0):
    """(slugs in order of first mention, channel phrases the vocabulary lacks)."""
    start, end = channels_section(source, body_start)
    text = source.folded[start:end]
    hits = [(match.start(), match.end(), slug) for slug, patterns in vocabulary for pattern in patterns
            for match in pattern.finditer(text)]
    if any(slug == PRESS for slug, _patterns in vocabulary):
        hits += [(hit_start - start, hit_end - start, PRESS) for hit_start, hit_end in _newspapers(source, start, end)]
    found = sorted(hits, key=lambda hit: (-(hit[1] - hit[0]), hit[0]))
    claimed, first = [], {}
    for hit_start, hit_end, slug in found:
        if any(hit_start < other_end and other_start < hit_end for other_start, other_end in claimed):
            continue
        claimed.append((hit_start, hit_end))
        if slug is None:
            continue
        first[slug] = min(first.get(slug, hit_start), hit_start)
    return sorted(first, key=first.get), _unmatched_items(source, start, end, claimed)


def _newspapers(source, start, end):
    for match in _NEWSPAPER.finditer(source.original, start, end):
        word = match.group(1)
        if word[0].isupper() and fold(word) not in {"cao", "chi"}:
            yield match.start(), match.end()


def _unmatched_items(source, start, end, claimed):
    """Short list items of the channels section ("- Qua hộp thư góp ý") that no spelling matched."""
    others = []
    if start == 0:
        return others
    offset = start
    for line in source.original[start:end].split("\n")[1:]:
        offset_line = source.original.find(line, offset)
        offset = offset_line + len(line)
        item = re.match(r"\s*(?:[-+•*]|[a-zđ]\)|\d+\.\d*\.?)\s*(.{3,90}?)[:;.]?\s*$", line)
        if not item or any(offset_line - start <= s < offset - start for s, _e in claimed):
            continue
        others.append(item.group(1).strip())
    return others[:10]
