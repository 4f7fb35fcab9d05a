"""The build: pure Python by default; CREDITCHECK_USE_MYPYC=1 compiles the hot path with mypyc too.

Everything but the compiled modules lives in pyproject.toml. The pure-Python modules ship in
every build, so a compiled build whose C compilation fails still installs and runs as pure
Python (the compiled modules are all kept or all dropped: each one needs the shared library
mypyc builds beside them).
"""

from __future__ import annotations

import os
import sys
from glob import glob

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, ExecError, PlatformError

# The modules a document's check spends its time in. Left pure on purpose: lazyre (keeps the
# methods it was asked for in its instance __dict__), resolve (a Resolver is a weak dictionary
# key, which a compiled class cannot be) and everything that runs once a run.
COMPILED = [
    "src/creditcheck/model.py",
    "src/creditcheck/positions.py",
    "src/creditcheck/analysis.py",
    "src/creditcheck/dates.py",
    "src/creditcheck/decode.py",
    "src/creditcheck/restrictions.py",
    "src/creditcheck/ruleset.py",
    "src/creditcheck/scan.py",
    "src/creditcheck/suppress.py",
    "src/creditcheck/templates.py",
    "src/creditcheck/undated.py",
    *sorted(glob("src/creditcheck/checks/*.py")),
    *sorted(glob("src/creditcheck/extract/*.py")),
    *sorted(glob("src/creditcheck/readers/*.py")),
    *sorted(glob("src/creditcheck/readers/html/*.py")),
]


def _compiling() -> bool:
    if os.environ.get("CREDITCHECK_USE_MYPYC", "") != "1":
        return False
    if any(command in sys.argv for command in ("editable_wheel", "develop")):
        # An editable install would leave compiled files beside the sources, which then
        # shadow every later edit; it stays pure Python.
        print("creditcheck: an editable install is not compiled", file=sys.stderr)
        return False
    # Only the commands that build modules compile; asking for the build's requirements or
    # its metadata runs this file before mypy is installed.
    return any(command in sys.argv for command in ("bdist_wheel", "build", "build_ext", "install"))


def _extensions() -> list[object]:
    if not _compiling():
        return []
    from mypyc.build import mypycify  # only a compiled build needs mypy (tools/build_backend.py)

    return list(mypycify(COMPILED, opt_level="3"))


class AllOrNoneBuildExt(build_ext):  # type: ignore[misc]
    """Build every compiled module, or none: a failed compilation leaves a pure-Python build."""

    def run(self) -> None:
        try:
            super().run()
        except (CCompilerError, ExecError, PlatformError, OSError) as exc:
            for output in self.get_outputs():
                if os.path.exists(output):
                    os.remove(output)
            print(f"creditcheck: compiling failed ({exc}); installing pure Python", file=sys.stderr)


setup(ext_modules=_extensions(), cmdclass={"build_ext": AllOrNoneBuildExt})
