"""Mutation testing for Bowtie: does the fast suite fail when a rule breaks?

    python tools/mutate.py [--jobs 2] [--only store/votes] [--reuse-map]

1. Map: run ``tests/unit`` and ``tests/socket`` once under coverage.py, one
   coverage context per test, to learn which tests run each line.
2. Mutate: small changes to the syntax tree of the code under test (see
   ``mutations`` below), one at a time: the rules of ``workshop/domain`` and
   ``workshop/store`` whole, and in the rest of ``workshop/`` (``realtime/``,
   ``organise.py``, ``web.py``) only the authorisation paths (AUTH below).
3. Run: for each mutant, a forked child loads the mutated module in place of
   the real one (an import hook: the files on disk are never touched, so there
   is nothing to restore) and runs only the tests that run the mutated line,
   stopping at the first failure, under a timeout. ``--jobs`` children at once.

A mutant the tests fail on is killed; one they pass is a survivor. The score
leaves out the mutants explained as equivalent in ``tools/mutants-equivalent.txt``
(a survivor that changes no behaviour a user could notice). A mutant is named
by its function and its change, never by file or line, so code may move between
files and the list still holds.

Also a pytest plugin (``-p tools.mutate``): it switches coverage's context at
each test and records how long each test took, for step 1.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutate"
EQUIVALENT = ROOT / "tools" / "mutants-equivalent.txt"
TESTS = ["tests/unit", "tests/socket"]

# Whole directories: every function is a rule worth guarding.
WHOLE = ["workshop/domain", "workshop/store"]
# Everywhere else in the package (the transport: workshop/realtime, organise.py,
# web.py, wherever handlers move) only the authorisation paths: these functions
# (``Class.method`` or a function's name, at any depth), the role of every
# declared event (``who=FACILITATOR``), and every statement that calls ``require(...)``.
PARTLY = ["workshop"]
AUTH = {"_seat_for", "rooms_for", "refresh_rooms", "facilitate", "sync", "require", "may_open", "is_admin",
        "_remembered", "_bearer", "unlock", "admin_login", "summary_page", "import_workshop", "look_up_code",
        "GuessGuard"}
AUTH_CALLS = {"require"}
ROLES = {"FACILITATOR": "MEMBER", "PARTICIPANT": "MEMBER", "MEMBER": "ANYONE"}

# Heavy third-party modules, imported once before forking so each child starts warm.
WARM = ["flask", "flask_socketio", "socketio", "engineio", "sqlite_utils", "werkzeug", "jinja2", "pytest",
        "hypothesis", "numpy", "qrcode", "segno", "markupsafe", "simple_websocket", "pytest_timeout"]


# -- the pytest plugin of the mapping run -------------------------------------------------

_durations: dict[str, float] = {}  # the tests that passed, and how long each took
_failed: set[str] = set()


def _plugin_hooks():
    import pytest

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item, nextitem):
        import coverage
        cov = coverage.Coverage.current()
        if cov is not None:
            cov.switch_context(item.nodeid)
        start = time.perf_counter()
        yield
        if item.nodeid not in _failed:
            _durations[item.nodeid] = time.perf_counter() - start
        if cov is not None:
            cov.switch_context("")

    def pytest_runtest_logreport(report):
        if report.failed:
            _failed.add(report.nodeid)
            _durations.pop(report.nodeid, None)

    def pytest_sessionfinish(session, exitstatus):
        target = os.environ.get("BOWTIE_MUTATE_DURATIONS")
        if target:
            Path(target).write_text(json.dumps(_durations))
    return pytest_runtest_protocol, pytest_runtest_logreport, pytest_sessionfinish


if "pytest" in sys.modules and __name__ != "__main__":
    pytest_runtest_protocol, pytest_runtest_logreport, pytest_sessionfinish = _plugin_hooks()


# -- the map: which tests run which line ---------------------------------------------------

def build_map() -> None:
    WORK.mkdir(exist_ok=True)
    (WORK / "durations.json").unlink(missing_ok=True)
    env = {**os.environ, "BOWTIE_MUTATE_DURATIONS": str(WORK / "durations.json")}
    command = [sys.executable, "-m", "coverage", "run", f"--data-file={WORK / 'coverage'}", "--source=workshop",
               "-m", "pytest", *TESTS, "-p", "tools.mutate", "-q", "-p", "no:randomly"]
    print("mapping: running the fast suite once under coverage …", flush=True)
    done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode not in (0, 1) or not (WORK / "durations.json").exists():
        sys.exit(f"the mapping run broke:\n{done.stdout[-3000:]}")
    if done.returncode == 1:
        # A test that fails unmutated would "kill" every mutant it runs on: it is left out.
        failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED ")]
        print("these tests fail without any mutant and are left out of the run:\n  " + "\n  ".join(failed),
              flush=True)


def _map_is_fresh() -> bool:
    """The map names tests and lines: any change to the code or the tests since makes it stale."""
    made = WORK / "durations.json"
    if not made.exists():
        return False
    newest = max(p.stat().st_mtime for place in ("workshop", "tests") for p in (ROOT / place).rglob("*.py"))
    return newest < made.stat().st_mtime


class TestMap:
    def __init__(self) -> None:
        from coverage import CoverageData
        self.data = CoverageData(basename=str(WORK / "coverage"))
        self.data.read()
        self.durations: dict[str, float] = json.loads((WORK / "durations.json").read_text())
        self._lines: dict[str, dict[int, list[str]]] = {}

    def tests_for(self, path: Path, line: int) -> list[str] | None:
        """The tests that ran ``line`` (every test when it ran only at import time);
        None when no test ran it."""
        key = str(path)
        if key not in self._lines:
            self._lines[key] = self.data.contexts_by_lineno(key)
        contexts = set(self._lines[key].get(line, []))
        tests = sorted(c for c in contexts if c in self.durations)
        if tests:
            return tests
        return sorted(self.durations) if contexts else None

    def tests_using(self, names: tuple[str, ...]) -> list[str]:
        """Tests that run a line of the package naming one of ``names``: a constant
        is set at import, before any test, so its own line tells nothing."""
        import re
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
        found: set[str] = set()
        for path in (ROOT / "workshop").rglob("*.py"):
            for number, text in enumerate(path.read_text().splitlines(), start=1):
                if pattern.search(text):
                    # A line run only at import (another constant) says nothing either.
                    found.update(self._ran(path, number))
        # And every test of a file that names it (a test may check the constant itself).
        for path in (ROOT / "tests").rglob("test_*.py"):
            if pattern.search(path.read_text()):
                prefix = str(path.relative_to(ROOT)) + "::"
                found.update(t for t in self.durations if t.startswith(prefix))
        return sorted(found)

    def _ran(self, path: Path, line: int) -> set[str]:
        key = str(path)
        if key not in self._lines:
            self._lines[key] = self.data.contexts_by_lineno(key)
        return {c for c in self._lines[key].get(line, []) if c in self.durations}


# -- mutants -------------------------------------------------------------------------------

@dataclass
class Mutant:
    path: Path
    module: str
    index: int          # position of the node in walk order
    variant: int
    line: int
    scope: str          # the enclosing function, e.g. "Store.write" (or "<module>")
    change: str         # what changed, in source text
    operator: str
    tests: list[str] | None = None
    result: str = ""
    seconds: float = 0.0
    detail: str = ""
    names: tuple[str, ...] = ()  # what a module or class constant it changes is called

    @property
    def key(self) -> str:
        """How tools/mutants-equivalent.txt names it: no file, no line."""
        return f"{self.scope} | {self.change}"

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


@dataclass
class Site:
    node: ast.AST
    parent: ast.AST | None
    field: str | None
    slot: int | None
    scope: list[str] = field(default_factory=list)
    decorator: bool = False  # inside a decorator: @dataclass(frozen=True), @edge.on(..., who=...)
    owner: ast.AST | None = None  # the statement of the module or class body it is part of


def walk(tree: ast.AST) -> list[Site]:
    """Every node with its parent and enclosing functions, in a fixed order."""
    sites: list[Site] = []

    def visit(node, parent, name, slot, scope, decorator, owner):
        if isinstance(parent, (ast.Module, ast.ClassDef)) and name == "body":
            owner = node
        sites.append(Site(node, parent, name, slot, scope, decorator, owner))
        inner = scope + [node.name] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
            else scope
        for fname, value in ast.iter_fields(node):
            inside = decorator or fname == "decorator_list"
            if isinstance(value, list):
                for i, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        visit(child, node, fname, i, inner, inside, owner)
            elif isinstance(value, ast.AST):
                visit(value, node, fname, None, inner, inside, owner)
    visit(tree, None, None, None, [], False, None)
    return sites


COMPARE = {ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.Lt: [ast.LtE, ast.GtE], ast.LtE: [ast.Lt, ast.Gt],
           ast.Gt: [ast.GtE, ast.LtE], ast.GtE: [ast.Gt, ast.Lt], ast.In: [ast.NotIn], ast.NotIn: [ast.In],
           ast.Is: [ast.IsNot], ast.IsNot: [ast.Is]}
SYMBOL = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.In: "in",
          ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-", ast.Mult: "*",
          ast.Div: "/", ast.FloorDiv: "//", ast.And: "and", ast.Or: "or"}
ARITHMETIC = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Mult}
SWAPPED_CALLS = {"ceil": "floor", "floor": "ceil", "min": "max", "max": "min", "any": "all", "all": "any"}
QUIET_CALLS = {"log", "logging", "debug", "info", "warning"}  # deleting a log line changes no behaviour


def _short(node: ast.AST, limit: int = 90) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _call_name(call: ast.Call) -> str:
    fn = call.func
    return fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""


def _is_docstring(site: Site) -> bool:
    return isinstance(site.parent, ast.Expr) and isinstance(site.node, ast.Constant) \
        and isinstance(site.node.value, str)


def _in_annotation(sites_by_id: dict, site: Site) -> bool:
    return site.field in ("annotation", "returns")


def mutations(site: Site) -> list[tuple[str, str]]:
    """(operator, change) for each mutant of this node, in variant order."""
    node = site.node
    found: list[tuple[str, str]] = []
    if isinstance(node, ast.Compare):
        for op in node.ops:
            for new in COMPARE.get(type(op), []):
                found.append(("compare", f"{_short(node)}  [{SYMBOL[type(op)]} -> {SYMBOL[new]}]"))
    elif isinstance(node, ast.BoolOp):
        other = "or" if isinstance(node.op, ast.And) else "and"
        found.append(("boolean", f"{_short(node)}  [{SYMBOL[type(node.op)]} -> {other}]"))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        found.append(("not", f"{_short(node)}  [drop not]"))
    elif isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC:
        found.append(("arithmetic", f"{_short(node)}  [{SYMBOL[type(node.op)]} -> "
                                    f"{SYMBOL[ARITHMETIC[type(node.op)]]}]"))
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        found.append(("constant", f"{_short(node)}  [-> {not node.value}]"))
    elif isinstance(node, ast.Constant) and type(node.value) is int and site.field != "annotation":
        found.append(("constant", f"{_short(node)}  [-> {node.value + 1}]"))
    elif isinstance(node, ast.If):
        found.append(("if", f"if {_short(node.test)}:  [-> if False]"))
    elif isinstance(node, ast.Raise):
        found.append(("raise", f"{_short(node)}  [-> pass]"))
    elif isinstance(node, ast.Return) and node.value is not None \
            and not (isinstance(node.value, ast.Constant) and node.value.value is None):
        found.append(("return", f"{_short(node)}  [-> return None]"))
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and _call_name(node.value) not in QUIET_CALLS \
            and not (isinstance(node.value.func, ast.Attribute) and isinstance(node.value.func.value, ast.Name)
                     and node.value.func.value.id in QUIET_CALLS):
        found.append(("statement", f"{_short(node)}  [-> pass]"))
    elif isinstance(node, ast.Call) and _call_name(node) in SWAPPED_CALLS:
        name = _call_name(node)
        found.append(("call", f"{_short(node)}  [{name} -> {SWAPPED_CALLS[name]}]"))
    elif isinstance(node, ast.keyword) and node.arg == "audience":
        found.append(("audience", f"{_short(node)}  [drop the audience: everyone hears it]"))
    return found


def role_mutations(site: Site) -> list[tuple[str, str]]:
    """A declared role widened: ``who=FACILITATOR`` (or the role passed by position) to the next wider."""
    node = site.node
    if isinstance(node, ast.keyword) and node.arg == "who" and isinstance(node.value, ast.Name) \
            and node.value.id in ROLES:
        return [("role", f"who={node.value.id}  [-> {ROLES[node.value.id]}]")]
    if isinstance(node, ast.Name) and node.id in ROLES and isinstance(site.parent, ast.Call) \
            and site.field == "args":
        return [("role", f"{_short(site.parent)}  [{node.id} -> {ROLES[node.id]}]")]
    return []


def apply(site: Site, variant: int) -> None:
    """Change the node at ``site`` in place: the ``variant``-th mutation that
    ``mutations``/``role_mutations`` listed for it."""
    node = site.node
    if isinstance(node, ast.Compare):
        options = [(i, new) for i, op in enumerate(node.ops) for new in COMPARE.get(type(op), [])]
        i, new = options[variant]
        node.ops[i] = new()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):
        _replace(site, node.operand)
    elif isinstance(node, ast.BinOp):
        node.op = ARITHMETIC[type(node.op)]()
    elif isinstance(node, ast.Constant):
        node.value = (not node.value) if type(node.value) is bool else node.value + 1
    elif isinstance(node, ast.If):
        node.test = ast.Constant(False)
    elif isinstance(node, (ast.Raise, ast.Expr)):
        _replace(site, ast.Pass())
    elif isinstance(node, ast.Return):
        node.value = None
    elif isinstance(node, ast.Call):
        name = _call_name(node)
        if isinstance(node.func, ast.Name):
            node.func.id = SWAPPED_CALLS[name]
        else:
            node.func.attr = SWAPPED_CALLS[name]
    elif isinstance(node, ast.keyword) and node.arg == "who":
        node.value.id = ROLES[node.value.id]
    elif isinstance(node, ast.Name):
        node.id = ROLES[node.id]
    elif isinstance(node, ast.keyword):
        call = site.parent
        call.keywords.remove(node)
    ast.fix_missing_locations(site.parent or node)


def _replace(site: Site, new: ast.AST) -> None:
    ast.copy_location(new, site.node)
    if site.slot is None:
        setattr(site.parent, site.field, new)
    else:
        getattr(site.parent, site.field)[site.slot] = new


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _targets() -> list[tuple[Path, bool]]:
    """(file, whole?) for every file to mutate."""
    files: list[tuple[Path, bool]] = []
    for place, whole in [(p, True) for p in WHOLE] + [(p, False) for p in PARTLY]:
        target = ROOT / place
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            if not any(path == known for known, _ in files):
                files.append((path, whole))
    return files


def _authorisation(scope: list[str]) -> bool:
    return any(name in AUTH or ".".join(scope[i:i + 2]) in AUTH for i, name in enumerate(scope))


def generate(only: str | None) -> list[Mutant]:
    mutants = []
    for path, whole in _targets():
        if only and only not in str(path.relative_to(ROOT)):
            continue
        tree = ast.parse(path.read_text(), str(path))
        docstrings = {id(s.node) for s in walk(tree) if _is_docstring(s)}
        for index, site in enumerate(walk(tree)):
            if id(site.node) in docstrings or _in_annotation({}, site) or not hasattr(site.node, "lineno"):
                continue
            if _skipped(site):
                continue
            found = role_mutations(site)
            # A decorator declares (a frozen dataclass, a route): only its role is a rule.
            if (whole or _authorisation(site.scope)) and not site.decorator:
                found += mutations(site)
            elif isinstance(site.node, ast.Expr) and isinstance(site.node.value, ast.Call) \
                    and _call_name(site.node.value) in AUTH_CALLS:
                found += [("statement", f"{_short(site.node)}  [-> pass]")]
            for variant, (operator, change) in enumerate(found):
                mutants.append(Mutant(path, _module_name(path), index, variant, site.node.lineno,
                                      ".".join(site.scope) or ",".join(_assigned(site.owner)) or "<module>",
                                      change, operator,
                                      names=_assigned(site.owner)))
    return mutants


def _assigned(statement: ast.AST | None) -> tuple[str, ...]:
    """The names a module or class statement assigns (``LIMIT = 3``, ``code = "x"``, ``dots: int = 5``)."""
    if isinstance(statement, ast.Assign):
        return tuple(t.id for t in statement.targets if isinstance(t, ast.Name))
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return (statement.target.id,)
    return ()


def _skipped(site: Site) -> bool:
    """Code whose mutation says nothing about the rules: type-checking blocks, ``__all__``."""
    node = site.node
    if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
        return True
    return False


def mutated_code(mutant: Mutant):
    tree = ast.parse(mutant.path.read_text(), str(mutant.path))
    sites = walk(tree)
    apply(sites[mutant.index], mutant.variant)
    ast.fix_missing_locations(tree)
    return compile(tree, str(mutant.path), "exec", dont_inherit=True)


# -- running ---------------------------------------------------------------------------------

class MutantFinder:
    """Import hook: ``module`` comes from the mutated code object, under its real file name."""
    def __init__(self, module: str, path: Path, code) -> None:
        self.module, self.path, self.code = module, path, code

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.module:
            return None
        import importlib.util
        package = [str(self.path.parent)] if self.path.name == "__init__.py" else None
        return importlib.util.spec_from_file_location(fullname, str(self.path), loader=self,
                                                      submodule_search_locations=package)

    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        exec(self.code, module.__dict__)


def _ordered(mutant: Mutant, tests: list[str], durations: dict[str, float]) -> list[str]:
    """Likely killers first (the module's own test files, the security tests for a
    role), quick tests before slow ones: the run stops at the first failure."""
    stem = mutant.path.stem.rstrip("s")
    first = "security" if mutant.operator == "role" else stem

    def rank(test: str) -> tuple:
        name = test.split("::")[0]
        return (first not in name, stem not in name, durations.get(test, 1.0))
    return sorted(tests, key=rank)


class Selection:
    """Run exactly these tests, in this order (node ids are not always valid
    command-line arguments: a parameter may hold a slash or a space)."""
    def __init__(self, tests: list[str]) -> None:
        self.order = {test: i for i, test in enumerate(tests)}

    def pytest_collection_modifyitems(self, session, config, items) -> None:
        items[:] = sorted((i for i in items if i.nodeid in self.order), key=lambda i: self.order[i.nodeid])


def start(mutant: Mutant, durations: dict[str, float], scratch: Path) -> int:
    code = mutated_code(mutant)
    tests = _ordered(mutant, mutant.tests or [], durations)
    pid = os.fork()
    if pid:
        return pid
    try:  # the child: never returns
        scratch.mkdir(parents=True, exist_ok=True)
        output = os.open(scratch / "output.txt", os.O_WRONLY | os.O_CREAT)
        os.dup2(output, 1)
        os.dup2(output, 2)
        sys.meta_path.insert(0, MutantFinder(mutant.module, mutant.path, code))
        import pytest
        files = list(dict.fromkeys(test.split("::")[0] for test in tests))
        status = pytest.main(["-x", "-q", "-p", "no:cacheprovider", f"--basetemp={scratch / 'tmp'}", *files],
                             plugins=[Selection(tests)])
        os._exit(int(status))
    except BaseException:
        os._exit(99)


def verdict(status: int) -> str:
    if os.WIFSIGNALED(status):
        return "timeout" if os.WTERMSIG(status) == signal.SIGKILL else "killed"
    code = os.WEXITSTATUS(status)
    # 1: a test failed; 2: interrupted (the mutated module failed to import); 3: pytest broke inside.
    return {0: "survived", 1: "killed", 2: "killed", 3: "killed"}.get(code, f"error {code}")


# Run first what the rules of a workshop hang on, so that a run cut short has looked there.
FIRST = ["organise", "realtime", "votes", "polls", "cards", "topics", "workshops", "people", "events", "viewer"]


def _urgency(mutant: Mutant) -> int:
    path = str(mutant.path.relative_to(ROOT))
    return next((i for i, part in enumerate(FIRST) if part in path), len(FIRST))


def run_all(mutants: list[Mutant], jobs: int, durations: dict[str, float]) -> None:
    queue = sorted((m for m in mutants if m.tests), key=_urgency)
    for m in mutants:
        if not m.tests:
            m.result = "uncovered"
    total, done = len(queue), 0
    running: dict[int, tuple[Mutant, float, float, Path]] = {}
    scratch_root = Path(tempfile.mkdtemp(prefix="bowtie-mutate-"))
    (WORK / "progress.jsonl").write_text("")
    try:
        while queue or running:
            while queue and len(running) < jobs:
                mutant = queue.pop(0)
                scratch = scratch_root / str(mutant.index * 100 + mutant.variant)
                budget = 30 + 3 * sum(durations.get(t, 1.0) for t in mutant.tests or [])
                running[start(mutant, durations, scratch)] = (mutant, time.monotonic(), budget, scratch)
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                now = time.monotonic()
                for child, (_, began, budget, _) in running.items():
                    if now - began > budget:
                        os.kill(child, signal.SIGKILL)
                time.sleep(0.05)
                continue
            if pid not in running:
                continue
            mutant, began, _, scratch = running.pop(pid)
            mutant.result, mutant.seconds = verdict(status), time.monotonic() - began
            if mutant.result.startswith("error"):
                log = scratch / "output.txt"
                mutant.detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            shutil.rmtree(scratch, ignore_errors=True)
            done += 1
            with open(WORK / "progress.jsonl", "a") as progress:
                progress.write(json.dumps({"where": mutant.where, "key": mutant.key, "result": mutant.result,
                                           "seconds": round(mutant.seconds, 2)}) + "\n")
            mark = "." if mutant.result in ("killed", "timeout") else "S" if mutant.result == "survived" else "E"
            print(mark, end="" if done % 80 else f" {done}/{total}\n", flush=True)
    finally:
        for child in running:
            os.kill(child, signal.SIGKILL)
        shutil.rmtree(scratch_root, ignore_errors=True)
    print()


# -- the equivalents and the report ----------------------------------------------------------

def equivalents() -> dict[str, str]:
    """``key ## why`` lines of tools/mutants-equivalent.txt (``#`` lines are comments)."""
    found = {}
    if EQUIVALENT.exists():
        for line in EQUIVALENT.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, _, why = line.partition(" ## ")
                found[key.strip()] = why.strip()
    return found


