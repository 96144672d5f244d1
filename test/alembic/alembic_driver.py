"""Drives the installed Alembic for mig's differential test (test/alembic/).

Reads one JSON document on stdin: {"projects": [{"dir", "listing", "setup": [argv...],
"commands": [{"argv", "rows"}...]}]}. For each project it runs `alembic init` in `dir`, writes an
env.py on SQLite whose version table is `mig_version` (mig's name, so SQL and rows compare as they
are), runs the setup argvs (`revision ...`, `merge ...`), then every command from its start rows,
which are written straight into the version table first. Prints one JSON document: per command
its stdout, stderr, exit code and the version rows afterwards.

Each argv is parsed by Alembic's own command-line parser and run as `flask db` runs it:
Flask-Migrate 4.0.4 calls the same `alembic.command` function, gives upgrade/stamp/show the
default revision `head` and downgrade `-1`, and turns a CommandError or RuntimeError into
`Error: <message>` and exit 1 (it logs that line as `ERROR [flask_migrate] Error: ...`; the prefix
is what the comparison strips anyway). Any other exception is reported as `Traceback: <type>`.
One Python process serves many projects: importing Alembic and SQLAlchemy costs more than a command.
"""
import contextlib
import io
import json
import logging
import os
import sqlite3
import sys
import traceback
import warnings

from alembic import command
from alembic.config import CommandLine, Config
from alembic.script.base import Script
from alembic.util import CommandError

# Alembic reads the versions folder in os.listdir() order, which the filesystem picks (ext4: hash
# order), and that order decides some of its outputs (which branch runs first, the order of heads,
# where an inherited branch label stops). Each project says which order the folder is listed in
# ("sorted", by name as mig reads it, or "reversed"), so a run is repeatable and the comparison
# can tell an output that depends on the listing from one that does not.
_list_py_dir = Script._list_py_dir.__func__
LISTING = {"order": "sorted"}


def _listed(cls, scriptdir, path):
    names = sorted(_list_py_dir(cls, scriptdir, path))
    return names[::-1] if LISTING["order"] == "reversed" else names


Script._list_py_dir = classmethod(_listed)

# `flask db` gives these commands a default revision where the alembic command line requires one.
FLASK_DEFAULTS = {"upgrade": "head", "downgrade": "-1", "stamp": "head", "show": "head"}
VALUE_OPTIONS = {"--tag", "-x", "-r", "--rev-range"}


def with_flask_defaults(argv):
    if argv and argv[0] in FLASK_DEFAULTS:
        rest, i = argv[1:], 0
        while i < len(rest):
            if rest[i] in VALUE_OPTIONS:
                i += 2
            elif rest[i].startswith("-") and not rest[i][1:].isdigit():
                i += 1
            else:
                return argv
        return argv + [FLASK_DEFAULTS[argv[0]]]
    return argv

ENV_PY = '''from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
url = config.get_main_option("sqlalchemy.url")

if context.is_offline_mode():
    context.configure(url=url, literal_binds=True, version_table="mig_version")
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, version_table="mig_version")
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
'''

VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS mig_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT mig_version_pkc PRIMARY KEY (version_num))"
)


def config_for(directory, stdout):
    return Config(os.path.join(directory, "alembic.ini"), stdout=stdout)


def init_project(directory):
    os.makedirs(directory, exist_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):
        command.init(config_for(directory, io.StringIO()), os.path.join(directory, "migrations"))
    ini = os.path.join(directory, "alembic.ini")
    with open(ini) as f:
        text = f.read()
    url = "sqlite:///" + os.path.join(directory, "app.db")
    text = "\n".join(
        "sqlalchemy.url = " + url if line.startswith("sqlalchemy.url") else line for line in text.split("\n")
    )
    with open(ini, "w") as f:
        f.write(text)
    with open(os.path.join(directory, "migrations", "env.py"), "w") as f:
        f.write(ENV_PY)


def set_rows(directory, rows):
    db = sqlite3.connect(os.path.join(directory, "app.db"))
    with db:
        db.execute(VERSION_TABLE)
        db.execute("DELETE FROM mig_version")
        db.executemany("INSERT INTO mig_version (version_num) VALUES (?)", [(r,) for r in rows])
    db.close()


def get_rows(directory):
    db = sqlite3.connect(os.path.join(directory, "app.db"))
    try:
        return sorted(r[0] for r in db.execute("SELECT version_num FROM mig_version"))
    except sqlite3.OperationalError:
        return None
    finally:
        db.close()


def run(directory, argv):
    """Runs one argv as `flask db <argv>` would; returns stdout, stderr and the exit code."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    parser = CommandLine().parser
    cwd = os.getcwd()
    os.chdir(directory)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
            warnings.simplefilter("always")
            try:
                options = parser.parse_args(with_flask_defaults(argv))
                fn, positional, kwarg = options.cmd
                fn(
                    config_for(directory, out),
                    *[getattr(options, k, None) for k in positional],
                    **dict((k, getattr(options, k, None)) for k in kwarg),
                )
            except (CommandError, RuntimeError) as e:
                err.write("Error: %s\n" % e)
                code = 1
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 2
            except Exception as e:  # a crash: keep its type and message for the report
                err.write("Traceback: %s: %s\n" % (type(e).__name__, e))
                err.write(traceback.format_exc())
                code = 1
    finally:
        os.chdir(cwd)
        # env.py's fileConfig() bound a handler to this command's captured stderr.
        for name in ("", "alembic", "sqlalchemy"):
            for handler in list(logging.getLogger(name).handlers):
                logging.getLogger(name).removeHandler(handler)
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "code": code}


def main():
    request = json.load(sys.stdin)
    results = []
    for project in request["projects"]:
        directory = project["dir"]
        LISTING["order"] = project.get("listing", "sorted")
        init_project(directory)
        setup = [run(directory, argv) for argv in project["setup"]]
        commands = []
        for item in project["commands"]:
            set_rows(directory, item["rows"])
            result = run(directory, item["argv"])
            result["rows"] = get_rows(directory)
            commands.append(result)
        results.append({"dir": directory, "setup": setup, "commands": commands})
    json.dump({"projects": results}, sys.stdout)


if __name__ == "__main__":
    main()
