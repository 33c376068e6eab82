"""The footer, showing only the keys that fit whole.

Textual's Footer lets its keys run under the palette key and off the right edge when the
terminal is narrow, so a narrow or resized screen showed `… q quit v ran▏^p palette`. This
footer hides, from the first one that would be cut, the keys that do not fit (they are all
still in help `?` and the palette).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


class FittingFooter(Footer):
    # Textual's Footer queues one recompose (a dozen keys, styled anew) per change of the
    # bindings; a start changes them five times before the first paint. One queued
    # recompose reads the bindings as they are when it runs, so the rest are dropped.
    _recompose_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        if self._recompose_queued:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._recompose_queued = True  # what Footer.bindings_changed just queued

    async def recompose(self) -> None:
        self._recompose_queued = False
        await super().recompose()

    def compose(self) -> ComposeResult:
        yield from super().compose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self._fit()

    def _width(self, key: Widget) -> int:
        """The cells a key takes, laid out or hidden: its text, padding, border, margin."""
        content = key.get_content_width(self.size, self.app.size)
        return content + key.styles.gutter.width + key.styles.margin.width

    def _fit(self) -> None:
        if not self.is_attached:
            return
        keys = [child for child in self.children if not child.has_class("-command-palette")]
        room = self.size.width - sum(
            self._width(child) for child in self.children if child.has_class("-command-palette")
        )
        x = 0
        fits = True
        for key in keys:
            width = self._width(key)
            fits = fits and x + width - key.styles.margin.right <= room
            key.display = fits
            x += width