def report(mutants: list[Mutant]) -> float:
    explained = equivalents()
    counted = [m for m in mutants if m.key not in explained and not m.result.startswith("error")]
    killed = [m for m in counted if m.result in ("killed", "timeout")]
    survivors = [m for m in counted if m.result in ("survived", "uncovered")]
    errors = [m for m in mutants if m.result.startswith("error")]
    lines = []
    for m in sorted(survivors, key=lambda m: (str(m.path), m.line)):
        lines.append(f"{m.where}  {m.result}  {m.key}")
    for m in errors:
        lines.append(f"{m.where}  {m.result}  {m.key}  (the run broke: not counted)")
        lines.extend("    " + line for line in m.detail.splitlines()[-8:])
    unused = set(explained) - {m.key for m in mutants}
    score = 100.0 * len(killed) / len(counted) if counted else 100.0
    summary = (f"mutants: {len(mutants)}, explained as equivalent: {len(mutants) - len(counted) - len(errors)}, "
               f"killed: {len(killed)}, survived: {len(survivors)}, broken runs: {len(errors)}\n"
               f"score: {score:.1f}% killed")
    text = "\n".join(lines + ([""] + [f"stale equivalent (no such mutant now): {k}" for k in sorted(unused)]
                              if unused else []) + ["", summary])
    print(text)
    WORK.mkdir(exist_ok=True)
    (WORK / "report.txt").write_text(text + "\n")
    (WORK / "results.json").write_text(json.dumps(
        [{"where": m.where, "key": m.key, "operator": m.operator, "result": m.result,
          "seconds": round(m.seconds, 2)} for m in mutants], indent=1))
    return score


