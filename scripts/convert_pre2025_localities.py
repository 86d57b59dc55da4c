"""Convert the pre-reform list of administrative units into committed data files.

Source: the ``vietnam-provinces`` package, version **0.6.0** (PyPI, GPL-3.0-or-later,
https://github.com/sunshine-tech/VietnamProvinces), file
``vietnam_provinces/data/nested-divisions.json``. It is the General Statistics
Office (Tổng cục Thống kê) list as of early 2025: 63 provinces, 696 districts and
10,051 communes, i.e. the units in force until 30 June 2025.

Why a converter: the project installs ``vietnam-provinces==2025.10.1`` for today's
34 provinces and 3,321 communes, and two versions of one package cannot be
installed side by side. So the old list is frozen once into
``plans/data/localities_pre2025.json`` (compact nested lists
``[code, name, [[code, name, [[code, name], ...]], ...]]``, names are the official
full names as in the source) and the import command never needs 0.6.0.

The converter also writes ``plans/data/province_successors_2025.json``: for each
of the 63 former provinces, the province of today that took over its territory
under Resolution 202/2025/QH15 (in force 1 July 2025). Matching is by
accent-folded name against the installed 2025.10.1 data; the script fails if a
former province has no successor or a province of today has no predecessor.

Clean-ups applied to the source, nothing else is changed:
* runs of spaces collapsed (none in 0.6.0, but cheap insurance);
* the kind prefix written with its usual capitalisation: the source has
  "Thành Phố Bắc Kạn" and "Thành Phố Đồng Hới" where every other unit has
  "Thành phố ...".

Usage (from the repository root, with the project's venv)::

    pip download --no-deps vietnam-provinces==0.6.0 -d /tmp/vp
    .venv/bin/python scripts/convert_pre2025_localities.py /tmp/vp/vietnam_provinces-0.6.0-py3-none-any.whl

The argument may also be an extracted ``nested-divisions.json``.
"""

import argparse
import json
import re
import sys
import zipfile
from pathlib import Path

from unidecode import unidecode

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "plans" / "data"
MEMBER = "vietnam_provinces/data/nested-divisions.json"
SOURCE = "vietnam-provinces 0.6.0, vietnam_provinces/data/nested-divisions.json (General Statistics Office list, early 2025)"

PROVINCE_PREFIXES = ("Tỉnh", "Thành phố")
DISTRICT_PREFIXES = ("Huyện", "Quận", "Thị xã", "Thành phố")
COMMUNE_PREFIXES = ("Xã", "Phường", "Thị trấn")

# Resolution 202/2025/QH15: today's province -> the former provinces merged into
# it besides the one of the same name. Former provinces that appear nowhere here
# continue as today's province of the same name.
MERGERS = {
    "Tuyên Quang": ["Hà Giang"],
    "Lào Cai": ["Yên Bái"],
    "Thái Nguyên": ["Bắc Kạn"],
    "Phú Thọ": ["Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Giang"],
    "Hải Phòng": ["Hải Dương"],
    "Hưng Yên": ["Thái Bình"],
    "Ninh Bình": ["Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Bình"],
    "Đà Nẵng": ["Quảng Nam"],
    "Quảng Ngãi": ["Kon Tum"],
    "Gia Lai": ["Bình Định"],
    "Khánh Hòa": ["Ninh Thuận"],
    "Lâm Đồng": ["Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Phú Yên"],
    "Hồ Chí Minh": ["Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Bình Phước"],
    "Tây Ninh": ["Long An"],
    "Cần Thơ": ["Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Tiền Giang"],
    "Cà Mau": ["Bạc Liêu"],
    "An Giang": ["Kiên Giang"],
}


def name_key(name):
    """Accent- and punctuation-insensitive key: "Tỉnh Hoà Bình" and "Hòa Bình" match."""
    name = strip_prefix(name, PROVINCE_PREFIXES)
    return re.sub(r"[^a-z0-9]", "", unidecode(name).lower())


def strip_prefix(name, prefixes):
    for prefix in prefixes:
        if name.lower().startswith(prefix.lower() + " "):
            return name[len(prefix) + 1:]
    return name


