#!/usr/bin/env python
import os
import sys


def unreachable_database():
    """The configured database that cannot be opened, described without its password, or None."""
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        try:
            connection.ensure_connection()
        except Exception:
            params = connection.settings_dict
            where = f" on {params['HOST']}:{params['PORT'] or 'default port'}" if params.get("HOST") else ""
            user = f" as {params['USER']}" if params.get("USER") else ""
            return f"the {connection.display_name} database {params['NAME']!r}{where}{user}"
    return None


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as error:
        # Not reaching the database is a setup problem, not a bug: one line instead of a traceback.
        # (An OperationalError on a database that opens, SQLite's "no such table", keeps its traceback.)
        database = unreachable_database()
        if database is None:
            raise
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        sys.exit(f"Cannot open {database}: {reason}. Check DATABASE_URL.")


if __name__ == "__main__":
    main()