def so_far() -> int:
    explained = equivalents()
    runs = [json.loads(line) for line in (WORK / "progress.jsonl").read_text().splitlines() if line]
    counted = [r for r in runs if r["key"] not in explained and not r["result"].startswith("error")]
    killed = sum(r["result"] in ("killed", "timeout") for r in counted)
    for r in counted:
        if r["result"] == "survived":
            print(f"{r['where']}  survived  {r['key']}")
    print(f"run so far: {len(runs)}, explained as equivalent: {sum(r['key'] in explained for r in runs)}, "
          f"killed: {killed}, survived: {len(counted) - killed}\n"
          f"score so far: {100.0 * killed / max(1, len(counted)):.1f}% killed")
    return 0


def _warm_up() -> None:
    # Let the children share compiled modules (the environment may say PYTHONDONTWRITEBYTECODE):
    # the first child that imports a module writes its .pyc, pytest's rewritten tests included.
    sys.dont_write_bytecode = False
    for name in WARM:
        try:
            __import__(name)
        except ImportError:
            pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", help="mutate only files whose path contains this, e.g. store/votes")
    parser.add_argument("--reuse-map", action="store_true", help="keep the coverage map of the last run")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--so-far", action="store_true",
                        help="the score of the mutants run so far (.mutate/progress.jsonl), for a run cut short")
    args = parser.parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    if args.so_far:
        return so_far()
    mutants = generate(args.only)
    if args.list:
        for m in mutants:
            print(f"{m.where}  {m.operator}  {m.key}")
        print(f"{len(mutants)} mutants")
        return 0
    if not (args.reuse_map and _map_is_fresh()):
        build_map()
    tests = TestMap()
    for m in mutants:
        m.tests = tests.tests_for(m.path, m.line)
        if m.names and m.tests is not None and len(m.tests) == len(tests.durations):
            m.tests = tests.tests_using(m.names) or m.tests
    print(f"{len(mutants)} mutants, {sum(1 for m in mutants if m.tests)} run by some test; {args.jobs} at a time",
          flush=True)
    _warm_up()
    run_all(mutants, args.jobs, tests.durations)
    report(mutants)
    return 0


if __name__ == "__main__":
    sys.exit(main())
