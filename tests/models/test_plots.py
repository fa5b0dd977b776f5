"""ROC / reliability PNGs: real images, and an interrupted write never leaves half a file."""

from __future__ import annotations

import numpy as np
import pytest

from credibility.models.plots import reliability_png, roc_png

Y = np.array([0, 0, 0, 1, 1, 1, 0, 1])
P = np.array([0.1, 0.3, 0.6, 0.7, 0.8, 0.4, 0.2, 0.9])


def test_plots_are_png_files(tmp_path):
    for path in (roc_png(Y, P, tmp_path / "roc.png", threshold=0.5), reliability_png(Y, P, tmp_path / "rel.png")):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rel.png", "roc.png"]


def test_a_failed_write_keeps_the_old_plot_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    target = tmp_path / "roc.png"
    target.write_bytes(b"old plot")

    def broken_savefig(self, fh, **kwargs):
        fh.write(b"half a png")
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", broken_savefig)
    with pytest.raises(OSError, match="disk full"):
        roc_png(Y, P, target)
    assert target.read_bytes() == b"old plot"
    assert [p.name for p in tmp_path.iterdir()] == ["roc.png"]
