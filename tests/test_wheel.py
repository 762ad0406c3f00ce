"""A built wheel installed into a fresh virtual environment finds all its data: the
vocabularies, translations, icons, prices and the model catalog ship inside the package."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(300)
def test_an_installed_wheel_runs_the_doctor_with_its_own_data(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(wheels), str(ROOT)], check=True, cwd=tmp_path,
                   capture_output=True)
    [wheel] = wheels.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    site, str(wheel)], check=True, capture_output=True)
    # The dependencies (PySide6, openai…) come from this environment, not downloaded again;
    # a path added by a .pth file is not scanned for .pth files, so the checkout's editable
    # install stays out and `playground` is the wheel's.
    import sysconfig

    (Path(site) / "test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    check = ("import playground, pathlib;"
             "from playground.resources import resources_dir;"
             "from playground.usage.encodings import get_encoding;"
             "from playground.model.capabilities import model_info;"
             "d = resources_dir(); assert 'site-packages' in str(d), d;"
             "assert (d / 'translations' / 'openai_playground_zh_CN.qm').is_file();"
             "assert (d / 'icons' / 'openai-playground.svg').is_file();"
             "assert (d / 'pricing.toml').is_file();"
             "assert get_encoding('o200k_base').encode('hello');"
             "assert model_info('gpt-5.5').context_window;"
             "print(playground.__file__)")
    done = subprocess.run([str(python), "-c", check], capture_output=True, text=True,
                          cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "site-packages" in done.stdout and str(ROOT) not in done.stdout
    doctor = subprocess.run([str(python), "-m", "playground", "--doctor"], capture_output=True,
                            text=True, cwd=tmp_path, env={**env, "QT_QPA_PLATFORM": "offscreen"})
    assert "Token counting" in doctor.stdout + doctor.stderr
    assert "missing o200k_base" not in doctor.stdout + doctor.stderr
