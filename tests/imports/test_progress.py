"""What import_data shows while it works: a tqdm bar on a terminal, plain lines every 10% elsewhere."""

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    """Output that says it is a terminal, as sys.stdout does in an interactive shell."""

    def isatty(self):
        return True


def zcta_file(tmp_path, rows):
    path = tmp_path / "2025_Gaz_zcta_national.txt"
    lines = (f"{n:05d}|4{n % 10}.{n:04d}|-7{n % 10}.{n:04d}\n" for n in range(1, rows + 1))
    path.write_text("GEOID|INTPTLAT|INTPTLONG\n" + "".join(lines))
    return path


def test_a_terminal_gets_a_progress_bar_from_start_to_end(tmp_path):
    path = zcta_file(tmp_path, 3000)
    size = f"{path.stat().st_size / 1000:.1f}k"  # tqdm's unit_scale: 69.0k bytes
    out = Terminal()
    call_command("import_data", "zcta", str(path), stdout=out)
    output = out.getvalue()
    frames = [frame for frame in re.split(r"[\r\n]", output) if "|" in frame and "it/s" in frame]
    assert frames, output
    assert re.match(rf"\s*0%\|\s+\| 0\.00/{re.escape(size)} ", frames[0])
    assert re.match(rf"\s*100%\|[█#]+\| {re.escape(size)}/{re.escape(size)} ", frames[-1])
    assert "\n  10%\n" not in output  # no plain lines on a terminal
    assert "zcta 2025_Gaz_zcta_national.txt: created 3,000" in output


def test_elsewhere_plain_lines_every_tenth(tmp_path):
    out = io.StringIO()
    call_command("import_data", "zcta", str(zcta_file(tmp_path, 3000)), stdout=out)
    steps = [int(step) for step in re.findall(r"^  (\d+)%$", out.getvalue(), flags=re.M)]
    # The file is read in buffered blocks, so a line may jump a tenth; each is a new tenth, ending at 100%.
    assert len(steps) > 3 and steps == sorted(set(steps)) and steps[-1] == 100
    assert all(step % 10 == 0 for step in steps) and "it/s" not in out.getvalue()
