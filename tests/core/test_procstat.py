"""The child-process meter charges a child for the workers it starts (the crawl's page readers)."""
import subprocess
import sys
import textwrap

from incidents.procstat import wait_measured

# the grandchild holds ~120 MB while the child itself stays small
_SCRIPT = textwrap.dedent("""
    import subprocess, sys
    worker = "import time; b = bytearray(120 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.0)"
    subprocess.run([sys.executable, "-c", worker], check=True)
""")


def test_peak_includes_grandchildren():
    proc = subprocess.Popen([sys.executable, "-c", _SCRIPT])
    usage = wait_measured(proc, timeout=60)
    assert usage.returncode == 0
    assert usage.peak_rss_mb >= 120
    assert usage.own_peak_rss_mb < 100  # the child's own figure leaves its worker out


def test_peak_of_a_lone_child_is_its_own():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
    usage = wait_measured(proc, timeout=60)
    assert usage.returncode == 0
    assert 1 < usage.peak_rss_mb < 100
