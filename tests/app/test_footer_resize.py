"""The footer after a resize: no stray characters at its right edge (issue 11: `…a▏^p
palettea`, then `palettep`). The compact footer's palette key stopped one cell short of the
edge, and that cell showed the key lying under it whenever the keys overflowed; and the keys
that did not fit were cut mid-word under the palette key (`v ran▏^p palette`)."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from .conftest import loaded, make_app
from .test_app import screen_text


async def test_the_palette_key_covers_the_footers_right_edge_at_every_width():
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await loaded(pilot)
        every_key = screen_text(app).splitlines()[-1].split("▏")[0].rstrip()
        for width in (100, 80, 78, 70, 66, 60, 54, 50, 44, 40, 90):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            footer = app.screen.query_one(Footer)
            (palette,) = [k for k in footer.query(FooterKey) if k.has_class("-command-palette")]
            assert palette.region.right == footer.region.right == width, width
            last_row = screen_text(app).splitlines()[-1]
            assert len(last_row) == width
            assert last_row.endswith("▏^p palette "), (width, last_row)
            shown = last_row.split("▏")[0].rstrip()
            assert every_key.startswith(shown), (width, shown)
            assert every_key[len(shown) : len(shown) + 1] in ("", " "), (width, shown)  # whole
