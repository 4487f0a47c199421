"""Audit the pinned runtime dependencies for known vulnerabilities (pip-audit).

Policy: a known vulnerability fails the build. A package the vulnerability
service cannot be asked about (offline CI, a mirror without PyPI's JSON API,
the service down) is reported loudly but does not fail it: CI for an app that
runs on venue LANs must not turn red because a remote service is unreachable.
The report says how many packages were actually checked.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"


def main() -> int:
    run = subprocess.run([str(PIP_AUDIT), "--progress-spinner", "off", "--format", "json",
                          "--requirement", str(ROOT / "requirements.txt")],
                         capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(f"audit: pip-audit gave no report (exit {run.returncode}); vulnerability data unavailable:\n"
              f"{run.stderr.strip()[-2000:]}", file=sys.stderr)
        return 0 if _unreachable(run.stderr) else 1
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(f"audit: {dep['name']} {dep.get('version')}: {vuln['id']} (fixed in {fixes})")
    checked = len(deps) - len(skipped)
    print(f"audit: {checked} of {len(deps)} runtime packages checked, {len(vulnerable)} with known vulnerabilities")
    if skipped:
        print(f"audit: WARNING: {len(skipped)} packages could not be checked (vulnerability service "
              f"unreachable?), e.g. {skipped[0]['skip_reason']}", file=sys.stderr)
    return 1 if vulnerable else 0


def _unreachable(stderr: str) -> bool:
    return any(word in stderr for word in ("ConnectionError", "Max retries", "Temporary failure", "timed out",
                                           "Name or service not known", "Network is unreachable"))


if __name__ == "__main__":
    sys.exit(main())