def clean_name(name, prefixes):
    """Collapse spaces and normalise the capitalisation of the kind prefix."""
    name = " ".join(name.split())
    for prefix in prefixes:
        if name.lower().startswith(prefix.lower() + " "):
            return prefix + name[len(prefix):]
    raise SystemExit(f"Unknown kind prefix in {name!r}; expected one of {prefixes}")


def read_source(path):
    path = Path(path)
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            version = next(
                (n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")), ""
            )
            if "0.6.0" not in version:
                raise SystemExit(f"{path} is not vietnam-provinces 0.6.0 ({version})")
            return json.loads(wheel.read(MEMBER))
    return json.loads(path.read_text(encoding="utf-8"))


def convert_tree(provinces):
    tree = []
    for province in sorted(provinces, key=lambda p: p["code"]):
        districts = []
        for district in sorted(province["districts"], key=lambda d: d["code"]):
            communes = [
                [commune["code"], clean_name(commune["name"], COMMUNE_PREFIXES)]
                for commune in sorted(district["wards"], key=lambda c: c["code"])
            ]
            districts.append([district["code"], clean_name(district["name"], DISTRICT_PREFIXES), communes])
        tree.append([province["code"], clean_name(province["name"], PROVINCE_PREFIXES), districts])
    return tree


def successors(tree, current_provinces):
    """Map each former province code to today's province code, or exit with the problems."""
    today_by_key = {name_key(p["name"]): p for p in current_provinces}
    target_of = {}
    for target, absorbed in MERGERS.items():
        if name_key(target) not in today_by_key:
            raise SystemExit(f"Merger target {target!r} is not among today's provinces")
        for former in absorbed:
            target_of[name_key(former)] = name_key(target)

    rows, problems = [], []
    for code, name, _districts in tree:
        key = name_key(name)
        target = today_by_key.get(target_of.get(key, key))
        if target is None:
            problems.append(f"no successor for former province {code} {name}")
            continue
        rows.append([code, name, target["code"], target["name"]])

    unmatched = {p["code"] for p in current_provinces} - {row[2] for row in rows}
    problems += [f"today's province {code} has no predecessor" for code in sorted(unmatched)]
    known = {name_key(name) for _code, name, _districts in tree}
    problems += [f"merger table names unknown former province {k!r}" for k in target_of if k not in known]
    if len(tree) != 63 or len(current_provinces) != 34:
        problems.append(f"expected 63 former and 34 current provinces, got {len(tree)} and {len(current_provinces)}")
    if problems:
        raise SystemExit("Cannot map provinces:\n  " + "\n  ".join(problems))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="vietnam_provinces-0.6.0 wheel or its nested-divisions.json")
    parser.add_argument("--out-dir", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)

    import vietnam_provinces  # the 2025.10.1 release installed in the venv

    current = json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
    tree = convert_tree(read_source(args.source))
    mapping = successors(tree, current)

    counts = (len(tree), sum(len(p[2]) for p in tree), sum(len(d[2]) for p in tree for d in p[2]))
    if counts != (63, 696, 10051):
        raise SystemExit(f"Unexpected unit counts {counts}; expected (63, 696, 10051)")

    args.out_dir.mkdir(parents=True, exist_ok=True)
    compact = {"source": SOURCE, "provinces": tree}
    (args.out_dir / "localities_pre2025.json").write_text(
        json.dumps(compact, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    # One row per line so a reviewer can read the mapping in a diff.
    lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in mapping)
    source = "Resolution 202/2025/QH15 (in force 1 July 2025); codes from vietnam-provinces 0.6.0 and 2025.10.1"
    columns = ["former_code", "former_name", "successor_code", "successor_name"]
    (args.out_dir / "province_successors_2025.json").write_text(
        "{\n"
        f' "source": {json.dumps(source, ensure_ascii=False)},\n'
        f' "columns": {json.dumps(columns)},\n'
        ' "successors": [\n' + lines + "\n ]\n}\n",
        encoding="utf-8",
    )
    print(f"Wrote {counts[0]} provinces, {counts[1]} districts, {counts[2]} communes and {len(mapping)} successors to {args.out_dir}")


if __name__ == "__main__":
    sys.exit(main())
