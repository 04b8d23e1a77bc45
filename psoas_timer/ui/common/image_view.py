"""A step's picture, drawn crisp at any size: SVG through QtSvg, other formats as pixmaps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImageReader, QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.i18n import _

__all__ = ["ImageView"]


class ImageView(QWidget):
    """Shows one image scaled to fit, keeping its shape; empty (and hidden) without one."""

    def __init__(self, parent: QWidget | None = None, *, minimum: int = 120) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._svg: QSvgRenderer | None = None
        self._pixmap: QPixmap | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(minimum, minimum)
        self.setAccessibleName(_("Step picture"))

    @property
    def path(self) -> Path | None:
        return self._path

    def sizeHint(self) -> QSize:
        return QSize(320, 240)

    def set_image(self, path: str | Path | None) -> bool:
        """Show the image at *path*; returns whether there is one to show."""
        new = Path(path) if path else None
        if new == self._path:
            return self.has_image()
        if self._svg is not None:  # a child of this view: it would live as long as the view
            self._svg.deleteLater()
        self._path, self._svg, self._pixmap = new, None, None
        if new is not None and new.is_file():
            if new.suffix.lower() in (".svg", ".svgz"):
                renderer = QSvgRenderer(str(new), self)
                if renderer.isValid():
                    self._svg = renderer
                else:
                    renderer.deleteLater()
            else:
                reader = QImageReader(str(new))
                image = reader.read()
                self._pixmap = QPixmap.fromImage(image) if not image.isNull() else None
        self.setAccessibleDescription(new.stem.replace("-", " ") if new else "")
        self.update()
        return self.has_image()

    def has_image(self) -> bool:
        return self._svg is not None or self._pixmap is not None

    def _natural(self) -> QSize:
        if self._svg is not None:
            return self._svg.defaultSize()
        return self._pixmap.size() if self._pixmap is not None else QSize()

    def paintEvent(self, event: QPaintEvent) -> None:
        natural = self._natural()
        if natural.isEmpty():
            return
        fitted = natural.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(
            (self.width() - fitted.width()) / 2,
            (self.height() - fitted.height()) / 2,
            fitted.width(),
            fitted.height(),
        )
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._svg is not None:
            self._svg.render(p, target)
        elif self._pixmap is not None:
            p.drawPixmap(target.toRect(), self._pixmap)
        p.end()
